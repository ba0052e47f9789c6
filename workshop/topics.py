"""A topic or question -> the graph items a workshop on it quotes: the principles,
standards, recommendations, evidence statements and short passages.

A topic is split into parts: each concept it names (through the SKOS labels, as
everywhere else in the project) and each remaining content word. A statement belongs
to the topic when it satisfies every part: linked to the concept (or a narrower one)
or containing its words, and containing every remaining word (Porter2 stems, so
"consent" meets "consented"). A question ("can someone in prison be made to take
treatment?") rarely has every word in one statement, so when an `ask` function is
given (the search engine's), its cross-references and cited sentences are used too.
Everything returned is the graph's own text; nothing is paraphrased."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import snowballstemmer

from kg_builder.config import ID_NS
from kg_builder.link import Concept, ConceptMatcher
from search.question import detect_language
from .text import split_sentences

from .catalogue import Catalogue, Citation, Principle, Statement, number_key, short_iri
from .errors import UnknownTopicError

STOPWORDS = frozenset("""a an and are as at be by can could do does for from how i in into is it its may
must of on or should that the their them they this to was we what when where which who whom why will
with would about any there than then these those has have had been being not no our your you me my
tell give get make made take taken someone people person some""".split())
QUESTION_RE = re.compile(r"\?\s*$|^(what|which|who|when|where|why|how|can|could|should|is|are|does|do|may|must)\b",
                         re.I)
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
# Past this many of a kind a topic is too broad for two pages; the rest is counted
# and left to the Browse page.
MAX_QUOTES = 3
KIND_LABELS = {"Population": "population", "Substance": "substance", "TreatmentModality": "treatment modality"}

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Porter2 stem; cached, as the pure-Python stemmer costs ~0.3 ms a word and the
    corpus repeats its words."""
    return _stemmer.stemWord(word)


def stems(text: str, near: frozenset[str] | None = None) -> set[str]:
    """The stems of the text's words; with `near`, only of the words that begin as one
    of those stems does (a stem keeps its word's first letters), which spares stemming
    a whole corpus to look for two words."""
    words = WORD_RE.findall(text.lower())
    if near is not None:
        starts = {n[:3] for n in near}
        words = [w for w in words if w[:3] in starts]
    return {stem(w) for w in words}


def content_words(text: str) -> dict[str, str]:
    """The topic's content words, stem -> the word as typed, in order, each stem once."""
    out: dict[str, str] = {}
    for w in WORD_RE.findall(text.lower()):
        if w not in STOPWORDS and len(w) > 1:
            out.setdefault(stem(w), w)
    return out


def content_stems(text: str) -> list[str]:
    return list(content_words(text))


@dataclass(frozen=True)
class Quote:
    """Verbatim sentence(s) of a passage, with where they come from."""
    text: str
    citation: Citation


@dataclass
class Topic:
    query: str                     # what the trainer typed
    title: str                     # the heading of the handout or deck
    principles: list[Principle] = field(default_factory=list)
    standards: list[Statement] = field(default_factory=list)
    recommendations: list[Statement] = field(default_factory=list)
    evidence: list[Statement] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)   # how it was read: "population: Pregnant women"
    order: list[str] = field(default_factory=list)     # a collection's order of statement IRIs (else ours)

    @property
    def statements(self) -> list[Statement]:
        return [*self.standards, *self.recommendations, *self.evidence]

    def is_empty(self) -> bool:
        return not (self.principles or self.statements)


@dataclass(frozen=True)
class Part:
    """One thing a statement must satisfy: a concept (any of `concepts`, or the
    mention's words in its text) or a content word."""
    label: str
    stems: frozenset[str]
    concepts: frozenset[str] = frozenset()


def matcher_of(catalogue: Catalogue) -> ConceptMatcher:
    kinds = {"Population": "population", "Substance": "substance", "TreatmentModality": "modality"}
    return ConceptMatcher([Concept(c.iri, c.label, kinds.get(c.kind, "intervention"), (c.label, *c.alt_labels),
                                   c.broader) for c in catalogue.concepts])


def narrower_closure(catalogue: Catalogue, iri: str) -> frozenset[str]:
    """The concept and every concept below it (skos:broader, transitively)."""
    out = {iri}
    changed = True
    while changed:
        changed = False
        for c in catalogue.concepts:
            if c.iri not in out and out & set(c.broader):
                out.add(c.iri)
                changed = True
    return frozenset(out)


def parts_of(topic: str, catalogue: Catalogue, matcher: ConceptMatcher | None = None) -> list[Part]:
    matcher = matcher or matcher_of(catalogue)
    parts: list[Part] = []
    rest = topic
    for m in sorted(matcher.find(topic), key=lambda m: -m.start):
        kind = KIND_LABELS.get(catalogue.concept_by_iri[m.concept.iri].kind, "intervention")
        parts.append(Part(f"{kind}: {m.concept.label}",
                          frozenset(content_stems(m.matched)), narrower_closure(catalogue, m.concept.iri)))
        rest = rest[:m.start] + " " + rest[m.end:]
    parts.reverse()
    parts += [Part(f"the word '{w}'", frozenset({s})) for s, w in content_words(rest).items()]
    return parts


def satisfies(part: Part, text: str, concepts: frozenset[str]) -> bool:
    """Linked to one of the part's concepts, or holding all its words."""
    return bool(part.concepts & concepts) or bool(part.stems) and part.stems <= stems(text, part.stems)


def resolve(topic: str, catalogue: Catalogue, *, ask: Callable[[str], dict] | None = None,
            matcher: ConceptMatcher | None = None) -> Topic:
    """The graph items of a topic or question; UnknownTopicError (listing close
    topics) when nothing matches."""
    text = re.sub(r"\s+", " ", topic or "").strip()
    if not text:
        raise UnknownTopicError("the topic is empty: give a topic or question, e.g. \"informed consent\"")
    if text.startswith(ID_NS):
        return item_topic(text, catalogue, ask=ask, matcher=matcher)
    # A topic in another language ("consentement éclairé") is read by the search alone:
    # its words matched against English labels would be noise ("le", "clair").
    english = detect_language(text) == "en"
    parts = parts_of(text, catalogue, matcher) if english else []
    out = Topic(text, text[0].upper() + text[1:], matched=[p.label for p in parts])
    chosen: dict[str, Statement] = {}
    principles: dict[str, Principle] = {}
    if parts:
        for s in catalogue.statements:
            if all(satisfies(p, s.text, catalogue.links.get(s.iri, frozenset())) for p in parts):
                chosen[s.iri] = s
        # A topic that names a principle ("equity", "ethical standards") takes its standards.
        for p in catalogue.principles:
            if all(satisfies(part, p.title, frozenset()) for part in parts):
                principles[p.iri] = p
                for s in catalogue.standards_of(p.iri):
                    chosen.setdefault(s.iri, s)
        # A modality named ("outpatient treatment") brings its rated evidence.
        for part in parts:
            for s in catalogue.statements:
                if s.kind == "EvidenceStatement" and s.modality in part.concepts and len(parts) == 1:
                    chosen.setdefault(s.iri, s)
    quotes = passage_quotes(catalogue, parts, exclude={s.citation.passage for s in chosen.values()})
    if not chosen and not quotes and english and misspelt(parts, catalogue):
        # "pregnnt women": the search would quietly answer for "women"; say what was meant
        raise UnknownTopicError(unknown_message(text, catalogue))
    if ask is not None and (not chosen or QUESTION_RE.search(text)):
        result = ask(text)
        if result.get("answer", {}).get("found"):
            out.matched.append("search: the engine's cited answer")
            # The statements the answer quotes, then its cross-references.
            for x in [*result["answer"].get("statements", []), *result.get("cross_references", [])]:
                if x["iri"] in catalogue.by_iri:
                    chosen.setdefault(x["iri"], catalogue.by_iri[x["iri"]])
                elif x["iri"] in catalogue.principle_by_iri:
                    principles.setdefault(x["iri"], catalogue.principle_by_iri[x["iri"]])
            cited = ask_quotes(catalogue, result)
            quotes = cited + [q for q in quotes if q.text not in {c.text for c in cited}]
    for s in chosen.values():
        if s.principle in catalogue.principle_by_iri:
            principles.setdefault(s.principle, catalogue.principle_by_iri[s.principle])
    out.principles = sorted(principles.values(), key=lambda p: number_key(p.number))
    ordered = sorted(chosen.values(), key=lambda s: (s.citation.doc_id != "standards", *_key(s)))
    out.standards = [s for s in ordered if s.kind == "Standard"]
    out.recommendations = [s for s in ordered if s.is_recommendation]
    out.evidence = sorted((s for s in ordered if s.kind == "EvidenceStatement"), key=lambda s: (s.rank, *_key(s)))
    # a sentence the handout already quotes as a statement is not quoted twice
    stated = [" ".join(s.text.split()) for s in chosen.values()]
    quotes = [q for q in quotes if not any(" ".join(q.text.split()) in t for t in stated)]
    out.quotes = quotes[:MAX_QUOTES]
    if out.is_empty():
        raise UnknownTopicError(unknown_message(text, catalogue))
    return out


def item_topic(iri: str, catalogue: Catalogue, *, ask=None, matcher=None) -> Topic:
    """A handout on one item (the app's item pages link here): a statement with the
    others of its section; a principle with its standards; a concept as its label."""
    if iri in catalogue.by_iri:
        s = catalogue.by_iri[iri]
        same = [x for x in catalogue.statements if x.citation.doc_id == s.citation.doc_id
                and x.citation.section == s.citation.section and x.iri != iri]
        members = [s, *same]
        title = f"{s.label} in context"
    elif iri in catalogue.principle_by_iri:
        p = catalogue.principle_by_iri[iri]
        members = catalogue.standards_of(iri)
        title = f"Principle {p.number}: {p.title}"
    elif iri in catalogue.concept_by_iri:
        return resolve(catalogue.concept_by_iri[iri].label, catalogue, ask=ask, matcher=matcher)
    else:
        raise UnknownTopicError(f"{iri} is not a principle, standard, recommendation or concept of the graph: "
                                "give a topic in words, e.g. 'informed consent'")
    out = Topic(iri, title, matched=[f"item: {short_iri(iri)}"], order=[m.iri for m in members])
    out.standards = [m for m in members if m.kind == "Standard"]
    out.recommendations = [m for m in members if m.is_recommendation]
    out.evidence = [m for m in members if m.kind == "EvidenceStatement"]
    principles = {m.principle for m in members if m.principle} | ({iri} if iri in catalogue.principle_by_iri else set())
    out.principles = sorted((catalogue.principle_by_iri[p] for p in principles if p in catalogue.principle_by_iri),
                            key=lambda p: number_key(p.number))
    return out


def _key(s: Statement) -> tuple:
    return (s.citation.doc_id, s.kind, number_key(s.number), s.iri)


def passage_quotes(catalogue: Catalogue, parts: list[Part], *, exclude: set[str]) -> list[Quote]:
    """The first sentences of ordinary passages (not the statements' own) that satisfy
    every part, in document order, the Standards first; one per passage."""
    if not parts:
        return []
    out = []
    for p in sorted(catalogue.passages, key=lambda p: (p.citation.doc_id != "standards", p.citation.doc_id, p.order)):
        if p.iri in exclude or p.kind not in ("paragraph", "list", "list_item"):
            continue
        for sentence in split_sentences(p.text):
            if 6 <= len(sentence.split()) <= 60 and all(satisfies(part, sentence, frozenset()) or
                                                        part.concepts and matches_label(part, sentence, catalogue)
                                                        for part in parts):
                out.append(Quote(sentence, p.citation))
                break
    return out


def matches_label(part: Part, sentence: str, catalogue: Catalogue) -> bool:
    """The sentence names one of the part's concepts by any of its labels."""
    low = sentence.lower()
    for iri in part.concepts:
        c = catalogue.concept_by_iri.get(iri)
        if c and any(re.search(rf"(?<![\w-]){re.escape(label.lower())}s?(?![\w-])", low) if not label.isupper()
                     else re.search(rf"\b{re.escape(label)}\b", sentence) for label in (c.label, *c.alt_labels)):
            return True
    return False


def ask_quotes(catalogue: Catalogue, result: dict) -> list[Quote]:
    """The search engine's highlighted sentences (verbatim), with their passage's citation."""
    out = []
    for p in result.get("passages", []):
        passage = catalogue.passage_by_iri.get(p["iri"])
        if passage is None:
            continue
        for h in p.get("highlights", [])[:1]:
            if h in passage.text:
                out.append(Quote(h, passage.citation))
    return out


def known_topics(catalogue: Catalogue) -> list[str]:
    """Names a trainer can give: concept labels and principle titles."""
    names = [c.label for c in catalogue.concepts] + [p.title for p in catalogue.principles]
    return list(dict.fromkeys(names))


def close_topics(text: str, catalogue: Catalogue, n: int = 5) -> list[str]:
    names = known_topics(catalogue)
    low = {name.lower(): name for name in names}
    close = [low[x] for x in difflib.get_close_matches(text.lower(), list(low), n=n, cutoff=0.5)]
    words = set(content_stems(text))
    close += [name for name in names if words & set(content_stems(name)) and name not in close]
    if len(close) < n:  # by word: "pregnnt" is close to "pregnant"
        vocab = {w for name in names for w in WORD_RE.findall(name.lower())}
        for w in WORD_RE.findall(text.lower()):
            for near in difflib.get_close_matches(w, vocab, n=2, cutoff=0.75):
                close += [name for name in names if near in name.lower().split() and name not in close]
    return close[:n]


def misspelt(parts: list[Part], catalogue: Catalogue) -> list[str]:
    """The topic's words that the topics never use but are close to a word they do."""
    vocab = {w for name in known_topics(catalogue) for w in WORD_RE.findall(name.lower())}
    words = [p.label[len("the word '"):-1] for p in parts if p.label.startswith("the word '")]
    return [w for w in words if w not in vocab and difflib.get_close_matches(w, vocab, n=1, cutoff=0.75)]


def unknown_message(text: str, catalogue: Catalogue) -> str:
    close = close_topics(text, catalogue)
    hint = (f"close topics: {', '.join(repr(c) for c in close)}" if close else
            "try a population, intervention or principle, e.g. 'pregnant women', 'informed consent', "
            "'opioid agonist maintenance'")
    return f"no principle, standard or recommendation in the graph matches {text!r}; {hint}"
