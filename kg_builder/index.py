"""Passages -> embeddings -> a FAISS inner-product index, saved with the model name
and a checksum of what it indexes so that a mismatched index is refused on load."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np


def passages_checksum(index_texts: list[str]) -> str:
    h = hashlib.sha256()
    for t in index_texts:
        h.update(t.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def write_index(folder: Path, vectors: np.ndarray, *, model: str, index_texts: list[str]) -> dict:
    import faiss
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    faiss.write_index(index, str(folder / "index.faiss"))
    meta = {"model": model, "dimension": int(vectors.shape[1]), "count": int(vectors.shape[0]),
            "metric": "inner product on normalised vectors",
            "passages_sha256": passages_checksum(index_texts)}
    (folder / "index.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
    return meta
