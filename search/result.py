"""What `ask` returns: typed for the app and the CLI, and as the JSON object of
`ask --json` and the endpoint's /ask, whose contract is:

  {"question", "language",
   "answer": {"found", "text", "citations", "statements": [{"iri", "kind", "label",
              "number", "text", "strength", "passage_rank"}], "sentences": [{"text",
              "passage_rank"}], "note", "coverage"},
   "passages": [{"rank", "score", "text", "highlights", "iri", "doc_id", "doc_title",
                 "doc_url", "section", "section_title", "heading"}],
   "cross_references": [{"kind", "iri", "label", "number", "text", "strength", "why"}],
   "cross_reference_queries": {group: SPARQL},
   "concepts": [{"iri", "label", "matched"}],
   "timings_ms": {"retrieve", "graph", "total"}}

`passages` are the k best, then any further passage a statement of the answer is quoted
from (a governing statement may sit in a passage ranked below k), so that every
citation resolves. `answer.text` holds only verbatim quotes, each followed by the rank of the passage it
is quoted from ("… [2]"); the statements' kind, number and strength are in
`answer.statements`."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from .answer import Composition, StatementQuote
from .coverage import Coverage
from .crossrefs import CrossReference
from .question import Question
from .ranking import Ranking

NOT_COVERED = ("The documents in this collection do not address this question. "
               "The nearest passages are listed below for you to judge.")
LANGUAGE_NAMES = {"es": "Spanish", "fr": "French", "pt": "Portuguese", "ru": "Russian", "ar": "Arabic",
                  "zh": "Chinese", "de": "German", "it": "Italian", "other": "a language other than English"}


@dataclass(frozen=True)
class Passage:
    iri: str
    doc_id: str
    doc_title: str
    section: str
    section_title: str
    heading: str
    kind: str
    text: str
    index_text: str
    concepts: frozenset[str]
    topic: str = ""
    doc_url: str = ""   # the publisher's page of the document

    @classmethod
    def from_record(cls, r: dict, doc_url: str = "") -> "Passage":
        return cls(r["iri"], r["doc_id"], r["doc_title"], r["section"], r["section_title"], r["heading"],
                   r["kind"], r["text"], r["index_text"], frozenset(r["concepts"]), r.get("topic", ""), doc_url)


@dataclass(frozen=True)
class RankedPassage:
    rank: int
    score: float
    passage: Passage
    highlights: tuple[str, ...]

    def to_json(self) -> dict:
        p = self.passage
        return {"rank": self.rank, "score": round(self.score, 6), "text": p.text,
                "highlights": list(self.highlights), "iri": p.iri, "doc_id": p.doc_id,
                "doc_title": p.doc_title, "doc_url": p.doc_url or None, "section": p.section,
                "section_title": p.section_title, "heading": p.heading or None}


@dataclass(frozen=True)
class CitedStatement:
    statement: StatementQuote
    passage_rank: int

    def to_json(self) -> dict:
        s = self.statement
        return {"iri": s.iri, "kind": s.kind, "label": s.label, "number": s.number or None, "text": s.text,
                "strength": s.strength or None, "passage_rank": self.passage_rank}


@dataclass(frozen=True)
class AskResult:
    question: str
    language: str
    found: bool
    text: str
    citations: tuple[int, ...]
    statements: tuple[CitedStatement, ...]
    sentences: tuple[tuple[str, int], ...]   # the explanatory quotes: (text, passage rank)
    note: str | None
    coverage: Coverage
    passages: tuple[RankedPassage, ...]
    cross_references: tuple[CrossReference, ...] = ()
    cross_reference_queries: dict = field(default_factory=dict)
    concepts: tuple[dict, ...] = ()
    timings_ms: dict = field(default_factory=dict)

    @classmethod
    def make(cls, engine, q: Question, ranking: Ranking, shown: list[int], coverage: Coverage,
             composition: Composition, xrefs: list[CrossReference], queries: dict, *, note: str | None,
             started: float, retrieved: float) -> "AskResult":
        rank_of = {p: r for r, p in enumerate(shown, start=1)}
        quotes = composition.quotes()
        text = " ".join(f"{t} [{rank_of[p]}]" for t, p in quotes)
        passages = tuple(RankedPassage(rank_of[i], float(ranking.final[i]), engine.passages[i],
                                       tuple(t for t, p in quotes if p == i)) for i in shown)
        done = time.perf_counter()
        return cls(question=q.text, language=q.language, found=True, text=text,
                   citations=tuple(sorted({rank_of[p] for _, p in quotes})),
                   statements=tuple(CitedStatement(s, rank_of[s.passage]) for s in composition.statements),
                   sentences=tuple((q.text, rank_of[q.passage]) for q in composition.sentences),
                   note=note, coverage=coverage, passages=passages, cross_references=tuple(xrefs),
                   cross_reference_queries=queries, concepts=_concepts(engine, q),
                   timings_ms=_timings(started, retrieved, done))

    def to_json(self) -> dict:
        return {
            "question": self.question, "language": self.language,
            "answer": {"found": self.found, "text": self.text, "citations": list(self.citations),
                       "statements": [s.to_json() for s in self.statements],
                       "sentences": [{"text": t, "passage_rank": r} for t, r in self.sentences], "note": self.note,
                       "coverage": {"similarity": round(self.coverage.similarity, 4), "reason": self.coverage.reason}},
            "passages": [p.to_json() for p in self.passages],
            "cross_references": [x.to_json() for x in self.cross_references],
            "cross_reference_queries": dict(self.cross_reference_queries),
            "concepts": list(self.concepts),
            "timings_ms": dict(self.timings_ms),
        }


def _concepts(engine, q: Question) -> tuple[dict, ...]:
    seen = {}
    for m in engine.matcher.find(q.expanded):
        seen.setdefault(m.concept.iri, {"iri": m.concept.iri, "label": m.concept.label, "matched": m.matched})
    return tuple(seen.values())


def _timings(started: float, retrieved: float, done: float) -> dict:
    return {"retrieve": round((retrieved - started) * 1000, 2), "graph": round((done - retrieved) * 1000, 2),
            "total": round((done - started) * 1000, 2)}


def language_note(q: Question) -> str | None:
    if q.english:
        return None
    name = LANGUAGE_NAMES.get(q.language, q.language)
    return f"Question read in {name}; the documents are in English, so the answer quotes them in English."


def answer_note(q: Question) -> str | None:
    """The language note, and, for a question naming what the documents never do
    ("kratom") that is answered all the same, because a passage came very close, a
    word that the answer quotes the closest they come, not that thing."""
    notes = [n for n in (language_note(q), f"The documents never mention {', '.join(q.rare_terms)}: "
                         "the answer quotes the closest they come." if q.rare_terms else None) if n]
    return " ".join(notes) or None


def not_covered(engine, q: Question, ranking: Ranking, top: list[int], coverage: Coverage, started: float,
                *, reason: str = NOT_COVERED) -> AskResult:
    """An honest "not covered", with the nearest passages (their text shown in full) to judge."""
    retrieved = time.perf_counter()
    passages = tuple(RankedPassage(r, float(ranking.final[i]), engine.passages[i], ())
                     for r, i in enumerate(top, start=1))
    return AskResult(question=q.text, language=q.language, found=False, text=reason, citations=(), statements=(), sentences=(),
                     note=language_note(q), coverage=coverage, passages=passages, concepts=_concepts(engine, q),
                     timings_ms=_timings(started, retrieved, time.perf_counter()))
