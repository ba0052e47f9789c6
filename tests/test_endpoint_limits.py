"""One bad client cannot starve the rest, and nothing grows without bound: runaway
queries from one client leave the other clients' queries and /ask answered; a full
queue answers 503 with Retry-After at once, a client over its share 429; a query over
the worker's memory cap gets 503 and the worker is replaced; results are capped in
bytes as well as rows; request bodies past 1 MB get 413. The endpoint serves a dataset
of its own (1,500 triples: three patterns make a cross product of 3.4 billion rows);
clients are told apart by their loopback source address (127.0.0.2, 127.0.0.3 …).
Timing targets are in benchmarks/endpoint_load.py; these tests assert only outcomes
and their order."""
from __future__ import annotations

import threading
import time

import pytest
import requests

from servers import DatasetEngine, ThreadServer, client_session

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "SELECT ?o WHERE { <http://example.org/s1> <http://example.org/p> ?o }"
TIMEOUT_S = 3


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    path = tmp_path_factory.mktemp("limits") / "data.nt"
    path.write_text("".join(f"<http://example.org/s{i}> <http://example.org/p> \"value {i}\" .\n"
                            for i in range(1500)))
    return path


def _server(dataset, admission=None, **engine_options):
    import endpoint
    engine = DatasetEngine(dataset, **{"workers": 2, "timeout_s": TIMEOUT_S, **engine_options})
    engine.sparql.start()
    return ThreadServer(endpoint.create_app(engine, admission=admission))


@pytest.fixture(scope="module")
def server(dataset):
    srv = _server(dataset)
    yield srv.url
    srv.stop()


def sparql(session, server, query, **kwargs):
    return session.get(f"{server}/sparql", params={"query": query}, timeout=60, **kwargs)


class Background:
    """Requests sent from other threads; their responses, in order of sending."""

    def __init__(self):
        self.threads, self.responses = [], {}

    def send(self, name, fn):
        def run():
            self.responses[name] = fn()
        t = threading.Thread(target=run)
        t.start()
        self.threads.append(t)

    def running(self) -> bool:
        return any(t.is_alive() for t in self.threads)

    def join(self):
        for t in self.threads:
            t.join(timeout=120)


def wait_until_busy(server, n):
    """Give `n` requests sent in the background the moment they need to be admitted."""
    time.sleep(0.5 + 0.1 * n)


def test_runaway_client_cannot_starve_other_clients(server):
    greedy, other = client_session("127.0.0.2"), client_session("127.0.0.3")
    bg = Background()
    for i in range(3):
        bg.send(f"runaway{i}", lambda: sparql(client_session("127.0.0.2"), server, RUNAWAY))
    wait_until_busy(server, 3)
    answered = [sparql(other, server, QUICK).status_code for _ in range(5)]
    ask = other.get(f"{server}/ask", params={"q": "how many triples"}, timeout=60)
    still_running = bg.running()
    bg.join()
    assert answered == [200] * 5 and ask.status_code == 200 and ask.json()["triples"] == 1500
    assert still_running, "the other client was answered while the runaway queries still ran"
    # Stopped at the time limit, or (the later ones, which waited their turn) refused
    # as busy with Retry-After: never answered late, never holding the others up.
    for name, r in bg.responses.items():
        assert r.status_code == 503, (name, r.status_code, r.text)
        assert "time limit" in r.text or r.headers.get("Retry-After"), r.text
    assert any("ran past the time limit" in r.text for r in bg.responses.values())
    # The greedy client's runaways held one worker at a time (its share), and the
    # killed workers were replaced: everyone is answered afterwards.
    assert sparql(greedy, server, QUICK).status_code == 200
    assert [sparql(other, server, QUICK).status_code for _ in range(3)] == [200] * 3


def test_ask_and_engine_queries_never_wait_behind_user_queries(server):
    bg = Background()
    for ip in ("127.0.0.4", "127.0.0.5"):  # two clients: both workers taken
        bg.send(ip, lambda ip=ip: sparql(client_session(ip), server, RUNAWAY))
    wait_until_busy(server, 2)
    asks = [requests.get(f"{server}/ask", params={"q": f"question {i}"}, timeout=60) for i in range(3)]
    description = requests.get(f"{server}/sparql", headers={"Accept": "text/turtle"}, timeout=60)
    still_running = bg.running()
    bg.join()
    assert [a.status_code for a in asks] == [200] * 3 and description.status_code == 200
    assert still_running
    assert all(r.status_code == 503 for r in bg.responses.values())


def test_a_full_queue_answers_503_with_retry_after_at_once(dataset):
    import endpoint
    srv = _server(dataset, admission=endpoint.Admission(2, max_waiting=2))
    try:
        bg = Background()
        for ip in ("127.0.0.6", "127.0.0.7", "127.0.0.8", "127.0.0.9"):  # 2 running, 2 waiting
            bg.send(ip, lambda ip=ip: sparql(client_session(ip), srv.url, RUNAWAY))
        wait_until_busy(srv.url, 4)
        full = sparql(client_session("127.0.0.10"), srv.url, QUICK)
        still_running = bg.running()
        bg.join()
        assert full.status_code == 503 and full.headers["Retry-After"].isdigit()
        assert "queue is full" in full.text
        assert still_running, "the refusal came at once, not after the queue drained"
        assert sparql(client_session("127.0.0.10"), srv.url, QUICK).status_code == 200
    finally:
        srv.stop()


def test_one_client_cannot_queue_past_its_share(dataset):
    import endpoint
    srv = _server(dataset, admission=endpoint.Admission(2, max_waiting_per_client=1))
    try:
        bg = Background()
        for i in range(2):  # one running (its share of two workers), one waiting
            bg.send(i, lambda: sparql(client_session("127.0.0.11"), srv.url, RUNAWAY))
        wait_until_busy(srv.url, 2)
        third = sparql(client_session("127.0.0.11"), srv.url, QUICK)
        other = sparql(client_session("127.0.0.12"), srv.url, QUICK)
        bg.join()
        assert third.status_code == 429 and third.headers["Retry-After"].isdigit()
        assert other.status_code == 200, "another client still gets the free worker"
    finally:
        srv.stop()


def test_a_query_over_the_memory_cap_is_stopped_and_its_worker_replaced(dataset):
    # A generous time limit: the memory cap, not the clock, stops this query.
    srv = _server(dataset, timeout_s=60, worker_memory_mb=300)
    try:
        r = sparql(requests, srv.url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i")
        assert r.status_code == 503, r.text
        assert "more than the 300 MB of memory a query may use" in r.text
        assert [sparql(requests, srv.url, QUICK).status_code for _ in range(4)] == [200] * 4
    finally:
        srv.stop()


def test_results_are_capped_in_bytes(dataset):
    # One value of 25 MB (ten-fold CONCATs): the result stops before it, and says why.
    # A generous time limit: on a busy machine making the value takes longer than 3 s,
    # and the size cap, not the clock, is what this test is about.
    srv = _server(dataset, timeout_s=60)
    try:
        steps = "".join(f"BIND(CONCAT({', '.join([f'?v{i}'] * 10)}) AS ?v{i + 1}) " for i in range(6))
        r = sparql(requests, srv.url, f"SELECT ?v6 WHERE {{ BIND('{'x' * 25}' AS ?v0) {steps}}}")
        assert r.status_code == 200, r.text
        assert r.json()["results"]["bindings"] == []
        assert r.headers["X-Result-Truncated"] == "true; the first 0 results are returned (size cap 16 MB)"
        assert len(r.content) < 1000
    finally:
        srv.stop()


def test_request_bodies_are_capped(server):
    big = b"query=" + b"%23" * 700_000  # 2.1 MB of form
    r = requests.post(f"{server}/sparql", data=big, timeout=60,
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and "limit" in r.text

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(40):
            yield b"#" * 65536
    r = requests.post(f"{server}/sparql", data=chunks(), timeout=60,
                      headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    # Under the cap: a long query (a 90,000-character comment) is answered.
    long_query = "# " + "padding " * 11_000 + "\n" + QUICK
    r = requests.post(f"{server}/sparql", data=long_query.encode(), timeout=60,
                      headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 200 and r.json()["results"]["bindings"][0]["o"]["value"] == "value 1"


def test_a_client_whose_queries_ran_away_runs_them_on_the_heavy_lane(dataset):
    srv = _server(dataset)
    try:
        heavy = client_session("127.0.0.13")
        assert sparql(heavy, srv.url, RUNAWAY).status_code == 503  # 3 s of worker time: heavy now
        bg = Background()
        bg.send("heavy", lambda: sparql(client_session("127.0.0.13"), srv.url, RUNAWAY))
        bg.send("light", lambda: sparql(client_session("127.0.0.14"), srv.url, RUNAWAY))  # takes a worker
        wait_until_busy(srv.url, 2)
        # The heavy client's runaway is on the low-priority worker of its own, so the
        # second of the two ordinary workers is still free for a third client.
        answered = [sparql(client_session("127.0.0.15"), srv.url, QUICK).status_code for _ in range(3)]
        still_running = bg.running()
        bg.join()
        assert answered == [200] * 3 and still_running
        assert [r.status_code for r in bg.responses.values()] == [503, 503]
    finally:
        srv.stop()


def test_new_clients_first_runaway_queries_do_not_take_the_ordinary_workers(dataset):
    # Two clients never seen before each send one cross product of the graph. It looks
    # expensive before it runs, so both go to the heavy lane (one low-priority worker):
    # the two ordinary workers stay free and a third client is answered at once. Before,
    # each took an ordinary worker for its whole time limit and the third waited.
    srv = _server(dataset)
    try:
        bg = Background()
        for ip in ("127.0.0.16", "127.0.0.17"):
            bg.send(ip, lambda ip=ip: sparql(client_session(ip), srv.url, RUNAWAY))
        wait_until_busy(srv.url, 2)
        third = client_session("127.0.0.18")
        answered = [sparql(third, srv.url, QUICK).status_code for _ in range(3)]
        still_running = bg.running()
        bg.join()
        assert answered == [200] * 3 and still_running, "the third client waited behind the runaway queries"
        # One ran on the heavy lane until its limit; the other waited for that lane (503 busy).
        assert sorted(r.status_code for r in bg.responses.values()) == [503, 503]
    finally:
        srv.stop()


def test_endpoint_limits_come_from_the_settings(dataset):
    # max_body_bytes and max_result_bytes from the Settings, not from module constants.
    srv = _server(dataset, max_body_bytes=4096, max_result_bytes=5_000, timeout_s=60)
    try:
        r = requests.post(f"{srv.url}/sparql", data=b"# " + b"x" * 5000 + b"\n" + QUICK.encode(), timeout=60,
                          headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 413 and "over 4 KB" in r.text and "max_body_bytes" in r.text
        r = requests.post(f"{srv.url}/sparql", data=QUICK.encode(), timeout=60,
                          headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 200
        r = sparql(requests, srv.url, "SELECT ?o WHERE { ?s <http://example.org/p> ?o }")
        assert r.status_code == 200 and 100 < len(r.json()["results"]["bindings"]) < 500
        assert r.headers["X-Result-Truncated"].endswith("(size cap 5,000 bytes)")
    finally:
        srv.stop()
