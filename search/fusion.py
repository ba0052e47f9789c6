"""Fusion of the dense and BM25 rankings. They are not on one scale: reciprocal rank
fusion (RRF) uses ranks only; the convex combination rescales the scores first."""
from __future__ import annotations

import numpy as np


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


def rescale_top(scores: np.ndarray, top: int) -> np.ndarray:
    """Scores mapped to [0, 1]: 1 for the best, 0 at the `top`-th best and below. The
    floor at the top-th score, not the minimum, keeps one outlier from squashing the rest."""
    top = min(top, len(scores))
    hi = float(scores.max())
    lo = float(np.partition(scores, len(scores) - top)[len(scores) - top])
    if hi <= lo:
        return np.zeros(len(scores), dtype=np.float64)
    return np.clip((scores.astype(np.float64) - lo) / (hi - lo), 0.0, None)


def convex(dense: np.ndarray, lexical: np.ndarray, *, alpha: float = 0.5, top: int = 100) -> np.ndarray:
    """alpha·dense + (1−alpha)·lexical on rescaled scores. Unlike RRF it keeps the
    margins: a passage that BM25 finds far ahead of all others (a rare exact phrase)
    stays ahead even when the dense ranking puts it lower."""
    return alpha * rescale_top(dense, top) + (1 - alpha) * rescale_top(lexical, top)
