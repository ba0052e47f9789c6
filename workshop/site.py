"""An offline copy of the whole graph as a static HTML site that opens from a USB stick
by double-clicking index.html: every document (with its full text, passage by
passage), principle, standard, recommendation, population, intervention, substance,
modality, evidence statement and rating as a page with its links, what links to it
and its source passages; plus full-text search in the browser.

Why a prebuilt index and our own small search script rather than a JS search library:
browsers refuse fetch() from file://, so the index must come as a <script> file
anyway, and a few thousand short entries are searched by a linear scan in well under
a millisecond; the script is 60 lines with nothing to install or update. Everything is
relative links, no request leaves the folder (the IRIs are shown as text)."""
from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kg_builder.config import ONTOLOGY_NS

from .catalogue import Catalogue, number_key, short_iri
from .errors import OutputError

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
SOURCE_PROPERTIES = {PROV_DERIVED, ONTOLOGY_NS + "goal", ONTOLOGY_NS + "targetPopulation",
                     ONTOLOGY_NS + "method", ONTOLOGY_NS + "suggestedIntervention"}
SHOWN_APART = {RDFS_LABEL, SKOS + "prefLabel", ONTOLOGY_NS + "text", RDF_TYPE}
MARKER = ".standards-kg-site"      # marks a folder as an export we may replace
TEMPLATES = Path(__file__).parent / "templates"
# The order of the index page's lists, and their headings.
GROUPS = (("Principle", "Principles"), ("Standard", "Standards"), ("TreatmentModality", "Treatment modalities"),
          ("WHORecommendation", "WHO recommendations"), ("ServiceRecommendation", "Service recommendations"),
          ("GoodPracticeCondition", "Good-practice conditions"),
          ("CompulsoryTreatmentCriterion", "Compulsory treatment criteria"),
          ("OperativeParagraph", "Operative paragraphs"), ("PreambularParagraph", "Preambular paragraphs"),
          ("EvidenceStatement", "Evidence statements"), ("EvidenceRating", "Evidence ratings"),
          ("RecommendationStrength", "Recommendation strengths"), ("Population", "Populations"),
          ("Intervention", "Interventions"), ("PharmacologicalIntervention", "Pharmacological interventions"),
          ("PsychosocialIntervention", "Psychosocial interventions"), ("Substance", "Substances"),
          ("TrainingModule", "Training modules"), ("ProgrammeActivity", "Programme activities"),
          ("ProgrammeOutcome", "Programme outcomes"), ("ServiceLevel", "Service levels"))
SINGULAR = {"TreatmentModality": "Treatment modality", "WHORecommendation": "WHO recommendation",
            "CompulsoryTreatmentCriterion": "Compulsory treatment criterion", "ProgrammeActivity": "Programme activity"}
GROUP_OF = dict(GROUPS)


def group_rank(kind: str) -> int:
    """Principles first, then standards, … in the order of GROUPS."""
    return next((i for i, (k, _) in enumerate(GROUPS) if k == kind), len(GROUPS))


def kind_name(kind: str) -> str:
    """"Good-practice condition" for GoodPracticeCondition."""
    if kind in SINGULAR:
        return SINGULAR[kind]
    plural = GROUP_OF.get(kind)
    return plural[:-1] if plural and plural.endswith("s") else re.sub(r"(?<!^)([A-Z])", r" \1", kind).capitalize()


@dataclass
class Page:
    iri: str
    kind: str                          # local class name
    label: str
    path: str                          # relative to the site root
    text: str = ""
    number: str = ""
    literals: list[tuple[str, str]] = field(default_factory=list)        # (property label, value)
    links: list[tuple[str, str]] = field(default_factory=list)           # (property label, IRI)
    backlinks: list[tuple[str, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)                     # passage IRIs
    document: str = ""                                                   # IRI of its document


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    pages: int
    files: int
    bytes: int


def local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def slug(iri: str) -> str:
    name = short_iri(iri).removeprefix("id:").replace("skg:", "skg_")
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_")


def read_graph(executor) -> list[tuple[str, str, object]]:
    """Every triple: (subject IRI, predicate IRI, object term)."""
    rows = executor.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", trusted=True, max_rows=10_000_000).rows
    return [(s.value, p.value, o) for s, p, o in rows]


def pages_of(triples, catalogue: Catalogue) -> dict[str, Page]:
    """One page per labelled entity of an skg: class other than passages and sections;
    documents get theirs under docs/."""
    types: dict[str, set[str]] = {}
    labels: dict[str, dict[str, str]] = {}
    for s, p, o in triples:
        if p == RDF_TYPE and o.value.startswith(ONTOLOGY_NS):
            types.setdefault(s, set()).add(local(o.value))
        elif p in (RDFS_LABEL, SKOS + "prefLabel"):
            labels.setdefault(s, {})[p] = o.value
    pages: dict[str, Page] = {}
    used: set[str] = set()
    for iri, kinds in sorted(types.items()):
        kinds -= {"Passage", "Section"}
        if not kinds or iri not in labels or iri.startswith(ONTOLOGY_NS) and not (
                kinds & {"EvidenceRating", "RecommendationStrength"}):
            continue
        # The most specific class names the page: a WHORecommendation, not a Recommendation.
        kind = next((k for k, _ in GROUPS if k in kinds), sorted(kinds)[0])
        label = labels[iri].get(SKOS + "prefLabel") or labels[iri].get(RDFS_LABEL)
        name = slug(iri)
        while name in used:
            name += "_"
        used.add(name)
        folder = "docs" if kind == "Document" else "items"
        pages[iri] = Page(iri, kind, label, f"{folder}/{name}.html")
    property_labels = {s: o.value for s, p, o in triples if p == RDFS_LABEL and s.startswith(ONTOLOGY_NS)}
    property_labels.update({SKOS + "altLabel": "also called", SKOS + "definition": "definition",
                            SKOS + "broader": "broader", "http://purl.org/dc/terms/title": "title",
                            "http://purl.org/dc/terms/description": "description",
                            "http://purl.org/dc/terms/publisher": "publisher",
                            "http://purl.org/dc/terms/issued": "issued",
                            "http://purl.org/dc/terms/identifier": "identifier",
                            "http://www.w3.org/2000/01/rdf-schema#comment": "comment"})

    def plabel(p: str) -> str:
        return property_labels.get(p, local(p))

    for s, p, o in triples:
        page = pages.get(s)
        if page is None or p in SHOWN_APART and p != ONTOLOGY_NS + "text":
            continue
        value = o.value
        if p in SOURCE_PROPERTIES and value in catalogue.passage_by_iri:
            page.sources.append(value)
        elif p == ONTOLOGY_NS + "text":
            page.text = value
        elif p == ONTOLOGY_NS + "number":
            page.number = value
        elif type(o).__name__ == "Literal":
            page.literals.append((plabel(p), value))
        elif value in pages and value != s:
            if p == ONTOLOGY_NS + "document":
                page.document = value
            page.links.append((plabel(p), value))
            pages[value].backlinks.append((plabel(p), s))
    for page in pages.values():
        page.literals.sort()
        page.links = sorted(set(page.links), key=lambda x: (x[0], pages[x[1]].label))
        page.backlinks = sorted(set(page.backlinks), key=lambda x: (
            group_rank(pages[x[1]].kind), number_key(pages[x[1]].number), pages[x[1]].label))
        page.sources = sorted(set(page.sources), key=lambda p: (catalogue.passage_by_iri[p].citation.doc_id,
                                                               catalogue.passage_by_iri[p].order))
    return pages


# -- HTML ------------------------------------------------------------------------------

def shorten(text: str, limit: int = 140) -> str:
    """The start of a text, cut at a word boundary, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def frame(title: str, body: str, root: str) -> str:
    """A page: header with the way home and a search box, the body, the scripts."""
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)} — International Standards (offline)</title>"
            f"<link rel=\"stylesheet\" href=\"{root}assets/site.css\"></head><body>"
            f"<header class=\"top\"><a class=\"home\" href=\"{root}index.html\">International Standards · offline copy</a>"
            f"<form class=\"search\" action=\"{root}index.html\" method=\"get\">"
            f"<input type=\"search\" name=\"q\" placeholder=\"Search\" aria-label=\"Search\"></form></header>"
            f"<main>{body}</main>"
            f"<footer class=\"bottom\">From the standards-kg knowledge graph; every text is quoted verbatim "
            f"from the documents. Works offline.</footer></body></html>\n")


def passage_href(catalogue: Catalogue, passage_iri: str, docs: dict[str, str], root: str) -> str:
    p = catalogue.passage_by_iri[passage_iri]
    return f"{root}{docs[p.citation.doc_id]}#p-{p.order}"


def item_html(page: Page, pages: dict[str, Page], catalogue: Catalogue, docs: dict[str, str]) -> str:
    root = "../"

    def a(iri: str) -> str:
        target = pages[iri]
        return f"<a href=\"{root}{target.path}\">{esc(target.label)}</a>"

    out = [f"<p class=\"kind\">{esc(kind_name(page.kind))}</p><h1>{esc(page.label)}</h1>",
           f"<p class=\"iri\">{esc(page.iri)}</p>"]
    if page.text:
        out.append(f"<blockquote class=\"text\">{esc(page.text)}</blockquote>")
    if page.literals:
        out.append("<table class=\"props\">" + "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>"
                                                      for k, v in page.literals) + "</table>")
    if page.sources:
        out.append("<h2>Source passages</h2>")
        for iri in page.sources:
            p = catalogue.passage_by_iri[iri]
            out.append(f"<div class=\"passage\"><p class=\"cite\"><a href=\"{passage_href(catalogue, iri, docs, root)}\">"
                       f"{esc(p.citation.short())}</a></p><p>{esc(p.text)}</p></div>")
    for title, links in (("Links", page.links), ("Linked from", page.backlinks)):
        if links:
            out.append(f"<h2>{title}</h2><ul class=\"links\">" + "".join(
                f"<li><span class=\"pred\">{esc(pred)}</span> {a(iri)}"
                f"{' <span class=kind>' + esc(kind_name(pages[iri].kind)) + '</span>' if title == 'Linked from' else ''}</li>"
                for pred, iri in links) + "</ul>")
    return frame(page.label, "\n".join(out), root)


def document_html(page: Page, pages: dict[str, Page], catalogue: Catalogue) -> str:
    """The document's details, what was read from it, and its whole text passage by passage."""
    root = "../"
    doc = next(d for d in catalogue.documents if d.iri == page.iri)
    out = [f"<p class=\"kind\">Document</p><h1>{esc(doc.title)}</h1><p class=\"iri\">{esc(doc.iri)}</p>",
           f"<p>{esc(doc.publisher)}{', ' + esc(doc.year) if doc.year else ''}</p>"]
    items = sorted((p for p in pages.values() if p.document == page.iri),
                   key=lambda p: (group_rank(p.kind), number_key(p.number), p.label))
    if items:
        out.append("<details><summary>Items read from this document</summary><ul class=\"links\">" + "".join(
            f"<li><a href=\"{root}{p.path}\">{esc(p.label)}</a> <span class=\"kind\">{esc(kind_name(p.kind))}"
            "</span></li>" for p in items) + "</ul></details>")
    out.append("<h2>Full text</h2>")
    section = None
    for p in (x for x in catalogue.passages if x.citation.doc_id == doc.id):
        heading = " ".join(x for x in (p.citation.section, p.citation.section_title) if x)
        if heading != section:
            out.append(f"<h3>{esc(heading)}</h3>")
            section = heading
        out.append(f"<p class=\"p {esc(p.kind)}\" id=\"p-{p.order}\">{esc(p.text)}</p>")
    return frame(doc.title, "\n".join(out), root)


def index_html(pages: dict[str, Page], catalogue: Catalogue) -> str:
    by_kind: dict[str, list[Page]] = {}
    for p in pages.values():
        by_kind.setdefault(p.kind, []).append(p)
    out = ["<h1>International Standards for the Treatment of Drug Use Disorders — offline copy</h1>",
           "<div id=\"search-box\"><input id=\"q\" type=\"search\" autofocus placeholder=\"Search every document, "
           "standard and recommendation (e.g. informed consent)\" aria-label=\"Search\">"
           "<p id=\"count\"></p><ol id=\"results\"></ol></div>",
           "<h2>Documents</h2><ul class=\"links\">" + "".join(
               f"<li><a href=\"{p.path}\">{esc(p.label)}</a></li>" for p in sorted(by_kind.get("Document", []),
                                                                                 key=lambda p: p.label)) + "</ul>"]
    toc = []
    for kind, title in GROUPS:
        members = sorted(by_kind.get(kind, []), key=lambda p: (number_key(p.number), p.label))
        if not members:
            continue
        toc.append(f"<a href=\"#{kind}\">{esc(title)} ({len(members)})</a>")
        out.append(f"<details id=\"{kind}\"{' open' if kind in ('Principle', 'TreatmentModality') else ''}>"
                   f"<summary>{esc(title)} ({len(members)})</summary><ul class=\"links\">" + "".join(
                       f"<li><a href=\"{p.path}\">{esc(p.label)}</a>"
                       f"{' — ' + esc(shorten(p.text)) if p.text else ''}</li>"
                       for p in members) + "</ul></details>")
    out.insert(2, "<nav class=\"toc\">" + " · ".join(toc) + "</nav>")
    body = "\n".join(out) + ("<script src=\"assets/search-index.js\"></script>"
                             "<script src=\"assets/search.js\"></script>")
    return frame("Index", body, "")


def search_entries(pages: dict[str, Page], catalogue: Catalogue, docs: dict[str, str]) -> list[dict]:
    """What the search script scans: each page (label, kind, text) and each passage."""
    out = [{"t": p.label, "k": kind_name(p.kind), "u": p.path, "x": p.text or
            " ".join(v for _, v in p.literals)[:600]} for p in sorted(pages.values(), key=lambda p: p.path)]
    for p in catalogue.passages:
        out.append({"t": p.citation.short(), "k": "Passage", "u": f"{docs[p.citation.doc_id]}#p-{p.order}",
                    "x": p.text})
    return out


# -- writing ---------------------------------------------------------------------------

def build_files(executor, catalogue: Catalogue) -> dict[str, bytes]:
    """The whole site as {relative path: bytes}."""
    pages = pages_of(read_graph(executor), catalogue)
    docs = {d.id: pages[d.iri].path for d in catalogue.documents if d.iri in pages}
    files: dict[str, bytes] = {}
    for page in pages.values():
        text = document_html(page, pages, catalogue) if page.kind == "Document" else \
            item_html(page, pages, catalogue, docs)
        files[page.path] = text.encode("utf-8")
    files["index.html"] = index_html(pages, catalogue).encode("utf-8")
    entries = json.dumps(search_entries(pages, catalogue, docs), ensure_ascii=False, separators=(",", ":"))
    files["assets/search-index.js"] = f"window.SKG_INDEX = {entries};\n".encode("utf-8")
    for name in ("site.css", "search.js"):
        files[f"assets/{name}"] = (TEMPLATES / name).read_bytes()
    files[MARKER] = b"An offline copy written by `standards-kg export-site`; it may be replaced by the next export.\n"
    return files


def check_target(out: Path) -> tuple[Path, Path]:
    """(folder, its parent) if the site may be written there: a new or empty folder, or
    an earlier export, in a folder that exists. Checked before any work is done."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise OutputError(f"{out} exists and is not an earlier export: choose a new or empty folder for --out")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{parent} does not exist: create it or choose another --out")
    return out, parent


def write_site(files: dict[str, bytes], out: Path) -> ExportResult:
    """Write into a new folder beside `out`, then swap it in: a failed export leaves
    the old copy whole. A folder that is not an earlier export is never replaced."""
    out, parent = check_target(out)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=parent))
    except OSError as exc:
        raise OutputError(f"cannot write in {parent} ({exc.strerror}): choose a writable folder for --out") from None
    try:
        for rel, data in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        tmp.chmod(0o755)
        old = None
        if out.exists():
            old = parent / f".{out.name}.old"
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
        tmp.rename(out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"cannot write the site to {out} ({exc.strerror}): choose a writable folder") from None
    return ExportResult(out, sum(1 for r in files if r.endswith(".html")), len(files), sum(map(len, files.values())))


def export(executor, catalogue: Catalogue, out: Path) -> ExportResult:
    return write_site(build_files(executor, catalogue), out)
