"""python -m baselines <verb>: list the registered extractors, or extract predictions."""

from __future__ import annotations

import argparse
import sys

from baselines import commands
from corpus import cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m baselines", description=__doc__)
    commands.register(parser.add_subparsers(title="verbs", metavar="VERB"))
    return parser


if __name__ == "__main__":
    sys.exit(cli.run(build_parser()))
