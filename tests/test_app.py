"""The Streamlit app through streamlit.testing's AppTest: each page renders from the
real engine, asking renders citations, bad SPARQL shows an error, not a traceback."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from kg_builder.config import ROOT

TIMEOUT = 180  # the first run loads sentence-transformers (8-14 s here) and the graph


@pytest.fixture
def app(built, settings, monkeypatch):
    monkeypatch.setenv("STANDARDS_KG_BUILD", str(settings.build_dir))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def make(**params):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
        for k, v in params.items():
            at.query_params[k] = v
        return at.run()
    return make


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_ask_page_has_question_box_and_examples(app):
    at = app()
    assert not at.exception
    assert at.text_input(key="question").label == "Question"
    examples = [b for b in at.button if b.key and b.key.startswith("example-")]
    assert len(examples) >= 4
    examples[0].click().run()
    assert not at.exception
    assert 'href="#passage-1"' in markdown_text(at)
    assert at.query_params["q"] == at.text_input(key="question").value


def test_question_in_the_url_is_answered_with_citations(app):
    at = app(q="Should family members get naloxone?")
    assert not at.exception
    text = markdown_text(at)
    assert 'class="skg-cite"' in text and 'id="passage-1"' in text
    assert "naloxone" in text.lower()
    assert "?page=browse&amp;item=" in text or "?page=browse&item=" in text  # cross-references link into Browse


def test_out_of_scope_question_is_not_answered(app):
    at = app(q="which ketamine clinics accept insurance?")
    assert not at.exception
    assert "do not address this question" in markdown_text(at)


@pytest.mark.parametrize("params, expected", [
    ({"page": "browse"}, "Principle 1"),
    ({"page": "browse", "item": "https://w3id.org/standards-kg/id/standard/3.5"}, "Standard 3.5"),
    ({"page": "about"}, "How to cite"),
])
def test_browse_and_about_pages(app, params, expected):
    at = app(**params)
    assert not at.exception
    shown = " ".join([markdown_text(at)] + [t.value for t in at.title] + [s.value for s in at.subheader]
                     + [e.label for e in at.expander])
    assert expected in shown


def test_item_page_shows_source_passage_and_links(app):
    at = app(page="browse", item="https://w3id.org/standards-kg/id/standard/3.5")
    assert "Source passages" in [s.value for s in at.subheader]
    assert "should not be imposed on individuals" in markdown_text(at)  # the verbatim standard


def test_unknown_item_is_an_error_not_a_traceback(app):
    at = app(page="browse", item="https://example.org/nothing")
    assert not at.exception
    assert "Nothing in the graph" in at.error[0].value


def test_browse_filters(app):
    at = app(page="browse")
    at.selectbox(key="filter-population").select("pregnant women").run()
    assert not at.exception
    assert "Standard 1.8" in markdown_text(at)


def test_sparql_page_examples_run_and_errors(app):
    at = app(page="sparql")
    assert not at.exception
    examples = [b for b in at.button if b.key and b.key.startswith("sparql-example-")]
    assert len(examples) >= 8
    assert at.text_area(key="sparql_query").value.startswith("PREFIX skg:")
    at.button(key="sparql-example-4").click().run()  # "Number of standards per principle"
    at.button(key="run-query").click().run()
    assert not at.exception
    assert len(at.dataframe) >= 1 and len(at.dataframe[0].value) == 7  # standards per principle
    at.text_area(key="sparql_query").input("SELECT ?x WHERE { ?x ?y }").run()
    at.button(key="run-query").click().run()
    assert not at.exception
    assert at.error and "line 1, column" in at.code[0].value
    at.text_area(key="sparql_query").input("DELETE WHERE { ?s ?p ?o }").run()
    at.button(key="run-query").click().run()
    assert "read-only" in at.code[0].value
