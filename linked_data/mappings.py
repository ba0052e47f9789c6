"""Terminology mappings (ontology/mappings.ttl): SKOS mapping triples from our concepts
to ATC, ICD-11, MeSH and Wikidata, each with a record naming its source. The build adds
the file to the graph (the SHACL shapes check it); item pages list them."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg_builder.errors import ValidationError

MAPPINGS_FILE = "mappings.ttl"


@dataclass(frozen=True)
class Mapping:
    relation: str        # exactMatch, closeMatch, narrowMatch, broadMatch, relatedMatch
    target: str          # the target's IRI
    code: str            # ATC code, ICD-11 code, MeSH descriptor, Wikidata item
    label: str           # the target's label in its vocabulary
    vocabulary: str      # the vocabulary's name
    source: str          # where the mapping can be checked
    comment: str = ""
    record: str = ""     # the IRI of the mapping's record (citable)


def read_mappings(ontology_dir: Path) -> Graph:
    path = ontology_dir / MAPPINGS_FILE
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise ValidationError(f"{path} is missing: restore it from git (it holds the curated "
                              "terminology mappings)") from None
    except Exception as exc:  # rdflib raises several parser errors
        raise ValidationError(f"{path}: not valid Turtle: {str(exc).splitlines()[0]}") from None


Q_MAPPINGS = """
SELECT ?rel ?target ?code ?label ?vocab ?source ?comment ?m ?iri WHERE {
  ?m owl:annotatedSource ?iri ; owl:annotatedProperty ?rel ; owl:annotatedTarget ?target ;
     skos:notation ?code ; dcterms:source ?source ; skg:vocabulary ?v .
  ?v rdfs:label ?vocab .
  OPTIONAL { ?m <https://w3id.org/sssom/object_label> ?label }
  OPTIONAL { ?m rdfs:comment ?comment }
} ORDER BY ?vocab ?code LIMIT 200"""


def mappings_of(executor, iri: str) -> list[Mapping]:
    """The mappings of one concept, with their sources (a bounded, bound query)."""
    rows = executor.query(Q_MAPPINGS, bindings={"iri": iri}, trusted=True).rows
    return [Mapping(rel.value.rsplit("#", 1)[-1], target.value, code.value, label.value if label else "",
                    vocab.value, source.value, comment.value if comment else "", m.value)
            for rel, target, code, label, vocab, source, comment, m, _ in rows]
