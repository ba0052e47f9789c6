"""A question in another language, brought to the tuned English encoder.

The encoder tuned on the curated questions (kg_builder/tuned_encoder.py) finds the right
passage far more often than e5 does, but it reads English only. e5 reads the six UN
languages into one space: a question and its translation land close together. So a
linear map, fit on the curated English questions from their e5 vectors to their tuned
vectors, carries a question in any language to where the tuned encoder would have put
its English wording, near enough to rank passages by. It is fit when first needed, from
vectors the build already holds (ridge regression: 3,137 questions and 4,422
translations, 384 x 384, a few ms).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Projection:
    matrix: np.ndarray   # (e5 dimension, tuned dimension)

    @classmethod
    def fit(cls, source: np.ndarray, target: np.ndarray, ridge: float) -> "Projection":
        """The map W minimising |source W - target|^2 + ridge |W|^2 (rows paired)."""
        if len(source) != len(target) or not len(source):
            raise ValueError(f"a projection needs paired rows: {len(source)} source, {len(target)} target")
        x = source.astype(np.float64)
        gram = x.T @ x + ridge * np.eye(x.shape[1])
        return cls(np.linalg.solve(gram, x.T @ target.astype(np.float64)).astype(np.float32))

    def __call__(self, vectors: np.ndarray) -> np.ndarray:
        """One vector, or a matrix of them (a row each), carried and normalised."""
        out = vectors @ self.matrix
        return out / np.maximum(np.linalg.norm(out, axis=-1, keepdims=True), 1e-9)
