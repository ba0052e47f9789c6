"""Named errors of the build; each message says what is wrong and what to do."""


class StandardsKGError(Exception):
    """Base class: the CLI prints the message as one line, never a traceback."""


class CorpusError(StandardsKGError):
    """A corpus file is missing, empty, not UTF-8, or does not match the manifest."""


class ExtractionError(StandardsKGError):
    """The parser did not find what the document is known to contain."""


class ValidationError(StandardsKGError):
    """The built graph breaks a SHACL shape or a quality rule."""


class PushError(StandardsKGError):
    """The SPARQL store refused the graph (address, credentials, permissions)."""
