"""The example SPARQL queries documented in README.md: one list for the README, the
app's SPARQL page, the endpoint's service description and the tests."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg_builder.config import ROOT

from .sparql import PREFIX_HEADER

# "#### Title", an optional one-paragraph comment, then a ```sparql block.
EXAMPLE_RE = re.compile(r"^#### (.+?)\n\n(?:(?!```)(.+?)\n\n)?```sparql\n(.*?)```", re.S | re.M)


@dataclass(frozen=True)
class Example:
    title: str
    comment: str
    query: str          # as documented: the standard prefixes are implied

    @property
    def full_query(self) -> str:
        """The query with its PREFIX declarations, for clients that do not add them."""
        return PREFIX_HEADER + self.query

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")


def readme_examples(readme: Path = ROOT / "README.md") -> list[Example]:
    text = readme.read_text(encoding="utf-8")
    return [Example(t.strip(), " ".join((c or t).split()), q) for t, c, q in EXAMPLE_RE.findall(text)]
