"""Does fine-tuning MiniLM on the curated (question, passage) pairs beat the stock
encoders? Trains all-MiniLM-L6-v2 as the build does (kg_builder/tuned_encoder.py:
MultipleNegativesRankingLoss on batches of passages with all their questions, one epoch,
fixed seed), and once more on random batches of questions cut from length-sorted
groups (the comparison kept from when that was tried), then compares dense-only
retrieval (question vs passage embedding, nothing else) of MiniLM, fine-tuned MiniLM and
multilingual-e5-small on the dev set and the held-out sets. Writes
benchmarks/results/finetune.{json,md}.

The curated questions were written from the passages, never from an evaluation
question, so the held-out sets stay unseen by the training."""
from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "benchmarks"))

def mrr_dense(encoder, vectors: np.ndarray, texts: list[str], questions: list[dict]) -> dict:
    """R@1, R@5, MRR@10 of the questions against the passages' `vectors` by this encoder."""
    from retrieval import norm
    r1 = r5 = mrr = 0.0
    scope = [q for q in questions if q["kind"] != "out_of_scope"]
    for q in scope:
        order = np.argsort(-(vectors @ encoder.encode_queries([q["question"]])[0]))[:10]
        gold = [norm(g) for g in q["gold_any"]]
        hit = next((r for r, i in enumerate(order) if any(g in norm(texts[i]) for g in gold)), None)
        if hit is not None:
            mrr += 1 / (hit + 1)
            r1 += hit < 1
            r5 += hit < 5
    n = len(scope)
    return {"recall@1": round(r1 / n, 3), "recall@5": round(r5 / n, 3), "mrr@10": round(mrr / n, 3)}


def main() -> None:
    from report import write_results
    from retrieval import SETS, load_questions

    from kg_builder.config import Settings
    from kg_builder.encoder import E5, MINILM, load_encoder
    from kg_builder.index import embedding_text
    from kg_builder.pipeline import build
    from kg_builder.tuned_encoder import (BATCH, EPOCHS, LEARNING_RATE, LENGTH_GROUPS, MAX_LENGTH,
                                          PASSAGES_PER_BATCH, SEED, TunedEncoder, tuned_model)

    settings = replace(Settings.from_env(), build_dir=ROOT / "benchmarks" / "results" / "build.finetune")
    build(settings)
    folder = settings.build_dir
    rows = [json.loads(line) for line in (folder / "passages.jsonl").read_text().splitlines()]
    passages = [embedding_text(r.get("topic", ""), r["index_text"]) for r in rows]
    texts = [r["text"] for r in rows]
    text_of = {r["iri"]: p for r, p in zip(rows, passages)}
    curated = [json.loads(line) for line in (folder / "questions.jsonl").read_text().splitlines()]
    pairs = [(q["text"], text_of[q["passage"]]) for q in curated]
    # Random batches (the build's) beside batches cut from length-sorted groups of 8,
    # each trained afresh here so that both are timed.
    import os
    load = os.getloadavg()[0]
    started = time.perf_counter()
    old_out, _, _ = tuned_model(pairs, None, groups=8)
    old_train_s = time.perf_counter() - started
    started = time.perf_counter()
    out, key, trained = tuned_model(pairs, None)
    train_s = time.perf_counter() - started
    encoders = {"all-MiniLM-L6-v2": load_encoder(MINILM),
                # read as the build reads them (to MAX_LENGTH word pieces)
                "MiniLM fine-tuned, length-grouped batches": TunedEncoder(old_out, "grouped", "torch"),
                "MiniLM fine-tuned": TunedEncoder(out, "tuned", "torch"),
                "multilingual-e5-small": load_encoder(E5)}
    vectors = {enc: e.encode_passages(passages) for enc, e in encoders.items()}  # once, not once a set
    table = {}
    for name, path in SETS.items():
        if name == "translated":
            continue  # MiniLM reads English only
        questions = load_questions(path)
        table[name] = {enc: mrr_dense(e, vectors[enc], texts, questions) for enc, e in encoders.items()}
    import shutil
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(old_out.parent, ignore_errors=True)  # the temporary folders tuned_model made
    shutil.rmtree(out.parent, ignore_errors=True)
    lines = [f"Dense retrieval only (question vs passage embedding). Training: {len(pairs)} pairs, "
             f"{EPOCHS} epoch, batches of {PASSAGES_PER_BATCH} passages with all their questions, texts read "
             f"to {MAX_LENGTH} word pieces, lr {LEARNING_RATE}, seed {SEED} (the build's): {train_s:.0f} s on "
             f"this machine, in this process; random batches of {BATCH} questions cut from length-sorted groups "
             f"of 8: {old_train_s:.0f} s (load average {load:.1f} at the start).", "",
             "| set | encoder | R@1 | R@5 | MRR@10 |", "|---|---|---|---|---|"]
    for name, per in table.items():
        for enc, f in per.items():
            lines.append(f"| {name} | {enc} | {f['recall@1']:.2f} | {f['recall@5']:.2f} | {f['mrr@10']:.3f} |")
    write_results("finetune", {"settings": {"seed": SEED, "epochs": EPOCHS, "batch": BATCH, "lr": LEARNING_RATE,
                                            "pairs": len(pairs), "length_groups": LENGTH_GROUPS,
                                            "passages_per_batch": PASSAGES_PER_BATCH, "max_length": MAX_LENGTH},
                   "train_s": train_s, "old_train_s": old_train_s, "load_average": load, "sets": table},
                  "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
