"""read -> judge -> report: what the CLI and the app call."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from kg_builder.config import Settings

from .judge import judge_with_limits
from .read import DocumentText, read_document
from .report import Report, Row
from .settings import CompareSettings
from .standards import Reference, load_reference


def compare_file(path: Path, settings: Settings | None = None, *, compare_settings: CompareSettings | None = None,
                 progress: Callable[[str, int, int], None] | None = None) -> Report:
    cs = compare_settings or CompareSettings.from_env()
    settings = settings or Settings.from_env()
    reference = load_reference(settings.build_dir)     # before reading: a missing build fails fast
    path = Path(path)
    workers = early = None
    if cs.early_workers_bytes and path.is_file() and path.stat().st_size >= cs.early_workers_bytes:
        from .judge import EarlyEmbedding, EncoderWorkers
        workers = EncoderWorkers.start(cs.model, cs)   # they embed while the file is read
        early = EarlyEmbedding(workers, cs.model, cs) if workers is not None and cs.early_passages_every_pages else None
    try:
        document = read_document(path, cs, progress=progress, early=early)
        return compare_document(document, reference, cs, progress=progress, workers=workers, early=early)
    finally:
        if workers is not None:
            workers.close()


def compare_document(document: DocumentText, reference: Reference, cs: CompareSettings = CompareSettings(), *,
                     progress=None, workers=None, early=None) -> Report:
    from kg_builder.encoder import load_encoder

    from .errors import UnreadableDocumentError
    words = sum(len(p.text.split()) for p in document.passages)
    if words < cs.min_document_words:   # read, but too little to judge
        raise UnreadableDocumentError(
            f"{document.file or document.title}: only {words} words of text, too few to measure against the "
            f"59 standards (at least {cs.min_document_words}); give the whole document (a scan needs OCR first)")
    encoder = load_encoder(cs.model)
    judgements, limits = judge_with_limits(document, reference.standards, encoder, cs, progress=progress,
                                           workers=workers, early=early)
    helps = gap_recommendations(reference, cs)
    rows = tuple(Row(j, j.status, recommendations=helps[j.standard.number] if j.status != "addressed" else ())
                 for j in judgements)
    return Report(document, rows, reference.principles, cs, thresholds=limits)


def gap_recommendations(reference: Reference, cs: CompareSettings) -> dict:
    """For each standard, the WHO and service recommendations that speak most of it:
    ranked, like passages, by their cosine to the standard minus their mean cosine to
    all standards (a raw cosine ranks generic recommendations first)."""
    return dict(_gap_recommendations(reference.standards, reference.recommendations, cs))


@lru_cache(maxsize=4)
def _gap_recommendations(standards: tuple, recs: tuple, cs: CompareSettings) -> tuple:
    from kg_builder.encoder import load_encoder

    from .judge import margins
    from .vectors import fixed_vectors
    encoder = load_encoder(cs.model)
    if not recs:
        return tuple((s.number, ()) for s in standards)
    sv = fixed_vectors(encoder, [s.text for s in standards])
    rv = fixed_vectors(encoder, [r.text for r in recs])
    m = margins(sv, sv, rv)
    out = []
    for i, s in enumerate(standards):
        chosen, seen = [], set()
        for j in np.argsort(-m[i]):
            if m[i, j] < cs.recommendation_min_margin or len(chosen) == cs.recommendations_per_gap:
                break
            if recs[j].text not in seen:     # a list repeated in two sections is one recommendation
                seen.add(recs[j].text)
                chosen.append(recs[j])
        out.append((s.number, tuple(chosen)))
    return tuple(out)
