"""Errors of the query side; the CLI, app and endpoint turn them into one clear line."""
from kg_builder.errors import StandardsKGError


class ArtifactsMissingError(StandardsKGError):
    """build/ lacks an artifact: run `standards-kg build` (or `make run`)."""


class StaleArtifactsError(StandardsKGError):
    """build/ was made from another corpus, ontology, builder or model."""


class QueryError(StandardsKGError):
    """A SPARQL query that cannot run: syntax, Update, time limit."""


class BadQuestionError(StandardsKGError):
    """An empty or unusable question."""


class UpdateRefusedError(QueryError):
    """SPARQL Update sent to the read-only graph."""


class QueryTimeoutError(QueryError):
    """A SPARQL query that ran past its time limit and was stopped."""


class ServiceRefusedError(QueryError):
    """A query with SERVICE: the endpoint never makes requests to other servers."""


class QueryBusyError(QueryTimeoutError):
    """Every query worker stayed busy until the query's time limit: try again later."""


class QueryMemoryError(QueryError):
    """A SPARQL query that needed more memory than a query may use, and was stopped."""


MAX_PASSAGES = 50  # passages an answer may list (ask -k, /ask?k=)


def passage_count(value) -> int:
    """k, the passages an answer lists, from the CLI or a request: a whole number from
    1 to MAX_PASSAGES."""
    try:
        k = int(value)
    except (TypeError, ValueError):
        k = 0
    if not 1 <= k <= MAX_PASSAGES:
        raise BadQuestionError(f"k must be a whole number from 1 to {MAX_PASSAGES}, got {value!r}")
    return k
