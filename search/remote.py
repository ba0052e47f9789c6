"""The same read-only executor over an existing SPARQL 1.1 store (Virtuoso, Fuseki,
GraphDB …) that holds the graph `standards-kg push` loaded: replicas of the app, CLI
and endpoint then share one store. Results come back as pyoxigraph terms, so nothing
above this module knows where the graph lives."""
from __future__ import annotations

import re
import time

import pyoxigraph as ox

from .errors import QueryError, QueryTimeoutError, StaleArtifactsError
from .sparql import PREFIX_HEADER, Dataset, QueryResult, SparqlExecutor, _to_term

def term_from_json(b: dict):
    kind = b.get("type")
    if kind == "uri":
        return ox.NamedNode(b["value"])
    if kind == "bnode":
        return ox.BlankNode(b["value"])
    if "xml:lang" in b:
        return ox.Literal(b["value"], language=b["xml:lang"])
    if b.get("datatype"):  # "typed-literal" too, as Virtuoso still sends
        return ox.Literal(b["value"], datatype=ox.NamedNode(b["datatype"]))
    return ox.Literal(b["value"])


def with_bindings(query: str, bindings: dict | None) -> str:
    """Bound values as a VALUES block opening the WHERE pattern (each value a serialised
    RDF term; no text is spliced in). Not a trailing VALUES clause: Virtuoso applies
    that after LIMIT, so a query with LIMIT would lose rows."""
    if not bindings:
        return query
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(str(_to_term(v)) for v in bindings.values())
    m = re.search(r"\bWHERE\s*\{", query, re.I)
    if not m:
        raise QueryError("a query with bound values needs a WHERE { … } pattern")
    return f"{query[:m.end()]} VALUES ({names}) {{ ({values}) }} {query[m.end():]}"


class RemoteSparqlExecutor(SparqlExecutor):
    def __init__(self, endpoint: str, *, graph: str, timeout_s: float = 10.0, max_rows: int = 10_000):
        import requests
        super().__init__(None, timeout_s=timeout_s, max_rows=max_rows)  # no local store: the graph is remote
        self.endpoint = endpoint
        self.graph = graph
        self.session = requests.Session()

    def query(self, query: str, *, bindings: dict | None = None, timeout_s: float | None = None,
              max_rows: int | None = None, trusted: bool = False, base_iri: str | None = None,
              dataset: Dataset | None = None, deadline: float | None = None,
              max_bytes: int | None = -1, heavy: bool = False) -> QueryResult:
        import requests
        form = self.check(query).form or "SELECT"
        if dataset is not None:
            raise QueryError("default-graph-uri and named-graph-uri are refused by a replica: its store holds "
                             f"one graph, <{self.graph}>, which every query reads")
        timeout = self.timeout_s if timeout_s is None else timeout_s
        if deadline is not None:
            timeout = max(0.001, deadline - time.monotonic())
        cap = self.max_rows if max_rows is None else max_rows
        text = (f"BASE <{base_iri}>\n" if base_iri else "") + PREFIX_HEADER + with_bindings(query, bindings)
        accept = ("application/n-triples" if form in ("CONSTRUCT", "DESCRIBE")
                  else "application/sparql-results+json")
        started = time.perf_counter()
        try:
            r = self.session.post(self.endpoint, timeout=timeout, headers={"Accept": accept},
                                  data={"query": text, "default-graph-uri": self.graph,
                                        "timeout": str(int(timeout * 1000))})  # Virtuoso's own limit, in ms
        except requests.Timeout:
            raise QueryTimeoutError(f"the store at {self.endpoint} did not answer within {timeout:g} s; "
                                    "add LIMIT or narrow the patterns") from None
        except requests.RequestException as exc:
            raise QueryError(f"cannot reach the SPARQL store at {self.endpoint}: {exc}") from None
        if r.status_code >= 400:
            raise QueryError(f"the SPARQL store at {self.endpoint} refused the query ({r.status_code}): "
                             f"{r.text[:400].strip()}")
        if form in ("CONSTRUCT", "DESCRIBE"):
            triples = [(t.subject, t.predicate, t.object)
                       for t in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)]
            out = QueryResult("graph", triples=triples[:cap], truncated=len(triples) > cap)
        else:
            data = r.json()
            if "boolean" in data:
                out = QueryResult("ask", boolean=bool(data["boolean"]))
            elif form == "ASK":  # Virtuoso answers ASK as a one-cell table
                cells = [v for b in data["results"]["bindings"] for v in b.values()]
                out = QueryResult("ask", boolean=bool(cells) and cells[0]["value"] not in ("0", "false"))
            else:
                variables = data["head"]["vars"]
                rows = [[term_from_json(b[v]) if v in b else None for v in variables]
                        for b in data["results"]["bindings"]]
                out = QueryResult("select", variables=variables, rows=rows[:cap], truncated=len(rows) > cap)
        out.elapsed_ms = (time.perf_counter() - started) * 1000
        return out

    def check_holds(self, triples: int) -> None:
        """Refuse a store whose graph is not the one built here (another build, or never pushed)."""
        n = int(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", trusted=True).rows[0][0].value)
        if n != triples:
            raise StaleArtifactsError(
                f"the graph <{self.graph}> at {self.endpoint} has {n} triples, the local build has "
                f"{triples}: run `standards-kg push --endpoint <graph store URL>` after `standards-kg build`")

    def close(self) -> None:
        self.session.close()
