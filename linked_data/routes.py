"""The linked-data routes `standards-kg serve` mounts beside /sparql: every IRI path of
the graph (/id/..., /ontology) with content negotiation, the dataset description at
/.well-known/void, and the YASGUI query editor at /. HTTP only: descriptions come from
`describe` through the endpoint's one executor (its time limit, a triple cap), pages
from `pages`. Nothing here fetches anything from outside the machine."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from search.errors import QueryError, QueryTimeoutError
from search.sparql import PREFIXES

from . import pages
from .describe import Description, describe_ontology, iri_for_path
from .formats import HTML, OFFERED, RDF_TYPES, UnknownFormat, choose, serialize
from .namespaces import DATASET
from .ontology_docs import DOCS_FILE
from .views import EntityViews, dataset_statements
from .void import Q_VOID

STATIC = Path(__file__).resolve().parent / "static"
YASGUI_BUILD = Path(__file__).resolve().parent / "node_modules" / "@zazuko" / "yasgui" / "build"
YASGUI_FILES = {"yasgui.min.js": YASGUI_BUILD, "yasgui.min.css": YASGUI_BUILD,
                "start.js": STATIC, "start.css": STATIC}
# id: is left out: Turtle would have to escape the slashes of our paths (id:standard\/3.5).
OUTPUT_PREFIXES = {**{p: ns for p, ns in PREFIXES.items() if p != "id"}, "dcat": "http://www.w3.org/ns/dcat#",
                   "void": "http://rdfs.org/ns/void#", "spdx": "http://spdx.org/rdf/terms#",
                   "sssom": "https://w3id.org/sssom/"}
# Pages with no script may load nothing but their own inline style; the editor may load
# scripts and styles from this server only and talk to this server only.
CSP_PAGE = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'"
CSP_EDITOR = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'")


def _plain(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status)


def _negotiate(request: Request, offered: list[str] = OFFERED) -> str | Response:
    """The media type to answer with, or the 400/406 response saying why none fits."""
    try:
        media = choose(request.headers.get("accept", ""), request.query_params.get("format"), offered)
    except UnknownFormat as exc:
        return _plain(400, str(exc))
    if media is None:
        return _plain(406, f"none of the Accept types is offered here; use one of {', '.join(offered)} "
                           "(or ?format=html|ttl|jsonld|rdf|nt)")
    return media


def _rdf(description: Description, media: str) -> Response:
    body = serialize(description.triples, media, OUTPUT_PREFIXES)
    headers = {"Vary": "Accept"}
    if description.truncated:
        headers["X-Result-Truncated"] = "true; the description was cut at its size limit"
    return Response(body, media_type=media, headers=headers)


def _html(body: str, status: int = 200, csp: str = CSP_PAGE) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers={"Vary": "Accept", "Content-Security-Policy": csp})


def _not_found(media: str, iri: str) -> Response:
    message = (f"{iri} is not in this graph: check the IRI, or search for it at /sparql "
               "(e.g. SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?s), \"standard\")) })")
    if media == HTML:
        return _html(pages.message_page("Not found", message), status=404)
    return _plain(404, message)


def routes(engine) -> list[BaseRoute]:
    """The routes, over a loaded engine (its executor, its build folder)."""
    executor = engine.sparql
    build_dir: Path = engine.settings.build_dir
    views = EntityViews(executor)

    async def run(fn, *args):
        return await asyncio.to_thread(fn, *args)

    async def resource(request: Request) -> Response:
        media = _negotiate(request)
        if isinstance(media, Response):
            return media
        # The path as sent (still percent-encoded): a %2F inside a segment stays in it.
        raw = request.scope.get("raw_path")
        iri = iri_for_path(raw.decode("latin-1") if raw else request.url.path)
        try:
            description = await run(views.description, iri)
            if not description.found:
                return _not_found(media, iri)
            if media in RDF_TYPES:
                return _rdf(description, media)
            view = await run(views.view, iri)
        except QueryTimeoutError as exc:
            return _plain(503, str(exc))
        except QueryError as exc:
            return _plain(500, f"could not read {iri}: {exc}")
        return _html(pages.entity_page(view))

    async def ontology(request: Request) -> Response:
        media = _negotiate(request)
        if isinstance(media, Response):
            return media
        if media == HTML:
            docs = build_dir / DOCS_FILE
            if not docs.is_file():
                return _html(pages.message_page("Ontology documentation missing",
                                                f"{docs} is missing: run `standards-kg build`."), status=404)
            return FileResponse(docs, media_type="text/html; charset=utf-8",
                                headers={"Vary": "Accept", "Content-Security-Policy": CSP_PAGE})
        try:
            description = await run(describe_ontology, executor)
        except QueryTimeoutError as exc:
            return _plain(503, str(exc))
        return _rdf(description, media)

    async def void(request: Request) -> Response:
        # A machine-readable description first: Turtle unless HTML is asked for.
        media = _negotiate(request, [*RDF_TYPES, HTML])
        if isinstance(media, Response):
            return media
        try:
            result = await run(lambda: executor.query(Q_VOID, max_rows=5_000, trusted=True))
        except QueryTimeoutError as exc:
            return _plain(503, str(exc))
        description = Description(str(DATASET), [ox.Triple(*t) for t in result.triples], result.truncated)
        if not description.found:
            return _plain(404, "this graph has no dataset description: rebuild it with `standards-kg build`")
        if media in RDF_TYPES:
            return _rdf(description, media)
        rows = dataset_statements(description.triples, str(DATASET))
        return _html(pages.dataset_page("standards-kg dataset and version", rows, "/.well-known/void"))

    async def editor(request: Request) -> Response:
        if not (YASGUI_BUILD / "yasgui.min.js").is_file():
            return _html(pages.message_page(
                "Query editor not installed",
                f"{YASGUI_BUILD} is missing: run `make setup` (it installs YASGUI from npm into "
                "linked_data/node_modules). The SPARQL endpoint itself works at /sparql."), status=503)
        return FileResponse(STATIC / "yasgui.html", media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": CSP_EDITOR})

    async def yasgui_file(request: Request) -> Response:
        name = request.path_params["name"]
        folder = YASGUI_FILES.get(name)
        if folder is None or not (folder / name).is_file():
            return _plain(404, f"no file {name} here")
        media = "text/css" if name.endswith(".css") else "text/javascript"
        return FileResponse(folder / name, media_type=f"{media}; charset=utf-8")

    return [
        Route("/", editor, methods=["GET"]),
        Route("/yasgui/{name}", yasgui_file, methods=["GET"]),
        Route("/id/{rest:path}", resource, methods=["GET"]),
        Route("/ontology", ontology, methods=["GET"]),
        Route("/ontology/{version}", ontology, methods=["GET"]),
        Route("/.well-known/void", void, methods=["GET"]),
    ]


__all__ = ["routes"]
