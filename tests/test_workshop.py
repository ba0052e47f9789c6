"""Workshop kit end to end on the real build: handouts (the PDF's text extracted with
pypdf, the Word file read back), slides (the PPTX read back with python-pptx, the HTML
deck driven in Chromium from file:// with the network off), quizzes checked against
the graph, the offline site opened from file:// with the network off (search typed,
a result followed), and bad input through the real command line."""
from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys

import pytest

from kg_builder.config import ID_NS, ROOT
from workshop import handout, quiz, slides
from workshop.kit import Kit
from workshop.topics import resolve

TOPICS = ["informed consent", "pregnant women", "opioid agonist maintenance"]


@pytest.fixture(scope="module")
def kit(built, settings):
    k = Kit.open(settings, use_search=False)
    yield k
    k.executor.close()


def graph_value(kit, iri: str, prop: str) -> list[str]:
    """Straight from the graph, not through the kit's catalogue."""
    rows = kit.executor.query(f"SELECT ?v ?s WHERE {{ ?s {prop} ?v }}", bindings={"s": iri}, trusted=True).rows
    return sorted(r[0].value for r in rows)


def flat(text: str) -> str:
    """Whitespace as one space; a line broken after a hyphen ("child-\ncare") joined again."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


# -- handouts -----------------------------------------------------------------------------

@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("size,width,height", [("A4", 595, 842), ("Letter", 612, 792)])
def test_pdf_handout_quotes_the_standards_verbatim_on_two_pages_at_most(kit, topic, size, width, height):
    from pypdf import PdfReader
    t = kit.topic(topic)
    data = handout.render(t, kit.catalogue, "pdf", size)
    reader = PdfReader(io.BytesIO(data))
    assert 1 <= len(reader.pages) <= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (width, height)
    text = flat(" ".join(p.extract_text() for p in reader.pages))
    shown = handout.build(t, kit.catalogue).blocks
    statements = [e for b in shown for e in b.entries if e.kind in ("Standard", "Recommendation", "Evidence")]
    assert statements, topic
    in_pdf = [e for e in statements if flat(graph_value(kit, e.iri, "skg:text")[0]) in text]
    # Entries may be left out to fit two pages (the PDF says how many); the first of each kind never is.
    assert statements[0] in in_pdf
    for e in in_pdf:
        assert e.heading in text                        # its number
        assert e.iri.removeprefix(ID_NS) in text        # traceable to its IRI
    assert "International Standards for the Treatment of Drug Use Disorders" in text   # the document cited


def test_pdf_prints_in_black_and_white(kit):
    """Every colour the PDF sets is a grey (r = g = b): nothing is told by colour alone."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream
    reader = PdfReader(io.BytesIO(handout.render(kit.topic("opioid agonist maintenance"), kit.catalogue, "pdf")))
    colours = []
    for page in reader.pages:
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op in (b"rg", b"RG", b"sc", b"SC", b"scn", b"SCN") and len(operands) == 3:
                colours.append(tuple(round(float(x), 3) for x in operands))
    assert colours, "the PDF sets no colour at all: the check would prove nothing"
    assert all(r == g == b for r, g, b in colours), sorted(set(colours))


def test_handout_strengths_ratings_and_principles_come_from_the_graph(kit):
    t = kit.topic("opioid agonist maintenance")
    md = handout.render(t, kit.catalogue, "md").decode()
    rated = [r for r in t.recommendations if graph_value(kit, r.iri, "skg:strength/rdfs:label")]
    assert rated, "the topic has WHO recommendations with a strength"
    for r in rated[:3]:  # the first ones are shown (they come first)
        (strength,) = graph_value(kit, r.iri, "skg:strength/rdfs:label")
        block = md[md.index(f"**WHO recommendation {r.number}**"):][:900]
        assert f"**[{strength} recommendation]**" in block and graph_value(kit, r.iri, "skg:text")[0] in block
    assert "## Evidence ratings" in md and "Evidence from RCTs" in md
    consent = handout.render(kit.topic("informed consent"), kit.catalogue, "md").decode()
    assert "Principle 2: Ensuring ethical standards of care" in consent
    assert graph_value(kit, ID_NS + "standard/2.2", "skg:text")[0] in consent


def test_word_handout_reads_back(kit):
    from docx import Document
    doc = Document(io.BytesIO(handout.render(kit.topic("pregnant women"), kit.catalogue, "docx")))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "Pregnant women"
    assert graph_value(kit, ID_NS + "standard/5.1", "skg:text")[0] in paragraphs
    assert any("id:standard/5.1" in p for p in paragraphs)


def test_a_question_uses_the_search_engine(built, settings):
    k = Kit.open(settings)
    try:
        t = k.topic("can someone in prison be made to take treatment?")
        assert "search: the engine's cited answer" in t.matched
        for q in t.quotes:  # cited sentences are the passage's own words
            assert q.text in k.catalogue.passage_by_iri[q.citation.passage].text
        assert t.statements
    finally:
        k.executor.close()


# -- slides ---------------------------------------------------------------------------------

def test_pptx_has_one_slide_per_statement_read_back(kit):
    from pptx import Presentation
    t = kit.topic("opioid agonist maintenance")
    deck = slides.build(t, kit.catalogue)
    prs = Presentation(io.BytesIO(slides.render(t, kit.catalogue, "pptx")))
    assert len(prs.slides) == len(deck.slides) == 2 + min(len(t.standards) + len(t.recommendations), 12)
    texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in prs.slides]
    assert texts[0].startswith("Opioid agonist maintenance")
    assert texts[-1].startswith("References")
    rated = next(r for r in t.recommendations if r.strength)
    (strength,) = graph_value(kit, rated.iri, "skg:strength/rdfs:label")
    (source,) = graph_value(kit, rated.iri, "skg:source")
    slide = next(x for x in texts if f"WHO recommendation {rated.number} " in x)
    assert graph_value(kit, rated.iri, "skg:text")[0] in slide
    assert f"{strength} recommendation" in slide and source in slide
    sizes = [r.font.size.pt for s in list(prs.slides)[1:-1] for sh in s.shapes for p in sh.text_frame.paragraphs
             for r in p.runs if r.text.startswith("“")]
    assert min(sizes) >= 18 and max(sizes) >= 28   # large type




@pytest.fixture
def offline_page(browser):
    """A page whose every request that is not file:// is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
    outside: list[str] = []
    context.route(re.compile(r"^(?!file:).*"), lambda route: (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("request", lambda r: None if r.url.startswith("file:") else outside.append(r.url))
    yield page, outside
    context.close()


def test_html_deck_runs_offline_in_chromium(kit, tmp_path, offline_page):
    page, outside = offline_page
    t = kit.topic("opioid agonist maintenance")
    path = tmp_path / "deck.html"
    path.write_bytes(slides.render(t, kit.catalogue, "html"))
    page.goto(path.as_uri())
    assert page.locator(".slide.current h1").inner_text() == "Opioid agonist maintenance"
    page.keyboard.press("ArrowRight")
    current = page.locator(".slide.current")
    first = slides.build(t, kit.catalogue).slides[1]
    assert current.locator("h2").inner_text() == first.heading
    assert flat(current.locator("blockquote").inner_text()) == flat(first.text)
    assert page.url.endswith("#slide-2")
    page.keyboard.press("End")
    assert page.locator(".slide.current h2").inner_text() == "References"
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.slide.current')).fontSize)")
    assert font >= 28  # large type on a 1280-pixel projector
    assert outside == []


# -- quizzes ----------------------------------------------------------------------------------

def check_item(kit, item: dict) -> None:
    """The correct option is provable from source.text or the graph; no distractor is."""
    options, answer, source = item["options"], item["answer"], item["source"]
    assert 0 <= answer < len(options) and len(set(options)) == len(options) >= 2
    assert graph_value(kit, source["iri"], "skg:text") == [source["text"]]
    if item["kind"] == "cloze":
        blanked = re.search(r"“(.*)”$", item["question"]).group(1)
        assert blanked.replace(quiz.BLANK, options[answer], 1) == source["text"]
        for k, wrong in enumerate(options):
            if k != answer:
                assert blanked.replace(quiz.BLANK, wrong, 1) != source["text"]
                assert not re.search(rf"(?<![\w-]){re.escape(wrong)}(?![\w-])", source["text"], re.I)
    elif item["kind"] == "principle":
        (principle,) = graph_value(kit, source["iri"], "skg:principle")
        titles = {graph_value(kit, principle, "skg:number")[0]: graph_value(kit, principle, "dcterms:title")[0]}
        n, title = next(iter(titles.items()))
        assert options[answer] == f"Principle {n}: {title}"
        assert sum(o.startswith(f"Principle {n}:") for o in options) == 1
    elif item["kind"] == "strength":
        assert options[answer] == f"{graph_value(kit, source['iri'], 'skg:strength/rdfs:label')[0]} recommendation"
    elif item["kind"] == "rating":
        (modality,) = graph_value(kit, source["iri"], "skg:modality")
        has = set(graph_value(kit, modality, "skg:evidenceRating/rdfs:label"))
        assert options[answer] in has
        assert options[answer] == graph_value(kit, source["iri"], "skg:evidenceRating/rdfs:label")[0]
        assert not (set(options) - {options[answer]}) & has
    else:
        pytest.fail(f"unknown kind {item['kind']}")


@pytest.mark.parametrize("topic", [None, *TOPICS])
def test_quiz_items_are_provable_from_the_graph(kit, topic):
    data = json.loads(kit.quiz(topic, n=12, seed=7))
    assert data["items"]
    kinds = {i["kind"] for i in data["items"]}
    if topic is None:
        assert kinds == set(quiz.KINDS)
    for item in data["items"]:
        assert set(item) >= {"question", "options", "answer", "explanation", "source"}
        assert set(item["source"]) == {"iri", "section", "text"}
        check_item(kit, item)


def test_same_seed_same_quiz_other_seed_other_quiz(kit):
    assert kit.quiz(n=10, seed=3) == kit.quiz(n=10, seed=3)
    assert kit.quiz(n=10, seed=3) != kit.quiz(n=10, seed=4)


def test_quiz_markdown_and_html_have_an_answer_key(kit):
    q = quiz.generate(kit.catalogue, n=5, seed=1)
    md = quiz.render(q, "md").decode()
    assert "## Answer key" in md
    first = q.items[0]
    assert f"1. **{'ABCD'[first.answer]}. {first.options[first.answer]}**" in md
    page = quiz.render(q, "html").decode()
    assert '<section id="key">' in page and first.source.iri in page
    assert page.count('<details class="reveal">') == len(q.items)   # each answer one click away on screen


# -- offline site -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site_dir(built, settings, tmp_path_factory):
    out = tmp_path_factory.mktemp("usb") / "standards"
    r = cli("--build-dir", str(settings.build_dir), "export-site", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


def test_site_has_a_page_for_every_item(kit, site_dir):
    rows = kit.executor.query("""SELECT DISTINCT ?e WHERE { ?e a ?c . ?c rdfs:subClassOf* ?top .
        VALUES ?top { skg:Document skg:Principle skg:Standard skg:Recommendation skg:Population skg:Intervention
                      skg:EvidenceStatement skg:Substance skg:TreatmentModality } }""", trusted=True).rows
    expected = {r[0].value for r in rows}
    assert len(expected) > 250
    pages = list((site_dir / "items").glob("*.html")) + list((site_dir / "docs").glob("*.html"))
    shown = {html.unescape(m) for p in pages for m in re.findall(r'<p class="iri">(.*?)</p>', p.read_text())}
    assert expected <= shown, sorted(expected - shown)[:5]
    standard = (site_dir / "items" / "standard_2.2.html").read_text()
    assert graph_value(kit, ID_NS + "standard/2.2", "skg:text")[0] in standard
    assert "Principle 2: Ensuring ethical standards" in standard and "Source passages" in standard
    assert not re.search(r"(src|href)=\"(https?:)?//", "".join(p.read_text() for p in pages))


def test_site_opens_from_file_and_searches_offline(site_dir, offline_page):
    page, outside = offline_page
    page.goto((site_dir / "index.html").as_uri())
    page.click("nav.toc a[href='#Standard']")   # the contents open the closed list of standards
    assert page.evaluate("document.getElementById('Standard').open")
    page.fill("#q", "informed consent")
    first = page.locator("#results li a").first
    first.wait_for()
    assert first.inner_text() == "Standard 2.2"
    first.click()
    page.wait_for_url(re.compile(r"standard_2\.2\.html$"))
    assert page.locator("h1").inner_text() == "Standard 2.2"
    page.locator("a", has_text="Principle 2: Ensuring ethical standards").first.click()
    assert page.locator("h1").inner_text().startswith("Principle 2")
    page.fill("header input[name=q]", "naloxone")   # the search box of any page
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"index\.html\?q=naloxone"))
    page.locator("#results li").first.wait_for()
    assert "naloxone" in page.locator("#results").inner_text().lower()
    page.emulate_media(media="print")   # prints without the navigation and search box
    assert page.locator("header.top").is_hidden() and page.locator("#search-box").is_hidden()
    assert page.pdf().startswith(b"%PDF")
    assert outside == []


def test_export_site_replaces_an_earlier_export_but_not_other_folders(settings, tmp_path, site_dir):
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"x")
    r = cli("--build-dir", str(settings.build_dir), "export-site", "--out", str(other))
    assert r.returncode == 2 and "not an earlier export" in r.stderr and "Traceback" not in r.stderr
    assert (other / "holiday.jpg").read_bytes() == b"x"


# -- bad input through the real CLI ------------------------------------------------------------------

@pytest.mark.parametrize("search", [False, True])
def test_unknown_topic_lists_close_topics(settings, search):
    r = cli("--build-dir", str(settings.build_dir), "handout", "pregnnt women", *([] if search else ["--no-search"]),
            "--format", "md", "--out", "-")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "close topics" in r.stderr and "'pregnant women'" in r.stderr


def test_unrelated_topic_is_refused_with_examples(settings):
    r = cli("--build-dir", str(settings.build_dir), "slides", "quantum computing", "--no-search")
    assert r.returncode == 2 and "no principle, standard or recommendation" in r.stderr
    assert "Traceback" not in r.stderr


def test_unwritable_out_is_a_one_line_error(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for out in (tmp_path / "missing" / "h.pdf", blocker / "h.pdf", tmp_path):
        r = cli("--build-dir", str(settings.build_dir), "handout", "informed consent", "--no-search", "--out", str(out))
        assert r.returncode == 2, out
        assert len(r.stderr.strip().splitlines()) == 1 and "--out" in r.stderr and "Traceback" not in r.stderr


def test_cli_writes_each_format(settings, tmp_path):
    for args, name in ((["handout", "informed", "consent", "--format", "docx"], "informed-consent-handout.docx"),
                       (["slides", "pregnant women", "--format", "pptx"], "pregnant-women-slides.pptx"),
                       (["quiz", "--topic", "informed consent", "-n", "3", "--format", "md", "--out", "q.md"], "q.md")):
        r = cli("--build-dir", str(settings.build_dir), *args, "--no-search", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert (tmp_path / name).stat().st_size > 1000
    r = cli("--build-dir", str(settings.build_dir), "quiz", "-n", "2", "--seed", "5", "--no-search")
    assert len(json.loads(r.stdout)["items"]) == 2


def test_topic_names_an_item_page(kit):
    t = resolve(ID_NS + "recommendation/standards/who-15", kit.catalogue)
    assert t.recommendations[0].iri.endswith("who-15")
    assert all(r.citation.section == "3.4.8.1" for r in t.recommendations)


# -- the app's Workshop page --------------------------------------------------------------------

@pytest.fixture
def app(built, settings, monkeypatch):
    from streamlit.testing.v1 import AppTest
    monkeypatch.setenv("STANDARDS_KG_BUILD", str(settings.build_dir))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def make(**params):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
        for k, v in params.items():
            at.query_params[k] = v
        return at.run()
    return make


def test_app_makes_a_handout_for_a_topic_and_pins_it(app, kit):
    from workshop.collection import Collection, Pin
    at = app(page="workshop", topic="informed consent")
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert graph_value(kit, ID_NS + "standard/2.2", "skg:text")[0] in text
    labels = {b.label for b in at.get("download_button")}
    assert {"Handout (PDF)", "Handout (Word)", "Slides (PowerPoint)", "Slides (HTML, offline)",
            "Quiz with answer key"} <= labels
    at.button(key="pin-topic").click().run()
    assert not at.exception
    assert Collection.from_param(at.query_params["c"]).pins == [Pin("question", "informed consent")]


def test_app_collection_in_the_url_is_shown_in_order_and_reordered(app, kit):
    from workshop.collection import Collection, Pin
    c = Collection("Ethics day", [Pin("item", ID_NS + "recommendation/standards/who-15"),
                                  Pin("item", ID_NS + "standard/2.2")])
    at = app(page="workshop", c=c.to_param())
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert text.index("1. Recommendation WHO-15") < text.index("2. Standard 2.2")
    at.button(key="down-0").click().run()
    assert not at.exception
    assert Collection.from_param(at.query_params["c"]).pins == c.pins[::-1]
    labels = {b.label for b in at.get("download_button")}
    assert "Download the collection (JSON)" in labels and "Handout (PDF)" in labels


def test_app_item_and_answer_pages_link_to_a_handout(app):
    at = app(page="browse", item=ID_NS + "standard/2.2")
    assert not at.exception
    assert any("page=workshop&amp;topic=" in m.value or "page=workshop&topic=" in m.value for m in at.markdown)


def test_app_downloads_a_handout_pdf_in_chromium(built, settings, browser, tmp_path):
    """The download buttons make their file when pressed (deferred data): a real click in
    Chromium against `streamlit run` gets a PDF with the topic's standard in it."""
    from pypdf import PdfReader
    from servers import start_app, stop
    proc, url = start_app(settings.build_dir)
    try:
        page = browser.new_page(accept_downloads=True)
        page.goto(f"{url}/?page=workshop&topic=informed%20consent")
        button = page.get_by_role("button", name="Handout (PDF)")
        button.wait_for(timeout=240_000)
        with page.expect_download(timeout=120_000) as download:
            button.click()
        assert download.value.suggested_filename == "informed-consent-handout.pdf"
        text = flat(PdfReader(download.value.path()).pages[0].extract_text())
        assert "Informed consent should be obtained from a patient before initiating treatment" in text
        page.get_by_role("button", name="Pin this topic to the collection").click()
        page.wait_for_url(re.compile(r"&c=[A-Za-z0-9_-]+"))
        page.close()
    finally:
        stop(proc)


def test_app_collection_survives_a_visit_to_another_page(app):
    from workshop.collection import Collection, Pin
    c = Collection("Ethics day", [Pin("item", ID_NS + "standard/2.2")])
    at = app(page="workshop", c=c.to_param())
    at.radio(key="page_choice").set_value("ask").run()
    assert not at.exception and "c" not in at.query_params
    at.text_input(key="question").set_value("informed consent").run()
    links = [m.value for m in at.markdown if "Make a handout" in m.value]
    assert links and f"c={c.to_param()}" in links[0]   # the link to the Workshop page carries the collection
    at.radio(key="page_choice").set_value("workshop").run()
    assert not at.exception
    assert Collection.from_param(at.query_params["c"]) == c


def test_a_topic_in_another_language_is_read_by_the_search_not_taken_for_a_misspelling(built, settings):
    searching = Kit.open(settings, use_search=True)
    try:
        topic = searching.topic("consentement éclairé du patient avant le traitement")
    finally:
        searching.executor.close()
    assert topic.matched == ["search: the engine's cited answer"]      # no French word matched as English
    assert any(p.number == "2" for p in topic.principles)              # ethical standards of care: consent


def test_a_handout_never_quotes_a_statement_twice(built, settings):
    searching = Kit.open(settings, use_search=True)   # the search's cited sentences are quoted too
    try:
        topic = searching.topic("Should pregnant women get methadone?")
    finally:
        searching.executor.close()
    stated = {" ".join(s.text.split()) for s in topic.standards + topic.recommendations}
    assert stated and not any(" ".join(q.text.split()) in stated for q in topic.quotes)


def test_a_quiz_never_gives_away_one_question_s_answer_in_another(kit):
    # a statement is asked about once: quoted whole in one question, it would show the
    # word blanked in another
    for topic in ("informed consent", "pregnant women", None):
        items = json.loads(kit.quiz(topic, n=30, seed=1))["items"]
        sources = [item["source"]["iri"] for item in items]
        assert len(sources) == len(set(sources)), topic


def test_a_resolution_s_preamble_is_never_shown_as_a_recommendation(kit):
    from workshop.content import blocks
    topic = kit.topic("women and children")
    preamble = {s.iri for s in topic.recommendations if s.kind == "PreambularParagraph"}
    shown = {b.title: {e.iri for e in b.entries} for b in blocks(topic, kit.catalogue)}
    assert preamble and not preamble & shown.get("Recommendations", set())
    assert shown["From the resolution's preamble"] == preamble
