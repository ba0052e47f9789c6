"""Parse the four companion documents. They have no numbered sections, so a shared
reader finds headings and passages, and one small function per document picks out
what that document contributes (conditions, operative paragraphs, modules …)."""
from __future__ import annotations

import re

from ..errors import ExtractionError
from ..model import Document, Item, ParsedDocument, Passage, Recommendation, Section
from ..text import (Block, clean_lines, join_lines, merge_page_splits, normalise,
                    split_blocks, strip_bullet, strip_footnote_marks)

LIST_ITEM_RE = re.compile(r"^\s*(?:[•▪◦-]\s|\d{1,2}[.)]\s)")
FOOTNOTE_LINE_RE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
OPERATIVE_RE = re.compile(r"^(\d{1,2})\.\s+\*?(?:(Also)\s+)?([A-Za-z]+)\*?\s+(.*)$", re.S)
PREAMBLE_VERB_RE = re.compile(r"^([A-Z][a-z]+(?:ing|ed))\b")
ADDRESSEE_RE = re.compile(
    r"^(?:all\s+)?(Member States(?: and other donors)?|the United Nations Office on Drugs and Crime"
    r"|the World Health Organization)", re.I)


COLLABORATOR_RE = re.compile(
    r"^,?\s+in collaboration with (?:the\s+)?(World Health Organization|United Nations Office on Drugs and Crime)")


# The sign-off of a foreword ("Antonio Maria Costa / Executive Director") looks like a
# two-line heading; its second line names a role.
SIGNATURE_ROLE_RE = re.compile(r"^(?:Executive |Deputy |Regional )?(?:Director|Secretary|President|Chair|"
                               r"Minister|Coordinator|Head|Chief)\b", re.I)


def _is_heading(block: Block) -> bool:
    lines = [normalise(line) for line in block.lines]
    text = " ".join(lines)
    if LIST_ITEM_RE.match(block.first) or not text or not text[0].isupper():
        return False
    if len(lines) == 2 and SIGNATURE_ROLE_RE.match(lines[1].strip()):
        return False
    if len(lines) == 1:
        return len(text) <= 110 and not re.search(r"[.;,:]$", text) and len(text.split()) <= 18
    # A heading the PDF broke over short lines.
    return len(lines) <= 3 and all(len(line) <= 60 for line in lines) and not text.endswith(",")


def _isolate_headings_in_lists(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A heading printed between two bullet lists with no blank line ("Global Level
    Outcomes") gets blank lines around it, so that it becomes a block of its own."""
    out: list[tuple[int, str]] = []
    for i, (no, line) in enumerate(lines):
        prev = lines[i - 1][1] if i else ""
        nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
        between_lists = LIST_ITEM_RE.match(prev) and LIST_ITEM_RE.match(nxt)
        if between_lists and line.strip() and not line[0].isspace() and not LIST_ITEM_RE.match(line):
            out += [(no, ""), (no, line), (no, "")]
        else:
            out.append((no, line))
    return out


def _isolate_headings_after_paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A heading printed right under a paragraph's last sentence with no blank line
    (" Compulsory treatment: treatment in the absence / of the right of refusal"): an
    indented capitalised line after a full stop, one or two short unpunctuated lines
    long, then a blank line. A blank line before it makes it a block of its own."""
    out: list[tuple[int, str]] = []
    for i, (no, line) in enumerate(lines):
        prev = lines[i - 1][1].rstrip() if i else ""
        span = []
        for _, nxt in lines[i:i + 3]:
            if not nxt.strip():
                break
            span.append(nxt.strip())
        heading_like = (line[:1].isspace() and line.strip()[:1].isupper() and prev.endswith(".")
                        and 0 < len(span) <= 2 and i + len(span) < len(lines)
                        and all(len(x) <= 60 for x in span) and not re.search(r"[.;,:]$", span[-1])
                        and not LIST_ITEM_RE.match(line))
        if heading_like:
            out.append((no, ""))
        out.append((no, line))
    return out


def read_sections_and_passages(document: Document, text: str, vocab: set[str]) -> ParsedDocument:
    """Headings become sections (keyed s1, s2 … in order), everything else passages."""
    doc = ParsedDocument(document)
    lines = [(no, "" if FOOTNOTE_LINE_RE.match(line) else line) for no, line in clean_lines(text)]
    lines = _isolate_headings_after_paragraphs(_isolate_headings_in_lists(lines))
    section = ""
    for block in merge_page_splits(split_blocks(lines)):
        if _is_heading(block):
            title = join_lines(block.lines, vocab)
            section = f"s{len(doc.sections) + 1}"
            doc.sections.append(Section(document.id, section, "", title, None, len(doc.sections) + 1))
            continue
        is_item = bool(LIST_ITEM_RE.match(block.first))
        body = join_lines(block.lines, vocab)
        body = strip_bullet(body) if is_item and not re.match(r"^\d", body) else body
        body = strip_footnote_marks(re.sub(r"^-\s+", "", body))
        if not section:  # text before the first heading: the document's title block
            doc.sections.append(Section(document.id, "s1", "", body, None, 1))
            section = "s1"
            continue
        doc.passages.append(Passage(document.id, len(doc.passages) + 1, body, section,
                                    "list_item" if is_item else "paragraph", "", block.line))
    return doc


def _section_by_title(doc: ParsedDocument, pattern: str) -> Section:
    for s in doc.sections:
        if re.search(pattern, s.title, re.I):
            return s
    raise ExtractionError(f"{doc.document.file}: no heading matching /{pattern}/")


def _passages_in(doc: ParsedDocument, section: Section) -> list[Passage]:
    return [p for p in doc.passages if p.section == section.key]


def _retype(doc: ParsedDocument, n: int, kind: str) -> None:
    p = doc.passages[n - 1]
    doc.passages[n - 1] = Passage(p.doc_id, p.n, p.text, p.section, kind, p.heading, p.line)


def parse_coercion(document: Document, text: str, vocab: set[str]) -> ParsedDocument:
    """The 15 numbered conditions for treatment as an alternative to criminal justice
    sanctions, and the criteria for short-term compulsory treatment."""
    doc = read_sections_and_passages(document, text, vocab)
    good = _section_by_title(doc, r"^Good practice for criminal justice")
    numbered = [p for p in _passages_in(doc, good) if re.match(r"^\d{1,2}\.\s", p.text)]
    for p in numbered:
        number, body = re.match(r"^(\d{1,2})\.\s+(.*)$", p.text, re.S).groups()
        _retype(doc, p.n, "recommendation")
        doc.recommendations.append(Recommendation(
            document.id, f"condition-{number}", "GoodPracticeCondition", body, p.n, number=number))
    if [r.number for r in doc.recommendations] != [str(i) for i in range(1, 16)]:
        raise ExtractionError(f"{document.file}: expected conditions 1-15 under '{good.title}', "
                              f"found {[r.number for r in doc.recommendations]}")
    emergency = _section_by_title(doc, r"Emergency short-term")
    criteria = [p for p in _passages_in(doc, emergency) if p.kind == "list_item"]
    if not criteria:
        raise ExtractionError(f"{document.file}: no criteria for short-term compulsory treatment "
                              f"under '{emergency.title}'")
    for i, p in enumerate(criteria, start=1):
        _retype(doc, p.n, "recommendation")
        doc.recommendations.append(Recommendation(
            document.id, f"compulsory-criterion-{i}", "CompulsoryTreatmentCriterion", p.text, p.n,
            number=str(i)))
    return doc


def parse_resolution(document: Document, text: str, vocab: set[str]) -> ParsedDocument:
    """Preambular paragraphs (with their opening participle) and the 10 operative
    paragraphs (with operative verb and addressee)."""
    doc = read_sections_and_passages(document, text, vocab)
    preamble = 0
    for p in list(doc.passages):
        m = OPERATIVE_RE.match(p.text)
        if m:
            number, _also, verb, rest = m.groups()
            body = re.sub(r"^\d{1,2}\.\s+", "", p.text).replace("*", "")
            _retype(doc, p.n, "operative_paragraph")
            doc.recommendations.append(Recommendation(
                document.id, f"op-{number}", "OperativeParagraph", body, p.n, number=number,
                operative_verb=verb.capitalize(), addressees=addressees(rest)))
            continue
        m = PREAMBLE_VERB_RE.match(p.text)
        if m and not any(r.kind == "OperativeParagraph" for r in doc.recommendations):
            preamble += 1
            _retype(doc, p.n, "preambular_paragraph")
            doc.recommendations.append(Recommendation(
                document.id, f"pp-{preamble}", "PreambularParagraph", p.text, p.n,
                number=f"PP{preamble}", operative_verb=m.group(1)))
    numbers = [r.number for r in doc.recommendations if r.kind == "OperativeParagraph"]
    if numbers != [str(i) for i in range(1, 11)]:
        raise ExtractionError(f"{document.file}: expected operative paragraphs 1-10, found {numbers}")
    return doc


def addressees(rest: str) -> tuple[str, ...]:
    """Whom an operative paragraph asks, from the words after its verb: the bodies it
    names first ("Member States and other donors" is two) and those it asks to act with
    them ("Requests UNODC, in collaboration with the World Health Organization …")."""
    found: list[str] = []
    first = ADDRESSEE_RE.match(rest)
    if first:
        # "… Drugs and Crime" is one name; "Member States and other donors" two.
        found += re.split(r"\s+and\s+(?=other\b)", first.group(1))
    with_them = COLLABORATOR_RE.match(rest[first.end():] if first else "")
    if with_them:
        found += [with_them.group(1)]
    return tuple(dict.fromkeys(_addressee(a) for a in found))


def _addressee(text: str) -> str:
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return text[0].upper() + text[1:]


def parse_training(document: Document, text: str, vocab: set[str]) -> ParsedDocument:
    """The training modules: every heading after 'Description of the Policymakers
    Training', each with the paragraph that describes it."""
    doc = read_sections_and_passages(document, text, vocab)
    start = _section_by_title(doc, r"^Description of the Policymakers Training").order
    for s in doc.sections:
        if s.order <= start:
            continue
        passages = tuple(p.n for p in _passages_in(doc, s))
        if passages:
            doc.items.append(Item(document.id, f"module-{len(doc.items) + 1}", "TrainingModule",
                                  s.title, passages, number=str(len(doc.items) + 1)))
    if len(doc.items) < 10:
        raise ExtractionError(f"{document.file}: found only {len(doc.items)} training modules")
    return doc


def parse_recovery(document: Document, text: str, vocab: set[str]) -> ParsedDocument:
    """Project activities and the global and national outcomes, one item per bullet."""
    doc = read_sections_and_passages(document, text, vocab)
    for pattern, kind, prefix in ((r"^Project Activities", "ProgrammeActivity", "activity"),
                                  (r"^Global Level Outcomes", "ProgrammeOutcome", "global-outcome"),
                                  (r"^National Level Outcomes", "ProgrammeOutcome", "national-outcome")):
        section = _section_by_title(doc, pattern)
        for i, p in enumerate(_passages_in(doc, section), start=1):
            doc.items.append(Item(document.id, f"{prefix}-{i}", kind, p.text, (p.n,), number=str(i)))
    if not any(i.kind == "ProgrammeActivity" for i in doc.items):
        raise ExtractionError(f"{document.file}: no project activities found")
    return doc
