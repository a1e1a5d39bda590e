"""The llm baseline (``llm``, in ``baselines.llm.extractor``): any model served behind an
OpenAI-compatible endpoint."""
