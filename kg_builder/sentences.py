"""Sentences of a passage, the unit an answer quotes (and a workshop card shows), cut
where the documents end a sentence, so that a quote is whole sentences of the source
and nothing else."""
from __future__ import annotations

import re

SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z‘“(\d])")
# A stop that ends an abbreviation, not a sentence: "e.g.", "cf.", and two or more
# initials ("P.O. Box 500", "U.S."); one capital and a stop does end one ("hepatitis C.").
ABBREVIATION_END_RE = re.compile(r"\b(?:e\.g|i\.e|et al|vs|no|cf)\.$|(?:^|[\s(])[A-Z]\.(?:[A-Z]\.)+$", re.I)


def split_sentences(text: str) -> list[str]:
    """Sentences in order; a fragment of under three words ("(WHO, 2012).") and the
    part after an abbreviation ("e.g. methadone") stay with the sentence before."""
    out: list[str] = []
    for part in (s.strip() for s in SENTENCE_RE.split(text)):
        if not part:
            continue
        if out and (len(part.split()) < 3 or ABBREVIATION_END_RE.search(out[-1])):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out
