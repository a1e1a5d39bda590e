"""The registry of baselines: a baseline registers itself once, with ``@register("name")`` on its
class; ``names()`` lists them and ``get(name)`` makes one (or says which names exist).

Importing the registry imports no baseline. The built-in baselines register themselves when
their modules are imported: ``get`` imports those modules in turn until the name it looks for
is registered (``get("rules")`` imports the rule baseline alone), ``names`` imports them all.
No baseline loads a model when its module is imported or its class instantiated: models load
in ``extract`` or are trained in ``fit``.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from baselines.base import Extractor

# The modules that define the built-in baselines, the cheapest to import first.
BUILT_IN_MODULES: tuple[str, ...] = (
    "baselines.rules",
    "baselines.llm.extractor",
    "baselines.spacy_model",
    "baselines.crf",
)

E = TypeVar("E", bound=type[Extractor])

_CLASSES: dict[str, type[Extractor]] = {}


class UnknownBaselineError(KeyError):
    """No baseline has this name; the message lists the known names and a close match."""

    def __str__(self) -> str:
        return str(self.args[0])


def register(name: str) -> Callable[[E], E]:
    """A class decorator: the baseline class is registered under ``name``, which becomes its
    ``name``; a name can be registered only once."""

    def add(cls: E) -> E:
        if name in _CLASSES:
            raise ValueError(f"baseline {name!r} is already registered ({_CLASSES[name]})")
        cls.name = name
        _CLASSES[name] = cls
        return cls

    return add


def _import_built_ins(until: str | None = None) -> None:
    """Import the built-in baselines' modules, stopping once ``until`` is registered."""
    for module in BUILT_IN_MODULES:
        if until in _CLASSES:
            return
        importlib.import_module(module)


def names() -> list[str]:
    _import_built_ins()
    return sorted(_CLASSES)


def get(name: str, settings: Mapping[str, Any] | None = None) -> Extractor:
    """A new instance of the baseline called ``name``, made with ``settings[name]`` when
    ``settings`` (baseline name -> the settings its class takes) has it, else with none."""
    _import_built_ins(until=name)
    if name not in _CLASSES:
        close = difflib.get_close_matches(name, names(), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UnknownBaselineError(f"unknown baseline {name!r} (known: {', '.join(names())}){hint}")
    if settings is not None and name in settings:
        return _CLASSES[name](settings[name])  # type: ignore[call-arg]
    return _CLASSES[name]()
