"""Passages that may go against a standard: a comparison on meaning finds the passages
that speak of a standard, and a law ordering "compulsory rehabilitation for a minimum of
24 months" speaks of standard 3.5 as much as one forbidding it. The practices the
Standards reject, by the words a document orders them in (compare/practices.toml),
flag such passages for a reader; the flag never changes a standard's status."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import CompareError

PRACTICES_FILE = Path(__file__).with_name("practices.toml")
# A cue next to a negation ("shall not be compulsory", "no patient shall be treated
# without consent", "degrading methods shall never be used") is the document refusing the
# practice: this many characters of its clause before and after the cue are read.
NEGATION_WINDOW = 40
NEGATION_RE = re.compile(r"(?:\b(?:not|never|no|nor|without|prohibit\w*|forbid\w*|nunca|jamás|jamais|ni|sin|sans|"
                         r"nem|sem|interdit\w*|prohíb\w*|proib\w*)\b|\bne\b|\bn'|не\b|запрещ\w*|لا|不得|禁止|不)[^.;]*$",
                         re.I)
NEGATION_AFTER_RE = re.compile(r"^[^.;,]*?(?:\b(?:not|never|prohibited|forbidden|banned|nunca|jamás|jamais|"
                               r"prohibid\w*|interdit\w*|proibid\w*)\b|запрещ|不得|禁止)", re.I)


@dataclass(frozen=True)
class Practice:
    name: str
    standards: tuple[str, ...]
    cues: re.Pattern
    context: re.Pattern | None = None

    def ordered_in(self, text: str) -> str | None:
        """The words of the text that order the practice, or None: a cue not refused by
        a negation just before it, with the context the practice needs."""
        if self.context is not None and not self.context.search(text):
            return None
        for m in self.cues.finditer(text):
            if not NEGATION_RE.search(text[max(0, m.start() - NEGATION_WINDOW):m.start()]) \
                    and not NEGATION_AFTER_RE.search(text[m.end():m.end() + NEGATION_WINDOW]):
                return m.group()
        return None


def _pattern(patterns: list[str], where: str) -> re.Pattern:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
    except re.error as exc:
        raise CompareError(f"{where}: not a valid regular expression ({exc})") from None


@cache
def practices(path: Path = PRACTICES_FILE) -> tuple[Practice, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CompareError(f"{path}: cannot read the practices the Standards reject ({exc})") from None
    out = []
    for i, row in enumerate(data.get("practice", []), start=1):
        where = f"{path}: practice #{i}"
        if not row.get("name") or not row.get("standards") or not row.get("cues"):
            raise CompareError(f"{where}: needs name, standards and cues")
        out.append(Practice(str(row["name"]), tuple(map(str, row["standards"])), _pattern(row["cues"], f"{where} cues"),
                            _pattern(row["context"], f"{where} context") if row.get("context") else None))
    return tuple(out)


@dataclass(frozen=True)
class Against:
    """A passage that may go against a standard: which practice, in which words."""
    practice: str
    words: str
    text: str
    location: str
    order: int

    def to_json(self) -> dict:
        return {"practice": self.practice, "words": self.words, "text": self.text, "location": self.location,
                "passage": self.order}


def going_against(number: str, passages, rejected: tuple[Practice, ...]) -> tuple[Against, ...]:
    """The document's passages that order a practice standard `number` rejects."""
    out = []
    for practice in rejected:
        if number not in practice.standards:
            continue
        for p in passages:
            words = practice.ordered_in(p.text)
            if words:
                out.append(Against(practice.name, words, p.text, p.location, p.order))
    return tuple(out)
