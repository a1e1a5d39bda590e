"""Metrics: pure functions of gold annotations, predicted annotations and texts.

- ``counts``: ``Counts(tp, fp, fn)``, the additive score every metric builds on; bootstrap
  intervals over documents; ``rounded`` for written results;
- ``matching``: pairing gold and predicted items; ``token_index``: the tokens of a text;
- ``entities``, ``relations``, ``claims``: one layer each, scored one document at a time
  (``*_document``) and summed over documents (``summarize_*``);
- ``document``: every layer of one document (``score_document``) and the sum
  (``summarize_documents``).

Agreement between annotators (``annotation.agreement``) calls the same functions with one
annotator as gold; this package is the only part of ``benchmarks`` it may import.
"""
