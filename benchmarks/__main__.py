"""python -m benchmarks <verb>: run the baselines, or evaluate a predictions file."""

from __future__ import annotations

import argparse
import sys

from benchmarks import evaluate, run
from corpus import cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    verbs = parser.add_subparsers(title="verbs", metavar="VERB")
    for module in (run, evaluate):
        module.register(verbs)
    return parser


if __name__ == "__main__":
    sys.exit(cli.run(build_parser()))
