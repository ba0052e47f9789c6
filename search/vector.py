"""The FAISS index of passage embeddings, refused when it does not match the passages
or the configured model."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from kg_builder.index import passages_checksum

from .errors import ArtifactsMissingError, StaleArtifactsError


class VectorIndex:
    def __init__(self, folder: Path, *, model: str, index_texts: list[str]):
        import faiss
        meta_path, index_path = folder / "index.json", folder / "index.faiss"
        for p in (meta_path, index_path):
            if not p.is_file():
                raise ArtifactsMissingError(f"{p} is missing: run `standards-kg build`")
        meta = json.loads(meta_path.read_text())
        if meta.get("model") != model:
            raise StaleArtifactsError(
                f"{index_path} was built with model {meta.get('model')!r}, not {model!r}: "
                "run `standards-kg build` to re-embed the passages with this model")
        if meta.get("passages_sha256") != passages_checksum(index_texts):
            raise StaleArtifactsError(
                f"{index_path} does not match {folder / 'passages.jsonl'} (built from another corpus): "
                "run `standards-kg build`")
        self.index = faiss.read_index(str(index_path))
        if self.index.ntotal != len(index_texts):
            raise StaleArtifactsError(f"{index_path} holds {self.index.ntotal} vectors for "
                                      f"{len(index_texts)} passages: run `standards-kg build`")

    def matrix(self) -> np.ndarray:
        """Every passage vector, in passage order (the index is flat: exact)."""
        return self.index.reconstruct_n(0, self.index.ntotal)

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of the query to every passage (flat index: exact)."""
        sims, ids = self.index.search(query_vector.reshape(1, -1).astype("float32"), self.index.ntotal)
        out = np.empty(self.index.ntotal, dtype=np.float32)
        out[ids[0]] = sims[0]
        return out
