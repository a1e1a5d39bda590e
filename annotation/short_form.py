"""The label block of the guidelines in short (``baselines/llm/guidelines.md``, the llm
baseline's prompt), generated from ``corpus/schema.py`` and the tables of ``guidelines.md``.

Each label of the schema with the definition the guidelines' table gives it: mention kinds
(*test*), mention types (*what*, *include / exclude*), relation types (*the sentence states
that …*, with the argument types of the schema); then the claim attributes and claim links.
``python -m annotation.short_form baselines/llm/guidelines.md`` rewrites the block between its
``<!-- labels:begin -->`` and ``<!-- labels:end -->`` markers after the guidelines change.
"""

from __future__ import annotations

import re
import sys

from annotation.guidelines import GUIDELINES
from corpus.markdown import embed_block, rewrite_files
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    default_claim_attribute,
)

BLOCK = "labels"
# The headers of the guidelines' tables that define labels.
KINDS_TABLE = ("kind", "test", "examples")
TYPES_TABLE = ("type", "what", "include / exclude", "examples")
RELATIONS_TABLE = ("type", "head → tail", "the sentence states that …", "examples")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"\s\|(?=\s)", f" {line.strip().strip('|')} ")]


def table_rows(document: str, header: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The rows of the table of ``document`` whose header is ``header``, by their first cell,
    each as column -> cell; a :class:`ValueError` when there is no such table or a row has
    another number of cells."""
    lines = document.splitlines()
    starts = [
        i for i, line in enumerate(lines) if line.startswith("|") and _cells(line) == [*header]
    ]
    if len(starts) != 1:
        raise ValueError(f"{GUIDELINES}: expected one table headed {header}, found {len(starts)}")
    rows: dict[str, dict[str, str]] = {}
    for line in lines[starts[0] + 2 :]:
        if not line.startswith("|"):
            break
        cells = _cells(line)
        if len(cells) != len(header):
            raise ValueError(f"{GUIDELINES}: table row with {len(cells)} cells: {line[:60]}")
        rows[cells[0]] = dict(zip(header, cells, strict=True))
    return rows


def _defined(rows: dict[str, dict[str, str]], labels: tuple[str, ...] | dict) -> list[dict]:
    """The rows of ``labels``, in the schema's order; a :class:`ValueError` naming the labels
    the table leaves out or the labels it has that the schema does not."""
    missing, extra = set(labels) - rows.keys(), rows.keys() - set(labels)
    if missing or extra:
        raise ValueError(
            f"{GUIDELINES}: the table's labels differ from the schema's: missing "
            f"{sorted(missing)}, unknown {sorted(extra)}"
        )
    return [rows[label] for label in labels]


# Where an example comes from ("(train: ID)", "(constructed)"): for annotators, not the prompt.
ORIGIN = re.compile(
    r"\s*\((?:train: [0-9a-f]{16}|constructed)\)|,\s*(?:train: [0-9a-f]{16}|constructed)(?=\))"
)


def _sentence(*parts: str) -> str:
    return ORIGIN.sub("", "; ".join(part.rstrip(".") for part in parts if part) + ".")


def render_labels(guidelines: str) -> str:
    """The label block, from the schema and the tables of the ``guidelines`` text."""
    kinds = _defined(table_rows(guidelines, KINDS_TABLE), MENTION_KINDS)
    types = _defined(table_rows(guidelines, TYPES_TABLE), MENTION_TYPES)
    relations = _defined(table_rows(guidelines, RELATIONS_TABLE), RELATION_TYPES)
    lines = ["**Mention kinds**", ""]
    lines += [
        f"- {row['kind']}: {_sentence(row['test'])} E.g. {_sentence(row['examples'])}"
        for row in kinds
    ]
    lines += ["", "**Mention types**", ""]
    lines += [
        f"- {row['type']}: {_sentence(row['what'], row['include / exclude'])} "
        f"E.g. {_sentence(row['examples'])}"
        for row in types
    ]
    lines += ["", "**Relation types** (head types → tail types; ↔: symmetric)", ""]
    for row in relations:
        spec = RELATION_TYPES[row["type"]]
        arrow = "↔" if spec.symmetric else "→"
        arguments = f"{'|'.join(sorted(spec.heads))} {arrow} {'|'.join(sorted(spec.tails))}"
        lines.append(
            f"- {row['type']} ({arguments}): the sentence states that "
            f"{_sentence(row['the sentence states that …'])} E.g. {_sentence(row['examples'])}"
        )
    lines += ["", "**Claim attributes** (the default first)", ""]
    for name, values in CLAIM_ATTRIBUTES.items():
        default = default_claim_attribute(name)
        ordered = [default, *(value for value in values if value != default)]
        lines.append(f"- {name}: {', '.join(ordered)}")
    lines += ["", "**Claim links**", ""]
    lines += [
        f"- {name}{' (symmetric)' if symmetric else ''}"
        for name, symmetric in CLAIM_LINK_TYPES.items()
    ]
    return "\n".join(lines) + "\n"


def embed_labels(short_form: str) -> str:
    """``short_form`` with the label block rendered from the current guidelines."""
    return embed_block(short_form, BLOCK, render_labels(GUIDELINES.read_text(encoding="utf-8")))


if __name__ == "__main__":
    rewrite_files(sys.argv[1:], embed_labels)
