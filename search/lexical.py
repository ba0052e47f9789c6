"""BM25 over the passages' indexed text, with the Snowball English stemmer. Our corpus is
under a thousand passages, so a dense numpy term matrix is fast and exact."""
from __future__ import annotations

from functools import lru_cache
import re

import numpy as np
import snowballstemmer

STOPWORDS = frozenset("""a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers him his how i if in into is it its itself just me more most
my no nor not now of off on once only or other our ours out over own same she should so some such than
that the their theirs them then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours according say says said
document documents standards standard paper""".split())
ACRONYMS_LIKE_STOPWORDS = frozenset({"WHO"})
TOKEN_RE = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*", re.I)


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter2 (Snowball) stem: "adapting" and "adaptation", "nationally" and
    "national", "workers" and "worker" meet."""
    return _STEMMER.stemWord(word)


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed words without stop words; "WHO" in capitals is the
    organisation, not the pronoun, and is kept."""
    text = text.replace("’", "'").replace("‘", "'")
    out = []
    for m in TOKEN_RE.finditer(text):
        word = m.group()
        low = word.lower()
        if len(low) > 1 and (low not in STOPWORDS or word in ACRONYMS_LIKE_STOPWORDS):
            out.append(stem(low))
    return out


class BM25:
    def __init__(self, texts: list[str], *, k1: float = 1.2, b: float = 0.75):
        docs = [tokenize(t) for t in texts]
        vocab: dict[str, int] = {}
        for d in docs:
            for t in d:
                vocab.setdefault(t, len(vocab))
        tf = np.zeros((len(docs), len(vocab)), dtype=np.float32)
        for i, d in enumerate(docs):
            for t in d:
                tf[i, vocab[t]] += 1
        lengths = tf.sum(axis=1)
        df = (tf > 0).sum(axis=0)
        n = len(docs)
        self.idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = k1 * (1 - b + b * lengths / max(lengths.mean(), 1))
        self.weights = (tf * (k1 + 1) / (tf + norm[:, None])).astype(np.float32)
        self.vocab = vocab

    def terms_of(self, docs: list[int]) -> set[str]:
        """The (stemmed) terms that occur in any of the given documents."""
        if not docs:
            return set()
        present = (self.weights[docs] > 0).any(axis=0)
        return {t for t, col in self.vocab.items() if present[col]}

    def known(self, tokens: list[str]) -> list[str]:
        return [t for t in tokens if t in self.vocab]

    def idf_of(self, token: str) -> float:
        return float(self.idf[self.vocab[token]]) if token in self.vocab else 0.0

    def scores(self, query: str) -> np.ndarray:
        return self.term_scores(tokenize(query))

    def term_scores(self, terms) -> np.ndarray:
        """BM25 of terms already stemmed (a gloss of a question in another language)."""
        cols = [self.vocab[t] for t in terms if t in self.vocab]
        if not cols:
            return np.zeros(self.weights.shape[0], dtype=np.float32)
        return self.weights[:, cols] @ self.idf[cols]
