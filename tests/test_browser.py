"""End to end in a real browser: Debian's Chromium driven by Playwright against the
app started with `streamlit run` on a free loopback port. Screenshots of each page go
to tests/screenshots/ (git-ignored)."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from kg_builder.config import ROOT
from servers import start_app, stop

SHOTS = ROOT / "tests" / "screenshots"
ANSWER_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def app_url(built, settings):
    proc, url = start_app(settings.build_dir)
    yield url
    stop(proc)




@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def wait_answer(page):
    """The answer with a citation marker, and the passage card it jumps to."""
    page.locator("a.skg-cite").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.locator("#passage-1").wait_for(state="attached", timeout=ANSWER_TIMEOUT_MS)


def test_ask_a_question_and_see_answer_and_citation(page, app_url):
    page.goto(app_url)
    box = page.get_by_label("Question")
    box.wait_for(timeout=ANSWER_TIMEOUT_MS)
    box.fill("can treatment be forced on someone in prison?")
    box.press("Enter")
    wait_answer(page)
    assert page.locator("#passage-1").count() == 1
    page.locator("[data-testid='stMarkdownContainer']").filter(
        has_text=re.compile("prison", re.I)).first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "q=can+treatment" in page.url or "q=can%20treatment" in page.url
    # Every card shows its whole passage, highlighted or not (issue 11, item 7). Streamlit
    # draws them one after another: wait for the third.
    page.wait_for_function("document.querySelectorAll('.skg-passage').length >= 3", timeout=ANSWER_TIMEOUT_MS)
    cards = page.locator(".skg-passage").evaluate_all(
        "els => els.map(e => e.closest('[data-testid=stMarkdownContainer]').innerText)")
    assert len(cards) >= 3 and all(len(c.split()) >= 12 for c in cards)
    shot(page, "ask")


def test_follow_a_cross_reference_into_browse(page, app_url):
    page.goto(f"{app_url}/?q={quote('pregnant women on methadone')}")
    wait_answer(page)
    # A cross-reference reads as the start of the statement's text; its page is titled
    # with the statement's label.
    ref = page.locator("a[href*='item=https%3A%2F%2Fw3id.org%2Fstandards-kg%2Fid%2Fstandard%2F']").first
    ref.wait_for(timeout=ANSWER_TIMEOUT_MS)
    start = ref.inner_text().rstrip("…")
    assert not re.fullmatch(r"Standard [\d.]+", start)
    ref.click()
    page.get_by_role("heading", name=re.compile(r"^Standard \d\.\d+$")).wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.get_by_text(start[:40]).first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "item=" in page.url
    page.get_by_text("Source passages").wait_for()
    shot(page, "browse-item")


def test_shared_link_shows_the_answer(page, app_url):
    page.goto(f"{app_url}/?q={quote('Should family members get naloxone?')}")
    wait_answer(page)
    from playwright.sync_api import expect
    expect(page.get_by_label("Question")).to_have_value("Should family members get naloxone?",
                                                          timeout=ANSWER_TIMEOUT_MS)
    # Streamlit renders the page top to bottom; the panel may arrive after the passages.
    page.get_by_role("heading", name="Cross-references").wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.locator("a[href*='page=browse&item=']").first.wait_for(timeout=ANSWER_TIMEOUT_MS)


def test_browse_page(page, app_url):
    page.goto(f"{app_url}/?page=browse")
    page.get_by_text("Principle 1: Treatment must be available").wait_for(timeout=ANSWER_TIMEOUT_MS)
    shot(page, "browse")


def test_sparql_example_run_and_download(page, app_url):
    page.goto(f"{app_url}/?page=sparql")
    page.get_by_role("button", name="Number of standards per principle").click(timeout=ANSWER_TIMEOUT_MS)
    # The click reruns the script; run only once the example is in the editor.
    page.wait_for_function("() => [...document.querySelectorAll('textarea')].some(t => "
                           "t.value.includes('COUNT(?s) AS ?standards'))", timeout=ANSWER_TIMEOUT_MS)
    page.get_by_role("button", name="Run query").click()
    grid = page.locator("[data-testid='stDataFrame']")
    grid.wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.get_by_text("7 rows").wait_for(timeout=ANSWER_TIMEOUT_MS)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    path = info.value.path()
    lines = open(path, encoding="utf-8").read().splitlines()
    assert lines[0] == "principle,title,standards" and len(lines) == 8
    shot(page, "sparql")


def test_bad_sparql_shows_an_error(page, app_url):
    page.goto(f"{app_url}/?page=sparql")
    editor = page.get_by_label("Query")
    editor.wait_for(timeout=ANSWER_TIMEOUT_MS)
    editor.fill("SELECT ?x WHERE { ?x ?y }")
    page.keyboard.press("Control+Enter")
    page.get_by_role("button", name="Run query").click()
    page.get_by_text("The query cannot run.").wait_for(timeout=ANSWER_TIMEOUT_MS)
    # The error's position is shown in a code block under the message.
    code = page.locator("[data-testid='stCode']").filter(has_text="line 1, column").first
    code.wait_for(timeout=ANSWER_TIMEOUT_MS)
    code.scroll_into_view_if_needed()
    shot(page, "sparql-error")


def test_about_page(page, app_url):
    page.goto(f"{app_url}/?page=about")
    page.get_by_text("How to cite").wait_for(timeout=ANSWER_TIMEOUT_MS)
    shot(page, "about")


# -- what users hit (issue 11) ------------------------------------------------------------

# Any label (a <p> in a button, radio option or the sidebar title) whose text is wider
# than its box: the browser cuts it ("can treatment be f…").
CUT_LABELS_JS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.innerText)"""


@pytest.mark.parametrize("large", [False, True])
def test_no_label_is_cut_at_1280_px(browser, app_url, large):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?q={quote('Should family members get naloxone?')}" + ("&large=1" if large else ""))
        wait_answer(page)
        page.get_by_role("button", name="Download as Markdown").wait_for(timeout=ANSWER_TIMEOUT_MS)
        examples = page.locator("[class*='st-key-example-'] button")
        assert examples.count() == 5
        for i in range(5):
            text = examples.nth(i).inner_text()
            assert text.endswith("?") or text.endswith("treatment"), text  # the whole question
        assert page.evaluate(CUT_LABELS_JS, "button p") == []
        title = page.locator(".skg-title")
        assert title.inner_text() == "standards‑kg"
        box = title.bounding_box()
        assert box["height"] < 2 * float(title.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        page.goto(f"{app_url}/?page=browse" + ("&large=1" if large else ""))
        page.get_by_text("Interventions & substances").wait_for(timeout=ANSWER_TIMEOUT_MS)
        assert page.evaluate(CUT_LABELS_JS, "[role='radiogroup'] p, button p") == []
        shot(page, f"labels-{'large' if large else 'normal'}")
    finally:
        context.close()


def test_large_text_enlarges_the_statements_and_passages_a_projector_shows(browser, app_url):
    # what a room reads from the wall: the statement cards, the answer and the passages
    sizes = {}
    for large in (False, True):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        try:
            page.goto(f"{app_url}/?q={quote('Should family members get naloxone?')}" + ("&large=1" if large else ""))
            wait_answer(page)
            page.locator(".skg-statement").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
            sizes[large] = [float(page.locator(sel).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
                            for sel in (".skg-statement", ".skg-read")]
        finally:
            context.close()
    assert all(big >= 1.3 * small for small, big in zip(sizes[False], sizes[True])), sizes


def test_no_deploy_button_or_developer_menu(page, app_url):
    page.goto(app_url)
    page.get_by_label("Question").wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.wait_for_timeout(1000)  # the toolbar draws after the first script run
    assert page.get_by_role("button", name="Deploy").count() == 0
    assert page.get_by_text("Deploy", exact=True).count() == 0


def test_sparql_downloads_keep_the_results(page, app_url):
    page.goto(f"{app_url}/?page=sparql")
    page.get_by_role("button", name="Number of standards per principle").click(timeout=ANSWER_TIMEOUT_MS)
    page.wait_for_function("() => [...document.querySelectorAll('textarea')].some(t => "
                           "t.value.includes('COUNT(?s) AS ?standards'))", timeout=ANSWER_TIMEOUT_MS)
    page.get_by_role("button", name="Run query").click()
    page.get_by_text("7 rows").wait_for(timeout=ANSWER_TIMEOUT_MS)
    with page.expect_download() as csv:
        page.get_by_role("button", name="Download CSV").click()
    assert open(csv.value.path(), encoding="utf-8").read().splitlines()[0] == "principle,title,standards"
    page.wait_for_timeout(1500)  # a rerun, if the click caused one, would have wiped the table by now
    assert page.get_by_text("7 rows").is_visible()
    with page.expect_download() as js:
        page.get_by_role("button", name="Download JSON").click()
    import json
    assert len(json.load(open(js.value.path(), encoding="utf-8"))["results"]["bindings"]) == 7
    # The address is a permalink: a new tab with it shows the query and its result.
    assert "query=" in page.url
    page.goto(page.url)
    page.get_by_text("7 rows").wait_for(timeout=ANSWER_TIMEOUT_MS)
    # The query is shown with syntax highlighting (coloured tokens, not plain text).
    page.get_by_text("The query, highlighted").click()
    tokens = page.locator("[data-testid='stCode'] .token.keyword")
    tokens.first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert tokens.count() >= 3


def test_printing_an_answer_prints_the_answer_not_the_controls(page, app_url, tmp_path):
    from pypdf import PdfReader
    page.goto(f"{app_url}/?q={quote('Should family members get naloxone?')}")
    wait_answer(page)
    page.get_by_role("heading", name="Cross-references").wait_for(timeout=ANSWER_TIMEOUT_MS)
    answer = page.locator("a.skg-cite").first.evaluate("a => a.closest('[data-testid=stMarkdownContainer]').innerText")
    page.emulate_media(media="print")
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert not page.get_by_role("button", name="Download as Markdown").is_visible()
    pdf = tmp_path / "answer.pdf"
    page.pdf(path=str(pdf), print_background=False)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages)
    assert " ".join(answer.split())[:60] in text        # the answer, with its citation markers
    assert "[1]" in text and "Cross-references" in text
    for control in ("Large text (projector)", "Download as Markdown", "Copy as Markdown", "Examples:"):
        assert control not in text, control
