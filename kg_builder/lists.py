"""Short lists become one passage: a lead-in ending with a colon and the short items
under it ("WHO recommends the following 9 step approach: 1. … 9. …") are read, cited and
retrieved as a whole. Alone, an item such as "9. Giving clients take-home materials" says
nothing of what it is a step of, and the lead-in alone holds none of the steps."""
from __future__ import annotations

import dataclasses
import re

from .model import ParsedDocument, Passage

MAX_ITEM_CHARS = 300    # longer items are paragraphs in their own right
MAX_LIST_CHARS = 1600   # about what MiniLM reads before it truncates (256 word pieces)
TERMINAL_RE = re.compile(r"[.,;:?!)\"”’]$")
NUMBERED_RE = re.compile(r"^\d{1,2}[.)]\s")
# Entity fields that point at passages by their number.
PASSAGE_FIELDS = ("passage", "passages", "goals", "target_population", "methods")


def sole_sources(doc: ParsedDocument) -> set[int]:
    """Numbers of the passages that are the whole source of an entity (a standard, a
    recommendation, a criterion): those keep their own passage. Entities spread over
    many passages (a modality's methods) simply follow the merge."""
    out: set[int] = set()
    for entity in (*doc.principles, *doc.standards, *doc.modalities, *doc.evidence,
                   *doc.recommendations, *doc.items):
        for f in PASSAGE_FIELDS:
            value = getattr(entity, f, None)
            if isinstance(value, int):
                out.add(value)
            elif isinstance(value, tuple) and len(value) == 1:
                out.update(value)
    return out


def find_short_lists(passages: list[Passage], keep: set[int]) -> list[tuple[int, int]]:
    """(start, end) index ranges, end exclusive: a lead-in and its short items, none of
    which an entity is derived from."""
    runs = []
    i = 0
    while i < len(passages):
        lead = passages[i]
        j = i + 1
        if lead.kind == "paragraph" and lead.text.rstrip().endswith(":"):
            while (j < len(passages) and passages[j].kind == "list_item"
                   and passages[j].section == lead.section and len(passages[j].text) <= MAX_ITEM_CHARS):
                j += 1
            members = passages[i:j]
            if (j - i >= 3 and sum(len(p.text) + 1 for p in members) <= MAX_LIST_CHARS
                    and not any(p.n in keep for p in members)
                    and (j == len(passages) or passages[j].kind != "list_item"
                         or passages[j].section != lead.section)):
                runs.append((i, j))
                i = j
                continue
        i += 1
    return runs


def list_text(members: list[Passage]) -> str:
    """The lead-in and its items as one text. Items that end without punctuation
    ("available", "accessible" …) keep a bullet each, or they would run together into
    one sentence; numbered items and items punctuated as a sentence read as they are."""
    items = members[1:]
    bare = any(not TERMINAL_RE.search(m.text) for m in items)
    numbered = all(NUMBERED_RE.match(m.text) for m in items)
    if bare and not numbered:
        return " ".join([members[0].text] + [f"• {m.text}" for m in items])
    return " ".join(m.text for m in members)


def group_short_lists(doc: ParsedDocument) -> ParsedDocument:
    """The document with each short list merged into one passage of kind "list";
    passages are renumbered and every entity's passage numbers follow."""
    runs = find_short_lists(doc.passages, sole_sources(doc))
    if not runs:
        return doc
    starts = {i: j for i, j in runs}
    merged: list[Passage] = []
    renumber: dict[int, int] = {}
    i = 0
    while i < len(doc.passages):
        p = doc.passages[i]
        n = len(merged) + 1
        if i in starts:
            members = doc.passages[i:starts[i]]
            renumber.update((m.n, n) for m in members)
            merged.append(dataclasses.replace(p, n=n, kind="list", text=list_text(members)))
            i = starts[i]
        else:
            merged.append(dataclasses.replace(p, n=n))
            renumber[p.n] = n
            i += 1

    def remap(entity):
        changes = {}
        for f in PASSAGE_FIELDS:
            value = getattr(entity, f, None)
            if isinstance(value, int):
                changes[f] = renumber[value]
            elif isinstance(value, tuple):
                changes[f] = tuple(dict.fromkeys(renumber[v] for v in value))
        return dataclasses.replace(entity, **changes)

    return dataclasses.replace(
        doc, passages=merged,
        principles=[remap(e) for e in doc.principles], standards=[remap(e) for e in doc.standards],
        modalities=[remap(e) for e in doc.modalities], evidence=[remap(e) for e in doc.evidence],
        recommendations=[remap(e) for e in doc.recommendations], items=[remap(e) for e in doc.items])
