"""The registry of baselines: ``get(name)`` with a helpful miss, ``names()``, ``register``.

Built-in baselines are registered by factory, so importing the registry loads no model.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from baselines.base import Extractor

Factory = Callable[[], Extractor]

_FACTORIES: dict[str, Factory] = {}


class UnknownBaselineError(KeyError):
    """No baseline has this name; the message lists the known names and a close match."""

    def __str__(self) -> str:
        return str(self.args[0])


def register(name: str, factory: Factory) -> None:
    """Add a baseline; a name can be registered only once."""
    if name in _FACTORIES:
        raise ValueError(f"baseline {name!r} is already registered")
    _FACTORIES[name] = factory


def names() -> list[str]:
    return sorted(_FACTORIES)


def get(name: str) -> Extractor:
    """A new instance of the baseline called ``name``."""
    if name not in _FACTORIES:
        close = difflib.get_close_matches(name, names(), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UnknownBaselineError(f"unknown baseline {name!r} (known: {', '.join(names())}){hint}")
    return _FACTORIES[name]()


def _rules() -> Extractor:
    from baselines.rules import RulesExtractor

    return RulesExtractor()


def _spacy() -> Extractor:
    from baselines.spacy_model import SpacyExtractor

    return SpacyExtractor()


def _crf() -> Extractor:
    from baselines.crf import CrfExtractor

    return CrfExtractor()


register("rules", _rules)
register("spacy", _spacy)
register("crf", _crf)
