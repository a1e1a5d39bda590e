"""PNG plots of the results on the test group (matplotlib, Agg backend): entity F1 per type per
baseline, and the confusion matrices of the claim attributes of each baseline. Nothing is
plotted for a baseline without test scores (no test gold yet)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend is chosen first)
from matplotlib.figure import Figure  # noqa: E402

from corpus.schema import CLAIM_ATTRIBUTES, MENTION_TYPES  # noqa: E402

Result = Mapping[str, Any]
PLOTTED_GROUP = "test"
PNG_METADATA = {"Software": None}  # no library version in the file: the same run, the same bytes


def _save(figure: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    figure.savefig(temporary, format="png", dpi=120, metadata=PNG_METADATA)
    plt.close(figure)
    temporary.replace(path)
    return path


def plotted_scores(result: Result) -> Mapping[str, Any] | None:
    """The scores of ``result`` on the plotted group, or None when it has none."""
    return result["groups"].get(PLOTTED_GROUP, {}).get("scores")


def entity_f1_by_type(results: Sequence[Result], path: Path) -> Path:
    """Grouped bars: seqeval strict F1 of each mention type, one bar per baseline."""
    scored = [r for r in results if "entities" in r["layers"] and plotted_scores(r)]
    per_type = {r["baseline"]: plotted_scores(r)["entities"]["seqeval"]["per_type"] for r in scored}
    types = [t for t in MENTION_TYPES if any(t in table for table in per_type.values())]
    figure, axes = plt.subplots(figsize=(max(6, len(types) * 0.9), 4))
    width = 0.8 / max(len(per_type), 1)
    for n, (baseline, table) in enumerate(sorted(per_type.items())):
        values = [table.get(t, {}).get("f1", 0.0) for t in types]
        axes.bar([i + n * width for i in range(len(types))], values, width, label=baseline)
    axes.set_xticks([i + width * (len(per_type) - 1) / 2 for i in range(len(types))], types)
    axes.set_ylim(0, 1)
    axes.set_ylabel("F1 (seqeval strict)")
    axes.set_title(f"Entity F1 per type on {PLOTTED_GROUP}")
    axes.legend()
    figure.tight_layout()
    return _save(figure, path)


def claim_confusions(result: Result, path: Path) -> Path:
    """One confusion matrix (gold rows, predicted columns) per claim attribute."""
    attributes = plotted_scores(result)["claims"]["attributes"]
    figure, axes = plt.subplots(1, len(CLAIM_ATTRIBUTES), figsize=(4 * len(CLAIM_ATTRIBUTES), 4))
    for axis, name in zip(axes, CLAIM_ATTRIBUTES, strict=True):
        labels, matrix = attributes[name]["labels"], attributes[name]["confusion"]
        axis.imshow(matrix, cmap="Blues")
        axis.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
        axis.set_yticks(range(len(labels)), labels)
        darkest = max(max(row) for row in matrix) or 1
        for i, row in enumerate(matrix):
            for j, count in enumerate(row):
                color = "white" if count > darkest / 2 else "black"
                axis.text(j, i, str(count), ha="center", va="center", color=color)
        axis.set_title(f"{name} ({attributes[name]['matched']} matched claims)")
        axis.set_xlabel("predicted")
        axis.set_ylabel("gold")
    figure.suptitle(f"Claim attributes on {PLOTTED_GROUP}: {result['baseline']}")
    figure.tight_layout()
    return _save(figure, path)


def write_plots(results: Sequence[Result], directory: Path) -> list[Path]:
    if not any(plotted_scores(result) for result in results):
        return []
    paths = [entity_f1_by_type(results, directory / "entity_f1_by_type.png")]
    for result in results:
        if "claims" in result["layers"] and plotted_scores(result):
            path = directory / f"claim_attributes_{result['baseline']}.png"
            paths.append(claim_confusions(result, path))
    return paths
