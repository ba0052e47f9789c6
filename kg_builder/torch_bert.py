"""A BERT sentence encoder (mean pooling, as sentence-transformers' MiniLM) in plain
torch, for the build: it trains the tuned encoder and embeds with it.

Why: sentence-transformers imports transformers, 7-9 s before the first batch (more on
a busy machine), paid twice in a build from scratch (the training process, then the
tuned vectors) and once in a cached build. This module needs torch, `safetensors` and
`tokenizers` (2-2.5 s). It repeats transformers' BertModel op for op, dropout draws
included, so the model it trains from a seed is the one sentence-transformers trained
(tests/test_encoders.py compares the two). The search runs the result in numpy
(numpy_bert.py)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import torch
import torch.nn.functional as F

# What a model folder needs besides its weights (copied from the base model).
CONFIG_FILES = ("config.json", "tokenizer.json")


class TorchBert(torch.nn.Module):
    """BertModel's encoder with its weights as parameters named as in model.safetensors."""

    def __init__(self, folder: str | Path, *, max_length: int):
        from safetensors.torch import load_file
        from tokenizers import Tokenizer
        super().__init__()
        self.folder = Path(folder)
        config = json.loads((self.folder / "config.json").read_text())
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.eps = config.get("layer_norm_eps", 1e-12)
        self.hidden_dropout = config.get("hidden_dropout_prob", 0.1)
        self.attention_dropout = config.get("attention_probs_dropout_prob", 0.1)
        weights = {k.removeprefix("bert."): v for k, v in load_file(str(self.folder / "model.safetensors")).items()}
        # "." is not allowed in a parameter's name; the safetensors names come back on save.
        self.names = sorted(k for k in weights if k != "embeddings.position_ids")
        self.weights = torch.nn.ParameterDict({k.replace(".", "/"): torch.nn.Parameter(weights[k].float())
                                               for k in self.names})
        self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.max_length = max_length

    def w(self, name: str) -> torch.Tensor:
        return self.weights[name.replace(".", "/")]

    def tokens(self, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
        """Word-piece ids and attention mask, padded to the longest text (as
        sentence-transformers' preprocess, which strips each text first)."""
        encoded = self.tokenizer.encode_batch([t.strip() for t in texts])
        ids = torch.tensor([e.ids for e in encoded])
        mask = torch.tensor([e.attention_mask for e in encoded])
        return ids, mask

    def _norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return F.layer_norm(x, (x.shape[-1],), self.w(f"{name}.weight"), self.w(f"{name}.bias"), self.eps)

    def _linear(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return F.linear(x, self.w(f"{name}.weight"), self.w(f"{name}.bias"))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor, words: torch.Tensor | None = None) -> torch.Tensor:
        """Mean-pooled, L2-normalised sentence embeddings (batch, hidden). In training
        mode, dropout as BertModel draws it, in the same order and shapes. `words`: the
        rows of the word-embedding table that `ids` index instead of the whole table
        (see `embed_chunks`)."""
        B, L = ids.shape
        drop = self.training
        x = F.embedding(ids, self.w("embeddings.word_embeddings.weight") if words is None else words)
        x = x + self.w("embeddings.token_type_embeddings.weight")[0]
        x = x + self.w("embeddings.position_embeddings.weight")[:L]
        x = F.dropout(self._norm(x, "embeddings.LayerNorm"), self.hidden_dropout, drop)
        # transformers gives sdpa no mask when no token is padding
        attn_mask = None if bool(mask.all()) else mask.bool()[:, None, None, :].expand(B, 1, L, L)
        heads, size = self.heads, x.shape[-1] // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q, k, v = (self._linear(x, p + f"attention.self.{n}").view(B, L, heads, size).transpose(1, 2)
                       for n in ("query", "key", "value"))
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask,
                                                 dropout_p=self.attention_dropout if drop else 0.0,
                                                 scale=size ** -0.5)
            ctx = ctx.transpose(1, 2).reshape(B, L, -1)
            a = F.dropout(self._linear(ctx, p + "attention.output.dense"), self.hidden_dropout, drop)
            x = self._norm(a + x, p + "attention.output.LayerNorm")
            mid = F.gelu(self._linear(x, p + "intermediate.dense"))
            o = F.dropout(self._linear(mid, p + "output.dense"), self.hidden_dropout, drop)
            x = self._norm(o + x, p + "output.LayerNorm")
        m = mask[:, :, None].to(x.dtype)
        pooled = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return F.normalize(pooled, p=2, dim=1)

    def embed(self, texts: list[str]) -> torch.Tensor:
        return self(*self.tokens(texts))

    def embed_chunks(self, chunks: list[list[str]]) -> list[torch.Tensor]:
        """`embed` of each list of texts, their word embeddings looked up once for all.
        In training, each lookup's gradient is a dense copy of the 30,522 x 384 table:
        filling and adding those, one per chunk, took a tenth of a training step. The
        vectors are the same; the gradient sums the same terms in another order."""
        tokens = [self.tokens(texts) for texts in chunks]
        used, inverse = torch.unique(torch.cat([ids.reshape(-1) for ids, _ in tokens]), return_inverse=True)
        words = self.w("embeddings.word_embeddings.weight")[used]
        out, at = [], 0
        for ids, mask in tokens:
            out.append(self(inverse[at:at + ids.numel()].view_as(ids), mask, words))
            at += ids.numel()
        return out

    @torch.inference_mode()
    def encode(self, texts: list[str], batch_size: int = 32):
        """numpy vectors of `texts`, in batches of like length in word pieces (the build's
        passages padded to 20% more pieces than they hold when sorted by characters, as
        sentence-transformers sorts them; 4% by pieces)."""
        import numpy as np
        was = self.training
        self.eval()
        pieces = [sum(e.attention_mask) for e in self.tokenizer.encode_batch([t.strip() for t in texts])] if texts else []
        order = sorted(range(len(texts)), key=lambda i: -pieces[i])
        out = np.zeros((len(texts), self.w("embeddings.word_embeddings.weight").shape[1]), "float32")
        for start in range(0, len(order), batch_size):
            ids = order[start:start + batch_size]
            out[ids] = self.embed([texts[i] for i in ids]).numpy()
        self.train(was)
        return out

    def save(self, folder: Path) -> None:
        """model.safetensors with the base model's names, beside its config and tokenizer."""
        from safetensors.torch import save_file
        folder.mkdir(parents=True, exist_ok=True)
        save_file({k: self.w(k).detach().contiguous() for k in self.names}, str(folder / "model.safetensors"))
        for name in CONFIG_FILES:
            shutil.copy2(self.folder / name, folder / name)
