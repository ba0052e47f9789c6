"""Quiz questions made from the documents without inventing anything.

Four kinds, each answerable from the graph alone:
- cloze: a key word or number blanked from a verbatim standard or recommendation; the
  distractors are words of other statements that do not occur in this one, so putting
  one in the blank cannot give the verbatim text;
- principle: which principle a standard belongs to (skg:principle); distractors are
  the other principles;
- strength: the strength of a WHO recommendation (skg:strength); the distractor is the
  other strength;
- rating: the evidence rating the Standards give a treatment modality (skg:evidenceRating);
  distractors are ratings the modality does not have.

The same catalogue, topic and seed give the same quiz: candidates are taken in IRI
order and only a seeded random.Random chooses among them."""
from __future__ import annotations

import html
import json
import random
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from .catalogue import Catalogue, Statement, short_iri
from .content import KIND_NAMES
from .errors import BadOptionError, UnknownTopicError
from .formats import QUIZ_FORMATS as FORMATS
from .topics import STOPWORDS, Topic

KINDS = ("cloze", "principle", "strength", "rating")
BLANK = "_____"
CLOZE_WORD_RE = re.compile(r"(?<![\w-])([A-Za-z]{7,}|\d+(?:[.,]\d+)?)(?![\w-])")
LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class Source:
    iri: str
    section: str
    text: str


@dataclass(frozen=True)
class QuizItem:
    kind: str
    question: str
    options: tuple[str, ...]
    answer: int                   # index into options
    explanation: str
    source: Source

    def to_json(self) -> dict:
        d = asdict(self)
        d["options"] = list(self.options)
        return d


@dataclass
class Quiz:
    title: str
    seed: int
    items: list[QuizItem] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"title": self.title, "seed": self.seed, "items": [i.to_json() for i in self.items]}


def section_of(s: Statement) -> str:
    c = s.citation
    return f"{c.document}, {' '.join(x for x in (c.section, c.section_title) if x)}".rstrip(", ")


def source_of(s: Statement) -> Source:
    return Source(s.iri, section_of(s), s.text)


def _shuffled(rng: random.Random, correct: str, wrong: list[str]) -> tuple[tuple[str, ...], int]:
    options = [correct, *wrong]
    rng.shuffle(options)
    return tuple(options), options.index(correct)


# -- cloze --------------------------------------------------------------------------

def cloze_words(text: str) -> list[str]:
    """Words (7+ letters, not stop words) and numbers that occur once in the text: a
    blank at their place has one right filling."""
    found = [m.group(1) for m in CLOZE_WORD_RE.finditer(text)]
    counts = Counter(w.lower() for w in found)
    return [w for w in found if counts[w.lower()] == 1 and w.lower() not in STOPWORDS]


def cloze(s: Statement, rng: random.Random, vocabulary: dict[str, int]) -> QuizItem | None:
    candidates = cloze_words(s.text)
    if not candidates:
        return None
    # The rarer a word across all statements, the more it says about this one.
    candidates.sort(key=lambda w: (vocabulary.get(w.lower(), 0), w.lower()))
    word = rng.choice(candidates[:3])
    text_words = {w.lower() for w in re.findall(r"[\w-]+", s.text)}
    is_number = word[0].isdigit()
    pool = sorted(w for w in vocabulary if (w[0].isdigit() == is_number) and w not in text_words
                  and (is_number or abs(len(w) - len(word)) <= 3))
    same_ending = [w for w in pool if w[-3:] == word.lower()[-3:]]
    chosen_from = same_ending if len(same_ending) >= 3 else pool
    if len(chosen_from) < 3:
        return None
    wrong = rng.sample(chosen_from, 3)
    if word[0].isupper():
        wrong = [w[0].upper() + w[1:] for w in wrong]
    blanked = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", BLANK, s.text, count=1)
    name = f"{KIND_NAMES.get(s.kind, s.kind)} {s.number}".strip()
    options, answer = _shuffled(rng, word, wrong)
    return QuizItem("cloze", f"Fill in the blank in {name}: “{blanked}”", options, answer,
                    f"{name} reads “{s.text}” ({section_of(s)}; {short_iri(s.iri)}).", source_of(s))


def vocabulary_of(statements: list[Statement]) -> dict[str, int]:
    """Cloze-able words of all statements, lowercased (numbers as they are), with the
    number of statements each occurs in."""
    counts: Counter[str] = Counter()
    for s in statements:
        counts.update({w.lower() for w in cloze_words(s.text)} | {w.lower() for w in CLOZE_WORD_RE.findall(s.text)})
    return dict(counts)


# -- principle, strength, rating ---------------------------------------------------------

def principle_item(s: Statement, catalogue: Catalogue, rng: random.Random) -> QuizItem | None:
    right = catalogue.principle_by_iri.get(s.principle)
    others = [p for p in catalogue.principles if p.iri != s.principle]
    if right is None or len(others) < 3:
        return None
    label = {p.iri: f"Principle {p.number}: {p.title}" for p in catalogue.principles}
    options, answer = _shuffled(rng, label[right.iri], [label[p.iri] for p in rng.sample(others, 3)])
    return QuizItem("principle", f"Which principle does this standard belong to? “{s.text}”", options, answer,
                    f"This is Standard {s.number}, one of the standards of {label[right.iri]} "
                    f"({short_iri(s.iri)} skg:principle {short_iri(right.iri)}).", source_of(s))


def strength_item(s: Statement, catalogue: Catalogue, rng: random.Random) -> QuizItem | None:
    others = [x for x in catalogue.strengths if x != s.strength]
    if not s.strength or not others:
        return None
    options, answer = _shuffled(rng, f"{s.strength} recommendation", [f"{x} recommendation" for x in others])
    where = f" ({s.source})" if s.source else ""
    return QuizItem("strength", f"What is the strength of this WHO recommendation{where}? “{s.text}”", options,
                    answer, f"The Standards list {s.number} as a {s.strength} recommendation in {section_of(s)} "
                    f"({short_iri(s.iri)}).", source_of(s))


def rating_item(s: Statement, catalogue: Catalogue, rng: random.Random) -> QuizItem | None:
    """From an evidence statement: the rating the Standards give its modality there."""
    modality = catalogue.concept_by_iri.get(s.modality)
    if modality is None or not s.rating:
        return None
    has = catalogue.modality_ratings.get(s.modality, frozenset({s.rating}))
    wrong = [r for r in catalogue.ratings if r.iri not in has]
    if not wrong:
        return None
    wrong = rng.sample(wrong, min(3, len(wrong)))
    right = catalogue.rating_by_iri[s.rating]
    options, answer = _shuffled(rng, right.label, [r.label for r in wrong])
    question = (f"Which of these evidence ratings is one the Standards give {modality.label} "
                f"(section {modality.number})?" if len(has) > 1 else
                f"Which evidence rating do the Standards give {modality.label} (section {modality.number})?")
    return QuizItem("rating", question, options, answer,
                    f"Evidence {s.number} ({section_of(s)}) is rated “{right.label}”: “{s.text}” "
                    f"({short_iri(s.iri)}).", source_of(s))


# -- the quiz -----------------------------------------------------------------------------

def generate(catalogue: Catalogue, *, topic: Topic | None = None, n: int = 10, seed: int = 0) -> Quiz:
    """n questions (fewer if the topic has fewer), the kinds taken in turn."""
    if n < 1:
        raise BadOptionError(f"-n must be at least 1 (got {n}): ask for one question or more")
    rng = random.Random(seed)
    statements = topic.statements if topic is not None else catalogue.statements
    statements = sorted(statements, key=lambda s: s.iri)
    vocabulary = vocabulary_of(catalogue.statements)
    pools = {
        "cloze": [s for s in statements if s.kind == "Standard" or s.is_recommendation],
        "principle": [s for s in statements if s.kind == "Standard"],
        "strength": [s for s in statements if s.kind == "WHORecommendation" and s.strength],
        "rating": [s for s in statements if s.kind == "EvidenceStatement"],
    }
    makers = {"cloze": lambda s: cloze(s, rng, vocabulary), "principle": lambda s: principle_item(s, catalogue, rng),
              "strength": lambda s: strength_item(s, catalogue, rng), "rating": lambda s: rating_item(s, catalogue, rng)}
    for pool in pools.values():
        rng.shuffle(pool)
    items: list[QuizItem] = []
    # each statement once a quiz: a standard quoted whole in one question ("which principle
    # does it belong to?") would give away the word blanked in another
    used: set[str] = set()
    while len(items) < n and any(pools.values()):
        for kind in KINDS:
            while pools[kind] and len(items) < n:
                s = pools[kind].pop()
                if s.iri in used:
                    continue
                item = makers[kind](s)
                if item is not None:
                    used.add(s.iri)
                    items.append(item)
                    break
    if not items:
        what = f"the topic {topic.query!r}" if topic else "the graph"
        raise UnknownTopicError(f"no quiz question can be made from {what}: choose a topic with standards or "
                                "recommendations, e.g. 'informed consent'")
    title = f"Quiz: {topic.title}" if topic else "Quiz: the International Standards"
    return Quiz(title, seed, items)


# -- output -------------------------------------------------------------------------------

def to_markdown(quiz: Quiz) -> str:
    lines = [f"# {quiz.title}", "", f"*Seed {quiz.seed}: the same seed gives the same quiz. Every question is "
                                    "answered by the quoted source in the answer key.*", ""]
    for i, item in enumerate(quiz.items, start=1):
        lines += [f"**{i}.** {item.question}", ""]
        lines += [f"- {LETTERS[k]}. {o}" for k, o in enumerate(item.options)] + [""]
    lines += ["## Answer key", ""]
    for i, item in enumerate(quiz.items, start=1):
        lines.append(f"{i}. **{LETTERS[item.answer]}. {item.options[item.answer]}** — {item.explanation} "
                     f"<{item.source.iri}>")
    return "\n".join(lines) + "\n"


def to_html(quiz: Quiz) -> str:
    esc = html.escape
    qs, key = [], []
    for i, item in enumerate(quiz.items, start=1):
        opts = "".join(f"<li><span class=\"letter\">{LETTERS[k]}.</span> {esc(o)}</li>"
                       for k, o in enumerate(item.options))
        # On screen (projected) each answer opens under its question; on paper, the key at the end.
        qs.append(f"<li class=\"q {item.kind}\"><p>{esc(item.question)}</p><ol class=\"options\">{opts}</ol>"
                  f"<details class=\"reveal\"><summary>Answer</summary>{LETTERS[item.answer]}. "
                  f"{esc(item.options[item.answer])} — {esc(item.explanation)}</details></li>")
        key.append(f"<li><b>{LETTERS[item.answer]}. {esc(item.options[item.answer])}</b> — {esc(item.explanation)} "
                   f"<a href=\"{esc(item.source.iri)}\">{esc(short_iri(item.source.iri))}</a></li>")
    css = ("body{font:12pt/1.4 'DejaVu Sans',Arial,sans-serif;max-width:50em;margin:1em auto;padding:0 1em;color:#000}"
           "ol.options{list-style:none;padding-left:1em}.letter{font-weight:bold}li.q{margin-bottom:1em}"
           "#key{break-before:page;font-size:10pt}details.reveal{font-size:10pt;color:#333}"
           "@media print{a{color:#000}details.reveal{display:none}}")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{esc(quiz.title)}</title>"
            f"<style>{css}</style></head><body><h1>{esc(quiz.title)}</h1>"
            f"<p><i>Seed {quiz.seed}: the same seed gives the same quiz.</i></p><ol>{''.join(qs)}</ol>"
            f"<section id=\"key\"><h2>Answer key</h2><ol>{''.join(key)}</ol></section></body></html>\n")


def render(quiz: Quiz, fmt: str = "json") -> bytes:
    if fmt == "json":
        return (json.dumps(quiz.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "md":
        return to_markdown(quiz).encode("utf-8")
    if fmt == "html":
        return to_html(quiz).encode("utf-8")
    raise ValueError(f"unknown quiz format {fmt!r}; choose one of {', '.join(FORMATS)}")
