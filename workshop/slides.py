"""A short deck on a topic: a title slide, one slide per standard or recommendation
(number, verbatim text, strength, WHO source, citation) and a closing slide with the
references. As PowerPoint (python-pptx) or as one self-contained HTML file (inline
CSS and script, no fonts or scripts fetched) that runs offline from file://. Large
type by default: the text shrinks only as far as it must to fit its slide."""
from __future__ import annotations

import html
import io
import json
from dataclasses import dataclass
from pathlib import Path

from .catalogue import Catalogue, short_iri
from .content import Entry, Limits, blocks, references
from .formats import SLIDES_FORMATS as FORMATS
from .topics import Topic

MAX_STATEMENT_SLIDES = 12
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Slide:
    kind: str                   # title | statement | references
    heading: str
    text: str = ""
    badges: tuple[str, ...] = ()
    citation: str = ""
    iri: str = ""
    lines: tuple[str, ...] = ()  # the title slide's and the references slide's lines


@dataclass(frozen=True)
class Deck:
    title: str
    slides: tuple[Slide, ...]


def build(topic: Topic, catalogue: Catalogue, *, max_statements: int = MAX_STATEMENT_SLIDES) -> Deck:
    shown = blocks(topic, catalogue, Limits(principles=10, standards=max_statements,
                                            recommendations=max_statements, evidence=max_statements, quotes=0))
    principles = [e for b in shown if b.title == "Governing principles" for e in b.entries]
    statements: list[Entry] = [e for b in shown if b.title in ("Standards", "Recommendations") for e in b.entries]
    if topic.order:  # a collection: the trainer's order
        statements.sort(key=lambda e: topic.order.index(e.iri) if e.iri in topic.order else len(topic.order))
    statements = statements[:max_statements]
    left_out = len(topic.standards) + len(topic.recommendations) - len(statements)
    first = [f"{len(topic.standards)} standard(s), {len(topic.recommendations)} recommendation(s), "
             "quoted verbatim from the documents"]
    first += [e.heading for e in principles]
    slides = [Slide("title", topic.title, lines=tuple(first))]
    slides += [Slide("statement", e.heading, e.text, e.badges, e.citation, e.iri) for e in statements]
    refs = list(references(topic, catalogue, shown))
    if left_out > 0:
        refs.append(f"{left_out} more standard(s) or recommendation(s) on this topic: see the handout or the "
                    "offline site.")
    refs.append("Every slide's item is in the knowledge graph under the IRI shown (standards-kg).")
    slides.append(Slide("references", "References", lines=tuple(refs)))
    return Deck(topic.title, tuple(slides))


def font_points(text: str) -> int:
    """Large type: 32 pt for a short standard, down to 18 pt for the longest texts."""
    n = len(text)
    for limit, size in ((250, 32), (420, 28), (600, 24), (800, 20)):
        if n <= limit:
            return size
    return 18


# -- PowerPoint ---------------------------------------------------------------------

def to_pptx(deck: Deck) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]

    def box(slide, left, top, width, height, paragraphs):
        """paragraphs: (text, points, bold) each."""
        frame = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height)).text_frame
        frame.word_wrap = True
        for i, (text, points, bold) in enumerate(paragraphs):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = p.add_run()
            run.text = text
            run.font.size = Pt(points)
            run.font.bold = bold
        return frame

    for s in deck.slides:
        slide = prs.slides.add_slide(blank)
        if s.kind == "title":
            box(slide, 0.8, 2.0, 11.7, 1.6, [(s.heading, 48, True)])
            box(slide, 0.8, 3.8, 11.7, 3.0, [(line, 22 if i else 24, False) for i, line in enumerate(s.lines)])
        elif s.kind == "statement":
            box(slide, 0.6, 0.4, 12.1, 1.0, [(s.heading, 36, True)])
            if s.badges:
                box(slide, 0.6, 1.3, 12.1, 0.6, [(" · ".join(s.badges), 22, True)])
            box(slide, 0.6, 2.0, 12.1, 4.6, [(f"“{s.text}”", font_points(s.text), False)])
            box(slide, 0.6, 6.6, 12.1, 0.8, [(f"{s.citation} · {short_iri(s.iri)}", 14, False)])
        else:
            box(slide, 0.6, 0.4, 12.1, 1.0, [(s.heading, 36, True)])
            box(slide, 0.6, 1.5, 12.1, 5.6, [(line, 20, False) for line in s.lines])
        slide.notes_slide.notes_text_frame.text = s.iri or deck.title
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# -- HTML deck ------------------------------------------------------------------------

def to_html(deck: Deck) -> str:
    esc = html.escape
    sections = []
    for i, s in enumerate(deck.slides, start=1):
        if s.kind == "statement":
            badges = "".join(f'<span class="badge">{esc(b)}</span>' for b in s.badges)
            inner = (f"<h2>{esc(s.heading)}</h2><p class=\"badges\">{badges}</p>"
                     f"<blockquote style=\"font-size:{font_points(s.text) / 32:.3f}em\">{esc(s.text)}</blockquote>"
                     f"<p class=\"cite\">{esc(s.citation)} · <span class=\"iri\">{esc(short_iri(s.iri))}</span></p>")
        elif s.kind == "title":
            inner = f"<h1>{esc(s.heading)}</h1>" + "".join(f"<p>{esc(line)}</p>" for line in s.lines)
        else:
            inner = f"<h2>{esc(s.heading)}</h2><ul>" + "".join(f"<li>{esc(x)}</li>" for x in s.lines) + "</ul>"
        sections.append(f'<section class="slide {s.kind}" id="slide-{i}" data-iri="{esc(s.iri)}">{inner}'
                        f'<footer>{i} / {len(deck.slides)}</footer></section>')
    css = (TEMPLATES / "deck.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "deck.js").read_text(encoding="utf-8")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(deck.title)} — slides</title><style>{css}</style></head><body>\n"
            + "\n".join(sections) +
            f"\n<script>const DECK_TITLE = {json.dumps(deck.title)};\n{script}</script></body></html>\n")


def render(topic: Topic, catalogue: Catalogue, fmt: str = "html") -> bytes:
    deck = build(topic, catalogue)
    if fmt == "pptx":
        return to_pptx(deck)
    if fmt == "html":
        return to_html(deck).encode("utf-8")
    raise ValueError(f"unknown slides format {fmt!r}; choose one of {', '.join(FORMATS)}")
