"""Tests of corpus/validate.py: one broken file per rule, on a small synthetic corpus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpus import cli
from corpus.__main__ import build_parser
from corpus.schema import Annotation, Article, Mention, Relation
from corpus.store import CorpusStore, write_json, write_text_atomic
from corpus.text import text_sha256
from corpus.validate import Problem, check_annotation, check_corpus

# Synthetic test documents: invented names and events, not real articles.
TEXT = (
    "Anna Berg said Carl Dorn told her that Erik Falk met Ivo Kern in Ruritania.\nFalk denied it."
)
OTHER_TEXT = "Ivo Kern spoke in Ruritania."


def span_of(surface: str, last: bool = False) -> dict[str, int]:
    start = TEXT.rindex(surface) if last else TEXT.index(surface)
    return {"start": start, "end": start + len(surface)}


def mention(
    mention_id: str, surface: str, mention_type: str, entity: str, kind: str = "NAM", last=False
) -> dict:
    return {
        "id": mention_id,
        **span_of(surface, last),
        "text": surface,
        "type": mention_type,
        "kind": kind,
        "entity": entity,
    }


def gold_dict() -> dict:
    """The synthetic gold file of ``syn1``: every layer, every reference valid."""
    names = ["Anna Berg", "Carl Dorn", "Erik Falk", "Ivo Kern", "Ruritania"]
    return {
        "doc_id": "syn1",
        "text_sha256": text_sha256(TEXT),
        "mentions": [
            mention("m1", "Anna Berg", "PERSON", "e1"),
            mention("m2", "Carl Dorn", "PERSON", "e2"),
            mention("m3", "her", "PERSON", "e1", kind="PRO"),
            mention("m4", "Erik Falk", "PERSON", "e3"),
            mention("m5", "Ivo Kern", "PERSON", "e4"),
            mention("m6", "Ruritania", "GPE", "e5"),
            mention("m7", "Falk", "PERSON", "e3", last=True),
        ],
        "entities": [{"id": f"e{i}", "name": name} for i, name in enumerate(names, 1)],
        "relations": [{"id": "r1", "type": "MEETS", "head": "m4", "tail": "m5"}],
        "claims": [
            {
                "id": "c1",
                "content": span_of("Carl Dorn told her that Erik Falk met Ivo Kern in Ruritania"),
                "cue": span_of("said"),
                "sources": ["m1"],
                "parent": None,
            },
            {
                "id": "c2",
                "content": span_of("Erik Falk met Ivo Kern in Ruritania"),
                "cue": span_of("told her"),
                "sources": ["m2"],
                "parent": "c1",
            },
            {
                "id": "c3",
                "content": span_of("it", last=True),
                "cue": span_of("denied"),
                "sources": ["m7"],
                "parent": None,
                "stance": "DENY",
            },
        ],
        "claim_links": [{"id": "l1", "type": "CONTRADICTS", "from": "c3", "to": "c2"}],
    }


@pytest.fixture
def store(tmp_path: Path) -> CorpusStore:
    """A clean synthetic corpus: two articles, a gold file, an annotator's file, splits."""
    store = CorpusStore(tmp_path)
    store.save_article(Article("syn1", TEXT))
    store.save_article(Article("syn2", OTHER_TEXT))
    write_json(store.gold_path("syn1"), gold_dict())
    write_json(store.annotation_path("alice", "syn1"), gold_dict())
    write_json(store.splits_path, {"train": ["syn1"], "dev": ["syn2"], "test": []})
    return store


def write_gold(store: CorpusStore, change: Callable[[dict], object]) -> Path:
    data = gold_dict()
    change(data)
    path = store.gold_path("syn1")
    write_json(path, data)
    return path


def only_problem(store: CorpusStore) -> Problem:
    problems = check_corpus(store)
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def assert_names(problem: Problem, path: Path, doc_id: str, item: str, words: str) -> None:
    line = str(problem)
    assert line.startswith(f"{path}: {doc_id}: {item}: "), line
    assert words in line
    assert "\n" not in line


def test_clean_corpus_has_no_problem(store: CorpusStore) -> None:
    assert check_corpus(store) == []


# --- check_annotation rules, through a broken gold file --------------------------------------


def _append(layer: str, item: dict) -> Callable[[dict], object]:
    return lambda data: data[layer].append(item)


def _extend(layer: str, *items: dict) -> Callable[[dict], object]:
    return lambda data: data[layer].extend(items)


def _update(layer: str, index: int, **fields: object) -> Callable[[dict], object]:
    return lambda data: data[layer][index].update(fields)


OUTSIDE = {"start": len(TEXT) - 2, "end": len(TEXT) + 1}
LINK = {"id": "l1", "type": "SUPPORTS", "from": "c1", "to": "c2"}
ROLE_OF_A_PLACE = {"id": "r2", "type": "HAS_ROLE", "head": "m1", "tail": "m6"}
OVERLAPPING = mention("m8", "Berg said", "PERSON", "e1")
CONTAINING = mention("m9", "Anna Berg said", "PERSON", "e1", kind="NOM")  # a NOM may contain
# How the gold file breaks a rule, the item its one problem names, and words of the problem.
BROKEN_GOLD: list[tuple[Callable[[dict], object], str, str]] = [
    (_append("entities", {"id": "e1", "name": "Anna"}), "entity e1", "id used by 2 entities"),
    (_append("claim_links", LINK), "claim link l1", "id used by 2 claim_links"),
    (_update("mentions", 6, end=len(TEXT) + 5), "mention m7", "not inside the text"),
    (
        _update("mentions", 0, text="Anna Borg"),
        "mention m1",
        "'Anna Borg' differs from the article's",
    ),
    (
        lambda data: data.update(text_sha256=text_sha256(OTHER_TEXT)),
        "text_sha256",
        "does not match",
    ),
    (_update("mentions", 0, entity="e9"), "mention m1", "unknown entity 'e9'"),
    (_update("relations", 0, head="m9"), "relation r1", "unknown head mention 'm9'"),
    (
        _append("relations", ROLE_OF_A_PLACE),
        "relation r2",
        "HAS_ROLE does not accept PERSON -> GPE",
    ),
    (
        _extend("mentions", OVERLAPPING, CONTAINING),
        "mention m8",
        "NAM mention overlaps NAM mention m1",
    ),
    (
        _update("mentions", 0, end=8, text="Anna Ber"),
        "mention m1",
        "[0, 8) 'Anna Ber' is off token boundaries",
    ),
    (_update("claims", 0, content=OUTSIDE), "claim c1", "content span"),
    (_update("claims", 0, cue=OUTSIDE), "claim c1", "cue span"),
    (_update("claims", 0, sources=["m1", "e1"]), "claim c1", "unknown source mention 'e1'"),
    (_update("claims", 1, parent="c9"), "claim c2", "unknown parent claim 'c9'"),
    (_update("claims", 1, parent="c2"), "claim c2", "is its own parent"),
    (_update("claim_links", 0, to="c9"), "claim link l1", "unknown to claim 'c9'"),
    (
        lambda data: data["claim_links"][0].update(to=data["claim_links"][0]["from"]),
        "claim link l1",
        "to itself",
    ),
    (_update("mentions", 0, type="PERSONA"), "file", "mention m1: unknown mention type 'PERSONA'"),
]


@pytest.mark.parametrize(
    ("change", "item", "words"), BROKEN_GOLD, ids=[words for _, _, words in BROKEN_GOLD]
)
def test_a_broken_rule_is_one_problem_naming_its_item(
    store: CorpusStore, change: Callable[[dict], object], item: str, words: str
) -> None:
    path = write_gold(store, change)
    assert_names(only_problem(store), path, "syn1", item, words)


def test_symmetric_relation_accepts_either_order(store: CorpusStore) -> None:
    relation = {"id": "r2", "type": "ALLIED_WITH", "head": "m6", "tail": "m1"}
    write_gold(store, lambda data: data["relations"].append(relation))
    assert check_corpus(store) == []


def test_pronoun_marked_nam(store: CorpusStore) -> None:
    path = write_gold(store, lambda data: data["mentions"][2].update(kind="NAM"))  # "her"
    problem = only_problem(store)
    assert_names(
        problem, path, "syn1", "mention m3", "'her' is a pronoun marked NAM: its kind is PRO"
    )


def test_a_name_spelt_like_a_pronoun_is_no_pronoun() -> None:
    text = "US troops and IT staff left; Us and It are films."
    names = [
        Mention(f"m{i}", text.index(w), text.index(w) + len(w), "GPE")
        for i, w in enumerate(("US", "IT", "Us", "It"), 1)
    ]
    article = Article("syn3", text)
    problems = [
        str(p) for p in check_annotation(Annotation("syn3", mentions=tuple(names)), article, "x")
    ]
    assert problems == [
        "x: syn3: mention m3: 'Us' is a pronoun marked NAM: its kind is PRO",
        "x: syn3: mention m4: 'It' is a pronoun marked NAM: its kind is PRO",
    ]


def test_claim_parents_form_a_cycle(store: CorpusStore) -> None:
    path = write_gold(store, lambda data: data["claims"][0].update(parent="c2"))
    assert [str(problem) for problem in check_corpus(store)] == [
        f"{path}: syn1: claim c1: parents form a cycle: c1 -> c2 -> c1",
        f"{path}: syn1: claim c2: parents form a cycle: c2 -> c1 -> c2",
    ]


def test_check_annotation_reports_a_prediction_built_in_code() -> None:
    """A prediction need not come from JSON: an unknown label is a problem, not a crash."""
    article = Article("syn1", TEXT)
    prediction = Annotation(
        "syn1",
        mentions=(Mention("m1", 0, 9, "PERSON"), Mention("m2", 88, 95, "GPE")),
        relations=(Relation("r1", "ADMIRES", "m1", "m2"),),
    )
    problems = check_annotation(prediction, article, "pred.jsonl")
    assert [str(problem) for problem in problems] == [
        f"pred.jsonl: syn1: mention m2: span [88, 95) is not inside the text (length {len(TEXT)})",
        "pred.jsonl: syn1: relation r1: unknown relation type 'ADMIRES'",
    ]


# --- check_corpus rules ----------------------------------------------------------------------


def test_gold_invalid_json(store: CorpusStore) -> None:
    path = store.gold_path("syn1")
    write_text_atomic(path, '{"doc_id": "syn1",\n')
    assert_names(only_problem(store), path, "syn1", "file", "invalid JSON at line 2")


def test_annotator_file_is_checked(store: CorpusStore) -> None:
    data = gold_dict()
    data["relations"][0]["tail"] = "m9"
    path = store.annotation_path("alice", "syn1")
    write_json(path, data)
    assert_names(only_problem(store), path, "syn1", "relation r1", "unknown tail mention 'm9'")


def test_gold_doc_id_differs_from_file_name(store: CorpusStore) -> None:
    path = store.gold_path("other")
    write_json(path, gold_dict())
    problem = only_problem(store)
    assert_names(problem, path, "syn1", "doc_id", "differs from the file name 'other.json'")


def test_gold_without_article(store: CorpusStore) -> None:
    path = store.gold_path("syn9")
    write_json(path, {**gold_dict(), "doc_id": "syn9"})
    assert_names(only_problem(store), path, "syn9", "doc_id", "no article with this id")


def test_article_that_does_not_load(store: CorpusStore) -> None:
    """Its gold file is not checked against it: one problem, not a cascade."""
    path = store.article_path("syn1")
    write_json(path, {"id": "syn1", "text": TEXT, "meta": {"title": 7}})
    assert_names(only_problem(store), path, "syn1", "file", "field 'title' has the wrong type")


def test_a_folder_named_like_an_article(store: CorpusStore) -> None:
    path = store.article_path("syn3")
    path.mkdir()
    problems = check_corpus(store)
    assert [str(p) for p in problems][0] == f"{path}: syn3: file: is a folder, not a file"


def test_article_published_on_no_date(store: CorpusStore) -> None:
    path = store.article_path("syn2")
    write_json(path, {"id": "syn2", "text": OTHER_TEXT, "meta": {"published": "yesterday"}})
    problem = only_problem(store)
    assert_names(problem, path, "syn2", "file", "published 'yesterday' is not a YYYY-MM-DD date")


def test_article_id_differs_from_file_name(store: CorpusStore) -> None:
    path = store.article_path("syn2")
    write_json(path, Article("syn3", OTHER_TEXT).to_dict())
    problem = only_problem(store)
    assert_names(problem, path, "syn3", "id", "differs from the file name 'syn2.json'")


def test_article_text_not_normalised(store: CorpusStore) -> None:
    path = store.save_article(Article("syn2", "Ivo Kern spoke  \nin Ruritania."))
    problem = only_problem(store)
    assert_names(problem, path, "syn2", "text", "not normalised (normalize_text changes it at")
    assert problem.message.endswith("offset 14)")


def test_two_articles_with_the_same_text(store: CorpusStore) -> None:
    path = store.save_article(Article("syn3", OTHER_TEXT))
    write_json(store.splits_path, {"train": ["syn1"], "dev": ["syn2", "syn3"], "test": []})
    assert_names(only_problem(store), path, "syn3", "text", "same text as article 'syn2'")


# --- splits.json -----------------------------------------------------------------------------


def test_split_names_a_missing_article(store: CorpusStore) -> None:
    write_json(store.splits_path, {"train": ["syn1"], "dev": ["syn2"], "test": ["syn9"]})
    problem = only_problem(store)
    assert_names(problem, store.splits_path, "syn9", "split test", "no such article")


def test_document_in_two_splits(store: CorpusStore) -> None:
    write_json(store.splits_path, {"train": ["syn1"], "dev": ["syn2"], "test": ["syn1"]})
    problem = only_problem(store)
    assert_names(problem, store.splits_path, "syn1", "split test", "already in split 'train'")


def test_article_in_no_split(store: CorpusStore) -> None:
    write_json(store.splits_path, {"train": ["syn1"], "dev": [], "test": []})
    problem = only_problem(store)
    assert_names(problem, store.splits_path, "syn2", "splits", "article is in no split")


def test_pool_documents_are_in_a_split_key_but_gold_must_be_selected(store: CorpusStore) -> None:
    write_json(store.splits_path, {"train": ["syn1"], "dev": [], "test": [], "pool": ["syn2"]})
    assert check_corpus(store) == []
    write_json(store.splits_path, {"train": [], "dev": ["syn2"], "test": [], "pool": ["syn1"]})
    problem = only_problem(store)
    assert_names(problem, store.splits_path, "syn1", "split pool", "has gold but is still in the")


def test_unknown_split_name(store: CorpusStore) -> None:
    write_json(store.splits_path, {"train": ["syn1"], "validation": ["syn2"], "test": []})
    problem = only_problem(store)
    assert_names(problem, store.splits_path, "-", "split validation", "unknown split")


def test_splits_of_the_wrong_shape(store: CorpusStore) -> None:
    write_json(store.splits_path, {"train": "syn1"})
    problem = only_problem(store)
    assert_names(problem, store.splits_path, "-", "file", "expected an object of split")


def test_without_a_splits_file_every_article_is_in_no_split(store: CorpusStore) -> None:
    store.splits_path.unlink()
    problems = check_corpus(store)
    assert [(p.path, p.doc_id, p.message) for p in problems] == [
        (str(store.splits_path), doc_id, "article is in no split") for doc_id in ("syn1", "syn2")
    ]


def test_an_empty_corpus_needs_no_splits_file(tmp_path: Path) -> None:
    assert check_corpus(CorpusStore(tmp_path)) == []


def test_missing_corpus_folder(tmp_path: Path) -> None:
    problem = only_problem(CorpusStore(tmp_path / "missing"))
    assert str(problem) == f"{tmp_path / 'missing'}: -: folder: no such corpus folder"


# --- command line ----------------------------------------------------------------------------


def validate(store: CorpusStore, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli.run(build_parser(), ["validate", "--corpus", str(store.root)])
    return code, capsys.readouterr().out.splitlines()


def test_cli_clean_corpus(store: CorpusStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate(store, capsys) == (0, ["5 files checked, 0 problems"])


def test_cli_invalid_json(store: CorpusStore, capsys: pytest.CaptureFixture[str]) -> None:
    path = store.gold_path("syn1")
    write_text_atomic(path, "[1, 2,")
    code, lines = validate(store, capsys)
    assert code == 1
    assert lines[1:] == ["5 files checked, 1 problem"]
    assert lines[0].startswith(f"{path}: syn1: file: invalid JSON at line 1")


def test_cli_unknown_label(store: CorpusStore, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_gold(store, lambda data: data["relations"][0].update(type="ADMIRES"))
    code, lines = validate(store, capsys)
    assert code == 1
    assert lines[0].startswith(f"{path}: syn1: file: relation r1: unknown relation type 'ADMIRES'")
    assert len(lines) == 2


def test_cli_missing_article(store: CorpusStore, capsys: pytest.CaptureFixture[str]) -> None:
    store.article_path("syn1").unlink()
    write_json(store.splits_path, {"train": [], "dev": ["syn2"], "test": []})
    code, lines = validate(store, capsys)
    assert code == 1
    assert lines == [
        f"{store.gold_path('syn1')}: syn1: doc_id: no article with this id",
        f"{store.annotation_path('alice', 'syn1')}: syn1: doc_id: no article with this id",
        "4 files checked, 2 problems",
    ]


def test_a_name_across_a_sentence_boundary() -> None:
    text = "Anna Berg left. Carl Dahl stayed."  # SYNTHETIC
    crossing = Mention("m1", text.index("left"), text.index("Carl") + 4, "PERSON")
    inside = Mention("m2", 0, len("Anna Berg"), "PERSON")
    annotation = Annotation("syn4", mentions=(crossing, inside))
    problems = [str(p) for p in check_annotation(annotation, Article("syn4", text), "x")]
    assert problems == [
        "x: syn4: mention m1: span [10, 20) 'left. Carl' crosses a sentence boundary of the "
        "text layer"
    ]
