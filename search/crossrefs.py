"""Cross-references of an answer, from the graph, in two SPARQL queries per question
(each an HTTP round trip when the graph lives in a remote store): what was read from
the answer's passages, and what concerns the concepts the question names. Each group
of cross-references carries a query, with its values bound, that returns its rows, so
that users can learn the graph by example."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from kg_builder.link import Concept

# The group a class's entities are shown in.
GROUP_OF_CLASS = {
    "Standard": "Standard", "Principle": "Principle", "EvidenceStatement": "EvidenceRating",
    "TreatmentModality": "TreatmentModality", "WHORecommendation": "Recommendation",
    "ServiceRecommendation": "Recommendation", "GoodPracticeCondition": "Recommendation",
    "CompulsoryTreatmentCriterion": "Recommendation",
    # a resolution's paragraphs apart: a preambular one ("Recalling …") asks nothing
    "OperativeParagraph": "ResolutionParagraph", "PreambularParagraph": "ResolutionParagraph",
}
CONCEPT_GROUP = {"population": "Population", "intervention": "Intervention", "substance": "Substance",
                 "modality": "TreatmentModality"}
# Classes whose entities are listed under a concept the question names.
CONCEPT_CLASSES = ("Standard", "WHORecommendation", "GoodPracticeCondition", "OperativeParagraph",
                   "EvidenceStatement", "Principle", "CompulsoryTreatmentCriterion")
PER_CONCEPT_AND_CLASS = 3   # entities listed per concept and class

IRI_RE = re.compile(r"^https://w3id\.org/standards-kg/[^\s<>\"{}|\\^`]*$")


@dataclass(frozen=True)
class CrossReference:
    kind: str
    iri: str
    label: str
    number: str | None
    text: str | None
    strength: str | None
    why: str

    def to_json(self) -> dict:
        return asdict(self)


def _values(var: str, iris: list[str]) -> str:
    for i in iris:
        if not IRI_RE.match(i):  # our own IRIs only: nothing a user typed is spliced in
            raise ValueError(f"not an IRI of this graph: {i!r}")
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}"


def passages_query(passages: list[str], classes: tuple[str, ...] | None = None) -> str:
    """Entities read from the given passages, with the principle of a standard and the
    rating of an evidence statement."""
    only = f"\n  VALUES ?cls {{ {' '.join('skg:' + c for c in classes)} }}" if classes else ""
    return f"""SELECT ?passage ?e ?cls ?label ?number ?text ?strength ?principle ?plabel ?pnumber ?rating ?rlabel WHERE {{
  {_values("passage", passages)}{only}
  ?e prov:wasDerivedFrom ?passage ; a ?cls ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?cls), STR(skg:)))
  OPTIONAL {{ ?e skg:number ?number }}
  OPTIONAL {{ ?e skg:text ?text }}
  OPTIONAL {{ ?e skg:strength/rdfs:label ?strength }}
  OPTIONAL {{ ?e skg:principle ?principle . ?principle rdfs:label ?plabel ; skg:number ?pnumber }}
  OPTIONAL {{ ?e skg:evidenceRating ?rating . ?rating rdfs:label ?rlabel }}
}} ORDER BY ?passage ?cls ?number ?e"""


def concepts_query(concepts: list[str], classes: tuple[str, ...] = CONCEPT_CLASSES) -> str:
    """Statements linked to the given concepts (directly), with ratings; and each
    modality's own evidence rating."""
    return f"""SELECT ?concept ?e ?cls ?label ?number ?text ?strength ?rating ?rlabel ?rcomment WHERE {{
  {_values("concept", concepts)}
  {{
    VALUES ?cls {{ {' '.join('skg:' + c for c in classes)} }}
    VALUES ?link {{ skg:population skg:intervention skg:substance skg:modality }}
    ?e ?link ?concept ; a ?cls ; rdfs:label ?label .
    OPTIONAL {{ ?e skg:number ?number }}
    OPTIONAL {{ ?e skg:text ?text }}
    OPTIONAL {{ ?e skg:strength/rdfs:label ?strength }}
    OPTIONAL {{ ?e skg:evidenceRating ?rating . ?rating rdfs:label ?rlabel ; rdfs:comment ?rcomment }}
  }} UNION {{
    ?concept a skg:TreatmentModality ; skg:evidenceRating ?rating .
    ?rating rdfs:label ?rlabel ; rdfs:comment ?rcomment .
  }}
}} ORDER BY ?concept ?cls ?number ?e"""


def _v(term) -> str | None:
    return None if term is None else term.value


def _local(iri: str) -> str:
    return iri.split("#")[-1]


def cross_references(executor, passages: list[str], concepts: list[tuple[Concept, str]]) -> tuple[
        list[CrossReference], dict[str, list[str]]]:
    """The cross-references of an answer (passages in rank order; concepts with the
    words that named them) and, per group, the queries whose rows hold that group's
    items (one on the passages, restricted to the group's classes; one on the concepts)."""
    out: list[CrossReference] = []
    seen: set[str] = set()

    def add(kind, iri, label, number=None, text=None, strength=None, why=""):
        key = f"{iri} {text or ''}"  # one rating may back several statements
        if key not in seen:
            seen.add(key)
            out.append(CrossReference(kind, iri, label, number, text, strength, why))

    rank_of = {p: r for r, p in enumerate(passages, start=1)}
    queries: dict[str, list[str]] = {}
    from_passages: set[str] = set()
    if passages:
        rows = executor.query(passages_query(passages), trusted=True).rows
        for (passage, e, cls, label, number, text, strength, principle, plabel, pnumber, rating,
             rlabel) in sorted(rows, key=lambda r: rank_of.get(r[0].value, 99)):
            local = _local(cls.value)
            group = GROUP_OF_CLASS.get(local, local)
            rank = rank_of.get(passage.value)
            if group == "EvidenceRating":
                if rating is not None:
                    add("EvidenceRating", rating.value, rlabel.value, None, _v(text), None,
                        f"rating of the evidence statement in passage [{rank}]")
                    from_passages.add("EvidenceRating")
                continue
            add(group, e.value, label.value, _v(number), _v(text), _v(strength), f"read from passage [{rank}]")
            from_passages.add(group)
            if principle is not None:
                add("Principle", principle.value, plabel.value, pnumber.value, None, None,
                    f"principle of {label.value}")   # "Standard 3.5", "Condition 12"
                from_passages.add("Principle")
        by_group: dict[str, list[str]] = {"Principle": ["Standard"]}  # a principle comes with its standard
        for cls, group in GROUP_OF_CLASS.items():
            by_group.setdefault(group, []).append(cls)
        for group in sorted(from_passages):
            queries[group] = [passages_query(passages, tuple(by_group.get(group, [group])))]
    if concepts:
        for concept, matched in concepts:
            add(CONCEPT_GROUP[concept.kind], concept.iri, concept.label, None, None, None,
                f"the question mentions “{matched}”")
        label_of = {c.iri: c.label for c, _ in concepts}
        rows = executor.query(concepts_query([c.iri for c, _ in concepts]), trusted=True).rows
        per: dict[tuple[str, str], int] = {}
        for concept, e, cls, label, number, text, strength, rating, rlabel, rcomment in rows:
            name = label_of.get(concept.value, "")
            if e is None:  # the modality's own rating
                add("EvidenceRating", rating.value, rlabel.value, None, _v(rcomment), None,
                    f"evidence rating of {name}")
                continue
            local = _local(cls.value)
            key = (concept.value, local)
            if per.get(key, 0) >= PER_CONCEPT_AND_CLASS:
                continue
            per[key] = per.get(key, 0) + 1
            if local == "EvidenceStatement":
                if rating is not None:
                    add("EvidenceRating", rating.value, rlabel.value, None, _v(text), None, f"evidence about {name}")
                continue
            group = local if local in ("Standard", "Principle") else GROUP_OF_CLASS.get(local, "Recommendation")
            add(group, e.value, label.value, _v(number), _v(text), _v(strength), f"concerns {name}")
        concept_query = concepts_query([c.iri for c, _ in concepts])
        for group in sorted({x.kind for x in out if x.why.startswith(("concerns", "evidence", "the question"))}):
            queries.setdefault(group, []).append(concept_query)
    return out, queries
