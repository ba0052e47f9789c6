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


CHROMIUM = "/usr/bin/chromium"  # Debian's; never `playwright install`
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for a test module (the browser tests of the app, the Assess and
    Workshop pages, the linked-data pages and the offline site)."""
    from playwright.sync_api import sync_playwright
    assert os.path.exists(CHROMIUM), "Debian's chromium is missing: `make test` installs it with apt-get"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
