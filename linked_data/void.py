"""The build's description of itself, in the graph: a DCAT/VoID dataset (`id:dataset`)
and this version of it (`id:dataset/<digest>`), with its date, the ontology version it
conforms to, the checksum of every input, licence and provenance (PROV-O), so a
researcher can say which version a result came from. Served at /.well-known/void.

The version IRI is a digest of the input checksums: the same corpus, ontology and
builder give the same IRI on any machine. The date is the day of the build
(SOURCE_DATE_EPOCH, the reproducible-builds convention, fixes it)."""
from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, XSD

from kg_builder.config import ONTOLOGY_VERSION

from .namespaces import DATASET, DCAT, ID, LICENSE, ONTOLOGY, SKG, SPDX, VOID

TITLE = "standards-kg knowledge graph"
DESCRIPTION = ("A knowledge graph of the UNODC-WHO International Standards for the Treatment of Drug Use "
               "Disorders and four companion documents: principles, standards, treatment modalities, "
               "recommendations, evidence ratings, populations, interventions and substances, each traced "
               "to the verbatim passage it was read from, with curated mappings to ATC, ICD-11, MeSH and "
               "Wikidata.")
RIGHTS = ("The graph's structure, mappings and ontology are CC BY 4.0. Quoted passages (skg:text) "
          "remain under the terms of their publishers (UNODC, WHO, the Commission on Narcotic Drugs).")


@dataclass(frozen=True)
class BuildVersion:
    digest: str          # 12 hex digits of the inputs' checksums
    issued: str          # YYYY-MM-DD
    inputs: dict         # input name -> sha256

    @property
    def iri(self) -> URIRef:
        return ID[f"dataset/{self.digest}"]

    @property
    def label(self) -> str:
        return f"{ONTOLOGY_VERSION}+{self.digest}"


def build_version(inputs: dict[str, str], *, epoch: str | None = None) -> BuildVersion:
    """The version of a build with these inputs (name -> sha256)."""
    digest = hashlib.sha256("".join(f"{k}={v}\n" for k, v in sorted(inputs.items())).encode()).hexdigest()[:12]
    epoch = epoch if epoch is not None else os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.strip().isdigit() else time.time()
    return BuildVersion(digest, time.strftime("%Y-%m-%d", time.gmtime(seconds)), dict(inputs))


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")


def describe_build(version: BuildVersion, documents: list[URIRef], triples_before: int) -> Graph:
    """The dataset and version triples. `triples_before` is the size of the graph they
    are added to; void:triples counts the whole graph, these triples included."""
    g = Graph()
    v = version.iri
    add = g.add
    for t in (DCAT.Dataset, VOID.Dataset):
        add((DATASET, RDF.type, t))
        add((v, RDF.type, t))
    add((v, RDF.type, PROV.Entity))
    add((DATASET, DCTERMS.title, Literal(TITLE, lang="en")))
    add((DATASET, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    add((v, DCTERMS.title, Literal(f"{TITLE}, version {version.label}", lang="en")))
    for node in (DATASET, v):
        add((node, DCTERMS.license, URIRef(LICENSE)))
        add((node, DCTERMS.rights, Literal(RIGHTS, lang="en")))
        add((node, VOID.vocabulary, URIRef(ONTOLOGY)))
        add((node, VOID.uriSpace, Literal(str(ID))))
    add((DATASET, DCAT.hasVersion, v))
    add((DATASET, DCAT.hasCurrentVersion, v))
    add((v, DCTERMS.isVersionOf, DATASET))
    add((v, DCAT.version, Literal(version.label)))
    add((v, OWL.versionInfo, Literal(version.label)))
    add((v, DCTERMS.issued, Literal(version.issued, datatype=XSD.date)))
    add((v, DCTERMS.conformsTo, URIRef(f"{ONTOLOGY}/{ONTOLOGY_VERSION}")))
    for doc in documents:
        add((v, PROV.wasDerivedFrom, doc))
    activity = URIRef(f"{v}/build")
    add((v, PROV.wasGeneratedBy, activity))
    add((activity, RDF.type, PROV.Activity))
    add((activity, PROV.wasAssociatedWith, ID["software/standards-kg-builder"]))
    add((ID["software/standards-kg-builder"], RDF.type, PROV.SoftwareAgent))
    for name, sha in sorted(version.inputs.items()):
        entity = URIRef(f"{v}/input/{_slug(name)}")
        checksum = URIRef(f"{entity}/sha256")
        add((activity, PROV.used, entity))
        add((entity, RDF.type, PROV.Entity))
        add((entity, DCTERMS.identifier, Literal(name)))
        add((entity, SPDX.checksum, checksum))
        add((checksum, RDF.type, SPDX.Checksum))
        add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        add((checksum, SPDX.checksumValue, Literal(sha)))
    # Two nodes state the size: the dataset and this version.
    total = triples_before + len(g) + 2
    for node in (DATASET, v):
        add((node, VOID.triples, Literal(total, datatype=XSD.integer)))
    return g


def documents_of(graph: Graph) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, SKG.Document) if isinstance(s, URIRef))


# The description as served: the dataset, its versions, their build activity, inputs
# and checksums (everything under id:dataset), bounded by the caller's row cap.
Q_VOID = """
CONSTRUCT { ?s ?p ?o } WHERE {
  ?s ?p ?o .
  FILTER(?s = id:dataset || STRSTARTS(STR(?s), CONCAT(STR(id:dataset), "/"))
         || ?s = <https://w3id.org/standards-kg/id/software/standards-kg-builder>)
}"""
