"""Composing the answer a user reads, only from verbatim quotes of cited passages.

A question that asks what should be done (or whether something is recommended,
allowed, required) is answered first by the normative statements that govern it,
quoted whole (a standard, a WHO recommendation with its strength, a condition, an
operative paragraph), then by at most two explanatory sentences. Any other question
gets the sentence that states the fact. Statements and sentences are chosen by
meaning (their embeddings, made at build time), with the question's words and the
rank of their passage as lesser evidence."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from kg_builder.answer_units import STATEMENT_KINDS
from kg_builder.sentences import split_sentences  # noqa: F401  (the one sentence splitter, re-exported)
from kg_builder.tuning import Tuning

from .lexical import tokenize
from .question import Question


@dataclass(frozen=True)
class StatementRecord:
    """A normative statement of the graph, as the build wrote it."""
    iri: str
    kind: str
    number: str
    text: str
    strength: str
    passages: tuple[int, ...]   # indices of the passages it was read from


@dataclass(frozen=True)
class Quote:
    """A sentence quoted in an answer, with the rank of the passage it cites."""
    text: str
    passage: int          # index of the passage
    score: float


@dataclass(frozen=True)
class StatementQuote:
    iri: str
    kind: str             # a key of STATEMENT_KINDS
    number: str
    text: str
    strength: str
    passage: int          # index of the passage it is quoted from
    score: float

    @property
    def label(self) -> str:
        """How a reader names it: "Standard 3.5", "WHO recommendation, Strong",
        "Condition 13", "Recommendation, section 3.1.7"."""
        name = STATEMENT_KINDS.get(self.kind, self.kind)
        if self.kind == "WHORecommendation":
            return f"{name}, {self.strength}" if self.strength else name
        if self.kind == "ServiceRecommendation":
            return f"{name}, section {self.number.split('/')[0]}" if self.number else name
        return f"{name} {self.number}".strip()


@dataclass(frozen=True)
class Composition:
    statements: tuple[StatementQuote, ...]
    sentences: tuple[Quote, ...]

    def quotes(self) -> list[tuple[str, int]]:
        """(text, passage index) of everything quoted, statements first."""
        return [(s.text, s.passage) for s in self.statements] + [(q.text, q.passage) for q in self.sentences]


@dataclass(frozen=True)
class UnitStore:
    """Sentences and statements with their vectors, indexed by passage."""
    sentence_text: list[str]
    sentence_passage: np.ndarray
    sentence_vectors: np.ndarray
    statements: list[StatementRecord]
    statement_vectors: np.ndarray
    statement_concepts: list[frozenset[str]]   # concepts named in the passage(s) a statement is read from
    tuned_statement_vectors: np.ndarray | None = None   # by the tuned English encoder, when the build has it
    # the substance concepts each sentence names ("cannabis", "cocaine" -> psychostimulants)
    sentence_substances: list[frozenset[str]] | None = None

    def __post_init__(self):
        by_p: dict[int, list[int]] = {}
        for i, p in enumerate(self.sentence_passage.tolist()):
            by_p.setdefault(p, []).append(i)
        st_by_p: dict[int, list[int]] = {}
        for i, s in enumerate(self.statements):
            for p in s.passages:
                st_by_p.setdefault(p, []).append(i)
        object.__setattr__(self, "sentences_of", by_p)
        object.__setattr__(self, "statements_of", st_by_p)
        object.__setattr__(self, "all_substances", frozenset().union(*self.sentence_substances)
                           if self.sentence_substances else frozenset())


def words_share(question_tokens: set[str], sentence: str, idf) -> float:
    """The share of the question's words, weighted by rarity, that a sentence holds."""
    if not question_tokens:
        return 0.0
    tokens = set(tokenize(sentence))
    total = sum(idf(t) for t in question_tokens) or 1.0
    return sum(idf(t) for t in question_tokens & tokens) / total


def _key(text: str) -> str:
    """Text compared for repeats: a sentence "2.3 Patient data should be…" is the
    statement Standard 2.3 already quoted, its number aside."""
    return re.sub(r"\W+", " ", LEADING_NUMBER_RE.sub("", text.lower())).strip()


# An item's number or a list's marker before a sentence: "2.3 ", "13. ", "4) ", "b) ".
LEADING_NUMBER_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|\d+\)|[a-z]\))\s+")


def _words(text: str) -> int:
    return len(text.split())


def score_statements(qvec: np.ndarray, order: list[int], store: UnitStore, t: Tuning,
                     relevance: dict[int, float], concepts: frozenset[str] = frozenset(),
                     tuned_qvec: np.ndarray | None = None, answer_type: str | None = None) -> list[StatementQuote]:
    """Statements read from the ranked passages, best first: cosine to the question
    (e5's, plus the tuned encoder's for an English question: it tells statements
    apart far better, e5's cosines all sit near 0.88), plus a little for how relevant
    their passage ranks (0..1), for the share of the question's concepts they name,
    and for how much they govern; a "how long" question's best statement that holds a
    duration leads (duration_first: a statement may set one, "The duration of treatment
    should be determined by individual needs"; a reason or a number asked for rewarded
    statements that merely held one). Each is cited to its best-ranked passage."""
    tuned = None
    if tuned_qvec is not None and store.tuned_statement_vectors is not None:
        tuned = store.tuned_statement_vectors @ tuned_qvec
    best: dict[int, StatementQuote] = {}
    for p in order:
        for i in store.statements_of.get(p, []):
            if i in best:
                continue
            s = store.statements[i]
            meaning = float(store.statement_vectors[i] @ qvec)
            if tuned is not None:
                meaning += t.tuned_statement_weight * float(tuned[i])
            score = (meaning + t.statement_rank_weight * relevance.get(p, 0.0)
                     + governing_weight(s, t)
                     + (t.statement_concept_weight * len(concepts & store.statement_concepts[i]) / len(concepts)
                        if concepts else 0.0))
            best[i] = StatementQuote(s.iri, s.kind, s.number, s.text, s.strength, p, score)
    ranked = sorted(best.values(), key=lambda s: -s.score)
    return duration_first(ranked, t.statement_duration_window) if answer_type == "time" else ranked


def duration_first(ranked: list[StatementQuote], window: float) -> list[StatementQuote]:
    """A "how long" question leads with the best statement that speaks of a duration,
    when one scores within `window` of the best: "How long should methadone maintenance
    last?" is about methadone to the encoders, and the dose recommendations come first.
    It takes the best score, so the statements after it are held to the usual margin."""
    if not ranked:
        return ranked
    timed = next((s for s in ranked if fits_answer_type("time", s.text)), None)
    if timed is None or timed is ranked[0] or timed.score < ranked[0].score - window:
        return ranked
    return [replace(timed, score=ranked[0].score)] + [s for s in ranked if s is not timed]


def governing_weight(s: StatementRecord, t: Tuning) -> float:
    """How much a statement governs, by the documents' own hierarchy: the Standards'
    standards first, then WHO recommendations (Strong above the others), then the
    conditions, criteria and operative paragraphs; service recommendations are the
    detail under them."""
    if s.kind == "Standard":
        return t.standard_weight
    if s.kind == "WHORecommendation":
        return t.strong_weight if s.strength == "Strong" else t.recommendation_weight
    if s.kind == "ServiceRecommendation":
        return 0.0
    return t.recommendation_weight


_NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|hundred|thousand|"
                 r"million|billion|half|quarter|third|dozen)")
# What a sentence must hold to be of the kind of answer the question asks for.
ANSWER_TYPE_SIGNS = {
    # a span ("6 months", "several days") or the words that speak of one ("the duration of
    # treatment", "long-term maintenance"): "how long should treatment last" is answered by both
    "time": re.compile(rf"\b(?:\d+|{_NUMBER_WORDS}|several|a few)(?:[-–]\d+)?\s*-?\s*"
                       r"(?:minutes?|hours?|days?|weeks?|months?|years?)\b|"
                       r"\bduration\b|\blong[- –]term\b|\bindefinite(?:ly)?\b|\blife-?long\b", re.I),
    "number": re.compile(rf"\d|%|\b{_NUMBER_WORDS}\b|\bratio\b|\bper ?cent\b", re.I),
    "reason": re.compile(r"\b(?:because|since|due to|as a result|in order to|so that|so as to|ensures?|"
                         r"help(?:s|ing)? to|by (?:increasing|reducing|improving)|leads? to|the reason|thereby|"
                         r"therefore|otherwise)\b", re.I),
    "list": re.compile(r"(?:,[^,]+){3,}|\bsuch as\b|\binclud(?:e|es|ing)\b|:", re.I),
}


def fits_answer_type(kind: str | None, sentence: str) -> bool:
    return kind is not None and bool(ANSWER_TYPE_SIGNS[kind].search(sentence))


def score_sentences(question: Question, qvec: np.ndarray, order: list[int], store: UnitStore,
                    idf, t: Tuning, borrowed_words: str = "") -> list[Quote]:
    """Sentences of the top passages, best first: by meaning (cosine, rescaled among
    the candidates so that it spreads over 0..1), the question's words, the rank of
    the passage, and whether it holds the kind of thing asked for (a number, a reason).
    A question in another language shares no words with the English sentences: it
    counts the words of `borrowed_words` instead (its nearest curated English questions)
    and its own words' English ones (search/lexicon.py);
    an English one counts them beside its own (the curated question is worded as the
    documents are, the user's question as the user speaks)."""
    candidates = [(i, r) for r, p in enumerate(order, start=1) for i in store.sentences_of.get(p, [])]
    if not candidates:
        return []
    ids = np.array([i for i, _ in candidates])
    cos = store.sentence_vectors[ids] @ qvec
    lo, hi = float(cos.min()), float(cos.max())
    meaning = (cos - lo) / (hi - lo) if hi > lo else np.ones_like(cos)
    q_tokens = set(tokenize(f"{question.expanded} {borrowed_words}" if question.english else borrowed_words)) \
        | set(question.gloss)
    asked = question.concepts & store.all_substances
    out = []
    for (i, rank), m in zip(candidates, meaning):
        text = store.sentence_text[i]
        score = (t.sentence_meaning_weight * float(m)
                 + t.sentence_words_weight * words_share(q_tokens, text, idf)
                 + t.sentence_rank_weight / rank
                 + t.answer_type_weight * fits_answer_type(question.answer_type, text)
                 - t.other_substance_penalty * _of_another_substance(asked, store, i))
        out.append(Quote(text, int(store.sentence_passage[i]), score))
    return sorted(out, key=lambda q: -q.score)


def candidate_passages(question: Question, t: Tuning) -> int:
    """How many top passages an answer is composed from (the engine ranks this many):
    fewer statements compete for a question in another language, whose statements only
    e5 tells apart (its cosines all sit near 0.88), so that a far passage's statement won
    by chance; a question asking what a document it names calls for looks as far as in
    English for the passages that hold its statements (see statement_passages)."""
    if question.english or (question.normative and question.documents):
        return t.statement_passages
    return t.crosslingual_statement_passages


def statement_passages(question: Question, order: list[int], store: UnitStore, t: Tuning) -> list[int]:
    """The top passages an answer's statements are drawn from. A question asking what a
    document it names calls for counts only the passages that hold statements: it is
    answered by them, not by the preamble ranked above them ("第59/4号决议呼吁各国做什么？").
    (Counting so for every question asking what should be done cost answers in other
    languages: 1,108 -> 1,101 of 1,473.)"""
    if question.normative and question.documents:
        n = t.statement_passages if question.english else t.crosslingual_statement_passages
        return [p for p in order if p in store.statements_of][:n]
    return order[:candidate_passages(question, t)]


def _of_another_substance(asked: frozenset[str], store: UnitStore, i: int) -> bool:
    """The sentence names substances and none of those the question asks about: "… for
    the management of cannabis dependence" does not answer a question on cocaine."""
    if not asked or not store.sentence_substances:
        return False
    named = store.sentence_substances[i]
    return bool(named) and not (named & asked)


def compose(question: Question, qvec: np.ndarray, order: list[int], store: UnitStore, idf,
            t: Tuning, relevance: dict[int, float] | None = None,
            tuned_qvec: np.ndarray | None = None, borrowed_words: str = "") -> Composition:
    """The statements to lead with (for a question on what should be done, or when a
    statement is the closest thing to the question) and the explanatory sentences,
    within the word budget; never the same text twice. `relevance` is each ranked
    passage's score rescaled to 0..1; `borrowed_words`, see score_sentences."""
    if relevance is None:  # by rank alone
        relevance = {p: 1 / r for r, p in enumerate(order, start=1)}
    # A question that names its items ("what does standard 2.2 say") is answered by
    # them, and its explanations come from their passages alone; one that names a
    # principle or section is answered from that part of the documents.
    named = named_passages(question, order)
    top = named[:t.answer_passages] if named else order[:t.answer_passages]
    statements = score_statements(qvec, named or statement_passages(question, order, store, t), store, t,
                                  relevance, question.concepts, tuned_qvec, question.answer_type)
    sentences = score_sentences(question, qvec, top, store, idf, t, borrowed_words)
    if question.items:
        statements = sorted(statements, key=lambda s: s.passage not in question.items)  # stable: by score
    chosen: list[StatementQuote] = []
    words = 0
    lead_with_statements = bool(statements) and (
        question.normative or bool(question.items) or _statement_is_the_best_sentence(statements[0], sentences))
    # The sentence that best answers keeps its room: statements may not crowd it out.
    best = sentences[0] if sentences and t.reserve_best_sentence else None
    speakers = {top[0]} if t.top_passage_quote else set()   # their sentences may follow however they score
    if t.top_passage_quote and sentences and not named:   # named items lead by their own rule
        sentences = lead_from_top_passage(sentences, top[0])
        if len(top) > 1 and relevance.get(top[1], 0.0) >= t.second_passage_relevance:
            sentences = sentences[:1] + lead_from_top_passage(sentences[1:], top[1])
            speakers.add(top[1])
    covers = lambda s: best is not None and _key(best.text) in _key(s.text)  # noqa: E731
    if lead_with_statements:
        # A recommendation that only leads in to a list ("… should include the following
        # components:") says nothing without it, and its items are recommendations of their own.
        statements = [s for s in statements if not (s.kind == "ServiceRecommendation" and leads_in(s.text))]
        for s in statements:
            if len(chosen) >= t.max_statements:
                break
            if s.score < statements[0].score - t.statement_margin and not (
                    s.passage in question.items and not any(c.passage == s.passage for c in chosen)):
                break
            room = t.max_words if best is None or covers(s) or any(covers(c) for c in chosen) \
                else t.max_words - _words(best.text)
            if words + _words(s.text) > room or any(_key(s.text) == _key(c.text) for c in chosen):
                continue   # several sections repeat one recommendation word for word: quoted once
            chosen.append(s)
            words += _words(s.text)
    quoted = " ".join(_key(s.text) for s in chosen)
    explanations: list[Quote] = []
    picked = 0
    for q in sentences:
        if picked >= t.max_explanations:
            break
        if _key(q.text) in quoted or words + _words(q.text) > t.max_words:
            continue
        if explanations and q.score < explanations[0].score - t.explanation_margin \
                and q.passage not in speakers:
            break
        # A sentence and the next one of its passage when that one continues it: the
        # best sentence's thought is completed before a weaker sentence takes the room.
        parts = with_continuations([q], store, t.max_words - words - _words(q.text), quoted) \
            if t.continue_sentences else [q]
        if leads_in(parts[-1].text):
            continue   # a list's lead-in ("… should include the following:") without its list says nothing
        for part in parts:
            explanations.append(part)
            quoted += " " + _key(part.text)
            words += _words(part.text)
        picked += 1
        if chosen and words > t.explanation_stop_share * t.max_words:
            break
    if t.list_sentence and question.answer_type == "list":
        explanations = with_the_list(explanations, chosen, sentences, t.max_words)
    return Composition(tuple(chosen), tuple(explanations))


# A sentence that enumerates: four or more items apart by commas or semicolons.
ENUMERATION_RE = re.compile(r"(?:[,;][^,;]+){3,}")


def with_the_list(explanations: list[Quote], chosen: list[StatementQuote], sentences: list[Quote],
                  max_words: int) -> list[Quote]:
    """For a question that asks for a list ("which groups need special attention"), the
    answer holds one: the sentence that introduces the groups is closest in meaning,
    the one that names them is far (a list reads like no question), so when nothing
    quoted enumerates, the best-scoring sentence that does, from a passage already
    quoted, joins the answer, in place of the last explanation if the words need it."""
    quoted = list(chosen) + list(explanations)
    if not quoted or any(ENUMERATION_RE.search(q.text) for q in quoted):
        return explanations
    passages = {q.passage for q in quoted}
    keys = {_key(q.text) for q in quoted}
    listing = next((q for q in sentences if q.passage in passages and ENUMERATION_RE.search(q.text)
                    and _key(q.text) not in keys), None)
    if listing is None:
        return explanations
    out = list(explanations)
    while out and sum(_words(q.text) for q in chosen + out) + _words(listing.text) > max_words:
        out.pop()
    if sum(_words(q.text) for q in chosen + out) + _words(listing.text) > max_words:
        return explanations
    return out + [listing]


# A sentence that begins this way leans on the one before it ("This approach does not
# appear to have a deterrent effect", "Rather, she should be actively participating
# ..."): quoted after it, it completes the thought.
CONTINUATION_RE = re.compile(r"^(?:This|These|Those|Such|They|It|Its|Their|However|Rather|Instead|Nevertheless|"
                             r"Nonetheless|Therefore|Thus|Hence|For (?:example|instance)|In (?:this|these|such)\b|"
                             r"(?:Amongst|Among|Of|All of|Each of|Some of|Many of|Most of|Both of) (?:these|them|those)\b)\b")


def leads_in(sentence: str) -> bool:
    """A sentence that only leads in to what follows it: it ends with a colon, or it names
    "the following" without a colon giving them ("… need to deal with the following
    specific biological as well as cultural … factors …."). Quoted alone it says nothing."""
    return sentence.rstrip().endswith(":") or (bool(re.search(r"\bthe following\b", sentence, re.I))
                                               and ":" not in sentence)


def lead_from_top_passage(sentences: list[Quote], passage: int) -> list[Quote]:
    """The sentences with the best one of the top-ranked passage first. The ranking
    (curated questions, the tuned encoder, the graph) finds the passage far better
    than a sentence's own cosine finds the sentence, so the passage it puts first
    speaks first."""
    mine = next((q for q in sentences if q.passage == passage), None)
    if mine is None:
        return sentences
    return [mine] + [q for q in sentences if q is not mine]


def named_passages(question: Question, order: list[int]) -> list[int]:
    """The passages of the items the question names, in the order it names them, or
    else of the sections it names, best ranked first; [] when it names neither."""
    if question.items:
        return list(dict.fromkeys(question.items))
    if question.sections:
        inside = set(question.sections)
        return [p for p in order if p in inside] + [p for p in question.sections if p not in order]
    return []


def with_continuations(quotes: list[Quote], store: UnitStore, room: int, quoted: str) -> list[Quote]:
    """Each quoted sentence followed by the next sentence of its passage when that one
    continues it, or when it leads in to it (ends with a colon), while the answer's word
    budget allows."""
    out: list[Quote] = []
    for q in quotes:
        out.append(q)
        ids = store.sentences_of.get(q.passage, [])
        at = next((k for k, i in enumerate(ids) if store.sentence_text[i] == q.text), None)
        if at is None or at + 1 >= len(ids):
            continue
        following = store.sentence_text[ids[at + 1]]
        if (CONTINUATION_RE.match(following) or leads_in(q.text)) and _key(following) not in quoted \
                and _words(following) <= room:
            out.append(Quote(following, q.passage, q.score))
            room -= _words(following)
            quoted += " " + _key(following)
    return out


def _statement_is_the_best_sentence(best: StatementQuote, sentences: list[Quote]) -> bool:
    """The best sentence is (part of) the best statement: lead with the statement."""
    return bool(sentences) and _key(sentences[0].text) in _key(best.text)


def highlights(composition: Composition, passage: int) -> list[str]:
    """The quoted sentences that come from one passage (marked within its text)."""
    return [text for text, p in composition.quotes() if p == passage]


def section_label(number: str, title: str) -> str:
    """"3.4.8.1 Pharmacological Treatment …", or whichever of the two a section has."""
    return " ".join(x for x in (number, title) if x)


def after_statements(answer: dict) -> str:
    """The answer's text to show below its statement cards: the explanatory sentences
    with their markers (the statements are already shown, whole, above them); the whole
    text when there are no statements."""
    if not answer.get("statements"):
        return answer["text"]
    return " ".join(f"{q['text']} [{q['passage_rank']}]" for q in answer.get("sentences", []))


def answer_markdown(result: dict) -> str:
    """An `ask` result as Markdown to paste or download: the question, the statements
    that govern it, the cited answer and each cited passage in full with its
    document, section and IRI."""
    lines = [f"**Q:** {result['question']}", ""]
    for s in result["answer"].get("statements", []):
        lines.append(f"- **{s['label']}** — “{s['text']}” [{s['passage_rank']}] <{s['iri']}>")
    if result["answer"].get("statements"):
        lines.append("")
    if after_statements(result["answer"]):   # an item's own statement may be the whole answer
        lines += [after_statements(result["answer"]), ""]
    if result["answer"].get("note"):
        lines += [f"*{result['answer']['note']}*", ""]
    for p in result["passages"]:
        where = ", ".join(x for x in (section_label(p["section"], p["section_title"]), p.get("heading")) if x)
        source = f" ({p['doc_url']})" if p.get("doc_url") else ""
        lines.append(f"[{p['rank']}] *{p['doc_title']}*{source}, {where}: “{p['text']}” <{p['iri']}>")
    return "\n".join(lines) + "\n"


def clipped(text: str, limit: int) -> str:
    """The text cut at a word within `limit` characters, with "…" when cut ("Principle 3:
    Promoting treatment … by effective…", not "by effective co")."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:–-") + "…"


def answer_plain(result: dict) -> str:
    """An `ask` result as terminal text: the statements that govern the question first
    (kind, number, strength), then the quoted answer, the passages and the
    cross-references."""
    a = result["answer"]
    lines = [f"Q: {result['question']}", ""]
    for s in a.get("statements", []):
        lines.append(f"{s['label']}:  “{s['text']}” [{s['passage_rank']}]")
    if a.get("statements"):
        lines.append("")
    if after_statements(a):
        lines += [after_statements(a), ""]
    if a.get("note"):
        lines += [a["note"], ""]
    for p in result["passages"]:
        where = ", ".join(x for x in (section_label(p["section"], p["section_title"]), p.get("heading")) if x)
        lines.append(f"[{p['rank']}] {p['doc_title']} — {where}" + (f"  <{p['doc_url']}>" if p.get("doc_url") else ""))
        lines.append(f"    {clipped(p['text'], 400)}")
        for h in p["highlights"]:
            lines.append(f"    >> {h}")
    if result["cross_references"]:
        lines += ["", "Cross-references:"]
        for x in result["cross_references"]:
            badge = f" [{x['strength']}]" if x.get("strength") else ""
            lines.append(f"  {x['kind']:<19} {clipped(x['label'], 70)}{badge}  <{x['iri']}>  ({x['why']})")
            if x.get("text"):   # a rating's text is the evidence statement it rates: without it, a
                #                   "Evidence lacking" reads as if it judged the answer itself
                lines.append(f"      {'rates: ' if x['kind'] == 'EvidenceRating' else ''}“{clipped(x['text'], 110)}”")
    return "\n".join(lines)
