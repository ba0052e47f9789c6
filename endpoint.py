"""`standards-kg serve`: the graph as a read-only SPARQL 1.1 endpoint (Protocol, content
negotiation, Service Description, CORS) and the cited-answer engine at /ask, on
Starlette/uvicorn. HTTP only: queries run in search's one safe executor.

Admission: users' queries run on a few worker processes. Each request has one clock,
started when it arrives: waiting for a worker and running both count against the time
limit, so no answer comes later than the limit (plus the time to stop a worker). A
free worker goes to the waiting client (by address) that used the workers least
lately; a query that looks expensive before it runs (search.sparql.looks_expensive),
and every query of a client whose queries used a lot of worker time lately, runs on a
low-priority worker of its own (the heavy lane); no client runs more than half the
workers at once; a full queue answers 503 with Retry-After at once. The limits are
settings (kg_builder/config.py). `/ask` and the engine's own queries
run on threads of their own and never wait behind users' queries."""
from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import parse_qs

import mimeparse
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg_builder.errors import StandardsKGError
from linked_data.routes import routes as linked_data_routes
from search.errors import (BadQuestionError, QueryBusyError, QueryError, QueryMemoryError, QueryTimeoutError,
                           UpdateRefusedError, passage_count)
from search.examples import readme_examples
from search.service_description import OUTPUT_PREFIXES, service_description
from kg_builder.config import Settings
from search.sparql import Dataset, QueryResult, looks_expensive

RESULTS = ox.QueryResultsFormat
SELECT_TYPES = {  # media type -> how a SELECT/ASK result is written
    "application/sparql-results+json": lambda r: json.dumps(r.to_json()).encode(),
    "application/json": lambda r: json.dumps(r.to_json()).encode(),
    "application/sparql-results+xml": lambda r: r.serialize(RESULTS.XML),
    "application/xml": lambda r: r.serialize(RESULTS.XML),
    "text/csv": lambda r: r.serialize(RESULTS.CSV),
    "text/tab-separated-values": lambda r: r.serialize(RESULTS.TSV),
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
# ?format= shortcuts, for links and for clients that cannot set Accept; per kind of
# result, since clients send the same word for both (SPARQLWrapper: format=json for a
# CONSTRUCT). A value that fits neither is ignored and Accept decides.
FORMAT_ALIASES = {
    "select": {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
               "csv": "text/csv", "tsv": "text/tab-separated-values"},
    "graph": {"turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle", "json": "application/ld+json",
              "jsonld": "application/ld+json", "json-ld": "application/ld+json", "xml": "application/rdf+xml",
              "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml", "nt": "application/n-triples",
              "ntriples": "application/n-triples"},
}
READ_ONLY = ("This endpoint is read-only: SPARQL Update and Graph Store writes are refused. "
             "Rebuild the graph with `standards-kg build`, or push it to a store with `standards-kg push`.")
# Body, queue and heavy-client limits are settings (kg_builder/config.py); these are
# their defaults, for an app made without settings.
MAX_BODY_BYTES = Settings.max_body_bytes
MAX_WAITING = Settings.max_waiting
MAX_WAITING_PER_CLIENT = Settings.max_waiting_per_client
HEAVY_S = Settings.heavy_client_s
RETRY_AFTER_S = 2  # a refused query is most likely to be admitted again within a couple of seconds
USAGE_HALF_LIFE_S = 10.0  # a client's past usage fades in about the time limit: heavy clients recover


def negotiate(accept: str, offered: list[str]) -> str | None:
    """The offered media type the Accept header prefers (python-mimeparse: q-values,
    wildcards and q=0 refusals honoured; ties go to the earlier offered); the first
    offered when the header is empty or unreadable; None when nothing offered is
    acceptable."""
    if not accept.strip():
        return offered[0]
    try:
        return mimeparse.best_match(list(reversed(offered)), accept) or None
    except (ValueError, mimeparse.MimeTypeParseException):
        return offered[0]


class ProtocolError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def _error(status: int, message: str, headers: dict | None = None) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


class Admission:
    """Who runs next on the query workers (see the module's docstring). Runs on the
    event loop: waiting costs no thread.

    Clients are told apart by address. Each has a running total of the worker time its
    queries took (halving every USAGE_HALF_LIFE_S seconds): a free worker goes to the
    waiting client that used least. A client past `heavy_s` of it is heavy: its queries
    run on the pool's heavy lane (`heavy_slots` workers of their own, at the lowest CPU
    priority), and so does any query that looks expensive, so runaway queries never
    take the workers everyone else uses; without a heavy lane, they share all workers
    but one. No client runs more than `per_client` (half the workers) at once."""

    def __init__(self, slots: int, *, heavy_slots: int = 0, per_client: int | None = None,
                 max_waiting: int = MAX_WAITING, max_waiting_per_client: int = MAX_WAITING_PER_CLIENT,
                 heavy_s: float = HEAVY_S):
        self.slots = slots
        self.heavy_slots = heavy_slots
        self.per_client = per_client or max(1, slots // 2)
        self.max_waiting = max_waiting
        self.max_waiting_per_client = max_waiting_per_client
        self.heavy_s = heavy_s
        self.running: dict[str, list[Ticket]] = {}
        self.waiting: dict[str, deque[asyncio.Future]] = {}
        self.usage: dict[str, tuple[float, float]] = {}    # client -> (worker seconds, as of when)
        self._arrivals = 0

    def _busy(self, heavy: bool) -> int:
        return sum(t.heavy == heavy for ts in self.running.values() for t in ts)

    def _n_waiting(self) -> int:
        return sum(len(q) for q in self.waiting.values())

    def _used(self, client: str, now: float) -> float:
        value, when = self.usage.get(client, (0.0, now))
        return (value * 0.5 ** ((now - when) / USAGE_HALF_LIFE_S)
                + sum(now - t.started for t in self.running.get(client, ())))

    def _heavy(self, client: str, now: float, expensive: bool = False) -> bool:
        return expensive or self._used(client, now) > self.heavy_s

    def _may_run(self, client: str, now: float, expensive: bool = False) -> bool:
        if len(self.running.get(client, ())) >= self.per_client:
            return False
        heavy = self._heavy(client, now, expensive)
        if heavy and self.heavy_slots:
            return self._busy(True) < self.heavy_slots
        if self._busy(False) >= self.slots:
            return False
        if heavy and self.slots > 1:  # no heavy lane: heavy queries leave one worker free
            return sum(t.heavy_like for ts in self.running.values() for t in ts) < self.slots - 1
        return True

    def _start(self, client: str, now: float, expensive: bool = False) -> Ticket:
        heavy = self._heavy(client, now, expensive)
        ticket = Ticket(now, bool(self.heavy_slots) and heavy, heavy)
        self.running.setdefault(client, []).append(ticket)
        return ticket

    async def acquire(self, client: str, deadline: float, *, expensive: bool = False) -> Ticket:
        """Wait for a worker until the deadline; `expensive`: the query looks expensive
        (it runs on the heavy lane, like a heavy client's)."""
        now = time.monotonic()
        if not self.waiting and self._may_run(client, now, expensive):
            return self._start(client, now, expensive)
        if self._n_waiting() >= self.max_waiting:
            raise ProtocolError(503, f"the query queue is full ({self.max_waiting} waiting); try again shortly",
                                {"Retry-After": str(RETRY_AFTER_S)})
        queue = self.waiting.setdefault(client, deque())
        if len(queue) >= self.max_waiting_per_client:
            raise ProtocolError(429, f"you have {len(queue)} queries waiting already; send the next when one "
                                     "has been answered", {"Retry-After": str(RETRY_AFTER_S)})
        future = asyncio.get_running_loop().create_future()
        self._arrivals += 1
        future.order = self._arrivals  # first come, first served among equals
        future.expensive = expensive
        queue.append(future)
        self._dispatch()  # a worker may be free for this client though others wait
        try:
            return await asyncio.wait_for(asyncio.shield(future), max(0.0, deadline - time.monotonic()))
        except (asyncio.TimeoutError, asyncio.CancelledError) as exc:
            if future.done() and not future.cancelled():  # granted just as time ran out: give it back
                self.release(client, future.result(), 0.0)
            else:
                future.cancel()
                self._forget(client, future)
            if isinstance(exc, asyncio.CancelledError):  # the client went away
                raise
            raise ProtocolError(503, "every query worker stayed busy until this query's time limit; "
                                     "try again shortly", {"Retry-After": str(RETRY_AFTER_S)}) from None

    def _forget(self, client: str, future) -> None:
        queue = self.waiting.get(client)
        if queue is not None:
            with contextlib.suppress(ValueError):
                queue.remove(future)
            if not queue:
                del self.waiting[client]

    def release(self, client: str, ticket: Ticket, used_s: float | None = None) -> None:
        """Give the worker back; `used_s` is the worker time the query took (the time
        evaluating it; by default, all the time it held the worker)."""
        now = time.monotonic()
        tickets = self.running[client]
        tickets.remove(ticket)
        if not tickets:
            del self.running[client]
        used = now - ticket.started if used_s is None else used_s
        self.usage[client] = (self._used(client, now) + used, now)
        if len(self.usage) > 4 * MAX_WAITING:  # forget clients whose usage has faded
            self.usage = {c: u for c, u in self.usage.items() if self._used(c, now) > 0.01 or c in self.running}
        self._dispatch()

    def _dispatch(self) -> None:
        """Hand free workers to the waiting clients that used least, as their shares allow."""
        while self.waiting:
            now = time.monotonic()
            eligible = [c for c in self.waiting if self._may_run(c, now, self.waiting[c][0].expensive)]
            if not eligible:
                return
            client = min(eligible, key=lambda c: (round(self._used(c, now), 2), self.waiting[c][0].order))
            queue = self.waiting[client]
            future = queue.popleft()
            if not queue:
                del self.waiting[client]
            if future.cancelled():
                continue
            future.set_result(self._start(client, now, future.expensive))


@dataclass(eq=False)
class Ticket:
    """A query's hold on a worker: since when, on which lane, and whether it counts
    as heavy (a heavy client's or an expensive-looking query) when there is no heavy lane."""
    started: float
    heavy: bool
    heavy_like: bool = False


@dataclass
class SparqlRequest:
    query: str | None
    update: str | None
    dataset: Dataset | None


async def read_body(request: Request, max_bytes: int = MAX_BODY_BYTES) -> bytes:
    """The request body, refused with 413 past `max_bytes` (before reading it when
    Content-Length says so)."""
    limit = f"{max_bytes // 1024} KB" if max_bytes >= 1024 else f"{max_bytes} bytes"
    too_large = ProtocolError(413, f"the request body is over {limit}, the limit of this "
                                   "endpoint (max_body_bytes); a SPARQL query is at most 100,000 characters")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes, ctype_header: str) -> str:
    charset = next((p.split("=", 1)[1].strip().strip('"').lower() for p in ctype_header.split(";")[1:]
                    if p.strip().lower().startswith("charset=")), "utf-8")
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"charset {charset} is not accepted: send the query as UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not valid UTF-8") from None


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise ProtocolError(400, f"{len(values)} '{name}' parameters: send exactly one")
    return values[0] if values else None


async def read_sparql_request(request: Request, max_body_bytes: int = MAX_BODY_BYTES) -> SparqlRequest:
    """Query, update and dataset from GET ?query=, a form POST or a direct POST
    (SPARQL 1.1 Protocol, 2.1)."""
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    if request.method == "POST":
        ctype_header = request.headers.get("content-type", "")
        ctype = ctype_header.split(";")[0].strip().lower()
        body = await read_body(request, max_body_bytes)
        if ctype == "application/sparql-query":
            if "query" in params:
                raise ProtocolError(400, "a query in the body and another in the URL: send exactly one")
            params["query"] = [_decode(body, ctype_header)]
        elif ctype == "application/sparql-update":
            params["update"] = [_decode(body, ctype_header)]
        elif ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, errors="strict")
            except UnicodeDecodeError:
                raise ProtocolError(400, "the form is not valid UTF-8") from None
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        else:
            raise ProtocolError(415, f"unsupported Content-Type {ctype or '(none)'}: send application/sparql-query "
                                     "or a form (application/x-www-form-urlencoded) with a 'query' field")
    query, update = _one(params, "query"), _one(params, "update")
    default, named = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
    dataset = None
    if default or named:
        for iri in default + named:
            try:
                ox.NamedNode(iri)
            except ValueError:
                raise ProtocolError(400, f"default-graph-uri / named-graph-uri {iri!r} is not an absolute IRI") from None
        dataset = Dataset(tuple(default), tuple(named))
    return SparqlRequest(query, update, dataset)


def create_app(engine, *, ask_threads: int = 4, admission: Admission | None = None) -> Starlette:
    """The web app over a loaded search engine (its executor answers the queries; its
    settings give the endpoint's limits)."""
    executor = engine.sparql
    settings: Settings = getattr(engine, "settings", None) or Settings()
    examples = readme_examples()
    # A remote store (no worker processes): four requests to it at once, no heavy lane.
    admission = admission or Admission(executor.workers or 4, heavy_slots=1 if executor.workers >= 2 else 0,
                                       max_waiting=settings.max_waiting,
                                       max_waiting_per_client=settings.max_waiting_per_client,
                                       heavy_s=settings.heavy_client_s)
    # One thread per admitted query (it waits on its worker's pipe); /ask and the
    # engine's own queries have threads of their own, so they never queue behind users';
    # large answers are written on threads of their own too.
    query_pool = ThreadPoolExecutor(max_workers=admission.slots + admission.heavy_slots, thread_name_prefix="sparql")
    engine_pool = ThreadPoolExecutor(max_workers=ask_threads, thread_name_prefix="engine")
    respond_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="respond")

    async def in_pool(pool, fn, *args, **kwargs):
        return await asyncio.get_running_loop().run_in_executor(pool, lambda: fn(*args, **kwargs))

    async def describe(request: Request) -> Response:
        url = str(request.url.replace(query=""))
        triples = await in_pool(engine_pool, service_description, executor, url, examples)
        return graph_response(triples, request)

    def graph_response(triples, request: Request) -> Response:
        """Triples in the RDF format the request asks for (Turtle when it does not say)."""
        media = wanted(request, "graph", list(GRAPH_TYPES))
        if media is None:
            return _error(406, f"none of the Accept types can carry RDF; use one of {', '.join(GRAPH_TYPES)}")
        body = ox.serialize(triples, format=GRAPH_TYPES[media],
                            **({"prefixes": OUTPUT_PREFIXES} if media == "text/turtle" else {}))
        return Response(body, media_type=media)

    def wanted(request: Request, kind: str, offered: list[str]) -> str | None:
        fmt = (request.query_params.get("format") or "").strip().lower()
        media = FORMAT_ALIASES[kind].get(fmt, fmt)
        if media in offered:
            return media
        return negotiate(request.headers.get("accept", ""), offered)

    def respond(result: QueryResult, request: Request) -> Response:
        """A query result in the format the request asks for."""
        headers = {"X-Elapsed-Ms": f"{result.elapsed_ms:.2f}"}
        if result.truncated:
            headers["X-Result-Truncated"] = "true; " + result.limit_note(executor.max_rows)
        if result.kind == "graph":
            response = graph_response([ox.Triple(*t) for t in result.triples], request)
        else:
            media = wanted(request, "select", list(SELECT_TYPES))
            if media is None:
                return _error(406, f"none of the Accept types can carry query results; use one of "
                                   f"{', '.join(SELECT_TYPES)}")
            response = Response(SELECT_TYPES[media](result), media_type=media)
        response.headers.update(headers)
        return response

    async def sparql(request: Request) -> Response:
        arrived = time.monotonic()
        if request.method not in ("GET", "POST"):
            return _error(405, READ_ONLY)
        try:
            sparql_request = await read_sparql_request(request, settings.max_body_bytes)
        except ProtocolError as exc:
            return _error(exc.status, str(exc), exc.headers)
        if sparql_request.update is not None:
            return _error(403, READ_ONLY)
        query = sparql_request.query
        if query is None:
            if request.method == "GET":
                return await describe(request)
            return _error(400, "no query: send the SPARQL query in a 'query' parameter or as an "
                               "application/sparql-query body")
        try:
            scan = executor.check(query)  # refusals answer at once, without taking a worker
        except UpdateRefusedError as exc:
            return _error(403, str(exc))
        except QueryError as exc:
            return _error(400, str(exc))
        deadline = arrived + executor.timeout_s
        client = request.client.host if request.client else "?"
        try:
            ticket = await admission.acquire(client, deadline, expensive=looks_expensive(query, scan) is not None)
        except ProtocolError as exc:
            return _error(exc.status, str(exc), exc.headers)
        used_s = None  # a query that was stopped used all the time it held its worker
        try:
            result = await in_pool(query_pool, executor.query, query, base_iri=str(request.url.replace(query="")),
                                   dataset=sparql_request.dataset, deadline=deadline, heavy=ticket.heavy)
            used_s = result.elapsed_ms / 1000  # evaluation only: not the server's own overhead under load
        except QueryBusyError as exc:
            used_s = 0.0
            return _error(503, str(exc), {"Retry-After": str(RETRY_AFTER_S)})
        except (QueryTimeoutError, QueryMemoryError) as exc:
            return _error(503, str(exc))
        except QueryError as exc:
            used_s = 0.0
            return _error(400, str(exc))
        finally:
            admission.release(client, ticket, used_s)  # the worker is free: writing the answer needs none
        if len(result.rows) + len(result.triples) > 200:  # a large answer is written off the event loop
            return await in_pool(respond_pool, respond, result, request)
        return respond(result, request)

    async def graph_store(request: Request) -> Response:
        """SPARQL 1.1 Graph Store Protocol, read side: GET the default graph."""
        if request.method not in ("GET", "HEAD"):
            return _error(405, READ_ONLY)
        if executor.store is not None:  # the embedded store writes itself: no Python object per triple
            media = wanted(request, "graph", list(GRAPH_TYPES))
            if media is None:
                return _error(406, f"none of the Accept types can carry RDF; use one of {', '.join(GRAPH_TYPES)}")
            body = await in_pool(engine_pool, executor.store.dump, format=GRAPH_TYPES[media],
                                 from_graph=ox.DefaultGraph(),
                                 **({"prefixes": OUTPUT_PREFIXES} if media == "text/turtle" else {}))
            return Response(body, media_type=media)
        result = await in_pool(engine_pool, executor.query, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                               max_rows=10_000_000, max_bytes=None, trusted=True)
        return graph_response([ox.Triple(*t) for t in result.triples], request)

    async def ask(request: Request) -> Response:
        q = request.query_params.get("q") or request.query_params.get("question")
        if q is None:
            return JSONResponse({"error": "no question: use /ask?q=your+question"}, status_code=400)
        try:
            k = passage_count(request.query_params.get("k", "5"))
        except BadQuestionError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        try:
            result = await in_pool(engine_pool, engine.ask, q, k)
        except BadQuestionError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(result)

    async def examples_list(request: Request) -> Response:
        return JSONResponse([{"title": e.title, "comment": e.comment, "query": e.full_query} for e in examples])

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "triples": engine.manifest.get("triples"),
                             "built_at": engine.build_info.get("built_at")})

    async def on_error(request: Request, exc: Exception) -> Response:
        # Never a traceback to the client; the server log keeps it.
        return _error(500, f"internal error ({type(exc).__name__}); see the server log")

    routes = [
        Route("/sparql", sparql, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/rdf-graph-store", graph_store, methods=["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"]),
        Route("/ask", ask, methods=["GET"]),
        Route("/examples", examples_list, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        *linked_data_routes(engine),   # /id/…, /ontology, /.well-known/void, YASGUI at / (issue 14)
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                             allow_headers=["*"], expose_headers=["X-Result-Truncated", "X-Elapsed-Ms", "Retry-After"])]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        # On SIGTERM/SIGINT uvicorn finishes the requests in flight, then this stops the
        # query workers before the process ends.
        yield
        query_pool.shutdown(wait=False, cancel_futures=True)
        engine_pool.shutdown(wait=False, cancel_futures=True)
        respond_pool.shutdown(wait=False, cancel_futures=True)
        executor.close()

    return Starlette(routes=routes, middleware=middleware, exception_handlers={Exception: on_error},
                     lifespan=lifespan)


class PortTakenError(StandardsKGError):
    """The address to serve on is in use."""


def bind(host: str = "127.0.0.1", port: int = 8000) -> socket.socket:
    """The listening socket, taken before the engine loads: a taken port is reported at
    once, not after loading the model, and no other server can take it meanwhile."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: restart without waiting
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise PortTakenError(f"cannot listen on {host}:{port} ({exc.strerror}): another server has it; "
                             "stop it or choose another port with --port") from exc
    sock.listen(2048)
    return sock


def quick_ack_protocol():
    """uvicorn's HTTP protocol (httptools), ACKing what it reads at once: a client that
    sends a request's head and body in two writes with Nagle's algorithm on waits for
    the ACK of the head before it sends the body, and on a kept-alive connection Linux
    delays that ACK by 40 ms. TCP_QUICKACK sends a pending ACK now; the kernel clears it
    again as it goes, so it is set on every read (one system call)."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    quickack = getattr(socket, "TCP_QUICKACK", None)

    class QuickAckProtocol(HttpToolsProtocol):
        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._socket = transport.get_extra_info("socket")

        def data_received(self, data: bytes) -> None:
            if quickack is not None and self._socket is not None:
                with contextlib.suppress(OSError):
                    self._socket.setsockopt(socket.IPPROTO_TCP, quickack, 1)
            super().data_received(data)

    return QuickAckProtocol


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)


def tune_malloc(threshold_kb: int) -> bool:
    """Give allocations from `threshold_kb` up their own mapping (glibc), so that memory
    of large request and response bodies goes back to the system when they are freed;
    setting it also stops glibc sliding the threshold up to 32 MB (see the setting
    malloc_mmap_threshold_kb). False where there is no glibc or when 0 leaves its default."""
    if threshold_kb <= 0:
        return False
    import ctypes
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, threshold_kb * 1024))


def serve(engine, sock: socket.socket) -> None:
    """Serve until SIGINT or SIGTERM (then the process ends by that signal, as uvicorn
    does, after a graceful shutdown)."""
    import sys

    import uvicorn
    # Threads waiting on a query worker's answer take the interpreter lock back sooner
    # from the threads answering /ask (1 ms instead of 5 ms turns).
    sys.setswitchinterval(0.001)
    settings = getattr(engine, "settings", None) or Settings()
    tune_malloc(settings.malloc_mmap_threshold_kb)
    engine.sparql.start(serving=True)
    config = uvicorn.Config(create_app(engine), log_level="info",
                            **({"http": quick_ack_protocol()} if settings.tcp_quickack else {}))
    uvicorn.Server(config).run(sockets=[sock])
