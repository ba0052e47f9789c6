"""What the app's Browse page shows, read from the graph with fixed SPARQL (values are
bound, never spliced): principles with their standards, modalities, concepts, the
evidence view, the resolution and the coercion paper's conditions, filterable
statements, and any item with its source passages and links."""
from __future__ import annotations

from dataclasses import dataclass, field

from kg_builder.config import ONTOLOGY_NS

from .sparql import SparqlExecutor

CONCEPT_CLASSES = {"population": "skg:Population", "intervention": "skg:Intervention",
                   "substance": "skg:Substance", "modality": "skg:TreatmentModality"}
FILTER_PROPERTIES = {"population": "skg:population", "intervention": "skg:intervention",
                     "substance": "skg:substance", "modality": "skg:modality"}


def _v(term) -> str | None:
    return None if term is None else term.value


def _local(iri: str) -> str:
    return iri.split("#")[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def number_key(number: str | None) -> tuple:
    parts = []
    for x in (number or "").replace("/", ".").split("."):
        parts.append((0, int(x), "") if x.isdigit() else (1, 0, x))
    return tuple(parts)


def natural_key(text: str | None) -> tuple:
    """Text with its numbers compared as numbers: "Standard 1.2" before "Standard 1.10",
    "Recommendation 3.4.11/2" before "…/10" (SPARQL's ORDER BY compares them as text)."""
    import re
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.split(r"(\d+)", text or "") if part)


@dataclass
class Link:
    predicate: str        # local name of the property
    iri: str
    label: str
    kind: str             # local name of the linked item's class ("" for literals' owners)


@dataclass
class SourcePassage:
    iri: str
    text: str
    doc_title: str
    section: str
    section_title: str


@dataclass
class Item:
    iri: str
    label: str
    kind: str
    number: str | None = None
    text: str | None = None
    definition: str | None = None
    strength: str | None = None
    sources: list[SourcePassage] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)       # this item -> others
    backlinks: list[Link] = field(default_factory=list)   # others -> this item


Q_ITEM = """
SELECT ?label ?cls ?number ?text ?definition ?strength ?iri WHERE {
  ?iri rdfs:label|skos:prefLabel ?label .
  OPTIONAL { ?iri a ?cls FILTER(STRSTARTS(STR(?cls), STR(skg:))) }
  OPTIONAL { ?iri skg:number ?number }
  OPTIONAL { ?iri skg:text ?text }
  OPTIONAL { ?iri skos:definition|rdfs:comment|skg:description ?definition }
  OPTIONAL { ?iri skg:strength/rdfs:label ?strength }
} LIMIT 1"""
Q_SOURCES = """
SELECT ?p ?text ?doc ?number ?title ?iri WHERE {
  { ?iri prov:wasDerivedFrom ?p } UNION { ?iri skg:goal|skg:targetPopulation|skg:method ?p }
  ?p skg:text ?text ; skg:document/dcterms:title ?doc ; skg:order ?order .
  OPTIONAL { ?p skg:section ?s . OPTIONAL { ?s skg:number ?number } OPTIONAL { ?s dcterms:title ?title } }
} ORDER BY ?doc ?order LIMIT 30"""
Q_LINKS = """
SELECT ?pred ?o ?label ?cls ?iri WHERE {
  ?iri ?pred ?o . ?o rdfs:label|skos:prefLabel ?label .
  FILTER(?pred NOT IN (prov:wasDerivedFrom, skg:goal, skg:targetPopulation, skg:method, rdf:type,
                       skos:inScheme))
  OPTIONAL { ?o a ?cls FILTER(STRSTARTS(STR(?cls), STR(skg:)) && ?cls != skg:Passage) }
  FILTER NOT EXISTS { ?o a skg:Passage }
} ORDER BY ?pred ?label LIMIT 200"""
Q_BACKLINKS = """
SELECT ?pred ?s ?label ?cls ?iri WHERE {
  ?s ?pred ?iri ; rdfs:label ?label ; a ?cls .
  FILTER(STRSTARTS(STR(?cls), STR(skg:)) && ?cls NOT IN (skg:Passage, skg:Section))
  FILTER(?pred != skos:inScheme)
} ORDER BY ?cls ?label LIMIT 200"""


def item(executor: SparqlExecutor, iri: str) -> Item | None:
    """Anything with a label, with the passages it was read from and its links."""
    rows = executor.query(Q_ITEM, bindings={"iri": iri}, trusted=True).rows
    if not rows:
        return None
    label, cls, number, text, definition, strength, _ = rows[0]
    out = Item(iri, label.value, _local(cls.value) if cls else "", _v(number), _v(text), _v(definition),
               _v(strength))
    for p, ptext, doc, snum, stitle, _ in executor.query(Q_SOURCES, bindings={"iri": iri}, trusted=True).rows:
        out.sources.append(SourcePassage(p.value, ptext.value, doc.value, _v(snum) or "", _v(stitle) or ""))
    out.links = _links(executor.query(Q_LINKS, bindings={"iri": iri}, trusted=True).rows)
    out.backlinks = _links(executor.query(Q_BACKLINKS, bindings={"iri": iri}, trusted=True).rows)
    return out


def _links(rows) -> list[Link]:
    """(predicate, other item, its label, its class, _) rows as links, each pair once
    (an item with two classes comes back twice)."""
    out: dict[tuple[str, str], Link] = {}
    for pred, other, label, cls, _ in rows:
        out.setdefault((pred.value, other.value),
                       Link(_local(pred.value), other.value, label.value, _local(cls.value) if cls else ""))
    return sorted(out.values(), key=lambda ln: (ln.predicate, ln.kind, natural_key(ln.label)))


@dataclass
class StandardRow:
    iri: str
    number: str
    text: str


@dataclass
class PrincipleRow:
    iri: str
    number: str
    title: str
    description: str
    standards: list[StandardRow] = field(default_factory=list)


Q_PRINCIPLES = """
SELECT ?p ?pn ?title ?description ?s ?sn ?text WHERE {
  ?p a skg:Principle ; skg:number ?pn ; dcterms:title ?title .
  OPTIONAL { ?p skg:description ?description }
  OPTIONAL { ?s skg:principle ?p ; a skg:Standard ; skg:number ?sn ; skg:text ?text }
}"""


def principles(executor: SparqlExecutor) -> list[PrincipleRow]:
    out: dict[str, PrincipleRow] = {}
    for p, pn, title, description, s, sn, text in executor.query(Q_PRINCIPLES, trusted=True).rows:
        row = out.setdefault(p.value, PrincipleRow(p.value, pn.value, title.value, _v(description) or ""))
        if s is not None:
            row.standards.append(StandardRow(s.value, sn.value, text.value))
    for row in out.values():
        row.standards.sort(key=lambda s: number_key(s.number))
    return sorted(out.values(), key=lambda r: number_key(r.number))


@dataclass
class ModalityRow:
    iri: str
    number: str
    label: str
    ratings: list[str]
    goals: list[str]
    recommendations: int


Q_MODALITIES = """
SELECT ?m ?number ?label (GROUP_CONCAT(DISTINCT ?rating; separator="|") AS ?ratings)
       (COUNT(DISTINCT ?r) AS ?recs) WHERE {
  ?m a skg:TreatmentModality ; skg:number ?number ; skos:prefLabel ?label .
  OPTIONAL { ?m skg:evidenceRating/rdfs:label ?rating }
  OPTIONAL { ?m skg:recommendation ?r }
} GROUP BY ?m ?number ?label ORDER BY ?number"""
Q_GOALS = """
SELECT ?m ?text WHERE { ?m a skg:TreatmentModality ; skg:goal ?p . ?p skg:text ?text ; skg:order ?o } ORDER BY ?m ?o"""


Q_MODALITY_RECOMMENDATIONS = """
SELECT ?r ?label ?text ?audience ?strength ?m WHERE {
  ?m skg:recommendation ?r . ?r rdfs:label ?label ; skg:text ?text .
  OPTIONAL { ?r skg:audience ?audience }
  OPTIONAL { ?r skg:strength/rdfs:label ?strength }
} ORDER BY ?audience ?r"""


@dataclass
class RecommendationRow:
    iri: str
    label: str
    text: str
    audience: str | None
    strength: str | None


def modality_recommendations(executor: SparqlExecutor, modality: str) -> list[RecommendationRow]:
    """The recommendations of one modality, by audience ("Policy makers", "Staffing" …)."""
    rows = executor.query(Q_MODALITY_RECOMMENDATIONS, bindings={"m": modality}, trusted=True).rows
    out = [RecommendationRow(r.value, label.value, text.value, _v(audience), _v(strength))
           for r, label, text, audience, strength, _ in rows]
    return sorted(out, key=lambda r: (r.audience or "", natural_key(r.label)))


def modalities(executor: SparqlExecutor) -> list[ModalityRow]:
    goals: dict[str, list[str]] = {}
    for m, text in executor.query(Q_GOALS, trusted=True).rows:
        goals.setdefault(m.value, []).append(text.value)
    return [ModalityRow(m.value, n.value, label.value, sorted(filter(None, _v(r).split("|"))) if r else [],
                        goals.get(m.value, []), int(recs.value))
            for m, n, label, r, recs in executor.query(Q_MODALITIES, trusted=True).rows]


@dataclass
class ConceptRow:
    iri: str
    label: str
    definition: str
    mentions: int
    broader: str | None


Q_CONCEPT_LIST = """
SELECT ?cls ?c ?label ?definition ?broader (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?c a ?type ; skos:prefLabel ?label . ?type rdfs:subClassOf* ?cls .
  OPTIONAL { ?c skos:definition ?definition }
  OPTIONAL { ?c skos:broader/skos:prefLabel ?broader }
  OPTIONAL { ?e ?link ?c . ?e a ?ecls FILTER(?ecls != skg:Passage && ?ecls != skg:Section) }
} GROUP BY ?cls ?c ?label ?definition ?broader ORDER BY DESC(?n) ?label"""


def concepts(executor: SparqlExecutor, kind: str) -> list[ConceptRow]:
    """Populations, interventions, substances or modalities, with how many statements
    mention each."""
    cls = CONCEPT_CLASSES[kind].replace("skg:", ONTOLOGY_NS)
    rows = executor.query(Q_CONCEPT_LIST, bindings={"cls": cls}, trusted=True).rows
    return [ConceptRow(c.value, label.value, _v(d) or "", int(n.value), _v(b)) for _, c, label, d, b, n in rows]


@dataclass
class EvidenceRow:
    iri: str
    number: str
    text: str
    rating: str
    rank: int
    passage: str
    modality: str | None
    interventions: list[str]
    substances: list[str]
    populations: list[str]


Q_EVIDENCE = """
SELECT ?e ?number ?text ?rating ?rank ?passage ?modality
       (GROUP_CONCAT(DISTINCT ?i; separator="|") AS ?is) (GROUP_CONCAT(DISTINCT ?s; separator="|") AS ?ss)
       (GROUP_CONCAT(DISTINCT ?pop; separator="|") AS ?pops) WHERE {
  ?e a skg:EvidenceStatement ; skg:number ?number ; skg:text ?text ; prov:wasDerivedFrom ?passage ;
     skg:evidenceRating ?r . ?r rdfs:label ?rating ; skg:rank ?rank .
  OPTIONAL { ?e skg:modality/skos:prefLabel ?modality }
  OPTIONAL { ?e skg:intervention/skos:prefLabel ?i }
  OPTIONAL { ?e skg:substance/skos:prefLabel ?s }
  OPTIONAL { ?e skg:population/skos:prefLabel ?pop }
} GROUP BY ?e ?number ?text ?rating ?rank ?passage ?modality ORDER BY ?rank ?number"""


def evidence(executor: SparqlExecutor) -> list[EvidenceRow]:
    def split(term):
        return sorted(x for x in (_v(term) or "").split("|") if x)
    rows = [EvidenceRow(e.value, n.value, t.value, r.value, int(rank.value), p.value, _v(m), split(i), split(s),
                        split(pop))
            for e, n, t, r, rank, p, m, i, s, pop in executor.query(Q_EVIDENCE, trusted=True).rows]
    return sorted(rows, key=lambda r: (r.rank, number_key(r.number)))


def evidence_matrix(rows: list[EvidenceRow], columns: str = "substances") -> dict:
    """Interventions × substances (or populations): in each cell the best-rated
    statement (lowest rank) that concerns both; "any" where a statement names none."""
    cells: dict[tuple[str, str], EvidenceRow] = {}
    for row in rows:
        for i in row.interventions or [row.modality or "(no intervention named)"]:
            for c in getattr(row, columns) or ["any"]:
                best = cells.get((i, c))
                if best is None or row.rank < best.rank:
                    cells[(i, c)] = row
    return {"rows": sorted({i for i, _ in cells}), "columns": sorted({c for _, c in cells}), "cells": cells}


@dataclass
class StatementRow:
    iri: str
    kind: str
    label: str
    number: str | None
    text: str
    strength: str | None
    document: str


Q_STATEMENTS = """
SELECT DISTINCT ?e ?cls ?label ?number ?text ?strength ?doc WHERE {
  ?e a ?cls ; rdfs:label ?label ; skg:text ?text ; skg:document/dcterms:identifier ?doc .
  VALUES ?cls { skg:Standard skg:WHORecommendation skg:ServiceRecommendation skg:GoodPracticeCondition
                skg:CompulsoryTreatmentCriterion skg:OperativeParagraph skg:PreambularParagraph
                skg:EvidenceStatement }
  OPTIONAL { ?e skg:number ?number }
  OPTIONAL { ?e skg:strength/rdfs:label ?strength }
  FILTERS
} ORDER BY ?cls ?number ?e LIMIT 500"""


def statements(executor: SparqlExecutor, *, population: str | None = None, intervention: str | None = None,
               substance: str | None = None, modality: str | None = None,
               document: str | None = None) -> list[StatementRow]:
    """Standards, recommendations, conditions, paragraphs and evidence statements, those
    that concern every concept given (by IRI) and come from the document given (by id)."""
    chosen = {"population": population, "intervention": intervention, "substance": substance,
              "modality": modality}
    patterns = [f"?e {FILTER_PROPERTIES[k]} ?{k} ." for k, v in chosen.items() if v]
    bindings = {k: v for k, v in chosen.items() if v}
    if document:
        patterns.append("?e skg:document/dcterms:identifier ?docid . FILTER(?doc = ?docid)")
        bindings["docid"] = document
    # Only fixed patterns are added; the chosen values are bound, never written in.
    query = Q_STATEMENTS.replace("FILTERS", "\n  ".join(patterns))
    query = query.replace("SELECT DISTINCT ?e", "SELECT DISTINCT " + " ".join(f"?{k}" for k in bindings) + " ?e") \
        if bindings else query
    rows = executor.query(query, bindings=bindings, trusted=True).rows
    n = len(bindings)
    out = [StatementRow(r[n].value, _local(r[n + 1].value), r[n + 2].value, _v(r[n + 3]), r[n + 4].value,
                        _v(r[n + 5]), r[n + 6].value) for r in rows]
    # SPARQL sorts numbers as strings (condition 1, 10, 11 … 2); here they sort as numbers.
    kinds = [k.removeprefix("skg:") for k in STATEMENT_ORDER]
    return sorted(out, key=lambda s: (kinds.index(s.kind) if s.kind in kinds else len(kinds),
                                      number_key(s.number), s.iri))


STATEMENT_ORDER = ("skg:Standard", "skg:WHORecommendation", "skg:ServiceRecommendation",
                   "skg:GoodPracticeCondition", "skg:CompulsoryTreatmentCriterion", "skg:OperativeParagraph",
                   "skg:PreambularParagraph", "skg:EvidenceStatement")


@dataclass(frozen=True)
class DocumentSource:
    id: str
    title: str
    publisher: str
    url: str


def document_sources(executor: SparqlExecutor) -> dict[str, DocumentSource]:
    """Each document by id, with its publisher and the publisher's web page, for
    citations that lead somewhere outside the app."""
    rows = executor.query("SELECT ?id ?title ?publisher ?url WHERE { ?d a skg:Document ; dcterms:identifier ?id ; "
                          "dcterms:title ?title ; dcterms:publisher ?publisher . "
                          "OPTIONAL { ?d dcterms:source ?url } }", trusted=True).rows
    return {i.value: DocumentSource(i.value, t.value, p.value, _v(u) or "") for i, t, p, u in rows}


def passage_headings(build_dir) -> dict[str, str]:
    """Each passage's sub-heading or box title (from build/passages.jsonl), by IRI."""
    import json
    from pathlib import Path
    out = {}
    with open(Path(build_dir) / "passages.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("heading"):
                out[r["iri"]] = r["heading"]
    return out


def shorten(text: str | None, limit: int) -> str:
    """The start of a text, cut at a word boundary with an ellipsis, never mid-word."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0].rstrip(",;:-–")
    return (cut if len(cut) > limit // 2 else text[:limit]) + "…"


def mark_highlights(text: str, highlights: list[str] | tuple[str, ...]) -> str:
    """The passage as HTML with each highlighted sentence marked where it stands in
    it; a sentence not found verbatim is left unmarked, never dropped."""
    import html
    body = html.escape(text)
    for h in sorted({h for h in highlights if h}, key=len, reverse=True):
        escaped = html.escape(h)
        if escaped in body and f"<mark>{escaped}" not in body:
            body = body.replace(escaped, f"<mark>{escaped}</mark>", 1)
    return body


def citation_line(section: str, doc: DocumentSource | None, doc_title: str) -> str:
    """A citation as Markdown: document (linked to its publisher's page), publisher,
    section."""
    title = f"[{doc_title}]({doc.url})" if doc and doc.url else doc_title
    publisher = f", {doc.publisher}" if doc else ""
    return f"{title}{publisher}" + (f", {section}" if section else "")


def sources_markdown(result: dict, docs: dict[str, DocumentSource]) -> str:
    """The Markdown export's list of sources: every cited passage with its document,
    publisher, web page and section."""
    from .answer import section_label
    lines = ["", "## Sources", ""]
    for p in result.get("passages", []):
        doc = docs.get(p.get("doc_id", ""))
        section = section_label(p.get("section", ""), p.get("section_title", ""))
        lines.append(f"{p['rank']}. {citation_line(section, doc, p.get('doc_title', ''))}"
                     + (f" <{doc.url}>" if doc and doc.url else ""))
    return "\n".join(lines) + "\n"


def ontology_classes(executor: SparqlExecutor) -> list[tuple[str, str, str]]:
    """(local name, label, comment) of every class of the ontology, by label."""
    rows = executor.query("SELECT ?c ?label ?comment WHERE { ?c a owl:Class ; rdfs:label ?label ; "
                          "rdfs:comment ?comment FILTER(STRSTARTS(STR(?c), STR(skg:))) } ORDER BY ?label",
                          trusted=True).rows
    return [(_local(c.value), label.value, comment.value) for c, label, comment in rows]


def documents(executor: SparqlExecutor) -> list[tuple[str, str]]:
    rows = executor.query("SELECT ?id ?title WHERE { ?d a skg:Document ; dcterms:identifier ?id ; "
                          "dcterms:title ?title } ORDER BY ?title", trusted=True).rows
    return [(i.value, t.value) for i, t in rows]


def answer_graph_dot(result: dict, max_items: int = 14) -> str:
    """The question's neighbourhood as Graphviz DOT: the question, the concepts it
    names, and the principles, standards and recommendations that bear on it."""
    def q(s: str) -> str:
        """A DOT string literal; a newline in the text becomes DOT's line break."""
        escaped = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'

    def short(s: str, n: int = 38) -> str:
        return s if len(s) <= n else s[: n - 1] + "…"

    colours = {"Principle": "#1f77b4", "Standard": "#2ca02c", "Recommendation": "#ff7f0e", "ResolutionParagraph": "#d62728",
               "EvidenceRating": "#9467bd", "Population": "#8c564b", "Intervention": "#e377c2",
               "Substance": "#7f7f7f", "TreatmentModality": "#17becf"}
    lines = ["digraph G {", "  rankdir=LR; node [shape=box, style=\"rounded,filled\", fontname=Helvetica, "
             "fontsize=10, fillcolor=white];",
             f"  question [label={q(short(result['question'], 50))}, fillcolor=\"#ffe9a8\"];"]
    ids: dict[str, str] = {}
    for x in result.get("cross_references", [])[:max_items]:
        if x["iri"] in ids:
            continue
        node = f"n{len(ids)}"
        ids[x["iri"]] = node
        label = f"{x['kind']}\n{short(x['label'])}"
        lines.append(f"  {node} [label={q(label)}, color={q(colours.get(x['kind'], '#333333'))}, penwidth=2];")
        why = x.get("why", "")
        edge = "mentions" if why.startswith("the question") else ("in passage" if "passage" in why else "related")
        lines.append(f"  question -> {node} [label={q(edge)}, fontsize=8];")
    lines.append("}")
    return "\n".join(lines)


def item_link(iri: str) -> str:
    """The app's address of an item: ?page=browse&item=<iri>."""
    from urllib.parse import quote
    return f"?page=browse&item={quote(iri, safe='')}"


GRAPH_FORMATS = {  # name -> (file in build/ or None to convert, media type, download name)
    "Turtle": ("kg.ttl", "text/turtle", "standards-kg.ttl"),
    "RDF/XML": ("kg.owl", "application/rdf+xml", "standards-kg.owl"),
    "N-Triples": ("kg.nt", "application/n-triples", "standards-kg.nt"),
    "JSON-LD": (None, "application/ld+json", "standards-kg.jsonld"),
}


def graph_export(build_dir, name: str) -> tuple[bytes, str, str]:
    """The whole graph in one of GRAPH_FORMATS: (bytes, media type, file name)."""
    import pyoxigraph as ox
    file, media, download = GRAPH_FORMATS[name]
    if file:
        return (build_dir / file).read_bytes(), media, download
    triples = ox.parse(path=str(build_dir / "kg.nt"), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.JSON_LD), media, download
