"""CoNLL files in and out, and the round trips through them (SYNTHETIC sentences).

Round trip 1, CoNLL -> import -> export, exact: for a two-column IOB2 file of claimwire types
whose tokens and sentences are the text layer's, the export holds the same documents, each
with the same tokens and tags line for line (documents in corpus id order, so compared as a
set). Round trip 2, from a CoNLL-2003 file (four columns, IOB1, CRLF, no first -DOCSTART-):
the same names on the text layer's tokens, IOB2 tags of the mapped types; MISC and a name
across a sentence of the text layer are reported, not exported (``EXPECTED_2003``, by hand).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import cli
from corpus.__main__ import build_parser
from corpus.formats.conll import (
    DEFAULT_TYPES,
    conll_draft,
    read_conll,
    type_map,
)
from corpus.formats.drafts import place
from corpus.readers import Limits
from corpus.store import CorpusError
from tests.corpus.formats.synthetic import write_exact

CONLL_2003 = (
    "EU NNP B-NP I-ORG\r\n"
    "rejects VBZ B-VP O\r\n"
    "German JJ B-NP I-MISC\r\n"
    "call NN I-NP O\r\n"
    "to TO B-VP O\r\n"
    "boycott VB I-VP O\r\n"
    "British JJ B-NP I-MISC\r\n"
    "lamb NN I-NP O\r\n"
    ". . O O\r\n"
    "\r\n"
    "Peter NNP B-NP I-PER\r\n"
    "Blackburn NNP I-NP I-PER\r\n"
    "\r\n"
    "-DOCSTART- -X- -X- O\r\n"
    "\r\n"
    "ST. NNP B-NP I-LOC\r\n"
    "LOUIS NNP I-NP I-LOC\r\n"
    "1996-08-28 CD I-NP O\r\n"
    "\r\n"
    "Rangers NNP B-NP I-ORG\r\n"
    "beat VBD B-VP O\r\n"
    "Celtic NNP B-NP I-ORG\r\n"
    "in IN B-PP O\r\n"
    "Ostia NNP B-NP I-LOC\r\n"
    "Nordland NNP I-NP B-LOC\r\n"  # IOB1: B- only where a name follows one of its type
    "talks NNS I-NP O\r\n"
    ". . O O\r\n"
)
EXPECTED_2003 = {
    "-DOCSTART- O\n\nEU B-ORG\nrejects O\nGerman O\ncall O\nto O\nboycott O\nBritish O\n"
    "lamb O\n. O\n\nPeter B-PERSON\nBlackburn I-PERSON\n\n",
    "-DOCSTART- O\n\nST O\n. O\n\nLOUIS O\n1996 O\n- O\n08 O\n- O\n28 O\n\n"
    "Rangers B-ORG\nbeat O\nCeltic B-ORG\nin O\nOstia B-GPE\nNordland B-GPE\ntalks O\n. O\n\n",
}
IOB2 = (
    "-DOCSTART- O\n\n"
    "Alda B-PERSON\nVinter I-PERSON\nmet O\nKell B-PERSON\nin O\nPort B-GPE\nElm I-GPE\n. O\n\n"
    "She O\nleft O\non O\nFriday B-DATE\n. O\n\n"
    "-DOCSTART- O\n\n"
    "Ostia B-GPE\nNordland B-GPE\ntalks O\nended O\n. O\n\n"
)
IOBES = (
    "Alda B-PER\nVinter E-PER\nmet O\nKell S-PER\nin O\nPort B-LOC\nElm E-LOC\n. O\n\n"
    "She O\nleft O\non O\nFriday U-DATE\n. O\n"
)
CLAIMWIRE_TYPES = ["PERSON=PERSON", "GPE=GPE", "DATE=DATE"]


def documents(conll: str) -> set[str]:
    """The documents of a CoNLL text, each from its -DOCSTART- line."""
    return {f"-DOCSTART- O\n\n{block}" for block in conll.split("-DOCSTART- O\n\n") if block}


def run(*argv: str | Path) -> int:
    return cli.run(build_parser(), [*map(str, argv)])


def import_and_export(tmp_path: Path, conll: str, *types: str) -> tuple[int, str, Path]:
    """Import ``conll`` into a new corpus (test split), export it as CoNLL; the exit code of
    the import, the exported test split and the log's path."""
    source, corpus, log = tmp_path / "in.conll", tmp_path / "corpus", tmp_path / "import.log"
    write_exact(source, conll)
    corpus.mkdir()
    type_options = [option for pair in types for option in ("--type", pair)]
    argv = ["import", "conll", source, "--split", "test", "--corpus", corpus, "--log", log]
    code = run(*argv, *type_options)
    assert run("export", "--format", "conll", "--out", tmp_path / "out", "--corpus", corpus) == 0
    return code, (tmp_path / "out" / "test.conll").read_text(encoding="utf-8"), log


def test_conll_import_export_round_trip(tmp_path: Path) -> None:
    code, exported, log = import_and_export(tmp_path, IOB2, *CLAIMWIRE_TYPES)
    assert code == 0 and not log.exists()
    assert documents(exported) == documents(IOB2)


def test_a_conll_2003_file_with_iob1_crlf_and_no_first_docstart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, exported, log = import_and_export(tmp_path, CONLL_2003)
    assert code == 0
    assert documents(exported) == EXPECTED_2003
    assert log.read_text(encoding="utf-8").splitlines() == [
        f"{tmp_path / 'in.conll'}:3: 'German' MISC: not placed: type MISC is not in the type map",
        f"{tmp_path / 'in.conll'}:7: 'British' MISC: not placed: type MISC is not in the type map",
        f"{tmp_path / 'in.conll'}:16: 'ST. LOUIS' LOC: not placed: span [0, 9) 'ST. LOUIS' "
        "crosses a sentence boundary of the text layer",
    ]
    assert capsys.readouterr().out.splitlines()[0] == (
        "imported 2 documents (2 new articles; 2 annotation files written, 0 unchanged): "
        f"3 items not placed, 0 placed with a change; see {log}"
    )


def test_iobes_and_bilou_read_as_their_names(tmp_path: Path) -> None:
    path = write_exact(tmp_path / "in.conll", IOBES)
    found = read_conll(path)
    assert len(found) == 1
    assert [token.tag for token in found[0].sentences[0]] == [
        "B-PER", "I-PER", "O", "B-PER", "O", "B-LOC", "I-LOC", "O"
    ]  # fmt: skip
    types = {**DEFAULT_TYPES, "DATE": "DATE"}
    annotation, findings = place(conll_draft(path, found[0], types, {}, Limits()))
    text = "Alda Vinter met Kell in Port Elm .\nShe left on Friday ."
    assert [(m.start, m.end, m.type, text[m.start : m.end]) for m in annotation.mentions] == [
        (0, 11, "PERSON", "Alda Vinter"),
        (16, 20, "PERSON", "Kell"),
        (24, 32, "GPE", "Port Elm"),
        (47, 53, "DATE", "Friday"),
    ]
    assert findings == []


@pytest.mark.parametrize(
    ("conll", "message"),
    [
        ("Alda B-PER\nVinter I-PER\nmet\n", ":3: 'met': 1 columns, but the file's first token"),
        ("Alda X NNP B-PER\nmet O\n", ":2: 'met O': 2 columns, but the file's first token line"),
        ("Alda B_PER\n", ":1: 'Alda B_PER': 'B_PER' is not an IOB tag"),
        ("Alda S-PER\nVinter I-PER\n", ":2: 'Vinter' I-PER: does not continue a B-PER (IOBES)"),
        ("Alda B-PER\nmet O\nx S-PER\n", ":2: 'met' O: the PER name before it has no E- tag"),
        ("Alda B-PER\n\nx S-PER\n", ":1: 'Alda': the sentence ends inside a name"),
        ("-DOCSTART- O\n\n", ": no tokens"),
    ],
)
def test_bad_input_is_one_line_naming_file_line_and_item(
    tmp_path: Path, conll: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = write_exact(tmp_path / "in.conll", conll)
    assert run("import", "conll", source, "--corpus", corpus, "--split", "test") == 1
    error = capsys.readouterr().err  # progress bar lines, then the error on one line
    assert error.splitlines()[-1].startswith(f"python -m corpus: error: {source}{message}")
    assert "Traceback" not in error
    assert list(corpus.iterdir()) == []  # nothing written


def test_the_type_map_names_claimwire_types() -> None:
    assert type_map(["PER=PERSON", "LOC=LOC"]) == {"PER": "PERSON", "LOC": "LOC"}
    with pytest.raises(CorpusError, match="--type 'PER=PEOPLE': expected CONLL_TYPE=TYPE"):
        type_map(["PER=PEOPLE"])
