"""Embeddings cached by checksum, so that a build whose texts did not change (only the
ontology did, say) re-embeds nothing: multilingual-e5-small reads about 12 passages a
second on two cores, the slowest stage of a build from scratch.

One file per model and role (passage or query prefix) under the cache folder: the
SHA-256 of each text and its vector. An encoder with a batch backend of its own (e5
in torch) embeds every uncached text with it and names its cache `cache_name`, so
vectors of two backends are never mixed in one file. Written to a temporary file and
renamed, so an interrupted build never leaves a half-written cache."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import numpy as np


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cache_file(folder: Path, model: str, role: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", model)[-80:]
    return folder / f"{safe}.{role}.npz"


def _read(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"]))
    except (OSError, ValueError, KeyError):  # absent or damaged: re-embed, never fail the build
        return {}


def _write(path: Path, cache: dict[str, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(cache)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp.npz", dir=path.parent)
    os.close(fd)
    try:
        np.savez(tmp, keys=np.array(keys), vectors=np.stack([cache[k] for k in keys]))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached_encode(encoder, texts: list[str], *, role: str, folder: Path | None,
                  progress: bool = False, chunk: int = 128) -> tuple[np.ndarray, int]:
    """Vectors of `texts` as the encoder makes them for `role` ("passage" or "query"),
    reusing cached ones; returns the vectors and how many texts were embedded anew.
    The cache is saved after every `chunk` texts and read again before each, so an
    interrupted build keeps its progress and two builds at once share their work."""
    def encode(batch):
        if hasattr(encoder, "encode_batch"):
            return encoder.encode_batch(batch, role=role, progress=progress)
        return encoder.encode_queries(batch) if role == "query" else encoder.encode_passages(batch, progress=progress)
    if not texts:
        return np.zeros((0, 0), "float32"), 0
    if folder is None:
        return np.asarray(encode(texts), dtype="float32"), len(texts)
    path = _cache_file(folder, getattr(encoder, "cache_name", encoder.name), role)
    keys = [text_key(t) for t in texts]
    text_of = dict(zip(keys, texts))
    cache = _read(path)
    embedded = 0
    while True:
        todo = [k for k in dict.fromkeys(keys) if k not in cache][:chunk]
        if not todo:
            break
        vectors = np.asarray(encode([text_of[k] for k in todo]), dtype="float32")
        cache = {**_read(path), **cache, **dict(zip(todo, vectors))}
        _write(path, cache)
        embedded += len(todo)
    return np.stack([cache[k] for k in keys]).astype("float32"), embedded
