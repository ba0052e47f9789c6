"""Named errors of the workshop kit; each message is one line saying what to do."""
from kg_builder.errors import StandardsKGError


class UnknownTopicError(StandardsKGError):
    """Nothing in the graph matches the topic; the message lists close topics."""


class OutputError(StandardsKGError):
    """The output path cannot be written (missing folder, no permission, a folder)."""


class BadCollectionError(StandardsKGError):
    """A shared collection (URL or JSON file) cannot be read."""


class BadOptionError(StandardsKGError):
    """An option out of range (a quiz of no questions)."""
