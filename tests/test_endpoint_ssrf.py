"""No query makes the engine reach out: SERVICE is refused before evaluation, LOAD is
an Update and refused, FROM / FROM NAMED / DESCRIBE of a URL read only the local store,
and a query worker cannot open a connection even if a query got past the check. A real
listener on 127.0.0.1 records every connection: none may arrive, whichever way the
query comes in (HTTP GET, POST body, POST form, the CLI, the executor the app uses)."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import requests
from rdflib import Graph, Namespace
from rdflib.namespace import RDFS

from search.errors import QueryError, ServiceRefusedError
from search.sparql import QueryRequest
from servers import Listener, free_port, start, stop

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.fixture(scope="module")
def listener():
    lst = Listener()
    yield lst
    lst.close()


def service_queries(url: str) -> list[str]:
    """SERVICE written every way the parser accepts it."""
    return [
        f"SELECT * WHERE {{ SERVICE <{url}/plain> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}/silent> {{ ?s ?p ?o }} }}",
        f"select * where {{ sErViCe<{url}/nospace>{{}} }}",
        f"PREFIX e: <{url}/>\nSELECT * WHERE {{\n  ?s a skg:Principle .\n  SERVICE e:pname {{ ?s ?p ?o }}\n}}",
        f"BASE <{url}/>\nSELECT * WHERE {{ SERVICE <relative> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o .SERVICE <{url}/dot> {{}} }}",
        f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER(1<2)SERVICE#>\n<{url}/comment-trick> {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{url}/ask> {{ }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/construct> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o {{ SELECT * WHERE {{ SERVICE <{url}/nested> {{ ?a ?b ?c }} }} }} }}",
    ]


def fetching_queries(url: str) -> list[str]:
    """Other ways a query might name a URL: all are read from the local store only."""
    return [
        f"SELECT * FROM <{url}/from> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/from-named> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"DESCRIBE <{url}/describe>",
        f"SELECT * WHERE {{ GRAPH <{url}/graph> {{ ?s ?p ?o }} }}",
        f"SELECT ?x WHERE {{ BIND(IRI('{url}/iri') AS ?x) }}",
        # The word in a string, a comment, an IRI or a variable is not SERVICE.
        f"SELECT ?service WHERE {{ BIND(\"SERVICE <{url}/in-a-string> {{}}\" AS ?service) }} # SERVICE <{url}/x>",
    ]


def updates(url: str) -> list[str]:
    return [f"LOAD <{url}/load>", f"LOAD SILENT <{url}/load> INTO GRAPH <urn:g>"]


def assert_untouched(listener: Listener):
    time.sleep(0.3)  # a connection made at the end of a request is recorded by now
    assert listener.connections == [], f"the engine connected out: {listener.connections}"


# --- the executor the app (and the endpoint, and the CLI) uses ------------------------

def test_executor_refuses_service_before_evaluation(engine, listener):
    for query in service_queries(listener.url):
        with pytest.raises(ServiceRefusedError) as err:
            engine.sparql.query(query)
        message = str(err.value)
        assert "SERVICE" in message and "line " in message and "never contacts other servers" in message
    assert_untouched(listener)


def test_refusal_names_the_line_and_column(engine, listener):
    query = service_queries(listener.url)[3]
    with pytest.raises(ServiceRefusedError, match=r"line 4, column 3: SERVICE e:pname"):
        engine.sparql.query(query)


def test_urls_in_from_describe_and_strings_are_not_fetched(engine, listener):
    for query in fetching_queries(listener.url):
        engine.sparql.query(query)  # runs, on the local store only
    for query in updates(listener.url):
        with pytest.raises(QueryError, match="read-only"):
            engine.sparql.query(query)
    assert_untouched(listener)


def test_a_query_worker_cannot_connect_even_past_the_check(engine, listener):
    # Straight to the worker pool, skipping the executor's check: the worker process
    # has no free descriptor for a socket, so the SERVICE call fails inside it.
    with pytest.raises(QueryError) as err:
        engine.sparql.pool.run(QueryRequest(f"SELECT * WHERE {{ SERVICE <{listener.url}/past-the-check> "
                                            "{ ?s ?p ?o } }", 10), time.monotonic() + 10)
    assert "Too many open files" in str(err.value)
    assert_untouched(listener)
    assert engine.sparql.query("ASK { ?s a skg:Principle }").boolean is True  # the worker still answers


# --- the CLI --------------------------------------------------------------------------

def test_cli_refuses_service(built, settings, listener):
    for query in service_queries(listener.url)[:4]:
        out = subprocess.run([sys.executable, "-m", "cli", "--build-dir", str(settings.build_dir), "sparql", query],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 2 and "SERVICE (federated query) is refused" in out.stderr, out.stderr
        assert "Traceback" not in out.stderr
    assert_untouched(listener)


# --- the HTTP endpoint ----------------------------------------------------------------

@pytest.fixture(scope="module")
def server(built, settings):
    port = free_port()
    env = {**os.environ, "STANDARDS_KG_BUILD": str(settings.build_dir), "HF_HUB_OFFLINE": "1"}
    base = f"http://127.0.0.1:{port}"
    proc = start([sys.executable, "-m", "cli", "serve", "--port", str(port), "--timeout", "5"], f"{base}/health",
                 env=env)
    yield base
    stop(proc)


def _requests(server: str, query: str):
    yield requests.get(f"{server}/sparql", params={"query": query}, timeout=30)
    yield requests.post(f"{server}/sparql", data=query.encode(), timeout=30,
                        headers={"Content-Type": "application/sparql-query"})
    yield requests.post(f"{server}/sparql", data={"query": query}, timeout=30)


def test_endpoint_refuses_service_with_400(server, listener):
    for query in service_queries(listener.url):
        for r in _requests(server, query):
            assert r.status_code == 400, (query, r.status_code, r.text)
            assert "SERVICE (federated query) is refused" in r.text and "line " in r.text
            assert "leak" not in r.text
    assert_untouched(listener)


def test_endpoint_never_fetches_urls_named_in_queries(server, listener):
    for query in fetching_queries(listener.url):
        for r in _requests(server, query):
            assert r.status_code == 200, (query, r.text)
            assert "leak" not in r.text
    for query in updates(listener.url):
        for r in _requests(server, query):
            assert r.status_code == 403 and "read-only" in r.text
    r = requests.post(f"{server}/sparql", data={"update": f"LOAD <{listener.url}/form-update>"}, timeout=30)
    assert r.status_code == 403
    assert_untouched(listener)


def test_service_description_does_not_advertise_federation(server):
    r = requests.get(f"{server}/sparql", headers={"Accept": "text/turtle"}, timeout=30)
    g = Graph().parse(data=r.text, format="turtle")
    assert (None, SD.feature, SD.BasicFederatedQuery) not in g
    service = next(g.subjects(SD.supportedLanguage, SD.SPARQL11Query))
    assert "SERVICE (federated query) are refused" in str(g.value(service, RDFS.comment))
