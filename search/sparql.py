"""One read-only SPARQL executor (pyoxigraph, embedded) with a time limit and a row
cap, shared by the CLI, the app and the endpoint; and the named queries that the
engine runs with bound values (never user text formatted into a query)."""
from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg_builder.config import ONTOLOGY_NS

from .errors import QueryError

PREFIXES = {
    "skg": ONTOLOGY_NS,
    "id": "https://w3id.org/standards-kg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}
PREFIX_HEADER = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
UPDATE_RE = re.compile(r"^\s*(?:(?:PREFIX|BASE)\s[^\n]*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
MAX_QUERY_CHARS = 100_000


@dataclass
class QueryResult:
    kind: str                      # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)   # pyoxigraph terms or None
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)
    truncated: bool = False
    elapsed_ms: float = 0.0

    def to_json(self) -> dict:
        """SPARQL 1.1 Query Results JSON."""
        if self.kind == "ask":
            return {"head": {}, "boolean": self.boolean}
        bindings = []
        for row in self.rows:
            b = {}
            for var, term in zip(self.variables, row):
                if term is not None:
                    b[var] = term_json(term)
            bindings.append(b)
        return {"head": {"vars": self.variables}, "results": {"bindings": bindings}}

    def plain_rows(self) -> list[list[str]]:
        return [["" if t is None else term_value(t) for t in row] for row in self.rows]

    def to_delimited(self, delimiter: str) -> str:
        out = io.StringIO()
        if delimiter == "\t":  # TSV results keep RDF term syntax (SPARQL 1.1 TSV format)
            out.write("\t".join(f"?{v}" for v in self.variables) + "\n")
            for row in self.rows:
                out.write("\t".join("" if t is None else str(t) for t in row) + "\n")
            return out.getvalue()
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(self.variables)
        w.writerows(self.plain_rows())
        return out.getvalue()


def term_value(term) -> str:
    return term.value if hasattr(term, "value") else str(term)


def term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        d = {"type": "literal", "value": term.value}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            d["datatype"] = term.datatype.value
        return d
    return {"type": "literal", "value": str(term)}


def describe_syntax_error(query: str, exc: Exception) -> str:
    """'error at 3:14: expected …' -> a message naming the line, column and text."""
    msg = str(exc)
    m = re.search(r"at (\d+):(\d+)", msg)
    detail = re.sub(r"^error at \d+:\d+:\s*", "", msg).split("\n")[0]
    if len(detail) > 160:
        detail = detail[:160] + "…"
    if "Prefix not found" in msg or "prefix" in msg.lower() and "not found" in msg.lower():
        detail = "unknown prefix (declare it with PREFIX, or use one of: " + ", ".join(PREFIXES) + ")"
    if not m:
        return f"SPARQL syntax error: {detail}"
    line, col = int(m.group(1)), int(m.group(2))
    lines = query.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return (f"SPARQL syntax error at line {line}, column {col}: {detail}\n"
            f"  {text}\n  {' ' * max(col - 1, 0)}^")


class SparqlExecutor:
    """Read-only queries over the built graph. Thread-safe: pyoxigraph stores allow
    concurrent reads."""

    def __init__(self, store: ox.Store, *, timeout_s: float = 10.0, max_rows: int = 10_000):
        self.store = store
        self.timeout_s = timeout_s
        self.max_rows = max_rows
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sparql")

    @classmethod
    def from_ntriples(cls, path: Path, **kwargs) -> "SparqlExecutor":
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        return cls(store, **kwargs)

    def check(self, query: str) -> None:
        if not query or not query.strip():
            raise QueryError("the SPARQL query is empty")
        if len(query) > MAX_QUERY_CHARS:
            raise QueryError(f"the SPARQL query is {len(query):,} characters; the limit is {MAX_QUERY_CHARS:,}")
        if "\x00" in query:
            raise QueryError("the SPARQL query contains a NUL byte; send text, not binary data")
        if UPDATE_RE.match(_strip_comments(query)):
            raise QueryError("SPARQL Update is refused: the graph is read-only (use SELECT, ASK, CONSTRUCT or DESCRIBE)")

    def query(self, query: str, *, bindings: dict | None = None, timeout_s: float | None = None,
              max_rows: int | None = None) -> QueryResult:
        self.check(query)
        timeout = self.timeout_s if timeout_s is None else timeout_s
        cap = self.max_rows if max_rows is None else max_rows
        deadline = time.monotonic() + timeout
        cancelled = threading.Event()
        future = self._pool.submit(self._run, query, bindings, cap, deadline, cancelled)
        try:
            return future.result(timeout=timeout + 0.5)
        except FutureTimeout:
            cancelled.set()
            raise QueryError(f"the query ran past the time limit of {timeout:g} s and was stopped; "
                             "add LIMIT, narrow the patterns or avoid unbounded property paths") from None

    def _run(self, query, bindings, cap, deadline, cancelled) -> QueryResult:
        started = time.perf_counter()
        subs = {ox.Variable(k): _to_term(v) for k, v in (bindings or {}).items()}
        try:
            result = self.store.query(query, prefixes=PREFIXES, substitutions=subs or None)
        except SyntaxError as exc:
            raise QueryError(describe_syntax_error(query, exc)) from None
        except OSError as exc:
            raise QueryError(f"SPARQL evaluation error: {exc}") from None
        out: QueryResult
        try:
            if isinstance(result, bool):
                out = QueryResult("ask", boolean=result)
            elif isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                rows, truncated = [], False
                for solution in result:
                    if len(rows) >= cap:
                        truncated = True
                        break
                    if cancelled.is_set() or time.monotonic() > deadline:
                        raise QueryError("the query ran past the time limit and was stopped")
                    rows.append([solution[v] for v in variables])
                out = QueryResult("select", variables=variables, rows=rows, truncated=truncated)
            else:
                triples, truncated = [], False
                for t in result:
                    if len(triples) >= cap:
                        truncated = True
                        break
                    if cancelled.is_set() or time.monotonic() > deadline:
                        raise QueryError("the query ran past the time limit and was stopped")
                    triples.append((t.subject, t.predicate, t.object))
                out = QueryResult("graph", triples=triples, truncated=truncated)
        except OSError as exc:
            raise QueryError(f"SPARQL evaluation error: {exc}") from None
        out.elapsed_ms = (time.perf_counter() - started) * 1000
        return out


def _strip_comments(query: str) -> str:
    return "\n".join(re.sub(r"#.*$", "", line) for line in query.split("\n") if not line.strip().startswith("#"))


def _to_term(value):
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return ox.NamedNode(value)
    return ox.Literal(str(value))


def graph_to_ntriples(triples: list[tuple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
