"""python -m benchmarks <verb>: run the baselines, or evaluate a predictions file."""

from __future__ import annotations

import argparse
import sys

from baselines.base import BaselineError
from benchmarks import evaluate, run
from benchmarks.predictions import PredictionsError
from corpus import cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    verbs = parser.add_subparsers(title="verbs", metavar="VERB")
    for module in (run, evaluate):
        module.register(verbs)
    return parser


def main(argv: list[str] | None = None) -> int:
    return cli.run(build_parser(), argv, user_errors=(PredictionsError, BaselineError))


if __name__ == "__main__":
    sys.exit(main())
