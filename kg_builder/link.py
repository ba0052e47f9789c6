"""Link text to SKOS concepts through their labels. Precision first: whole phrases
only (a hyphen counts as part of a word, so "women-centred" is not "women"), the
longest label wins where labels overlap, abbreviations match only in capitals."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .config import ONTOLOGY_NS

CONCEPT_CLASSES = {
    "Population": "population", "Intervention": "intervention",
    "PharmacologicalIntervention": "intervention", "PsychosocialIntervention": "intervention",
    "Substance": "substance", "TreatmentModality": "modality",
}


# Phrases that contain a label without naming its concept. Each one takes its place in
# the text like a label of no concept, so the shorter label inside it is not matched.
NOT_MENTIONS = (
    "like a prison",  # "The facility should not look like a prison or a hospital but as a home"
    "involuntary discharge",  # a patient sent away from a programme, not treated without consent
    "involuntary abortions",  # "should not be forced to have involuntary abortions and sterilizations"
)


@dataclass(frozen=True)
class Concept:
    iri: str
    label: str          # skos:prefLabel
    kind: str           # population | intervention | substance | modality
    labels: tuple[str, ...]
    broader: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    concept: Concept
    matched: str
    start: int
    end: int


def read_concepts(graph: Graph) -> list[Concept]:
    concepts = []
    for cls, kind in CONCEPT_CLASSES.items():
        for s in sorted(graph.subjects(RDF.type, URIRef(ONTOLOGY_NS + cls))):
            pref = str(graph.value(s, SKOS.prefLabel))
            alts = sorted(str(o) for o in graph.objects(s, SKOS.altLabel))
            broader = tuple(sorted(str(o) for o in graph.objects(s, SKOS.broader)))
            concepts.append(Concept(str(s), pref, kind, (pref, *alts), broader))
    return concepts


def _variants(label: str) -> list[str]:
    if label.isupper() or not label[-1].isalpha():
        return [label]
    out = [label]
    if not label.endswith("s"):
        out.append(label + "s")
    return out


class ConceptMatcher:
    """Finds concept mentions in text; one compiled pattern for all labels."""

    def __init__(self, concepts: list[Concept], not_mentions: tuple[str, ...] = NOT_MENTIONS):
        self.concepts = concepts
        self._by_key: dict[str, Concept | None] = {p.lower(): None for p in not_mentions}
        exact, folded = [], list(not_mentions)
        for concept in concepts:
            for label in concept.labels:
                for variant in _variants(label):
                    is_abbrev = bool(re.fullmatch(r"[A-Z0-9/+]{2,}s?", variant))
                    key = variant if is_abbrev else variant.lower()
                    self._by_key.setdefault(key, concept)
                    (exact if is_abbrev else folded).append(variant)
        def alternation(labels):
            labels = sorted(set(labels), key=lambda s: (-len(s), s))
            return "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
        edge_l, edge_r = r"(?<![\w-])", r"(?![\w]|-\w)"
        self._exact = re.compile(f"{edge_l}(?:{alternation(exact)}){edge_r}")
        self._folded = re.compile(f"{edge_l}(?:{alternation(folded)}){edge_r}", re.I)

    def find(self, text: str) -> list[Mention]:
        spans: list[Mention] = []
        candidates = []
        for m in self._folded.finditer(text):
            key = re.sub(r"\s+", " ", m.group(0).lower())
            if key in self._by_key:
                candidates.append((m.start(), m.end(), self._by_key[key]))
        for m in self._exact.finditer(text):
            if m.group(0) in self._by_key:
                candidates.append((m.start(), m.end(), self._by_key[m.group(0)]))
        # Longest first; drop any mention overlapping a longer one (or a not-mention).
        taken: list[tuple[int, int]] = []
        for start, end, concept in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            if concept is not None:
                spans.append(Mention(concept, text[start:end], start, end))
        return sorted(spans, key=lambda m: m.start)

    def concepts_in(self, text: str) -> list[Concept]:
        seen: dict[str, Concept] = {}
        for m in self.find(text):
            seen.setdefault(m.concept.iri, m.concept)
        return list(seen.values())


def related_passages(vectors: np.ndarray, doc_ids: list[str], concept_sets: list[set[str]],
                     *, min_similarity: float = 0.72, max_links: int = 2) -> list[tuple[int, int]]:
    """Cross-document links: pairs (i, j), i < j, of passages from different documents
    whose embeddings are close and that share at least one concept."""
    sims = vectors @ vectors.T
    pairs: set[tuple[int, int]] = set()
    for i in range(len(doc_ids)):
        order = np.argsort(-sims[i])
        added = 0
        for j in order:
            j = int(j)
            if sims[i, j] < min_similarity or added >= max_links:
                break
            if doc_ids[j] == doc_ids[i] or not (concept_sets[i] & concept_sets[j]):
                continue
            pairs.add((min(i, j), max(i, j)))
            added += 1
    return sorted(pairs)
