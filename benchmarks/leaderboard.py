"""The leaderboard: one table per group of documents (test, dev, then the documents placed in a
split by hand), one row per baseline, headline figures read from the result files.

A test figure that lies below the same baseline's dev interval is flagged; an interval over a
single document is n/a (one document resampled is itself every time).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from baselines.base import describe_dropped

Result = Mapping[str, Any]

# column -> headline figure of the scorer (EvaluationResult.to_dict()["headline"])
COLUMNS: tuple[tuple[str, str], ...] = (
    ("entity F1 (seqeval strict)", "entities.seqeval"),
    ("entity F1 (spans)", "entities.span_strict"),
    ("relation F1 (strict)", "relations.strict"),
    ("relation F1 (boundaries)", "relations.boundaries"),
    ("claim content F1 (tokens)", "claims.content_tokens"),
    ("claim source F1 (entity)", "claims.source_entity"),
    ("claim full attribution F1", "claims.attribution"),
)
FLAG = "▼"  # a test figure below the baseline's dev interval
TESTED, CHOSEN_ON = "test", "dev"


def figure(result: Result, group: str, name: str) -> Mapping[str, Any] | None:
    """``{"f1", "ci95"}`` of a headline figure of a group, or None when it was not scored."""
    scores = result["groups"].get(group, {}).get("scores")
    return None if scores is None else scores["headline"].get(name)


def below_dev(result: Result, name: str) -> bool:
    """Whether the test figure lies below the baseline's dev interval (False without either)."""
    test, dev = figure(result, TESTED, name), figure(result, CHOSEN_ON, name)
    return bool(test and dev and dev["ci95"] and test["f1"] < dev["ci95"]["low"])


def cell(result: Result, group: str, name: str) -> str:
    """ "F1 [low, high]" of a headline figure, or why there is none."""
    if name.split(".")[0] not in result["layers"]:
        return "not produced"
    found = figure(result, group, name)
    if found is None:
        return "no gold"
    interval = found["ci95"]
    text = f"{found['f1']:.3f} " + (
        "(n/a)" if interval is None else f"[{interval['low']:.2f}, {interval['high']:.2f}]"
    )
    return f"{text} {FLAG}" if group == TESTED and below_dev(result, name) else text


def _group_order(results: Sequence[Result]) -> list[str]:
    """Test first (the headline), then dev, then the groups of documents placed by hand."""
    names = dict.fromkeys(name for result in results for name in result["groups"])
    return sorted(names, key=lambda name: (name != TESTED, name != CHOSEN_ON, name))


def _group_title(result: Result, name: str) -> list[str]:
    group = result["groups"][name]
    title = f"## {name}: {group['documents']} of {group['in_split']} documents with gold"
    lines = [title, ""]
    if group["by_hand"]:
        lines += [
            f"Documents: {', '.join(group['document_ids']) or 'none with gold'}. Placed in the "
            "split by hand, not drawn by `python -m corpus select`: they may have been read while "
            "the baselines or the guidelines were written, so they are scored apart and never "
            "pooled with the drawn documents.",
            "",
        ]
    if group["seen_in_training"]:
        seen = ", ".join(group["seen_in_training"])
        lines += [f"Left out, their text is in the train split trained on: {seen}.", ""]
    return lines


def _table(results: Sequence[Result], group: str) -> list[str]:
    header = ("baseline", "version", *(column for column, _ in COLUMNS))
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for result in results:
        cells = [cell(result, group, name) for _, name in COLUMNS]
        lines.append("| " + " | ".join((result["baseline"], result["baseline_version"], *cells)))
        lines[-1] += " |"
    return lines


def _flags(results: Sequence[Result]) -> str:
    flagged = [
        f"`{result['baseline']}` {name}"
        for result in results
        for _, name in COLUMNS
        if below_dev(result, name)
    ]
    if flagged:
        listed = "; ".join(flagged)
        return f"{FLAG}: the test figure lies below the baseline's dev interval ({listed})."
    return "No test figure lies below its baseline's dev interval (where dev has an interval)."


def render(results: Sequence[Result], skipped: Mapping[str, str]) -> str:
    """Markdown: the provenance, a table per group, the protocols, and the skipped baselines."""
    results = sorted(results, key=lambda r: r["baseline"])
    lines = ["# claimwire leaderboard", ""]
    if results:
        first = results[0]
        lines += [
            f"Benchmark {first['benchmark_version']}, corpus revision "
            f"`{first['corpus_revision'][:12]}`, {first['date']}. F1 over the documents of each "
            "group with its bootstrap 95% interval over documents (n/a over one document). "
            "Trained baselines learn from the train split and make their choices on dev; the "
            "test split is read only by `python -m benchmarks run`.",
            "",
        ]
    for group in _group_order(results):
        described = next(result for result in results if group in result["groups"])
        lines += [*_group_title(described, group), *_table(results, group), ""]
        if group == TESTED:
            lines += [_flags(results), ""]
    if results:
        lines += ["## Protocols", ""]
        for result in results:
            lines.append(
                f"- `{result['baseline']}` {result['baseline_version']}: {result['protocol']}; "
                "left out of its predictions to keep them valid: "
                f"{describe_dropped(result['dropped'])}."
            )
        lines.append("")
    if skipped:
        lines += ["Skipped:", ""]
        lines += [f"- `{name}`: {reason}" for name, reason in sorted(skipped.items())]
        lines.append("")
    return "\n".join(lines)
