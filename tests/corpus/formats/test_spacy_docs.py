"""claimwire -> spaCy DocBin, read back with spaCy itself (SYNTHETIC document)."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.tokens import DocBin

from corpus import cli
from corpus.__main__ import build_parser
from corpus.export_rows import GoldDocument
from corpus.formats.spacy_docs import gold_doc
from corpus.schema import Annotation, Article, Claim, Mention, Span
from corpus.text import sentences
from tests.corpus.formats.synthetic import write_exact
from tests.corpus.formats.test_brat_export import ANN, TEXT


def test_a_docbin_holds_names_mentions_claim_parts_and_the_gold(tmp_path: Path) -> None:
    write_exact(tmp_path / "in" / "cw.txt", TEXT)
    write_exact(tmp_path / "in" / "cw.ann", ANN)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    argv = ["import", "brat", str(tmp_path / "in"), "--split", "dev", "--corpus", str(corpus)]
    assert cli.run(build_parser(), argv) == 0
    out = tmp_path / "out"
    argv = ["export", "--format", "spacy", "--out", str(out), "--corpus", str(corpus)]
    assert cli.run(build_parser(), argv) == 0
    nlp = spacy.blank("en")
    (doc,) = DocBin().from_disk(out / "dev.spacy").get_docs(nlp.vocab)
    assert doc.text == TEXT
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Synthetic Wire", "ORG"),
        ("Alda Vinter", "PERSON"),
        ("Port Elm", "GPE"),
        ("Nordland", "GPE"),
        ("Nordland", "GPE"),
        ("Ostia", "GPE"),
        ("Friday", "DATE"),
        ("Vinter", "PERSON"),
    ]  # the PRO mention "She" is no entity, only a span of "mentions"
    assert [(s.text, s.label_) for s in doc.spans["mentions"]][-1] == ("She", "PERSON")
    assert len(doc.spans["mentions"]) == 9
    assert [(s.text, s.label_) for s in doc.spans["claims"]] == [
        ("Port Elm and Nordland will sign the pact", "CONTENT"),
        ("cited", "CUE"),
        ("Port Elm and Nordland will sign the pact", "CONTENT"),
        ("as saying", "CUE"),
        ("it", "CONTENT"),
        ("denied", "CUE"),
        ("It is settled.\nWe sign on Friday", "CONTENT"),
        ("wrote", "CUE"),
        ("We are ready", "CONTENT"),
    ]
    assert [s.text for s in doc.sents][:2] == [
        "Synthetic Wire cited Alda Vinter as saying that Port Elm and Nordland will sign the "
        "pact.\n",
        "Nordland and its ally Ostia denied it.\n",
    ]
    assert doc.user_data["doc_id"] == "cw"
    assert doc.user_data["claimwire"]["claims"][2]["stance"] == "DENY"


def test_a_span_off_the_tokens_is_reported_not_moved() -> None:
    text = "Nordland  sent aid.\nOstia thanked it."
    article = Article("doc", text)
    annotation = Annotation(
        "doc",
        mentions=(
            Mention("m1", 0, 8, "GPE", "NAM", "e1", "Nordland"),
            Mention("m2", 0, 5, "GPE", "NOM", "e1", "Nordl"),  # inside a token
        ),
        claims=(Claim("c1", Span(34, 36), Span(26, 34)), Claim("c2", Span(28, 33))),
    )
    doc, left_out = gold_doc(
        spacy.blank("en").vocab, GoldDocument(article, annotation, sentences(text))
    )
    assert doc.text == text  # two spaces and a line break kept
    assert [(e.text, e.label_) for e in doc.ents] == [("Nordland", "GPE")]
    assert [s.text for s in doc.spans["claims"]] == ["it"]
    assert left_out == [
        "doc: mention m2 [0, 5) 'Nordl': not on the tokens",
        "doc: cue of claim c1 [26, 34) 'thanked ': not on the tokens",
        "doc: claim c2 [28, 33) 'anked': not on the tokens",
    ]
