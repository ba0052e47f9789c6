"""What an entity's page shows, read from the graph with small bound queries: its
description (`describe`), labels of what it links to, its source passages, its
terminology mappings and what links to it.

The graph does not change while a server runs, so descriptions and views are kept in
a bounded LRU cache: a warm dereference costs a dictionary look-up and the rendering.
The queries name one predicate per pattern: pyoxigraph plans `?iri a|b ?x` followed
by more joins poorly (10-20 ms here against 0.2 ms for one predicate)."""
from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from search.browse import Q_ITEM

from . import pages
from .describe import Description, describe
from .mappings import mappings_of

CACHE_SIZE = 512       # entities; a view is a few kB to a few hundred kB for the busiest concepts
MAX_BACKLINKS = 200
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Labels of the ontology's and the imported vocabularies' terms (properties, classes):
# read once, they label every page's predicates and kinds.
Q_TERM_LABELS = """
SELECT ?x ?label WHERE {
  ?x rdfs:label ?label ; a ?t .
  FILTER(?t IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty, owl:AnnotationProperty))
}"""
Q_OBJECT_LABELS = ["""SELECT ?x ?label ?iri WHERE { ?iri ?p ?x . ?x rdfs:label ?label } LIMIT 4000""",
                   """SELECT ?x ?label ?iri WHERE { ?iri ?p ?x . ?x skos:prefLabel ?label } LIMIT 4000"""]
Q_SOURCES = """
SELECT ?p ?text ?doc ?number ?title ?iri WHERE {
  ?iri prov:wasDerivedFrom ?p .
  ?p skg:text ?text ; skg:document ?d ; skg:order ?order .
  ?d dcterms:title ?doc .
  OPTIONAL { ?p skg:section ?s . OPTIONAL { ?s skg:number ?number } OPTIONAL { ?s dcterms:title ?title } }
} ORDER BY ?doc ?order LIMIT 30"""
Q_BACKLINKS = f"""
SELECT ?s ?p ?iri WHERE {{
  ?s ?p ?iri .
  FILTER(?p NOT IN (owl:annotatedSource, owl:annotatedTarget))
}} ORDER BY ?p ?s LIMIT {MAX_BACKLINKS + 1}"""
Q_BACKLINK_LABELS = ["""SELECT ?s ?label ?iri WHERE { ?s ?p ?iri . ?s rdfs:label ?label } LIMIT 2000""",
                     """SELECT ?s ?label ?iri WHERE { ?s ?p ?iri . ?s skos:prefLabel ?label } LIMIT 2000"""]


def term_value(term, labels: dict[str, str]) -> pages.Term:
    if isinstance(term, ox.Literal):
        return pages.Term(term.value)
    if isinstance(term, ox.BlankNode):
        return pages.Term(f"_:{term.value}")
    return pages.term_link(term.value, labels.get(term.value))


class EntityViews:
    """Descriptions and page views of the graph's entities, over one executor."""

    def __init__(self, executor, *, cache_size: int = CACHE_SIZE):
        self.executor = executor
        self._term_labels: dict[str, str] | None = None
        self.description = lru_cache(maxsize=cache_size)(self._describe)
        self.view = lru_cache(maxsize=cache_size)(self._view)

    def _rows(self, query: str, iri: str):
        return self.executor.query(query, bindings={"iri": iri}, trusted=True).rows

    def _describe(self, iri: str) -> Description:
        return describe(self.executor, iri)

    @property
    def term_labels(self) -> dict[str, str]:
        if self._term_labels is None:
            rows = self.executor.query(Q_TERM_LABELS, trusted=True).rows
            self._term_labels = {x.value: label.value for x, label in reversed(rows)}
        return self._term_labels

    def _view(self, iri: str) -> pages.EntityView:
        description = self.description(iri)
        labels = dict(self.term_labels)
        for query in Q_OBJECT_LABELS:
            for x, label, _ in self._rows(query, iri):
                labels.setdefault(x.value, label.value)
        view = pages.EntityView(iri, pages.compact(iri), truncated=description.truncated)
        item = self._rows(Q_ITEM, iri)
        if item:
            label, _, number, text, definition, strength, _ = item[0]
            view.label = label.value
            view.number = number.value if number else None
            view.text = text.value if text else None
            view.definition = definition.value if definition else None
            view.strength = strength.value if strength else None
        for p, ptext, doc, snum, stitle, _ in self._rows(Q_SOURCES, iri):
            section = " ".join(x.value for x in (snum, stitle) if x)
            view.sources.append(pages.SourceText(pages.href_of(p.value), doc.value, section, ptext.value))
        view.mappings = mappings_of(self.executor, iri)
        for t in description.triples:
            if t.subject.value != iri:
                continue      # blank nodes and mapping records: shown in their own tables and pages
            if t.predicate.value == RDF_TYPE:
                view.kinds.append(pages.term_link(t.object.value, labels.get(t.object.value)))
            elif view.text is None and t.predicate.value.endswith("#text"):
                view.text = t.object.value
            view.statements.append(pages.Statement(
                pages.term_link(t.predicate.value, labels.get(t.predicate.value)), term_value(t.object, labels)))
        backlinks = self._rows(Q_BACKLINKS, iri)
        view.backlinks_cut = len(backlinks) > MAX_BACKLINKS
        subject_labels: dict[str, str] = {}
        if backlinks:
            for query in Q_BACKLINK_LABELS:
                for s, label, _ in self._rows(query, iri):
                    subject_labels.setdefault(s.value, label.value)
        for s, p, _ in backlinks[:MAX_BACKLINKS]:
            view.backlinks.append(pages.Statement(pages.term_link(p.value, labels.get(p.value)),
                                                  pages.term_link(s.value, subject_labels.get(s.value))))
        return view


def dataset_statements(triples: list[ox.Triple], dataset: str) -> list[pages.Statement]:
    """The dataset description as rows for people: the dataset's own statements, then
    its versions' and build's, then one row per input with its SHA-256."""
    spdx = "http://spdx.org/rdf/terms#"
    by_subject: dict[str, dict[str, list]] = {}
    for t in triples:
        by_subject.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
    rows = [pages.Statement(pages.Term(pages.compact(p)), term_value(o, {}))
            for p, objects in by_subject.get(dataset, {}).items() for o in objects]
    inputs = []
    for subject, props in sorted(by_subject.items()):
        if subject == dataset or f"{spdx}checksumValue" in props:
            continue
        if "/input/" in subject:
            name = props.get("http://purl.org/dc/terms/identifier", [None])[0]
            checksum = props.get(f"{spdx}checksum", [None])[0]
            value = by_subject.get(checksum.value, {}).get(f"{spdx}checksumValue", [None])[0] if checksum else None
            if name is not None and value is not None:
                inputs.append(pages.Statement(pages.Term(f"input {name.value}"), pages.Term(f"sha256 {value.value}")))
            continue
        rows += [pages.Statement(pages.Term(f"{pages.compact(subject)} {pages.compact(p)}"), term_value(o, {}))
                 for p, objects in props.items() for o in objects]
    return rows + inputs
