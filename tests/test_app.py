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
    assert 'class="skg-cite"' in markdown_text(at) and 'id="passage-1"' in markdown_text(at)
    assert at.query_params["q"] == at.text_input(key="question").value


def test_question_in_the_url_is_answered_with_citations(app):
    at = app(q="Should family members get naloxone?")
    assert not at.exception
    text = markdown_text(at)
    assert 'class="skg-cite"' in text and 'id="passage-1"' in text
    assert "naloxone" in text.lower()
    assert "?page=browse&amp;item=" in text or "?page=browse&item=" in text  # cross-references link into Browse


def test_the_statements_that_govern_lead_as_cards(app):
    at = app(q="Is methadone recommended?")
    assert not at.exception
    text = markdown_text(at)
    first_card = text.index('class="skg-statement"')
    assert "WHO recommendation, Strong" in text[first_card:first_card + 400]
    assert 'skg-badge Strong' in text[first_card:first_card + 600]
    assert first_card < text.index('id="passage-1"')  # above the passages


def test_a_cross_reference_group_opens_its_query_on_the_sparql_page(app):
    import re
    import urllib.parse
    at = app(q="pregnant women on methadone")
    links = re.findall(r'class="skg-sparql" href="\?page=sparql&amp;query=([^"]+)"|'
                       r'class="skg-sparql" href="\?page=sparql&query=([^"]+)"', markdown_text(at))
    assert links
    query = urllib.parse.unquote(next(a or b for a, b in links))
    sparql = app(page="sparql", query=query)
    assert not sparql.exception and not sparql.error
    assert sparql.text_area(key="sparql_query").value == query
    assert sparql.dataframe  # it ran, and its rows are shown


def test_an_item_page_shows_its_mappings_to_other_vocabularies(app):
    at = app(page="browse", item="https://w3id.org/standards-kg/id/intervention/methadone")
    assert not at.exception
    text = markdown_text(at)
    assert "In other vocabularies" in [h.value for h in at.subheader]
    assert "N07BC02" in text and "whocc.no" in text  # methadone's ATC code, with its source


def test_a_question_in_spanish_says_the_documents_are_in_english(app):
    at = app(q="¿Deberían los familiares recibir naloxona para revertir una sobredosis?")
    assert not at.exception
    assert any("documents are in English" in c.value for c in at.caption)


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


ID = "https://w3id.org/standards-kg/id/"


def test_browse_filters_are_in_the_url(app):
    at = app(page="browse", tab="filter")
    at.selectbox(key="filter-population").select(ID + "population/pregnant-women").run()
    assert not at.exception
    assert "Standard 1.8" in markdown_text(at)
    assert at.query_params["population"] == [ID + "population/pregnant-women"] or \
        at.query_params["population"] == ID + "population/pregnant-women"
    # The same address opens the same filtered list.
    shared = app(page="browse", tab="filter", population=ID + "population/pregnant-women")
    assert "Standard 1.8" in markdown_text(shared)
    assert shared.selectbox(key="filter-population").value == ID + "population/pregnant-women"


def test_browse_section_is_in_the_url_and_numbers_sort_as_numbers(app):
    at = app(page="browse", tab="resolution")
    assert not at.exception
    text = markdown_text(at)
    positions = [text.index(f">Condition {n}<") for n in range(1, 16)]
    assert positions == sorted(positions)  # 1, 2 … 10, not 1, 10, 11 … 2
    assert "Principle 1: Treatment must be available" not in " ".join(e.label for e in at.expander)


def test_passage_cards_show_the_whole_passage_even_with_nothing_highlighted(app, settings):
    import html
    import json
    texts = {}
    with open(settings.build_dir / "passages.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            texts[r["iri"]] = r["text"]
    at = app(q="what does principle 4 say")  # the example: most cards have nothing highlighted
    cards = [m.value for m in at.markdown if 'class="skg-passage"' in m.value]
    iris = [c.value for c in at.caption if c.value in texts]
    assert len(cards) == len(iris) >= 3
    for card, iri in zip(cards, iris):
        body = card.split("<br>", 1)[1].removesuffix("</div>").replace("<mark>", "").replace("</mark>", "")
        assert body == html.escape(texts[iri])  # the whole passage, not only its highlights
    assert any("<mark>" not in c for c in cards) and any("<mark>" in c for c in cards)


def test_cross_references_read_as_their_text_and_citations_lead_to_the_publisher(app):
    import re
    at = app(q="what should services for pregnant women provide?")
    refs = [m.value for m in at.markdown if 'class="skg-ref"' in m.value]
    statements = [r for r in refs if re.search(r"<small>(Recommendation|Standard) ", r)]
    assert statements
    for ref in statements:  # the link reads as the statement's text, its label only in small
        assert not re.search(r">(Recommendation|Standard) [\w.-]+(/\d+)?</a>", ref), ref
    cards = [m.value for m in at.markdown if 'class="skg-passage"' in m.value]
    assert cards and all('href="https://' in c for c in cards)  # each card links its publisher's page


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
    assert at.error and any("line 1, column" in c.value for c in at.code)
    at.text_area(key="sparql_query").input("DELETE WHERE { ?s ?p ?o }").run()
    at.button(key="run-query").click().run()
    assert any("read-only" in c.value for c in at.code)


def test_sparql_result_survives_reruns_and_the_query_is_a_permalink(app):
    at = app(page="sparql")
    at.button(key="sparql-example-4").click().run()
    at.button(key="run-query").click().run()
    assert len(at.dataframe[0].value) == 7
    query = at.text_area(key="sparql_query").value
    assert at.query_params["query"] in (query, [query])
    # Any other widget reruns the page: the table and both downloads stay.
    at.toggle(key="large_text").set_value(True).run()
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 7
    # The address alone shows the query and its result.
    shared = app(page="sparql", query=query)
    assert not shared.exception
    assert shared.text_area(key="sparql_query").value == query
    assert len(shared.dataframe) == 1 and len(shared.dataframe[0].value) == 7
    assert any(c.language == "sparql" for c in shared.code)  # highlighted


# -- the helpers behind the cards and lists (no build needed) -------------------------------

def test_lists_are_cut_at_a_word_boundary_never_mid_word():
    from search.browse import shorten
    text = "Treatment interventions for drug use disorders should not be imposed on individuals"
    cut = shorten(text, 40)
    assert cut.endswith("…") and text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    assert shorten("short text", 40) == "short text"


def test_a_passage_is_shown_whole_with_its_highlights_marked_in_place():
    from search.browse import mark_highlights
    text = "First sentence. Second <b>sentence</b> here. Third."
    html = mark_highlights(text, ["Second <b>sentence</b> here.", "not in the text"])
    assert html == "First sentence. <mark>Second &lt;b&gt;sentence&lt;/b&gt; here.</mark> Third."
    assert mark_highlights(text, []) == "First sentence. Second &lt;b&gt;sentence&lt;/b&gt; here. Third."


def test_numbers_in_labels_sort_as_numbers():
    from search.browse import natural_key
    labels = ["Recommendation 3.4.11/10", "Standard 1.10", "Recommendation 3.4.11/2", "Standard 1.2", "Condition 9"]
    assert sorted(labels, key=natural_key) == ["Condition 9", "Recommendation 3.4.11/2", "Recommendation 3.4.11/10",
                                               "Standard 1.2", "Standard 1.10"]


def test_a_passage_card_names_its_sub_heading(app):
    # The cannabis paragraph sits in the psychostimulant section: its card says so.
    at = app(q="is there medication for cannabis use disorder?")
    cards = [m.value for m in at.markdown if 'class="skg-passage"' in m.value and "no approved pharmacological" in m.value]
    assert cards and "Psychostimulant Use Disorders › Pharmacological Treatment of Cannabis Use Disorders" in cards[0]
