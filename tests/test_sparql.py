"""The read-only SPARQL executor and the README's example queries."""
from __future__ import annotations

import subprocess
import sys

import pytest

from search.errors import QueryError


def test_readme_has_at_least_eight_queries(readme_queries):
    assert len(readme_queries) >= 8


def test_every_readme_query_returns_rows(engine, readme_queries):
    for title, query in readme_queries:
        result = engine.sparql.query(query)
        assert result.rows or result.boolean, f"README query '{title}' returned nothing"


def test_criminal_justice_standards_query(engine, readme_queries):
    title, query = next(q for q in readme_queries if "criminal justice" in q[0].lower())
    numbers = {row[0] for row in engine.sparql.query(query).plain_rows()}
    assert {"3.2", "3.5", "3.6"} <= numbers


@pytest.mark.parametrize("query, fragment", [
    ("SELECT ?x WHERE { ?x ?y }", "line 1, column"),
    ("SELECT * WHERE { ?s nope:thing ?o }", "unknown prefix"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "read-only"),
    ("PREFIX x: <http://x/>\nDELETE WHERE { ?s ?p ?o }", "read-only"),
    ("", "empty"),
    ("\x00\x01binary", "NUL"),
])
def test_bad_queries_get_clear_errors(engine, query, fragment):
    with pytest.raises(QueryError) as err:
        engine.sparql.query(query)
    assert fragment in str(err.value)


def test_row_cap(engine):
    result = engine.sparql.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=7)
    assert len(result.rows) == 7 and result.truncated


def test_json_results_format(engine):
    out = engine.sparql.query("SELECT ?n WHERE { <https://w3id.org/standards-kg/id/standard/2.3> skg:number ?n }").to_json()
    assert out == {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "2.3"}}]}}


def _cli(settings, *args):
    return subprocess.run([sys.executable, "-m", "cli", "--build-dir", str(settings.build_dir), *args],
                          capture_output=True, text=True, timeout=120)


def test_cli_sparql_formats(built, settings, tmp_path):
    q = "SELECT ?n WHERE { ?s a skg:Principle ; skg:number ?n } ORDER BY ?n"
    table = _cli(settings, "sparql", q)
    assert table.returncode == 0 and "7" in table.stdout
    csv = _cli(settings, "sparql", q, "--format", "csv")
    assert csv.stdout.splitlines()[:3] == ["n", "1", "2"]
    f = tmp_path / "q.rq"
    f.write_text(q)
    js = _cli(settings, "sparql", "--file", str(f), "--format", "json")
    assert '"vars": [' in js.stdout
    bad = _cli(settings, "sparql", "SELECT ?x WHERE { ?x ?y }")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "column 26" in bad.stderr


def test_cli_output_piped_into_a_reader_that_stops_early_is_no_error(built, settings):
    cli = subprocess.Popen([sys.executable, "-m", "cli", "--build-dir", str(settings.build_dir), "sparql",
                            "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5000"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = cli.stdout.readline()        # `| head -1`: one line read, then the pipe is closed
    cli.stdout.close()
    err = cli.stderr.read().decode()
    assert cli.wait(timeout=120) == 141 and first and "Traceback" not in err and "Error" not in err, err


def test_cli_ask_query_and_runaway_query(built, settings):
    ask = _cli(settings, "sparql", "ASK { ?s a skg:Principle }")
    assert ask.returncode == 0 and ask.stdout.strip() == "true"
    # A cartesian product cannot be stopped inside pyoxigraph: its worker process is
    # killed at the time limit and the command ends instead of hanging.
    runaway = _cli(settings, "sparql", "--timeout", "1",
                   "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert runaway.returncode == 2 and "time limit of 1 s" in runaway.stderr


def test_engine_executor_survives_a_runaway_query(engine):
    from search.errors import QueryTimeoutError
    with pytest.raises(QueryTimeoutError):
        engine.sparql.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }", timeout_s=0.5)
    assert engine.sparql.query("ASK { ?s a skg:Standard }").boolean is True


# --- which queries the endpoint sends to its heavy lane before they run -----------------

def test_readme_queries_look_cheap(readme_queries):
    from search.sparql import looks_expensive
    assert {title: looks_expensive(q) for title, q in readme_queries} == {title: None for title, _ in readme_queries}


@pytest.mark.parametrize("query, reason", [
    ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "cross product"),
    ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f", "cross product"),
    ("SELECT * WHERE { { SELECT ?a ?b ?c { ?a ?b ?c } } ?d ?e ?f }", "cross product"),
    ("SELECT * WHERE { ?s (skos:broader|^skos:broader)* ?o }", "bracketed property path"),
    ("SELECT * WHERE { ?s (<http://x/p>/<http://x/q>)+ ?o }", "bracketed property path"),
    ("ASK { FILTER(" + "(" * 20 + "1" + ")" * 20 + ") }", "nested 22 deep"),
])
def test_expensive_looking_queries_are_recognised(query, reason):
    from search.sparql import looks_expensive
    assert reason in (looks_expensive(query) or "")


@pytest.mark.parametrize("query", [
    "SELECT ?a ?b ?c WHERE { ?a skg:principle ?b . ?b skg:number ?c } GROUP BY ?a ?b ?c ORDER BY ?a ?b",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 5",
    "SELECT ?c WHERE { ?c rdfs:subClassOf* skg:Recommendation }",   # one hierarchy: cheap
    "SELECT (?n * 2 AS ?d) WHERE { ?s skg:number ?n FILTER((?n + 1) * 2 > 4) }",
    "SELECT * WHERE { ?s skg:text ?t FILTER(CONTAINS(?t, '?a ?b ?c ?d ?e ?f')) }",   # variables in a string
])
def test_ordinary_queries_look_cheap(query):
    from search.sparql import looks_expensive
    assert looks_expensive(query) is None


def test_a_syntax_error_says_what_to_write_instead_not_the_parsers_character_classes():
    import pyoxigraph as ox

    from search.sparql import PREFIXES, describe_syntax_error
    query = "DESCRIBE id:standard/3.5"       # the README's short form, used as a prefixed name
    with pytest.raises(SyntaxError) as exc:
        ox.Store().query(query, prefixes=PREFIXES)
    message = describe_syntax_error(query, exc.value)
    assert "line 1, column 25" in message and r"id:standard\/3.5" in message and "'0'" not in message


@pytest.mark.parametrize("query, line, col, word", [
    ("SELEC ?s WHERE { ?s ?p ?o }", 1, 1, "SELEC"),
    ("PREFIX skg: <https://w3id.org/standards-kg/ontology#>\n  selectt ?s WHERE { ?s ?p ?o }", 2, 3, "selectt"),
])
def test_a_misspelt_query_form_is_named_where_it_is(query, line, col, word):
    import pyoxigraph as ox

    from search.sparql import PREFIXES, describe_syntax_error
    with pytest.raises(SyntaxError) as exc:
        ox.Store().query(query, prefixes=PREFIXES)
    first = describe_syntax_error(query, exc.value).split("\n")[0]
    assert first == (f"SPARQL syntax error at line {line}, column {col}: a query begins with SELECT, ASK, "
                     f"CONSTRUCT or DESCRIBE (after any PREFIX), not '{word}'")
