"""python -m baselines <verb>: list the registered extractors, or extract predictions."""

from __future__ import annotations

import argparse
import sys

from baselines import commands
from baselines.base import BaselineError
from corpus import cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m baselines", description=__doc__)
    commands.register(parser.add_subparsers(title="verbs", metavar="VERB"))
    return parser


def main(argv: list[str] | None = None) -> int:
    return cli.run(build_parser(), argv, user_errors=(BaselineError,))


if __name__ == "__main__":
    sys.exit(main())
