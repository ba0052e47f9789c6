"""A BERT sentence encoder (mean pooling, as sentence-transformers' MiniLM) run in
numpy from a model folder's `model.safetensors` and `tokenizer.json`.

Why: the search reads questions with an encoder fine-tuned at build time. Loading it
through sentence-transformers would bring torch back into every `ask` (8-14 s to
import); this forward pass needs numpy, `safetensors` and `tokenizers` (both already
installed with sentence-transformers, each imported in milliseconds), loads in about
0.2 s and encodes a question in a few milliseconds. Checked against
sentence-transformers on the same folder in tests/test_encoders.py."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import math

import numpy as np


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU, x·Φ(x); erf from its standard rational approximation
    # (Abramowitz-Stegun 7.1.26, error < 1.5e-7), since numpy has no erf.
    z = x / math.sqrt(2.0)  # a Python float: a numpy float64 would make the array float64
    s = np.sign(z)
    a = np.abs(z)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = s * (1.0 - poly * np.exp(-a * a))
    return 0.5 * x * (1.0 + erf)


@dataclass
class NumpyBert:
    weights: dict[str, np.ndarray]
    tokenizer: object
    layers: int
    heads: int
    eps: float
    max_length: int
    # Each linear layer's weight transposed once, contiguous, beside its bias: BLAS
    # multiplies a question's few rows by a contiguous (in, out) matrix about 40% faster
    # than by the transposed view of the stored (out, in) one (a warm ask's 36 products).
    kernels: dict[str, tuple[np.ndarray, np.ndarray]] = field(init=False, repr=False)

    def __post_init__(self):
        linear = [name.removesuffix(".weight") for name, w in self.weights.items()
                  if name.startswith("encoder.layer.") and name.endswith(".weight") and w.ndim == 2]
        # the stored orientation is dropped, so the model is not held twice
        self.kernels = {name: (np.ascontiguousarray(self.weights.pop(name + ".weight").T),
                               self.weights[name + ".bias"]) for name in linear}

    @classmethod
    def load(cls, folder: str | Path, *, max_length: int = 256) -> "NumpyBert":
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
        folder = Path(folder)
        config = json.loads((folder / "config.json").read_text())
        weights = {k: v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()}
        weights = {k.removeprefix("bert."): v for k, v in weights.items()}
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(max_length)
        tokenizer.no_padding()
        return cls(weights, tokenizer, config["num_hidden_layers"], config["num_attention_heads"],
                   config.get("layer_norm_eps", 1e-12), max_length)

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        kernel, bias = self.kernels[name]
        return x @ kernel + bias

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled last hidden states of a padded batch: (batch, hidden)."""
        w = self.weights
        n, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        hidden = x.shape[-1]
        size = hidden // self.heads
        blocked = (1.0 - mask[:, None, None, :]) * np.float32(-1e9)  # padding gets no attention
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            split = lambda t: t.reshape(n, length, self.heads, size).transpose(0, 2, 1, 3)  # noqa: E731
            q = split(self._linear(x, p + "attention.self.query"))
            k = split(self._linear(x, p + "attention.self.key"))
            v = split(self._linear(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, hidden)
            x = _layer_norm(x + self._linear(context, p + "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                            self.eps)
            inner = _gelu(self._linear(x, p + "intermediate.dense"))
            x = _layer_norm(x + self._linear(inner, p + "output.dense"),
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
        m = mask[:, :, None]
        return (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        """Mean-pooled embeddings, not normalised, in the order given. Texts of similar
        length are batched together so that padding costs little."""
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), self.weights["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), np.int64)
            mask = np.zeros((len(chunk), length), np.float32)
            for row, i in enumerate(chunk):
                e = encodings[i].ids
                ids[row, :len(e)] = e
                mask[row, :len(e)] = 1
            out[chunk] = self.forward(ids, mask)
        return out
