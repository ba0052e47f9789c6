"""The build from scratch (no embedding cache, no tuned model): where its time goes, the
previous release's way beside this one's, in one run. Each configuration builds the real
corpus in a subprocess of its own, into a temporary folder with empty caches; build/ and
.cache/ are not touched. Writes benchmarks/results/build.{md,json}.

    .venv/bin/python benchmarks/build.py [--only new|old]

Configurations:
- old (the previous release, 3673788): the tuned encoder trained in the build's own
  process after e5, on random batches of 32 questions and their passages read to 256
  word pieces, learning rate 2e-5;
- new: trained in a process of its own on one core while the build embeds with e5 on
  the other, on batches of 32 passages with all their questions, passages read to 128
  word pieces in training and in its vectors (kg_builder/tuned_encoder.py).
Both run e5's batches in torch.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import write_results  # noqa: E402

CONFIGS = {"old": {"e5_batch_backend": "torch", "training": "in the build's process, previous settings"},
           "new": {"e5_batch_backend": "torch", "training": "own process, beside e5"}}

# Run in the subprocess: a build with every stage timed.
CHILD = r"""
import json, sys, time
from pathlib import Path
started = time.perf_counter()
sys.path.insert(0, {root!r})
import kg_builder.answer_units as A, kg_builder.pipeline as P, kg_builder.tuned_encoder as T
from kg_builder.config import Settings
parts = []
def timed(module, name, label):
    f = getattr(module, name)
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        out = f(*args, **kwargs)
        what = label(args, kwargs) if callable(label) else label
        parts.append((what, round(time.perf_counter() - t, 1)))
        return out
    setattr(module, name, wrapper)
def encoded(args, kwargs):
    return f"embed {{len(args[1])}} texts ({{kwargs.get('role')}}, {{getattr(args[0], 'name', '?')}})"
timed(P, "cached_encode", encoded)
timed(A, "cached_encode", encoded)
timed(T, "train", "train the tuned encoder (in this process)")
timed(T.Training, "wait", "wait for the tuned encoder's training")
timed(P, "validate", "validate (SHACL, quality rules)")
timed(P, "parse_corpus", "parse the corpus")
if {old!r}:   # the previous release: trained here, before the rest, on its settings
    T.PASSAGES_PER_BATCH, T.MAX_LENGTH, T.LEARNING_RATE = 0, 256, 2e-5
    start = T.Training.start
    def trained_here(pairs, cache_dir):
        T.tuned_model(pairs, cache_dir)
        return start(pairs, cache_dir)     # cached now: no process
    T.Training.start = staticmethod(trained_here)
tmp = Path({tmp!r})
settings = Settings.from_env(build_dir=tmp / "build", cache_dir=tmp / "cache" / "embeddings",
                             e5_batch_backend={backend!r})
result = P.build(settings)
if not {old!r}:
    parts.append(("train the tuned encoder (own process)", result.manifest["tuned_encoder"]["trained_s"]))
print(json.dumps({{"seconds": round(time.perf_counter() - started, 1), "build_s": round(result.seconds, 1),
                  "parts": parts}}))
"""


def run(name: str, config: dict) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-build-{name}-") as tmp:
        code = CHILD.format(root=str(ROOT), tmp=tmp, old=name == "old", backend=config["e5_batch_backend"])
        load = os.getloadavg()[0]
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        if out.returncode:
            raise SystemExit(f"{name}: the build failed:\n{out.stderr[-3000:]}")
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        return {**figures, "load_before": round(load, 1), "load_after": round(os.getloadavg()[0], 1),
                "config": config}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(CONFIGS))
    args = parser.parse_args()
    from dataclasses import asdict

    from kg_builder.config import Settings
    from kg_builder.tuned_encoder import (CHUNK, EPOCHS, LEARNING_RATE, MAX_LENGTH, PASSAGES_PER_BATCH,
                                          TRAIN_THREADS)
    results = {name: run(name, config) for name, config in CONFIGS.items() if args.only in (None, name)}
    lines = ["## Build from scratch (no caches; this machine, 2 cores)", ""]
    for name, r in results.items():
        lines.append(f"- {name} ({r['config']['e5_batch_backend']} e5 batches, training "
                     f"{r['config']['training']}): {r['build_s']:.0f} s build, {r['seconds']:.0f} s with "
                     f"imports (load average {r['load_before']} → {r['load_after']})")
        lines += [f"  - {what}: {s:.1f} s" for what, s in r["parts"]]
    lines += ["", f"Training (new): {EPOCHS} epoch, {PASSAGES_PER_BATCH} passages a batch with their questions, "
                  f"texts read to {MAX_LENGTH} word pieces, learning rate {LEARNING_RATE}, chunks of {CHUNK}, "
                  f"{TRAIN_THREADS} thread. Target: 180 s."]
    settings = Settings.from_env()
    write_results("build", {"results": results, "settings": {"tuning": asdict(settings.tuning),
                                                             "model": settings.model}},
                  "\n".join(lines))


if __name__ == "__main__":
    main()
