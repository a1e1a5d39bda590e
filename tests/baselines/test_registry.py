from __future__ import annotations

import pytest

import baselines
from baselines.registry import UnknownBaselineError, register


def test_names_lists_the_builtin_baselines() -> None:
    assert {"rules", "spacy"} <= set(baselines.names())


def test_unknown_name_raises_with_known_names_and_suggestion() -> None:
    with pytest.raises(UnknownBaselineError) as error:
        baselines.get("rulez")
    message = str(error.value)
    assert "unknown baseline 'rulez'" in message
    assert "rules" in message and "did you mean 'rules'?" in message


def test_duplicate_name_is_refused() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register("rules", lambda: baselines.get("rules"))


def test_every_registered_baseline_has_a_name_version_and_layers() -> None:
    for name in baselines.names():
        extractor = baselines.get(name)
        assert extractor.name == name and extractor.version
        assert set(extractor.layers) <= {"entities", "relations", "claims"}
