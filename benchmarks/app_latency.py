"""The app as a trainer meets it, in Debian's Chromium: time from `streamlit run` to the
first rendered page, and from pressing Enter to the answer visible, median over 10
questions. Baseline in the same run: the engine's own `ask` for the same questions, so
the ratio is what the browser, Streamlit and the network add. Browse and bare page loads
are timed on two servers side by side, interleaved (Streamlit's defaults, old, beside
.streamlit/config.toml, new), each load split into its parts. Prints the figures, the
settings and the load average, and writes benchmarks/results/app_latency.{json,md}.
Not a test: nothing is asserted."""
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
# The app as shipped (.streamlit/config.toml) beside Streamlit's defaults for the two
# options that config sets for speed: the same app.py, one server each, loads interleaved.
VARIANTS = {"old (Streamlit defaults)": ["--server.fileWatcherType", "auto", "--runner.postScriptGC", "true"],
            "new (.streamlit/config.toml)": []}
IDLE_JS = "() => !document.querySelector('[data-testid=stStatusWidget]')"
# Where a page load's time goes, from the browser's clocks: performance.timeOrigin is
# when navigation started (ms since the epoch), the rest are wall-clock seconds.
PHASES = [("html_and_scripts", "navigation to DOMContentLoaded (HTML, Streamlit's scripts from cache)"),
          ("frontend_boot", "DOMContentLoaded to websocket open (Streamlit's front end starts)"),
          ("server_first_message", "websocket open to the first message (new session, script starts)"),
          ("to_content", "first message to the content visible (script run, messages, drawing)"),
          ("to_idle", "content visible to the app idle (the rest of the page, run finished)")]
# Spans that overlap the phases above.
OVERLAPS = [("server", "of all that, the page's request for a run to its last message (the server's part)"),
            ("browser_script", "of all that, Chromium's main thread running scripts")]


class LoadTimer:
    """Times page loads in one tab, split into PHASES, with Chromium's own count of the
    time its main thread spent running scripts (CDP Performance metrics, per document)."""

    def __init__(self, page):
        self.page, self.events = page, []
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Performance.enable")
        page.on("websocket", self._on_ws)

    def _on_ws(self, ws) -> None:
        self.events.append(("open", time.time()))
        ws.on("framesent", lambda _: self.events.append(("sent", time.time())))
        ws.on("framereceived", lambda _: self.events.append(("message", time.time())))

    def load(self, address: str, marker: str | None) -> dict:
        self.events.clear()
        t0 = time.time()
        self.page.goto(address)
        if marker:
            self.page.get_by_text(marker).first.wait_for(timeout=60_000)
        else:
            self.page.get_by_label("Question").wait_for(timeout=60_000)
        content = time.time()
        self.page.wait_for_function(IDLE_JS, timeout=60_000)
        idle = time.time()
        nav = self.page.evaluate("() => [performance.timeOrigin, "
                                 "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]")
        metrics = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        start = nav[0] / 1000
        dcl = start + nav[1] / 1000
        opened = next((t for kind, t in self.events if kind == "open"), dcl)
        first = next((t for kind, t in self.events if kind == "message"), opened)
        asked = next((t for kind, t in self.events if kind == "sent"), opened)
        last = max((t for kind, t in self.events if kind == "message"), default=first)
        return {"total": idle - t0, "content": content - t0, "html_and_scripts": dcl - start,
                "frontend_boot": opened - dcl, "server_first_message": first - opened,
                "to_content": content - first, "to_idle": idle - content,
                "server": last - asked, "browser_script": metrics.get("ScriptDuration", 0.0)}


def browse_load_times(timers: dict, urls: dict) -> tuple[dict, dict]:
    """Each variant: the first open of Browse (cold caches), then each Browse address
    twice more (warm), the variants interleaved so that both see the same machine load."""
    first = {name: timers[name].load(f"{urls[name]}/?page=browse{BROWSE_PAGES[0][0]}", BROWSE_PAGES[0][1])["total"]
             for name in urls}
    for suffix, marker in BROWSE_PAGES[1:]:
        for name in urls:
            timers[name].load(f"{urls[name]}/?page=browse{suffix}", marker)
    warm = {name: [] for name in urls}
    for _ in range(2):
        for suffix, marker in BROWSE_PAGES:
            for name in urls:
                warm[name].append(timers[name].load(f"{urls[name]}/?page=browse{suffix}", marker))
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


def bare_reload_times(timers: dict, urls: dict, n: int = 5) -> dict:
    """The same measure for the Ask page with no question: what any page load costs here
    (Streamlit's scripts, the websocket, a script run), Browse or not."""
    out = {name: [] for name in urls}
    for _ in range(n):
        for name in urls:
            out[name].append(timers[name].load(urls[name], None)["total"])
    return out


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    from report import write_results
    from playwright.sync_api import sync_playwright
    from servers import free_port, start, stop

    load_before = load_average()
    import search
    engine = search.load()
    engine.ask("warm up")
    direct = []
    for q in QUESTIONS:
        t = time.perf_counter()
        engine.ask(q)
        direct.append((time.perf_counter() - t) * 1000)

    procs, urls = {}, {}
    new = list(VARIANTS)[-1]
    started = time.perf_counter()
    try:
        for name, options in VARIANTS.items():
            port = free_port()
            urls[name] = f"http://127.0.0.1:{port}"
            procs[name] = start([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless",
                                 "true", "--server.address", "127.0.0.1", "--server.port", str(port), *options],
                                f"{urls[name]}/_stcore/health", cwd=ROOT,
                                env={**os.environ, "HF_HUB_OFFLINE": "1",
                                     "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"})
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            pages = {name: browser.new_page(viewport={"width": 1400, "height": 1000}) for name in VARIANTS}
            page, url = pages[new], urls[new]
            page.goto(url)
            box = page.get_by_label("Question")
            box.wait_for(timeout=180_000)
            first_render_s = time.perf_counter() - started
            for name in VARIANTS:  # the other server's model and graph loaded too, before any timing
                pages[name].goto(urls[name])
                pages[name].get_by_label("Question").wait_for(timeout=180_000)
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
                page.wait_for_function(IDLE_JS, timeout=60_000)
                in_browser.append((time.perf_counter() - t) * 1000)
            timers = {name: LoadTimer(pages[name]) for name in VARIANTS}
            browse_first, browse_warm = browse_load_times(timers, urls)
            browse_switch = browse_switch_times(page, url)
            bare = bare_reload_times(timers, urls)
            browser.close()
    finally:
        for proc in procs.values():
            stop(proc)

    figures = {"first_render_s": round(first_render_s, 2),
               "answer_visible_ms_median": round(statistics.median(in_browser), 1),
               "engine_ask_ms_median": round(statistics.median(direct), 1),
               "ratio_browser_to_engine": round(statistics.median(in_browser) / statistics.median(direct), 1),
               "questions": len(QUESTIONS),
               "browse_first_open_s": round(browse_first[new], 2),
               "browse_warm_load_s_median": round(median(browse_warm[new], "total"), 2),
               "browse_warm_load_s_max": round(max(r["total"] for r in browse_warm[new]), 2),
               "browse_warm_loads": len(browse_warm[new]),
               "browse_section_switch_s_median": round(statistics.median(browse_switch), 2),
               "browse_section_switch_s_max": round(max(browse_switch), 2),
               "bare_page_load_s_median": round(statistics.median(bare[new]), 2),
               "variants": {name: {"streamlit_options": " ".join(VARIANTS[name])
                                   or "as shipped in .streamlit/config.toml",
                                   "browse_first_open_s": round(browse_first[name], 2),
                                   "browse_warm_load_s_median": round(median(browse_warm[name], "total"), 2),
                                   "browse_warm_load_s_max": round(max(r["total"] for r in browse_warm[name]), 2),
                                   "bare_page_load_s_median": round(statistics.median(bare[name]), 2),
                                   "breakdown_s_median": {k: round(median(browse_warm[name], k), 3)
                                                          for k in [k for k, _ in PHASES + OVERLAPS]}}
                            for name in VARIANTS},
               "load_average_before": load_before, "load_average_after": load_average()}
    old = list(VARIANTS)[0]
    side = lambda key: " | ".join(f"{figures['variants'][n][key]} s" for n in (old, new))  # noqa: E731
    lines = [f"Load average (1, 5, 15 min) before: {load_before}; after: {figures['load_average_after']}",
             f"Chromium {' '.join(CHROMIUM_ARGS)}, viewport 1400x1000; variants, old | new:"]
    lines += [f"  {n}: {figures['variants'][n]['streamlit_options']}" for n in (old, new)]
    lines += [f"Time to first render after `streamlit run`: {figures['first_render_s']} s",
              f"Enter -> answer visible in Chromium, median of {len(QUESTIONS)}: "
              f"{figures['answer_visible_ms_median']} ms",
              f"Baseline, engine.ask() in-process, median: {figures['engine_ask_ms_median']} ms "
              f"(browser/engine ratio {figures['ratio_browser_to_engine']}x)",
              f"Browse, first open, old | new: {side('browse_first_open_s')}",
              f"Browse, warm (page load to its content drawn and the app idle; each section and a filtered "
              f"list, twice), median of {figures['browse_warm_loads']}, old | new: {side('browse_warm_load_s_median')}"
              f"; slowest {side('browse_warm_load_s_max')}",
              f"Any page load here (the Ask page with no question), median of 5, old | new: "
              f"{side('bare_page_load_s_median')}",
              "Where a warm Browse load's time goes, median of each part, old | new:"]
    for key, what in PHASES + OVERLAPS:
        lines.append(f"  {what}: " + " | ".join(f"{figures['variants'][n]['breakdown_s_median'][key]:.2f} s"
                                                for n in (old, new)))
    lines.append(f"Browse, clicking from section to section (no page load), median of {len(browse_switch)}: "
                 f"{figures['browse_section_switch_s_median']} s, slowest {figures['browse_section_switch_s_max']} s")
    write_results("app_latency", figures, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
