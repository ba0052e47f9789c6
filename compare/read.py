"""A national document (PDF with a text layer, DOCX, HTML, Markdown, plain text) to
passages with their headings and, for PDF, page numbers.

Each format has its reader, which turns the file into a flat list of blocks (a heading
with its level, or a paragraph with its page); one shared step then turns blocks into
passages of a size the encoder reads well. Reading is pure: bytes in, dataclasses out.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import UnreadableDocumentError, UnsupportedFormatError
from .settings import CompareSettings

FORMATS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text"}
SUPPORTED = "PDF (with a text layer), DOCX, HTML, Markdown or plain text"
Progress = Callable[[str, int, int], None]

# "2.3 Opening hours", "IV. Funding", "Article 12", "Artículo 3", "Chapitre 2", "Section 4".
NUMBERED_HEADING = re.compile(
    r"^(?:(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+\S|(?P<roman>[IVXLC]{1,6})\.\s+\S|"
    r"(?P<word>article|artículo|articulo|chapter|capítulo|capitulo|chapitre|section|sección|seccion|"
    r"part|parte|partie|title|título|titre|annex|anexo|annexe)\s+[\dIVXLC]+\b)", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"'“«(¿¡]?[A-ZÁÉÍÓÚÑÀÈÊÇÔ0-9])")
MD_INLINE = [(re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
             (re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"), (re.compile(r"<[^>]+>"), "")]


@dataclass(frozen=True)
class Block:
    """One heading or paragraph as the format gives it."""
    kind: str               # "heading" | "text"
    text: str
    level: int = 0          # headings: 1 is the top
    page: int | None = None


@dataclass(frozen=True)
class DocPassage:
    order: int              # 1-based, in reading order
    text: str
    heading: str            # the enclosing headings, outermost first, joined with " › "
    page: int | None = None

    @property
    def location(self) -> str:
        """How a reader finds it: 'p. 4 · 2. Access › 2.1 Opening hours · ¶12'."""
        parts = []
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.heading:
            parts.append(self.heading)
        parts.append(f"¶{self.order}")
        return " · ".join(parts)


@dataclass(frozen=True)
class DocumentText:
    title: str
    file: str               # the file name as given (no folders: reports travel)
    sha256: str
    format: str
    pages: int | None
    passages: tuple[DocPassage, ...] = field(default_factory=tuple)
    # How many passages it was read into (kept when a saved checklist has no passages).
    passage_count: int = 0


def read_document(path: Path, settings: CompareSettings = CompareSettings(), *,
                  progress: Progress | None = None, early=None) -> DocumentText:
    """Read a file into passages; raises a CompareError naming the file and what to do.
    `early`, if given, is called while a long PDF is still being read with the texts of
    the passages that its pages read so far make (so that their embedding can start);
    the passages returned are the same with or without it."""
    path = Path(path)
    if path.is_dir():
        raise UnreadableDocumentError(f"{path}: is a folder; give one document in it")
    if not path.is_file():
        raise UnreadableDocumentError(f"{path}: no such file")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(f"{path.name}: cannot read '{path.suffix or 'no extension'}' files; "
                                     f"give a {SUPPORTED} file (save a .doc as .docx, an .odt as .docx or PDF)")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableDocumentError(f"{path.name}: the file is empty; give the document itself")
    if size > settings.max_file_bytes:
        raise UnreadableDocumentError(f"{path.name}: {size / 2**20:.0f} MB is more than the "
                                      f"{settings.max_file_bytes / 2**20:.0f} MB limit; split the file")
    return read_bytes(path.read_bytes(), path.name, fmt, settings, progress=progress, early=early)


def read_bytes(data: bytes, name: str, fmt: str, settings: CompareSettings = CompareSettings(), *,
               progress: Progress | None = None, early=None) -> DocumentText:
    """The same from bytes already in memory (an upload in the app)."""
    if not data:
        raise UnreadableDocumentError(f"{name}: the file is empty; give the document itself")
    if fmt == "pdf":
        title, blocks, pages = _read_pdf(data, name, settings, progress, early)
    else:   # the other formats read in well under a second: nothing to start early
        reader = {"docx": _read_docx, "html": _read_html, "markdown": _read_markdown, "text": _read_text}[fmt]
        title, blocks, pages = reader(data, name, settings, progress)
    passages = tuple(blocks_to_passages(blocks, settings))
    if not passages:
        raise UnreadableDocumentError(f"{name}: no text found; give a document with text in it")
    title = (title or "").strip() or _first_heading(blocks) or Path(name).stem
    passages = _without_title(passages, clean(title))
    return DocumentText(title=title[:300], file=name, sha256=hashlib.sha256(data).hexdigest(), format=fmt,
                        pages=pages, passages=passages, passage_count=len(passages))


def _without_title(passages: tuple[DocPassage, ...], title: str) -> tuple[DocPassage, ...]:
    """Drop the document's title from the front of every heading path: a top heading
    that is the title says nothing about where a passage is."""
    # the title, or a top heading over every passage however it is worded ("Republic of
    # Marenta — National Strategy …" under the file's own title "National Strategy …")
    for top in dict.fromkeys([title, passages[0].heading.split(" › ")[0]]):
        lead = top + " › "
        if top and all(p.heading == top or p.heading.startswith(lead) for p in passages):
            return tuple(DocPassage(p.order, p.text, p.heading[len(lead):] if p.heading != top else "", p.page)
                         for p in passages)
    return passages


def format_of(name: str) -> str:
    fmt = FORMATS.get(Path(name).suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(f"{name}: cannot read '{Path(name).suffix or 'no extension'}' files; "
                                     f"give a {SUPPORTED} file")
    return fmt


# -- blocks to passages ----------------------------------------------------------------

# A numbered provision ("4. The police shall…", "(12) …"): a clause of its own, however
# short, never joined to the one before as a bullet is to its lead-in.
PROVISION = re.compile(r"^\(?\d{1,3}[.)]\s")


def blocks_to_passages(blocks: list[Block], settings: CompareSettings) -> list[DocPassage]:
    """Paragraphs under their heading path; short ones joined to the one before under the
    same heading (a bullet to its lead-in), unless numbered (a provision); long ones cut at
    sentence ends."""
    stack: list[tuple[int, str]] = []
    out: list[dict] = []
    for b in blocks:
        text = clean(b.text)
        if not text:
            continue
        if b.kind == "heading":
            while stack and stack[-1][0] >= b.level:
                stack.pop()
            stack.append((b.level, text))
            out.append({"break": True})
            continue
        heading = " › ".join(t for _, t in stack)
        for piece in split_long(text, settings.max_passage_words):
            n = len(piece.split())
            prev = out[-1] if out else None
            if (prev and "text" in prev and prev["heading"] == heading and not PROVISION.match(piece)
                    and (n < settings.min_passage_words or prev["words"] < settings.min_passage_words)
                    and prev["words"] + n <= settings.max_passage_words):
                prev["text"] += "\n" + piece
                prev["words"] += n
            else:
                out.append({"text": piece, "heading": heading, "page": b.page, "words": n})
    kept = [p for p in out if "text" in p]
    return [DocPassage(order=i, text=p["text"], heading=p["heading"], page=p["page"])
            for i, p in enumerate(kept, start=1)]


def split_long(text: str, max_words: int) -> list[str]:
    """Pieces of at most `max_words` words, cut at sentence ends where there are any."""
    if len(text.split()) <= max_words:
        return [text]
    pieces, current = [], []
    for sentence in SENTENCE_END.split(text):
        words = sentence.split()
        while len(words) > max_words:   # one endless sentence (a table flattened to text)
            if current:
                pieces.append(" ".join(current))
                current = []
            pieces.append(" ".join(words[:max_words]))
            words = words[max_words:]
        if current and len(current) + len(words) > max_words:
            pieces.append(" ".join(current))
            current = []
        current.extend(words)
    if current:
        pieces.append(" ".join(current))
    return pieces


def clean(text: str) -> str:
    text = text.replace("\u00ad", "").replace("\xa0", " ")
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)   # a word hyphenated at a line end
    return re.sub(r"\s+", " ", text).strip()


def _first_heading(blocks: list[Block]) -> str:
    return next((clean(b.text) for b in blocks if b.kind == "heading" and clean(b.text)), "")


def heading_level(line: str) -> int | None:
    """The level of a numbered heading line ('2.1 Access' -> 2), else None."""
    m = NUMBERED_HEADING.match(line)
    if not m:
        return None
    if m.group("num"):
        return m.group("num").count(".") + 1
    return 1


def looks_like_heading(line: str, settings: CompareSettings) -> int | None:
    """Plain-text heuristics for a heading line: short, no sentence ending, and numbered
    or in capitals. Returns its level or None."""
    words = line.split()
    if not words or len(words) > settings.max_heading_words or line.rstrip()[-1] in ".,;:":
        return None
    level = heading_level(line)
    if level is not None and (NUMBERED_HEADING.match(line).group("num") or len(words) <= 8):
        return level
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return 1
    return None


# -- PDF ---------------------------------------------------------------------------------

def _read_pdf(data: bytes, name: str, settings: CompareSettings, progress: Progress | None, early=None):
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise UnreadableDocumentError(f"{name}: not a PDF file (it does not start with %PDF); "
                                      "check the file or give it its real extension")
    import logging

    import pypdf
    from pypdf.errors import FileNotDecryptedError, PdfReadError
    logging.getLogger("pypdf").setLevel(logging.ERROR)   # damaged-but-readable files warn a lot
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")    # owner-password-only PDFs open with an empty user password
            except Exception:
                opened = 0
            if not opened:
                raise UnreadableDocumentError(f"{name}: the PDF is encrypted with a password; "
                                              "save an unprotected copy and try again")
        n_pages = len(reader.pages)
    except UnreadableDocumentError:
        raise
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableDocumentError(f"{name}: the PDF is damaged and cannot be read ({exc}); "
                                      "export it again from its source") from None
    if n_pages == 0:
        raise UnreadableDocumentError(f"{name}: the PDF has no pages")
    if n_pages > settings.max_pages:
        raise UnreadableDocumentError(f"{name}: {n_pages} pages is more than the {settings.max_pages}-page "
                                      "limit; split the document into parts")
    pages_lines: list[list[tuple[float, float, str]]] = []
    for i, page in enumerate(reader.pages):
        try:
            pages_lines.append(_pdf_lines(page))
        except Exception as exc:  # pypdf raises many kinds on a damaged content stream
            raise UnreadableDocumentError(f"{name}: page {i + 1} of the PDF is damaged ({type(exc).__name__}); "
                                          "export it again from its source") from None
        if progress and ((i + 1) % settings.progress_every_pages == 0 or i + 1 == n_pages):
            progress("reading pages", i + 1, n_pages)
        every = settings.early_passages_every_pages
        if early and every and (i + 1) % every == 0 and i + 1 < n_pages:
            # The passages of the pages read so far (0.1 s for 100 pages), but the last,
            # which may go on over the page. Read again once all pages are in (the running
            # headers and the body's font size are known only then), the passages are
            # nearly always the same texts; one that differs is just embedded again.
            so_far = [p.text for p in blocks_to_passages(_pdf_blocks(pages_lines, settings), settings)]
            early(so_far[:-1])
    if not any(text.strip() for lines in pages_lines for _, _, text in lines):
        raise UnreadableDocumentError(f"{name}: the PDF has no text layer (a scan?); run OCR on it "
                                      "first (e.g. ocrmypdf) or give the original DOCX")
    meta_title = ""
    try:
        meta_title = str((reader.metadata or {}).get("/Title") or "")
    except Exception:
        pass
    return meta_title, _pdf_blocks(pages_lines, settings), n_pages


def _pdf_lines(page) -> list[tuple[float, float, str]]:
    """(y, font size, text) of each line of a page, top to bottom."""
    runs: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text or not text.strip():
            return
        a, b, c, d, e, f = tm
        A, B, C, D, E, F = cm
        y = e * B + f * D + F
        scale = (b * C + d * D) or d or 1
        runs.append((y, abs(font_size * scale), text))

    page.extract_text(visitor_text=visit)
    lines: list[list] = []
    for y, size, text in runs:
        if lines and abs(lines[-1][0] - y) <= max(1.0, 0.3 * size):
            lines[-1][2] += text if lines[-1][2].endswith(" ") or text.startswith(" ") else " " + text
            lines[-1][1] = max(lines[-1][1], size)
        else:
            lines.append([y, size, text])
    return [(y, size, text.strip()) for y, size, text in lines if text.strip()]


def _pdf_blocks(pages_lines, settings: CompareSettings) -> list[Block]:
    # Running headers and footers: the same short line (digits ignored) on many pages.
    def key(text):
        return re.sub(r"\d+", "#", text.lower())
    counts = Counter(k for lines in pages_lines for k in {key(t) for _, _, t in lines})
    n = len(pages_lines)
    running = {k for k, c in counts.items() if n >= 3 and c >= max(3, n // 2) and len(k.split()) <= 12}
    page_number = re.compile(r"^(page|página|pagina|p\.)?\s*#(\s*(of|de|sur|/)\s*#)?$", re.I)

    sizes = Counter()
    for lines in pages_lines:
        for _, size, text in lines:
            sizes[round(size, 1)] += len(text)
    body = sizes.most_common(1)[0][0] if sizes else 12.0
    heading_sizes = sorted({s for s in sizes if s >= body * settings.pdf_heading_size_ratio}, reverse=True)

    # A line about as long as the body's long lines was wrapped: it is the start of a
    # numbered paragraph ("4.3. Prisoners who test positive for drugs twice within six"),
    # not a numbered heading, however short its words.
    body_lengths = sorted(len(t) for lines in pages_lines for _, size, t in lines if round(size, 1) == body)
    full_line = body_lengths[int(len(body_lengths) * 0.9)] if body_lengths else 0

    blocks: list[Block] = []
    for page_no, lines in enumerate(pages_lines, start=1):
        gaps = [abs(lines[i][0] - lines[i + 1][0]) for i in range(len(lines) - 1)]
        usual = sorted(gaps)[len(gaps) // 2] if gaps else body * 1.2
        para: list[str] = []
        prev_y = None

        def flush():
            if para:
                blocks.append(Block("text", "\n".join(para), page=page_no))
                para.clear()
        for y, size, text in lines:
            k = key(text)
            if k in running or page_number.match(k):
                continue
            words = len(text.split())
            is_big = round(size, 1) in heading_sizes and words <= settings.max_heading_words
            numbered = (round(size, 1) >= body and words <= settings.max_heading_words
                        and text[-1] not in ".,;:" and heading_level(text) is not None
                        and len(text) < settings.pdf_wrapped_line_share * full_line
                        and prev_y is not None and abs(prev_y - y) > usual * settings.pdf_paragraph_gap_ratio)
            if is_big or numbered:
                flush()
                level = heading_sizes.index(round(size, 1)) + 1 if is_big else len(heading_sizes) + (heading_level(text) or 1)
                if blocks and blocks[-1].kind == "heading" and blocks[-1].level == level and blocks[-1].page == page_no \
                        and not heading_level(text):
                    # a heading wrapped over two lines
                    blocks[-1] = Block("heading", blocks[-1].text + " " + text, level, page_no)
                else:
                    blocks.append(Block("heading", text, level, page_no))
            else:
                if prev_y is not None and abs(prev_y - y) > usual * settings.pdf_paragraph_gap_ratio:
                    flush()
                para.append(text)
            prev_y = y
        flush()
    return blocks


# -- DOCX ----------------------------------------------------------------------------------

def _read_docx(data: bytes, name: str, settings: CompareSettings, progress: Progress | None):
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableDocumentError(f"{name}: this is an encrypted (password-protected) or old-format "
                                      "Word file; save an unprotected copy as .docx and try again")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableDocumentError(f"{name}: not a DOCX file (not a ZIP package); "
                                      "open it in a word processor and save it as .docx again")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, BadZipFile...
        raise UnreadableDocumentError(f"{name}: the DOCX file is damaged ({type(exc).__name__}); "
                                      "open it in a word processor and save it again") from None
    blocks: list[Block] = []
    title = document.core_properties.title or ""
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, document)
            style = (p.style.name if p.style is not None else "") or ""
            text = p.text
            m = re.match(r"heading\s*(\d)", style, re.I)
            if style.lower() == "title":
                title = title or text
                blocks.append(Block("heading", text, 1))
            elif m:
                blocks.append(Block("heading", text, int(m.group(1)) + 1))
            else:
                blocks.append(Block("text", text))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    t = clean(cell.text)
                    if t and (not cells or cells[-1] != t):   # merged cells repeat their text
                        cells.append(t)
                blocks.append(Block("text", " | ".join(cells)))
    return title, blocks, None


# -- HTML ----------------------------------------------------------------------------------

HTML_BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "blockquote", "pre", "dt", "dd",
               "caption", "figcaption"]


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableDocumentError(f"{name}: this looks like a binary file, not text; "
                                      f"give a {SUPPORTED} file with its real extension")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_html(data: bytes, name: str, settings: CompareSettings, progress: Progress | None):
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(_decode(data, name), "html.parser")
    for tag in soup(["script", "style", "nav", "noscript", "template", "svg"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    blocks: list[Block] = []
    wanted = set(HTML_BLOCKS)
    for el in soup.find_all(HTML_BLOCKS + ["div"]):
        if any(parent.name in wanted for parent in el.parents):
            continue
        if el.name == "div":   # text written straight into a div, with no block inside
            if el.find(HTML_BLOCKS + ["div"]):
                continue
        if el.name == "tr":
            text = " | ".join(c.get_text(" ", strip=True) for c in el.find_all(["td", "th"]))
        else:
            text = el.get_text(" ", strip=True)
        if el.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            blocks.append(Block("heading", text, int(el.name[1])))
        else:
            blocks.append(Block("text", text))
    return title, blocks, None


# -- Markdown and plain text -----------------------------------------------------------------

def _md_plain(text: str) -> str:
    for pattern, repl in MD_INLINE:
        text = pattern.sub(repl, text)
    return text


def _read_markdown(data: bytes, name: str, settings: CompareSettings, progress: Progress | None):
    from markdown_it import MarkdownIt
    tokens = MarkdownIt("commonmark").enable("table").parse(_decode(data, name))
    blocks: list[Block] = []
    level = None
    row: list[str] | None = None
    item_depth = 0
    number = ""
    for t in tokens:
        if t.type == "heading_open":
            level = int(t.tag[1])
        elif t.type == "heading_close":
            level = None
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close":
            blocks.append(Block("text", " | ".join(c for c in row if c)))
            row = None
        elif t.type == "list_item_open":
            item_depth += 1
            # an ordered list's number is the provision's own ("4."): kept, as a reader cites it
            number = f"{t.info}{t.markup} " if t.info else ""
        elif t.type == "list_item_close":
            item_depth -= 1
        elif t.type == "inline":
            text = number + _md_plain(t.content)
            number = ""
            if row is not None:
                row.append(text)
            elif level is not None:
                blocks.append(Block("heading", text, level))
            else:
                blocks.append(Block("text", text))
        elif t.type in ("fence", "code_block"):
            blocks.append(Block("text", t.content))
    return "", blocks, None


BULLET = re.compile(r"^([•\-*–·▪◦]|\(?[a-z0-9]{1,3}[.)])\s")


def _read_text(data: bytes, name: str, settings: CompareSettings, progress: Progress | None):
    text = _decode(data, name).replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    # Form feeds mark pages in text exported from PDFs (pdftotext).
    pages = text.split("\f")
    has_pages = len(pages) > 1
    for page_no, page in enumerate(pages, start=1):
        page_ref = page_no if has_pages else None
        for para in re.split(r"\n\s*\n", page):
            lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
            if not lines:
                continue
            # A short line without a sentence end is a heading when it stands alone
            # ("Implementing Organization") or leads a list ("Project Activities");
            # so is a numbered or capitalised line directly above its paragraph.
            first = lines[0]
            short = first[:1].isupper() and len(first.split()) <= settings.max_heading_words and first[-1] not in ".,;:!?"
            leads_list = len(lines) > 1 and BULLET.match(lines[1]) is not None
            level = looks_like_heading(first, settings) or (1 if short and (len(lines) == 1 or leads_list) else None)
            if level is not None:
                blocks.append(Block("heading", first, level, page_ref))
                lines = lines[1:]
            for segment in _segments(lines):
                blocks.extend(Block("text", t, page=page_ref) for t in segment)
    return "", blocks, len(pages) if has_pages else None


def _segments(lines: list[str]) -> list[list[str]]:
    """Paragraphs of a block of lines: a bullet starts a new one (its wrapped lines
    follow it); lines that are whole paragraphs (long: the file is not hard-wrapped)
    stand alone; hard-wrapped lines of one paragraph are joined."""
    groups: list[list[str]] = []
    for ln in lines:
        if not groups or BULLET.match(ln):
            groups.append([ln])
        else:
            groups[-1].append(ln)
    out = []
    for g in groups:
        median = sorted(len(ln) for ln in g)[len(g) // 2]
        out.append(g if len(g) > 1 and median > 110 else ["\n".join(g)])
    return out
