"""Sentences of a passage, the unit an answer quotes."""
from __future__ import annotations

import re

SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z‘“(\d])")


def split_sentences(text: str) -> list[str]:
    parts = [s.strip() for s in SENTENCE_RE.split(text) if s.strip()]
    # Re-attach fragments ("e.g.", "i.e.", "(WHO, 2012).") to the sentence before.
    out: list[str] = []
    for p in parts:
        if out and (len(p.split()) < 3 or re.search(r"\b(e\.g|i\.e|et al|vs|no)\.$", out[-1])):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out
