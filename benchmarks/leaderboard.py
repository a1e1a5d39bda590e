"""The leaderboard: one row per baseline, headline figures read from its result file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

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


def cell(result: Mapping[str, Any], name: str) -> str:
    """ "F1 [low, high]" of a headline figure, or why there is none."""
    if name.split(".")[0] not in result["layers"]:
        return "not produced"
    figure = result["scores"]["headline"].get(name)
    if figure is None:
        return "not scored"
    interval = figure["ci95"]
    return f"{figure['f1']:.3f} [{interval['low']:.2f}, {interval['high']:.2f}]"


def render(results: Sequence[Mapping[str, Any]], skipped: Mapping[str, str]) -> str:
    """Markdown: the provenance, a table of headline figures, and the skipped baselines."""
    header = ("baseline", "version", *(column for column, _ in COLUMNS), "protocol")
    lines = ["# claimwire leaderboard", ""]
    if results:
        first = results[0]
        lines += [
            f"Benchmark {first['benchmark_version']}, corpus revision "
            f"`{first['corpus_revision'][:12]}`, split `{first['split']}`, "
            f"{first['documents']} document(s). F1 with its bootstrap 95% interval over "
            "documents.",
            "",
        ]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for result in sorted(results, key=lambda r: r["baseline"]):
        cells = [cell(result, name) for _, name in COLUMNS]
        row = (result["baseline"], result["baseline_version"], *cells, result["protocol"])
        lines.append("| " + " | ".join(row) + " |")
    if skipped:
        lines += ["", "Skipped:", ""]
        lines += [f"- `{name}`: {reason}" for name, reason in sorted(skipped.items())]
    return "\n".join(lines) + "\n"
