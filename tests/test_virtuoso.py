"""Past one machine: the built graph pushed into a real Virtuoso (Debian's
virtuoso-opensource, started here on loopback with a fresh database), then the CLI and
the engine querying that store instead of the embedded one."""
from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
import requests
from servers import start_virtuoso, stop

@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    try:
        proc, urls = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield urls
    stop(proc)


def _cli(settings, *args):
    return subprocess.run([sys.executable, "-m", "cli", "--build-dir", str(settings.build_dir), *args],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def pushed(virtuoso, built, settings):
    bad = _cli(settings, "push", "--endpoint", virtuoso["store"], "--user", "dba", "--password", "wrong")
    assert bad.returncode == 2 and "refused" in bad.stderr
    done = _cli(settings, "push", "--endpoint", virtuoso["store"], "--user", "dba", "--password", "dba")
    assert done.returncode == 0, done.stderr
    # Pushing again replaces the graph instead of adding to it.
    again = _cli(settings, "push", "--endpoint", virtuoso["store"], "--user", "dba", "--password", "dba")
    assert again.returncode == 0, again.stderr
    return virtuoso


@pytest.fixture(scope="module")
def remote_engine(pushed, settings):
    import search
    return search.load(dataclasses.replace(settings, sparql_endpoint=pushed["sparql"]))


def values(result) -> list:
    if result.kind == "ask":
        return [result.boolean]
    return sorted(tuple(row) for row in result.plain_rows())


def test_store_holds_exactly_the_built_graph(pushed, built):
    r = requests.post(pushed["sparql"], headers={"Accept": "application/sparql-results+json"},
                      data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/standards-kg/graph> "
                                     "{ ?s ?p ?o } }"}, timeout=30)
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == built.manifest["triples"]


def test_readme_queries_return_the_same_rows(engine, remote_engine, readme_queries):
    for title, query in readme_queries:
        embedded = values(engine.sparql.query(query))
        remote = values(remote_engine.sparql.query(query))
        assert remote == embedded, f"README query '{title}' differs on Virtuoso"


@pytest.mark.parametrize("question", ["pregnant women on methadone",
                                      "can treatment be forced on someone in prison?",
                                      "what does standard 2.3 say"])
def test_ask_gives_the_same_cross_references(engine, remote_engine, question):
    local = engine.ask(question)
    remote = remote_engine.ask(question)
    assert [p["iri"] for p in remote["passages"]] == [p["iri"] for p in local["passages"]]
    assert remote["cross_references"] == local["cross_references"]
    assert local["cross_references"]


def test_cli_queries_the_store(pushed, settings):
    out = _cli(settings, "--sparql-endpoint", pushed["sparql"], "sparql", "--format", "csv",
               "SELECT ?n WHERE { ?p a skg:Principle ; skg:number ?n } ORDER BY ?n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["n", "1", "2", "3", "4", "5", "6", "7"]
    refused = _cli(settings, "--sparql-endpoint", pushed["sparql"], "sparql", "DROP ALL")
    assert refused.returncode == 2 and "read-only" in refused.stderr


def test_a_store_without_this_graph_is_refused(pushed, settings):
    import search
    from search.errors import StaleArtifactsError
    with pytest.raises(StaleArtifactsError, match="standards-kg push"):
        search.load(dataclasses.replace(settings, sparql_endpoint=pushed["sparql"],
                                        sparql_graph="https://example.org/not-pushed"))
