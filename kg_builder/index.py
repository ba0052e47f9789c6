"""Passages -> embeddings -> a FAISS inner-product index, saved with the model name
and a checksum of what it indexes so that a mismatched index is refused on load."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np


def embedding_text(topic: str, index_text: str) -> str:
    """What the dense model reads: the passage under the title of the part of the
    document it belongs to. A subsection's own title ("3.5.5 Treatment Methods",
    "3.3.2 Goals") does not say that it is about long-term residential treatment.
    BM25 reads the index text alone: the topic's words in every passage of a chapter
    would blur its ranking within the chapter."""
    return f"{topic} › {index_text}" if topic else index_text


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
