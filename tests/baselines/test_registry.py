from __future__ import annotations

import subprocess
import sys

import pytest

import baselines
from baselines.registry import UnknownBaselineError, register
from baselines.rules import RulesExtractor
from tests.conftest import REPO


def test_names_lists_the_builtin_baselines() -> None:
    assert baselines.names() == ["crf", "crf-spacy", "llm", "rules", "spacy"]


def test_unknown_name_raises_with_known_names_and_suggestion() -> None:
    with pytest.raises(UnknownBaselineError) as error:
        baselines.get("rulez")
    message = str(error.value)
    assert "unknown baseline 'rulez' (known: crf, crf-spacy, llm, rules, spacy)" in message
    assert "did you mean 'rules'?" in message


def test_duplicate_name_is_refused() -> None:
    baselines.names()  # every built-in is registered

    class OtherRules(RulesExtractor):
        pass

    with pytest.raises(ValueError, match="'rules' is already registered"):
        register("rules")(OtherRules)
    assert type(baselines.get("rules")) is RulesExtractor


def test_every_registered_baseline_has_its_name_a_version_and_layers() -> None:
    for name in baselines.names():
        extractor = baselines.get(name)
        assert extractor.name == name and extractor.version
        assert set(extractor.layers) <= {"entities", "relations", "claims"}


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    check = f"{code}; import sys; print(' '.join(sys.modules))"
    run = subprocess.run(
        [sys.executable, "-c", check], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(run.stdout.split())


def test_importing_the_registry_imports_no_baseline() -> None:
    modules = _modules_after("import baselines")
    assert "baselines.registry" in modules
    assert (
        not {"baselines.rules", "baselines.llm.extractor", "baselines.spacy_model", "baselines.crf"}
        & modules
    )


def test_getting_a_baseline_imports_only_what_it_needs() -> None:
    modules = _modules_after("import baselines; baselines.get('rules')")
    assert "baselines.rules" in modules
    assert (
        not {"baselines.llm.extractor", "baselines.spacy_model", "baselines.crf", "spacy"} & modules
    )
    assert "openai" not in modules


def test_listing_the_baselines_loads_no_model() -> None:
    modules = _modules_after("import baselines; [baselines.get(n) for n in baselines.names()]")
    assert {
        "baselines.rules",
        "baselines.llm.extractor",
        "baselines.spacy_model",
        "baselines.crf",
    } <= modules
    assert not any(module.startswith("en_core_web_sm") for module in modules)


def test_the_commands_import_neither_the_llm_client_nor_datasets_before_they_need_them() -> None:
    """``baselines extract rules`` starts in a fraction of a second (each costs over half)."""
    modules = _modules_after("import baselines.commands")
    assert not {"openai", "datasets", "baselines.llm.extractor"} & modules
