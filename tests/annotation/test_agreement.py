"""Agreement between two annotators of a SYNTHETIC document, with hand-computed figures."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotation.__main__ import build_parser
from annotation.agreement import corpus_agreement, document_agreement, figures, kappa
from annotation.guidelines import documents_developed_on
from corpus import cli
from corpus.schema import (
    MENTION_TYPES,
    Annotation,
    Article,
    ArticleMeta,
    Claim,
    ClaimLink,
    Entity,
    Mention,
    Relation,
    Span,
)
from corpus.store import REPO_CORPUS, CorpusError, CorpusStore, read_json, write_json
from corpus.text import derive_doc_id, text_sha256

# SYNTHETIC test text, written for these tests; not a real article.
TEXT = (
    "Kim said Seoul sent troops to Kursk. Lee denied the report. "
    "Park said talks may resume, and he added that talks could fail."
)
DOC_ID = derive_doc_id(TEXT)


def span(surface: str, after: int = 0) -> Span:
    start = TEXT.index(surface, after)
    return Span(start, start + len(surface))


def mention(
    mention_id: str, surface: str, type_: str, entity: str, kind: str = "NAM", after: int = 0
) -> Mention:
    found = span(surface, after)
    return Mention(mention_id, found.start, found.end, type_, kind, entity, surface)


def claim(claim_id: str, content: str, cue: Span, source: str, **attributes: str) -> Claim:
    return Claim(claim_id, span(content), cue, (source,), **attributes)


def first_annotator() -> Annotation:
    """Annotator 1 (SYNTHETIC)."""
    possible = {"certainty": "POSSIBLE", "kind": "PREDICTION"}
    return Annotation(
        doc_id=DOC_ID,
        text_sha256=text_sha256(TEXT),
        mentions=(
            mention("m1", "Kim", "PERSON", "e1"),
            mention("m2", "Seoul", "GPE", "e2"),
            mention("m3", "Kursk", "GPE", "e3"),
            mention("m4", "Lee", "PERSON", "e4"),
            mention("m5", "Park", "PERSON", "e5"),
            mention("m6", "he", "PERSON", "e5", kind="PRO", after=TEXT.index(", and he")),
        ),
        entities=(
            Entity("e1", "Kim"),
            Entity("e2", "Seoul"),
            Entity("e3", "Kursk"),
            Entity("e4", "Lee"),
            Entity("e5", "Park"),
        ),
        relations=(Relation("r1", "DEPLOYS_TO", "m2", "m3"),),
        claims=(
            claim("c1", "Seoul sent troops to Kursk", span("said"), "m1"),
            claim("c2", "the report", span("denied"), "m4", stance="DENY"),
            claim("c3", "talks may resume", span("said", TEXT.index("Park")), "m5", **possible),
            claim("c4", "talks could fail", span("added"), "m6", **possible),
        ),
        claim_links=(ClaimLink("l1", "CONTRADICTS", "c2", "c1"),),
    )


def second_annotator() -> Annotation:
    """Annotator 2 (SYNTHETIC): Kursk is a LOC, "he" an entity of its own, c4 is CERTAIN,
    and an extra SUPPORTS link."""
    first = first_annotator()
    mentions = list(first.mentions)
    mentions[2] = replace(mentions[2], type="LOC")
    mentions[5] = replace(mentions[5], entity="e6")
    claims = list(first.claims)
    claims[3] = replace(claims[3], certainty="CERTAIN")
    return replace(
        first,
        mentions=tuple(mentions),
        entities=(*first.entities, Entity("e6", "he")),
        claims=tuple(claims),
        claim_links=(*first.claim_links, ClaimLink("l2", "SUPPORTS", "c4", "c3")),
    )


@pytest.fixture
def store(tmp_path) -> CorpusStore:
    """A corpus folder with the SYNTHETIC article annotated by two annotators."""
    store = CorpusStore(tmp_path / "corpus")
    store.save_article(Article(DOC_ID, TEXT, ArticleMeta(title="Synthetic test document")))
    for name, annotation in (
        ("annotator-1", first_annotator()),
        ("annotator-2", second_annotator()),
    ):
        store.save_annotation(annotation, store.annotation_path(name, DOC_ID))
    return store


def test_a_file_agrees_with_itself():
    result = figures(document_agreement(first_annotator(), first_annotator(), TEXT))
    absent_types = {f"mentions/{name}_f1" for name in MENTION_TYPES} - {
        "mentions/PERSON_f1",
        "mentions/GPE_f1",
    }
    undefined = {"claims/parent_accuracy", "claims/quote_kappa", *absent_types}
    assert {name for name, value in result.items() if value is None} == undefined
    for name, value in result.items():
        if name.endswith(("_f1", "_kappa")) and name not in undefined:
            assert value == pytest.approx(1.0), name
    assert result["mentions/kind_matched"] == 6
    assert result["claims/matched"] == 4


def test_a_known_disagreement_gives_the_hand_computed_figures():
    result = figures(document_agreement(first_annotator(), second_annotator(), TEXT))
    # Names: 5 each, Kursk differs in type: tp 4, fp 1, fn 1 -> F1 = 8 / 10.
    assert result["mentions/nam_span_strict_f1"] == pytest.approx(0.8)
    assert result["mentions/nam_seqeval_f1"] == pytest.approx(0.8)
    # All mentions: 6 each, tp 5 -> F1 = 10 / 12; per type: PERSON 4/4, GPE tp 1 fn 1, LOC fp 1.
    assert result["mentions/all_strict_f1"] == pytest.approx(5 / 6)
    assert result["mentions/PERSON_f1"] == 1.0
    assert result["mentions/GPE_f1"] == pytest.approx(2 / 3)
    assert result["mentions/LOC_f1"] == 0.0
    assert result["mentions/ORG_f1"] is None
    assert result["mentions/kind_kappa"] == 1.0  # 5 NAM + 1 PRO on both sides
    # Entities: {Kim} {Seoul} {Kursk} {Lee} {Park, he} against the same with "he" alone.
    # MUC: the one link is lost (recall 0/1), no link predicted -> F1 0. B-cubed: recall
    # (4 + 1/2 + 1/2) / 6, precision 6/6 -> F1 10/11. CEAF-e: best alignment 4 + 2/3,
    # recall over 5 clusters 14/15, precision over 6 clusters 7/9 -> F1 196/231.
    assert result["entities/muc_f1"] == 0.0
    assert result["entities/b_cubed_f1"] == pytest.approx(10 / 11)
    assert result["entities/ceaf_e_f1"] == pytest.approx(196 / 231)
    assert result["entities/conll_f1"] == pytest.approx((10 / 11 + 196 / 231) / 3)
    # The one relation's tail differs in type: strict 0, boundaries 1.
    assert result["relations/strict_f1"] == 0.0
    assert result["relations/boundaries_f1"] == 1.0
    assert result["claims/content_exact_f1"] == 1.0
    assert result["claims/attribution_f1"] == 1.0
    # Certainty CERTAIN CERTAIN POSSIBLE POSSIBLE vs CERTAIN CERTAIN POSSIBLE CERTAIN:
    # p_o = 3/4, p_e = 1/2 * 3/4 + 1/2 * 1/4 = 1/2, kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2.
    assert result["claims/certainty_kappa"] == pytest.approx(0.5)
    assert result["claims/stance_kappa"] == 1.0
    assert result["claims/kind_kappa"] == 1.0
    assert result["claims/quote_kappa"] is None  # both say INDIRECT throughout
    # Links: 1 shared, 1 extra: P = 1/2, R = 1 -> F1 = 2/3.
    assert result["claim_links/f1"] == pytest.approx(2 / 3)


def test_kappa_is_symmetric_and_undefined_without_items():
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("B", "B")]
    # p_o = 3/4; marginals A 1/2, 1/4 -> p_e = 1/2 * 1/4 + 1/2 * 3/4 = 1/2; kappa = 1/2.
    assert kappa(pairs) == pytest.approx(0.5)
    assert kappa([(b, a) for a, b in pairs]) == pytest.approx(0.5)
    assert kappa([]) is None


def test_corpus_agreement_reports_each_pair_on_unseen_documents(store):
    result = corpus_agreement(store, ["annotator-1", "annotator-2"])
    [pair] = result["pairs"]
    assert pair["annotators"] == ["annotator-1", "annotator-2"]
    assert pair["documents"] == [DOC_ID]
    assert pair["unseen"]["documents"] == 1 and "guidelines_development" not in pair
    assert pair["unseen"]["figures"]["claims/certainty_kappa"] == pytest.approx(0.5)


def test_documents_the_guidelines_were_developed_on_are_reported_apart(store):
    quoted = "ecc15c41bcd53d94"  # the seed, which guidelines 1.0 were written from
    assert quoted in documents_developed_on()
    article = CorpusStore(REPO_CORPUS).load_article(quoted)
    trained = Article("syn-train", "Synthetic train text.")
    for document in (article, trained):
        store.save_article(document)
        for name in ("annotator-1", "annotator-2"):
            store.save_annotation(Annotation(document.id), store.annotation_path(name, document.id))
    write_json(store.splits_path, {"train": ["syn-train"], "dev": [DOC_ID], "test": [quoted]})
    [pair] = corpus_agreement(store, ["annotator-1", "annotator-2"])["pairs"]
    assert pair["documents"] == sorted([DOC_ID, quoted, "syn-train"])
    assert pair["unseen"]["documents"] == 1  # the dev document only
    assert pair["guidelines_development"]["documents"] == 2  # train, and the quoted one


def test_an_unknown_annotator_is_an_error(store):
    with pytest.raises(CorpusError, match="no annotator 'nobody'"):
        corpus_agreement(store, ["annotator-1", "nobody"])


def test_the_command_prints_a_table_and_writes_json(store, tmp_path, capsys):
    out = tmp_path / "agreement.json"
    code = cli.run(build_parser(), ["agreement", "--corpus", str(store.root), "--json", str(out)])
    assert code == 0
    table = capsys.readouterr().out
    assert "annotator-1 / annotator-2" in table.splitlines()[0]
    assert "claims/certainty_kappa" in table
    [pair] = read_json(out)["pairs"]
    assert pair["unseen"]["figures"]["claims/certainty_kappa"] == 0.5
    assert pair["unseen"]["figures"]["claim_links/f1"] == 0.6667  # rounded once, when written


def test_the_table_keeps_long_annotator_names_apart(store, capsys):
    for old, new in (("annotator-1", "ann.one@example.org"), ("annotator-2", "b@example.org")):
        (store.annotations_dir / old).rename(store.annotations_dir / new)
    assert cli.run(build_parser(), ["agreement", "--corpus", str(store.root)]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert header == ["figure", "ann.one@example.org", "/", "b@example.org"]
