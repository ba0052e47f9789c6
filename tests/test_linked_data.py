"""Linked data, the parts that need no build: content negotiation, IRI <-> path,
the curated terminology mappings (every one has a source and a valid code, and the
SHACL shapes refuse one that does not), the build's version, HTML escaping and
`standards-kg diff` on small N-Triples files."""
from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from kg_builder.config import ROOT, Settings
from linked_data import formats
from linked_data.describe import iri_for_path, path_for_iri
from linked_data.diff import DiffInputError, diff_builds, render
from linked_data.mappings import read_mappings
from linked_data.pages import EntityView, Statement, Term, entity_page
from linked_data.void import build_version, describe_build

SKG = Namespace("https://w3id.org/standards-kg/ontology#")
ONTOLOGY = ROOT / "ontology"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.mark.parametrize("accept, fmt, expected", [
    (BROWSER, None, "text/html"),
    ("text/turtle", None, "text/turtle"),
    ("application/ld+json;q=0.5, text/turtle;q=0.9", None, "text/turtle"),
    ("application/rdf+xml", None, "application/rdf+xml"),
    ("application/n-triples, text/turtle;q=0.1", None, "application/n-triples"),
    ("*/*", None, "text/html"),
    ("", None, "text/html"),
    ("text/*;q=0.5, application/ld+json", None, "application/ld+json"),
    (BROWSER, "ttl", "text/turtle"),
    ("text/turtle", "jsonld", "application/ld+json"),
    ("text/turtle", "html", "text/html"),
])
def test_negotiation_picks_what_the_client_prefers(accept, fmt, expected):
    assert formats.choose(accept, fmt) == expected


def test_negotiation_refuses_what_it_cannot_send():
    assert formats.choose("application/pdf", None) is None
    with pytest.raises(formats.UnknownFormat, match="ttl"):
        formats.choose("", "pdf")


def test_iri_and_server_path_map_one_to_one():
    iri = "https://w3id.org/standards-kg/id/standard/3.5"
    assert path_for_iri(iri) == "/id/standard/3.5"
    assert iri_for_path("/id/standard/3.5") == iri
    assert path_for_iri("https://w3id.org/standards-kg/ontology#Standard") == "/ontology#Standard"
    assert path_for_iri("http://www.wikidata.org/entity/Q179996") is None
    # a segment the build percent-encodes is found however the client sends it
    encoded = "https://w3id.org/standards-kg/id/section/doc/a%20b%3Ac"
    assert iri_for_path("/id/section/doc/a b:c") == iri_for_path("/id/section/doc/a%20b%3Ac") == encoded
    assert iri_for_path("/id/x/59%2F4") == "https://w3id.org/standards-kg/id/x/59%2F4"


def _mapping_records(g: Graph) -> list[URIRef]:
    return list(g.subjects(RDF.type, OWL.Axiom))


def test_every_mapping_has_a_source_and_a_code_in_its_vocabularys_format():
    g = read_mappings(ONTOLOGY)
    records = _mapping_records(g)
    assert len(records) >= 40
    vocabularies = set()
    for m in records:
        source = g.value(m, DCTERMS.source)
        assert source is not None and str(source).startswith("https://"), m
        code = str(g.value(m, SKOS.notation))
        vocab = g.value(m, SKG.vocabulary)
        vocabularies.add(str(vocab).rsplit("/", 1)[-1])
        assert re.fullmatch(str(g.value(vocab, SKG.codePattern)), code), (m, code)
        target = g.value(m, OWL.annotatedTarget)
        assert str(target) == str(g.value(vocab, SKG.iriPrefix)) + code
        # the record describes a triple the file asserts
        assert (g.value(m, OWL.annotatedSource), g.value(m, OWL.annotatedProperty), target) in g
    assert vocabularies == {"atc", "icd11", "mesh", "wikidata"}
    # and every asserted mapping triple has a record
    relations = {SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch, SKOS.broadMatch, SKOS.relatedMatch}
    asserted = {(s, p, o) for s, p, o in g if p in relations}
    recorded = {(g.value(m, OWL.annotatedSource), g.value(m, OWL.annotatedProperty),
                 g.value(m, OWL.annotatedTarget)) for m in records}
    assert asserted == recorded


def test_the_medicines_the_issue_names_have_their_atc_codes():
    g = read_mappings(ONTOLOGY)
    atc = {str(g.value(m, SKOS.notation)): str(g.value(m, OWL.annotatedSource)).rsplit("/", 1)[-1]
           for m in _mapping_records(g) if str(g.value(m, SKG.vocabulary)).endswith("/atc")}
    assert atc["N07BC02"] == "methadone" and atc["N07BC01"] == "buprenorphine"
    assert atc["N07BB04"] == "naltrexone" and atc["V03AB15"] == "naloxone"
    assert atc["C02AC01"] == atc["N07BC04"] == "alpha2"     # clonidine, lofexidine
    icd = {str(g.value(m, SKOS.notation)): str(g.value(m, OWL.annotatedSource)).rsplit("/", 1)[-1]
           for m in _mapping_records(g) if str(g.value(m, SKG.vocabulary)).endswith("/icd11")}
    assert icd["6C43"] == "opioids" and icd["6C40"] == "alcohol"


def _shapes_report(g: Graph) -> list[str]:
    import pyshacl
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    _, _, report = pyshacl.validate(g, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    return [m for m in re.findall(r"Message: (.*)", report) if "mapping" in m.lower() or "code" in m.lower()]


def _schema_and_mappings() -> Graph:
    g = Graph()
    for name in ("skg.ttl", "concepts.ttl", "mappings.ttl"):
        g.parse(ONTOLOGY / name)
    return g


def test_shapes_accept_the_curated_mappings_and_refuse_a_mapping_without_source_or_with_a_bad_code():
    g = _schema_and_mappings()
    assert _shapes_report(g) == []
    record = next(m for m in _mapping_records(g) if str(g.value(m, SKOS.notation)) == "N07BC02")
    g.remove((record, DCTERMS.source, None))
    mesh = next(m for m in _mapping_records(g) if str(g.value(m, SKOS.notation)) == "D009270")
    g.set((mesh, SKOS.notation, Literal("9270")))
    g.add((URIRef("https://w3id.org/standards-kg/id/intervention/cm"), SKOS.exactMatch,
           URIRef("http://www.wikidata.org/entity/Q42")))
    messages = _shapes_report(g)
    assert any("names its source" in m for m in messages)
    assert any("format" in m for m in messages)
    assert any("without a record naming its source" in m for m in messages)


def test_build_version_is_the_same_for_the_same_inputs_and_changes_with_them():
    inputs = {"corpus/a.txt": "ab" * 32, "ontology/skg.ttl": "cd" * 32}
    a = build_version(inputs, epoch="1800000000")
    assert a == build_version(dict(reversed(list(inputs.items()))), epoch="1800000000")
    assert a.issued == "2027-01-15"
    assert build_version({**inputs, "corpus/a.txt": "ef" * 32}, epoch="1800000000").digest != a.digest
    g = describe_build(a, [URIRef("https://w3id.org/standards-kg/id/document/standards")], triples_before=100)
    void_triples = int(g.value(a.iri, URIRef("http://rdfs.org/ns/void#triples")))
    assert void_triples == 100 + len(g)
    checksums = {str(o) for o in g.objects(None, URIRef("http://spdx.org/rdf/terms#checksumValue"))}
    assert checksums == set(inputs.values())


def test_entity_page_escapes_text_and_links_our_iris_to_this_server():
    view = EntityView("https://w3id.org/standards-kg/id/standard/9.9", "<script>alert(1)</script>",
                      text="a & b < c",
                      statements=[Statement(Term("skg:principle", "/ontology#principle"),
                                            Term("Principle 3", "/id/principle/3",
                                                 "https://w3id.org/standards-kg/id/principle/3"))])
    html = entity_page(view)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "a &amp; b &lt; c" in html
    assert 'href="/id/principle/3"' in html
    assert 'href="/id/standard/9.9?format=ttl"' in html


NT_OLD = """<https://w3id.org/standards-kg/id/standard/1.1> <https://w3id.org/standards-kg/ontology#text> "old text" .
<https://w3id.org/standards-kg/id/standard/1.1> <https://w3id.org/standards-kg/ontology#number> "1.1" .
<https://w3id.org/standards-kg/id/standard/1.2> <https://w3id.org/standards-kg/ontology#number> "1.2" .
"""
NT_NEW = """<https://w3id.org/standards-kg/id/standard/1.1> <https://w3id.org/standards-kg/ontology#number> "1.1" .
<https://w3id.org/standards-kg/id/standard/1.1>   <https://w3id.org/standards-kg/ontology#text> "new text" .
<https://w3id.org/standards-kg/id/standard/1.2> <https://w3id.org/standards-kg/ontology#number> "1.2" .
<https://w3id.org/standards-kg/id/standard/1.3> <https://w3id.org/standards-kg/ontology#number> "1.3" .
"""


def test_diff_groups_added_and_removed_triples_by_entity(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "kg.nt").write_text(NT_OLD)
    (tmp_path / "new" / "kg.nt").write_text(NT_NEW)
    d = diff_builds(tmp_path / "old", tmp_path / "new")
    assert (d.added, d.removed) == (2, 1)
    assert [e.subject.rsplit("/", 1)[-1] for e in d.entities] == ["1.1", "1.3"]
    text = render(d)
    assert '- <https://w3id.org/standards-kg/ontology#text> "old text"' in text
    assert '+ <https://w3id.org/standards-kg/ontology#text> "new text"' in text


def test_diff_of_a_missing_build_is_a_one_line_error(tmp_path, capsys):
    import cli
    with pytest.raises(DiffInputError, match="no kg.nt"):
        diff_builds(tmp_path, tmp_path)
    assert cli.main(["diff", str(tmp_path / "nowhere"), str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "standards-kg build" in err and "Traceback" not in err


def test_ontology_docs_have_an_anchor_per_term_and_leave_logging_alone(tmp_path):
    import subprocess
    import sys
    # In a fresh interpreter, so that pyLODE is imported for the first time.
    script = ("import logging, sys\n"
              "from pathlib import Path\n"
              "from linked_data.ontology_docs import write_docs\n"
              "write_docs(Path(sys.argv[1]), Path(sys.argv[2]))\n"
              "root = logging.getLogger()\n"
              "print(logging.getLevelName(root.level))\n")
    out = subprocess.run([sys.executable, "-c", script, str(ONTOLOGY / "skg.ttl"), str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-1000:]
    assert out.stdout.split() == ["WARNING"]      # pyLODE alone leaves it at DEBUG
    html = (tmp_path / "ontology.html").read_text()
    assert 'id="Standard"' in html and 'id="vocabulary"' in html
    assert "standards-kg ontology" in html
    assert not re.findall(r"src=\"https?://", html)   # nothing loaded from elsewhere
