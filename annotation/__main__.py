"""python -m annotation <verb>: install, serve, config, push, pull, place, quote, agreement,
adjudicate."""

from __future__ import annotations

import argparse
import sys

from annotation import adjudicate, agreement, config, pull, push, quoted_cli, serve
from annotation.server import LabelStudioError
from baselines.registry import UnknownBaselineError
from corpus import cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m annotation", description=__doc__)
    verbs = parser.add_subparsers(title="verbs", metavar="VERB")
    for module in (serve, config, push, pull, quoted_cli, agreement, adjudicate):
        module.register(verbs)
    return parser


if __name__ == "__main__":
    sys.exit(cli.run(build_parser(), user_errors=(LabelStudioError, UnknownBaselineError)))
