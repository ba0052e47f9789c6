"""The app as a trainer meets it, in Debian's Chromium: time from `streamlit run` to the
first rendered page, and from pressing Enter to the answer visible, median over 10
questions. Baseline in the same run: the engine's own `ask` for the same questions, so
the ratio is what the browser, Streamlit and the network add. Prints the figures and
writes benchmarks/results/app_latency.{json,md}. Not a test: nothing is asserted."""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
# The project first: a benchmark script's name (benchmarks/linked_data.py) must not hide a package.
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]
QUESTIONS = ["can treatment be forced on someone in prison?", "Should family members get naloxone?",
             "what should services for pregnant women provide?", "evidence for long-term residential treatment",
             "what does resolution 59/4 ask of member states?", "how long should detoxification last",
             "what is a brief intervention", "informed consent before treatment",
             "treatment for adolescents", "what is recovery management"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# Browse addresses a user opens (each section, a filtered list) and what shows it is drawn.
BROWSE_PAGES = [("", "Principle 1: Treatment must be available"), ("&tab=modalities", "Evidence:"),
                ("&tab=populations", "statements"), ("&tab=interventions", "Substances"),
                ("&tab=evidence", "The statements behind each cell"), ("&tab=resolution", "Condition 15"),
                ("&tab=filter&population=https%3A%2F%2Fw3id.org%2Fstandards-kg%2Fid%2Fpopulation%2Fpregnant-women",
                 "Standard 1.8")]


def browse_load_times(page, url: str) -> tuple[float, list[float]]:
    """Seconds from navigating to a Browse address to its content drawn and the app
    idle: the first open (cold caches), then each address twice more (warm)."""
    def load(suffix: str, marker: str) -> float:
        t = time.perf_counter()
        page.goto(f"{url}/?page=browse{suffix}")
        page.get_by_text(marker).first.wait_for(timeout=60_000)
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
        return time.perf_counter() - t
    first = load(*BROWSE_PAGES[0])
    for p in BROWSE_PAGES[1:]:
        load(*p)
    warm = [load(*p) for _ in range(2) for p in BROWSE_PAGES]
    return first, warm


def browse_switch_times(page, url: str) -> list[float]:
    """Seconds from clicking a Browse section (as a user moves within Browse, no page
    load) to its content drawn and the app idle."""
    labels = [("Modalities", "Evidence:"), ("Populations", "statements"), ("Interventions & substances", "Substances"),
              ("Evidence", "The statements behind each cell"), ("Resolution & coercion paper", "Condition 15"),
              ("Principles & standards", "Principle 1: Treatment must be available")]
    page.goto(f"{url}/?page=browse")
    page.get_by_text("Principle 1: Treatment must be available").first.wait_for(timeout=60_000)
    out = []
    for _ in range(2):
        for label, marker in labels:
            t = time.perf_counter()
            page.get_by_text(label, exact=True).click()
            page.get_by_text(marker).first.wait_for(timeout=60_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
            out.append(time.perf_counter() - t)
    return out


def bare_reload_times(page, url: str, n: int = 5) -> list[float]:
    """The same measure for the Ask page with no question: what any page load costs here
    (Streamlit's scripts, the websocket, a script run), Browse or not."""
    out = []
    for _ in range(n):
        t = time.perf_counter()
        page.goto(url)
        page.get_by_label("Question").wait_for(timeout=60_000)
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    from report import write_results
    from playwright.sync_api import sync_playwright
    from servers import free_port, start, stop

    import search
    engine = search.load()
    engine.ask("warm up")
    direct = []
    for q in QUESTIONS:
        t = time.perf_counter()
        engine.ask(q)
        direct.append((time.perf_counter() - t) * 1000)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    proc = start([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
                  "--server.address", "127.0.0.1", "--server.port", str(port)], f"{url}/_stcore/health", cwd=ROOT,
                 env={**os.environ, "HF_HUB_OFFLINE": "1", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            box = page.get_by_label("Question")
            box.wait_for(timeout=180_000)
            first_render_s = time.perf_counter() - started
            in_browser = []
            for q in QUESTIONS:
                box.fill(q)
                t = time.perf_counter()
                box.press("Enter")
                # The answer for this question: its URL and the citation or "not covered" box.
                page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=q,
                                       timeout=60_000)
                page.locator("a.skg-cite").or_(page.get_by_text("do not address this question")).first.wait_for(
                    timeout=60_000)
                page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')",
                                       timeout=60_000)
                in_browser.append((time.perf_counter() - t) * 1000)
            browse_first, browse_warm = browse_load_times(page, url)
            browse_switch = browse_switch_times(page, url)
            bare = bare_reload_times(page, url)
            browser.close()
    finally:
        stop(proc)

    figures = {"first_render_s": round(first_render_s, 2),
               "answer_visible_ms_median": round(statistics.median(in_browser), 1),
               "engine_ask_ms_median": round(statistics.median(direct), 1),
               "ratio_browser_to_engine": round(statistics.median(in_browser) / statistics.median(direct), 1),
               "questions": len(QUESTIONS),
               "browse_first_open_s": round(browse_first, 2),
               "browse_warm_load_s_median": round(statistics.median(browse_warm), 2),
               "browse_warm_load_s_max": round(max(browse_warm), 2),
               "browse_warm_loads": len(browse_warm),
               "browse_section_switch_s_median": round(statistics.median(browse_switch), 2),
               "browse_section_switch_s_max": round(max(browse_switch), 2),
               "bare_page_load_s_median": round(statistics.median(bare), 2)}
    text = (f"Time to first render after `streamlit run`: {figures['first_render_s']} s\n"
            f"Enter -> answer visible in Chromium, median of {len(QUESTIONS)}: "
            f"{figures['answer_visible_ms_median']} ms\n"
            f"Baseline, engine.ask() in-process, median: {figures['engine_ask_ms_median']} ms "
            f"(browser/engine ratio {figures['ratio_browser_to_engine']}x)\n"
            f"Browse, first open: {figures['browse_first_open_s']} s; warm (page load to its content, "
            f"each section and a filtered list), median of {figures['browse_warm_loads']}: "
            f"{figures['browse_warm_load_s_median']} s, slowest {figures['browse_warm_load_s_max']} s\n"
            f"Browse, clicking from section to section (no page load), median of {len(browse_switch)}: "
            f"{figures['browse_section_switch_s_median']} s, slowest {figures['browse_section_switch_s_max']} s\n"
            f"Any page load here (the Ask page with no question), median: {figures['bare_page_load_s_median']} s\n")
    write_results("app_latency", figures, text)


if __name__ == "__main__":
    main()
