"""English words for a question in another language, learnt from the curated questions
and their translations: a bilingual lexicon by co-occurrence.

The documents are in English, so BM25 reads no word of a Spanish or Chinese question
and only e5's cross-lingual vectors find its passages. Each curated question and its
translation are a sentence pair; over some 1,500 pairs a language, a word of the
translation that keeps company with an English word ("embarazadas" with "pregnant",
"подростков" with "adolescent", "美沙" with "methadone") is its translation. The
question's words are turned into those English words (their BM25 terms), which give
it a signal by words, as an English question has, and words for the answer's
sentences to share.

Words are Snowball stems of the language's words outside its commonest ones; Chinese,
written without spaces, is read in pairs of characters ("美沙酮" -> "美沙", "沙酮").
The translation probabilities are IBM Model 1's (Brown et al. 1993), learnt by
expectation-maximisation over the pairs: unlike counting co-occurrences (Dice's
coefficient, first tried), it explains each English word by the likeliest word beside
it, so "deben" stops meaning "drug" merely because most questions say both.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .language_words import STEMMERS, function_words, stemmer_of, words_of
from .lexical import stem, tokenize

LANGUAGES = ("es", "fr", "pt", "ru", "ar", "zh")   # those with curated translations to learn from


def foreign_words(text: str, language: str) -> list[str]:
    """A text's words as the lexicon counts them: stems, or Chinese character pairs."""
    if language == "zh":
        chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
        return list(dict.fromkeys(a + b for a, b in zip(chars, chars[1:])))
    if language not in STEMMERS:
        return []
    stem = stemmer_of(language).stemWord
    common = function_words(language)
    return list(dict.fromkeys(stem(w) for w in words_of(text) if len(w) > 2 and w not in common))


@dataclass(frozen=True)
class Lexicon:
    """For each word of one language, its English BM25 terms, best first, and for each
    English term the word the English questions most often write it as."""
    language: str
    senses: dict[str, tuple[str, ...]]
    written: dict[str, str] = field(default_factory=dict)

    @classmethod
    def learn(cls, language: str, pairs: list[tuple[str, str]], *, min_pairs: int, min_probability: float,
              max_senses: int, iterations: int) -> "Lexicon":
        """From (text in the language, its English) pairs, by IBM Model 1: each English
        word of a pair comes from one of the pair's words (or from none), with a
        probability t(e | f) that `iterations` rounds of expectation-maximisation learn
        from all pairs. A word seen in at least `min_pairs` pairs keeps its `max_senses`
        English words of probability at least `min_probability`."""
        data = [(foreign_words(foreign, language), list(dict.fromkeys(tokenize(english))))
                for foreign, english in pairs]
        t: dict[tuple[str, str | None], float] = defaultdict(lambda: 1.0)   # uniform to start
        for _ in range(iterations):
            counts: Counter = Counter()
            totals: Counter = Counter()
            for fs, es in data:
                sources = fs + [None]   # None: an English word no word of the pair gives
                for e in es:
                    z = sum(t[(e, f)] for f in sources)
                    for f in sources:
                        share = t[(e, f)] / z
                        counts[(e, f)] += share
                        totals[f] += share
            t = defaultdict(float, {(e, f): c / totals[f] for (e, f), c in counts.items()})
        seen = Counter(f for fs, _ in data for f in fs)
        found: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for (e, f), p in t.items():
            if f is not None and p >= min_probability and seen[f] >= min_pairs:
                found[f].append((p, e))
        forms: dict[str, Counter] = defaultdict(Counter)
        for _, english in pairs:
            for word in re.findall(r"[a-z]+", english.lower()):
                forms[stem(word)][word] += 1
        return cls(language, {f: tuple(e for _, e in sorted(v, key=lambda x: (-x[0], x[1]))[:max_senses])
                              for f, v in found.items()},
                   {term: max(sorted(c), key=c.__getitem__) for term, c in forms.items()})

    def english(self, terms: tuple[str, ...]) -> str:
        """The English terms as words ("pregnant women methadone prison"): a question of
        bare words that the tuned English encoder can read."""
        return " ".join(self.written.get(t, t) for t in terms)

    def gloss(self, text: str) -> tuple[str, ...]:
        """The English terms of a text's words, each once, in the text's order."""
        return tuple(dict.fromkeys(e for f in foreign_words(text, self.language) for e in self.senses.get(f, ())))
