"""Tests of corpus/export.py on a SYNTHETIC corpus: texts, names and facts below are made up."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from datasets import load_dataset
from datasets.info import DatasetInfosDict

from corpus.__main__ import build_parser
from corpus.cli import run
from corpus.export import NOT_EXPORTED_FILE, InvalidCorpus, data_file, export_corpus
from corpus.export_rows import row_to_annotation
from corpus.features import CONFIG_FEATURES
from corpus.licences import is_open
from corpus.output_folder import MARKER
from corpus.schema import Article, ArticleMeta
from corpus.store import REPO_CORPUS, CorpusError, CorpusStore, dumps, write_json
from corpus.text import derive_doc_id, text_sha256

# --- a synthetic corpus ----------------------------------------------------------------------

SYNTHETIC_TEXTS = [
    "Synthetic Agency reported on Monday that Alpha Land sent 500 builders to Beta Region.\n"
    "John Doe is the minister of Alpha Land. He said the workers will arrive soon.\n"
    "Beta Region has denied the report.",
    "Delta News cited Eve Roe as saying that Gamma City was attacked.\n"
    "It was reported that Gamma City was calm.",
]
SYNTHETIC_META = {"source": "synthetic fixture", "rights": "synthetic test text, no rights"}


def at(text: str, surface: str, nth: int = 0) -> dict[str, int]:
    """Offsets of the ``nth`` occurrence of ``surface`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return {"start": start, "end": start + len(surface)}


def mention(text: str, mention_id: str, surface: str, type_: str, **extra) -> dict:
    nth = extra.pop("nth", 0)
    return {"id": mention_id, **at(text, surface, nth), "text": surface, "type": type_, **extra}


def synthetic_gold(index: int, text: str) -> dict:
    """The gold annotation (as JSON) of synthetic text ``index``."""
    doc_id = derive_doc_id(text)
    if index == 0:
        mentions = [
            mention(text, "m1", "Synthetic Agency", "ORG", kind="NAM", entity="e1"),
            {"id": "m2", **at(text, "Monday"), "type": "DATE", "kind": "NAM", "entity": None},
            mention(text, "m3", "Alpha Land", "GPE", kind="NAM", entity="e2"),
            mention(text, "m4", "500", "QUANTITY", kind="NAM", entity=None),
            mention(text, "m5", "Beta Region", "LOC", kind="NAM", entity="e3"),
            mention(text, "m6", "John Doe", "PERSON", kind="NAM", entity="e4"),
            mention(text, "m7", "minister", "ROLE", kind="NAM", entity=None),
            mention(text, "m8", "Alpha Land", "GPE", kind="NAM", entity="e2", nth=1),
            mention(text, "m9", "He", "PERSON", kind="PRO", entity="e4"),
            mention(text, "m10", "Beta Region", "LOC", kind="NAM", entity="e3", nth=1),
        ]
        entities = [
            {"id": "e1", "name": "Synthetic Agency"},
            {"id": "e2", "name": "Alpha Land"},
            {"id": "e3", "name": "Beta Region"},
            {"id": "e4", "name": "John Doe"},
        ]
        relations = [
            {"id": "r1", "type": "DEPLOYS_TO", "head": "m3", "tail": "m5"},
            {"id": "r2", "type": "HAS_ROLE", "head": "m6", "tail": "m7"},
        ]
        claims = [
            claim(text, "c1", "Alpha Land sent 500 builders to Beta Region", "reported", ["m1"]),
            claim(text, "c2", "the workers will arrive soon", "said", ["m9"], kind="PREDICTION"),
            claim(text, "c3", "the report", "has denied", ["m10"], stance="DENY"),
        ]
        links = [{"id": "l1", "type": "CONTRADICTS", "from": "c3", "to": "c1"}]
    else:
        mentions = [
            mention(text, "m1", "Delta News", "ORG", kind="NAM", entity="e1"),
            mention(text, "m2", "Eve Roe", "PERSON", kind="NAM", entity="e2"),
            mention(text, "m3", "Gamma City", "GPE", kind="NAM", entity="e3"),
            mention(text, "m4", "Gamma City", "GPE", kind="NAM", entity="e3", nth=1),
        ]
        entities = [
            {"id": "e1", "name": "Delta News"},
            {"id": "e2", "name": "Eve Roe"},
            {"id": "e3", "name": "Gamma City"},
        ]
        relations = []
        claims = [
            claim(text, "c1", "Gamma City was attacked", "as saying", ["m2"], parent="c2"),
            claim(text, "c2", "Eve Roe as saying that Gamma City was attacked", "cited", ["m1"]),
            claim(text, "c3", "Gamma City was calm", None, []),
        ]
        links = [{"id": "l1", "type": "CONTRADICTS", "from": "c3", "to": "c1"}]
    return {
        "doc_id": doc_id,
        "text_sha256": text_sha256(text),
        "mentions": mentions,
        "entities": entities,
        "relations": relations,
        "claims": claims,
        "claim_links": links,
    }


def claim(text, claim_id, content, cue, sources, parent=None, **attributes) -> dict:
    return {
        "id": claim_id,
        "content": at(text, content),
        "cue": at(text, cue) if cue else None,
        "sources": sources,
        "parent": parent,
        "stance": attributes.get("stance", "ASSERT"),
        "certainty": "CERTAIN",
        "kind": attributes.get("kind", "FACT"),
        "quote": "INDIRECT",
    }


def make_synthetic_corpus(root: Path) -> CorpusStore:
    """Two synthetic gold documents: the first in train, the second in test; dev is empty."""
    store = CorpusStore(root)
    ids = []
    for index, text in enumerate(SYNTHETIC_TEXTS):
        meta = ArticleMeta(title=f"Synthetic article {index}", **SYNTHETIC_META)
        article = Article(derive_doc_id(text), text, meta)
        store.save_article(article)
        write_json(store.gold_path(article.id), synthetic_gold(index, text))
        ids.append(article.id)
    write_json(store.splits_path, {"train": [ids[0]], "dev": [], "test": [ids[1]]})
    return store


@pytest.fixture
def store(tmp_path: Path) -> CorpusStore:
    return make_synthetic_corpus(tmp_path / "corpus")


@pytest.fixture
def exported(store: CorpusStore, tmp_path: Path) -> Path:
    out = tmp_path / "export"
    export_corpus(store, out)
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def load(out: Path, tmp_path: Path, config: str | None = None):
    return load_dataset(str(out), config, cache_dir=str(tmp_path / "hf-cache"))


# --- loading -------------------------------------------------------------------------------


def test_export_writes_one_parquet_per_config_and_split(exported: Path) -> None:
    written = {
        data_file(config, split) for config in CONFIG_FEATURES for split in ("train", "test")
    }
    # dev has no gold document, the test document no relation: both are absent
    expected = {"README.md", MARKER} | written - {data_file("relations", "test")}
    assert set(files_of(exported)) == expected


@pytest.mark.parametrize("config", [None, "documents", "ner", "claims", "relations"])
def test_load_dataset_gives_the_features_declared_in_the_card(
    exported: Path, tmp_path: Path, config: str | None
) -> None:
    dataset = load(exported, tmp_path, config)
    name = config or "documents"
    declared = DatasetInfosDict.from_directory(str(exported))[name]
    assert list(dataset) == list(declared.splits)
    for split in dataset.values():
        assert split.features == CONFIG_FEATURES[name] == declared.features


def test_row_counts(exported: Path, tmp_path: Path) -> None:
    counts = {
        config: {split: len(rows) for split, rows in load(exported, tmp_path, config).items()}
        for config in CONFIG_FEATURES
    }
    assert counts == {
        "documents": {"train": 1, "test": 1},
        "ner": {"train": 4, "test": 2},
        "claims": {"train": 3, "test": 3},
        "relations": {"train": 2},
    }


def test_documents_rows_give_back_the_gold_files_exactly(
    store: CorpusStore, exported: Path, tmp_path: Path
) -> None:
    dataset = load(exported, tmp_path)
    rows = [row for split in dataset.values() for row in split]
    assert len(rows) == len(store.gold_paths())
    for row in rows:
        annotation = row_to_annotation(row)
        gold_file = store.gold_path(annotation.doc_id)
        assert dumps(annotation.to_dict()) == gold_file.read_text(encoding="utf-8")
        assert row["text"] == store.load_article(row["id"]).text
        assert row["meta"]["rights"] == SYNTHETIC_META["rights"]


def test_ner_rows_tag_name_mentions_only(exported: Path, tmp_path: Path) -> None:
    train = load(exported, tmp_path, "ner")["train"]
    names = train.features["ner_tags"].feature.names
    second = train[1]  # "John Doe is the minister of Alpha Land."
    assert second["sentence"] == 1
    assert second["tokens"] == ["John", "Doe", "is", "the", "minister", "of", "Alpha", "Land", "."]
    tags = [names[tag] for tag in second["ner_tags"]]
    assert tags == ["B-PERSON", "I-PERSON", "O", "O", "B-ROLE", "O", "B-GPE", "I-GPE", "O"]
    third = train[2]  # "He said …": "He" is a PRO mention, not tagged
    assert third["tokens"][0] == "He"
    assert {names[tag] for tag in third["ner_tags"]} == {"O"}


def test_claim_rows(exported: Path, tmp_path: Path) -> None:
    test_split = load(exported, tmp_path, "claims")["test"]
    text = SYNTHETIC_TEXTS[1]
    rows = {row["id"]: row for row in test_split}
    nested = rows["c1"]
    assert nested["content"] == {"text": "Gamma City was attacked", **at(text, "Gamma City")} | {
        "end": at(text, "attacked")["end"]
    }
    assert nested["cue"]["text"] == "as saying"
    assert nested["sources"] == [{"id": "m2", "text": "Eve Roe"}]
    assert nested["parent"] == "c2"
    first_sentence = text.split("\n")[0]
    assert nested["context"] == {"text": first_sentence, "start": 0, "end": len(first_sentence)}
    unattributed = rows["c3"]
    assert unattributed["cue"] is None
    assert unattributed["sources"] == []
    assert unattributed["context"]["text"] == "It was reported that Gamma City was calm."
    train = {row["id"]: row for row in load(exported, tmp_path, "claims")["train"]}
    stance = test_split.features["stance"]
    assert stance.int2str(train["c3"]["stance"]) == "DENY"
    assert stance.int2str(train["c1"]["stance"]) == "ASSERT"


def test_relation_rows_know_whether_they_lie_in_a_claim(exported: Path, tmp_path: Path) -> None:
    train = load(exported, tmp_path, "relations")["train"]
    rows = {row["id"]: row for row in train}
    types = train.features["type"]
    assert types.int2str(rows["r1"]["type"]) == "DEPLOYS_TO"
    assert rows["r1"]["head"]["text"] == "Alpha Land"
    assert rows["r1"]["tail"]["text"] == "Beta Region"
    assert rows["r1"]["in_claim"] is True  # inside c1 "Alpha Land sent 500 builders to …"
    assert rows["r2"]["in_claim"] is False  # "John Doe" … "minister": in no claim
    assert rows["r2"]["context"]["text"] == "John Doe is the minister of Alpha Land."


# --- determinism, refusal, atomicity --------------------------------------------------------


def test_exporting_twice_gives_byte_identical_files(
    store: CorpusStore, exported: Path, tmp_path: Path
) -> None:
    first = files_of(exported)
    export_corpus(store, exported)  # over the previous export
    again = tmp_path / "again"
    export_corpus(store, again)
    assert files_of(exported) == first == files_of(again)


def test_parquet_files_carry_only_the_features_as_metadata(exported: Path) -> None:
    import pyarrow.parquet as pq

    path = exported / data_file("documents", "train")
    assert set(pq.read_schema(path).metadata) == {b"huggingface"}
    assert pq.ParquetFile(path).metadata.metadata.keys() == {b"ARROW:schema", b"huggingface"}


def break_gold(store: CorpusStore) -> Path:
    """Give the first gold mention a surface that is not the article's."""
    path = store.gold_paths()[0]
    gold = json.loads(path.read_text(encoding="utf-8"))
    gold["mentions"][0]["text"] = "Not The Surface"
    write_json(path, gold)
    return path


def test_an_invalid_corpus_is_refused_and_nothing_is_written(
    store: CorpusStore, tmp_path: Path
) -> None:
    path = break_gold(store)
    out = tmp_path / "export"
    with pytest.raises(InvalidCorpus, match="Not The Surface") as refused:
        export_corpus(store, out)
    assert [problem.path for problem in refused.value.problems] == [str(path)]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [store.root]  # no staging folder left


def test_an_invalid_corpus_leaves_the_previous_export(store: CorpusStore, exported: Path) -> None:
    before = files_of(exported)
    break_gold(store)
    with pytest.raises(InvalidCorpus):
        export_corpus(store, exported)
    assert files_of(exported) == before


def test_an_interrupted_export_leaves_the_previous_one_intact(
    store: CorpusStore, exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_of(exported)
    path = store.gold_paths()[0]  # a change, so that the new export would differ
    gold = json.loads(path.read_text(encoding="utf-8"))
    gold["claims"][0]["kind"] = "OPINION"
    write_json(path, gold)

    def interrupted(*_args) -> str:  # the parquet files are written by now
        raise KeyboardInterrupt

    monkeypatch.setattr("corpus.export.render_card", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export_corpus(store, exported)
    assert files_of(exported) == before
    assert sorted(p.name for p in exported.parent.iterdir()) == ["corpus", "export"]


def test_a_folder_that_is_not_an_export_is_not_replaced(store: CorpusStore, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(CorpusError, match="refusing to replace a folder this command did not"):
        export_corpus(store, out)
    assert files_of(out) == {"notes.txt": b"keep me"}


def test_a_clone_of_the_hub_repository_is_never_replaced(
    store: CorpusStore, exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """A git work tree holding a card and data/ (a clone of the dataset's hub repository, or
    an export made before the marker) is refused in one line, its .git and all kept."""
    clone = tmp_path / "clone"
    shutil.copytree(exported, clone)
    (clone / MARKER).unlink()
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "add", "."], check=True)
    before = files_of(clone)
    argv = ["export", "--corpus", str(store.root), "--out", str(clone)]
    assert run(build_parser(), argv) == 1
    error = capsys.readouterr().err
    assert error == (
        f"python -m corpus: error: {clone}: refusing to replace a folder this command did not "
        f"make (it holds files and no {MARKER}); give an empty or new folder\n"
    )
    assert files_of(clone) == before and (clone / ".git" / "HEAD").is_file()


def test_a_folder_the_system_refuses_is_one_line(store: CorpusStore, capsys) -> None:
    out = Path("/sys/claimwire-export")  # /sys refuses new folders, even to root
    argv = ["export", "--corpus", str(store.root), "--out", str(out)]
    assert run(build_parser(), argv) == 1
    error = capsys.readouterr().err  # progress bar lines, then the error on one line
    assert error.splitlines()[-1] == (
        f"python -m corpus: error: {out}: cannot write: Operation not permitted"
    )
    assert "Traceback" not in error


def test_a_gold_document_in_no_split_is_an_error(store: CorpusStore, tmp_path: Path) -> None:
    store.splits_path.unlink()
    with pytest.raises(CorpusError, match="is in no split"):
        export_corpus(store, tmp_path / "export")
    assert not (tmp_path / "export").exists()


# --- the card --------------------------------------------------------------------------------


def card_metadata(out: Path) -> dict:
    text = (out / "README.md").read_text(encoding="utf-8")
    _, front, _ = text.split("---\n", 2)
    return yaml.safe_load(front)


def test_card_metadata(exported: Path) -> None:
    metadata = card_metadata(exported)
    configs = {config["config_name"]: config for config in metadata["configs"]}
    assert set(configs) == set(CONFIG_FEATURES)
    assert configs["documents"]["default"] is True
    assert not any(c.get("default") for name, c in configs.items() if name != "documents")
    assert configs["relations"]["data_files"] == [
        {"split": "train", "path": data_file("relations", "train")}
    ]
    assert metadata["language"] == ["en"]
    assert metadata["license"] == "other"
    assert "CC BY 4.0" in metadata["license_details"]
    assert "named-entity-recognition" in metadata["task_ids"]
    assert metadata["size_categories"] == ["n<1K"]


def test_card_body_has_statistics_rights_provenance_and_agreement(
    store: CorpusStore, tmp_path: Path
) -> None:
    figures = {"mentions/all_strict_f1": 0.91234}
    pair = {"annotators": ["a", "b"], "unseen": {"documents": 2, "figures": figures}}
    write_json(store.root / "agreement.json", {"pairs": [pair]})
    (store.root / "PROVENANCE.md").write_text("Made by two blind passes.\n", encoding="utf-8")
    out = tmp_path / "export"
    export_corpus(store, out, repo_id="synthetic-org/synthetic-name")
    body = (out / "README.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert "| train | 1 | 4 | 39 | 10 | 4 | 2 | 3 | 1 |" in body
    assert "| test | 1 | 2 | 22 | 4 | 3 | 0 | 3 | 1 |" in body
    assert "| mentions/all_strict_f1 | 0.912 |" in body
    assert "## How the gold was made\n\nMade by two blind passes.\n" in body
    assert "| synthetic fixture | synthetic test text, no rights | 2 |" in body
    assert 'load_dataset("synthetic-org/synthetic-name", "ner")' in body


# --- command line ----------------------------------------------------------------------------


def test_cli_exports(store: CorpusStore, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "export"
    assert run(build_parser(), ["export", "--corpus", str(store.root), "--out", str(out)]) == 0
    assert "exported 2 gold documents (train: 1, test: 1)" in capsys.readouterr().out
    assert (out / "README.md").is_file()


def test_cli_refuses_an_invalid_corpus(
    store: CorpusStore, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    break_gold(store)
    out = tmp_path / "export"
    assert run(build_parser(), ["export", "--corpus", str(store.root), "--out", str(out)]) == 1
    assert "refusing to export an invalid corpus (1 problems)" in capsys.readouterr().err
    assert not out.exists()


def test_push_needs_a_token(
    store: CorpusStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    out = tmp_path / "export"
    argv = ["export", "--corpus", str(store.root), "--out", str(out), "--push-to-hub", "o/n"]
    assert run(build_parser(), argv) == 1
    assert "HF_TOKEN is not set" in capsys.readouterr().err
    assert not out.exists()


def test_push_refuses_an_invalid_corpus(
    store: CorpusStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("HF_TOKEN", "synthetic-token-never-sent")
    break_gold(store)
    out = tmp_path / "export"
    argv = ["export", "--corpus", str(store.root), "--out", str(out), "--push-to-hub", "o/n"]
    assert run(build_parser(), argv) == 1
    err = capsys.readouterr().err
    assert "refusing to export an invalid corpus" in err
    assert "synthetic-token-never-sent" not in err
    assert not out.exists()


def test_push_offline_is_one_line_after_the_export(
    store: CorpusStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("HF_TOKEN", "synthetic-token-never-sent")  # tests are offline
    out = tmp_path / "export"
    argv = ["export", "--corpus", str(store.root), "--out", str(out), "--push-to-hub", "o/n"]
    assert run(build_parser(), argv) == 1
    error = capsys.readouterr().err
    assert error.splitlines()[-1].startswith("python -m corpus: error: push to o/n failed: ")
    assert "offline mode is enabled" in error and "Traceback" not in error
    assert "synthetic-token-never-sent" not in error
    assert (out / "README.md").is_file()  # the export itself is written


def test_private_needs_push(store: CorpusStore, tmp_path: Path, capsys) -> None:
    argv = ["export", "--corpus", str(store.root), "--out", str(tmp_path / "x"), "--private"]
    assert run(build_parser(), argv) == 1
    assert "--private needs --push-to-hub" in capsys.readouterr().err


# --- open licences only ----------------------------------------------------------------------


def test_open_only_leaves_out_restricted_texts_and_says_so(
    store: CorpusStore, tmp_path: Path
) -> None:
    first, second = sorted(store.articles(), key=lambda a: a.text != SYNTHETIC_TEXTS[0])
    open_meta = ArticleMeta(source="synthetic fixture", rights="CC BY 4.0; synthetic authors")
    store.save_article(Article(first.id, first.text, open_meta))
    out = tmp_path / "open"
    assert export_corpus(store, out, open_only=True) == {"train": 1}
    for config in CONFIG_FEATURES:
        rows = load(out, tmp_path, config)
        assert set(rows) == {"train"}
        assert {row["doc_id" if config != "documents" else "id"] for row in rows["train"]} == {
            first.id
        }
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "it leaves out 1 gold document(s)" in card
    assert "| synthetic test text, no rights | 1 |" in card
    assert "| synthetic fixture | CC BY 4.0 | 1 |" in card
    everything = tmp_path / "all"
    assert export_corpus(store, everything) == {"train": 1, "test": 1}
    assert "leaves out" not in (everything / "README.md").read_text(encoding="utf-8")


def test_the_repo_corpus_exports_open_texts_only_and_loads(tmp_path: Path) -> None:
    """The public dataset: every config loads, and no text without an open licence is in it."""
    out = tmp_path / "open"
    counts = export_corpus(CorpusStore(REPO_CORPUS), out, open_only=True)
    assert sum(counts.values()) >= 60
    documents = load(out, tmp_path, "documents")
    rights = {row["meta"]["rights"] for split in documents.values() for row in split}
    assert rights and all(is_open(r) for r in rights)
    for config in ("ner", "claims", "relations"):
        assert set(load(out, tmp_path, config)) == set(documents)


# --- other formats (their contents: tests/corpus/formats/) ----------------------------------


@pytest.mark.parametrize(
    ("format_", "files"),
    [
        ("brat", {"annotation.conf", "train/{0}.txt", "train/{0}.ann", "test/{1}.txt"}),
        ("conll", {"train.conll", "test.conll"}),
        ("spacy", {"train.spacy", "test.spacy"}),
    ],
)
def test_cli_exports_other_formats_into_a_folder_it_owns(
    store: CorpusStore, tmp_path: Path, capsys: pytest.CaptureFixture, format_: str, files: set
) -> None:
    out = tmp_path / "export"
    argv = ["export", "--format", format_, "--corpus", str(store.root), "--out", str(out)]
    assert run(build_parser(), argv) == 0
    assert capsys.readouterr().out == f"exported 2 gold documents (train: 1, test: 1) to {out}\n"
    ids = [derive_doc_id(text) for text in SYNTHETIC_TEXTS]
    written = set(files_of(out))
    assert {name.format(*ids) for name in files} <= written and MARKER in written
    assert run(build_parser(), argv) == 0  # its own folder is replaced


def test_other_formats_refuse_an_invalid_corpus_and_the_hub(
    store: CorpusStore, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "export"
    argv = ["export", "--format", "conll", "--corpus", str(store.root), "--out", str(out)]
    assert run(build_parser(), [*argv, "--push-to-hub", "o/n"]) == 1
    assert capsys.readouterr().err.endswith("error: --push-to-hub needs --format hf\n")
    break_gold(store)
    assert run(build_parser(), argv) == 1
    assert "refusing to export an invalid corpus (1 problems)" in capsys.readouterr().err
    assert not out.exists()


def test_spans_spacy_cannot_hold_are_listed_in_the_export(
    store: CorpusStore, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    doc_id = derive_doc_id(SYNTHETIC_TEXTS[0])
    gold = json.loads(store.gold_path(doc_id).read_text(encoding="utf-8"))
    gold["mentions"][0].update(end=gold["mentions"][0]["end"] - 3, kind="NOM")  # "Synthetic Age"
    gold["mentions"][0]["text"] = SYNTHETIC_TEXTS[0][: gold["mentions"][0]["end"]]
    write_json(store.gold_path(doc_id), gold)
    out = tmp_path / "export"
    argv = ["export", "--format", "spacy", "--corpus", str(store.root), "--out", str(out)]
    assert run(build_parser(), argv) == 0
    assert capsys.readouterr().out.endswith(f"; 1 spans left out, see {out / NOT_EXPORTED_FILE}\n")
    assert (out / NOT_EXPORTED_FILE).read_text(encoding="utf-8") == (
        f"{doc_id}: mention m1 [0, 13) 'Synthetic Age': not on the tokens\n"
    )
