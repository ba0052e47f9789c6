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
    # initials are no sentence end ("UNODC P.O." then "Box 500" was quoted as an answer); one capital is
    text = "Write to UNODC P.O. Box 500 in Vienna. Most are infected with hepatitis C. Vaccinate them all early."
    assert split_sentences(text) == ["Write to UNODC P.O. Box 500 in Vienna.", "Most are infected with hepatitis C.",
                                     "Vaccinate them all early."]
    # a list run into a paragraph: each number heads its item, not the sentence before
    text = "These core services should be provided: 1. Needle exchange and condoms 2. Testing for HIV. See section 4. Then stop."
    assert split_sentences(text) == ["These core services should be provided:", "1. Needle exchange and condoms",
                                     "2. Testing for HIV.", "See section 4. Then stop."]
    # items that end with a full stop: the next item's number was left on its own and
    # glued to the item before ("… their scores. 2." was quoted as an answer)
    text = "WHO recommends these steps: 1. Asking clients about their scores. 2. Giving them feedback. 3. Advising."
    assert split_sentences(text) == ["WHO recommends these steps:", "1. Asking clients about their scores.",
                                     "2. Giving them feedback. 3. Advising."]


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


# -- topics and quizzes on a toy catalogue (no build) ------------------------------------

def toy_catalogue():
    from workshop.catalogue import Catalogue, Citation, ConceptInfo, Passage, Principle, Rating, Statement
    ns = "https://w3id.org/standards-kg/id/"
    cite = Citation("Toy Standards", "standards", "2", "Ethics", f"{ns}passage/standards/1")
    principles = [Principle(f"{ns}principle/{n}", str(n), title, f"{title} matters. More words follow here.")
                  for n, title in enumerate(["Access for all", "Ethical care", "Criminal justice", "Evidence"], 1)]
    standards = [
        Statement(f"{ns}standard/2.1", "Standard", "Standard 2.1", "2.1",
                  "Informed consent should be obtained from every patient before treatment.", cite,
                  principle=f"{ns}principle/2"),
        Statement(f"{ns}standard/1.1", "Standard", "Standard 1.1", "1.1",
                  "Services for pregnant women should be available in primary healthcare settings.", cite,
                  principle=f"{ns}principle/1"),
        Statement(f"{ns}standard/3.1", "Standard", "Standard 3.1", "3.1",
                  "Offenders should receive treatment alternatives instead of imprisonment.", cite,
                  principle=f"{ns}principle/3"),
        Statement(f"{ns}recommendation/standards/who-1", "WHORecommendation", "Recommendation WHO-1", "WHO-1",
                  "Methadone maintenance should be offered to pregnant women with opioid dependence.", cite,
                  strength="Strong", source="WHO 2009"),
        Statement(f"{ns}evidence/3.4-1", "EvidenceStatement", "Evidence 3.4/1", "3.4/1",
                  "There is strong evidence from RCTs for methadone maintenance.", cite,
                  rating="https://w3id.org/standards-kg/ontology#StrongRCTEvidence",
                  rating_label="Strong evidence from RCTs", rank=1, modality=f"{ns}modality/outpatient"),
    ]
    concepts = [ConceptInfo(f"{ns}population/pregnant-women", "Population", "pregnant women"),
                ConceptInfo(f"{ns}modality/outpatient", "TreatmentModality", "outpatient treatment", number="3.4")]
    ratings = [Rating(f"https://w3id.org/standards-kg/ontology#{x}", label, rank) for rank, (x, label) in enumerate(
        [("StrongRCTEvidence", "Strong evidence from RCTs"), ("RCTEvidence", "Evidence from RCTs"),
         ("LimitedRCTEvidence", "Evidence from a small number of RCTs"),
         ("ObservationalEvidence", "Observational evidence")], 1)]
    passages = [Passage(f"{ns}passage/standards/9", "Pregnant women need care. Services for pregnant women with "
                        "drug use disorders should offer antenatal care.", "paragraph", 9, cite)]
    return Catalogue(standards, principles, concepts, ratings, ["Standard", "Strong"], passages, [],
                     links={f"{ns}standard/1.1": frozenset({f"{ns}population/pregnant-women"}),
                            f"{ns}recommendation/standards/who-1": frozenset({f"{ns}population/pregnant-women"})},
                     modality_ratings={f"{ns}modality/outpatient": frozenset({ratings[0].iri})})


def test_topic_by_concept_and_by_words_on_a_toy_catalogue():
    from workshop.errors import UnknownTopicError
    from workshop.topics import resolve
    cat = toy_catalogue()
    t = resolve("pregnant women", cat)
    assert [s.number for s in t.standards] == ["1.1"] and [s.number for s in t.recommendations] == ["WHO-1"]
    assert [p.number for p in t.principles] == ["1"]
    assert t.quotes and t.quotes[0].text == ("Services for pregnant women with drug use disorders should offer "
                                             "antenatal care.")
    consent = resolve("informed consents", cat)   # stems: "consents" meets "consent"
    assert [s.number for s in consent.standards] == ["2.1"] and consent.principles[0].title == "Ethical care"
    with pytest.raises(UnknownTopicError, match="close topics: 'pregnant women'"):
        resolve("pregnnt wmen", cat)
    # with the search at hand too: it would answer for "women" alone, not for what was meant
    with pytest.raises(UnknownTopicError, match="close topics: 'pregnant women'"):
        resolve("pregnnt women", cat, ask=lambda q: {"answer": {"found": True, "statements": []},
                                                      "cross_references": []})


def test_quiz_on_a_toy_catalogue_is_right_by_construction_and_seeded():
    import re

    from workshop.quiz import BLANK, generate
    cat = toy_catalogue()
    quiz = generate(cat, n=8, seed=11)
    assert quiz == generate(cat, n=8, seed=11)
    kinds = {i.kind for i in quiz.items}
    assert {"principle", "strength", "rating"} <= kinds
    for item in quiz.items:
        right = item.options[item.answer]
        if item.kind == "cloze":
            blanked = re.search(r"“(.*)”$", item.question).group(1)
            assert blanked.replace(BLANK, right, 1) == item.source.text
        elif item.kind == "strength":
            assert right == "Strong recommendation"
            assert set(item.options) == {"Strong recommendation", "Standard recommendation"}
        elif item.kind == "rating":
            assert right == "Strong evidence from RCTs"
        elif item.kind == "principle":
            number = item.source.iri.rsplit("/", 1)[1].split(".")[0]
            assert right.startswith(f"Principle {number}:")


def test_every_workshop_command_and_option_is_in_the_readme():
    """The README's command lines name each workshop subcommand and its options."""
    import argparse

    import cli
    from kg_builder.config import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name in ("handout", "slides", "quiz", "export-site"):
        line = next((x for x in readme.splitlines() if x.startswith(f"standards-kg {name}")), "")
        assert line, name
        for action in sub.choices[name]._actions:
            long = [o for o in action.option_strings if o.startswith("--") and o not in ("--help", "--no-search")]
            assert all(o in line for o in long), (name, long, line)


def test_collection_topic_keeps_pin_order_and_names_what_it_skipped():
    from workshop.collection import to_topic
    ns = "https://w3id.org/standards-kg/id/"
    cat = toy_catalogue()
    c = Collection("Day 1", [Pin("item", f"{ns}standard/3.1"), Pin("item", f"{ns}population/pregnant-women"),
                             Pin("question", "quantum computing"), Pin("item", f"{ns}standard/99")])
    t = to_topic(c, cat)
    assert t.order[0] == f"{ns}standard/3.1"                       # the trainer's order first
    assert {s.number for s in t.statements} == {"3.1", "1.1", "WHO-1"}  # the concept pin brings its statements
    assert [p.number for p in t.principles] == ["1", "3"]
    assert "nothing in the graph for: quantum computing" in t.matched
    assert f"nothing in the graph for: {ns}standard/99" in t.matched
