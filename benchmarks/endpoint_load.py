"""The SPARQL endpoint under load, on this machine, in one run against one
`standards-kg serve` (2 query workers, time limit 2 s):

- 16 and then 64 client threads for 30 s each, each client its own loopback address
  (127.0.1.x), sending the README's example queries with an `/ask` question every
  fourth request; each load twice, without and then with runaway queries arriving all
  along (from their own clients: cartesian products that pass the time limit, and an
  ORDER BY over a cross product that passes the memory cap);
- 10,000 fuzzed requests (random methods, bodies, content types, Accept headers,
  parameters, query text, oversized bodies, deep nesting, SERVICE calls);
- a listener on loopback that every SERVICE query in the load and the fuzz names: it
  counts the connections the endpoint makes (the target is none);
- then, unless --no-virtuoso, the 16-client load against a replica whose graph lives
  in Debian's Virtuoso (pushed with `standards-kg push`);
- then the server process's memory, old beside new: two fresh servers, one with
  glibc's own malloc threshold (malloc_mmap_threshold_kb = 0, as before) and one with
  the default setting, each given one request of every kind, then the 16-client load
  with runaways and the fuzz; its resident and anonymous memory before and after.

Reported: requests/s; p50/p95 of the ordinary queries and of /ask separately;
responses later than their limit + 1 s; status codes; the endpoint's resident memory
(with its query workers) before, after each load, and at the end; the ratios the
issue's targets name. Writes benchmarks/results/endpoint_load.{json,md}. Nothing is
asserted."""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
SECONDS = 30.0
ASK_EVERY = 4
TIMEOUT_S = 2
RUNAWAYS = ["SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"]
RUNAWAY_CLIENTS = 2
FUZZ_REQUESTS = 10_000
FUZZ_THREADS = 8
QUESTIONS = ["can treatment be forced on someone in prison?", "pregnant women on methadone",
             "what does standard 2.3 say", "Should family members get naloxone?",
             "what are the goals of outpatient treatment"]


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * (len(values) - 1) + 0.5))], 1)


def load(base: str, queries: list[str], clients: int, seconds: float, runaway: bool, listener_url: str) -> dict:
    from servers import client_session
    sparql_ms: list[float] = []
    ask_ms: list[float] = []
    statuses: Counter = Counter()
    late = []
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    limit_ms = (TIMEOUT_S + 1) * 1000

    reasons: Counter = Counter()

    def record(kind: str, status: int, ms: float, text: str = ""):
        with lock:
            statuses[f"{kind} {status}"] += 1
            if status not in (200, 400):
                reasons[f"{kind} {status}: {text[:60].strip()}"] += 1
            if ms > limit_ms:
                late.append((kind, status, round(ms)))
            if status == 200:
                (ask_ms if kind == "ask" else sparql_ms).append(ms)

    def client(n: int):
        session = client_session(f"127.0.1.{n + 1}")
        i = n
        while time.monotonic() < stop:
            i += 1
            t = time.perf_counter()
            try:
                if i % ASK_EVERY == 0:
                    r = session.get(f"{base}/ask", params={"q": QUESTIONS[i % len(QUESTIONS)]}, timeout=60)
                    kind = "ask"
                else:
                    r = session.get(f"{base}/sparql", params={"query": queries[i % len(queries)]},
                                    headers={"Accept": "application/sparql-results+json"}, timeout=60)
                    kind = "sparql"
                record(kind, r.status_code, (time.perf_counter() - t) * 1000, r.text if r.status_code != 200 else "")
            except requests.RequestException:
                record("error", 0, (time.perf_counter() - t) * 1000)

    def runaway_client(n: int):
        session = client_session(f"127.0.2.{n + 1}")
        i = n
        while time.monotonic() < stop:
            i += 1
            t = time.perf_counter()
            query, kind = RUNAWAYS[i % len(RUNAWAYS)], "runaway"
            if i % 5 == 0:  # SERVICE mixed in: refused, and the listener must see nothing
                query, kind = f"SELECT * WHERE {{ SERVICE <{listener_url}/load> {{ ?s ?p ?o }} }}", "service"
            r = session.get(f"{base}/sparql", params={"query": query}, timeout=60)
            record(kind, r.status_code, (time.perf_counter() - t) * 1000, r.text if r.status_code != 200 else "")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    if runaway:
        threads += [threading.Thread(target=runaway_client, args=(n,)) for n in range(RUNAWAY_CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done = len(sparql_ms) + len(ask_ms)
    return {"clients": clients, "runaways": runaway, "requests_per_s": round(done / seconds, 1),
            "sparql_p50_ms": pct(sparql_ms, 0.5), "sparql_p95_ms": pct(sparql_ms, 0.95),
            "ask_p50_ms": pct(ask_ms, 0.5), "ask_p95_ms": pct(ask_ms, 0.95),
            "answered_sparql": len(sparql_ms), "answered_ask": len(ask_ms),
            "statuses": dict(sorted(statuses.items())), "refusals": dict(reasons.most_common()),
            "later_than_limit_plus_1s": len(late),
            "late_examples": sorted(late, key=lambda x: -x[2])[:5]}


def fuzz(base: str, listener_url: str, n: int, seed: int = 10) -> dict:
    """n fuzzed requests from FUZZ_THREADS clients; statuses counted."""
    from servers import client_session
    rng = random.Random(seed)
    pieces = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "?s", "?p", "?o", "<urn:x>",
              "skg:Standard", "FILTER", "OPTIONAL", "UNION", "\"str\"", "'x'", "#", "\n", "LIMIT 5", "ORDER BY",
              "GROUP BY", "COUNT(*)", "a", ".", ";", ",", "SERVICE", "INSERT DATA", "LOAD", "<", ">", "\\u0000",
              "BIND(", "AS ?x)", "VALUES ?x { 1 }", "GRAPH ?g", "FROM <urn:g>", "*", "é", "\ud7ff", "1e999"]
    accepts = ["", "*/*", "text/csv", "application/sparql-results+json;q=0", "text/turtle", "image/png",
               "application/rdf+xml, text/*;q=0.1", ";;;", "text/tab-separated-values", "a/b;q=x"]
    ctypes = ["application/sparql-query", "application/x-www-form-urlencoded", "text/plain", "",
              "application/sparql-update", "application/sparql-query; charset=latin-1", "multipart/form-data"]
    requests_list = []
    for i in range(n):
        kind = rng.random()
        words = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        if kind < 0.05:
            words = f"SELECT * WHERE {{ SERVICE <{listener_url}/fuzz{i}> {{ ?s ?p ?o }} }}"
        elif kind < 0.08:
            words = "ASK { FILTER(" + "(" * rng.randint(200, 4000) + "1" + ")" * rng.randint(0, 4000) + ") }"
        elif kind < 0.10:
            words = "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 300)))
        method = rng.choice(["GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"])
        params = {}
        for name in rng.sample(["query", "query", "update", "format", "default-graph-uri", "named-graph-uri",
                                "q", "k"], rng.randint(0, 3)):
            params.setdefault(name, []).append(rng.choice([words, "json", "csv", "http://x/g", "not an iri", "",
                                                           "7", "-1"]))
        body = None
        if method == "POST":
            body = (b"x" * (2 * 2**20)) if rng.random() < 0.01 else words.encode("utf-8", "replace")
        path = rng.choice(["/sparql", "/sparql", "/sparql", "/ask", "/rdf-graph-store", "/examples", "/nope"])
        headers = {"Accept": rng.choice(accepts), "Content-Type": rng.choice(ctypes)}
        requests_list.append((method, path, params, body, headers))

    statuses: Counter = Counter()
    bad = []
    lock = threading.Lock()

    def worker(k: int):
        session = client_session(f"127.0.3.{k + 1}")
        for method, path, params, body, headers in requests_list[k::FUZZ_THREADS]:
            try:
                r = session.request(method, f"{base}{path}", params=params, data=body, headers=headers, timeout=60)
                status = r.status_code
                text = r.text[:200] if status >= 500 else ""
            except requests.RequestException as exc:
                status, text = 0, str(exc)[:200]
            with lock:
                statuses[status] += 1
                if status == 0 or (status >= 500 and status != 503):
                    bad.append((method, path, status, text))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(FUZZ_THREADS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"requests": n, "seconds": round(time.monotonic() - started, 1),
            "statuses": {str(k): v for k, v in sorted(statuses.items())},
            "5xx_other_than_503_or_no_answer": len(bad), "examples_of_bad": bad[:5]}


def serve(extra: list[str], env: dict):
    from servers import free_port, start
    port = free_port()
    proc = start([sys.executable, "-m", "cli", *extra, "serve", "--port", str(port), "--timeout", str(TIMEOUT_S)],
                 f"http://127.0.0.1:{port}/health", cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    requests.get(f"{base}/ask", params={"q": QUESTIONS[0]}, timeout=120)  # loads the model
    return proc, base


def warm_up(base: str, queries: list[str]) -> None:
    """Requests of every kind, several at once, so that the memory at the start includes
    what first use brings in for good: the model's pages, the graph dump's buffers, and
    the threads of the server's pools (each /ask thread keeps its own allocator arena
    and encoder state: +2 MB the first time 8 clients ask at once, nothing the next)."""
    from concurrent.futures import ThreadPoolExecutor
    urls = ([(f"{base}/ask", {"q": q}) for q in QUESTIONS * 2] + [(f"{base}/sparql", {"query": q}) for q in queries]
            + [(f"{base}{path}", {}) for path in ("/rdf-graph-store", "/examples", "/", "/sparql")])
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda u: requests.get(u[0], params=u[1], timeout=120), urls))


def memory_old_and_new(queries: list[str], env: dict, seconds: float, fuzz_n: int, listener_url: str) -> dict:
    """The server process's memory through the same load and fuzz, with glibc's own
    malloc threshold (old) and with malloc_mmap_threshold_kb at its default (new)."""
    from servers import rss_mb, stop
    out = {}
    for name, threshold in (("old", "0"), ("new", None)):
        run_env = {**env, "STANDARDS_KG_MALLOC_MMAP_THRESHOLD_KB": threshold} if threshold else env
        proc, base = serve([], run_env)
        try:
            warm_up(base, queries)
            time.sleep(1)
            figures = {"rss_mb_start": rss_mb(proc.pid), "anon_mb_start": rss_mb(proc.pid, "RssAnon")}
            load(base, queries, 16, seconds, True, listener_url)
            figures.update(rss_mb_after_load=rss_mb(proc.pid), anon_mb_after_load=rss_mb(proc.pid, "RssAnon"))
            fuzz(base, listener_url, fuzz_n)
            time.sleep(1)
            figures.update(rss_mb_end=rss_mb(proc.pid), anon_mb_end=rss_mb(proc.pid, "RssAnon"))
        finally:
            stop(proc)
        out[name] = {k: round(v, 1) for k, v in figures.items()}
    return out


def line(name: str, r: dict) -> str:
    return (f"{name}: {r['requests_per_s']} requests/s; queries p50 {r['sparql_p50_ms']} ms, p95 "
            f"{r['sparql_p95_ms']} ms; /ask p50 {r['ask_p50_ms']} ms, p95 {r['ask_p95_ms']} ms; "
            f"later than limit+1 s: {r['later_than_limit_plus_1s']}; RSS {r['rss_mb_before']:.0f} -> "
            f"{r['rss_mb_after']:.0f} MB; statuses {r['statuses']}")


def main() -> None:
    from report import write_results
    from search.examples import readme_examples
    from servers import Listener, rss_mb, start_virtuoso, stop, tree_rss_mb
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--seconds", type=float, default=SECONDS, help="length of each load (default 30)")
    args.add_argument("--fuzz", type=int, default=FUZZ_REQUESTS, help="fuzzed requests (default 10000)")
    args.add_argument("--no-virtuoso", action="store_true", help="skip the Virtuoso replica")
    args.add_argument("--no-memory", dest="memory", action="store_false",
                      help="skip the server-memory comparison (old malloc threshold beside new)")
    args.add_argument("--clients", default="16,64", help="client counts, comma-separated (default 16,64)")
    args.add_argument("--runaways", choices=("both", "cpu", "memory"), default="both",
                      help="which runaway queries (default both: a cartesian product and an ORDER BY over one)")
    opts = args.parse_args()
    if opts.runaways != "both":
        RUNAWAYS[:] = [RUNAWAYS[0] if opts.runaways == "cpu" else RUNAWAYS[1]]
    queries = [e.query for e in readme_examples()]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    listener = Listener()
    proc, base = serve([], env)
    runs = {}
    try:
        warm_up(base, queries)
        time.sleep(2)
        start_rss, start_main, start_anon = tree_rss_mb(proc.pid), rss_mb(proc.pid), rss_mb(proc.pid, "RssAnon")
        for clients in [int(c) for c in opts.clients.split(",")]:
            for runaway in (False, True):
                before = tree_rss_mb(proc.pid)
                r = load(base, queries, clients, opts.seconds, runaway, listener.url)
                r.update(rss_mb_before=round(before, 1), rss_mb_after=round(tree_rss_mb(proc.pid), 1),
                         server_process_rss_mb_after=round(rss_mb(proc.pid), 1))
                runs[f"{clients}{'_runaways' if runaway else ''}"] = r
                print(line(f"{clients} clients{' + runaways' if runaway else ''}", r), flush=True)
        before_fuzz = rss_mb(proc.pid)
        fuzzed = fuzz(base, listener.url, opts.fuzz)
        fuzzed.update(server_process_rss_mb_before=round(before_fuzz, 1), server_process_rss_mb_after=round(rss_mb(proc.pid), 1))
        print(f"fuzz: {fuzzed}", flush=True)
        time.sleep(3)  # workers killed at the end of the run have been replaced
        end_rss, end_main, end_anon = tree_rss_mb(proc.pid), rss_mb(proc.pid), rss_mb(proc.pid, "RssAnon")
    finally:
        stop(proc)
    time.sleep(0.5)

    remote = None
    if not opts.no_virtuoso:
        with tempfile.TemporaryDirectory() as folder:
            vproc, urls = start_virtuoso(Path(folder))
            try:
                subprocess.run([sys.executable, "-m", "cli", "push", "--endpoint", urls["store"], "--user", "dba",
                                "--password", "dba"], cwd=ROOT, check=True, capture_output=True, timeout=300)
                rproc, rbase = serve(["--sparql-endpoint", urls["sparql"]], env)
                try:
                    before = tree_rss_mb(rproc.pid)
                    remote = load(rbase, queries, 16, opts.seconds, False, "http://127.0.0.1:9")
                    remote.update(rss_mb_before=round(before, 1), rss_mb_after=round(tree_rss_mb(rproc.pid), 1))
                finally:
                    stop(rproc)
            finally:
                stop(vproc)

    memory = memory_old_and_new(queries, env, opts.seconds, opts.fuzz, listener.url) if opts.memory else None
    outbound = len(listener.connections)  # after every phase: the memory runs send SERVICE calls too
    listener.close()

    def ratio(a, b):
        return round(a / b, 2) if a and b else None

    figures = {
        "seconds_per_load": opts.seconds, "ask_every": ASK_EVERY, "time_limit_s": TIMEOUT_S, "query_workers": 2,
        "loads": runs, "fuzz": fuzzed, "outbound_connections": outbound,
        "rss_mb_start": round(start_rss, 1), "rss_mb_end": round(end_rss, 1),
        "server_process_rss_mb_start": round(start_main, 1), "server_process_rss_mb_end": round(end_main, 1),
        "server_process_anon_mb_start": round(start_anon, 1), "server_process_anon_mb_end": round(end_anon, 1),
        **{f"ratio_p95_with_runaways_{c}": ratio(runs[f"{c}_runaways"]["sparql_p95_ms"], runs[c]["sparql_p95_ms"])
           for c in opts.clients.split(",")},
        "http_virtuoso_replica_16": remote,
        "server_process_memory_old_and_new": memory,
    }
    text = (f"Endpoint load: 2 query workers, time limit {TIMEOUT_S} s, {opts.seconds:g} s per load, README queries "
            f"with an /ask question every {ASK_EVERY}th request, one loopback address per client\n"
            + "".join(line(f"{k.replace('_', ' + ')} clients", r) + "\n" for k, r in runs.items())
            + "Ordinary queries' p95 with runaways / without: "
            + ", ".join(f"{c} clients {figures[f'ratio_p95_with_runaways_{c}']}x" for c in opts.clients.split(","))
            + "\n"
            + f"Fuzz: {fuzzed['requests']} requests in {fuzzed['seconds']} s, statuses {fuzzed['statuses']}, "
              f"5xx other than 503 (or no answer): {fuzzed['5xx_other_than_503_or_no_answer']}; server process "
              f"{fuzzed['server_process_rss_mb_before']:.0f} -> {fuzzed['server_process_rss_mb_after']:.0f} MB\n"
            + f"Outbound connections to the listener named by SERVICE queries: {outbound}\n"
            + f"Endpoint memory (with its workers): {start_rss:.0f} MB at the start, {end_rss:.0f} MB at the end "
              f"(the server process alone {start_main:.0f} -> {end_main:.0f} MB, its anonymous memory "
              f"{start_anon:.0f} -> {end_anon:.0f} MB)\n"
            + (line("Replica querying Virtuoso, 16 clients", remote) + "\n" if remote else "")
            + ("".join(f"Server process memory, {name} ({'glibc threshold' if name == 'old' else 'malloc_mmap_threshold_kb 256'}): "
                       f"resident {m['rss_mb_start']:.0f} -> {m['rss_mb_after_load']:.0f} after 16 clients + runaways "
                       f"-> {m['rss_mb_end']:.0f} MB after the fuzz (+{m['rss_mb_end'] - m['rss_mb_start']:.0f}); "
                       f"anonymous {m['anon_mb_start']:.0f} -> {m['anon_mb_after_load']:.0f} -> {m['anon_mb_end']:.0f} MB "
                       f"(+{m['anon_mb_end'] - m['anon_mb_start']:.0f})\n" for name, m in memory.items()) if memory else ""))
    write_results("endpoint_load", figures, text)


if __name__ == "__main__":
    main()
