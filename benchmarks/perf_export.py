"""How long the dataset export takes and how large it is: ``python -m benchmarks.perf_export``.

Writes a SYNTHETIC corpus (made-up words, not news: 10,000 documents of ~600 tokens by default,
with mentions, entities, relations and claims) into a temporary folder, exports it with
``corpus.export.export_corpus`` (validation included) with 1, 2 and N worker processes (N:
``--workers``, default every core), and prints the wall time and documents per second of each,
whether the exports are identical byte for byte, the time of validation alone, and the size on
disk of the export per configuration. Everything is removed.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import tempfile
import time
from pathlib import Path

from benchmarks.perf_workers import worker_counts
from corpus.cli import all_cores, positive_int
from corpus.export import export_corpus
from corpus.schema import Annotation, Article, ArticleMeta, Claim, Entity, Mention, Relation, Span
from corpus.store import CorpusStore, write_json
from corpus.text import derive_doc_id, text_sha256
from corpus.validate import check_corpus, is_pronoun

SYLLABLES = ("ka", "lo", "mi", "ren", "tu", "sa", "vo", "ne", "di", "por", "gu", "fe")
PARAGRAPHS, SENTENCES = 6, 4  # per document; each sentence has ~25 tokens
SPLITS = {"train": 0.8, "dev": 0.1, "test": 0.1}
TARGET_DOCUMENTS, TARGET_SECONDS = 10_000, 60  # the target


def word(rng: random.Random, capital: bool = False) -> str:
    """A made-up word, never a pronoun ("mine" is two syllables of ours)."""
    while is_pronoun(text := "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))):
        pass
    return text.capitalize() if capital else text


class SyntheticText:
    """Text built piece by piece, with mentions recorded at their offsets."""

    def __init__(self) -> None:
        self.text = ""
        self.mentions: list[Mention] = []

    def add(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        return start, len(self.text)

    def mention(self, surface: str, type_: str) -> Mention:
        start, end = self.add(surface)
        index = len(self.mentions) + 1
        found = Mention(f"m{index}", start, end, type_, "NAM", f"e{index}", surface)
        self.mentions.append(found)
        return found


def synthetic_document(index: int, rng: random.Random) -> tuple[Article, Annotation]:
    """One made-up document: per sentence a source says that a place sent N of … to a place."""
    built = SyntheticText()
    relations, claims = [], []
    for paragraph in range(PARAGRAPHS):
        if paragraph:
            built.add("\n")
        for sentence in range(SENTENCES):
            if sentence:
                built.add(" ")
            source = built.mention(f"{word(rng, True)} {word(rng, True)}", "PERSON")
            cue = Span(*built.add(" said"))
            built.add(" that ")
            head = built.mention(word(rng, True), "GPE")
            built.add(" sent ")
            built.mention(str(rng.randint(2, 900)), "QUANTITY")
            built.add(" " + " ".join(word(rng) for _ in range(rng.randint(10, 16))) + " to ")
            tail = built.mention(word(rng, True), "LOC")
            built.add(".")
            number = len(claims) + 1
            relations.append(Relation(f"r{number}", "DEPLOYS_TO", head.id, tail.id))
            claims.append(Claim(f"c{number}", Span(head.start, tail.end), cue, (source.id,)))
    doc_id = derive_doc_id(built.text)
    meta = ArticleMeta(
        title=f"Synthetic document {index}", source="synthetic benchmark", rights="synthetic"
    )
    annotation = Annotation(
        doc_id,
        text_sha256(built.text),
        mentions=tuple(built.mentions),
        entities=tuple(Entity(m.entity, m.text) for m in built.mentions),
        relations=tuple(relations),
        claims=tuple(claims),
    )
    return Article(doc_id, built.text, meta), annotation


def write_synthetic_corpus(root: Path, documents: int, seed: int) -> CorpusStore:
    rng = random.Random(seed)
    store = CorpusStore(root)
    ids = []
    for index in range(documents):
        article, annotation = synthetic_document(index, rng)
        store.save_article(article)
        store.save_annotation(annotation, store.gold_path(article.id))
        ids.append(article.id)
    bounds, start = {}, 0
    for split, share in SPLITS.items():
        bounds[split] = ids[start : start + round(share * documents)]
        start += len(bounds[split])
    write_json(store.splits_path, bounds)
    return store


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def folder_digest(folder: Path) -> str:
    """SHA-256 over the names and bytes of every file of ``folder``, in name order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.perf_export", description=__doc__)
    parser.add_argument(
        "--documents", type=int, default=TARGET_DOCUMENTS, help="synthetic documents"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=all_cores(),
        metavar="N",
        help="the most workers timed (default: every core); 1, 2 and N are timed",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="perf-export-") as work:
        store = write_synthetic_corpus(Path(work) / "corpus", args.documents, args.seed)
        print(f"synthetic corpus: {args.documents} documents, {folder_size(store.root):,} bytes")
        started = time.perf_counter()
        problems = check_corpus(store)
        validation = time.perf_counter() - started
        print(f"validation alone (python -m corpus validate): {validation:.1f} s")
        if problems:
            raise SystemExit(f"the synthetic corpus is invalid: {problems[0]}")
        digests = {}
        for workers in worker_counts(args.workers):
            out = Path(work) / f"export-{workers}"
            started = time.perf_counter()
            export_corpus(store, out, workers=workers)
            elapsed = time.perf_counter() - started
            digests[workers] = folder_digest(out)
            met = "yes" if elapsed < TARGET_SECONDS else "NO"
            target = (
                f" (under {TARGET_SECONDS} s: {met})" if args.documents == TARGET_DOCUMENTS else ""
            )
            print(
                f"export (validation included), {workers} worker(s): {elapsed:.1f} s, "
                f"{args.documents / elapsed:,.0f} documents/s{target}"
            )
        same = len(set(digests.values())) == 1
        print(f"bytes identical across worker counts {sorted(digests)}: {'yes' if same else 'NO'}")
        print(f"export size on disk: {folder_size(out):,} bytes")
        for config in sorted(p.name for p in (out / "data").iterdir()):
            print(f"  {config}: {folder_size(out / 'data' / config):,} bytes")
        print(f"  README.md: {(out / 'README.md').stat().st_size:,} bytes")
        if not same:
            raise SystemExit("the export differs between worker counts")


if __name__ == "__main__":
    main()
