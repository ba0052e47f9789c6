"""Abbreviations and their long forms, so that "WHO" finds "World Health Organization"
and "OAMT" finds "opioid agonist maintenance treatment". Most are read from the corpus
itself ("Addiction Severity Index (ASI)"); the organisations of the field are named
without a definition in the documents, so they are listed here."""
from __future__ import annotations

import functools
import re

ORGANISATIONS = {
    "WHO": "World Health Organization",
    "UNODC": "United Nations Office on Drugs and Crime",
    "CND": "Commission on Narcotic Drugs",
    "UNAIDS": "Joint United Nations Programme on HIV/AIDS",
    "NGO": "non-governmental organization",
    "NGOs": "non-governmental organizations",
}
# What clinicians and policymakers abbreviate that the documents write out in other
# words ("opioid agonist maintenance treatment", "needle exchange"): a user asking about
# "OST in prisons" asks about what the documents cover.
FIELD_TERMS = {
    "OST": "opioid substitution treatment, opioid agonist maintenance treatment",
    "OAT": "opioid agonist treatment, opioid agonist maintenance treatment",
    "OMT": "opioid maintenance treatment",
    "MAT": "medication-assisted treatment",
    "MOUD": "medications for opioid use disorder",
    "OUD": "opioid use disorder",
    "SUD": "substance use disorder",
    "AUD": "alcohol use disorder",
    "NSP": "needle and syringe programme, needle exchange",
}
DEFINITION_RE = re.compile(r"((?:[A-Za-z][\w’'-]*[\s,]+){1,9}?)\(([A-Z][A-Za-z]{1,7})\)")
SMALL_WORDS = frozenset("of and for the to in on with a an or".split())


def long_form(words: list[str], acronym: str) -> str | None:
    """The trailing words whose initials spell the acronym (small words skipped)."""
    letters = [c for c in acronym if c.isupper()]
    out: list[str] = []
    k = len(letters) - 1
    for word in reversed(words):
        word = word.strip(",")
        if k < 0:
            break
        if word.lower() in SMALL_WORDS and out:
            out.append(word)
        elif word[:1].upper() == letters[k]:
            out.append(word)
            k -= 1
        else:
            return None
    return " ".join(reversed(out)) if k < 0 else None


def find_abbreviations(texts: list[str]) -> dict[str, str]:
    """Acronym → long form, from "Long Form (ACR)" in the texts, plus the organisations
    and the field's own abbreviations (a definition in the texts wins over the field's)."""
    found: dict[str, str] = {}
    for text in texts:
        for m in DEFINITION_RE.finditer(text):
            form = long_form(m.group(1).split(), m.group(2))
            if form:
                found.setdefault(m.group(2), form)
    return {**FIELD_TERMS, **found, **ORGANISATIONS}


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w/’']+", text.lower()))


class Expander:
    """Adds to a question the other form of each abbreviation it uses."""

    def __init__(self, abbreviations: dict[str, str]):
        self.abbreviations = abbreviations
        self.short_re = re.compile(r"\b(" + "|".join(map(re.escape, sorted(abbreviations, key=len, reverse=True)))
                                   + r")\b") if abbreviations else None
        longs = {_words(v): k for k, v in abbreviations.items()}
        self.long_of = longs
        # Long forms match whatever the punctuation between their words.
        self.long_re = re.compile(r"\b(" + "|".join(r"[\s,-]+".join(map(re.escape, form.split()))
                                                    for form in sorted(longs, key=len, reverse=True))
                                  + r")\b", re.I) if longs else None

    def expand(self, question: str) -> str:
        extra: list[str] = []
        if self.short_re:
            extra += [self.abbreviations[m] for m in dict.fromkeys(self.short_re.findall(question))]
        if self.long_re:
            extra += [self.long_of[_words(m)] for m in dict.fromkeys(self.long_re.findall(question))]
        extra = [e for e in extra if e.lower() not in question.lower()]
        return f"{question} ({'; '.join(extra)})" if extra else question

    def as_written(self, words: str, question: str) -> str:
        """The user's own words for words found in the expansion: the abbreviation whose
        long form holds them ("opioid agonist maintenance treatment" -> "OST"), else the
        words themselves."""
        if words.lower() in question.lower() or not self.short_re:
            return words
        return next((short for short in dict.fromkeys(self.short_re.findall(question))
                     if words.lower() in self.abbreviations[short].lower()), words)


# An acronym as users write one: three to six capitals ("EMDR", "CARF"), a plural "s".
ACRONYM_RE = re.compile(r"(?<![\w-])([A-Z]{3,6})s?(?![\w-])")


class Acronyms:
    """Tells the acronyms the documents could mean from those they never do. An acronym
    is the documents' when they define or use it, when it is a word of the curated
    translations ("OMS", "VIH"), or when it spells the initials of words that follow
    one another in a passage ("CJS": criminal justice system; small words skipped, as in
    "CND", the Commission on Narcotic Drugs). Any other ("EMDR", "CARF") names a
    method, body or product the documents do not cover, in whatever language the
    question around it is written (the question reader asks this of questions in other
    languages)."""

    def __init__(self, texts: list[str], abbreviations: dict[str, str]):
        self.defined = {a.upper() for a in abbreviations}
        self.texts = texts

    @functools.cached_property
    def initials(self) -> str:
        """The initials of every phrase (between punctuation marks), small words
        skipped, in one string: an acronym is known if it is a part. Long forms rarely
        span a comma, and a longer run would spell any acronym of four letters by chance.
        Made at the first acronym the documents do not define (0.3 s)."""
        lines = []
        for text in self.texts:
            for phrase in re.split(r"[.,;:!?()\[\]]+", text):
                words = re.findall(r"[^\W\d_]+", phrase.lower())
                lines.append("".join(w[0] for w in words if w not in SMALL_WORDS))
        return "\n".join(lines)

    def knows(self, acronym: str, words: frozenset[str] | set[str] = frozenset()) -> bool:
        low = acronym.lower()
        return acronym.upper() in self.defined or low in words or low in self.initials

    def unknown(self, question: str, words: frozenset[str] | set[str] = frozenset()) -> list[str]:
        """The acronyms of a question the documents never mean (`words`: the corpus's
        and the translations' words). None in a question written in capitals."""
        letters = re.findall(r"[^\W\d_]", question)
        if sum(c.isupper() for c in letters) > len(letters) / 2:
            return []
        return sorted({a for a in ACRONYM_RE.findall(question) if not self.knows(a, words)})
