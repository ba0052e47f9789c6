"""Which words of a question in another language are names the documents never use.

In English a word that is neither common English nor the corpus's own is a name
("kratom", "xylazine"): search/question.py's rare-term rule. A question in Spanish or
Russian is all words the English corpus does not have, so here a word is a name only
when it is none of these:
- a form of a common word of its language: its Snowball stem is the stem of a word
  that wordfreq's small list holds (the words used at least once a million), so
  "gritarles" (grit-) and "стыдить" (стыд-) are words, "ketamina" and "ибогаин" not;
- a word of the curated questions' translations into that language (the documents'
  own subjects as users name them);
- the corpus's own word or one close to it in Latin letters ("buprenorfina" and
  "бупренорфин" are "buprenorphine"): cognates.
Chinese is left out (no spaces to find words by; a name in Latin letters inside it is
read by the English rule), and so is a language without curated translations.
"""
from __future__ import annotations

import difflib
import re
from functools import cache

import snowballstemmer
from anyascii import anyascii
from wordfreq import get_frequency_dict, top_n_list

STEMMERS = {"es": "spanish", "fr": "french", "pt": "portuguese", "ru": "russian", "ar": "arabic",
            "de": "german", "it": "italian"}
MIN_LETTERS = 5          # shorter words are mostly function words and abbreviations
COGNATE_RATIO = 0.75     # difflib ratio, in Latin letters, at which a word is a corpus word's cognate
FUNCTION_WORDS = 300     # a language's commonest words: they say nothing of a question's subject
MIN_SUBJECT_LETTERS = 4  # shorter words are function words or abbreviations


@cache
def stemmer_of(language: str):
    """The language's Snowball stemmer (PyStemmer's, in C, when installed)."""
    return snowballstemmer.stemmer(STEMMERS[language])


@cache
def common_stems(language: str) -> frozenset[str]:
    """The stems of the language's common words: computed once a language, at its
    first question (0.04-0.09 s with PyStemmer's C stemmers; 1-3 s without)."""
    stem = stemmer_of(language).stemWord
    return frozenset(stem(w) for w in get_frequency_dict(language, wordlist="small"))


@cache
def function_words(language: str) -> frozenset[str]:
    """The language's commonest words (wordfreq): they say nothing of a subject."""
    return frozenset(top_n_list(language, FUNCTION_WORDS))


def fold(word: str) -> str:
    """The word in lower-case Latin letters ("ибогаин" -> "ibogain", "heroína" -> "heroina")."""
    return anyascii(word).lower()


class LanguageWords:
    """The words the system knows in each language other than English: the corpus's
    (folded), and the translated curated questions' of each language."""

    def __init__(self, corpus_words: set[str], translated: dict[str, list[str]],
                 english: frozenset[str] = frozenset()):
        self.corpus = {fold(w) for w in corpus_words}
        self.english = english  # English words mixed in ("speed", "online") are words too
        self.corpus_list = sorted(self.corpus)
        self.known = {lang: {fold(w) for text in texts for w in re.findall(r"[^\W\d_]+", text.lower())}
                      for lang, texts in translated.items()}
        self.known_list = {lang: sorted(words) for lang, words in self.known.items()}
        self.known_raw = {lang: frozenset(w for text in texts for w in re.findall(r"[^\W\d_]+", text.lower()))
                          for lang, texts in translated.items()}
        self._known_stems: dict[str, frozenset[str]] = {}

    def known_stems(self, language: str) -> frozenset[str]:
        """The stems of the language's translation words, computed at its first question."""
        if language not in self._known_stems:
            stem = stemmer_of(language).stemWord
            self._known_stems[language] = frozenset(stem(w) for w in self.known_raw[language])
        return self._known_stems[language]

    def _is_cognate(self, folded: str) -> bool:
        return bool(difflib.get_close_matches(folded, self.corpus_list, n=1, cutoff=COGNATE_RATIO))

    def unfamiliar_words(self, text: str, language: str) -> list[str]:
        """The question's subject words that the documents' subjects, as the curated
        translations name them in its language, never use: no form of a translation's
        word (by Snowball stem), no corpus word or cognate of one, none of the language's
        commonest words. "sauna", "jeux vidéo", "igrejas": a question made of them is
        likelier about something else, however close e5 puts it."""
        if language not in STEMMERS or language not in self.known:
            return []
        stem = stemmer_of(language).stemWord
        known_stems = self.known_stems(language)
        common = function_words(language)
        out = []
        for word in dict.fromkeys(re.findall(r"[^\W\d_]+", text.lower())):
            folded = fold(word)
            if len(folded) < MIN_SUBJECT_LETTERS or word in common or folded in self.corpus \
                    or folded in self.known[language] or folded in self.english or stem(word) in known_stems:
                continue
            if not self._is_cognate(folded):
                out.append(word)
        return out

    def unknown_names(self, text: str, language: str) -> list[str]:
        """The question's words that are no word of its language and no corpus word."""
        if language not in STEMMERS or language not in self.known:
            # without curated translations ("de", "it") the documents' subjects in the
            # language's own words are unknown, and its compounds ("drogenabhängigen")
            # are rare words: every question would name something
            return []
        known = self.known[language]
        stems = common_stems(language)
        out = []
        for word in dict.fromkeys(re.findall(r"[^\W\d_]+", text.lower())):
            folded = fold(word)
            if len(folded) < MIN_LETTERS or folded in known or folded in self.corpus or folded in self.english:
                continue
            if stemmer_of(language).stemWord(word) in stems:
                continue
            if difflib.get_close_matches(folded, self.corpus_list, n=1, cutoff=COGNATE_RATIO) or \
                    difflib.get_close_matches(folded, self.known_list[language], n=1, cutoff=COGNATE_RATIO):
                continue
            out.append(word)
        return out
