"""The build's two calls into linked_data (kg_builder/pipeline.py): before validation,
`add_to_graph` adds the curated terminology mappings and the build's own DCAT/VoID
description (version, date, input checksums, licence, provenance) to the graph; while
writing, `write_docs` puts the ontology's HTML documentation beside the graph."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .mappings import read_mappings
from .ontology_docs import write_docs as _write_docs
from .void import build_version, describe_build, documents_of


def add_to_graph(graph: Graph, settings, inputs: dict[str, str] | None = None) -> None:
    """`inputs` are the build's input checksums; computed here when not given (the
    manifest computes them again later, so a file edited during a build can differ)."""
    if inputs is None:
        from kg_builder.pipeline import input_checksums   # the build's own list of what it depends on
        inputs = input_checksums(settings)
    graph += read_mappings(settings.ontology_dir)
    version = build_version(inputs)
    graph += describe_build(version, documents_of(graph), len(graph))


def write_docs(settings, folder: Path) -> Path:
    return _write_docs(settings.ontology_dir / "skg.ttl", folder)
