"""The result of a comparison and its renderings: JSON (the contract), Markdown (a gap
report a ministry could circulate), CSV (one row per standard) and PDF (the Markdown
laid out by WeasyPrint)."""
from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .judge import STATUSES, Judgement
from .read import DocumentText
from .settings import CompareSettings
from .standards import Recommendation

STATUS_LABELS = {"addressed": "Addressed", "partly": "Partly", "not_found": "Not found",
                 "not_applicable": "Not applicable"}
ALL_STATUSES = STATUSES + ("not_applicable",)
STANDARDS_TITLE = "International Standards for the Treatment of Drug Use Disorders"


@dataclass(frozen=True)
class Row:
    """One standard as reported: the tool's judgement, and a person's correction if any."""
    judgement: Judgement
    status: str                       # what the report says (the hand status if there is one)
    note: str = ""
    by_hand: bool = False
    recommendations: tuple[Recommendation, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Report:
    document: DocumentText
    rows: tuple[Row, ...]
    principles: dict                  # number -> title
    settings: CompareSettings
    created: str = field(default_factory=lambda: datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    # the document's own thresholds (compare.judge.Thresholds), where a document was judged
    thresholds: object = None

    def summary(self) -> dict:
        """Counts of each status, and of the standards a passage of the document may go
        against (`goes_against`, whatever their status: a reader who sees only the counts
        must not read a practice the Standards reject as coverage)."""
        out = {k: sum(r.status == k for r in self.rows) for k in ALL_STATUSES}
        if not out["not_applicable"]:
            del out["not_applicable"]
        out["goes_against"] = sum(bool(r.judgement.against) for r in self.rows)
        out["by_principle"] = {}
        for number, title in self.principles.items():
            rows = [r for r in self.rows if r.judgement.standard.principle == number]
            counts = {k: sum(r.status == k for r in rows) for k in ALL_STATUSES}
            out["by_principle"][number] = {"title": title, "standards": len(rows), **counts,
                                           "goes_against": sum(bool(r.judgement.against) for r in rows)}
        return out

    def with_status(self, number: str, status: str, note: str = "") -> "Report":
        """The same report with one standard judged by hand."""
        if status not in ALL_STATUSES:
            raise ValueError(f"status must be one of {', '.join(ALL_STATUSES)}")
        rows = tuple(dataclasses.replace(r, status=status, note=note, by_hand=status != r.judgement.status or bool(note))
                     if r.judgement.standard.number == number else r for r in self.rows)
        return dataclasses.replace(self, rows=rows)

    def to_json(self) -> dict:
        d = self.document
        standards = []
        for r in self.rows:
            item = r.judgement.to_json()
            item["auto_status"] = r.judgement.status
            item["status"] = r.status
            item["note"] = r.note
            item["by_hand"] = r.by_hand
            item["recommendations"] = [{"iri": x.iri, "kind": x.kind, "text": x.text, "citation": x.citation}
                                       for x in r.recommendations]
            standards.append(item)
        return {"document": {"title": d.title, "file": d.file, "sha256": d.sha256, "format": d.format,
                             "pages": d.pages, "passages": d.passage_count},
                "standards": standards, "summary": self.summary(),
                "method": {"created": self.created, **self.settings.to_json(),
                           **({"document_thresholds": self.thresholds.to_json()} if self.thresholds else {})}}


# -- Markdown ------------------------------------------------------------------------------

def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _quote(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def to_markdown(report: Report) -> str:
    d = report.document
    s = report.summary()
    lines = [f"# Gap report: {d.title}", "",
             f"Measured against the 59 standards of the UNODC-WHO *{STANDARDS_TITLE}*.", "",
             (f"- Document: `{d.file}` ({d.format.upper()}{f', {d.pages} pages' if d.pages else ''}, "
              f"{d.passage_count} passages), SHA-256 `{d.sha256[:16]}…`" if d.file
              else "- No document: a checklist filled by hand"),
             f"- Made: {report.created} by `standards-kg compare` (model {report.settings.model})"
             + ("; some judgements corrected by hand" if any(r.by_hand for r in report.rows) else ""),
             f"- **{s['addressed']} addressed, {s['partly']} partly, {s['not_found']} not found**"
             + (f", {s['not_applicable']} not applicable" if s.get("not_applicable") else "")
             + " (of 59)"
             + (f"; **the document may go against {s['goes_against']}**: "
                + ", ".join(r.judgement.standard.number for r in report.rows if r.judgement.against)
                if s["goes_against"] else ""), "",
             "A judgement is made on meaning: each standard is compared with every passage of the document, and "
             "the passages that speak most of it are quoted as evidence. It is a first reading to check, "
             "not a verdict.", ""]
    lines += _against_section(report)
    lines += ["## Coverage by principle", "",
              "| Principle | Addressed | Partly | Not found | Not applicable | May go against |",
              "|---|---|---|---|---|---|"]
    for number, p in s["by_principle"].items():
        lines.append(f"| {number}. {_cell(p['title'])} | {p['addressed']} | {p['partly']} | {p['not_found']} | "
                     f"{p['not_applicable']} | {p['goes_against']} |")
    for number, title in report.principles.items():
        rows = [r for r in report.rows if r.judgement.standard.principle == number]
        lines += ["", f"## Principle {number}: {title}", "", "| Standard | Status | Score | Where in the document |",
                  "|---|---|---|---|"]
        for r in rows:
            j = r.judgement
            where = "; ".join(e.location for e in j.evidence[:2]) or "—"
            status = STATUS_LABELS[r.status] + (" (by hand)" if r.by_hand else "") + (
                f"; may go against it ({', '.join(dict.fromkeys(a.location for a in j.against))})" if j.against else "")
            lines.append(f"| {j.standard.number} | {status} | {j.score:.3f} | {_cell(where)} |")
        gaps = [r for r in rows if r.status in ("partly", "not_found")]
        if gaps:
            lines += ["", f"### Gaps under Principle {number}"]
        for r in gaps:
            j = r.judgement
            lines += ["", f"#### Standard {j.standard.number} ({STATUS_LABELS[r.status].lower()})", "",
                      f"> {j.standard.text}", "", f"*Standard {j.standard.number}, {STANDARDS_TITLE}, "
                      f"Principle {number}.* <{j.standard.iri}>"]
            if r.note:
                lines += ["", f"Note: {r.note}"]
            if j.evidence and r.status == "partly":
                e = j.evidence[0]
                lines += ["", f"Closest in the document ({e.location}): “{_quote(e.text, 300)}”"]
            if r.recommendations:
                lines += ["", "Recommendations that would help close it:", ""]
                for x in r.recommendations:
                    lines.append(f"- {x.kind}: “{_quote(x.text)}” ({x.citation}) <{x.iri}>")
    lines += ["", "## Evidence for the standards addressed", ""]
    for r in report.rows:
        if r.status != "addressed" or not r.judgement.evidence:
            continue
        e = r.judgement.evidence[0]
        lines.append(f"- **{r.judgement.standard.number}** ({e.location}, score {e.similarity:.3f}): "
                     f"“{_quote(e.text, 300)}”")
    return "\n".join(lines) + "\n"


def _against_section(report: Report) -> list[str]:
    """The passages that may go against a standard, first after the summary: what a
    ministry most needs to read."""
    against = [(r, a) for r in report.rows for a in r.judgement.against]
    if not against:
        return []
    lines = ["## Passages that may go against a standard", "",
             "These passages order a practice the Standards reject, in the words quoted. They are counted as "
             "evidence for no standard; read each.", ""]
    for r, a in against:
        lines.append(f"- **{r.judgement.standard.number}**, {a.practice} ({a.location}, “{_cell(a.words)}”): "
                     f"“{_quote(a.text, 300)}”")
    return lines + [""]


# -- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = ["number", "principle", "status", "auto_status", "by_hand", "note", "score", "standard_text",
               "evidence_location", "evidence_text", "evidence_score", "iri", "goes_against"]


def to_csv(report: Report) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in report.rows:
        j = r.judgement
        e = j.evidence[0] if j.evidence else None
        w.writerow([j.standard.number, j.standard.principle, r.status, j.status, "yes" if r.by_hand else "no",
                    r.note, f"{j.score:.4f}", j.standard.text, e.location if e else "", e.text if e else "",
                    f"{e.similarity:.4f}" if e else "", j.standard.iri,
                    "; ".join(f"{a.location}: {a.practice}: “{' '.join(a.text.split())}”" for a in j.against)])
    return buf.getvalue()


def to_json_text(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


# -- PDF --------------------------------------------------------------------------------------

PRINT_CSS = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4;
       margin: 0; color: #111; }
h1 { font-size: 18pt; margin: 0 0 .4em; } h2 { font-size: 14pt; margin-top: 1.2em; border-bottom: 1px solid #999; }
h3 { font-size: 12pt; } h4 { font-size: 11pt; margin-bottom: .2em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; page-break-inside: auto; }
th, td { border: 1px solid #bbb; padding: 3px 5px; vertical-align: top; text-align: left; }
@page { size: A4; margin: 18mm 15mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; } }
tr { page-break-inside: avoid; } blockquote { margin: .3em 0 .3em 1em; padding-left: .6em; border-left: 3px solid #777; }
code { font-size: 9pt; }
"""


def to_html(report: Report) -> str:
    from markdown_it import MarkdownIt
    body = MarkdownIt("commonmark", {"linkify": False}).enable("table").render(to_markdown(report))
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(report.document.title)}</title>"
            f"<style>{PRINT_CSS}</style></head><body>{body}</body></html>")


def to_pdf(report: Report) -> bytes:
    """The gap report as PDF, laid out by WeasyPrint (a real HTML/CSS renderer, already
    what the workshop handouts use) from the same Markdown."""
    import logging

    from weasyprint import HTML
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=to_html(report)).write_pdf()
