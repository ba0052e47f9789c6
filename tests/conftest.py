"""The artifacts are built once per test session, from the real corpus, with the
real model, into a temporary folder (the developer's build/ is left alone)."""
from __future__ import annotations

import os

import pytest

from kg_builder.config import Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    return Settings(build_dir=tmp_path_factory.mktemp("kg") / "build")


@pytest.fixture(scope="session")
def built(settings):
    from kg_builder.pipeline import build
    return build(settings)


@pytest.fixture(scope="session")
def graph(built):
    from rdflib import Graph
    return Graph().parse(built.build_dir / "kg.ttl", format="turtle")


@pytest.fixture(scope="session")
def engine(built, settings):
    import search
    return search.load(settings)


@pytest.fixture(scope="session")
def readme_queries():
    """The SPARQL examples of README.md (```sparql blocks), with their titles."""
    from search.examples import readme_examples
    return [(e.title, e.query) for e in readme_examples()]
