"""The speed script runs end to end on a few tokens (its figures are not checked: not timed)."""

from __future__ import annotations

import pytest

from benchmarks.perf_baselines import CRF_TAGGER_ROW, long_article, main, repeated_articles
from benchmarks.perf_workers import IN_PROCESS_TITLE
from corpus.store import REPO_CORPUS, CorpusStore


def test_prints_a_row_per_baseline_and_the_crf_tagger_step_then_the_cost_by_length(
    capsys,
) -> None:
    argv = ["--baselines", "rules", "crf", "--tokens", "2000", "--rounds", "2", "--engines"]
    assert main([*argv, "--lengths", "2000", "6000"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "each figure: the fastest of 2 round(s) over the same articles"
    blank = out.index("")
    rows = {line.split("  ")[0]: line.split("  ") for line in out[2:blank]}
    assert list(rows) == ["rules", "crf", CRF_TAGGER_ROW]
    tokens = int(rows["rules"][1].replace(",", ""))
    assert tokens >= 2000 and rows["crf"][1] == rows["rules"][1]
    assert rows["rules"][-1] in ("yes", "NO") and rows[CRF_TAGGER_ROW][-1] == "-"
    by_length = [line.split("  ") for line in out[blank + 3 :]]
    assert [(row[0], row[1]) for row in by_length] == [
        ("rules", "2,000"),
        ("rules", "6,000"),
        ("crf", "2,000"),
        ("crf", "6,000"),
    ]
    assert by_length[0][-1] == by_length[2][-1] == "1.00"  # the shortest is the unit


def test_a_long_article_has_the_length_asked_for() -> None:
    store = CorpusStore(REPO_CORPUS)
    total = sum(len(article.text) + 1 for article in store.articles())
    for chars in (10_000, total * 2):  # more than the corpus holds: its texts repeat
        assert len(long_article(store, chars).text) == chars


def test_rounds_must_be_positive(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--rounds", "0"])
    assert "--rounds: 0: must be at least 1" in capsys.readouterr().err


def test_the_corpus_is_repeated_to_the_tokens_asked_for() -> None:
    articles, total = repeated_articles(CorpusStore(REPO_CORPUS), 5000)
    assert total >= 5000 and len({a.id for a in articles}) == len(articles)


def test_the_last_table_gives_the_throughput_at_one_and_two_workers(capsys) -> None:
    argv = ["--baselines", "rules", "--tokens", "2000", "--rounds", "1", "--lengths", "2000"]
    assert main([*argv, "--workers", "2", "--engines", "processes"]) == 0
    out = capsys.readouterr().out.splitlines()
    table = out[out.index(IN_PROCESS_TITLE) + 2 :]
    rows = [line.split("  ") for line in table]
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("rules", "processes", "1"),
        ("rules", "processes", "2"),
    ]
    assert rows[0][6] == "1.00" and rows[1][7] in ("yes", "NO")
