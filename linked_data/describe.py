"""What a dereferenced IRI returns: its concise bounded description (CBD: every triple
with the IRI as subject, the blank nodes it reaches, and the records that annotate its
statements, such as the source of each terminology mapping), read through the one
read-only executor with its time limit and a triple cap, never from user text spliced
into a query.

IRIs map to server paths one to one: `https://w3id.org/standards-kg/id/standard/3.5`
is served at `/id/standard/3.5`, so the w3id redirect only has to keep the path."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, unquote

import pyoxigraph as ox

from .namespaces import BASE, ONTOLOGY

# A description is of one entity: a few hundred triples at most in this graph (the
# busiest concept has about 300 incoming links, which the CBD does not include).
MAX_TRIPLES = 2_000

Q_CBD = """
CONSTRUCT { ?iri ?p ?o . ?o ?bp ?bo . ?m ?mp ?mo } WHERE {
  { ?iri ?p ?o . OPTIONAL { ?o ?bp ?bo FILTER(isBlank(?o)) } }
  UNION
  { ?m owl:annotatedSource ?iri ; ?mp ?mo }
}"""
# The ontology document: the ontology resource and every term of its namespace (a
# constant of ours in the query, no outside text).
Q_ONTOLOGY = f"""
CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  ?s ?p ?o .
  FILTER(?s = <{ONTOLOGY}> || STRSTARTS(STR(?s), "{ONTOLOGY}#"))
}}"""


@dataclass
class Description:
    iri: str
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False

    @property
    def found(self) -> bool:
        return bool(self.triples)


def iri_for_path(path: str) -> str:
    """The IRI a server path stands for ('/id/standard/3.5' -> the w3id IRI). Each
    segment is percent-encoded the way the build writes IRIs (kg_builder.graph.iri), so
    '/id/x/a b' and '/id/x/a%20b' both find <…/id/x/a%20b>."""
    segments = path.lstrip("/").split("/")
    return BASE + "/".join(quote(unquote(s), safe=".-_") for s in segments)


def path_for_iri(iri: str) -> str | None:
    """The server path of one of our IRIs (fragment kept), None for an outside IRI."""
    return "/" + iri[len(BASE):] if iri.startswith(BASE) else None


def _result(iri: str, result) -> Description:
    return Description(iri, [ox.Triple(*t) for t in result.triples], result.truncated)


def describe(executor, iri: str, *, max_triples: int = MAX_TRIPLES) -> Description:
    """The CBD of `iri`; an IRI the graph says nothing about has no triples."""
    return _result(iri, executor.query(Q_CBD, bindings={"iri": iri}, max_rows=max_triples, trusted=True))


def describe_ontology(executor, *, max_triples: int = 20_000) -> Description:
    """The ontology and its classes and properties, as the graph holds them."""
    return _result(ONTOLOGY, executor.query(Q_ONTOLOGY, max_rows=max_triples, trusted=True))
