"""CoNLL column files: names as IOB tags on tokens, one token per line.

Reading (``python -m corpus import conll``): a token's first column is its text and its last
its tag, so CoNLL-2003's four columns (token, POS, chunk, NER) and two columns (token, NER) both
read; every token line of a file has the same number of columns. A blank line ends a sentence;
a ``-DOCSTART-`` line starts a document (the tokens before the first one, if any, are a document
too). Line breaks may be ``\\r\\n``. Tags are IOB1, IOB2 (read alike: an ``I-`` that does not
continue a name starts one) or IOBES (``S-``/``E-``, or BILOU's ``U-``/``L-``, anywhere in the
file: then every ``I-``/``E-`` must continue a ``B-``). A document becomes an article, its
tokens joined by single spaces and its sentences by line breaks, and its names NAM mentions
(each an entity of its own) typed by a type map: a type the map does not name is dropped and
reported.

Writing (``python -m corpus export --format conll``): ``<split>.conll`` of two columns, the text
layer's tokens and the IOB2 tags of the NAM mentions, a blank line after each sentence and
``-DOCSTART- O`` before each document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from corpus.export_rows import GoldDocument, ner_rows
from corpus.formats.drafts import Draft, Finding, Origin, name_entities
from corpus.readers import Limits, Meta, make_incoming
from corpus.schema import MENTION_TYPES, Annotation, Mention
from corpus.store import CorpusError, read_text, write_text_atomic
from corpus.text import Token, bio_to_offsets, normalize_with_offsets, text_sha256

DOCSTART = "-DOCSTART-"
DEFAULT_TYPES: dict[str, str] = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}  # MISC dropped
_TAG = re.compile(r"O|[BIESLU]-\S+")
_IOBES_PREFIXES = frozenset("ESLU")


@dataclass(frozen=True)
class ConllToken:
    text: str
    tag: str
    line: int


@dataclass(frozen=True)
class ConllDocument:
    line: int  # of its first token
    sentences: tuple[tuple[ConllToken, ...], ...]


def type_map(pairs: list[str]) -> dict[str, str]:
    """``["PER=PERSON", …]`` as a type map; each target must be a claimwire mention type."""
    found = {}
    for pair in pairs:
        source, equals, target = pair.partition("=")
        if not equals or not source or target not in MENTION_TYPES:
            known = ", ".join(MENTION_TYPES)
            raise CorpusError(f"--type {pair!r}: expected CONLL_TYPE=TYPE, TYPE one of {known}")
        found[source] = target
    return found


# --- reading -----------------------------------------------------------------------------------


def read_conll(path: Path) -> list[ConllDocument]:
    """The documents of the CoNLL file ``path``, their tags in IOB1 or IOB2 (IOBES read as
    IOB2)."""
    documents: list[ConllDocument] = []
    sentences: list[tuple[ConllToken, ...]] = []
    sentence: list[ConllToken] = []
    columns = None

    def end_sentence() -> None:
        if sentence:
            sentences.append(tuple(sentence))
            sentence.clear()

    def end_document() -> None:
        end_sentence()
        if sentences:
            documents.append(ConllDocument(sentences[0][0].line, tuple(sentences)))
            sentences.clear()

    for number, line in enumerate(read_text(path).split("\n"), start=1):
        parts = line.split()
        if not parts:
            end_sentence()
        elif parts[0] == DOCSTART:
            end_document()
        else:
            where = f"{path}:{number}: {line.strip()!r}"
            columns = columns or len(parts)
            if len(parts) != columns or columns < 2:
                raise CorpusError(
                    f"{where}: {len(parts)} columns, but the file's first token line has "
                    f"{columns} (a token and its tag at least)"
                )
            if not _TAG.fullmatch(parts[-1]):
                raise CorpusError(f"{where}: {parts[-1]!r} is not an IOB tag (O, B-X, I-X, …)")
            sentence.append(ConllToken(parts[0], parts[-1], number))
    end_document()
    if not documents:
        raise CorpusError(f"{path}: no tokens")
    if not is_iobes(documents):
        return documents
    return [
        ConllDocument(document.line, tuple(iobes_to_iob2(s, path) for s in document.sentences))
        for document in documents
    ]


def is_iobes(documents: list[ConllDocument]) -> bool:
    """Whether the file's tags are IOBES (or BILOU): some tag starts with E, S, L or U."""
    return any(
        token.tag[0] in _IOBES_PREFIXES
        for document in documents
        for sentence in document.sentences
        for token in sentence
    )


def iobes_to_iob2(sentence: tuple[ConllToken, ...], path: Path) -> tuple[ConllToken, ...]:
    """An IOBES (or BILOU) sentence with IOB2 tags; an ``I-``/``E-`` that does not continue
    a ``B-``, or a ``B-`` without its ``E-``, is an error naming the line."""
    tags, inside = [], None
    for token in sentence:
        prefix, _, label = token.tag.partition("-")
        prefix = {"L": "E", "U": "S"}.get(prefix, prefix)
        where = f"{path}:{token.line}: {token.text!r} {token.tag}"
        if prefix in ("I", "E"):
            if inside != label:
                raise CorpusError(f"{where}: does not continue a B-{label} (IOBES)")
            tags.append(f"I-{label}")
            inside = label if prefix == "I" else None
            continue
        if inside is not None:
            raise CorpusError(f"{where}: the {inside} name before it has no E- tag (IOBES)")
        tags.append("O" if prefix == "O" else f"B-{label}")
        inside = label if prefix == "B" else None
    if inside is not None:
        last = sentence[-1]
        raise CorpusError(f"{path}:{last.line}: {last.text!r}: the sentence ends inside a name")
    return tuple(replace(token, tag=tag) for token, tag in zip(sentence, tags, strict=True))


def conll_draft(
    path: Path,
    document: ConllDocument,
    types: Mapping[str, str],
    given: Meta,
    limits: Limits,
) -> Draft:
    """The article of ``document`` and its names as NAM mentions typed by ``types``."""
    joined = "\n".join(
        " ".join(token.text for token in sentence) for sentence in document.sentences
    )
    incoming = make_incoming(f"{path}:{document.line}", joined, None, {}, given, limits)
    normalized = normalize_with_offsets(joined)
    spans: list[tuple[int, int, str]] = []
    line_at: dict[int, int] = {}  # a token's start -> its line in the file
    offset = 0
    for sentence in document.sentences:
        tokens = []
        for token in sentence:
            tokens.append(Token(offset, offset + len(token.text), token.text))
            line_at[offset] = token.line
            offset += len(token.text) + 1  # a space, or the line break after the sentence
        tags = [token.tag for token in sentence]
        spans += bio_to_offsets(tokens, tags)  # per sentence: a name never crosses one
    mentions, findings, origins = [], [], {}
    for start, end, label in spans:
        origin = Origin(str(path), line_at[start], f"{joined[start:end]!r} {label}")
        if label not in types:
            findings.append(Finding(origin, f"type {label} is not in the type map"))
            continue
        mapped = normalized.span(start, end)  # whole tokens: NFC composes nothing across them
        if mapped is None:
            raise AssertionError(f"{origin}: whole tokens without a normalised span")
        mention_id = f"L{line_at[start]}"
        surface = incoming.article.text[mapped[0] : mapped[1]]
        mentions.append(Mention(mention_id, *mapped, types[label], "NAM", mention_id, surface))
        origins[f"mention {mention_id}"] = origin
    annotation = Annotation(
        incoming.article.id,
        text_sha256(incoming.article.text),
        mentions=tuple(mentions),
        entities=name_entities(mentions),
    )
    return Draft(incoming, annotation, origins, tuple(findings))


# --- writing -----------------------------------------------------------------------------------


def conll_lines(document: GoldDocument) -> list[str]:
    """``-DOCSTART- O``, then each sentence's ``token tag`` lines and a blank line (a token of
    the text layer holds no whitespace: spaCy's tokenizer splits at every whitespace character)."""
    lines = [f"{DOCSTART} O", ""]
    for row in ner_rows(document):
        lines += [
            f"{token} {tag}" for token, tag in zip(row["tokens"], row["ner_tags"], strict=True)
        ]
        lines.append("")
    return lines


def write_conll(folder: Path, by_split: dict[str, list[GoldDocument]]) -> list[str]:
    """``<split>.conll`` for every split into ``folder``; nothing is left out."""
    for split, documents in by_split.items():
        lines = []
        for document in tqdm(documents, desc=f"conll {split}", unit="doc"):
            lines += conll_lines(document)
        write_text_atomic(folder / f"{split}.conll", "\n".join(lines) + "\n")
    return []
