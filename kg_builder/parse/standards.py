"""Parse the UNODC-WHO International Standards: section tree, passages, the 7
principles and their standards, the 6 modalities with evidence ratings and
recommendation lists, the WHO recommendation boxes, chapter 4's special populations
and chapter 5's service-level table."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import ExtractionError
from ..model import (Document, EvidenceStatement, Item, Modality, ParsedDocument,
                     Passage, Principle, Recommendation, Section, Standard)
from ..text import (Block, clean_lines, join_lines, merge_page_splits, rejoin_interrupted,
                    split_blocks, strip_bullet, strip_footnote_marks)
from .curation import WhoColumns, blank_cell_before, read_column

CHAPTER_RE = re.compile(r"^\s*Chapter (\d+):\s*(.*)$")
SECTION_RE = re.compile(r"^\s*(\d+(?:\.\d+)+)\.?\s+([A-Z][^.]{1,100})$")
PRINCIPLE_RE = re.compile(r"^\s*Principle (\d)[.:]\s*(.*)$")
STANDARD_RE = re.compile(r"^\s*(\d)\.(\d{1,2})\.?\s+(.*)$", re.S)
BOX_HEADER_RE = re.compile(r"^\s*WHO\b.*\b[Rr]ecommendations?\b")
TWO_COLUMN_RE = re.compile(r"^\s*Standard Recommendations\s+Strong Recommendations\s*$")
SOURCE_RE = re.compile(r"^\s*\(?(WHO|mhGAP),?\s*(\d{4})\)?\s*$")
TABLE_HEADER_RE = re.compile(r"^\s*Service level\s+Possible interventions\s*$")
# A figure's caption alone on its line ("Figure 3 One-stop-shop approach"): the figure
# did not survive extraction, and its caption is neither a statement nor a heading.
FIGURE_CAPTION_RE = re.compile(r"^\s*Figure \d+\s+\S")
# A bullet: one leading space (the extraction's trace of it), "•", "o", "-" or a number;
# lower-case bullets continue their lead-in's sentence ("goals are: to reduce …").
LIST_ITEM_RE = re.compile(r"^(?: [A-Z‘“]| {1,2}[a-z]|\s*(?:[•o-]\s|\d{1,2}[.)]\s))")

# Width of a text line in the PDF extraction: body text never passes 95 characters,
# the full-width WHO boxes do, and the cells of the two-column boxes stay under 60.
BODY_WIDTH = 96
COLUMN_WIDTH = 60

RECOMMENDATION_SECTION_RE = re.compile(r"Recommend|Specific (programme )?requirements", re.I)
EVIDENCE_SECTION_RE = re.compile(r"strength of evidence", re.I)
GOALS_RE = re.compile(r"^Goals", re.I)
TARGET_RE = re.compile(r"Target population|Types of (clients|patients)", re.I)
METHODS_RE = re.compile(r"Models and Methods|Methods|Treatment approaches", re.I)

# The evidence scale, strongest first; a statement takes the first level whose
# pattern it matches, and none when its text names no study design: "There is weak
# evidence for the benefits of oral naltrexone" says nothing of trials, and a rating
# must not claim more than the text (it stays a passage of kind evidence_statement).
EVIDENCE_LEVELS = (
    ("StrongRCTEvidence", re.compile(r"strong evidence from (RCTs|randomi[sz]ed)", re.I)),
    ("LimitedRCTEvidence", re.compile(
        r"small number of (RCTs|randomi[sz]ed|trials)|\bone RCT\b", re.I)),
    ("RCTEvidence", re.compile(r"evidence from (RCTs|randomi[sz]ed)|number of randomi[sz]ed", re.I)),
    ("ObservationalEvidence", re.compile(r"quasi-experimental|observational", re.I)),
    ("LackingEvidence", re.compile(r"lack of rigorous|no evidence|not been compared|not (been )?evaluated", re.I)),
)


def rate_evidence(text: str) -> str | None:
    for level, pattern in EVIDENCE_LEVELS:
        if pattern.search(text):
            return level
    return None


def number_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split("."))


def max_width(block: Block) -> int:
    return max(len(line.rstrip()) for line in block.lines)


@dataclass
class _Box:
    """A WHO recommendation box being read."""
    header: str
    source: str | None
    two_column: bool = False
    items: list[int] = field(default_factory=list)  # indexes into pending recommendations
    last_column: str | None = None  # the column of the last cell read, in a two-column box


@dataclass
class _State:
    doc: ParsedDocument
    vocab: set[str]
    columns: WhoColumns
    raw_lines: list[str] = field(default_factory=list)  # the source, for layout clues clean_lines drops
    chapter: int = 0
    section: str = ""
    last_number: tuple[int, ...] = ()
    heading: str = ""
    principle: str | None = None
    principle_desc: list[int] = field(default_factory=list)
    box: _Box | None = None
    box_in_section: str | None = None
    awaiting_source: list[int] = field(default_factory=list)
    table_level: str | None = None
    in_table: bool = False
    summary_recommendations: bool = False
    counters: dict[str, int] = field(default_factory=dict)

    def next_id(self, kind: str) -> int:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return self.counters[kind]


def parse_standards(document: Document, text: str, vocab: set[str], columns: WhoColumns) -> ParsedDocument:
    state = _State(ParsedDocument(document), vocab, columns,
                   raw_lines=text.replace("\r\n", "\n").replace("\t", " ").split("\n"))
    blocks = rejoin_interrupted(merge_page_splits(split_blocks(clean_lines(text))))
    for block in blocks:
        _read_block(state, block)
    _finish_principle(state)
    _attach_modality_parts(state)
    columns.check_all_used(document.file)
    _check(state.doc)
    return state.doc


# -- sections -----------------------------------------------------------------

def _add_section(state: _State, key: str, number: str, title: str, parent: str | None) -> None:
    doc = state.doc
    doc.sections.append(Section(doc.document.id, key, number, title, parent, len(doc.sections) + 1))
    state.section = key
    state.heading = ""
    state.box = None
    state.box_in_section = None
    state.in_table = False


def _parent_of(state: _State, number: str) -> str:
    parts = number.split(".")
    keys = {s.key for s in state.doc.sections}
    for n in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:n])
        if candidate in keys:
            return candidate
    return str(state.chapter)


def _add_passage(state: _State, text: str, kind: str, block: Block) -> int:
    doc = state.doc
    text = strip_footnote_marks(text)
    n = len(doc.passages) + 1
    doc.passages.append(Passage(doc.document.id, n, text, state.section, kind, state.heading, block.line))
    return n


# -- the block walker -----------------------------------------------------------

def _read_block(state: _State, block: Block) -> None:
    first = block.first
    m = CHAPTER_RE.match(first)
    if m:
        _finish_principle(state)
        state.chapter = int(m.group(1))
        title = " ".join(line.strip() for line in (m.group(2),) + block.lines[1:]).strip()
        _add_section(state, str(state.chapter), m.group(1), title, None)
        state.last_number = (state.chapter,)
        state.summary_recommendations = False
        return

    if state.chapter == 2:
        _read_principles_block(state, block)
        return

    m = SECTION_RE.match(first)
    if m and state.chapter and _is_next_section(state, m.group(1)):
        number, title = m.group(1), m.group(2).strip()
        rest = block.lines[1:]
        if len(rest) == 1 and len(rest[0].strip()) < 60 and not rest[0].rstrip().endswith("."):
            title, rest = f"{title} {rest[0].strip()}", ()
        _add_section(state, number, number, re.sub(r"\s+", " ", title), _parent_of(state, number))
        state.last_number = number_key(number)
        if rest:
            _read_block(state, Block(block.line + 1, tuple(rest)))
        return

    m = SOURCE_RE.match(first)
    if m:
        _assign_source(state, f"{m.group(1)} {m.group(2)}")
        if len(block.lines) > 1:
            _read_block(state, Block(block.line + 1, block.lines[1:]))
        return

    if BOX_HEADER_RE.match(first) and len(first) < 110:
        _open_box(state, block)
        return

    if TWO_COLUMN_RE.match(first) and state.box:
        state.box.two_column = True
        if len(block.lines) > 1:
            _read_block(state, Block(block.line + 1, block.lines[1:]))
        return

    if state.box and _is_box_item(state.box, block):
        _add_box_item(state, block)
        return
    if state.box and not state.box.two_column and _is_box_item(state.box, block) is False:
        state.box = None
    if state.box is None and state.box_in_section == state.section and max_width(block) > BODY_WIDTH:
        # A box item that a page break separated from its box.
        _add_box_item(state, block, box=_Box("continued", None))
        return
    state.box = None

    if len(block.lines) == 1 and FIGURE_CAPTION_RE.match(first):
        return

    if TABLE_HEADER_RE.match(first):
        state.in_table = True
        state.heading = first.strip()
        return
    if state.in_table:
        if _read_table_block(state, block):
            return
        state.in_table = False
        state.heading = ""  # the table's column titles head nothing after it

    if _is_subheading(block):
        state.heading = join_lines(block.lines, state.vocab)
        if state.chapter == 5 and re.match(r"Recommendations", state.heading):
            state.summary_recommendations = True
        return

    _read_paragraph(state, block)


def _is_next_section(state: _State, number: str) -> bool:
    key = number_key(number)
    return key[0] == state.chapter and key > state.last_number and len(key) <= 4


def _is_subheading(block: Block) -> bool:
    if _is_two_line_heading(block):
        return True
    line = block.first.strip()
    return (len(block.lines) == 1 and 0 < len(line) <= 80 and line[0].isupper()
            and not re.search(r"[.;,]$", line) and (not LIST_ITEM_RE.match(block.first) or _is_title(line))
            and len(line.split()) <= 12)


def _is_two_line_heading(block: Block) -> bool:
    """A heading the PDF broke over two lines ("Treatment service organization model:
    One-stop-shop approach for the treatment / and care of drug use disorders"): a
    short second line, no closing punctuation, a label before a colon."""
    if len(block.lines) != 2:
        return False
    first, second = (line.strip() for line in block.lines)
    text = f"{first} {second}"
    return (bool(first) and first[0].isupper() and not LIST_ITEM_RE.match(block.first)
            and re.match(r"^[A-Z][A-Za-z ]{3,40}: [A-Z]", first) is not None
            and len(second) <= 45 and not re.search(r"[.;,:]$", second) and len(text.split()) <= 18)


def _is_title(line: str) -> bool:
    """A heading that the extraction indented like a bullet (" Staffing", " Assessment
    and Choice of Treatment"): a few words, every long one capitalised. A list item is
    a sentence ("Access to self-help and other support groups is available")."""
    words = [w.lstrip("(‘“") for w in line.split()]  # "(OAMT)" is a capitalised word
    return len(words) <= 6 and all(w[0].isupper() for w in words if len(w) >= 4)


def _read_paragraph(state: _State, block: Block) -> None:
    is_item = bool(LIST_ITEM_RE.match(block.first))
    text = join_lines(block.lines, state.vocab)
    if is_item:
        text = strip_bullet(text)
    if not text:
        return
    section = _section(state, state.section)
    in_recs = section is not None and (
        RECOMMENDATION_SECTION_RE.search(section.title) or state.summary_recommendations)
    in_evidence = section is not None and EVIDENCE_SECTION_RE.search(section.title)
    kind = "list_item" if is_item else "paragraph"
    if in_evidence:
        kind = "evidence_statement"
    elif in_recs and (is_item or state.summary_recommendations or state.chapter in (3, 4)):
        kind = "recommendation"
    n = _add_passage(state, text, kind, block)
    passage_text = state.doc.passages[-1].text
    if in_evidence:
        rating = rate_evidence(passage_text)
        if rating:
            modality = ".".join(section.number.split(".")[:2])
            order = sum(1 for e in state.doc.evidence if e.modality == modality) + 1
            state.doc.evidence.append(EvidenceStatement(
                modality, f"{section.number}/{order}", passage_text, rating, n))
    elif kind == "recommendation":
        order = state.next_id(f"rec:{state.section}")
        state.doc.recommendations.append(Recommendation(
            state.doc.document.id, f"{state.section}-{order}", "ServiceRecommendation",
            passage_text, n, number=f"{section.number}/{order}" if section.number else None,
            audience=state.heading or None))


def _section(state: _State, key: str) -> Section | None:
    for s in reversed(state.doc.sections):
        if s.key == key:
            return s
    return None


# -- chapter 2: principles and standards ----------------------------------------------

def _finish_principle(state: _State) -> None:
    if state.principle is None:
        return
    doc = state.doc
    title = _section(state, f"principle-{state.principle}").title
    desc = " ".join(doc.passages[i - 1].text for i in state.principle_desc)
    desc = re.sub(r"^Description:\s*", "", desc)
    doc.principles.append(Principle(state.principle, title, desc, tuple(state.principle_desc)))
    state.principle = None
    state.principle_desc = []


def _read_principles_block(state: _State, block: Block) -> None:
    first = block.first
    m = PRINCIPLE_RE.match(first)
    if m:
        _finish_principle(state)
        number = m.group(1)
        title = join_lines((m.group(2),) + block.lines[1:], state.vocab)
        _add_section(state, f"principle-{number}", f"Principle {number}", title, "2")
        state.principle = number
        return
    if state.principle is None:
        if _is_subheading(block):
            state.heading = first.strip()
        else:
            _read_paragraph(state, block)
        return
    if re.match(r"^\s*Standards:\s*$", first):
        if len(block.lines) > 1:
            _read_principles_block(state, Block(block.line + 1, block.lines[1:]))
        return
    m = STANDARD_RE.match(join_lines(block.lines, state.vocab))
    if m and m.group(1) == state.principle:
        number = f"{m.group(1)}.{int(m.group(2))}"
        text = join_lines(block.lines, state.vocab)
        n = _add_passage(state, text, "standard", block)
        state.doc.standards.append(Standard(number, state.principle, m.group(3).strip(), n))
        return
    n = _add_passage(state, join_lines(block.lines, state.vocab), "principle_description", block)
    if not state.doc.standards or state.doc.standards[-1].principle != state.principle:
        state.principle_desc.append(n)


# -- WHO recommendation boxes --------------------------------------------------------

def _open_box(state: _State, block: Block) -> None:
    header = join_lines(block.lines, state.vocab)
    year = re.search(r"\((\d{4})\)", header)
    state.box = _Box(header, f"WHO {year.group(1)}" if year else None)
    state.box_in_section = state.section
    state.heading = header


def _is_box_item(box: _Box, block: Block) -> bool:
    if box.two_column:
        return max_width(block) < COLUMN_WIDTH and not _is_subheading(block)
    if max_width(block) > BODY_WIDTH:
        return True
    return len(block.lines) == 1 and block.first.rstrip().endswith(".") and bool(box.items)


def _add_box_item(state: _State, block: Block, box: _Box | None = None) -> None:
    box = box or state.box
    text = join_lines(block.lines, state.vocab)
    n = _add_passage(state, text, "recommendation", block)
    text = state.doc.passages[-1].text
    strength = how = None
    if box.two_column:
        read, how = read_column(box.last_column, blank_cell_before(state.raw_lines, block.line))
        strength, how = state.columns.resolve(
            text, read, how, f"{state.doc.document.file} line {block.line}")
        box.last_column = strength
    order = state.next_id("who")
    rec = Recommendation(state.doc.document.id, f"who-{order}", "WHORecommendation", text, n,
                         number=f"WHO-{order}", strength=strength, source=box.source,
                         strength_read=how)
    state.doc.recommendations.append(rec)
    box.items.append(len(state.doc.recommendations) - 1)
    if box.source is None:
        state.awaiting_source.append(len(state.doc.recommendations) - 1)


def _assign_source(state: _State, source: str) -> None:
    """A source line ("WHO, 2009") closes every box above it that named none."""
    recs = state.doc.recommendations
    for i in state.awaiting_source:
        r = recs[i]
        recs[i] = Recommendation(**{**r.__dict__, "source": source})
    state.awaiting_source = []
    state.box = None


# -- chapter 5: the service-level table ----------------------------------------------

def _read_table_block(state: _State, block: Block) -> bool:
    """Level names are stacked one or two words a line ("Primary / health care /
    services"); every other short block is an intervention of the current level."""
    lines = [line.strip() for line in block.lines]
    if len(lines) >= 2 and all(len(line) <= 16 and len(line.split()) <= 2 for line in lines):
        label = join_lines(block.lines, state.vocab)
        state.table_level = label
        key = "level-" + re.sub(r"[^a-z]+", "-", label.lower()).strip("-")
        n = _add_passage(state, label, "table_cell", block)
        state.doc.items.append(Item(state.doc.document.id, key, "ServiceLevel", label, (n,)))
        return True
    if max_width(block) < 70 and len(lines) <= 3 and state.table_level:
        text = join_lines(block.lines, state.vocab)
        n = _add_passage(state, f"{text}", "table_cell", block)
        level = state.doc.items[-1] if state.doc.items else None
        if level is not None and level.kind == "ServiceLevel":
            state.doc.items[-1] = Item(level.doc_id, level.key, level.kind, level.label,
                                       level.passages + (n,))
        return True
    return False


# -- modalities -----------------------------------------------------------------

def _attach_modality_parts(state: _State) -> None:
    doc = state.doc
    by_section: dict[str, list[int]] = {}
    for p in doc.passages:
        by_section.setdefault(p.section, []).append(p.n)
    for s in doc.sections:
        if re.fullmatch(r"3\.[1-6]", s.number):
            parts = {"goals": [], "target_population": [], "methods": []}
            for sub in doc.sections:
                if not sub.number.startswith(s.number + ".") or sub.number.count(".") != 2:
                    continue
                for name, pattern in (("goals", GOALS_RE), ("target_population", TARGET_RE),
                                      ("methods", METHODS_RE)):
                    if pattern.search(sub.title):
                        parts[name].extend(by_section.get(sub.key, []))
                        for deeper in doc.sections:
                            if deeper.number.startswith(sub.number + "."):
                                parts[name].extend(by_section.get(deeper.key, []))
            doc.modalities.append(Modality(s.number, s.title, s.key, tuple(parts["goals"]),
                                           tuple(parts["target_population"]), tuple(parts["methods"])))


def _check(doc: ParsedDocument) -> None:
    """Fail the build loudly when the parser misses what the document is known to hold."""
    where = doc.document.file
    if len(doc.principles) != 7:
        raise ExtractionError(f"{where}: found {len(doc.principles)} principles, expected 7")
    if len(doc.modalities) != 6:
        raise ExtractionError(f"{where}: found {len(doc.modalities)} treatment modalities (3.1-3.6), expected 6")
    rated = {e.modality for e in doc.evidence}
    missing = [m.number for m in doc.modalities if m.number not in rated]
    if missing:
        raise ExtractionError(f"{where}: no evidence rating found for modality {', '.join(missing)}")
    for p in doc.principles:
        numbers = [s.number for s in doc.standards if s.principle == p.number]
        expected = [f"{p.number}.{i}" for i in range(1, len(numbers) + 1)]
        if numbers != expected:
            raise ExtractionError(f"{where}: standards of principle {p.number} are {numbers}, not consecutive")
