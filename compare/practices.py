"""Passages that may go against a standard: a comparison on meaning finds the passages
that speak of a standard, and a law ordering "compulsory rehabilitation for a minimum of
24 months" speaks of standard 3.5 as much as one forbidding it. The practices the
Standards reject, by the words a document orders them in (compare/practices.toml),
flag such passages for a reader, and they are no evidence that the document meets the
standard (compare/judge.py judges it on the other passages)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import CompareError

PRACTICES_FILE = Path(__file__).with_name("practices.toml")
# A cue in a clause that also says a negation ("shall not be compulsory", "No person shall
# ever be subjected to humiliating …", "compulsory detention … is prohibited") is the
# document refusing the practice. A clause ends at . ; : or a line end.
NEGATION_RE = re.compile(r"\b(?:not|never|no|nor|prohibit\w*|forbid\w*|forbidden|banned|nunca|jamás|jamais|"
                         r"ni|nem|não|prohíb\w*|prohib\w*|proib\w*|interdit\w*|ne|n'|нельзя|не|запрещ\w*)\b|"
                         r"(?<!\S)(?:لا|لن)(?!\S)|يحظر|يُحظر|ممنوع|不得|禁止|严禁", re.I)   # لا alone: it is inside علاج
CLAUSE_END = ".;:\n"
# A negation inside a relative clause ("patients who do not comply shall be …", "los
# pacientes que no cumplan serán castigados …") says who, not that the practice is refused.
RELATIVE_NEGATION_RE = re.compile(r"\b(?:who|that|which|que|qui|quien(?:es)?|quem|кто|который|которые)\s+"
                                  r"(?:do |does |did |will |have |has )?(?:not|no|ne|n'|não|не)\b", re.I)


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the clause before `start` and after `end`."""
    begin = max(text.rfind(c, 0, start) for c in CLAUSE_END) + 1
    stops = [i for i in (text.find(c, end) for c in CLAUSE_END) if i >= 0]
    return text[begin:start], text[end:min(stops) if stops else len(text)]


@dataclass(frozen=True)
class Practice:
    name: str
    standards: tuple[str, ...]
    cues: re.Pattern
    context: re.Pattern | None = None

    def ordered_in(self, text: str) -> str | None:
        """The words of the text that order the practice, or None: a cue in a clause that
        says no negation, with the context the practice needs."""
        if self.context is not None and not self.context.search(text):
            return None
        for m in self.cues.finditer(text):
            before, after = (RELATIVE_NEGATION_RE.sub(" ", part) for part in _clause(text, m.start(), m.end()))
            if not NEGATION_RE.search(before) and not NEGATION_RE.search(after):
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


def against_each(passages, rejected: tuple[Practice, ...]) -> dict[str, tuple[Against, ...]]:
    """For each standard a practice names, the document's passages that order it: each
    practice read once over the document, whatever the number of its standards."""
    out: dict[str, list[Against]] = {}
    for practice in rejected:
        found = [Against(practice.name, words, p.text, p.location, p.order)
                 for p in passages if (words := practice.ordered_in(p.text))]
        for number in practice.standards:
            out.setdefault(number, []).extend(found)
    return {number: tuple(found) for number, found in out.items()}
