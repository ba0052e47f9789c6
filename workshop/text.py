"""Sentences of a passage: the one splitter the answers use (kg_builder/sentences.py),
so a card quotes the same whole sentences an answer does."""
from __future__ import annotations

from kg_builder.sentences import split_sentences  # noqa: F401  (re-exported)
