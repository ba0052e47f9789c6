"""Workshop kit figures on the real build: the offline site export through the real
command line (target under 30 s), its size and page count, and the time to make a
handout PDF, a PowerPoint deck and a quiz. Writes benchmarks/results/workshop.md/json."""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = ["informed consent", "pregnant women", "opioid agonist maintenance"]
RUNS = 3


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    from report import write_results
    from kg_builder.config import Settings
    from workshop import handout, quiz, slides
    from workshop.kit import Kit

    settings = Settings.from_env()
    export_s = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        for _ in range(RUNS):
            # The whole command as a trainer runs it: start-up, graph load, pages, writing.
            t = time.perf_counter()
            run = subprocess.run([sys.executable, str(ROOT / "cli.py"), "--build-dir", str(settings.build_dir),
                                  "export-site", "--out", str(out)], capture_output=True, text=True)
            export_s.append(time.perf_counter() - t)
            if run.returncode:
                raise SystemExit(run.stderr.strip())
        files, size = folder_size(out)
        pages = sum(1 for p in out.rglob("*.html"))
        index_kb = (out / "assets" / "search-index.js").stat().st_size / 1024

    kit = Kit.open(settings, use_search=False)
    per_topic = {}
    for topic in TOPICS:
        t0 = time.perf_counter()
        chosen = kit.topic(topic)
        t1 = time.perf_counter()
        pdf = handout.render(chosen, kit.catalogue, "pdf")
        t2 = time.perf_counter()
        slides.render(chosen, kit.catalogue, "pptx")
        t3 = time.perf_counter()
        quiz.render(quiz.generate(kit.catalogue, topic=chosen, n=10, seed=0), "json")
        t4 = time.perf_counter()
        per_topic[topic] = {"resolve_ms": round((t1 - t0) * 1000, 1), "pdf_s": round(t2 - t1, 2),
                            "pdf_kb": round(len(pdf) / 1024, 1), "pptx_ms": round((t3 - t2) * 1000, 1),
                            "quiz_ms": round((t4 - t3) * 1000, 1)}
    kit.executor.close()

    figures = {"export_site_s": [round(x, 2) for x in export_s], "export_site_median_s": round(statistics.median(export_s), 2),
               "site_files": files, "site_pages": pages, "site_mb": round(size / 1e6, 2),
               "search_index_kb": round(index_kb, 1), "per_topic": per_topic, "runs": RUNS}
    lines = [f"Offline site export (`standards-kg export-site`, whole command, median of {RUNS}): "
             f"{figures['export_site_median_s']} s (target under 30 s); {pages} pages, {files} files, "
             f"{figures['site_mb']} MB (search index {figures['search_index_kb']} KB).", "",
             "| topic | resolve ms | handout PDF s | PDF KB | PPTX ms | quiz ms |", "|---|---|---|---|---|---|"]
    for topic, f in per_topic.items():
        lines.append(f"| {topic} | {f['resolve_ms']} | {f['pdf_s']} | {f['pdf_kb']} | {f['pptx_ms']} | {f['quiz_ms']} |")
    write_results("workshop", figures, "\n".join(lines))


if __name__ == "__main__":
    main()
