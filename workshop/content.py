"""What a handout or a deck shows, independent of the format: blocks of entries, each
a verbatim text with its number, badges (strength, WHO source, evidence rating) and
its citation (document, section, IRI). The renderers only lay these out."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .catalogue import Catalogue, Citation, Statement
from .text import split_sentences
from .topics import Topic

# The WHO recommendations first (they carry a strength), the Strong ones first.
RECOMMENDATION_ORDER = ("WHORecommendation", "ServiceRecommendation", "GoodPracticeCondition",
                        "CompulsoryTreatmentCriterion", "OperativeParagraph", "PreambularParagraph")
KIND_NAMES = {"WHORecommendation": "WHO recommendation", "ServiceRecommendation": "Recommendation",
              "GoodPracticeCondition": "Good-practice condition",
              "CompulsoryTreatmentCriterion": "Compulsory treatment criterion",
              "OperativeParagraph": "Operative paragraph", "PreambularParagraph": "Preambular paragraph",
              "Standard": "Standard", "EvidenceStatement": "Evidence statement"}


@dataclass(frozen=True)
class Entry:
    kind: str                      # Principle, Standard, Recommendation, Evidence, Passage
    heading: str                   # "Standard 2.2", "WHO recommendation WHO-15"
    text: str                      # verbatim from the graph
    citation: str                  # "document, section"
    iri: str                       # the item's (or passage's) IRI
    badges: tuple[str, ...] = ()   # "Strong recommendation", "WHO 2009", "Evidence from RCTs"


@dataclass(frozen=True)
class Block:
    title: str
    entries: tuple[Entry, ...]
    more: int = 0                  # entries of this kind left out for length


@dataclass(frozen=True)
class Limits:
    """How many entries of each block fit: the handout shrinks these until it fits
    its pages; the deck takes one slide per statement up to `statements`."""
    principles: int = 3
    standards: int = 8
    recommendations: int = 6
    evidence: int = 4
    quotes: int = 3

    def smaller(self) -> "Limits | None":
        """One entry less in the block that has the most left above its minimum (ties:
        quotes, then recommendations, standards, evidence, principles); None when every
        block is at its minimum."""
        room = [(getattr(self, n) - m, -i, n) for i, (n, m) in enumerate(MINIMUM.items()) if getattr(self, n) > m]
        if not room:
            return None
        name = max(room)[2]
        return replace(self, **{name: getattr(self, name) - 1})

    def clipped(self, topic: Topic) -> "Limits":
        """No limit above what the topic has, so that shrinking always removes something."""
        return Limits(min(self.principles, len(topic.principles)), min(self.standards, len(topic.standards)),
                      min(self.recommendations, len(topic.recommendations)),
                      min(self.evidence, len(topic.evidence)), min(self.quotes, len(topic.quotes)))


MINIMUM = {"quotes": 0, "recommendations": 1, "standards": 1, "evidence": 1, "principles": 1}


def statement_entry(s: Statement) -> Entry:
    badges = []
    if s.strength:
        badges.append(f"{s.strength} recommendation")
    if s.source:
        badges.append(s.source)
    if s.rating_label:
        badges.append(s.rating_label)
    name = KIND_NAMES.get(s.kind, s.kind)
    heading = f"{name} {s.number}".strip() if s.kind != "EvidenceStatement" else f"Evidence {s.number}"
    return Entry("Recommendation" if s.is_recommendation else
                 "Evidence" if s.kind == "EvidenceStatement" else s.kind,
                 heading, s.text, s.citation.short(), s.iri, tuple(badges))


def recommendation_key(s: Statement) -> tuple:
    return (RECOMMENDATION_ORDER.index(s.kind), {"Strong": 0, "Standard": 1}.get(s.strength, 2))


def blocks(topic: Topic, catalogue: Catalogue, limits: Limits = Limits()) -> list[Block]:
    """The handout's blocks in reading order; empty blocks are left out."""
    out = []
    # A principle's description is long; its first sentence, verbatim, says what it is about.
    principles = [Entry("Principle", f"Principle {p.number}: {p.title}", first_sentence(p.description) or p.title,
                        f"{_standards_title(catalogue)}, Principle {p.number}", p.iri) for p in topic.principles]
    recs = topic.recommendations if topic.order else sorted(topic.recommendations, key=recommendation_key)
    for title, entries, limit in (
            ("Governing principles", principles, limits.principles),
            ("Standards", [statement_entry(s) for s in topic.standards], limits.standards),
            ("Recommendations", [statement_entry(s) for s in recs if s.kind != "PreambularParagraph"],
             limits.recommendations),
            # a preambular paragraph recalls and notes; it recommends nothing
            ("From the resolution's preamble", [statement_entry(s) for s in recs if s.kind == "PreambularParagraph"],
             limits.recommendations),
            ("Evidence ratings", [statement_entry(s) for s in topic.evidence], limits.evidence),
            ("From the documents", [Entry("Passage", section_heading(q.citation), q.text, q.citation.short(),
                                          q.citation.passage) for q in topic.quotes], limits.quotes)):
        if entries:
            out.append(Block(title, tuple(entries[:limit]), max(0, len(entries) - limit)))
    return [b for b in out if b.entries]


def section_heading(c: Citation) -> str:
    return " ".join(x for x in (c.section, c.section_title) if x) or c.document


def first_sentence(text: str) -> str:
    sentences = split_sentences(text)
    return sentences[0] if sentences else text


def _standards_title(catalogue: Catalogue) -> str:
    return next((d.title for d in catalogue.documents if d.id == "standards"), "International Standards")


def references(topic: Topic, catalogue: Catalogue, shown: list[Block]) -> list[str]:
    """The documents quoted, as reference lines (title, publisher, year)."""
    used = {e.citation for b in shown for e in b.entries}
    out = []
    for d in catalogue.documents:
        if any(c.startswith(d.title) for c in used):
            out.append(f"{d.title}. {d.publisher}{', ' + d.year if d.year else ''}.")
    return out
