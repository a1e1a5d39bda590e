"""claimwire -> spaCy: ``python -m corpus export --format spacy`` writes ``<split>.spacy``.

Each gold document becomes a ``Doc`` on the text layer's tokens and sentences (the
whitespace between them kept as spaCy does: a space after a token, other whitespace as a token
of its own), so ``doc.text`` is the article's text. It holds:

- ``doc.ents``: the NAM mentions, labelled with their type;
- ``doc.spans["mentions"]``: every mention (NAM, NOM, PRO), labelled with its type;
- ``doc.spans["claims"]``: every claim's content and cue, labelled ``CONTENT`` and ``CUE``;
- ``doc.user_data``: ``doc_id`` and ``claimwire``, the gold annotation as in its JSON file
  (kinds, entities, relations, claim attributes, nesting and links).

A span that does not fall on the tokens (``Doc.char_span`` finds none) cannot be a spaCy span:
it is left out of the ``Doc`` and reported (a NAM mention of a valid corpus always falls on
them), never moved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from corpus.export_rows import GoldDocument
from corpus.schema import CLAIM_PARTS
from corpus.store import CorpusError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

CONTENT, CUE = CLAIM_PARTS
MENTIONS_GROUP, CLAIMS_GROUP = "mentions", "claims"


def words_of(document: GoldDocument) -> tuple[list[str], list[bool], list[bool]]:
    """spaCy's words, trailing spaces and sentence starts for the text layer's tokens."""
    text = document.article.text
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []
    position = 0
    for sentence in document.sentences:
        for index, token in enumerate(sentence.tokens):
            gap = text[position : token.start]
            if gap.startswith(" ") and words:
                spaces[-1], gap = True, gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
                starts.append(False)
            words.append(token.text)
            spaces.append(False)
            starts.append(index == 0)
            position = token.end
    return words, spaces, starts


def gold_doc(vocab: Vocab, document: GoldDocument) -> tuple[Doc, list[str]]:
    """The ``Doc`` of ``document`` and the spans it leaves out, one line each."""
    from spacy.tokens import Doc  # here: spaCy's import is heavy and only this export needs it

    words, spaces, starts = words_of(document)
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    if doc.text != document.article.text:
        raise CorpusError(f"{document.doc_id}: the spaCy Doc does not rebuild the article text")
    left_out: list[str] = []

    def span(start: int, end: int, label: str, item: str) -> Span | None:
        found = doc.char_span(start, end, label=label)
        if found is None:
            surface = document.surface(start, end)
            left_out.append(
                f"{document.doc_id}: {item} [{start}, {end}) {surface!r}: not on the tokens"
            )
        return found

    annotation = document.annotation
    mentions = [(m, span(m.start, m.end, m.type, f"mention {m.id}")) for m in annotation.mentions]
    doc.ents = [found for mention, found in mentions if found is not None and mention.kind == "NAM"]
    doc.spans[MENTIONS_GROUP] = [found for _, found in mentions if found is not None]
    parts = []
    for claim in annotation.claims:
        parts.append(span(claim.content.start, claim.content.end, CONTENT, f"claim {claim.id}"))
        if claim.cue is not None:
            parts.append(span(claim.cue.start, claim.cue.end, CUE, f"cue of claim {claim.id}"))
    doc.spans[CLAIMS_GROUP] = [found for found in parts if found is not None]
    doc.user_data["doc_id"] = document.doc_id
    doc.user_data["claimwire"] = annotation.to_dict()
    return doc, left_out


def write_spacy(folder: Path, by_split: dict[str, list[GoldDocument]]) -> list[str]:
    """``<split>.spacy`` (a ``DocBin``) for every split into ``folder``; the spans left out."""
    import spacy  # here: spaCy's import is heavy and only this export needs it
    from spacy.tokens import DocBin

    vocab = spacy.blank("en").vocab
    left_out: list[str] = []
    for split, documents in by_split.items():
        docs = DocBin(store_user_data=True)
        for document in tqdm(documents, desc=f"spacy {split}", unit="doc"):
            doc, missing = gold_doc(vocab, document)
            docs.add(doc)
            left_out += missing
        docs.to_disk(folder / f"{split}.spacy")
    return left_out
