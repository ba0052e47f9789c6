"""Extractive answers: the sentences of the top passages that best answer the
question, quoted verbatim, each with the rank of its passage as citation."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexical import tokenize

SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z‘“(\d])")


def split_sentences(text: str) -> list[str]:
    parts = [s.strip() for s in SENTENCE_RE.split(text) if s.strip()]
    # Re-attach fragments ("e.g.", "i.e.", "(WHO, 2012).") to the sentence before.
    out: list[str] = []
    for p in parts:
        if out and (len(p.split()) < 3 or re.search(r"\b(e\.g|i\.e|et al|vs|no)\.$", out[-1])):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    passage_rank: int   # 1-based
    score: float


def sentence_overlap(question_tokens: set[str], sentence: str, idf) -> float:
    tokens = set(tokenize(sentence))
    if not question_tokens:
        return 0.0
    total = sum(idf(t) for t in question_tokens) or 1.0
    return sum(idf(t) for t in question_tokens & tokens) / total


def score_sentences(question: str, passages: list[str], idf, *, concepts_in=None,
                    question_concepts: frozenset[str] = frozenset()) -> list[list[ScoredSentence]]:
    """Each sentence's share of the question's words (weighted by rarity) and, when the
    question names concepts, of its concepts: "forced … in prison" meets "treatment
    … without consent … in the criminal justice system" through the vocabulary."""
    q = set(tokenize(question))
    out = []
    for rank, text in enumerate(passages, start=1):
        scored = []
        for sentence in split_sentences(text):
            score = sentence_overlap(q, sentence, idf)
            if question_concepts and concepts_in is not None:
                shared = len(question_concepts & concepts_in(sentence)) / len(question_concepts)
                score = 0.5 * score + 0.5 * shared
            scored.append(ScoredSentence(sentence, rank, score))
        out.append(scored)
    return out


def compose_answer(scored: list[list[ScoredSentence]], *, max_sentences: int = 2,
                   max_passages: int = 3, max_words: int = 90) -> list[ScoredSentence]:
    """Best sentences of the top passages, the top passage's best sentence first,
    never the same sentence twice, within a word budget."""
    pool = []
    for rank_sentences in scored[:max_passages]:
        for s in rank_sentences:
            prior = 1.0 / s.passage_rank
            pool.append((0.6 * s.score + 0.4 * prior, s))
    pool.sort(key=lambda x: -x[0])
    chosen: list[ScoredSentence] = []
    seen: set[str] = set()
    words = 0
    for _, s in pool:
        key = re.sub(r"\W+", " ", s.text.lower()).strip()
        if key in seen or s.score == 0 and chosen:
            continue
        n = len(s.text.split())
        if chosen and words + n > max_words:
            continue
        chosen.append(s)
        seen.add(key)
        words += n
        if len(chosen) >= max_sentences:
            break
    return sorted(chosen, key=lambda s: s.passage_rank)


def highlights(sentences: list[ScoredSentence], *, limit: int = 2) -> list[str]:
    best = sorted(sentences, key=lambda s: -s.score)
    top = best[0].score if best else 0.0
    return [s.text for s in best[:limit] if s.score > 0 and s.score >= 0.5 * top]


def section_label(number: str, title: str) -> str:
    """"3.4.8.1 Pharmacological Treatment …", or whichever of the two a section has."""
    return " ".join(x for x in (number, title) if x)


def answer_markdown(result: dict) -> str:
    """An `ask` result as Markdown to paste or download: the question, the cited answer
    and each cited passage in full with its document, section and IRI."""
    lines = [f"**Q:** {result['question']}", "", result["answer"]["text"], ""]
    for p in result["passages"]:
        section = section_label(p["section"], p["section_title"])
        lines.append(f"[{p['rank']}] *{p['doc_title']}*, {section}: “{p['text']}” <{p['iri']}>")
    return "\n".join(lines) + "\n"
