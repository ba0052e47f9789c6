"""Putting scores of different scales on one: each signal rescaled between its best
and its `top`-th best before the ranker mixes them (search/ranking.py). Unlike
reciprocal rank fusion, which the benchmark keeps as a baseline, this keeps the
margins: a passage far ahead by one signal (a rare exact phrase) stays ahead."""
from __future__ import annotations

import numpy as np


def rescale_top(scores: np.ndarray, top: int) -> np.ndarray:
    """Scores mapped to [0, 1]: 1 for the best, 0 at the `top`-th best and below. The
    floor at the top-th score, not the minimum, keeps one outlier from squashing the rest."""
    top = min(top, len(scores))
    hi = float(scores.max())
    lo = float(np.partition(scores, len(scores) - top)[len(scores) - top])
    if hi <= lo:
        return np.zeros(len(scores), dtype=np.float64)
    return np.clip((scores.astype(np.float64) - lo) / (hi - lo), 0.0, None)
