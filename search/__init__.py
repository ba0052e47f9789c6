"""Query side of standards-kg: `search.load()` returns the Engine.

Heavy libraries (sentence-transformers, faiss) load only when first used."""
from .engine import Engine, clean_question, load
from .errors import ArtifactsMissingError, BadQuestionError, QueryError, StaleArtifactsError
from .sparql import PREFIXES, QueryResult, SparqlExecutor

__all__ = ["Engine", "load", "clean_question", "ArtifactsMissingError", "BadQuestionError",
           "QueryError", "StaleArtifactsError", "PREFIXES", "QueryResult", "SparqlExecutor"]
