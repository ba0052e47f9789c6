"""Turn extracted plain text into clean blocks: the noise the PDF extraction left
(running footers, footnote URLs, broken hyphenation, page-break splits) goes,
everything else stays verbatim."""
from __future__ import annotations

import re
from dataclasses import dataclass

FOOTER_RES = (
    re.compile(r"^\s*UNODC-WHO International Standards for the Treatment of Drug Use Disorders\s+\d+\s*$"),
    re.compile(r"^\s*From\s+coercion\s+to\s+cohesion:.*\bpunishment\s+\d+\s*$"),
)
URL_RE = re.compile(r"https?://\S+")
FOOTNOTE_NUMBER_RE = re.compile(r"^\s*\d{1,2}\s*$")
# A list item starts with a bullet, "1.", "1)", "3.4.8" or "- " (Markdown).
LIST_START_RE = re.compile(r"^\s*(?:[•▪◦]|o\s|-\s|\d{1,2}[.)]\s|\d+(?:\.\d+)+\.?\s)")
TERMINAL_RE = re.compile(r"[.:;?!)\"”’]\s*$")
WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# The extraction turned bullets into a single leading space: " Provide more …".
BULLET_LINE_RE = re.compile(r"^ {1,2}[A-Z‘“]")
# Bullets of a list that continues its lead-in's sentence (" to reduce the risk …")
# start in lower case; so do some continuation lines, hence the checks that use it.
LOWER_BULLET_RE = re.compile(r"^ {1,2}[a-z]")
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
# Headings that the extraction glued to the end of the previous page's block.
HEADING_START_RE = re.compile(r"^\s*(?:Chapter \d+:|Principle \d[.:]|Standards:\s*$)")
# A heading (or a figure's caption) that the extraction put on the line right after a
# paragraph's last sentence, indented like a bullet, with a blank line only after it:
# "… the health of the mother." then " Documentation". A few words, no end punctuation.
GLUED_HEADING_RE = re.compile(r"^ {1,2}[A-Z‘“][^.;:,!?]{0,60}$")


@dataclass(frozen=True)
class Block:
    line: int               # 1-based line of the first line in the source
    lines: tuple[str, ...]  # raw lines, noise removed

    @property
    def first(self) -> str:
        return self.lines[0]


def clean_lines(text: str) -> list[tuple[int, str]]:
    """Numbered lines with footers and footnotes blanked out (kept as blank lines so
    that block boundaries and line numbers survive).

    A footnote area starts at the PDF's separator (a line of 20+ spaces) and ends
    where the next page starts: a line indented by the extraction that does not
    follow a footnote number."""
    raw = text.replace("\r\n", "\n").replace("\t", " ").split("\n")
    out: list[tuple[int, str]] = []
    in_footnotes = False
    prev_nonblank = ""
    for i, line in enumerate(raw):
        stripped = line.strip()
        if re.fullmatch(r" {20,}", line):
            in_footnotes = True
        elif in_footnotes and stripped:
            page_start = re.match(r"^\s+[A-Z0-9]", line) and not FOOTNOTE_NUMBER_RE.match(prev_nonblank)
            if page_start and not URL_RE.search(line):
                in_footnotes = False
        if stripped:
            prev_nonblank = line
        if in_footnotes or any(r.match(line) for r in FOOTER_RES) or URL_RE.fullmatch(stripped or "-"):
            line = ""
        out.append((i + 1, line.rstrip()))
    return out


def split_blocks(lines: list[tuple[int, str]]) -> list[Block]:
    """Blocks of consecutive non-blank lines; a list item, and a heading glued under a
    paragraph's last sentence, always start their own block."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0

    def flush():
        nonlocal current
        if current:
            blocks.append(Block(start, tuple(current)))
        current = []

    for i, (no, line) in enumerate(lines):
        if not line.strip():
            flush()
            continue
        glued_heading = (current and TERMINAL_RE.search(current[-1]) and GLUED_HEADING_RE.match(line)
                         and len(line.split()) <= 8 and (i + 1 == len(lines) or not lines[i + 1][1].strip()))
        bullet_list = current and (
            (BULLET_LINE_RE.match(current[0]) and BULLET_LINE_RE.match(line))
            or (LOWER_BULLET_RE.match(current[0]) and LOWER_BULLET_RE.match(line)
                and current[-1].rstrip().endswith((",", ":"))))
        if current and (LIST_START_RE.match(line) or HEADING_START_RE.match(line) or bullet_list or glued_heading):
            flush()
        if not current:
            start = no
        current.append(line)
    flush()
    return blocks


def ends_sentence(block: Block) -> bool:
    return bool(TERMINAL_RE.search(block.lines[-1]))


def starts_lowercase(block: Block) -> bool:
    first = block.first.strip()
    return bool(first) and first[0].islower()


def merge_page_splits(blocks: list[Block]) -> list[Block]:
    """Join a block that stops mid-sentence with a following block that starts in
    lower case: the PDF split one paragraph at a page break."""
    out: list[Block] = []
    in_list = False  # inside a list of lower-case bullets, which are not page splits
    for block in blocks:
        in_list = bool(LOWER_BULLET_RE.match(block.first)) and bool(out) and (
            in_list or out[-1].lines[-1].rstrip().endswith(":"))
        if (out and not ends_sentence(out[-1]) and starts_lowercase(block) and not in_list
                and not LIST_START_RE.match(block.first)):  # "o item" is a bullet, not a split
            prev = out.pop()
            out.append(Block(prev.line, prev.lines + block.lines))
        else:
            out.append(block)
    return out


# A full stop that ends a sentence, not an abbreviation ("e.g.", "i.e.", "etc.").
SENTENCE_END_RE = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bcf)\.\s*$")


def rejoin_interrupted(blocks: list[Block], lookback: int = 12) -> list[Block]:
    """Give the end of an interrupted paragraph back to it. Where a box was printed in
    the middle of a paragraph, the extraction ran the paragraph's end into the box's
    last cell: "… to the illicit drug market." then " the patient is stable …", a line
    starting in lower case right after a full stop. That tail is cut off and appended
    to the nearest block above, within `lookback`, that stops mid-sentence ("…
    administered under supervision until"); with none, the block is left as it is."""
    out: list[Block] = []
    for block in blocks:
        cut = next((i for i in range(1, len(block.lines))
                    if SENTENCE_END_RE.search(block.lines[i - 1]) and block.lines[i].strip()[:1].islower()
                    and not LIST_START_RE.match(block.lines[i])), None)
        target = None
        if cut is not None:
            # A paragraph's last line runs most of the width; a heading's does not.
            target = next((j for j in range(len(out) - 1, max(-1, len(out) - 1 - lookback), -1)
                           if not ends_sentence(out[j]) and len(out[j].lines) > 1
                           and len(out[j].lines[-1].strip()) >= 60), None)
        if target is None:
            out.append(block)
            continue
        out[target] = Block(out[target].line, out[target].lines + block.lines[cut:])
        out.append(Block(block.line, block.lines[:cut]))
    return out


def vocabulary(texts: list[str]) -> set[str]:
    """Lower-cased words of the corpus, to decide whether a line-end hyphen is a
    word break ("psycho-/tropic") or a real hyphen ("drug-/induced")."""
    words: set[str] = set()
    for text in texts:
        for w in WORD_RE.findall(text):
            words.add(w.lower())
            words.update(part.lower() for part in w.split("-"))
    return words


def join_lines(lines: tuple[str, ...] | list[str], vocab: set[str]) -> str:
    """One paragraph from its lines, repairing hyphenation, whitespace-normalised."""
    text = ""
    for line in lines:
        part = line.strip()
        if not part:
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
            left = re.search(r"([A-Za-z]+)-$", text)
            right = re.match(r"([A-Za-z]+)", part)
            if left and right:
                joined = (left.group(1) + right.group(1)).lower()
                hyphenated = f"{left.group(1)}-{right.group(1)}".lower()
                if joined in vocab and hyphenated not in vocab:
                    text = text[:-1] + part
                    continue
            text = text + part
            continue
        text = f"{text} {part}" if text else part
    return normalise(text)


def normalise(text: str) -> str:
    """Collapse white space; drop footnote superscripts and Markdown emphasis."""
    text = text.translate({ord(c): None for c in SUPERSCRIPTS})
    text = re.sub(r"\*\*?([^*]+?)\*\*?", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def strip_bullet(text: str) -> str:
    return re.sub(r"^(?:[•▪◦]|o\s|-\s)\s*", "", text).strip()


FOOTNOTE_MARK_RE = re.compile(r"(?<=[a-z\)])(\d{1,2})(?=[.,;:]?(?:\s|$))")
# A marker after the punctuation: "should draw upon.10", "to the offender,11",
# "Sustainable Development",6".
FOOTNOTE_AFTER_PUNCT_RE = re.compile(r"(?<=[a-z\)\"”][.,;:])\d{1,2}(?=\s|$)")
# A preambular paragraph ends with a comma; a number after it is its footnote:
# "… Psychotropic Substances of 1988, 3".
FOOTNOTE_AT_END_RE = re.compile(r",\s\d{1,2}$")


def strip_footnote_marks(text: str) -> str:
    """'…observational studies1.' -> '…observational studies.' (footnote markers glued
    to the last word by the extraction), the same for plain-digit markers after
    punctuation; superscript markers already went in normalise()."""
    text = FOOTNOTE_MARK_RE.sub("", text)
    text = FOOTNOTE_AFTER_PUNCT_RE.sub("", text)
    return FOOTNOTE_AT_END_RE.sub(",", text)
