from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from baselines.rules.lexicon import STOP_WORDS, _strings_by_name
from tests.conftest import REPO


def test_stop_words_are_spacys() -> None:
    assert STOP_WORDS == SPACY_STOP_WORDS
    assert {"the", "n’t"} <= STOP_WORDS


@pytest.mark.parametrize("module", ["baselines.rules", "baselines.crf"])
def test_baselines_without_a_spacy_model_do_not_import_spacy(module: str) -> None:
    check = f"import sys, {module}; print('spacy' in sys.modules)"
    run = subprocess.run(
        [sys.executable, "-c", check], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "False"


def test_strings_are_read_from_a_file_that_is_not_run(tmp_path: Path) -> None:
    source = tmp_path / "words.py"
    source.write_text(
        'raise SystemExit("run")\n'
        'WORDS = set("""a b\nc""".split())\n'
        'pairs = ["x\'y", 2]\n'
        'for mark in ["‘", "’"]:\n'
        "    pass\n",
        encoding="utf-8",
    )
    assert _strings_by_name(source) == {"WORDS": ["a b\nc"], "pairs": ["x'y"], "mark": ["‘", "’"]}
