from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.predictions import (
    PredictionsError,
    check_prediction,
    read_predictions,
    split_predictions,
)
from corpus.schema import Annotation, Article
from corpus.store import CorpusError
from tests.benchmarks.conftest import GOLD, mention


def test_read_predictions_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    lines = [json.dumps({"doc_id": "b"}), json.dumps(GOLD)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = read_predictions(path)
    assert {doc_id: line for doc_id, (line, _) in found.items()} == {"b": 1, "synthetic1": 2}
    assert found["synthetic1"][1] == Annotation.from_dict(GOLD)
    assert found["b"][1] == Annotation("b")


def test_read_predictions_refuses_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(b'{"doc_id": "\xff"}\n')
    with pytest.raises(CorpusError, match="not UTF-8"):
        read_predictions(path)


def test_predictions_outside_the_split_are_set_apart_or_refused_when_strict(
    tmp_path: Path,
) -> None:
    found = {"a": (1, Annotation("a")), "b": (2, Annotation("b")), "c": (3, Annotation("c"))}
    inside, outside = split_predictions(found, {"a", "x"}, "dev", tmp_path / "p.jsonl", False)
    assert list(inside) == ["a"] and list(outside) == ["b", "c"]
    with pytest.raises(PredictionsError, match="p.jsonl:2: b: not a document of the 'dev' split"):
        split_predictions(found, {"a", "x"}, "dev", tmp_path / "p.jsonl", True)


def test_check_prediction_names_the_first_problem_and_counts_the_rest(
    synthetic_article: Article,
) -> None:
    wrong_surface = dict(mention("m9", "Paris", "GPE"), text="Rome")
    overlapping = mention("m8", "Pari", "GPE")  # also off token boundaries
    bad = Annotation.from_dict(dict(GOLD, mentions=[*GOLD["mentions"], wrong_surface, overlapping]))
    with pytest.raises(PredictionsError) as error:
        check_prediction(bad, synthetic_article, "p.jsonl:3")
    message = str(error.value)
    assert message.startswith("p.jsonl:3: synthetic1: mention m9: text 'Rome' differs")
    assert message.endswith("more problems)")
    check_prediction(Annotation.from_dict(GOLD), synthetic_article, "p.jsonl:1")  # no error


def test_raw_line_separators_inside_strings_end_no_line(tmp_path: Path) -> None:
    """U+2028 and U+0085 may stand raw inside valid JSON; lines end at "\n" only."""
    raw = {"doc_id": "b", "entities": [{"id": "e1", "name": "Line\u2028separator\x85next"}]}
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(raw, ensure_ascii=False) + "\n", encoding="utf-8")
    found = read_predictions(path)
    assert found["b"][1].entities[0].name == "Line\u2028separator\x85next"


def test_a_file_without_predictions_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text("", encoding="utf-8")
    with pytest.raises(PredictionsError, match=r"p\.jsonl: no predictions \(an empty file\)$"):
        read_predictions(path)
