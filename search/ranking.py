"""Ranking passages for a question: three signals by meaning and by words, mixed on
one scale, then what the knowledge graph knows of the question."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kg_builder.tuning import Tuning

from .fusion import rescale_top
from .lexical import BM25
from .question import Question


@dataclass(frozen=True)
class Signals:
    """Each passage's raw score by each signal (cosines for the two dense ones)."""
    dense: np.ndarray       # question vs passage embedding
    bm25: np.ndarray        # question words vs passage words
    questions: np.ndarray   # question vs the nearest curated question of the passage (0: none)
    sentences: np.ndarray   # question vs the closest single sentence of the passage
    # The same two by the English encoder tuned on the curated questions (zeros for a
    # question in another language, or a build without it).
    tuned_dense: np.ndarray | None = None
    tuned_questions: np.ndarray | None = None
    # The question vs each curated question (e5), of which `questions` is each passage's
    # highest: kept so that the answer can borrow the nearest ones' words without a
    # second product over every curated question.
    question_cosines: np.ndarray | None = None
    # A question in another language vs the curated questions' translations (e5): how
    # close it comes to one in its own words says whether the documents cover it
    # (search/coverage.py).
    translated_cosines: np.ndarray | None = None
    # ... and each passage's highest among the translations into the question's own
    # language: a signal of its own, beside the English curated questions (taken as the
    # highest of both, it had lost more than it found).
    translated_questions: np.ndarray | None = None


@dataclass(frozen=True)
class Ranking:
    signals: Signals
    final: np.ndarray
    # each passage's first passage of the same text: several sections repeat a
    # recommendation word for word ("The provider has a system laid out that …" four
    # times), and the repeats would fill the top k with one text
    same_text: np.ndarray | None = None

    def top(self, k: int) -> list[int]:
        """The k best passages, each text once (at its best-ranked place)."""
        order = np.argsort(-self.final, kind="stable")
        if self.same_text is None:
            return [int(i) for i in order[:k]]
        out, seen = [], set()
        for i in order:
            group = int(self.same_text[i])
            if group in seen:
                continue
            seen.add(group)
            out.append(int(i))
            if len(out) == k:
                break
        return out

    def relevance(self, order: list[int]) -> dict[int, float]:
        """The given passages' scores rescaled: 1 for the best of them, 0 for the last."""
        scores = self.final[order]
        hi, lo = float(scores.max()), float(scores.min())
        return {p: (float(self.final[p]) - lo) / (hi - lo) if hi > lo else 1.0 for p in order}


def question_signal(qvec: np.ndarray, question_vectors: np.ndarray, question_passage: np.ndarray,
                    n_passages: int) -> np.ndarray:
    """For each passage, the highest cosine of the question to the units of text tied
    to it: the curated questions it answers (question-to-question similarity is what
    these models do best), or its sentences (one sentence of a long passage can answer
    while the passage as a whole reads as something broader); 0 for a passage with none."""
    return highest_per_passage(question_vectors @ qvec if len(question_vectors) else np.zeros(0, np.float32),
                               question_passage, n_passages)


def highest_per_passage(cosines: np.ndarray, unit_passage: np.ndarray, n_passages: int) -> np.ndarray:
    """Each passage's highest cosine among its units; 0 for a passage with none."""
    out = np.zeros(n_passages, dtype=np.float32)
    if len(cosines):
        np.maximum.at(out, unit_passage, cosines)
    return out


def mix(signals: Signals, *, english: bool, t: Tuning) -> np.ndarray:
    """The signals rescaled (1 for the best, 0 at the `fusion_top`-th) and weighted.
    BM25 and the tuned encoder read English: a question in another language has BM25
    through its English words (search/lexicon.py), the tuned passage signal only through
    e5 (search/crosslingual.py) and weights of its own; the weights are renormalised."""
    if english:
        parts = [(t.dense_weight, signals.dense), (t.question_weight, signals.questions),
                 (t.sentence_weight, signals.sentences), (t.bm25_weight, signals.bm25),
                 (t.tuned_dense_weight, signals.tuned_dense), (t.tuned_question_weight, signals.tuned_questions)]
    else:
        parts = [(t.dense_weight, signals.dense), (t.crosslingual_question_weight, signals.questions),
                 (t.crosslingual_sentence_weight, signals.sentences),
                 (t.crosslingual_tuned_weight, signals.tuned_dense),
                 (t.crosslingual_tuned_question_weight, signals.tuned_questions),
                 (t.crosslingual_translated_question_weight, signals.translated_questions),
                 (t.crosslingual_bm25_weight, signals.bm25)]
    parts = [(w, s) for w, s in parts if w > 0 and s is not None and np.any(s)]
    total = sum(w for w, _ in parts) or 1.0
    return sum(w / total * rescale_top(s, t.fusion_top) for w, s in parts)


def first_of_same_text(texts: list[str]) -> np.ndarray:
    """For each text, the index of the first one equal to it."""
    first: dict[str, int] = {}
    return np.array([first.setdefault(t, i) for i, t in enumerate(texts)], dtype=np.int64)


class Ranker:
    def __init__(self, *, bm25: BM25, passage_vectors: np.ndarray, question_vectors: np.ndarray,
                 question_passage: np.ndarray, sentence_vectors: np.ndarray, sentence_passage: np.ndarray,
                 passage_concepts: list[frozenset[str]],
                 doc_of: np.ndarray, kind_of: np.ndarray, words_of: np.ndarray, tuning: Tuning,
                 tuned_passage_vectors: np.ndarray | None = None,
                 tuned_question_vectors: np.ndarray | None = None,
                 translated_vectors: np.ndarray | None = None, translated_source: np.ndarray | None = None,
                 translated_languages: np.ndarray | None = None, passage_texts: list[str] | None = None):
        self.bm25 = bm25
        self.passage_vectors = passage_vectors
        self.question_vectors = question_vectors
        self.question_passage = question_passage
        self.sentence_vectors = sentence_vectors
        self.sentence_passage = sentence_passage
        self.passage_concepts = passage_concepts
        self.doc_of = doc_of
        self.kind_of = kind_of
        self.shortness = np.clip(1 - words_of / tuning.short_words, 0, 1)
        self.tuning = tuning
        self.tuned_passage_vectors = tuned_passage_vectors
        self.tuned_question_vectors = tuned_question_vectors
        # Curated questions in other languages, each with the index of its English one.
        self.translated_vectors = translated_vectors
        self.translated_source = translated_source
        self.translated_languages = translated_languages
        self.translated_passage = None if translated_source is None else question_passage[translated_source]
        self.same_text = None if passage_texts is None else first_of_same_text(passage_texts)

    def signals(self, question: Question, qvec: np.ndarray, tuned_qvec: np.ndarray | None = None) -> Signals:
        # a question in another language by its English words (search/lexicon.py)
        bm25 = self.bm25.scores(question.expanded) if question.english else self.bm25.term_scores(question.gloss)
        extra = {}
        if tuned_qvec is not None and self.tuned_passage_vectors is not None:
            extra = {"tuned_dense": self.tuned_passage_vectors @ tuned_qvec,
                     "tuned_questions": question_signal(tuned_qvec, self.tuned_question_vectors,
                                                        self.question_passage, len(self.doc_of))}
        question_cosines = self.question_vectors @ qvec if len(self.question_vectors) else np.zeros(0, np.float32)
        if not question.english and self.translated_vectors is not None and len(self.translated_vectors):
            extra["translated_cosines"] = self.translated_vectors @ qvec
            if self.translated_languages is not None:
                own = np.where(self.translated_languages == question.language, extra["translated_cosines"], 0)
                extra["translated_questions"] = highest_per_passage(own.astype(np.float32), self.translated_passage,
                                                                    len(self.doc_of))
        return Signals(dense=self.passage_vectors @ qvec, bm25=bm25, **extra, question_cosines=question_cosines,
                       questions=highest_per_passage(question_cosines, self.question_passage, len(self.doc_of)),
                       sentences=question_signal(qvec, self.sentence_vectors, self.sentence_passage,
                                                 len(self.doc_of)))

    def rank(self, question: Question, qvec: np.ndarray, tuned_qvec: np.ndarray | None = None) -> Ranking:
        signals = self.signals(question, qvec, tuned_qvec)
        return Ranking(signals, self.boost(question, mix(signals, english=question.english, t=self.tuning)),
                       self.same_text)

    def boost(self, question: Question, fused: np.ndarray) -> np.ndarray:
        """What the graph knows of the question: the concepts, document, kind of
        statement and numbered items it names."""
        t = self.tuning
        final = fused.astype(np.float64).copy()
        if question.concepts:
            overlap = np.array([len(question.concepts & c) for c in self.passage_concepts], dtype=np.float64)
            final += t.concept_weight * overlap / len(question.concepts)
            if len(question.concepts) >= 2:
                final += t.all_concepts_weight * (overlap == len(question.concepts))
        if question.documents and len(question.documents) < len(set(self.doc_of)):
            final += t.document_weight * np.isin(self.doc_of, list(question.documents))
        if question.kinds:
            final += t.kind_weight * np.isin(self.kind_of, list(question.kinds))
        final[list(question.sections)] += t.section_weight
        final[list(question.described)] += t.modality_section_weight
        final[list(question.items)] += t.item_weight
        # A passage of a few words ("In this situation:", a table cell) is embedded mostly
        # as its titles, so it looks close to any question on its section, yet answers none.
        final -= t.short_weight * self.shortness
        return final
