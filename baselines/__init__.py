"""Baseline extractors behind one interface (``baselines.base.Extractor``) and a registry."""

from baselines.registry import get, names, register

__all__ = ["get", "names", "register"]
