"""Validation: every corpus file loads and its offsets, ids and splits agree with the articles.

``check_annotation`` checks one annotation against its article and has no side effects, so the
scorer reuses it for predictions; ``check_corpus`` checks a whole corpus folder. Problems are
reported, never fixed: a span off token boundaries is named, not moved.
"""

from __future__ import annotations

import argparse
import os
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from tqdm import tqdm

from corpus.cli import add_corpus_option, subcommand
from corpus.schema import PRONOUNS, RELATION_TYPES, Annotation, Article, Mention
from corpus.splits import POOL, SPLIT_KEYS
from corpus.store import CorpusError, CorpusStore, load_annotation, load_article
from corpus.text import normalize_text, sentences, span_to_token_range, text_sha256

# How a problem names an item of each layer (the same words as the schema's errors).
ITEM_NOUNS: dict[str, str] = {
    "mentions": "mention",
    "entities": "entity",
    "relations": "relation",
    "claims": "claim",
    "claim_links": "claim link",
}

NO_DOCUMENT = "-"  # doc_id of a problem that concerns no single document

# (item, message) pairs, turned into Problems by the caller that knows the file and document.
Findings = Iterator[tuple[str, str]]


@dataclass(frozen=True)
class Problem:
    path: str
    doc_id: str
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.doc_id}: {self.item}: {self.message}"


# --- one annotation against its article -----------------------------------------------------


def check_annotation(annotation: Annotation, article: Article, path: Path | str) -> list[Problem]:
    """Every problem of ``annotation`` (gold, annotator's or predicted) against ``article``."""
    findings = chain(
        _duplicate_ids(annotation),
        _text_hash(annotation, article.text),
        _mention_findings(annotation, article.text),
        _relation_findings(annotation),
        _claim_findings(annotation, article.text),
        _claim_link_findings(annotation),
    )
    return [Problem(str(path), annotation.doc_id, item, message) for item, message in findings]


def check_or_raise(
    annotation: Annotation,
    article: Article,
    where: Path | str,
    error: type[Exception] = CorpusError,
) -> None:
    """Raise ``error`` naming the first problem of ``annotation`` against ``article`` (and
    how many more there are), for a one-line error."""
    problems = check_annotation(annotation, article, where)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise error(f"{problems[0]}{more}")


def _outside(start: int, end: int, text: str) -> str | None:
    """Why ``[start, end)`` is not a non-empty span of ``text``, or None when it is."""
    if 0 <= start < end <= len(text):
        return None
    return f"span [{start}, {end}) is not inside the text (length {len(text)})"


def _duplicate_ids(annotation: Annotation) -> Findings:
    for layer, noun in ITEM_NOUNS.items():
        for item_id, count in Counter(item.id for item in annotation.layer(layer)).items():
            if count > 1:
                yield f"{noun} {item_id}", f"id used by {count} {layer}"


def _text_hash(annotation: Annotation, text: str) -> Findings:
    if annotation.text_sha256 is not None and annotation.text_sha256 != text_sha256(text):
        yield "text_sha256", "does not match the article text (annotated on another text?)"


def _mention_findings(annotation: Annotation, text: str) -> Findings:
    entity_ids = {entity.id for entity in annotation.entities}
    names: list[Mention] = []  # NAM mentions inside the text
    for mention in annotation.mentions:
        item = f"mention {mention.id}"
        outside = _outside(mention.start, mention.end, text)
        if outside:
            yield item, outside
        else:
            surface = text[mention.start : mention.end]
            if mention.text is not None and mention.text != surface:
                yield item, f"text {mention.text!r} differs from the article's {surface!r}"
            if mention.kind == "NAM":
                names.append(mention)
                if is_pronoun(surface):
                    yield item, f"{surface!r} is a pronoun marked NAM: its kind is PRO"
        if mention.entity is not None and mention.entity not in entity_ids:
            yield item, f"unknown entity {mention.entity!r}"
    names.sort(key=lambda mention: (mention.start, mention.end))
    yield from _name_overlaps(names)
    yield from _names_off_tokens(names, text)


def is_pronoun(surface: str) -> bool:
    """A pronoun as written in running text or at a sentence start ("his", "His"; not "US")."""
    return surface.lower() in PRONOUNS and surface in (surface.lower(), surface.capitalize())


def _name_overlaps(names: list[Mention]) -> Findings:
    """NAM mentions (sorted by offsets) that overlap an earlier one."""
    widest: Mention | None = None  # the earlier NAM mention that reaches furthest
    for mention in names:
        if widest is not None and mention.start < widest.end:
            yield f"mention {mention.id}", f"NAM mention overlaps NAM mention {widest.id}"
        if widest is None or mention.end > widest.end:
            widest = mention


def _names_off_tokens(names: list[Mention], text: str) -> Findings:
    """NAM mentions that are not whole tokens of the text layer, or not inside one sentence."""
    if not names:
        return
    found = sentences(text)  # once per document
    toks = [token for sentence in found for token in sentence.tokens]
    sentence_ends = [sentence.end for sentence in found]
    for mention in names:
        surface = text[mention.start : mention.end]
        span = f"span [{mention.start}, {mention.end}) {surface!r}"
        if span_to_token_range(toks, mention.start, mention.end) is None:
            yield f"mention {mention.id}", f"{span} is off token boundaries"
        elif sentence_ends[bisect_left(sentence_ends, mention.start + 1)] < mention.end:
            yield f"mention {mention.id}", f"{span} crosses a sentence boundary of the text layer"


def _relation_findings(annotation: Annotation) -> Findings:
    mention_types = {mention.id: mention.type for mention in annotation.mentions}
    for relation in annotation.relations:
        item = f"relation {relation.id}"
        arguments = {"head": relation.head, "tail": relation.tail}
        unknown = {role: ref for role, ref in arguments.items() if ref not in mention_types}
        for role, ref in unknown.items():
            yield item, f"unknown {role} mention {ref!r}"
        spec = RELATION_TYPES.get(relation.type)
        if spec is None:
            yield item, f"unknown relation type {relation.type!r}"
        elif not unknown:
            head, tail = mention_types[relation.head], mention_types[relation.tail]
            if not spec.accepts(head, tail):
                heads, tails = "|".join(sorted(spec.heads)), "|".join(sorted(spec.tails))
                yield item, f"{relation.type} does not accept {head} -> {tail} ({heads} -> {tails})"


def _claim_findings(annotation: Annotation, text: str) -> Findings:
    mention_ids = {mention.id for mention in annotation.mentions}
    parents = {claim.id: claim.parent for claim in annotation.claims}
    for claim in annotation.claims:
        item = f"claim {claim.id}"
        for part, span in (("content", claim.content), ("cue", claim.cue)):
            if span is not None and (outside := _outside(span.start, span.end, text)):
                yield item, f"{part} {outside}"
        for source in claim.sources:
            if source not in mention_ids:
                yield item, f"unknown source mention {source!r}"
        if claim.parent is None:
            continue
        if claim.parent == claim.id:
            yield item, "is its own parent"
        elif claim.parent not in parents:
            yield item, f"unknown parent claim {claim.parent!r}"
        else:
            cycle = _parent_cycle(claim.id, parents)
            if cycle:
                yield item, f"parents form a cycle: {' -> '.join(cycle)}"


def _parent_cycle(claim_id: str, parents: dict[str, str | None]) -> list[str] | None:
    """The chain ``claim_id -> parent -> … -> claim_id`` when the parents lead back, else None."""
    chain_ids = [claim_id]
    current = parents[claim_id]
    while current in parents and current not in chain_ids:
        chain_ids.append(current)
        current = parents[current]
    return [*chain_ids, claim_id] if current == claim_id else None


def _claim_link_findings(annotation: Annotation) -> Findings:
    claim_ids = {claim.id for claim in annotation.claims}
    for link in annotation.claim_links:
        for end, ref in (("from", link.source), ("to", link.target)):
            if ref not in claim_ids:
                yield f"claim link {link.id}", f"unknown {end} claim {ref!r}"
        if link.source == link.target:
            yield f"claim link {link.id}", f"links claim {link.source!r} to itself"


# --- a corpus folder -------------------------------------------------------------------------


def checked_gold_documents(
    store: CorpusStore, split: str
) -> tuple[list[Annotation], list[Article]]:
    """``store.gold_documents(split)``, each gold file checked against its article: a problem
    (a dangling relation head, a span off the text…) is a :class:`CorpusError` whose one
    line names the file, the document and the item."""
    gold, articles = store.gold_documents(split)
    for annotation, article in zip(gold, articles, strict=True):
        check_or_raise(annotation, article, store.gold_path(annotation.doc_id))
    return gold, articles


def corpus_files(store: CorpusStore) -> list[Path]:
    """The files ``check_corpus`` reads."""
    files = [*store.article_paths(), *store.gold_paths(), *store.annotation_paths()]
    return [*files, store.splits_path] if store.splits_path.exists() else files


def check_corpus(store: CorpusStore, progress: bool = False) -> list[Problem]:
    """Every problem of the articles, gold files, annotators' files and splits of ``store``."""
    if not store.root.is_dir():
        return [Problem(str(store.root), NO_DOCUMENT, "folder", "no such corpus folder")]
    articles, problems = check_articles(store)
    annotation_paths = [*store.gold_paths(), *store.annotation_paths()]
    problems += check_annotation_files(annotation_paths, articles, progress)
    return problems + check_splits(store, set(articles))


def check_annotation_files(
    paths: list[Path], articles: dict[str, Article | None], progress: bool = False
) -> list[Problem]:
    """The problems of the annotation files at ``paths`` against ``articles``."""
    problems = []
    for path in tqdm(paths, desc="validate", unit="file", disable=not progress):
        problems += read_annotation_file(path, articles)[1]
    return problems


def _load_problem(path: Path, doc_id: str, error: CorpusError) -> Problem:
    """A file that does not load; the error's message loses the path and id the Problem names."""
    message = str(error).removeprefix(f"{path}: ").removeprefix(f"{doc_id}: ")
    return Problem(str(path), doc_id, "file", message)


def check_articles(store: CorpusStore) -> tuple[dict[str, Article | None], list[Problem]]:
    """Articles by file name (None when the file does not load), and their problems."""
    articles: dict[str, Article | None] = {}
    problems: list[Problem] = []
    first_with_text: dict[str, str] = {}  # text hash -> id of the first article with that text
    for path in store.article_paths():
        try:
            article = articles[path.stem] = load_article(path)
        except CorpusError as error:
            articles[path.stem] = None
            problems.append(_load_problem(path, path.stem, error))
            continue
        where = (str(path), article.id)
        if article.id != path.stem:
            problems.append(Problem(*where, "id", f"differs from the file name {path.name!r}"))
        normalised = normalize_text(article.text)
        if normalised != article.text:
            offset = len(os.path.commonprefix([article.text, normalised]))
            message = f"not normalised (normalize_text changes it at offset {offset})"
            problems.append(Problem(*where, "text", message))
        other = first_with_text.setdefault(text_sha256(article.text), article.id)
        if other != article.id:
            problems.append(Problem(*where, "text", f"same text as article {other!r}"))
    return articles, problems


def read_annotation_file(
    path: Path, articles: dict[str, Article | None]
) -> tuple[Annotation | None, list[Problem]]:
    """The annotation file at ``path`` (None when it does not load) and its problems against
    ``articles`` (by id, as ``check_articles`` reads them)."""
    try:
        annotation = load_annotation(path)
    except CorpusError as error:
        return None, [_load_problem(path, path.stem, error)]
    problems = []
    if annotation.doc_id != path.stem:
        message = f"differs from the file name {path.name!r}"
        problems.append(Problem(str(path), annotation.doc_id, "doc_id", message))
    if annotation.doc_id not in articles:
        problems.append(Problem(str(path), annotation.doc_id, "doc_id", "no article with this id"))
        return annotation, problems
    article = articles[annotation.doc_id]
    if article is not None:  # an article that does not load has its own problem
        problems += check_annotation(annotation, article, path)
    return annotation, problems


def check_splits(store: CorpusStore, article_ids: set[str]) -> list[Problem]:
    """The problems of ``splits.json`` against the articles (none without both)."""
    path = store.splits_path
    if not article_ids and not path.exists():  # without splits.json, every article is in none
        return []
    try:
        splits = store.splits()
    except CorpusError as error:
        return [_load_problem(path, NO_DOCUMENT, error)]
    problems = []
    split_of: dict[str, str] = {}
    for split, doc_ids in splits.items():
        if split not in SPLIT_KEYS:
            message = f"unknown split (known: {', '.join(SPLIT_KEYS)})"
            problems.append(Problem(str(path), NO_DOCUMENT, f"split {split}", message))
        for doc_id in doc_ids:
            where = (str(path), doc_id, f"split {split}")
            if doc_id not in article_ids:
                problems.append(Problem(*where, "no such article"))
            if doc_id in split_of:
                problems.append(Problem(*where, f"already in split {split_of[doc_id]!r}"))
            else:
                split_of[doc_id] = split
    for doc_id in sorted(article_ids - split_of.keys()):
        problems.append(Problem(str(path), doc_id, "splits", "article is in no split"))
    for gold_path in store.gold_paths():
        if split_of.get(gold_path.stem) == POOL:
            message = "has gold but is still in the pool (select it into a split)"
            problems.append(Problem(str(path), gold_path.stem, f"split {POOL}", message))
    return problems


# --- command line ----------------------------------------------------------------------------


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(
        verbs,
        "validate",
        _validate,
        "Check the articles, gold and annotators' files and splits.json of a corpus folder; "
        "print one line per problem and exit 1 if there is any.",
    )
    add_corpus_option(parser)


def _validate(args: argparse.Namespace) -> int:
    store = CorpusStore(args.corpus)
    problems = check_corpus(store, progress=True)
    for problem in problems:
        print(problem)
    noun = "problem" if len(problems) == 1 else "problems"
    print(f"{len(corpus_files(store))} files checked, {len(problems)} {noun}")
    return 1 if problems else 0
