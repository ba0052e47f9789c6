"""Query side of standards-kg: `search.load()` returns the Engine.

Heavy libraries (sentence-transformers, faiss, numpy) load only when first used: the
package itself imports nothing, so a SPARQL worker process starts light."""
from __future__ import annotations

_EXPORTS = {
    "Engine": "engine", "load": "engine", "clean_question": "engine",
    "ArtifactsMissingError": "errors", "BadQuestionError": "errors", "QueryError": "errors",
    "StaleArtifactsError": "errors",
    "PREFIXES": "sparql", "QueryResult": "sparql", "SparqlExecutor": "sparql",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        from importlib import import_module
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'search' has no attribute {name!r}")
