"""python -m corpus <verb>: ingest, import, select, validate, stats, export."""

from __future__ import annotations

import argparse
import sys

from corpus import cli, export, importing, ingest, select, stats, validate


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpus", description=__doc__)
    verbs = parser.add_subparsers(title="verbs", metavar="VERB")
    for module in (ingest, importing, select, validate, stats, export):
        module.register(verbs)
    return parser


if __name__ == "__main__":
    sys.exit(cli.run(build_parser()))
