"""Everything the workshop kit quotes, read from the graph once with a few fixed
SPARQL queries into plain dataclasses: the statements (standards, recommendations,
conditions, paragraphs, evidence statements) with their verbatim skg:text and where
they come from, the principles, the concepts, the evidence ratings and the passages.
Topic matching, quizzes and the offline site are then pure functions of a Catalogue."""
from __future__ import annotations

from dataclasses import dataclass, field

from kg_builder.config import ID_NS, ONTOLOGY_NS

RECOMMENDATION_KINDS = ("WHORecommendation", "ServiceRecommendation", "GoodPracticeCondition",
                        "CompulsoryTreatmentCriterion", "OperativeParagraph", "PreambularParagraph")
STATEMENT_KINDS = ("Standard", *RECOMMENDATION_KINDS, "EvidenceStatement")

Q_STATEMENTS = """
SELECT ?e ?cls ?label ?number ?text ?strength ?source ?doc ?doctitle ?snum ?stitle ?passage ?order
       ?principle ?rating ?ratingLabel ?rank ?modality WHERE {
  VALUES ?cls { skg:Standard skg:WHORecommendation skg:ServiceRecommendation skg:GoodPracticeCondition
                skg:CompulsoryTreatmentCriterion skg:OperativeParagraph skg:PreambularParagraph
                skg:EvidenceStatement }
  ?e a ?cls ; rdfs:label ?label ; skg:text ?text ; skg:document ?d .
  ?d dcterms:identifier ?doc ; dcterms:title ?doctitle .
  OPTIONAL { ?e skg:number ?number }
  OPTIONAL { ?e skg:strength/rdfs:label ?strength }
  OPTIONAL { ?e skg:source ?source }
  OPTIONAL { ?e skg:section ?s . OPTIONAL { ?s skg:number ?snum } OPTIONAL { ?s dcterms:title ?stitle } }
  OPTIONAL { ?e prov:wasDerivedFrom ?passage . ?passage skg:order ?order }
  OPTIONAL { ?e skg:principle ?principle }
  OPTIONAL { ?e skg:evidenceRating ?rating . ?rating rdfs:label ?ratingLabel ; skg:rank ?rank }
  OPTIONAL { ?e skg:modality ?modality }
}"""
Q_LINKS = """
SELECT ?e ?c WHERE {
  VALUES ?link { skg:population skg:intervention skg:substance skg:modality }
  ?e ?link ?c ; skg:text ?text .
}"""
Q_PRINCIPLES = """
SELECT ?p ?number ?title ?description ?passage WHERE {
  ?p a skg:Principle ; skg:number ?number ; dcterms:title ?title .
  OPTIONAL { ?p skg:description ?description }
  OPTIONAL { ?p prov:wasDerivedFrom ?passage }
}"""
Q_CONCEPTS = """
SELECT ?c ?cls ?pref ?alt ?broader ?number WHERE {
  VALUES ?cls { skg:Population skg:Intervention skg:PharmacologicalIntervention
                skg:PsychosocialIntervention skg:Substance skg:TreatmentModality }
  ?c a ?cls ; skos:prefLabel ?pref .
  OPTIONAL { ?c skos:altLabel ?alt }
  OPTIONAL { ?c skos:broader ?broader }
  OPTIONAL { ?c skg:number ?number }
}"""
Q_RATINGS = """
SELECT ?r ?label ?rank ?comment WHERE {
  ?r a skg:EvidenceRating ; rdfs:label ?label ; skg:rank ?rank . OPTIONAL { ?r rdfs:comment ?comment }
} ORDER BY ?rank"""
Q_MODALITY_RATINGS = "SELECT ?m ?r WHERE { ?m a skg:TreatmentModality ; skg:evidenceRating ?r }"
Q_STRENGTHS = "SELECT ?s ?label WHERE { ?s a skg:RecommendationStrength ; rdfs:label ?label } ORDER BY ?label"
Q_PASSAGES = """
SELECT ?p ?text ?kind ?doc ?doctitle ?order ?snum ?stitle WHERE {
  ?p a skg:Passage ; skg:text ?text ; skg:kind ?kind ; skg:order ?order ; skg:document ?d .
  ?d dcterms:identifier ?doc ; dcterms:title ?doctitle .
  OPTIONAL { ?p skg:section ?s . OPTIONAL { ?s skg:number ?snum } OPTIONAL { ?s dcterms:title ?stitle } }
}"""
Q_DOCUMENTS = """
SELECT ?d ?id ?title ?publisher ?year WHERE {
  ?d a skg:Document ; dcterms:identifier ?id ; dcterms:title ?title .
  OPTIONAL { ?d dcterms:publisher ?publisher } OPTIONAL { ?d dcterms:issued ?year }
} ORDER BY ?title"""


@dataclass(frozen=True)
class Citation:
    """Where a verbatim text comes from: document, section and the item's number."""
    document: str            # the document's title
    doc_id: str
    section: str             # section number ("3.4.8.1", "Principle 3"), may be ""
    section_title: str
    passage: str             # IRI of the passage it was read from ("" if none)

    def short(self) -> str:
        where = " ".join(x for x in (self.section, self.section_title) if x)
        return f"{self.document}{', ' + where if where else ''}"


@dataclass(frozen=True)
class Statement:
    """A standard, recommendation, condition, paragraph or evidence statement."""
    iri: str
    kind: str                # local class name: Standard, WHORecommendation, EvidenceStatement …
    label: str               # "Standard 3.5", "Recommendation who-15"
    number: str
    text: str                # skg:text, verbatim
    citation: Citation
    strength: str = ""       # WHO recommendations: "Strong" or "Standard"
    source: str = ""         # WHO guideline: "WHO 2009"
    principle: str = ""      # IRI of the principle (standards, conditions)
    rating: str = ""         # IRI of the evidence rating (evidence statements)
    rating_label: str = ""
    rank: int = 0
    modality: str = ""       # IRI of the modality

    @property
    def is_recommendation(self) -> bool:
        return self.kind in RECOMMENDATION_KINDS


@dataclass(frozen=True)
class Principle:
    iri: str
    number: str
    title: str
    description: str
    passage: str = ""


@dataclass(frozen=True)
class ConceptInfo:
    iri: str
    kind: str                # local class name: Population, Intervention …
    label: str
    alt_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    number: str = ""         # modalities: "3.4"


@dataclass(frozen=True)
class Rating:
    iri: str
    label: str
    rank: int
    comment: str = ""


@dataclass(frozen=True)
class Passage:
    iri: str
    text: str
    kind: str
    order: int
    citation: Citation


@dataclass(frozen=True)
class DocumentInfo:
    iri: str
    id: str
    title: str
    publisher: str = ""
    year: str = ""


@dataclass
class Catalogue:
    statements: list[Statement]
    principles: list[Principle]
    concepts: list[ConceptInfo]
    ratings: list[Rating]
    strengths: list[str]
    passages: list[Passage]
    documents: list[DocumentInfo]
    links: dict[str, frozenset[str]] = field(default_factory=dict)   # statement IRI -> concept IRIs
    modality_ratings: dict[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self):
        self.by_iri = {s.iri: s for s in self.statements}
        self.principle_by_iri = {p.iri: p for p in self.principles}
        self.concept_by_iri = {c.iri: c for c in self.concepts}
        self.rating_by_iri = {r.iri: r for r in self.ratings}
        self.passage_by_iri = {p.iri: p for p in self.passages}

    def standards_of(self, principle_iri: str) -> list[Statement]:
        return [s for s in self.statements if s.kind == "Standard" and s.principle == principle_iri]


def _v(term) -> str:
    return "" if term is None else term.value


def number_key(number: str) -> tuple:
    """"3.10" after "3.9"; non-numeric parts ("who-15") after numbers, in order."""
    parts = []
    for x in (number or "").replace("/", ".").replace("-", ".").split("."):
        parts.append((0, int(x), "") if x.isdigit() else (1, 0, x))
    return tuple(parts)


def statement_key(s: Statement) -> tuple:
    return (STATEMENT_KINDS.index(s.kind), s.citation.doc_id, number_key(s.number), s.iri)


def load(executor) -> Catalogue:
    """The catalogue from a SparqlExecutor (embedded or remote): seven fixed queries."""
    def rows(query):
        return executor.query(query, trusted=True, max_rows=1_000_000).rows

    found: dict[str, dict] = {}
    for (e, cls, label, number, text, strength, source, doc, doctitle, snum, stitle, passage, order,
         principle, rating, rating_label, rank, modality) in rows(Q_STATEMENTS):
        row = found.setdefault(e.value, {
            "iri": e.value, "kind": cls.value.removeprefix(ONTOLOGY_NS), "label": label.value,
            "number": _v(number), "text": text.value, "strength": _v(strength), "source": _v(source),
            "doc": doc.value, "doctitle": doctitle.value, "snum": _v(snum), "stitle": _v(stitle),
            "passages": set(), "principle": _v(principle), "rating": _v(rating),
            "rating_label": _v(rating_label), "rank": int(rank.value) if rank else 0, "modality": _v(modality)})
        if passage is not None:
            row["passages"].add((int(order.value), passage.value))
        # An entity may carry two principles or modalities; keep the smallest IRI, the same each run.
        for key, term in (("principle", principle), ("modality", modality)):
            if term is not None and (not row[key] or term.value < row[key]):
                row[key] = term.value
    statements = []
    for r in found.values():
        first = min(r["passages"])[1] if r["passages"] else ""
        statements.append(Statement(
            r["iri"], r["kind"], r["label"], r["number"], r["text"],
            Citation(r["doctitle"], r["doc"], r["snum"], r["stitle"], first),
            r["strength"], r["source"], r["principle"], r["rating"], r["rating_label"], r["rank"], r["modality"]))
    statements.sort(key=statement_key)

    principles: dict[str, Principle] = {}
    for p, number, title, description, passage in rows(Q_PRINCIPLES):
        old = principles.get(p.value)
        if old is None or (passage is not None and passage.value < old.passage):
            principles[p.value] = Principle(p.value, number.value, title.value, _v(description), _v(passage))

    concepts: dict[str, dict] = {}
    for c, cls, pref, alt, broader, number in rows(Q_CONCEPTS):
        d = concepts.setdefault(c.value, {"kind": cls.value.removeprefix(ONTOLOGY_NS), "pref": pref.value,
                                          "alts": set(), "broader": set(), "number": _v(number)})
        if alt is not None:
            d["alts"].add(alt.value)
        if broader is not None:
            d["broader"].add(broader.value)

    links: dict[str, set[str]] = {}
    for e, c in rows(Q_LINKS):
        links.setdefault(e.value, set()).add(c.value)
    modality_ratings: dict[str, set[str]] = {}
    for m, r in rows(Q_MODALITY_RATINGS):
        modality_ratings.setdefault(m.value, set()).add(r.value)

    passages = []
    for p, text, kind, doc, doctitle, order, snum, stitle in rows(Q_PASSAGES):
        passages.append(Passage(p.value, text.value, kind.value, int(order.value),
                                Citation(doctitle.value, doc.value, _v(snum), _v(stitle), p.value)))
    passages.sort(key=lambda p: (p.citation.doc_id, p.order))
    documents = [DocumentInfo(d.value, i.value, t.value, _v(pub), _v(y)) for d, i, t, pub, y in rows(Q_DOCUMENTS)]

    return Catalogue(
        statements=statements,
        principles=sorted(principles.values(), key=lambda p: number_key(p.number)),
        concepts=[ConceptInfo(iri, d["kind"], d["pref"], tuple(sorted(d["alts"])), tuple(sorted(d["broader"])),
                              d["number"]) for iri, d in sorted(concepts.items())],
        ratings=[Rating(r.value, label.value, int(rank.value), _v(comment)) for r, label, rank, comment in rows(Q_RATINGS)],
        strengths=[label.value for _, label in rows(Q_STRENGTHS)],
        passages=passages, documents=documents,
        links={k: frozenset(v) for k, v in links.items()},
        modality_ratings={k: frozenset(v) for k, v in modality_ratings.items()})


def short_iri(iri: str) -> str:
    """id:standard/3.5 for https://w3id.org/standards-kg/id/standard/3.5."""
    if iri.startswith(ID_NS):
        return "id:" + iri[len(ID_NS):]
    if iri.startswith(ONTOLOGY_NS):
        return "skg:" + iri[len(ONTOLOGY_NS):]
    return iri
