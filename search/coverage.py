"""Whether the documents address a question at all: a question they do not cover gets
an honest "not covered" and the nearest passages to judge, not sentences about
something else."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kg_builder.tuning import Tuning

from .crosslingual import Projection
from .lexical import BM25, tokenize
from .question import Question
from .ranking import Ranking


@dataclass(frozen=True)
class Coverage:
    covered: bool
    similarity: float      # the closest passage or curated question, by cosine
    reason: str            # why, in a few words (shown in --json and the benchmark)
    # refused only because no passage comes close enough (no rare term, no unknown item):
    # a question of several parts may then be judged by its first (engine.py)
    far: bool = False


def words_found(bm25: BM25, question: str, top: list[int]) -> float:
    """The share of the question's words, weighted by rarity (IDF), that the given
    passages contain; a word the corpus never uses weighs as the rarest."""
    words = list(dict.fromkeys(tokenize(question)))
    if not words:
        return 0.0
    rarest = max(float(bm25.idf.max()), 1e-9)
    weight = {w: bm25.idf_of(w) if w in bm25.vocab else rarest for w in words}
    present = bm25.terms_of(top)
    return sum(weight[w] for w in words if w in present) / sum(weight.values())


def _max(scores) -> float:
    """The highest score, 0 when there is none (a build without the tuned encoder)."""
    return 0.0 if scores is None or not len(scores) else float(scores.max())


def crosslingual_closeness(best, translated, tuned_dense, t: Tuning):
    """How close a question in another language comes to the documents: e5's cosine to
    the nearest passage, to the nearest translated curated question and the tuned
    cosine to the nearest passage, weighed (numbers or arrays alike)."""
    return best + t.translated_coverage_weight * translated + t.crosslingual_passage_coverage_weight * tuned_dense


def language_offsets(passage_vectors: np.ndarray, translated_vectors: np.ndarray, translated_source: np.ndarray,
                     languages: np.ndarray, tuned_passage_vectors: np.ndarray, projection: Projection,
                     t: Tuning) -> dict[str, float]:
    """How much higher each language's questions come than the languages' average, read
    from the curated questions' translations (in scope by construction): the median of
    their closeness, each against the translations of other English questions only.
    e5 puts French closer to English than Russian or Arabic (medians 2.40 against
    2.35), so one floor for all refused few French out-of-scope questions and many
    Russian in-scope ones."""
    medians = {}
    for language in sorted(set(languages.tolist())):
        rows = np.flatnonzero(languages == language)
        vectors = translated_vectors[rows]
        best = (vectors @ passage_vectors.T).max(axis=1)
        near = vectors @ translated_vectors.T
        near[translated_source[rows][:, None] == translated_source[None, :]] = -1.0  # not its own question
        tuned = (projection(vectors) @ tuned_passage_vectors.T).max(axis=1)
        medians[language] = float(np.median(crosslingual_closeness(best, near.max(axis=1), tuned, t)))
    mean = float(np.mean(list(medians.values()))) if medians else 0.0
    return {language: median - mean for language, median in medians.items()}


def offset_of(language: str, offsets: dict[str, float]) -> float:
    """A language's offset; one without curated translations of its own (German,
    Italian) comes near only through other languages' translations, so it gets the
    lowest floor of those that have them."""
    return offsets.get(language, min(offsets.values(), default=0.0))


def judge(question: Question, ranking: Ranking, top: list[int], bm25: BM25, t: Tuning,
          offset: float = 0.0, tuned_dense: np.ndarray | None = None) -> Coverage:
    """A rare term that the corpus never uses (a substance, a product, a technology)
    needs a very close passage; a question naming one of our documents or items is
    about it, however far its wording ("what does resolution 59/4 ask"), and so is one
    keeping a term of theirs in English ("« Community Reinforcement Approach »"); else the best
    passage must be close in meaning, or a little less close when
    the passages found hold the question's words: a short question ("what does a case
    manager do") is far from any long passage in meaning, yet answered there word for
    word."""
    best = max((float(ranking.signals.dense[i]) for i in top), default=0.0)
    # Cross-lingual cosines run lower than English-English ones for the same meaning.
    floor = t.min_similarity - (0 if question.english else t.other_language_offset)
    translated = ranking.signals.translated_cosines
    # offset: how much closer its language's questions come, by its curated translations
    # tuned_dense: the tuned cosines the offsets were read with, when the ranking's differ
    tuned = ranking.signals.tuned_dense if tuned_dense is None else tuned_dense
    crosslingual = None if question.english or translated is None else \
        crosslingual_closeness(best, _max(translated), _max(tuned), t) - offset
    if question.rare_terms:
        ok = best >= t.rare_term_similarity if crosslingual is None else \
            crosslingual >= t.crosslingual_rare_term_closeness + (
                t.crosslingual_proper_name_closeness if question.proper_names else 0.0)
        return Coverage(ok, best, f"names {', '.join(question.rare_terms)}, which the documents never use"
                        + ("; a passage is very close all the same" if ok else ""))
    if question.names_ours:
        return Coverage(True, best, "names one of the documents or their numbered items")
    if question.documented:
        return Coverage(True, best, f"names {', '.join(question.documented)}, a term of the documents")
    if question.names_unknown_item:
        return Coverage(False, best, "names a numbered item the documents do not have")
    tuned = ranking.signals.tuned_questions
    if tuned is not None and question.english:
        # How close the question comes to a curated one (users' words about these
        # documents), and the tuned encoder's nearest passage, separate out-of-scope
        # questions far better than e5's passage cosines, which sit in a narrow band
        # (0.82-0.90) for any question.
        closeness = (best + t.coverage_question_weight * _max(ranking.signals.questions)
                     + t.tuned_coverage_weight * _max(tuned)
                     + t.tuned_passage_coverage_weight * _max(ranking.signals.tuned_dense))
        if closeness >= t.tuned_min_closeness:
            return Coverage(True, best, "a passage is close in meaning")
    elif crosslingual is not None:
        # The same across languages, with the curated questions' translations: e5's
        # cosines between a question and an English one run low and close together.
        unfamiliar = min(len(question.unfamiliar), t.unfamiliar_words_counted)
        if crosslingual >= t.crosslingual_min_closeness + t.crosslingual_unfamiliar_word_closeness * unfamiliar:
            return Coverage(True, best, "a passage is close in meaning")
    elif best >= floor:
        return Coverage(True, best, "a passage is close in meaning")
    if question.english and best >= t.words_found_similarity \
            and words_found(bm25, question.expanded, top[:3]) >= t.words_found_share:
        return Coverage(True, best, "the top passages hold the question's words")
    return Coverage(False, best, "no passage is close in meaning", far=True)
