"""The README's example queries on the real graph: pyoxigraph (what we run) vs
rdflib's own SPARQL engine, side by side in one run. Prints median milliseconds."""
from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, repeat: int = 20) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    from rdflib import Graph
    from search.sparql import PREFIX_HEADER, SparqlExecutor
    build = ROOT / "build"
    queries = re.findall(r"#### (.+?)\n+```sparql\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    t = time.perf_counter()
    ox = SparqlExecutor.from_ntriples(build / "kg.nt")
    ox_load = time.perf_counter() - t
    t = time.perf_counter()
    g = Graph().parse(build / "kg.nt", format="nt")
    rdf_load = time.perf_counter() - t
    print(f"load: pyoxigraph {ox_load * 1000:.0f} ms, rdflib {rdf_load * 1000:.0f} ms")
    print(f"{'query':<70} {'oxigraph ms':>12} {'rdflib ms':>10} {'ratio':>7}")
    ox_all = []
    for title, q in queries:
        a = timed(lambda: ox.query(q))
        b = timed(lambda: list(g.query(PREFIX_HEADER + q)), repeat=5)
        ox_all.append(a)
        print(f"{title[:70]:<70} {a:>12.2f} {b:>10.1f} {b / a:>6.0f}x")
    print(f"p50 over README queries on pyoxigraph: {statistics.median(ox_all):.2f} ms")


if __name__ == "__main__":
    main()
