"""Sentences of a passage, the unit an answer quotes (and a workshop card shows), cut
where the documents end a sentence, so that a quote is whole sentences of the source
and nothing else."""
from __future__ import annotations

import re

SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z‘“(\d])")
# A stop that ends an abbreviation, not a sentence: "e.g.", "cf.", and two or more
# initials ("P.O. Box 500", "U.S."); one capital and a stop does end one ("hepatitis C.").
ABBREVIATION_END_RE = re.compile(r"\b(?:e\.g|i\.e|et al|vs|no|cf)\.$|(?:^|[\s(])[A-Z]\.(?:[A-Z]\.)+$", re.I)


# A numbered list run into a paragraph ("should be provided: 1. Information … 2. Needle
# exchange …") splits after each item's number: the number goes with the item it heads,
# unless it ends a reference ("as in section 4.").
LIST_NUMBER_END_RE = re.compile(r"(\S+)\s(\d{1,2}\.)$")
BARE_NUMBER_RE = re.compile(r"\d{1,2}\.")
REFERENCE_WORDS = frozenset("section chapter paragraph principle standard page figure table box annex step level "
                            "phase stage article condition criterion resolution no number".split())


def split_sentences(text: str) -> list[str]:
    """Sentences in order; a fragment of under three words ("(WHO, 2012).") and the
    part after an abbreviation ("e.g. methadone") stay with the sentence before; a list
    item's number heads its item."""
    parts = [s.strip() for s in SENTENCE_RE.split(text)]
    for i in range(len(parts) - 1):
        m = LIST_NUMBER_END_RE.search(parts[i])
        if m and m.group(1).lower().strip("(") not in REFERENCE_WORDS:
            parts[i], parts[i + 1] = parts[i][:m.start(2)].rstrip(), f"{m.group(2)} {parts[i + 1]}"
    out: list[str] = []
    number = ""   # a list item's bare number, split off on its own ("… scores. 2. Providing …")
    for i, part in enumerate(parts):
        if not part:
            continue
        if BARE_NUMBER_RE.fullmatch(part) and i + 1 < len(parts):
            number = f"{number} {part}".strip()
            continue
        part, number = (f"{number} {part}" if number else part), ""
        if out and (len(part.split()) < 3 or ABBREVIATION_END_RE.search(out[-1])):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


# A one-word label heading a sentence ("Description: Drug use disorders …", "Note: To
# reduce …"): the form's field name, not what the sentence says.
LABEL_RE = re.compile(r"^[A-Z][a-z]+:\s+(?=[A-Z‘“(])")


def without_label(sentence: str) -> str:
    """The sentence without a one-word label heading it; the rest is still verbatim."""
    return LABEL_RE.sub("", sentence, count=1)
