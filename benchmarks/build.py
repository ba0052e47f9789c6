"""The build from scratch (no embedding cache, no tuned model): where its time goes, the
previous release beside this tree, in one run. Each builds the real corpus in a
subprocess of its own, into a temporary folder with empty caches; build/ and .cache/
are not touched. The previous release is its own code, checked out from git into a
temporary folder (--previous, a commit). Writes benchmarks/results/build.{md,json}.

    .venv/bin/python benchmarks/build.py [--only new|previous] [--previous REV]

The previous release (fb1a125) and this tree build alike: e5's batches mostly in 8 bits
(kg_builder/e5_torch.py, "torch-int8"), one translation a passage of the curated
questions (4,422), and the tuned encoder trained with their own torch BERT beside e5, in
a process of their own. This tree's build differs only in the concept vocabulary (the
pharmacological interventions' broader concept) and one ontology term (skg:goesAgainstIn).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from previous import RELEASE, checked_out, run_code  # noqa: E402
from report import write_results  # noqa: E402

CONFIGS = {"previous": {"e5_batch_backend": "torch-int8", "training": "torch BERT (kg_builder/torch_bert.py)"},
           "new": {"e5_batch_backend": "torch-int8", "training": "torch BERT (kg_builder/torch_bert.py)"}}

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
timed(P, "start_tuning", "read the curated questions, start the training")
tmp = Path({tmp!r})
settings = Settings.from_env(build_dir=tmp / "build", cache_dir=tmp / "cache" / "embeddings",
                             e5_batch_backend={backend!r}, corpus_dir=Path({corpus!r}))
result = P.build(settings)
parts.append(("train the tuned encoder (own process)", result.manifest["tuned_encoder"]["trained_s"]))
print(json.dumps({{"seconds": round(time.perf_counter() - started, 1), "build_s": round(result.seconds, 1),
                  "parts": parts}}))
"""


def run(name: str, config: dict, root: Path) -> dict:
    from kg_builder.config import Settings
    corpus = Settings.from_env().corpus_dir.resolve()
    with tempfile.TemporaryDirectory(prefix=f"bench-build-{name}-") as tmp:
        code = CHILD.format(root=str(root), tmp=tmp, backend=config["e5_batch_backend"], corpus=str(corpus))
        load = os.getloadavg()[0]
        figures = run_code(code, root, f"{name}: the build")
        return {**figures, "load_before": round(load, 1), "load_after": round(os.getloadavg()[0], 1),
                "config": config}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(CONFIGS))
    parser.add_argument("--previous", default=RELEASE, help="the previous release's commit (default %(default)s)")
    args = parser.parse_args()
    from dataclasses import asdict

    from kg_builder.config import Settings
    from kg_builder.tuned_encoder import (CHUNK, EPOCHS, LEARNING_RATE, MAX_LENGTH, PASSAGES_PER_BATCH,
                                          TRAIN_THREADS)
    results = {}
    with checked_out(args.previous) as old_root:
        for name, config in CONFIGS.items():
            if args.only in (None, name):
                results[name] = run(name, config, old_root if name == "previous" else ROOT)
        for r in results.values():
            r["config"]["commit"] = args.previous if r is results.get("previous") else "this tree"
    lines = ["## Build from scratch (no caches; this machine, 2 cores)", ""]
    for name, r in results.items():
        lines.append(f"- {name} ({r['config']['e5_batch_backend']} e5 batches, training "
                     f"{r['config']['training']}): {r['build_s']:.0f} s build, {r['seconds']:.0f} s with "
                     f"imports (load average {r['load_before']} → {r['load_after']}; {r['config']['commit']})")
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
