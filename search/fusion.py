"""Rank fusion: dense and BM25 scores are not on one scale, so they are combined by
reciprocal rank (RRF), then nudged by what the knowledge graph knows."""
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
