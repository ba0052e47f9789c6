"""Errors of `compare`; each is one line naming the file at fault and what to do."""
from kg_builder.errors import StandardsKGError


class CompareError(StandardsKGError):
    """Base class of the errors of `standards-kg compare`."""


class UnsupportedFormatError(CompareError):
    """A file type `compare` cannot read."""


class UnreadableDocumentError(CompareError):
    """Empty, corrupt, encrypted, or a scan with no text layer."""


class ChecklistError(CompareError):
    """A saved self-assessment checklist that cannot be loaded."""
