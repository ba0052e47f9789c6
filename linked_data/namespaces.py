"""IRIs of the vocabularies linked_data writes, in one place."""
from __future__ import annotations

from rdflib import Namespace

from kg_builder.config import ID_NS, ONTOLOGY_IRI, ONTOLOGY_NS

BASE = "https://w3id.org/standards-kg/"    # everything under it is served by `standards-kg serve`
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
SSSOM = Namespace("https://w3id.org/sssom/")
ID = Namespace(ID_NS)
SKG = Namespace(ONTOLOGY_NS)
DATASET = ID["dataset"]
ONTOLOGY = ONTOLOGY_IRI
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
