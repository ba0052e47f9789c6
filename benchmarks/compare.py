"""`standards-kg compare`: time and peak memory on a 100-page PDF (the Standards, printed by Chromium),
and how often its judgements agree with a checklist filled by hand for one document
(tests/fixtures/compare/policy_en.hand.tsv). Writes benchmarks/results/compare.{md,json}.

    .venv/bin/python benchmarks/compare.py [--build-dir build]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
# This file is named like the package it measures: keep its own folder off the path so
# that `compare` is the package, and load the results writer by its path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
sys.path.insert(0, str(ROOT))
_spec = importlib.util.spec_from_file_location("bench_report", BENCH / "report.py")
_report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_report)
write_results = _report.write_results

FIXTURES = ROOT / "tests" / "fixtures" / "compare"
STATUSES = ("addressed", "partly", "not_found")
# What the Spanish protocol says (written with it, paraphrasing these standards).
SPANISH_MEETS = ("1.6", "1.11", "2.2", "2.5", "4.6", "5.2", "6.7", "7.5")


def make_files():
    spec = importlib.util.spec_from_file_location("make_files", FIXTURES / "make_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Runs the CLI in a child that reports its own peak RSS (RUSAGE_SELF), so Chromium and
# the other children of this script do not count.
CHILD = """
import resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as exc:
    code = exc.code or 0
else:
    code = 0
import os
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
t = os.times()
# the tree's peak is at most this process's peak plus each embedding worker's
print(f"PEAK_RSS_KB {me.ru_maxrss} {kids.ru_maxrss} CPU_S {t.user + t.system + t.children_user + t.children_system}",
      file=sys.stderr)
sys.exit(code)
"""


def run_cli(build_dir: Path, doc: Path, out: Path) -> tuple[float, float, float]:
    """Wall time (s), peak RSS (MB: the process plus its embedding workers at their
    peaks) and CPU time (s) of one `standards-kg compare` run."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "cli.py"), "--build-dir", str(build_dir),
                           "compare", str(doc), "--out", str(out), "--quiet"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"compare failed: {proc.stderr.strip()}")
    fields = proc.stderr.rsplit("PEAK_RSS_KB ", 1)[1].split()
    from compare.settings import CompareSettings
    peak_kb = int(fields[0]) + CompareSettings().encode_workers * int(fields[1])
    return seconds, peak_kb / 1024, float(fields[3])


def hand_checklist() -> dict:
    rows = {}
    for line in (FIXTURES / "policy_en.hand.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            number, status, _why = line.split("\t")
            rows[number] = status
    return rows


def agreement(tool: dict, hand: dict) -> dict:
    same = sum(tool[n] == hand[n] for n in hand)
    found_same = sum((tool[n] != "not_found") == (hand[n] != "not_found") for n in hand)
    off_by_two = sum({tool[n], hand[n]} == {"addressed", "not_found"} for n in hand)
    confusion = Counter(f"{hand[n]}->{tool[n]}" for n in hand)
    return {"agree": same, "of": len(hand), "found_vs_not_found_agree": found_same, "addressed_vs_not_found": off_by_two,
            "confusion_hand_to_tool": dict(sorted(confusion.items()))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default=str(ROOT / "build"))
    args = ap.parse_args()
    build_dir = Path(args.build_dir)
    from compare.settings import CompareSettings
    mf = make_files()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # the hand-checked document and the Spanish protocol, through the real CLI
        run_cli(build_dir, FIXTURES / "policy_en.md", tmp / "en.json")   # also fills the fixed-text cache
        tool_en = {s["number"]: s["status"] for s in json.loads((tmp / "en.json").read_text())["standards"]}
        run_cli(build_dir, FIXTURES / "politica_es.md", tmp / "es.json")
        es = {s["number"]: s["status"] for s in json.loads((tmp / "es.json").read_text())["standards"]}
        # the long document: the Standards themselves, printed by Chromium (about 100 pages)
        html = mf.text_file_html(ROOT / "corpus" / "international-standards-treatment-drug-use-disorders.txt",
                                 "International Standards for the Treatment of Drug Use Disorders")
        pdf = mf.print_pdf(html, tmp / "long.pdf")
        import pypdf
        reader = pypdf.PdfReader(str(pdf))
        pages = len(reader.pages)
        words = sum(len(p.extract_text().split()) for p in reader.pages)
        seconds, peak_mb, cpu_s = run_cli(build_dir, pdf, tmp / "long.json")
        load = os.getloadavg()[0]
        long_report = json.loads((tmp / "long.json").read_text())
        long_doc = long_report["document"]
        # measured against itself, the Standards document should address its own standards
        itself = Counter(s["status"] for s in long_report["standards"])
    hand = hand_checklist()
    agree = agreement(tool_en, hand)
    spanish_found = [n for n in SPANISH_MEETS if es[n] != "not_found"]
    spanish_extra = sorted((n for n, s in es.items() if s != "not_found" and n not in SPANISH_MEETS),
                           key=lambda n: tuple(map(int, n.split("."))))
    figures = {"long_document": {"pages": pages, "words": words, "passages": long_doc["passages"],
                                 "seconds": round(seconds, 1), "cpu_seconds": round(cpu_s, 1),
                                 "load_average_after": round(load, 2), "peak_rss_mb": round(peak_mb),
                                 "statuses": dict(itself), "cache": "fixed-text vectors cached from the runs before",
                                 "targets": {"seconds": 60, "peak_rss_mb": 1536}},
               "hand_checklist_policy_en": agree,
               "tool_counts_policy_en": dict(Counter(tool_en.values())),
               "hand_counts_policy_en": dict(Counter(hand.values())),
               "spanish": {"meets_found": len(spanish_found), "of": len(SPANISH_MEETS), "also_found": spanish_extra},
               "settings": asdict(CompareSettings())}
    confusion = agree["confusion_hand_to_tool"]
    text = "\n".join([
        "## compare benchmark (this machine, 2 cores shared)", "",
        f"- {pages}-page PDF printed by Chromium ({words:,} words, {long_doc['passages']} passages): "
        f"{seconds:.1f} s wall ({cpu_s:.0f} s of CPU over two processes; load average {load:.1f} on the "
        f"2 cores when it ended), peak RSS at most {peak_mb:.0f} MB (the process and its two embedding workers) "
        f"(targets: 60 s, 1.5 GB); the document is the Standards themselves, which come out with "
        f"{itself['addressed']} of 59 standards addressed, {itself['partly']} partly",
        f"- Agreement with the hand checklist of policy_en.md: {agree['agree']} of {agree['of']} judgements "
        f"the same (addressed / partly / not found); found-or-not agrees on {agree['found_vs_not_found_agree']} "
        f"of {agree['of']}; addressed read as not found or the reverse: {agree['addressed_vs_not_found']}",
        "- Hand → tool: " + ", ".join(f"{k} {v}" for k, v in confusion.items()),
        f"- Spanish protocol: {len(spanish_found)} of {len(SPANISH_MEETS)} standards it meets are found; "
        f"also found: {', '.join(spanish_extra) or 'none'}",
    ])
    write_results("compare", figures, text)


if __name__ == "__main__":
    main()
