"""Shared command-line plumbing: one-line errors and a non-zero exit for expected failures."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from corpus.schema import SchemaError
from corpus.store import REPO_CORPUS, CorpusError
from corpus.text import AlignmentError

# Failures a user can fix; anything else is a bug and keeps its traceback.
USER_ERRORS: tuple[type[BaseException], ...] = (
    CorpusError,
    SchemaError,
    AlignmentError,
    FileNotFoundError,
)

Handler = Callable[[argparse.Namespace], int | None]


def run(
    parser: argparse.ArgumentParser,
    argv: Sequence[str] | None = None,
    user_errors: tuple[type[BaseException], ...] = (),
) -> int:
    """Parse ``argv``, call the chosen subcommand's ``handler`` and return the exit code."""
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args) or 0
    except (*USER_ERRORS, *user_errors) as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader (e.g. `| head`) went away: not an error of ours
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{parser.prog}: interrupted", file=sys.stderr)
        return 130


def subcommand(
    subparsers: argparse._SubParsersAction, name: str, handler: Handler, help: str
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help, description=help)
    parser.set_defaults(handler=handler)
    return parser


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value}: must be at least 1")
    return number


def output_file(value: str) -> Path:
    """An argparse type: a file a command may write when it is done, so not a folder and not
    under a file (checked before the work, which may be long)."""
    path = Path(value)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: is a folder, not a file")
    blocking = next((parent for parent in path.parents if parent.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: {blocking} is a file, not a folder")
    return path


def add_corpus_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        type=Path,
        default=REPO_CORPUS,
        metavar="DIR",
        help="corpus folder (default: the repo's corpus/)",
    )


TRAIN_CORPUS_HELP = (
    "corpus folder whose train split trained baselines learn from (default: --corpus)"
)


def add_train_corpus_option(parser: argparse.ArgumentParser, help: str = TRAIN_CORPUS_HELP) -> None:
    parser.add_argument("--train-corpus", type=Path, default=None, metavar="DIR", help=help)


def all_cores() -> int:
    """The default number of worker processes: every core."""
    return os.cpu_count() or 1


def add_workers_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=all_cores(),
        metavar="N",
        help=f"worker processes that {what}; the output is the same whatever their number "
        f"(default: every core, here {all_cores()})",
    )
