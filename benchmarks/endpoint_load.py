"""The SPARQL endpoint under load, on this machine: 8 client threads send the README's
example queries for a fixed time over HTTP to `standards-kg serve`; then the same load
while runaway queries (cartesian products) keep arriving. Baseline in the same run: the
same queries on the embedded executor in-process. Prints throughput and latency, and
the ratios; writes benchmarks/results/endpoint_load.{json,md}. Nothing is asserted."""
from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
CLIENTS = 8
SECONDS = 10.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT_S = 2


def load(url: str, queries: list[str], seconds: float, runaway: bool) -> dict:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client(n: int):
        nonlocal errors
        session = requests.Session()
        i = n
        while time.monotonic() < stop:
            q = queries[i % len(queries)]
            i += 1
            t = time.perf_counter()
            r = session.get(url, params={"query": q}, headers={"Accept": "application/sparql-results+json"},
                            timeout=60)
            with lock:
                if r.status_code == 200:
                    latencies.append((time.perf_counter() - t) * 1000)
                else:
                    errors += 1

    stopped = {"runaways": 0}

    def runaway_client():
        session = requests.Session()
        while time.monotonic() < stop:
            r = session.get(url, params={"query": RUNAWAY}, timeout=60)
            stopped["runaways"] += r.status_code == 503

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    if runaway:
        threads.append(threading.Thread(target=runaway_client))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return {"queries_per_s": round(len(latencies) / seconds, 1),
            "p50_ms": round(statistics.median(latencies), 2) if latencies else None,
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 2) if latencies else None,
            "errors": errors, "runaways_stopped": stopped["runaways"]}


def main() -> None:
    from report import write_results
    import search
    from search.examples import readme_examples
    from servers import free_port, start, stop
    queries = [e.query for e in readme_examples()]
    engine = search.load()
    direct = []
    for _ in range(20):
        for q in queries:
            t = time.perf_counter()
            engine.sparql.query(q, trusted=True)
            direct.append((time.perf_counter() - t) * 1000)
    baseline = {"p50_ms": round(statistics.median(direct), 3),
                "queries_per_s_one_thread": round(1000 / statistics.mean(direct), 1)}

    port = free_port()
    proc = start([sys.executable, "-m", "cli", "serve", "--port", str(port), "--timeout", str(TIMEOUT_S)],
                 f"http://127.0.0.1:{port}/health", cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        plain = load(url, queries, SECONDS, runaway=False)
        stressed = load(url, queries, SECONDS, runaway=True)
    finally:
        stop(proc)
    figures = {"clients": CLIENTS, "seconds": SECONDS, "baseline_in_process": baseline, "http": plain,
               "http_with_runaways": stressed,
               "ratio_http_p50_to_in_process_p50": round(plain["p50_ms"] / baseline["p50_ms"], 1),
               "ratio_throughput_with_runaways": round(stressed["queries_per_s"] / plain["queries_per_s"], 2)}
    text = (f"In-process executor (baseline): p50 {baseline['p50_ms']} ms per README query\n"
            f"HTTP, {CLIENTS} clients, {SECONDS:g} s: {plain['queries_per_s']} queries/s, p50 {plain['p50_ms']} ms, "
            f"p95 {plain['p95_ms']} ms, errors {plain['errors']} "
            f"(p50 {figures['ratio_http_p50_to_in_process_p50']}x the in-process time)\n"
            f"Same load with runaway queries arriving all along: {stressed['queries_per_s']} queries/s, "
            f"p50 {stressed['p50_ms']} ms, p95 {stressed['p95_ms']} ms, errors {stressed['errors']}, "
            f"runaways stopped at {TIMEOUT_S} s: {stressed['runaways_stopped']} "
            f"(throughput {figures['ratio_throughput_with_runaways']}x of the plain load)\n")
    write_results("endpoint_load", figures, text)


if __name__ == "__main__":
    main()
