"""The dataset card (``README.md``) of an export: YAML metadata made by ``datasets`` and a body.

The metadata goes through the same machinery as ``Dataset.push_to_hub``: ``DatasetInfosDict``
writes ``dataset_info`` (features, splits, sizes) and ``MetadataConfigs`` writes ``configs``.
Every label listed in the body is read from ``corpus/schema.py``; nothing here depends on time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from datasets import ClassLabel, List, Value
from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard, DatasetCardData

from corpus.features import DEFAULT_CONFIG, NER_TAG_NAMES
from corpus.licences import licence_of
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    ArticleMeta,
)

PRETTY_NAME = "claimwire"
ANNOTATION_LICENSE = "CC BY 4.0"
REPO_PLACEHOLDER = "ORG/NAME"
TASK_CATEGORIES = ["token-classification", "text-classification"]
TASK_IDS = ["named-entity-recognition", "coreference-resolution", "multi-class-classification"]
# Hub size categories by number of documents: (upper bound, name); the last has no bound.
SIZE_CATEGORIES = [
    (1_000, "n<1K"),
    (10_000, "1K<n<10K"),
    (100_000, "10K<n<100K"),
    (1_000_000, "100K<n<1M"),
]
CONFIG_ROWS = {
    "documents": "one row per gold document: text, metadata and every annotation layer",
    "ner": "one row per sentence: tokens and IOB2 tags of the name (NAM) mentions",
    "claims": "one row per claim: context sentence(s), source mentions, cue, content, "
    "attributes and parent claim",
    "relations": "one row per relation: arguments, type, context sentence(s) and whether "
    "both arguments lie inside one claim's content (`in_claim`)",
}


@dataclass(frozen=True)
class CardInputs:
    infos: DatasetInfosDict  # config -> features, splits and sizes
    data_files: dict[str, dict[str, str]]  # config -> split -> parquet path in the folder
    statistics: dict[str, dict[str, int]]  # split -> figure -> count
    articles: list[ArticleMeta]  # metadata of the exported articles
    agreement: dict[str, Any] | None  # corpus/agreement.json, when it exists
    repo_id: str | None  # ORG/NAME on the hub, when known
    left_out: list[ArticleMeta] | None = None  # gold documents an --open-only export leaves out
    provenance: str | None = None  # the corpus's PROVENANCE.md: how its gold was made


def render_card(inputs: CardInputs) -> str:
    return str(DatasetCard(f"---\n{card_metadata(inputs).to_yaml()}\n---\n\n{card_body(inputs)}"))


def card_metadata(inputs: CardInputs) -> DatasetCardData:
    documents = sum(figures["documents"] for figures in inputs.statistics.values())
    data = DatasetCardData(
        pretty_name=PRETTY_NAME,
        license="other",
        license_name="cc-by-4.0-annotations",
        license_details=f"Annotations: {ANNOTATION_LICENSE}. Article texts: the rights recorded "
        "in each article's meta.rights (see the card).",
        language=sorted({meta.language for meta in inputs.articles}),
        task_categories=TASK_CATEGORIES,
        task_ids=TASK_IDS,
        size_categories=[size_category(documents)],
    )
    inputs.infos.to_dataset_card_data(data)
    configs = {
        config: {
            "data_files": [{"split": split, "path": path} for split, path in files.items()],
            **({"default": True} if config == DEFAULT_CONFIG else {}),
        }
        for config, files in inputs.data_files.items()
    }
    MetadataConfigs(configs).to_dataset_card_data(data)
    return data


def size_category(count: int) -> str:
    for bound, name in SIZE_CATEGORIES:
        if count < bound:
            return name
    return "n>1M"


# --- body ------------------------------------------------------------------------------------


def card_body(inputs: CardInputs) -> str:
    repo = inputs.repo_id or REPO_PLACEHOLDER
    sections = [
        f"# {PRETTY_NAME}\n\n"
        "An annotated news corpus and evaluation benchmark for three layers of information "
        "extraction: typed entity mentions grouped into entities, typed relations between "
        "mentions, and attributed claims (who says what, how; with stance, certainty, kind, "
        "quote type, nesting and links between claims). Offsets are Python string indices "
        "(Unicode code points) into the document text, half-open `[start, end)`.",
        "## Configurations\n\n"
        + _table(["config", "rows"], [[f"`{c}`", CONFIG_ROWS[c]] for c in inputs.data_files])
        + "\n\nA configuration has the splits where it has rows (a split of no rows cannot be "
        "loaded). Label columns are class labels whose names are listed under Labels.",
        "## Schema\n\n"
        + "\n\n".join(_schema(config, info) for config, info in inputs.infos.items()),
        "## Labels\n\n" + _labels(),
        "## Statistics\n\n" + _statistics(inputs.statistics),
    ]
    if inputs.provenance is not None:
        sections.append("## How the gold was made\n\n" + inputs.provenance.strip())
    if inputs.agreement is not None:
        sections.append("## Inter-annotator agreement\n\n" + _agreement(inputs.agreement))
    sections += [
        "## Loading\n\n```python\nfrom datasets import load_dataset\n\n"
        'documents = load_dataset("DIR")  # a local copy of this folder; default: documents\n'
        f'ner = load_dataset("{repo}", "ner")  # or "claims", "relations"\n```',
        "## Rights\n\n" + _rights(inputs.articles, inputs.left_out),
        "## Citation\n\n```bibtex\n@misc{claimwire,\n"
        "  title = {claimwire: an annotated news corpus for entities, relations and "
        "attributed claims},\n"
        f"  howpublished = {{\\url{{https://huggingface.co/datasets/{repo}}}}}\n}}\n```",
    ]
    return "\n\n".join(sections) + "\n"


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def describe(feature: Any) -> str:
    """A short reading of a ``datasets`` feature type."""
    if isinstance(feature, ClassLabel):
        return f"class label ({len(feature.names)} names)"
    if isinstance(feature, List):
        return f"list of {describe(feature.feature)}"
    if isinstance(feature, dict):
        return "struct {" + ", ".join(f"{k}: {describe(v)}" for k, v in feature.items()) + "}"
    if isinstance(feature, Value):
        return feature.dtype
    raise TypeError(f"no description for feature {feature!r}")


def _schema(config: str, info: Any) -> str:
    rows = [[f"`{name}`", describe(feature)] for name, feature in info.features.items()]
    return f"### `{config}`\n\n" + _table(["column", "type"], rows)


def _labels() -> str:
    relations = [
        [
            f"`{name}`",
            "\\|".join(sorted(spec.heads)),
            "\\|".join(sorted(spec.tails)),
            spec.symmetric,
        ]
        for name, spec in RELATION_TYPES.items()
    ]
    attributes = [[f"`{name}`", ", ".join(values)] for name, values in CLAIM_ATTRIBUTES.items()]
    links = [[f"`{name}`", symmetric] for name, symmetric in CLAIM_LINK_TYPES.items()]
    return "\n\n".join(
        [
            "Mention types: " + ", ".join(MENTION_TYPES) + ".",
            "Mention kinds: " + ", ".join(MENTION_KINDS) + " (name, nominal, pronoun). "
            "`ner_tags` are IOB2 over NAM mentions: " + ", ".join(NER_TAG_NAMES) + ".",
            "Relation types:\n\n" + _table(["type", "head", "tail", "symmetric"], relations),
            "Claim attributes:\n\n" + _table(["attribute", "values"], attributes),
            "Claim links:\n\n" + _table(["type", "symmetric"], links),
        ]
    )


def _statistics(statistics: dict[str, dict[str, int]]) -> str:
    figures = list(next(iter(statistics.values())))
    rows = [[split, *(counts[f] for f in figures)] for split, counts in statistics.items()]
    return _table(["split", *figures], rows)


GROUPS = {
    "unseen": "unseen documents",
    "guidelines_development": "documents the guidelines were developed on (train, seed)",
}


def _agreement(agreement: dict[str, Any]) -> str:
    """One table per pair of annotators (``python -m annotation agreement --json``): a column
    per group of documents, a row per figure."""
    tables = []
    for pair in agreement.get("pairs", []):
        groups = [(title, pair[group]) for group, title in GROUPS.items() if group in pair]
        if not groups:
            continue
        names = list(groups[0][1]["figures"])
        rows = [["documents", *(group["documents"] for _, group in groups)]]
        rows += [[name, *(_figure(g["figures"].get(name)) for _, g in groups)] for name in names]
        versions = ", ".join(pair.get("guidelines", [])) or "not recorded"
        tables.append(
            f"**{' / '.join(pair['annotators'])}** (guidelines {versions})\n\n"
            + _table(["figure", *(title for title, _ in groups)], rows)
        )
    return "\n\n".join(tables) or "The agreement file has no pair of annotators."


def _figure(value: float | int | None) -> str:
    if value is None:
        return "undefined"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _rights(articles: list[ArticleMeta], left_out: list[ArticleMeta] | None) -> str:
    counts = Counter((meta.source or "not recorded", licence_of(meta.rights)) for meta in articles)
    rows = [[source, licence, count] for (source, licence), count in sorted(counts.items())]
    text = (
        f"The annotations are released under {ANNOTATION_LICENSE}. Each article text keeps the "
        "rights recorded in its `meta.rights` (a column of the `documents` configuration, with "
        "the attribution and the article's address), summarised here by source and licence. "
        "Texts under CC BY must be credited to their authors as `meta.rights` says.\n\n"
        + _table(["source", "licence of the article texts", "articles"], rows)
    )
    if left_out is not None:
        reasons = Counter(meta.rights or "no rights recorded" for meta in left_out)
        text += (
            f"\n\nThis export keeps only texts under an open licence (CC BY, CC BY-SA, CC0 or "
            f"public domain): it leaves out {len(left_out)} gold document(s) whose text may not "
            "be redistributed"
            + (":\n\n" + _table(["rights of the left-out texts", "documents"],
                                 [[r, n] for r, n in sorted(reasons.items())]) if left_out else ".")
        )  # fmt: skip
    return text
