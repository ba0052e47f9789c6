"""The SPARQL 1.1 Service Description of the endpoint, with a VoID description of the
dataset (triples, classes, properties, counted on the live store) and the README's
example queries as SHACL sh:SPARQLExecutable resources, the way public life-science
endpoints publish theirs."""
from __future__ import annotations

import pyoxigraph as ox

from kg_builder.config import ID_NS, ONTOLOGY_IRI

from .examples import Example
from .sparql import PREFIXES, SparqlExecutor

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
FORMATS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "JSON-LD", "RDF_XML", "N-Triples")

OUTPUT_PREFIXES = {**PREFIXES, "sd": SD, "void": VOID, "sh": SH, "schema": SCHEMA, "formats": FORMATS}

Q_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
Q_CLASSES = "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"
Q_PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"
Q_COUNT_ENTITIES = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(value) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_n("http://www.w3.org/2001/XMLSchema#integer"))


def service_description(executor: SparqlExecutor, endpoint_url: str, examples: list[Example]) -> list[ox.Triple]:
    service = _n(endpoint_url)
    dataset = _n(ID_NS + "dataset")
    graph_node = ox.BlankNode("defaultGraph")
    t: list[ox.Triple] = []

    def add(s, p, o):
        t.append(ox.Triple(s, _n(p) if isinstance(p, str) else p, o))

    add(service, RDF_TYPE, _n(SD + "Service"))
    add(service, SD + "endpoint", service)
    add(service, SD + "supportedLanguage", _n(SD + "SPARQL11Query"))
    # No sd:BasicFederatedQuery: SERVICE is refused (the endpoint never contacts other servers).
    for fmt in RESULT_FORMATS:
        add(service, SD + "resultFormat", _n(FORMATS + fmt))
    add(service, _n(RDFS + "comment"), ox.Literal(
        "Read-only SPARQL 1.1 endpoint over the standards-kg knowledge graph of the UNODC-WHO "
        "International Standards for the Treatment of Drug Use Disorders and companion documents. "
        "SPARQL Update and SERVICE (federated query) are refused; every query has a time limit and a row cap.", language="en"))
    add(service, SD + "defaultDataset", dataset)

    add(dataset, RDF_TYPE, _n(SD + "Dataset"))
    add(dataset, RDF_TYPE, _n(VOID + "Dataset"))
    add(dataset, _n(DCTERMS + "title"), ox.Literal("standards-kg knowledge graph", language="en"))
    add(dataset, _n(VOID + "sparqlEndpoint"), service)
    add(dataset, _n(VOID + "vocabulary"), _n(ONTOLOGY_IRI))
    add(dataset, SD + "defaultGraph", graph_node)
    add(graph_node, RDF_TYPE, _n(SD + "Graph"))
    (n_triples,), = executor.query(Q_TRIPLES, trusted=True).rows
    (n_entities,), = executor.query(Q_COUNT_ENTITIES, trusted=True).rows
    for node in (dataset, graph_node):
        add(node, _n(VOID + "triples"), _int(n_triples.value))
    add(dataset, _n(VOID + "entities"), _int(n_entities.value))
    classes = executor.query(Q_CLASSES, trusted=True).rows
    properties = executor.query(Q_PROPERTIES, trusted=True).rows
    add(dataset, _n(VOID + "classes"), _int(len(classes)))
    add(dataset, _n(VOID + "properties"), _int(len(properties)))
    for i, (cls, count) in enumerate(classes):
        part = ox.BlankNode(f"class{i}")
        add(dataset, _n(VOID + "classPartition"), part)
        add(part, _n(VOID + "class"), cls)
        add(part, _n(VOID + "entities"), _int(count.value))
    for i, (prop, count) in enumerate(properties):
        part = ox.BlankNode(f"property{i}")
        add(dataset, _n(VOID + "propertyPartition"), part)
        add(part, _n(VOID + "property"), prop)
        add(part, _n(VOID + "triples"), _int(count.value))

    for example in examples:
        node = _n(f"{endpoint_url.rstrip('/')}/examples/{example.slug}")
        form = "ask" if example.query.lstrip().upper().startswith("ASK") else "select"
        for cls in ("SPARQLExecutable", "SPARQLSelectExecutable" if form == "select" else "SPARQLAskExecutable"):
            add(node, RDF_TYPE, _n(SH + cls))
        add(node, _n(RDFS + "label"), ox.Literal(example.title, language="en"))
        add(node, _n(RDFS + "comment"), ox.Literal(example.comment, language="en"))
        add(node, _n(SH + form), ox.Literal(example.full_query))
        add(node, _n(SCHEMA + "target"), service)
    return t
