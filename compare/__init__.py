"""Measure a national document (policy, strategy, law, service protocol) against the 59
standards of the UNODC-WHO International Standards: read it into passages, judge each
standard, report coverage and gaps, keep a hand-corrected checklist, and optionally
add the result to the graph as a named graph.

    from compare import compare_file
    report = compare_file(Path("policy.pdf"), settings)
"""
from .settings import CompareSettings
from .errors import CompareError, UnreadableDocumentError, UnsupportedFormatError, ChecklistError

__all__ = ["CompareSettings", "CompareError", "UnreadableDocumentError", "UnsupportedFormatError",
           "ChecklistError", "compare_file"]


def compare_file(path, settings=None, *, compare_settings=None, progress=None):
    """Read `path` and judge every standard; returns a `compare.judge.Report`."""
    from .pipeline import compare_file as run
    return run(path, settings, compare_settings=compare_settings, progress=progress)
