"""The SPARQL endpoint under load, on this machine: 16 client threads for 30 s over HTTP
to `standards-kg serve`, sending the README's example queries with an `/ask` question
every fourth request; then the same load while runaway queries (cartesian products)
keep arriving; then the same load against a replica whose graph lives in Debian's
Virtuoso (pushed with `standards-kg push`). Baseline in the same run: the same queries
on the embedded executor in-process. Prints throughput, latency, errors and the
endpoint's resident memory (with its query workers) before and after each load, and
the ratios; writes benchmarks/results/endpoint_load.{json,md}. Nothing is asserted."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
CLIENTS = 16
SECONDS = 30.0
ASK_EVERY = 4
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT_S = 2
QUESTIONS = ["can treatment be forced on someone in prison?", "pregnant women on methadone",
             "what does standard 2.3 say", "Should family members get naloxone?",
             "what are the goals of outpatient treatment"]


def load(base: str, queries: list[str], seconds: float, runaway: bool) -> dict:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client(n: int):
        nonlocal errors
        session = requests.Session()
        i = n
        while time.monotonic() < stop:
            i += 1
            t = time.perf_counter()
            if i % ASK_EVERY == 0:
                r = session.get(f"{base}/ask", params={"q": QUESTIONS[i % len(QUESTIONS)]}, timeout=60)
            else:
                r = session.get(f"{base}/sparql", params={"query": queries[i % len(queries)]},
                                headers={"Accept": "application/sparql-results+json"}, timeout=60)
            with lock:
                if r.status_code == 200:
                    latencies.append((time.perf_counter() - t) * 1000)
                else:
                    errors += 1

    stopped = {"runaways": 0}

    def runaway_client():
        session = requests.Session()
        while time.monotonic() < stop:
            r = session.get(f"{base}/sparql", params={"query": RUNAWAY}, timeout=60)
            stopped["runaways"] += r.status_code == 503

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    if runaway:
        threads.append(threading.Thread(target=runaway_client))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return {"requests_per_s": round(len(latencies) / seconds, 1),
            "p50_ms": round(statistics.median(latencies), 2) if latencies else None,
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 2) if latencies else None,
            "errors": errors, "runaways_stopped": stopped["runaways"]}


def serve(extra: list[str]):
    from servers import free_port, start
    port = free_port()
    proc = start([sys.executable, "-m", "cli", *extra, "serve", "--port", str(port), "--timeout", str(TIMEOUT_S)],
                 f"http://127.0.0.1:{port}/health", cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    base = f"http://127.0.0.1:{port}"
    requests.get(f"{base}/ask", params={"q": QUESTIONS[0]}, timeout=120)  # loads the model
    return proc, base


def measured(proc, base: str, queries: list[str], runaway: bool) -> dict:
    from servers import tree_rss_mb
    before = tree_rss_mb(proc.pid)
    out = load(base, queries, SECONDS, runaway)
    return {**out, "rss_mb_before": round(before, 1), "rss_mb_after": round(tree_rss_mb(proc.pid), 1)}


def line(name: str, r: dict) -> str:
    return (f"{name}: {r['requests_per_s']} requests/s, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, "
            f"errors {r['errors']}, endpoint RSS {r['rss_mb_before']:.0f} -> {r['rss_mb_after']:.0f} MB")


def main() -> None:
    from report import write_results
    import search
    from search.examples import readme_examples
    from servers import start_virtuoso, stop
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
    del engine

    proc, base = serve([])
    try:
        plain = measured(proc, base, queries, runaway=False)
        stressed = measured(proc, base, queries, runaway=True)
    finally:
        stop(proc)

    with tempfile.TemporaryDirectory() as folder:
        vproc, urls = start_virtuoso(Path(folder))
        try:
            subprocess.run([sys.executable, "-m", "cli", "push", "--endpoint", urls["store"], "--user", "dba",
                            "--password", "dba"], cwd=ROOT, check=True, capture_output=True, timeout=300)
            proc, base = serve(["--sparql-endpoint", urls["sparql"]])
            try:
                remote = measured(proc, base, queries, runaway=False)
            finally:
                stop(proc)
        finally:
            stop(vproc)

    figures = {"clients": CLIENTS, "seconds": SECONDS, "ask_every": ASK_EVERY, "baseline_in_process": baseline,
               "http": plain, "http_with_runaways": stressed, "http_virtuoso_replica": remote,
               "ratio_http_p50_to_in_process_p50": round(plain["p50_ms"] / baseline["p50_ms"], 1),
               "ratio_throughput_with_runaways": round(stressed["requests_per_s"] / plain["requests_per_s"], 2),
               "ratio_throughput_virtuoso_to_embedded": round(remote["requests_per_s"] / plain["requests_per_s"], 2)}
    text = (f"{CLIENTS} clients for {SECONDS:g} s; README queries with an /ask question every {ASK_EVERY}th request\n"
            f"In-process executor (baseline): p50 {baseline['p50_ms']} ms per README query\n"
            + line("Embedded store over HTTP", plain)
            + f" (SPARQL+ask p50 {figures['ratio_http_p50_to_in_process_p50']}x the in-process query time)\n"
            + line("Same load with runaway queries arriving all along", stressed)
            + f", runaways stopped at {TIMEOUT_S} s: {stressed['runaways_stopped']} "
            f"(throughput {figures['ratio_throughput_with_runaways']}x of the plain load)\n"
            + line("Replica querying Virtuoso", remote)
            + f" (throughput {figures['ratio_throughput_virtuoso_to_embedded']}x of the embedded store)\n")
    write_results("endpoint_load", figures, text)


if __name__ == "__main__":
    main()
