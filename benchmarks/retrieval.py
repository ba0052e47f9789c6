"""Retrieval and answer quality, and speed, in one process, old beside new.

Question sets: the dev set (../shared/eval/dev_qa.jsonl, on which the weights were
set), our held-out sets (benchmarks/heldout/: questions.jsonl, batches 1-3 from the
previous sessions; batch4.jsonl, written blind before this session's tuning) and the
translated questions (translated.jsonl: es, fr, ru, ar, zh, pt), and batch 5 with its
translations (batch5.jsonl, translated5.jsonl; also de), written blind before the
tuned encoder was weighed, and batch 6 with its translations (batch6.jsonl,
translated6.jsonl), written blind and committed before this session's answer changes
were measured on them; and batch 7 (batch7.jsonl, translated7.jsonl: 18 questions and 4
out of scope in each of es, fr, ru, ar, zh, pt), written blind and committed before the
cross-lingual tuned signal was tried; and batch 8 (batch8.jsonl, translated8.jsonl, the
same shape), written blind and committed before the tuned encoder's new training was
measured on it; and batch 9 (batch9.jsonl, translated9.jsonl, the same shape), written
blind and committed before this release was measured on it; and batch 10 (batch10.jsonl,
translated10.jsonl, the same shape, at least half its out-of-scope questions in common
words only), written blind and committed before the session's changes were measured; and
batch 11 (batch11.jsonl, translated11.jsonl, the same shape), written blind and committed
before the answers' top-passage rule and the second set of curated questions were measured;
and batch 12 (batch12.jsonl, translated12.jsonl, the same shape, seed 12121), written blind
and committed before the thirteenth session's changes were measured; and batch 13
(batch13.jsonl, translated13.jsonl, seed 13131), written blind and committed late in the
thirteenth session; nothing was chosen on it; and batch 14 (batch14.jsonl,
translated14.jsonl, seed 14141), written blind at the start of the fourteenth session and
committed before anything was measured on it; and batch 15 (batch15.jsonl,
translated15.jsonl, seed 15151), written blind in the fifteenth session and committed before
it was measured; and batch 16 (batch16.jsonl, translated16.jsonl, seed 16161: 36 in scope
and 12 out of scope in English), written blind at the start of the sixteenth session and
committed before anything was measured on it; and batch 17 (batch17.jsonl,
translated17.jsonl, seed 17171, the same shape), written blind at the end of the sixteenth
session and committed unmeasured, first scored by the seventeenth session's final run.
Batch 18 (batch18.jsonl, translated18.jsonl, seed 18181), written blind in the seventeenth
session and kept out of the eighteenth's tuning, and batch 19 (batch19.jsonl,
translated19.jsonl, seed 19191), written blind at the start of the eighteenth session and
committed before anything was measured on it: both first scored by the eighteenth
session's final run. Batch 20 (batch20.jsonl, translated20.jsonl, seed 20202), written
blind at the end of the eighteenth session and kept out of the nineteenth's tuning, first
scored by the nineteenth session's final run. Batch 21 (batch21.jsonl, translated21.jsonl,
seed 21212), written blind at the start of the nineteenth session and kept out of the
twentieth's tuning, first scored by the twentieth session's final run. Batch 22
(batch22.jsonl, translated22.jsonl, seed 22222) is committed and not in SETS yet: written
blind at the start of the twentieth session, for the next one to keep out of its tuning.

Methods, each over the same build:
  bm25, dense, tuned, rrf, fusion   the single signals (e5, the tuned English encoder)
                              and the two plain fusions (baselines that live here, not
                              in the engine)
  full                        the engine as shipped
and two baselines: the previous release, its own code (checked out from git into a
temporary folder: --previous REV, default previous.RELEASE) building and answering in a process
of its own, and the older engine with e5 alone, no tuned encoder (OLD_TUNING), reading
this build.

A question is retrieved at k when a passage among the top k contains one of its gold
phrases (lower-cased, white space collapsed, curly quotes and dashes made ASCII); its
answer is accurate when the answer text (markers removed) contains one. Out-of-scope
questions count for abstention instead. Writes benchmarks/results/retrieval.{json,md}."""
from __future__ import annotations

import json
import re
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "benchmarks"))  # after ROOT: benchmarks/linked_data.py must not hide the package
DEV = ROOT.parent / "shared" / "eval" / "dev_qa.jsonl"
HELDOUT = ROOT / "benchmarks" / "heldout"
from search.fusion import rescale_top  # noqa: E402  (after the path is set)

SETS = {"dev": DEV, "held-out 1-3": HELDOUT / "questions.jsonl", "held-out 4 (blind)": HELDOUT / "batch4.jsonl",
        "translated": HELDOUT / "translated.jsonl", "held-out 5 (blind)": HELDOUT / "batch5.jsonl",
        "translated 5": HELDOUT / "translated5.jsonl", "held-out 6 (blind)": HELDOUT / "batch6.jsonl",
        "translated 6": HELDOUT / "translated6.jsonl", "held-out 7 (blind)": HELDOUT / "batch7.jsonl",
        "translated 7": HELDOUT / "translated7.jsonl", "held-out 8 (blind)": HELDOUT / "batch8.jsonl",
        "translated 8": HELDOUT / "translated8.jsonl", "held-out 9 (blind)": HELDOUT / "batch9.jsonl",
        "translated 9": HELDOUT / "translated9.jsonl", "held-out 10 (blind)": HELDOUT / "batch10.jsonl",
        "translated 10": HELDOUT / "translated10.jsonl", "held-out 11 (blind)": HELDOUT / "batch11.jsonl",
        "translated 11": HELDOUT / "translated11.jsonl", "held-out 12 (blind)": HELDOUT / "batch12.jsonl",
        "translated 12": HELDOUT / "translated12.jsonl", "held-out 13 (blind)": HELDOUT / "batch13.jsonl",
        "translated 13": HELDOUT / "translated13.jsonl", "held-out 14 (blind)": HELDOUT / "batch14.jsonl",
        "translated 14": HELDOUT / "translated14.jsonl", "held-out 15 (blind)": HELDOUT / "batch15.jsonl",
        "translated 15": HELDOUT / "translated15.jsonl", "held-out 16 (blind)": HELDOUT / "batch16.jsonl",
        "translated 16": HELDOUT / "translated16.jsonl", "held-out 17 (blind)": HELDOUT / "batch17.jsonl",
        "translated 17": HELDOUT / "translated17.jsonl", "held-out 18 (blind)": HELDOUT / "batch18.jsonl",
        "translated 18": HELDOUT / "translated18.jsonl", "held-out 19 (blind)": HELDOUT / "batch19.jsonl",
        "translated 19": HELDOUT / "translated19.jsonl", "held-out 20 (blind)": HELDOUT / "batch20.jsonl",
        "translated 20": HELDOUT / "translated20.jsonl", "held-out 21 (blind)": HELDOUT / "batch21.jsonl",
        "translated 21": HELDOUT / "translated21.jsonl"}
METHODS = ("bm25", "dense", "tuned", "rrf", "fusion", "full")
# The engine as it was two releases ago: e5 alone (no tuned encoder), its
# weights and coverage floor.
OLD_TUNING = {"dense_weight": 0.6, "bm25_weight": 0.2, "question_weight": 0.2, "min_similarity": 0.855,
              "crosslingual_question_weight": 0.2, "crosslingual_sentence_weight": 0.0}


# The previous release, run from its own files (git archive) in a process of its own:
# its build (embeddings and tuned model from this tree's caches when they agree) and its
# engine answering every set.
PREVIOUS_CHILD = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, {root!r})
sys.path.append({root!r} + "/benchmarks")
from retrieval import evaluate, load_questions
import search
from kg_builder.config import Settings
from kg_builder.pipeline import build
settings = Settings.from_env(build_dir=Path({build!r}), cache_dir=Path({cache!r}))
build(settings)
engine = search.Engine(settings, check_stale=False)
print(json.dumps({{name: evaluate(engine, load_questions(Path(path)), methods=("full",))
                  for name, path in {sets!r}.items()}}))
"""


def previous_release(rev: str, settings) -> dict:
    """Each set's figures by the previous release's own code (`full` only)."""
    from previous import checked_out, run_code
    with checked_out(rev) as root, tempfile.TemporaryDirectory(prefix="bench-retrieval-previous-") as tmp:
        code = PREVIOUS_CHILD.format(root=str(root), build=str(Path(tmp) / "build"),
                                     cache=str(settings.cache_dir), sets={k: str(v) for k, v in SETS.items()})
        return run_code(code, root, f"the previous release ({rev})")


def norm(s: str) -> str:
    s = s.lower()
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip()


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- baselines: kept here, not in the engine ---------------------------------------

def ranks(scores: np.ndarray) -> np.ndarray:
    """0-based rank of every item (0 = best)."""
    order = np.argsort(-scores, kind="stable")
    r = np.empty_like(order)
    r[order] = np.arange(len(order))
    return r


def rrf(*score_lists: np.ndarray, k: int = 60, weights: tuple[float, ...] | None = None) -> np.ndarray:
    weights = weights or (1.0,) * len(score_lists)
    total = np.zeros(len(score_lists[0]), dtype=np.float64)
    for w, scores in zip(weights, score_lists):
        total += w / (k + 1 + ranks(scores))
    return total


def convex(dense: np.ndarray, lexical: np.ndarray, *, alpha: float = 0.5, top: int = 100) -> np.ndarray:
    """alpha·dense + (1−alpha)·lexical on rescaled scores. Unlike RRF it keeps the
    margins: a passage that BM25 finds far ahead of all others (a rare exact phrase)
    stays ahead even when the dense ranking puts it lower."""
    return alpha * rescale_top(dense, top) + (1 - alpha) * rescale_top(lexical, top)


def method_scores(engine, question: str, method: str) -> np.ndarray:
    """Passage scores by one method; the baselines are made from the engine's signals."""
    q = engine.read(question)
    qvec = engine.embed(q.expanded)
    tuned = engine.embed_tuned(q, qvec)
    if method == "full":
        return engine.ranker.rank(q, qvec, tuned).final
    s = engine.ranker.signals(q, qvec, tuned)
    return {"bm25": lambda: s.bm25.astype(np.float64), "dense": lambda: s.dense.astype(np.float64),
            "tuned": lambda: (s.tuned_dense if s.tuned_dense is not None else s.dense).astype(np.float64),
            "rrf": lambda: rrf(s.dense, s.bm25, k=20),
            "fusion": lambda: convex(s.dense, s.bm25, alpha=0.6, top=engine.tuning.fusion_top)}[method]()


def gold_rank(engine, order: list[int], gold: list[str]) -> int | None:
    return next((r for r, i in enumerate(order) if any(g in norm(engine.passages[i].text) for g in gold)), None)


def answer_text(result: dict) -> str:
    return re.sub(r"\s*\[\d+\]", "", result["answer"]["text"])


def evaluate(engine, questions: list[dict], *, methods=METHODS) -> dict:
    in_scope = [q for q in questions if q["kind"] != "out_of_scope"]
    out_scope = [q for q in questions if q["kind"] == "out_of_scope"]
    table = {}
    for method in methods:
        r1 = r5 = r10 = mrr = 0.0
        for q in in_scope:
            order = [int(i) for i in np.argsort(-method_scores(engine, q["question"], method), kind="stable")[:10]]
            hit = gold_rank(engine, order, [norm(g) for g in q["gold_any"]])
            if hit is not None:
                mrr += 1 / (hit + 1)
                r1 += hit < 1
                r5 += hit < 5
                r10 += 1
        n = max(len(in_scope), 1)
        table[method] = {"recall@1": r1 / n, "recall@5": r5 / n, "recall@10": r10 / n, "mrr@10": mrr / n}
    accurate = refused_in = 0
    lengths, misses = [], []
    for q in in_scope:
        r = engine.ask(q["question"])
        if not r["answer"]["found"]:
            refused_in += 1
            misses.append(q["id"])
            continue
        text = answer_text(r)
        lengths.append(len(text.split()))
        if any(norm(g) in norm(text) for g in q["gold_any"]):
            accurate += 1
        else:
            misses.append(q["id"])
    refused_oos = sum(not engine.ask(q["question"])["answer"]["found"] for q in out_scope)
    return {"methods": table, "answer_accuracy": accurate / max(len(in_scope), 1),
            "answer_words_median": statistics.median(lengths) if lengths else 0,
            "answer_words_max": max(lengths, default=0),
            "out_of_scope_refused": f"{refused_oos}/{len(out_scope)}",
            "in_scope_refused": f"{refused_in}/{len(in_scope)}", "n": len(in_scope), "answer_misses": misses}


def markdown(name: str, new: dict, old: dict | None, previous: dict | None = None) -> list[str]:
    lines = [f"### {name} ({new['n']} in scope)", "",
             "| method | R@1 | R@5 | R@10 | MRR@10 |", "|---|---|---|---|---|"]
    rows = list(new["methods"].items()) + \
        ([("previous release (full)", previous["methods"]["full"])] if previous else []) + \
        ([("old engine (e5 alone, full)", old["methods"]["full"])] if old else [])
    for m, f in rows:
        lines.append(f"| {m} | {f['recall@1']:.2f} | {f['recall@5']:.2f} | {f['recall@10']:.2f} | {f['mrr@10']:.3f} |")
    lines += ["", "| answers | accuracy | median words | max words | out of scope refused | in scope refused |",
              "|---|---|---|---|---|---|"]
    for label, f in (("new", new), ("previous release", previous), ("old (e5 alone)", old)):
        if f:
            lines.append(f"| {label} | {f['answer_accuracy']:.2f} | {f['answer_words_median']:.0f} | "
                         f"{f['answer_words_max']} | {f['out_of_scope_refused']} | {f['in_scope_refused']} |")
    return lines + [""]


def main() -> None:
    from report import write_results
    import search
    from kg_builder.config import Settings
    from kg_builder.pipeline import build

    import shutil
    settings = Settings.from_env()
    tmp = ROOT / "benchmarks" / "results"
    build_s = None
    if "--skip-scratch-build" not in sys.argv:
        t = time.perf_counter()
        build(replace(settings, build_dir=tmp / "build.tmp", cache_dir=None))
        build_s = time.perf_counter() - t
        shutil.rmtree(tmp / "build.tmp", ignore_errors=True)
    # The build this benchmark reads, made now (embeddings cached: what an ontology edit costs).
    settings = replace(settings, build_dir=tmp / "build.new")
    t = time.perf_counter()
    build(settings)
    cached_build_s = time.perf_counter() - t
    engine = search.Engine(settings, check_stale=False)
    # The old engine: the same build read as the previous session did (OLD_TUNING).
    old_engine = search.Engine(replace(settings, tuned_encoder=False,
                                       tuning=replace(settings.tuning, **OLD_TUNING)), check_stale=False)
    from previous import RELEASE
    previous_rev = sys.argv[sys.argv.index("--previous") + 1] if "--previous" in sys.argv else RELEASE
    previous_sets = previous_release(previous_rev, settings)

    figures = {"settings": {"model": settings.model, "tuned_encoder": engine.manifest.get("tuned_encoder"),
                            "tuning": asdict(settings.tuning), "old_tuning": OLD_TUNING,
                            "previous_release": previous_rev}, "sets": {}}
    lines = [f"Model {settings.model}; tuning as in kg_builder/tuning.py (recorded in retrieval.json).", ""]
    for name, path in SETS.items():
        questions = load_questions(path)
        new = evaluate(engine, questions)
        old = evaluate(old_engine, questions, methods=("full",))
        previous = previous_sets[name]
        figures["sets"][name] = {"new": new, "previous": previous, "old": old}
        lines += markdown(name, new, old, previous)
        print("\n".join(markdown(name, new, old, previous)), flush=True)
    shutil.rmtree(tmp / "build.new", ignore_errors=True)

    engine.ask("warm up")
    latencies = []
    dev = load_questions(DEV)
    for _ in range(3):
        for q in dev:
            t = time.perf_counter()
            engine.ask(q["question"])
            latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    figures.update({"ask_ms_p50": statistics.median(latencies),
                    "ask_ms_p95": latencies[int(0.95 * (len(latencies) - 1))],
                    "full_build_s": build_s, "cached_build_s": cached_build_s,
                    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
    scratch = f"{build_s:.1f} s" if build_s is not None else "not measured in this run"
    lines += [f"Warm ask latency: p50 {figures['ask_ms_p50']:.1f} ms, p95 {figures['ask_ms_p95']:.1f} ms",
              f"Build from scratch (no embedding cache): {scratch}; with cached embeddings: "
              f"{cached_build_s:.1f} s; peak RSS {figures['peak_rss_mb']:.0f} MB"]
    write_results("retrieval", figures, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
