"""A one- or two-page handout on a topic, as Markdown, HTML, PDF (WeasyPrint, A4 or
Letter) or Word (python-docx). Every text is the graph's own, with its number,
strength or rating, and its citation; the PDF is laid out for black-and-white
printing (no meaning carried by colour) and shrinks to two pages by leaving out the
last entries of the longest blocks, saying how many were left out."""
from __future__ import annotations

import html
import io
from dataclasses import dataclass
from pathlib import Path

from .catalogue import Catalogue, short_iri
from .content import Block, Limits, blocks, references
from .formats import HANDOUT_FORMATS as FORMATS, PAGE_SIZES  # noqa: F401 (re-exported)
from .topics import Topic

MAX_PAGES = 2
CSS = (Path(__file__).parent / "templates" / "handout.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Handout:
    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    references: tuple[str, ...]


def build(topic: Topic, catalogue: Catalogue, limits: Limits = Limits()) -> Handout:
    shown = blocks(topic, catalogue, limits)
    how = "; ".join(topic.matched) if topic.matched else topic.query
    return Handout(topic.title, f"Workshop handout · every text quoted verbatim from the documents · "
                                f"matched by {how}", tuple(shown), tuple(references(topic, catalogue, shown)))


def more_note(block: Block) -> str:
    return (f"{block.more} more {block.title.lower()} on this topic are in the graph "
            "(see the app's Browse page or the offline site from `standards-kg export-site`)." if block.more else "")


# -- Markdown -----------------------------------------------------------------------

def to_markdown(h: Handout) -> str:
    lines = [f"# {h.title}", "", f"*{h.subtitle}*", ""]
    for b in h.blocks:
        lines += [f"## {b.title}", ""]
        for e in b.entries:
            badges = "".join(f" **[{x}]**" for x in e.badges)
            lines.append(f"**{e.heading}**{badges}")
            lines.append("")
            lines.append(f"> {e.text}")
            lines.append("")
            lines.append(f"— {e.citation} · `{short_iri(e.iri)}` <{e.iri}>")
            lines.append("")
        if b.more:
            lines += [f"*{more_note(b)}*", ""]
    if h.references:
        lines += ["## References", ""] + [f"- {r}" for r in h.references] + [""]
    return "\n".join(lines)


# -- HTML (also the source of the PDF) ------------------------------------------------

def to_html(h: Handout, page_size: str = "A4") -> str:
    esc = html.escape
    body = [f"<header><h1>{esc(h.title)}</h1><p class=\"sub\">{esc(h.subtitle)}</p></header>"]
    for b in h.blocks:
        body.append(f"<section><h2>{esc(b.title)}</h2>")
        for e in b.entries:
            badges = "".join(f'<span class="badge">{esc(x)}</span>' for x in e.badges)
            body.append(f'<article class="entry {esc(e.kind.lower())}" data-iri="{esc(e.iri)}">'
                        f'<h3>{esc(e.heading)}{badges}</h3>'
                        f'<blockquote>{esc(e.text)}</blockquote>'
                        f'<p class="cite">{esc(e.citation)} · <a href="{esc(e.iri)}">{esc(short_iri(e.iri))}</a></p>'
                        "</article>")
        if b.more:
            body.append(f'<p class="more">{esc(more_note(b))}</p>')
        body.append("</section>")
    if h.references:
        body.append("<section class=\"refs\"><h2>References</h2><ul>" +
                    "".join(f"<li>{esc(r)}</li>" for r in h.references) + "</ul></section>")
    page = "A4" if page_size.lower() == "a4" else "letter"
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(h.title)} — handout</title>"
            f"<style>@page {{ size: {page}; }}\n{CSS}</style></head><body>" + "\n".join(body) + "</body></html>\n")


def pdf_of(h: Handout, page_size: str = "A4") -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    from weasyprint import HTML
    document = HTML(string=to_html(h, page_size)).render()
    out = io.BytesIO()
    document.write_pdf(out)
    return out.getvalue(), len(document.pages)


def to_pdf(topic: Topic, catalogue: Catalogue, page_size: str = "A4") -> bytes:
    """The handout as a PDF of at most two pages: entries are left out (and counted in
    a note) until it fits."""
    limits = Limits().clipped(topic)
    while True:
        data, pages = pdf_of(build(topic, catalogue, limits), page_size)
        smaller = limits.smaller() if pages > MAX_PAGES else None
        if smaller is None:
            return data
        limits = smaller


# -- Word ----------------------------------------------------------------------------

def to_docx(h: Handout) -> bytes:
    from docx import Document
    from docx.shared import Pt
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(h.title, level=0)
    doc.add_paragraph().add_run(h.subtitle).italic = True
    for b in h.blocks:
        doc.add_heading(b.title, level=1)
        for e in b.entries:
            p = doc.add_paragraph()
            p.add_run(e.heading).bold = True
            for x in e.badges:
                p.add_run(f"  [{x}]").bold = True
            doc.add_paragraph(e.text, style="Quote")
            doc.add_paragraph(f"{e.citation} · {short_iri(e.iri)} <{e.iri}>").runs[0].font.size = Pt(8)
        if b.more:
            doc.add_paragraph(more_note(b)).runs[0].italic = True
    if h.references:
        doc.add_heading("References", level=1)
        for r in h.references:
            doc.add_paragraph(r, style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render(topic: Topic, catalogue: Catalogue, fmt: str = "pdf", page_size: str = "A4") -> bytes:
    """The handout in one of FORMATS, as bytes to write."""
    if fmt == "pdf":
        return to_pdf(topic, catalogue, page_size)
    h = build(topic, catalogue)
    if fmt == "html":
        return to_html(h, page_size).encode("utf-8")
    if fmt == "md":
        return to_markdown(h).encode("utf-8")
    if fmt == "docx":
        return to_docx(h)
    raise ValueError(f"unknown handout format {fmt!r}; choose one of {', '.join(FORMATS)}")
