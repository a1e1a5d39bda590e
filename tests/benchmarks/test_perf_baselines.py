"""The speed script runs end to end on a few tokens (its figures are not checked: not timed)."""

from __future__ import annotations

import pytest

from benchmarks.perf_baselines import CRF_TAGGER_ROW, main, repeated_articles
from corpus.store import REPO_CORPUS, CorpusStore


def test_prints_a_row_per_baseline_and_the_crf_tagger_step(capsys) -> None:
    assert main(["--baselines", "rules", "crf", "--tokens", "2000", "--rounds", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "each figure: the fastest of 2 round(s) over the same articles"
    rows = {line.split("  ")[0]: line.split("  ") for line in out[2:]}
    assert list(rows) == ["rules", "crf", CRF_TAGGER_ROW]
    tokens = int(rows["rules"][1].replace(",", ""))
    assert tokens >= 2000 and rows["crf"][1] == rows["rules"][1]
    assert rows["rules"][-1] in ("yes", "NO") and rows[CRF_TAGGER_ROW][-1] == "-"


def test_rounds_must_be_positive(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--rounds", "0"])
    assert "--rounds: 0: must be at least 1" in capsys.readouterr().err


def test_the_corpus_is_repeated_to_the_tokens_asked_for() -> None:
    articles, total = repeated_articles(CorpusStore(REPO_CORPUS), 5000)
    assert total >= 5000 and len({a.id for a in articles}) == len(articles)
