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
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
QUESTIONS = ["can treatment be forced on someone in prison?", "Should family members get naloxone?",
             "what should services for pregnant women provide?", "evidence for long-term residential treatment",
             "what does resolution 59/4 ask of member states?", "how long should detoxification last",
             "what is a brief intervention", "informed consent before treatment",
             "treatment for adolescents", "what is recovery management"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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
            browser.close()
    finally:
        stop(proc)

    figures = {"first_render_s": round(first_render_s, 2),
               "answer_visible_ms_median": round(statistics.median(in_browser), 1),
               "engine_ask_ms_median": round(statistics.median(direct), 1),
               "ratio_browser_to_engine": round(statistics.median(in_browser) / statistics.median(direct), 1),
               "questions": len(QUESTIONS)}
    text = (f"Time to first render after `streamlit run`: {figures['first_render_s']} s\n"
            f"Enter -> answer visible in Chromium, median of {len(QUESTIONS)}: "
            f"{figures['answer_visible_ms_median']} ms\n"
            f"Baseline, engine.ask() in-process, median: {figures['engine_ask_ms_median']} ms "
            f"(browser/engine ratio {figures['ratio_browser_to_engine']}x)\n")
    write_results("app_latency", figures, text)


if __name__ == "__main__":
    main()
