"""HTML pages for people who open an IRI in a browser: the entity's label, text,
source passages, terminology mappings, its links and what links to it, every
statement of its description, and the same in RDF one click away. Pure functions from
dataclasses to text; nothing is loaded from outside the server (inline CSS, no
scripts), and every IRI of the graph links to its page on this server."""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote

from .describe import path_for_iri
from .formats import EXTENSIONS, RDF_TYPES
from .mappings import Mapping

PREFIXES = {
    "https://w3id.org/standards-kg/ontology#": "skg:",
    "https://w3id.org/standards-kg/id/": "id:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2002/07/owl#": "owl:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/ns/dcat#": "dcat:",
    "http://rdfs.org/ns/void#": "void:",
    "http://spdx.org/rdf/terms#": "spdx:",
    "https://w3id.org/sssom/": "sssom:",
    "https://w3id.org/semapv/vocab/": "semapv:",
}
CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.45}
nav{display:flex;gap:1rem;border-bottom:1px solid #ddd;padding-bottom:.5rem;margin-bottom:1rem}
h1{font-size:1.6rem;margin:.2rem 0} .iri{font-family:monospace;color:#555;word-break:break-all}
.kind{display:inline-block;background:#eef;border-radius:4px;padding:0 .4rem;font-size:.85rem}
blockquote{border-left:4px solid #9ab;margin:.8rem 0;padding:.2rem .8rem;background:#f7f9fb}
table{border-collapse:collapse;width:100%;margin:.5rem 0} td,th{border-bottom:1px solid #eee;padding:.25rem .4rem;
text-align:left;vertical-align:top} th{background:#f4f4f4} .muted{color:#666;font-size:.9rem}
"""


@dataclass
class Term:
    """One term of a statement, ready to show: a link (ours: to this server) or text."""
    text: str
    href: str | None = None
    title: str | None = None


@dataclass
class Statement:
    predicate: Term
    value: Term


@dataclass
class SourceText:
    href: str
    document: str
    section: str
    text: str


@dataclass
class EntityView:
    iri: str
    label: str
    kinds: list[Term] = field(default_factory=list)
    number: str | None = None
    text: str | None = None
    definition: str | None = None
    strength: str | None = None
    sources: list[SourceText] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    backlinks: list[Statement] = field(default_factory=list)   # (predicate, subject)
    backlinks_cut: bool = False
    truncated: bool = False


def compact(iri: str) -> str:
    for ns, prefix in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return prefix + iri[len(ns):]
    return iri


def href_of(iri: str) -> str:
    """Our IRIs open on this server; outside IRIs (MeSH, Wikidata …) as they are."""
    return path_for_iri(iri) or iri


def term_link(iri: str, label: str | None = None) -> Term:
    return Term(label or compact(iri), href_of(iri), iri)


def _a(term: Term) -> str:
    if term.href is None:
        return escape(term.text)
    outside = path_for_iri(term.title or term.href) is None and term.href.startswith("http")
    rel = ' rel="nofollow noopener"' if outside else ""
    title = f' title="{escape(term.title)}"' if term.title else ""
    return f'<a href="{escape(term.href, quote=True)}"{title}{rel}>{escape(term.text)}</a>'


def layout(title: str, body: str, *, alternates: str = "") -> str:
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} · standards-kg</title>{alternates}<style>{CSS}</style></head><body>"
            '<nav><a href="/">Query editor</a><a href="/ontology">Ontology</a>'
            '<a href="/.well-known/void">Dataset and version</a><a href="/sparql">SPARQL endpoint</a></nav>'
            f"<main>{body}</main></body></html>\n")


def _alternates(path: str) -> tuple[str, str]:
    """<link rel=alternate> tags and the visible download links for a resource path."""
    links, tags = [], []
    for media in RDF_TYPES:
        url = f"{quote(path)}?format={EXTENSIONS[media]}"
        tags.append(f'<link rel="alternate" type="{media}" href="{escape(url, quote=True)}">')
        links.append(f'<a href="{escape(url, quote=True)}" type="{media}">{EXTENSIONS[media]}</a>')
    return "".join(tags), " · ".join(links)


def _statement_rows(rows: list[Statement]) -> str:
    return "".join(f"<tr><td>{_a(s.predicate)}</td><td>{_a(s.value)}</td></tr>" for s in rows)


def entity_page(view: EntityView) -> str:
    path = path_for_iri(view.iri) or "/"
    tags, downloads = _alternates(path)
    parts = [f"<h1>{escape(view.label)}</h1>",
             f'<p class="iri">{escape(view.iri)}</p>',
             "<p>" + " ".join(f'<span class="kind">{_a(k)}</span>' for k in view.kinds) +
             (f" number <b>{escape(view.number)}</b>" if view.number else "") +
             (f' <span class="kind">{escape(view.strength)}</span>' if view.strength else "") + "</p>"]
    if view.text:
        parts.append(f"<blockquote>{escape(view.text)}</blockquote>")
    if view.definition and view.definition != view.text:
        parts.append(f"<p>{escape(view.definition)}</p>")
    if view.sources:
        parts.append("<h2>Source passages</h2>")
        for s in view.sources:
            parts.append(f'<p class="muted"><a href="{escape(s.href, quote=True)}">{escape(s.document)} — '
                         f"{escape(s.section)}</a></p><blockquote>{escape(s.text)}</blockquote>")
    if view.mappings:
        parts.append('<h2 id="mappings">Terminology mappings</h2><table><tr><th>relation</th><th>vocabulary'
                     "</th><th>code</th><th>label</th><th>source</th></tr>")
        for m in view.mappings:
            note = f'<br><span class="muted">{escape(m.comment)}</span>' if m.comment else ""
            parts.append(f"<tr><td>skos:{escape(m.relation)}</td><td>{escape(m.vocabulary)}</td>"
                         f"<td>{_a(Term(m.code, m.target, m.target))}</td><td>{escape(m.label)}{note}</td>"
                         f"<td>{_a(Term('source', m.source, m.source))}</td></tr>")
        parts.append("</table>")
    parts.append('<h2 id="statements">Statements</h2><table><tr><th>property</th><th>value</th></tr>'
                 + _statement_rows(view.statements) + "</table>")
    if view.truncated:
        parts.append('<p class="muted">Only the first statements are shown: the description was cut at '
                     "its size limit.</p>")
    if view.backlinks:
        parts.append('<h2 id="backlinks">What links here</h2><table><tr><th>item</th><th>by</th></tr>'
                     + "".join(f"<tr><td>{_a(s.value)}</td><td>{_a(s.predicate)}</td></tr>"
                               for s in view.backlinks) + "</table>")
        if view.backlinks_cut:
            parts.append('<p class="muted">More items link here: query the SPARQL endpoint for all.</p>')
    parts.append(f'<p class="muted">This description as {downloads}</p>')
    return layout(view.label, "".join(parts), alternates=tags)


def dataset_page(title: str, statements: list[Statement], path: str) -> str:
    tags, downloads = _alternates(path)
    body = (f"<h1>{escape(title)}</h1><table><tr><th>property</th><th>value</th></tr>"
            f"{_statement_rows(statements)}</table><p class=\"muted\">As {downloads}</p>")
    return layout(title, body, alternates=tags)


def message_page(title: str, message: str) -> str:
    return layout(title, f"<h1>{escape(title)}</h1><p>{escape(message)}</p>")
