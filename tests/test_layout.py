"""The layout's arrows (DESIGN.md), read from the imports of every module of the four packages.

``corpus`` imports nothing of ours; ``baselines`` imports ``corpus``; ``benchmarks`` imports
``corpus`` and ``baselines``; ``annotation`` imports ``corpus``, ``baselines`` and
``benchmarks.metrics``, so the modules of ``benchmarks.metrics`` import nothing else of
``benchmarks``; nothing imports ``annotation``. Tests may import everything. An import is any
``import`` statement (at the top, in a function or under ``TYPE_CHECKING``) and any
``importlib.import_module`` of a constant name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGES = ("corpus", "annotation", "baselines", "benchmarks")

# Unit -> what its modules may import besides the unit itself (a package or a module prefix).
ALLOWED: dict[str, tuple[str, ...]] = {
    "corpus": (),
    "baselines": ("corpus",),
    "benchmarks": ("corpus", "baselines"),
    "benchmarks.metrics": ("corpus", "baselines"),
    "annotation": ("corpus", "baselines", "benchmarks.metrics"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str:
    """The entry of ``ALLOWED`` that a module of ours belongs to."""
    return max((unit for unit in ALLOWED if within(module, unit)), key=len)


def within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """``(line, module)`` of each import of the file at ``path``; ``from a import b`` names
    ``a.b`` (a module or a name in ``a``: both are inside ``a``)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            # a relative import starts from the module's package, level - 1 packages up
            anchor = package.rsplit(".", node.level - 1)[0] if node.level else ""
            base = ".".join(part for part in (anchor, node.module) if part)
            yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.Call) and (name := imported_by_call(node)):
            yield node.lineno, name


def imported_by_call(call: ast.Call) -> str | None:
    """The constant module name of an ``import_module("...")`` call, else None."""
    function = call.func
    called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    if called == "import_module" and call.args and isinstance(call.args[0], ast.Constant):
        return str(call.args[0].value)
    return None


MODULES = sorted(path for package in PACKAGES for path in (REPO / package).rglob("*.py"))


def test_every_package_has_modules_to_check() -> None:
    assert {path.relative_to(REPO).parts[0] for path in MODULES} == set(PACKAGES)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(REPO)))
def test_imports_follow_the_layout(path: Path) -> None:
    unit = unit_of(module_name(path))
    wrong = [
        f"{path.relative_to(REPO)}:{line} imports {target}"
        for line, target in imports(path)
        if target.split(".")[0] in PACKAGES
        and not within(target, unit)
        and not any(within(target, allowed) for allowed in ALLOWED[unit])
    ]
    allowed = ", ".join(ALLOWED[unit]) or "nothing of ours"
    assert not wrong, f"{unit} may import {allowed}: " + "; ".join(wrong)
