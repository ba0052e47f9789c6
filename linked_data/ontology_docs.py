"""The ontology's documentation, generated at build time from ontology/skg.ttl with
pyLODE (the OntPub profile: metadata, classes, properties, each with an anchor named
after the term, so /ontology#Standard opens at skg:Standard). No network: pyLODE reads
its background vocabularies from files it ships."""
from __future__ import annotations

import logging
from pathlib import Path

from kg_builder.errors import ValidationError

DOCS_FILE = "ontology.html"


def _ontpub():
    """pyLODE's OntPub class. Importing pyLODE runs logging.basicConfig(level=DEBUG) (in
    its supermodel profile), which would make every library in the build or app log at
    DEBUG: the root logger is put back as it was."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from pylode.profiles.ontpub import OntPub
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return OntPub


def ontology_html(ontology_file: Path) -> str:
    OntPub = _ontpub()
    try:
        return OntPub(ontology=str(ontology_file)).make_html()
    except Exception as exc:  # pyLODE reports missing metadata with its own error types
        raise ValidationError(f"{ontology_file}: pyLODE cannot document it ({str(exc).splitlines()[0]}); "
                              "it needs a dcterms:title on the owl:Ontology") from None


def write_docs(ontology_file: Path, folder: Path) -> Path:
    """Write the documentation into `folder` (the build's temporary folder)."""
    out = folder / DOCS_FILE
    out.write_text(ontology_html(ontology_file), encoding="utf-8")
    return out
