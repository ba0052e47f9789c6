"""Documents a question names by what they are and for whom, in its own words: "the
course for officials", "el curso para responsables políticos", "курс для лиц,
определяющих политику", "决策者培训". An alias is a fixed phrase ("training package");
users name the training package by a noun and its audience, in any order, inflected
and with other words between, so neither list alone is enough."""
from __future__ import annotations

import re
from dataclasses import dataclass

# How far apart (characters between the two) the noun and its audience may stand:
# "the course for officials" (5), "la formación para responsables políticos" (6), "the
# officials' course" (3), "curso dirigido a los responsables políticos" (17); a
# sentence's breadth (60+) pairs a training of anyone with officials of anything.
NAME_GAP_CHARS = 30

_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")


def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for a list of words, each matched as a word's start and any ending
    ("curso" finds "cursos", "курс" finds "курса"). Chinese has no spaces and Arabic
    joins its articles and prepositions to the word ("لصانعي"): those match anywhere."""
    def one(w: str) -> str:
        body = r"\s+".join(re.escape(part) for part in w.lower().split())
        return body if _CJK_RE.search(w) or _ARABIC_RE.search(w) else r"(?<!\w)" + body
    parts = [one(w) for w in sorted({w for w in words if w.strip()}, key=len, reverse=True)]
    return re.compile("|".join(parts)) if parts else None


@dataclass(frozen=True)
class DocumentName:
    """A document named by one of `what` near one of `whom`."""
    document: str
    what: re.Pattern
    whom: re.Pattern

    def named_in(self, text: str) -> bool:
        lowered = text.lower()
        whats = [m.span() for m in self.what.finditer(lowered)]
        if not whats:
            return False
        return any(max(a_start - b_end, b_start - a_end) <= NAME_GAP_CHARS
                   for a_start, a_end in whats for b_start, b_end in (m.span() for m in self.whom.finditer(lowered)))


class DocumentNames:
    """Every document's names by noun and audience, as the build's manifest lists them
    (corpus/manifest.toml `named_by`)."""

    def __init__(self, documents: list[dict]):
        self.names = []
        for d in documents:
            for pair in d.get("named_by", ()):
                what, whom = _pattern(tuple(pair.get("what", ()))), _pattern(tuple(pair.get("whom", ())))
                if what and whom:
                    self.names.append(DocumentName(d["id"], what, whom))

    def named_in(self, text: str) -> frozenset[str]:
        """The ids of the documents the text names."""
        return frozenset(n.document for n in self.names if n.named_in(text))
