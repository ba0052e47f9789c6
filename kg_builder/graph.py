"""Parsed documents -> one RDF graph (schema + concepts + instances), with every
extracted entity traced to its passage(s) and linked to the concepts it mentions."""
from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .config import ID_NS, ONTOLOGY_NS
from .link import Concept, ConceptMatcher
from .model import ParsedDocument

SKG = Namespace(ONTOLOGY_NS)
ID = Namespace(ID_NS)

STRENGTHS = {"Strong": SKG.Strong, "Standard": SKG.StandardStrength}


def iri(*parts: str) -> URIRef:
    return URIRef(ID_NS + "/".join(quote(p, safe=".-_") for p in parts))


def doc_iri(doc_id: str) -> URIRef:
    return iri("document", doc_id)


def section_iri(doc_id: str, key: str) -> URIRef:
    return iri("section", doc_id, key)


def passage_iri(doc_id: str, n: int) -> URIRef:
    return iri("passage", doc_id, str(n))


def recommendation_iri(doc_id: str, key: str) -> URIRef:
    return iri("recommendation", doc_id, key)


def item_iri(doc_id: str, key: str) -> URIRef:
    return iri("item", doc_id, key)


class GraphWriter:
    def __init__(self, schema: Graph, matcher: ConceptMatcher):
        self.g = Graph()
        for prefix, ns in (("skg", SKG), ("skos", SKOS), ("dcterms", DCTERMS), ("prov", PROV),
                           ("owl", OWL), ("rdfs", RDFS), ("xsd", XSD)):
            self.g.bind(prefix, ns)
        self.g.bind("id", ID)
        self.g += schema
        self.matcher = matcher
        # Substances alone, so that a heading's "Opioid Antagonist treatment" names opioids
        # even though the longer label (naltrexone) wins in the full matcher.
        self.substances = ConceptMatcher([c for c in matcher.concepts if c.kind == "substance"])
        self.modality_by_number = {
            str(schema.value(s, SKG.number)): s for s in schema.subjects(RDF.type, SKG.TreatmentModality)}

    def add(self, s, p, o):
        self.g.add((s, p, o))

    def link_concepts(self, subject: URIRef, text: str, *, skip: tuple[str, ...] = ()) -> list[Concept]:
        found = [c for c in self.matcher.concepts_in(text) if c.kind not in skip]
        for c in found:
            self.add(subject, SKG[c.kind], URIRef(c.iri))
        return found

    # -- documents, sections, passages ------------------------------------------------

    def add_document(self, parsed: ParsedDocument) -> None:
        d = parsed.document
        di = doc_iri(d.id)
        self.add(di, RDF.type, SKG.Document)
        self.add(di, RDFS.label, Literal(d.title, lang="en"))
        self.add(di, DCTERMS.title, Literal(d.title, lang="en"))
        self.add(di, DCTERMS.publisher, Literal(d.publisher))
        self.add(di, DCTERMS.issued, Literal(d.year))
        self.add(di, DCTERMS.identifier, Literal(d.id))
        self.add(di, DCTERMS.source, URIRef(d.url))  # the publisher's page of the document
        self.add(di, SKG.kind, Literal(d.kind))
        for alias in d.aliases:
            self.add(di, SKOS.altLabel, Literal(alias, lang="en"))
        for s in parsed.sections:
            si = section_iri(d.id, s.key)
            self.add(si, RDF.type, SKG.Section)
            self.add(si, RDFS.label, Literal(f"{s.number} {s.title}".strip(), lang="en"))
            self.add(si, DCTERMS.title, Literal(s.title, lang="en"))
            if s.number:
                self.add(si, SKG.number, Literal(s.number))
            self.add(si, SKG.order, Literal(s.order))
            self.add(si, SKG.document, di)
            if s.parent:
                self.add(si, SKG.parentSection, section_iri(d.id, s.parent))
            self.link_concepts(si, s.title)
            modality = self._modality_of(s.number)
            if modality is not None:
                self.add(si, SKG.modality, modality)
        for p in parsed.passages:
            pi = passage_iri(d.id, p.n)
            self.add(pi, RDF.type, SKG.Passage)
            self.add(pi, RDFS.label, Literal(f"{d.id} ¶{p.n}"))
            self.add(pi, SKG.text, Literal(p.text))
            self.add(pi, SKG.order, Literal(p.n))
            self.add(pi, SKG.kind, Literal(p.kind))
            if p.heading:
                self.add(pi, SKG.heading, Literal(p.heading))
            self.add(pi, SKG.document, di)
            self.add(pi, SKG.section, section_iri(d.id, p.section))
            self.link_concepts(pi, p.text)
            self.link_heading_substances(pi, p.heading)
            number = self._section_number(parsed, p.section)
            modality = self._modality_of(number)
            if modality is not None:
                self.add(pi, SKG.modality, modality)

    def link_heading_substances(self, subject: URIRef, heading: str) -> None:
        """The substance a sub-heading or box title names ("Pharmacological Treatment of
        Cannabis Use Disorders", "WHO Recommendation for Opioid Antagonist treatment"):
        such passages sit inside the psychostimulant section of the Standards and must
        say which substance they are about."""
        for c in self.substances.concepts_in(heading or ""):
            self.add(subject, SKG.substance, URIRef(c.iri))

    def _section_number(self, parsed: ParsedDocument, key: str) -> str:
        for s in parsed.sections:
            if s.key == key:
                return s.number
        return ""

    def _modality_of(self, number: str):
        m = re.match(r"^(3\.[1-6])(\.|$)", number or "")
        return self.modality_by_number.get(m.group(1)) if m else None

    def _entity(self, subject: URIRef, cls: URIRef, label: str, parsed: ParsedDocument,
                passages: tuple[int, ...], section: str | None = None) -> None:
        d = parsed.document.id
        self.add(subject, RDF.type, cls)
        self.add(subject, RDFS.label, Literal(label, lang="en"))
        self.add(subject, SKG.document, doc_iri(d))
        for n in passages:
            self.add(subject, PROV.wasDerivedFrom, passage_iri(d, n))
        key = section or (parsed.passages[passages[0] - 1].section if passages else None)
        if key:
            self.add(subject, SKG.section, section_iri(d, key))

    # -- the Standards -------------------------------------------------------------

    def add_standards_entities(self, parsed: ParsedDocument) -> None:
        for p in parsed.principles:
            pi = iri("principle", p.number)
            self._entity(pi, SKG.Principle, f"Principle {p.number}: {p.title}", parsed, p.passages,
                         section=f"principle-{p.number}")
            self.add(pi, SKG.number, Literal(p.number))
            self.add(pi, DCTERMS.title, Literal(p.title, lang="en"))
            self.add(pi, SKG.description, Literal(p.description))
            self.link_concepts(pi, p.title)
        for s in parsed.standards:
            si = iri("standard", s.number)
            self._entity(si, SKG.Standard, f"Standard {s.number}", parsed, (s.passage,))
            self.add(si, SKG.number, Literal(s.number))
            self.add(si, SKG.text, Literal(s.text))
            self.add(si, SKG.principle, iri("principle", s.principle))
            self.link_concepts(si, s.text)
        for m in parsed.modalities:
            mi = self.modality_by_number[m.number]
            self.add(mi, SKG.section, section_iri(parsed.document.id, m.section))
            self.add(mi, SKG.document, doc_iri(parsed.document.id))
            self.add(mi, RDFS.label, Literal(f"{m.number} {m.title}", lang="en"))
            for prop, ns in ((SKG.goal, m.goals), (SKG.targetPopulation, m.target_population),
                             (SKG.method, m.methods)):
                for n in ns:
                    self.add(mi, prop, passage_iri(parsed.document.id, n))
            for n in m.target_population:
                self.link_concepts(mi, parsed.passages[n - 1].text)
        for e in parsed.evidence:
            ei = iri("evidence", e.number.replace("/", "-"))
            self._entity(ei, SKG.EvidenceStatement, f"Evidence {e.number}", parsed, (e.passage,))
            self.add(ei, SKG.number, Literal(e.number))
            self.add(ei, SKG.text, Literal(e.text))
            self.add(ei, SKG.evidenceRating, SKG[e.rating])
            modality = self.modality_by_number[e.modality]
            self.add(ei, SKG.modality, modality)
            self.add(modality, SKG.evidence, ei)
            self.add(modality, SKG.evidenceRating, SKG[e.rating])
            # Its modality is the section it rates, whatever other settings it mentions.
            self.link_concepts(ei, e.text, skip=("modality",))

    # -- recommendations and items of every document --------------------------------

    def add_recommendations(self, parsed: ParsedDocument) -> None:
        d = parsed.document.id
        for r in parsed.recommendations:
            ri = recommendation_iri(d, r.key)
            label = {"OperativeParagraph": f"Operative paragraph {r.number}",
                     "PreambularParagraph": f"Preambular paragraph {r.number}",
                     "GoodPracticeCondition": f"Condition {r.number}",
                     "CompulsoryTreatmentCriterion": f"Compulsory treatment criterion {r.number}",
                     }.get(r.kind, f"Recommendation {r.number or r.key}")
            self._entity(ri, SKG[r.kind], label, parsed, (r.passage,))
            self.add(ri, SKG.text, Literal(r.text))
            if r.number:
                self.add(ri, SKG.number, Literal(r.number))
            if r.strength:
                self.add(ri, SKG.strength, STRENGTHS[r.strength])
            for prop, value in ((SKG.source, r.source), (SKG.audience, r.audience),
                                (SKG.operativeVerb, r.operative_verb)):
                if value:
                    self.add(ri, prop, Literal(value))
            for addressee in r.addressees:
                self.add(ri, SKG.addressee, Literal(addressee))
            self.link_concepts(ri, r.text)
            self.link_heading_substances(ri, parsed.passages[r.passage - 1].heading)
            section = parsed.passages[r.passage - 1].section
            number = self._section_number(parsed, section)
            modality = self._modality_of(number)
            if modality is not None:
                self.add(ri, SKG.modality, modality)
                self.add(modality, SKG.recommendation, ri)
            # A recommendation of a special-population section (chapter 4) concerns
            # that population even where its own sentence does not name it.
            if re.match(r"^4\.\d", number):
                top = ".".join(number.split(".")[:2])
                for s in parsed.sections:
                    if s.number == top:
                        self.link_concepts(ri, s.title)
            # The conditions are for criminal justice referrals; the compulsory treatment
            # criteria are for emergencies, whoever the person is.
            if r.kind == "GoodPracticeCondition":
                self.add(ri, SKG.population, ID["population/criminal-justice"])
            if r.kind in ("GoodPracticeCondition", "CompulsoryTreatmentCriterion"):
                self.add(ri, SKG.principle, iri("principle", "3"))
            if r.kind == "CompulsoryTreatmentCriterion":
                self.add(ri, SKG.intervention, ID["intervention/compulsory-treatment"])

    def add_items(self, parsed: ParsedDocument) -> None:
        d = parsed.document.id
        for it in parsed.items:
            ii = item_iri(d, it.key)
            self._entity(ii, SKG[it.kind], it.label, parsed, it.passages)
            if it.number:
                self.add(ii, SKG.number, Literal(it.number))
            text = " ".join(parsed.passages[n - 1].text for n in it.passages)
            self.link_concepts(ii, it.label if it.kind == "ServiceLevel" else text)
            if it.kind == "ServiceLevel":
                for n in it.passages[1:]:
                    self.add(ii, SKG.suggestedIntervention, passage_iri(d, n))

    def add_related(self, pairs: list[tuple[URIRef, URIRef]]) -> None:
        for a, b in pairs:
            self.add(a, SKG.relatedPassage, b)
            self.add(b, SKG.relatedPassage, a)


def sorted_graph(g: Graph) -> Graph:
    """A copy whose triples were inserted in sorted order, so that serialisers that
    walk the store in insertion order write byte-identical files on every build."""
    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, replace=True)
    for t in sorted(g, key=lambda t: tuple(x.n3() for x in t)):
        out.add(t)
    return out
