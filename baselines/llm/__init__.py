"""The llm baseline (``llm``): any model served behind an OpenAI-compatible endpoint."""

from baselines.llm.extractor import LLMExtractor

__all__ = ["LLMExtractor"]
