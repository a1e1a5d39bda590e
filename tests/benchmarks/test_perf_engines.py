"""The end-to-end engine script runs on the repo's corpus (its figures are not checked: not
timed), with every run writing the same predictions."""

from __future__ import annotations

from pathlib import Path

from benchmarks.perf_engines import main, write_corpus
from corpus.schema import Article
from corpus.store import CorpusStore


def test_prints_one_and_two_workers_and_ray_on_a_cluster(capsys) -> None:
    argv = ["--baselines", "rules", "--tokens", "1000", "--rounds", "1", "--workers", "2"]
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    table = out[out.index("end to end, as a user runs it (wall time; the fastest round)") + 2 :]
    rows = [line.split("  ") for line in table]
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("rules", "processes", "1"),
        ("rules", "processes", "2"),
        ("rules", "ray (cluster)", "2"),
    ]
    assert rows[1][7] in ("yes", "NO")
    assert "x the pool's time" in rows[2][7] and "(Ray started in" in rows[2][7]


def test_the_corpus_written_lists_the_articles_in_their_order(tmp_path: Path) -> None:
    text = "Synthetic text (a test fixture)."  # the same text twice, as repeats have
    articles = [Article("b", text), Article("a", "Other synthetic text."), Article("b-2", text)]
    listed = list(CorpusStore(write_corpus(articles, tmp_path / "corpus")).articles())
    assert [article.text for article in listed] == [article.text for article in articles]
    assert [article.id for article in listed] == ["000000-b", "000001-a", "000002-b-2"]
