"""Metrics per layer, pure functions of gold annotations, predicted annotations and texts.

``entities``, ``relations`` and ``claims`` each score one document at a time
(``*_document``) and sum documents into plain dataclasses with ``to_dict`` (``summarize_*``);
``score_*`` does both for whole lists. Agreement between annotators calls the same functions
with one annotator as gold.
"""
