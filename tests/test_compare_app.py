"""The Assess page in a real browser (Debian's Chromium driven by Playwright against
`streamlit run`): upload a document, correct one judgement, download the checklist and
the gap report, and continue from the saved checklist later."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg_builder.config import ROOT
from servers import start_app, stop

FIXTURES = ROOT / "tests" / "fixtures" / "compare"
SHOTS = ROOT / "tests" / "screenshots"
SLOW_MS = 240_000      # reading and judging a document on a busy 2-core machine


@pytest.fixture(scope="module")
def app_url(built, settings):
    proc, url = start_app(settings.build_dir)
    yield url
    stop(proc)




def open_assess(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{app_url}/?page=assess")
    page.get_by_text("Assess a document against the Standards").wait_for(timeout=SLOW_MS)
    return context, page


def download(page, label: str, folder: Path) -> Path:
    with page.expect_download(timeout=SLOW_MS) as info:
        page.get_by_role("button", name=label).click()
    target = folder / info.value.suggested_filename
    info.value.save_as(str(target))
    return target


def test_upload_correct_download_and_continue(browser, app_url, tmp_path):
    context, page = open_assess(browser, app_url)
    page.locator("input[type=file]").first.set_input_files(str(FIXTURES / "policy_en.md"))
    page.get_by_role("button", name="Checklist (JSON)").wait_for(timeout=SLOW_MS)
    page.get_by_text("National Strategy for the Treatment of Drug Dependence").first.wait_for()
    # Streamlit loads the chart's Vega code on first use: wait for it rather than count at once
    page.locator("[data-testid='stVegaLiteChart'], [data-testid='stArrowVegaLiteChart']").first \
        .wait_for(timeout=SLOW_MS)
    assert page.get_by_test_id("stMetric").count() == 4
    # the standard opened first is the first gap: its text beside the document's passages
    form = page.get_by_test_id("stForm")
    picker = page.get_by_role("combobox", name="Open a standard")
    picked = picker.input_value()
    found = re.match(r"([1-7]\.\d{1,2}) · ", picked)
    assert found, picked
    number = found.group(1)
    assert page.get_by_text(re.compile(r"^Status: (Partly|Not found)$")).count() == 1
    form.get_by_text("Not applicable", exact=True).click()
    form.get_by_label("Note").fill("the ministry does not run these services itself")
    form.get_by_role("button", name="Save judgement").click()
    page.get_by_text("Status: Not applicable (by hand) — the ministry does not run these services itself") \
        .wait_for(timeout=SLOW_MS)
    assert picker.input_value() == picked
    assert "1" in page.get_by_test_id("stMetric").nth(3).inner_text()      # one not applicable
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "assess.png"), full_page=True)

    checklist = download(page, "Checklist (JSON)", tmp_path)
    data = json.loads(checklist.read_text(encoding="utf-8"))
    item = next(s for s in data["standards"] if s["number"] == number)
    assert item["status"] == "not_applicable" and item["by_hand"] is True
    assert item["note"] == "the ministry does not run these services itself"
    assert len(data["standards"]) == 59 and data["document"]["file"] == "policy_en.md"

    md = download(page, "Gap report (Markdown)", tmp_path).read_text(encoding="utf-8")
    assert md.startswith("# Gap report: National Strategy") and "1 not applicable" in md
    csv_text = download(page, "Gap report (CSV)", tmp_path).read_text(encoding="utf-8")
    assert len(csv_text.strip().splitlines()) == 60
    pdf = download(page, "Gap report (PDF)", tmp_path).read_bytes()
    assert pdf.startswith(b"%PDF")
    context.close()

    # later, in a new session: the saved checklist brings the correction back
    context, page = open_assess(browser, app_url)
    page.locator("input[type=file]").nth(1).set_input_files(str(checklist))
    page.get_by_role("button", name="Checklist (JSON)").wait_for(timeout=SLOW_MS)
    # the standard corrected was the first gap, and still is: it opens first, marked by hand
    assert page.get_by_role("combobox", name="Open a standard").input_value() == picked
    page.get_by_text("Status: Not applicable (by hand)", exact=False).wait_for(timeout=30_000)
    assert page.get_by_test_id("stForm").get_by_label("Note").input_value() == \
        "the ministry does not run these services itself"
    context.close()


def test_empty_checklist_and_bad_upload(browser, app_url, tmp_path):
    context, page = open_assess(browser, app_url)
    page.get_by_role("button", name="Start an empty checklist").click()
    page.get_by_role("button", name="Checklist (JSON)").wait_for(timeout=SLOW_MS)
    assert "59" in page.get_by_test_id("stMetric").nth(2).inner_text()      # all 59 not found yet
    empty = tmp_path / "empty.md"
    empty.write_text("   \n", encoding="utf-8")
    page.locator("input[type=file]").first.set_input_files(str(empty))
    alert = page.get_by_test_id("stAlert").filter(has_text="no text found")
    alert.wait_for(timeout=SLOW_MS)
    assert "Traceback" not in page.content()
    context.close()
