"""Plain, frozen records that the parsers produce and the graph writer consumes."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    id: str
    file: str
    title: str
    publisher: str
    year: str
    kind: str
    sha256: str
    url: str          # where the publisher has it, for citations that lead somewhere
    aliases: tuple[str, ...] = ()
    # how questions name it by a noun near its audience, inflected, in any language
    # ("el curso para responsables políticos"): (what, whom) word lists
    named_by: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Section:
    doc_id: str
    key: str          # IRI-safe, unique in the document ("3.4.8.1", "principle-3", "s2")
    number: str       # the document's own number, "" when the heading has none
    title: str
    parent: str | None  # key of the parent section
    order: int


@dataclass(frozen=True)
class Passage:
    doc_id: str
    n: int            # 1-based order in the document
    text: str         # verbatim, whitespace-normalised
    section: str      # key of the enclosing section
    kind: str         # paragraph, list_item, standard, recommendation, table_cell, ...
    heading: str = ""  # nearest unnumbered sub-heading ("Policy makers", "Opioid Overdose")
    line: int = 0     # first line in the source file, for error messages and debugging


@dataclass(frozen=True)
class Principle:
    number: str
    title: str
    description: str
    passages: tuple[int, ...]


@dataclass(frozen=True)
class Standard:
    number: str
    principle: str
    text: str
    passage: int


@dataclass(frozen=True)
class Modality:
    number: str       # "3.1" … "3.6"
    title: str
    section: str      # section key
    goals: tuple[int, ...] = ()
    target_population: tuple[int, ...] = ()
    methods: tuple[int, ...] = ()


@dataclass(frozen=True)
class EvidenceStatement:
    modality: str     # "3.4"
    number: str       # "3.4.10/2": the rating section and the statement's order in it
    text: str
    rating: str       # local name of a skg:EvidenceRating individual
    passage: int


@dataclass(frozen=True)
class Recommendation:
    doc_id: str
    key: str          # IRI-safe, unique in the document
    kind: str         # local name of the Recommendation subclass
    text: str
    passage: int
    number: str | None = None
    strength: str | None = None   # "Strong" | "Standard" for WHO recommendations
    strength_read: str | None = None  # how the strength was read (parse/curation.py)
    source: str | None = None     # "WHO 2009", "mhGAP 2015", …
    audience: str | None = None   # "Policy makers", "Staffing", …
    operative_verb: str | None = None
    addressees: tuple[str, ...] = ()  # whom an operative paragraph asks, in its order


@dataclass(frozen=True)
class Item:
    """A named thing of a companion document: training module, activity, outcome,
    service level."""
    doc_id: str
    key: str
    kind: str         # local name of its class
    label: str
    passages: tuple[int, ...]
    number: str | None = None
    related: tuple[str, ...] = ()   # keys of related items (service level -> interventions)


@dataclass
class ParsedDocument:
    document: Document
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    principles: list[Principle] = field(default_factory=list)
    standards: list[Standard] = field(default_factory=list)
    modalities: list[Modality] = field(default_factory=list)
    evidence: list[EvidenceStatement] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
