"""Workshop kit, fast parts that need no build: the collection's URL and JSON forms,
cloze words, the handout's shrinking, sentence splitting and safe file writing."""
from __future__ import annotations

import pytest

from kg_builder.errors import StandardsKGError
from workshop.collection import Collection, Pin
from workshop.content import Limits
from workshop.errors import BadCollectionError, OutputError
from workshop.output import write_file
from workshop.quiz import cloze_words
from workshop.text import split_sentences

ITEM = "https://w3id.org/standards-kg/id/standard/2.2"


def test_collection_survives_the_url_and_json_in_order():
    c = Collection("Ethics day").add(Pin("item", ITEM)).add(Pin("question", "informed consent?")) \
        .add(Pin("item", "https://w3id.org/standards-kg/id/recommendation/standards/who-15"))
    moved = c.move(2, -1).move(1, -1)   # the last pin moved up twice: first
    assert [p.value for p in moved.pins] == [c.pins[2].value, ITEM, "informed consent?"]
    assert moved.move(0, -1) == moved   # nothing above the first
    param = moved.to_param()
    assert set(param) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")  # safe in a URL
    assert Collection.from_param(param) == moved
    assert Collection.from_json(moved.to_json()) == moved
    assert moved.remove(0).pins == c.pins[:2]
    assert c.move(0, 1).pins == [c.pins[1], c.pins[0], c.pins[2]]
    assert c.add(Pin("item", ITEM)) == c  # pinned once


@pytest.mark.parametrize("bad", ["not-base64!!", "eyJ4IjoxfQ", ""])
def test_a_damaged_collection_link_is_a_clear_error(bad):
    if not bad:
        assert Collection.from_param("WyJ0Il0") == Collection("t", [])
        return
    with pytest.raises(BadCollectionError, match="damaged"):
        Collection.from_param(bad)


def test_a_file_that_is_not_a_collection_is_refused():
    with pytest.raises(BadCollectionError, match="not a workshop collection"):
        Collection.from_json({"items": []})
    with pytest.raises(BadCollectionError, match="item"):
        Collection.from_json({"title": "x", "pins": [{"kind": "url", "value": "x"}]})


def test_cloze_words_occur_once_and_are_not_stop_words():
    text = "Informed consent should be obtained from a patient before initiating treatment and treatment 20 times."
    words = cloze_words(text)
    assert "Informed" in words and "obtained" in words and "initiating" in words and "20" in words
    assert "treatment" not in words   # twice: a blank there would have two right fillings
    assert "should" not in words


def test_limits_shrink_to_a_minimum_then_stop():
    limits, steps = Limits(principles=2, standards=3, recommendations=3, evidence=1, quotes=2), 0
    while (smaller := limits.smaller()) is not None:
        limits, steps = smaller, steps + 1
    assert (limits.principles, limits.standards, limits.recommendations, limits.evidence, limits.quotes) == \
        (1, 1, 1, 1, 0)
    assert steps == 1 + 2 + 2 + 0 + 2


def test_sentences_keep_abbreviations_together():
    text = "Offer OAMT, e.g. methadone. Review it (WHO, 2009). Then stop it slowly. Done."
    assert split_sentences(text) == ["Offer OAMT, e.g. methadone.", "Review it (WHO, 2009).", "Then stop it slowly. Done."]


def test_write_file_is_atomic_and_refuses_bad_paths(tmp_path):
    target = tmp_path / "h.md"
    target.write_bytes(b"old")
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["h.md"]  # no temporary file left behind
    with pytest.raises(OutputError, match="does not exist"):
        write_file(tmp_path / "missing" / "h.pdf", b"x")
    with pytest.raises(OutputError, match="is a folder"):
        write_file(tmp_path, b"x")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StandardsKGError):
        write_file(blocker / "h.pdf", b"x")


def test_a_quiz_of_no_questions_is_refused():
    from workshop.catalogue import Catalogue
    from workshop.errors import BadOptionError
    from workshop.quiz import generate
    with pytest.raises(BadOptionError, match="-n must be at least 1"):
        generate(Catalogue([], [], [], [], [], [], []), n=0)
