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


def over_http(base: str) -> dict:
    import requests
    session = requests.Session()
    out = {}
    for name, media in FORMATS.items():
        times = []
        for path in IRIS:
            session.get(f"{base}/{path}", headers={"Accept": media}, timeout=30).raise_for_status()  # warm-up
            for _ in range(REPEAT):
                t = time.perf_counter()
                r = session.get(f"{base}/{path}", headers={"Accept": media}, timeout=30)
                times.append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
        out[name] = {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 95), 2),
                     "requests": len(times)}
    return out


def in_process(build: Path) -> dict:
    from kg_builder.config import ID_NS
    from linked_data.describe import describe
    from linked_data.routes import entity_view
    from linked_data.pages import entity_page
    from linked_data.formats import serialize
    from search.sparql import SparqlExecutor
    executor = SparqlExecutor.from_ntriples(build / "kg.nt")
    steps = {
        "describe (CBD query)": lambda iri: describe(executor, iri),
        "describe + Turtle": lambda iri: serialize(describe(executor, iri).triples, "text/turtle"),
        "describe + HTML page": lambda iri: entity_page(entity_view(executor, describe(executor, iri))),
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
        http = over_http(base)
    finally:
        stop(proc)
    local = in_process(build)
    result = {"iris": IRIS, "repeat": REPEAT, "http": http, "in_process": local,
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
              "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    lines = ["# Dereferencing IRIs (benchmarks/linked_data.py)", "",
             f"{len(IRIS)} IRIs × {REPEAT} warm requests each, {result['machine']}, {result['when']}.", "",
             "| over HTTP (`standards-kg serve`) | p50 ms | p95 ms |", "|---|---|---|"]
    lines += [f"| {name} | {v['p50_ms']} | {v['p95_ms']} |" for name, v in http.items()]
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
