"""Which representation of a resource to send: the HTML page or one of four RDF
syntaxes, chosen by `?format=` when given, else by the Accept header (q-values and
specificity honoured, as RFC 9110 says), HTML when the client accepts anything."""
from __future__ import annotations

import pyoxigraph as ox

HTML = "text/html"
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
OFFERED = [HTML, *RDF_TYPES]
# Media types clients send for the same thing.
SYNONYMS = {"application/xhtml+xml": HTML, "text/n3": "text/turtle", "application/x-turtle": "text/turtle",
            "application/json": "application/ld+json", "text/plain": "application/n-triples"}
ALIASES = {"html": HTML, "ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
           "json-ld": "application/ld+json", "json": "application/ld+json", "rdfxml": "application/rdf+xml",
           "rdf": "application/rdf+xml", "xml": "application/rdf+xml", "owl": "application/rdf+xml",
           "nt": "application/n-triples", "ntriples": "application/n-triples", "n-triples": "application/n-triples"}
EXTENSIONS = {HTML: "html", "text/turtle": "ttl", "application/ld+json": "jsonld",
              "application/rdf+xml": "rdf", "application/n-triples": "nt"}


class UnknownFormat(ValueError):
    """?format= names no representation we have."""


def choose(accept: str, format_param: str | None, offered: list[str] = OFFERED) -> str | None:
    """The media type to send; None when the Accept header allows none of `offered`
    (a 406). Raises UnknownFormat for a `?format=` we do not have."""
    if format_param:
        media = ALIASES.get(format_param.strip().lower(), format_param.strip().lower())
        if media not in offered:
            raise UnknownFormat(f"unknown format {format_param!r}: use one of "
                                f"{', '.join(sorted({k for k, v in ALIASES.items() if v in offered}))}")
        return media
    if not accept.strip():
        return offered[0]
    best, best_key = None, (0.0, -1, 0)
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = SYNONYMS.get(fields[0].lower(), fields[0].lower())
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if media in ("*/*", "*"):
            candidates, specificity = offered, 0
        elif media.endswith("/*"):
            candidates, specificity = [o for o in offered if o.startswith(media[:-1])], 1
        else:
            candidates, specificity = [media] if media in offered else [], 2
        for c in candidates:
            # Higher q wins; at equal q the more specific range; then our order of preference.
            key = (q, specificity, -offered.index(c))
            if q > 0 and key > best_key:
                best, best_key = c, key
    return best


def serialize(triples: list[ox.Triple], media: str, prefixes: dict[str, str] | None = None) -> bytes:
    fmt = RDF_TYPES[media]
    kwargs = {"prefixes": prefixes} if prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else {}
    return ox.serialize(triples, format=fmt, **kwargs)
