"""Embeddings of the fixed texts (the 59 standards, their clauses, the recommendations),
kept on disk between runs: they are the same for every document, and embedding them
again cost each `compare` run several seconds. Keyed by model and texts, so a changed
graph or model never reads stale vectors; a folder that cannot be written just means
no cache."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np

from kg_builder.config import ROOT

CACHE_DIR = Path(os.environ.get("STANDARDS_KG_CACHE") or ROOT / ".cache") / "compare"


def fixed_vectors(encoder, texts: list[str], cache_dir: Path = CACHE_DIR) -> np.ndarray:
    """encoder.encode_queries(texts), from the cache when it has them."""
    if not texts:
        return encoder.encode_queries([])
    key = hashlib.sha256("\x1e".join([encoder.name, "query", *texts]).encode("utf-8")).hexdigest()[:32]
    path = cache_dir / f"{key}.npy"
    try:
        vectors = np.load(path)
        if vectors.shape[0] == len(texts):
            return vectors
    except (OSError, ValueError):
        pass
    vectors = encoder.encode_queries(texts)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".npy")
        with os.fdopen(fd, "wb") as f:
            np.save(f, vectors)
        os.replace(tmp, path)
    except OSError:
        pass
    return vectors
