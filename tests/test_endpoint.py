"""`standards-kg serve`, started as a real server on a free loopback port and used the
way researchers' clients use it: curl-like requests, SPARQLWrapper, a browser's CORS
preflight, and fuzzed garbage."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from search.examples import readme_examples
from servers import client_session, free_port, start, stop

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
SH = Namespace("http://www.w3.org/ns/shacl#")
TIMEOUT_S = 3
MAX_ROWS = 500
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def serve(settings):
    """A server process on a free port, its base URL and port."""
    port = free_port()
    env = {**os.environ, "STANDARDS_KG_BUILD": str(settings.build_dir), "HF_HUB_OFFLINE": "1"}
    base = f"http://127.0.0.1:{port}"
    proc = start([sys.executable, "-m", "cli", "serve", "--port", str(port), "--timeout", str(TIMEOUT_S),
                  "--max-rows", str(MAX_ROWS)], f"{base}/health", env=env)
    return proc, base, port


@pytest.fixture(scope="module")
def served(built, settings):
    """The server the module's tests share."""
    proc, base, port = serve(settings)
    yield proc, base, port
    stop(proc)


@pytest.fixture
def own_server(built, settings):
    """A server of one test's own, for a test that stops it."""
    proc, base, port = serve(settings)
    yield proc, base, port
    stop(proc)


@pytest.fixture
def server(served):
    return served[1]


def select(server, query, accept="application/sparql-results+json", method="get"):
    if method == "get":
        return requests.get(f"{server}/sparql", params={"query": query}, headers={"Accept": accept}, timeout=30)
    return requests.post(f"{server}/sparql", data=query.encode(), timeout=30,
                         headers={"Accept": accept, "Content-Type": "application/sparql-query"})


PRINCIPLES = "SELECT ?n WHERE { ?p a skg:Principle ; skg:number ?n } ORDER BY ?n"


def test_protocol_get_form_and_body_give_the_same_rows(server):
    expected = [str(i) for i in range(1, 8)]
    by_get = select(server, PRINCIPLES).json()
    assert [b["n"]["value"] for b in by_get["results"]["bindings"]] == expected
    by_body = select(server, PRINCIPLES, method="post").json()
    by_form = requests.post(f"{server}/sparql", data={"query": PRINCIPLES}, timeout=30,
                            headers={"Accept": "application/sparql-results+json"}).json()
    assert by_get == by_body == by_form


@pytest.mark.parametrize("accept, check", [
    ("application/sparql-results+xml", lambda t: "<sparql" in t and "<literal>7</literal>" in t),
    ("text/csv", lambda t: t.splitlines()[0] == "n" and t.splitlines()[-1] == "7"),
    ("text/tab-separated-values", lambda t: t.splitlines()[0] == "?n" and t.splitlines()[-1] == '"7"'),
    ("text/html;q=0.9, application/sparql-results+json;q=1.0", lambda t: '"bindings"' in t),
])
def test_select_content_negotiation(server, accept, check):
    r = select(server, PRINCIPLES, accept=accept)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(accept.split(",")[-1].split(";")[0].strip())
    assert check(r.text), r.text[:300]


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/rdf+xml", "xml"), ("application/n-triples", "nt")])
def test_construct_content_negotiation(server, accept, fmt):
    q = "CONSTRUCT { ?s skg:number ?n } WHERE { ?s a skg:Standard ; skg:number ?n }"
    r = select(server, q, accept=accept)
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = Graph().parse(data=r.text, format=fmt)
    assert len(g) == 59


def test_unacceptable_type_is_406(server):
    assert select(server, PRINCIPLES, accept="image/png").status_code == 406


def test_sparqlwrapper_client_works_unchanged(server):
    from SPARQLWrapper import JSON, XML, SPARQLWrapper
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery("PREFIX skg: <https://w3id.org/standards-kg/ontology#>\n"
                    "SELECT (COUNT(?s) AS ?n) WHERE { ?s a skg:Standard }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "59"
    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("literal")[0].firstChild.data == "59"
    client.setQuery("ASK { ?s a <https://w3id.org/standards-kg/ontology#Principle> }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_service_description_with_void_and_examples(server):
    r = requests.get(f"{server}/sparql", headers={"Accept": "text/turtle"}, timeout=30)
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    service = URIRef(f"{server}/sparql")
    assert (service, RDF.type, SD.Service) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    dataset = g.value(service, SD.defaultDataset)
    n = int(select(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json()
            ["results"]["bindings"][0]["n"]["value"])
    assert g.value(dataset, VOID.triples) == Literal(n)
    classes = {g.value(p, VOID["class"]) for p in g.objects(dataset, VOID.classPartition)}
    assert URIRef("https://w3id.org/standards-kg/ontology#Standard") in classes
    executables = list(g.subjects(RDF.type, SH.SPARQLExecutable))
    assert len(executables) == len(readme_examples()) >= 8
    for ex in executables:
        assert g.value(ex, RDFS.comment) and g.value(ex, RDFS.label)
        query = g.value(ex, SH.select) or g.value(ex, SH.ask)
        assert select(server, str(query)).status_code == 200


@pytest.mark.parametrize("request_args", [
    {"method": "POST", "data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"method": "POST", "data": b"DELETE WHERE { ?s ?p ?o }", "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "GET", "params": {"query": "DROP ALL"}},
    {"method": "PUT", "data": b"<urn:a> <urn:b> <urn:c> .", "headers": {"Content-Type": "application/n-triples"}},
])
def test_updates_are_refused(server, request_args):
    r = requests.request(url=f"{server}/sparql", timeout=30, **request_args)
    assert 400 <= r.status_code < 500
    assert "read-only" in r.text or "refused" in r.text
    assert select(server, "ASK { <urn:a> ?p ?o }").json()["boolean"] is False


def test_graph_store_is_readable_not_writable(server):
    r = requests.get(f"{server}/rdf-graph-store", params={"default": ""}, headers={"Accept": "application/n-triples"},
                     timeout=30)
    assert r.status_code == 200 and len(r.text.splitlines()) > 10_000
    assert requests.delete(f"{server}/rdf-graph-store", timeout=30).status_code == 405


def test_syntax_error_names_the_place(server):
    r = select(server, "SELECT ?s WHERE { ?s a skg:Standard \n  FILTER( }")
    assert r.status_code == 400
    assert "line 2" in r.text


def test_row_cap_is_announced(server):
    r = select(server, "SELECT * WHERE { ?s ?p ?o }")
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == MAX_ROWS
    assert r.headers["X-Result-Truncated"].startswith("true")


def test_runaway_query_is_stopped_while_others_are_answered(server):
    outcome = {}

    def run_away():  # from another client (address): a client runs one of the two workers at most
        outcome["runaway"] = client_session("127.0.0.2").get(f"{server}/sparql", params={"query": RUNAWAY},
                                                             timeout=30)

    t = threading.Thread(target=run_away)
    t.start()
    time.sleep(0.5)
    answered = [select(server, PRINCIPLES).status_code for _ in range(5)]
    still_running = t.is_alive()
    t.join(timeout=TIMEOUT_S + 30)
    assert answered == [200] * 5 and still_running
    assert outcome["runaway"].status_code == 503
    assert "time limit" in outcome["runaway"].text
    # The killed worker was replaced: the endpoint keeps answering afterwards.
    assert [select(server, PRINCIPLES).status_code for _ in range(4)] == [200] * 4


def test_health_says_when_the_graph_was_built(server, settings):
    info = json.loads((settings.build_dir / "build-info.json").read_text())
    health = requests.get(f"{server}/health", timeout=5).json()
    assert health["status"] == "ok" and health["built_at"] == info["built_at"] and health["built_at"]


def test_cors_preflight(server):
    r = requests.options(f"{server}/sparql", timeout=30, headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")


def test_ask_over_http(server):
    r = requests.get(f"{server}/ask", params={"q": "can treatment be forced on someone in prison?", "k": 3},
                     timeout=120)
    assert r.status_code == 200
    body = r.json()
    assert {"question", "answer", "passages", "cross_references", "concepts", "timings_ms"} <= set(body)
    # the k best passages, then any passage a statement of the answer is quoted from
    assert len(body["passages"]) >= 3
    assert all(p["rank"] in body["answer"]["citations"] for p in body["passages"][3:])
    assert requests.get(f"{server}/ask", params={"q": "   "}, timeout=30).status_code == 400
    for k in ("0", "-1", "1000", "many"):
        r = requests.get(f"{server}/ask", params={"q": "naloxone", "k": k}, timeout=30)
        assert r.status_code == 400 and "k must be" in r.json()["error"]


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=200),
                 st.builds(lambda a, b: f"SELECT * WHERE {{ {a} }} {b}", st.text(max_size=60), st.text(max_size=20))))
def test_fuzzed_queries_never_break_the_server(server, query):
    r = requests.get(f"{server}/sparql", params={"query": query}, timeout=30)
    assert r.status_code in (200, 400, 403, 503), (query, r.status_code, r.text[:200])
    assert "Traceback" not in r.text


def test_a_taken_port_is_refused_at_once(served, settings):
    _, _, port = served
    env = {**os.environ, "STANDARDS_KG_BUILD": str(settings.build_dir)}
    t = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "cli", "serve", "--port", str(port)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert f"127.0.0.1:{port}" in out.stderr and "--port" in out.stderr
    assert time.monotonic() - t < 8, "the port is checked before the model loads"


def test_missing_artifacts_refuse_to_start(tmp_path):
    env = {**os.environ, "STANDARDS_KG_BUILD": str(tmp_path / "nothing-built")}
    out = subprocess.run([sys.executable, "-m", "cli", "serve", "--port", str(free_port())], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "standards-kg build" in out.stderr, out.stderr


def _descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(x) for x in out.stdout.split()]


def _alive(pids: list[int]) -> list[int]:
    """The processes still running (a zombie waiting for its parent has ended)."""
    out = []
    for pid in pids:
        try:
            state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.append(pid)
    return out


def test_sigterm_stops_the_server_and_its_query_workers(own_server):
    # Its own server: stopping the shared one would break whichever test ran after it.
    proc, base, _ = own_server
    workers = _descendants(proc.pid)
    assert workers, "the query workers are child processes"
    proc.send_signal(signal.SIGTERM)
    # uvicorn shuts down gracefully, then ends by the signal it caught (as a service manager expects).
    assert proc.wait(timeout=30) in (0, -signal.SIGTERM)
    deadline = time.monotonic() + 10
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(workers), "a query worker outlived the server"
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{base}/health", timeout=5)


def test_kept_alive_posts_sent_in_two_writes_are_answered(served):
    # serve's own HTTP protocol (ACKing each read at once, setting tcp_quickack) still
    # reads requests whose head and body arrive apart, one after another on one connection.
    import socket
    from urllib.parse import quote
    port = served[2]
    body = b"query=" + quote("SELECT ?n WHERE { ?p a skg:Principle ; skg:number ?n } ORDER BY ?n LIMIT 2").encode()
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\nContent-Type: application/x-www-form-urlencoded"
            b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        replies = []
        for _ in range(3):
            sock.sendall(head)
            time.sleep(0.05)  # the body comes later, in a segment of its own
            sock.sendall(body)
            data = b""
            while not data.endswith(b"n\r\n1\r\n2\r\n"):
                chunk = sock.recv(65536)
                assert chunk, f"the server closed the connection after {data!r}"
                data += chunk
            replies.append(data.split(b" ", 2)[1])
    assert replies == [b"200"] * 3
