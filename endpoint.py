"""`standards-kg serve`: the graph as a read-only SPARQL 1.1 endpoint (Protocol, content
negotiation, Service Description, CORS) and the cited-answer engine at /ask, on
Starlette/uvicorn. HTTP only: queries run in search's one safe executor."""
from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg_builder.errors import StandardsKGError
from linked_data.routes import routes as linked_data_routes
from search.errors import BadQuestionError, QueryError, QueryTimeoutError, UpdateRefusedError
from search.examples import readme_examples
from search.service_description import service_description
from search.service_description import OUTPUT_PREFIXES
from search.sparql import QueryResult

SELECT_TYPES = {  # media type -> serializer of a SELECT/ASK result
    "application/sparql-results+json": lambda r: json.dumps(r.to_json()),
    "application/json": lambda r: json.dumps(r.to_json()),
    "application/sparql-results+xml": lambda r: r.to_xml(),
    "application/xml": lambda r: r.to_xml(),
    "text/csv": lambda r: r.to_delimited(","),
    "text/tab-separated-values": lambda r: r.to_delimited("\t"),
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
# ?format= shortcuts, for links and for clients that cannot set Accept.
FORMAT_ALIASES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                  "ttl": "text/turtle", "jsonld": "application/ld+json", "json-ld": "application/ld+json",
                  "rdfxml": "application/rdf+xml", "nt": "application/n-triples",
                  "ntriples": "application/n-triples"}
READ_ONLY = ("This endpoint is read-only: SPARQL Update and Graph Store writes are refused. "
             "Rebuild the graph with `standards-kg build`, or push it to a store with `standards-kg push`.")


def negotiate(accept: str, offered: list[str]) -> str | None:
    """The offered media type the Accept header prefers (q-values honoured); the first
    offered when the header is empty or */*; None when nothing offered is acceptable."""
    if not accept.strip():
        return offered[0]
    best, best_q = None, 0.0
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if media in ("*/*", ""):
            match = offered[0]
        elif media.endswith("/*"):
            match = next((o for o in offered if o.startswith(media[:-1])), None)
        else:
            match = media if media in offered else None
        if match and q > best_q:
            best, best_q = match, q
    return best


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status)


def create_app(engine) -> Starlette:
    """The web app over a loaded search engine (its executor answers the queries)."""
    executor = engine.sparql
    examples = readme_examples()

    async def read_query(request: Request) -> tuple[str | None, str | None]:
        """(query, update) from GET ?query=, a form POST or an application/sparql-query POST."""
        params = request.query_params
        if request.method == "GET":
            return params.get("query"), params.get("update")
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8", errors="replace")
        if ctype == "application/sparql-query":
            return body, None
        if ctype == "application/sparql-update":
            return None, body
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            return (form.get("query", [None])[0] or params.get("query"),
                    form.get("update", [None])[0])
        raise QueryError(f"unsupported Content-Type {ctype or '(none)'}: send application/sparql-query "
                         "or a form (application/x-www-form-urlencoded) with a 'query' field")

    def describe(request: Request) -> Response:
        url = str(request.url.replace(query=""))
        triples = service_description(executor, url, examples)
        return graph_response(triples, request)

    def graph_response(triples, request: Request) -> Response:
        """Triples in the RDF format the request asks for (Turtle when it does not say)."""
        media = wanted(request, list(GRAPH_TYPES))
        if media is None:
            return _error(406, f"none of the Accept types can carry RDF; use one of {', '.join(GRAPH_TYPES)}")
        body = ox.serialize(triples, format=GRAPH_TYPES[media],
                            **({"prefixes": OUTPUT_PREFIXES} if media == "text/turtle" else {}))
        return Response(body, media_type=media)

    def wanted(request: Request, offered: list[str]) -> str | None:
        fmt = request.query_params.get("format")
        if fmt:
            media = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
            return media if media in offered else None
        return negotiate(request.headers.get("accept", ""), offered)

    async def sparql(request: Request) -> Response:
        if request.method not in ("GET", "POST"):
            return _error(405, READ_ONLY)
        try:
            query, update = await read_query(request)
        except QueryError as exc:
            return _error(415, str(exc))
        if update is not None:
            return _error(403, READ_ONLY)
        if query is None:
            if request.method == "GET":
                return describe(request)
            return _error(400, "no query: send the SPARQL query in a 'query' parameter or as an "
                               "application/sparql-query body")
        try:
            result: QueryResult = await asyncio.to_thread(executor.query, query)
        except QueryTimeoutError as exc:
            return _error(503, str(exc))
        except UpdateRefusedError as exc:
            return _error(403, str(exc))
        except QueryError as exc:
            return _error(400, str(exc))
        headers = {"X-Elapsed-Ms": f"{result.elapsed_ms:.2f}"}
        if result.truncated:
            headers["X-Result-Truncated"] = f"true; the first {executor.max_rows} rows are returned"
        if result.kind == "graph":
            response = graph_response([ox.Triple(*t) for t in result.triples], request)
        else:
            media = wanted(request, list(SELECT_TYPES))
            if media is None:
                return _error(406, f"none of the Accept types can carry query results; use one of "
                                   f"{', '.join(SELECT_TYPES)}")
            response = Response(SELECT_TYPES[media](result), media_type=media)
        response.headers.update(headers)
        return response

    async def graph_store(request: Request) -> Response:
        """SPARQL 1.1 Graph Store Protocol, read side: GET the default graph."""
        if request.method not in ("GET", "HEAD"):
            return _error(405, READ_ONLY)
        result = await asyncio.to_thread(executor.query, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                         max_rows=10_000_000, trusted=True)
        return graph_response([ox.Triple(*t) for t in result.triples], request)

    async def ask(request: Request) -> Response:
        q = request.query_params.get("q") or request.query_params.get("question")
        if q is None:
            return JSONResponse({"error": "no question: use /ask?q=your+question"}, status_code=400)
        try:
            k = int(request.query_params.get("k", "5"))
        except ValueError:
            return JSONResponse({"error": "k must be a whole number"}, status_code=400)
        try:
            result = await asyncio.to_thread(engine.ask, q, k)
        except BadQuestionError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(result)

    async def examples_list(request: Request) -> Response:
        return JSONResponse([{"title": e.title, "comment": e.comment, "query": e.full_query} for e in examples])

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "triples": engine.manifest.get("triples"),
                             "built_at": engine.manifest.get("built_at")})

    async def on_error(request: Request, exc: Exception) -> Response:
        # Never a traceback to the client; the server log keeps it.
        return _error(500, f"internal error ({type(exc).__name__}); see the server log")

    routes = [
        Route("/sparql", sparql, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/rdf-graph-store", graph_store, methods=["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"]),
        Route("/ask", ask, methods=["GET"]),
        Route("/examples", examples_list, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        *linked_data_routes(engine),   # /id/…, /ontology, /.well-known/void, YASGUI at /
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                             allow_headers=["*"], expose_headers=["X-Result-Truncated", "X-Elapsed-Ms"])]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        # On SIGTERM/SIGINT uvicorn finishes the requests in flight, then this stops the
        # query workers before the process ends.
        yield
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


def serve(engine, sock: socket.socket) -> None:
    """Serve until SIGINT or SIGTERM (then the process ends by that signal, as uvicorn
    does, after a graceful shutdown)."""
    import uvicorn
    engine.sparql.start()
    uvicorn.Server(uvicorn.Config(create_app(engine), log_level="info")).run(sockets=[sock])

