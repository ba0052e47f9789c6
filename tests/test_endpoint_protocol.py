"""SPARQL 1.1 Protocol conformance of the endpoint: the W3C Protocol test suite, case by
case (tests/w3c_protocol/), then what clients found wrong before: two query
parameters, relative IRIs, ?format= that overrode Accept, ASK as CSV/TSV, ignored
dataset parameters, q=0 refusals, deep nesting; and SPARQLWrapper for every query form
and return format it offers. The endpoint serves a small dataset of its own (the
protocol tests' graphs beside a few triples in the default graph), so no build is needed."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from rdflib import Graph

from servers import DatasetEngine, ThreadServer

CASES = json.loads((Path(__file__).parent / "w3c_protocol" / "cases.json").read_text())
FOAF_DOCUMENT = "<http://xmlns.com/foaf/0.1/Document>"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
EX = "http://example.org/"
GRAPH_IRI = "https://w3id.org/standards-kg/graph"
TABULAR = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values")
RDF_TYPES = ("text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json")


def _dataset(folder: Path) -> Path:
    """The protocol tests' graphs (dataN.nt of the manifest, each its one triple, as the
    named graph http://kasei.us/2009/09/sparql/data/dataN.rdf) and a default graph."""
    lines = []
    for n in (1, 2, 3):
        iri = f"<http://kasei.us/2009/09/sparql/data/data{n}.rdf>"
        lines.append(f"{iri} {RDF_TYPE} {FOAF_DOCUMENT} {iri} .")
    for i in range(40):
        lines.append(f"<{EX}s{i}> <{EX}p> \"value {i}\" .")
        lines.append(f"<{EX}s{i}> {RDF_TYPE} <{EX}Thing> .")
    path = folder / "protocol.nq"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import endpoint
    engine = DatasetEngine(_dataset(tmp_path_factory.mktemp("protocol")), workers=2, timeout_s=5, max_rows=25)
    srv = ThreadServer(endpoint.create_app(engine))
    yield srv.url
    srv.stop()


def _send(server: str, req: dict) -> requests.Response:
    # The manifest's paths start with /sparql/; this endpoint's is /sparql (as the manifest allows).
    url = server + req["path"].replace("/sparql/", "/sparql", 1)
    body = req["body"].encode(req["body_encoding"]) if req["body"] else None
    return requests.request(req["method"], url, data=body, headers=req["headers"], timeout=30,
                            allow_redirects=False)


def _status_class(status: int) -> str:
    return f"{status // 100}xx"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_w3c_protocol(server, case):
    for req in case["requests"]:
        r = _send(server, req)
        if case["id"].startswith("update_"):
            # Adapted: a read-only endpoint refuses every update, with a message saying so.
            assert r.status_code == 403 and "read-only" in r.text, (r.status_code, r.text)
            return
        assert _status_class(r.status_code) in req["expected_status"], (r.status_code, r.text)
        if r.status_code >= 400:
            assert r.text.strip() and "Traceback" not in r.text
        ctype = r.headers.get("content-type", "").split(";")[0]
        if req["expected_format"] == "boolean":
            assert ctype == "application/sparql-results+json", ctype  # the default for a client that does not say
            if req["expected_boolean"] is not None:
                assert r.json()["boolean"] is req["expected_boolean"]
        elif req["expected_format"] == "tabular":
            assert ctype in TABULAR and r.json()["results"]["bindings"][0]["value"]["value"] == "1"
        elif req["expected_format"] == "RDF":
            assert ctype in RDF_TYPES
            Graph().parse(data=r.text, format={"text/turtle": "turtle", "application/rdf+xml": "xml",
                                               "application/n-triples": "nt", "application/ld+json": "json-ld"}[ctype])


def test_every_case_of_the_manifest_is_run():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) == 34
    assert {"bad_multiple_queries", "query_dataset_full", "query_multiple_dataset", "bad_query_non_utf8"} <= set(ids)


# --- what clients found ----------------------------------------------------------------

def get(server, query, **params):
    headers = params.pop("headers", {})
    return requests.get(f"{server}/sparql", params={"query": query, **params}, headers=headers, timeout=30)


def test_two_query_parameters_are_refused(server):
    r = requests.get(f"{server}/sparql?query={quote('ASK {}')}&query={quote('SELECT * {}')}", timeout=30)
    assert r.status_code == 400 and "exactly one" in r.text
    r = requests.post(f"{server}/sparql", data=[("query", "ASK {}"), ("query", "ASK {}")], timeout=30)
    assert r.status_code == 400
    r = requests.post(f"{server}/sparql?query={quote('ASK {}')}", data=b"ASK {}", timeout=30,
                      headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400


def test_relative_iris_resolve_against_the_endpoint(server):
    r = get(server, "CONSTRUCT { <s> <p> 1 } WHERE {}", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    assert r.text.startswith(f"<{server}/s> <{server}/p> ")
    r = get(server, "BASE <http://example.org/> SELECT ?o WHERE { <s0> <p> ?o }")
    assert r.json()["results"]["bindings"] == [{"o": {"type": "literal", "value": "value 0"}}]


@pytest.mark.parametrize("fmt", ["json", "application/sparql-results+json", "bogus"])
def test_format_parameter_never_overrides_accept_with_something_unusable(server, fmt):
    # SPARQLWrapper sends format=json with a CONSTRUCT: the graph comes back as JSON-LD
    # (json) or as Accept asks (a SELECT-only or unknown value), never 406.
    r = get(server, "CONSTRUCT WHERE { ?s a ?t } LIMIT 10", format=fmt, headers={"Accept": "application/rdf+xml"})
    assert r.status_code == 200
    expected = "application/ld+json" if fmt == "json" else "application/rdf+xml"
    assert r.headers["content-type"].startswith(expected)
    assert len(Graph().parse(data=r.text, format="json-ld" if fmt == "json" else "xml")) == 10
    r = get(server, "ASK {}", format="bogus", headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")


@pytest.mark.parametrize("accept, body", [("text/csv", "true"), ("text/tab-separated-values", "true")])
def test_ask_as_csv_and_tsv_has_a_body(server, accept, body):
    r = get(server, "ASK { ?s ?p ?o }", headers={"Accept": accept})
    assert r.status_code == 200 and r.text.strip() == body
    r = get(server, "ASK { ?s <urn:none> ?o }", headers={"Accept": accept})
    assert r.text.strip() == "false"


def test_accept_q0_refuses_a_type(server):
    r = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
            headers={"Accept": "application/sparql-results+json;q=0, text/csv;q=0.5"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    r = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", headers={"Accept": "*/*, application/sparql-results+json;q=0"})
    assert not r.headers["content-type"].startswith("application/sparql-results+json")
    r = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", headers={"Accept": "text/html, image/png"})
    assert r.status_code == 406


def test_dataset_parameters_are_honoured(server):
    data1 = "http://kasei.us/2009/09/sparql/data/data1.rdf"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def n(**params):
        r = get(server, count, **params)
        assert r.status_code == 200, r.text
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    assert n() == 80                                    # the default graph
    assert n(**{"default-graph-uri": data1}) == 1       # that graph as the default graph
    assert n(**{"default-graph-uri": "http://example.org/no-such-graph"}) == 0  # empty: never fetched
    assert n(**{"default-graph-uri": GRAPH_IRI}) == 80  # the name a replica's store gives the graph
    r = get(server, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": data1})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [data1]
    assert get(server, count, **{"default-graph-uri": "not an iri"}).status_code == 400


def test_deep_nesting_is_refused_and_the_worker_survives(server):
    deep = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    r = requests.post(f"{server}/sparql", data=deep.encode(), timeout=30,
                      headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400 and "nests brackets 5002 deep; the limit is 256" in r.text
    # Operator chains are deep expression trees too: 99,000 `!` or 40,000 `+` crashed the parser.
    for chain in ("FILTER(" + "!" * 99_000 + "true)", "FILTER(1" + "+1" * 40_000 + ")"):
        r = requests.post(f"{server}/sparql", data=f"SELECT * WHERE {{ {chain} }}".encode(), timeout=30,
                          headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 400 and "operators" in r.text and "the limit is 2,000" in r.text
    long_but_fine = "SELECT * WHERE { FILTER(1" + "+1" * 900 + " > 0) }"
    assert requests.post(f"{server}/sparql", data=long_but_fine.encode(), timeout=30,
                         headers={"Content-Type": "application/sparql-query"}).status_code == 200
    assert get(server, "ASK { ?s ?p ?o }").json()["boolean"] is True


def test_row_cap_says_why_it_cut(server):
    r = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert len(r.json()["results"]["bindings"]) == 25
    assert r.headers["X-Result-Truncated"] == "true; the first 25 rows are returned (row cap)"


# --- SPARQLWrapper, every query form and return format --------------------------------

def _wrapper_formats():
    from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDF, RDFXML, TSV, TURTLE, XML
    return {"SELECT": [JSON, XML, CSV, TSV, N3, TURTLE, JSONLD, RDF, RDFXML],
            "ASK": [JSON, XML, CSV, TSV, N3, TURTLE, JSONLD, RDF, RDFXML],
            "CONSTRUCT": [JSON, XML, CSV, TSV, N3, TURTLE, JSONLD, RDF, RDFXML],
            "DESCRIBE": [JSON, XML, CSV, TSV, N3, TURTLE, JSONLD, RDF, RDFXML]}


QUERIES = {"SELECT": f"SELECT ?o WHERE {{ <{EX}s1> <{EX}p> ?o }}",
           "ASK": f"ASK {{ <{EX}s1> <{EX}p> ?o }}",
           "CONSTRUCT": f"CONSTRUCT WHERE {{ <{EX}s1> ?p ?o }}",
           "DESCRIBE": f"DESCRIBE <{EX}s1>"}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("form", list(QUERIES))
def test_sparqlwrapper_every_form_and_return_format(server, form, method):
    from SPARQLWrapper import POST, SPARQLWrapper
    failures = []
    for fmt in _wrapper_formats()[form]:
        client = SPARQLWrapper(f"{server}/sparql")
        client.setQuery(QUERIES[form])
        client.setReturnFormat(fmt)
        if method == "POST":
            client.setMethod(POST)
        try:
            result = client.query()
            converted = result.convert()
        except Exception as exc:  # noqa: BLE001 - collect every failing combination
            failures.append(f"{fmt}: {type(exc).__name__} {exc}")
            continue
        text = converted if isinstance(converted, (str, bytes)) else None
        if form in ("CONSTRUCT", "DESCRIBE"):
            graph = converted if isinstance(converted, Graph) else None
            if graph is None:
                data = json.dumps(converted) if isinstance(converted, (dict, list)) else \
                    (text.decode() if isinstance(text, bytes) else text)
                ctype = result.info()["content-type"].split(";")[0]
                graph = Graph().parse(data=data, format={"application/ld+json": "json-ld", "text/turtle": "turtle",
                                                         "application/rdf+xml": "xml",
                                                         "application/n-triples": "nt"}[ctype])
            if len(graph) != 2:
                failures.append(f"{fmt}: {len(graph)} triples")
        elif form == "ASK":
            shown = json.dumps(converted) if isinstance(converted, dict) else \
                (converted.toxml() if hasattr(converted, "toxml") else
                 (text.decode() if isinstance(text, bytes) else str(text)))
            if "true" not in shown:
                failures.append(f"{fmt}: {shown[:80]}")
        else:
            shown = json.dumps(converted) if isinstance(converted, dict) else \
                (converted.toxml() if hasattr(converted, "toxml") else
                 (text.decode() if isinstance(text, bytes) else str(text)))
            if "value 1" not in shown:
                failures.append(f"{fmt}: {shown[:80]}")
    assert not failures, failures


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/rdf+xml", "xml"), ("application/n-triples", "nt")])
def test_graph_store_gives_the_default_graph_in_every_format(server, accept, fmt):
    r = requests.get(f"{server}/rdf-graph-store", params={"default": ""}, headers={"Accept": accept}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=r.text, format=fmt)) == 80  # the default graph only, not the named graphs
