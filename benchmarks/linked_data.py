"""Dereferencing the graph's IRIs, warm, the way a linked-data client does it: each
IRI in each representation (HTML page, Turtle, JSON-LD) over HTTP against a real
`standards-kg serve` on a free loopback port, after one warm-up request per IRI. Also
the same descriptions computed in-process (no HTTP), to separate the server's work
from the client's. The issue's target: a dereferenced entity in under 20 ms warm.

Writes benchmarks/results/linked_data.md and .json. Uses build/ (or $STANDARDS_KG_BUILD)."""
from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

IRIS = ["id/standard/3.5", "id/principle/3", "id/intervention/methadone", "id/substance/opioids",
        "id/recommendation/resolution_59_4/op-7", "id/passage/standards/64", "id/population/pregnant-women"]
FORMATS = {"html": "text/html", "turtle": "text/turtle", "jsonld": "application/ld+json"}
REPEAT = 30


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def over_http(base: str, *, keep_alive: bool) -> dict:
    """Warm requests with http.client (requests adds several ms of its own per call on
    this machine). A new connection per request, as curl does, or one kept-alive
    connection. /health is timed the same way, as the server's floor."""
    from http.client import HTTPConnection
    from urllib.parse import urlsplit
    url = urlsplit(base)
    kept = HTTPConnection(url.hostname, url.port, timeout=30)

    def fetch(path: str, media: str) -> None:
        conn = kept if keep_alive else HTTPConnection(url.hostname, url.port, timeout=30)
        conn.request("GET", "/" + path, headers={"Accept": media})
        response = conn.getresponse()
        response.read()
        if not keep_alive:
            conn.close()
        if response.status != 200:
            raise RuntimeError(f"/{path} as {media}: HTTP {response.status}")

    out = {}
    for name, media, paths in [(n, m, IRIS) for n, m in FORMATS.items()] + [("/health (floor)", "", ["health"])]:
        times = []
        for path in paths:
            fetch(path, media)   # warm-up
            for _ in range(REPEAT):
                t = time.perf_counter()
                fetch(path, media)
                times.append((time.perf_counter() - t) * 1000)
        out[name] = {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 95), 2),
                     "requests": len(times)}
    kept.close()
    return out


def in_process(build: Path) -> dict:
    from kg_builder.config import ID_NS
    from linked_data.describe import describe
    from linked_data.formats import serialize
    from linked_data.pages import entity_page
    from linked_data.views import EntityViews
    from search.sparql import SparqlExecutor
    executor = SparqlExecutor.from_ntriples(build / "kg.nt")
    views = EntityViews(executor)

    def uncached(iri):
        views.description.cache_clear()
        return entity_page(views._view(iri))

    steps = {
        "describe (CBD query)": lambda iri: describe(executor, iri),
        "describe + Turtle": lambda iri: serialize(describe(executor, iri).triples, "text/turtle"),
        "HTML page, computed (no cache)": uncached,
        "HTML page, warm (view cached)": lambda iri: entity_page(views.view(iri)),
    }
    out = {}
    for name, fn in steps.items():
        times = []
        for path in IRIS:
            iri = ID_NS + path[len("id/"):]
            fn(iri)
            for _ in range(REPEAT):
                t = time.perf_counter()
                fn(iri)
                times.append((time.perf_counter() - t) * 1000)
        out[name] = {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 95), 2)}
    return out


def main() -> None:
    from servers import free_port, start, stop
    build = Path(os.environ.get("STANDARDS_KG_BUILD", ROOT / "build"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "STANDARDS_KG_BUILD": str(build), "HF_HUB_OFFLINE": "1"}
    proc = start([sys.executable, "-m", "cli", "serve", "--port", str(port)], f"{base}/health", env=env, cwd=ROOT)
    try:
        http = over_http(base, keep_alive=False)
        kept_alive = over_http(base, keep_alive=True)
    finally:
        stop(proc)
    local = in_process(build)
    result = {"iris": IRIS, "repeat": REPEAT, "http_new_connection": http, "http_keep_alive": kept_alive,
              "in_process": local,
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
              "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    lines = ["# Dereferencing IRIs (benchmarks/linked_data.py)", "",
             f"{len(IRIS)} IRIs × {REPEAT} warm requests each, {result['machine']}, {result['when']}.", "",
             "| over HTTP, a new connection per request (`standards-kg serve`) | p50 ms | p95 ms |",
             "|---|---|---|"]
    lines += [f"| {name} | {v['p50_ms']} | {v['p95_ms']} |" for name, v in http.items()]
    lines += ["", "| over HTTP, one kept-alive connection | p50 ms | p95 ms |", "|---|---|---|"]
    lines += [f"| {name} | {v['p50_ms']} | {v['p95_ms']} |" for name, v in kept_alive.items()]
    lines += ["", "| in process (no HTTP) | p50 ms | p95 ms |", "|---|---|---|"]
    lines += [f"| {name} | {v['p50_ms']} | {v['p95_ms']} |" for name, v in local.items()]
    text = "\n".join(lines) + "\n"
    print(text)
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    for name, body in (("linked_data.md", text), ("linked_data.json", json.dumps(result, indent=2) + "\n")):
        tmp = results / (name + ".tmp")
        tmp.write_text(body)
        tmp.replace(results / name)


if __name__ == "__main__":
    main()
