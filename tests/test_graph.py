"""The built graph: provenance, links, SHACL, HermiT, determinism, bad input."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from rdflib import URIRef
from rdflib.namespace import PROV

from kg_builder.config import ROOT, Settings
from kg_builder.errors import CorpusError

ID = "https://w3id.org/standards-kg/id/"
SKG = "https://w3id.org/standards-kg/ontology#"


def test_every_standard_traced_to_its_passage(graph):
    standard = URIRef(ID + "standard/3.5")
    passages = list(graph.objects(standard, PROV.wasDerivedFrom))
    assert len(passages) == 1
    text = str(graph.value(passages[0], URIRef(SKG + "text")))
    assert text.startswith("3.5 Treatment interventions for drug use disorders should not be imposed")


def test_links_you_can_defend(graph):
    pop = URIRef(SKG + "population")
    women = URIRef(ID + "population/women")
    pregnant = URIRef(ID + "population/pregnant-women")
    cj = URIRef(ID + "population/criminal-justice")
    assert (URIRef(ID + "standard/1.8"), pop, women) in graph
    assert (URIRef(ID + "standard/5.3"), pop, pregnant) in graph
    assert (URIRef(ID + "standard/3.5"), pop, cj) in graph


def test_shacl_and_quality_rules_pass(graph):
    from kg_builder.pipeline import validate
    validate(graph, Settings())


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java: `make test` installs it")
def test_consistent_under_hermit(built):
    script = (f"import owlready2, sys\n"
              f"w = owlready2.World()\n"
              f"onto = w.get_ontology('file://{built.build_dir / 'kg.owl'}').load()\n"
              f"owlready2.sync_reasoner_hermit(w, infer_property_values=False, debug=0)\n"
              f"print('inconsistent:', list(w.inconsistent_classes()))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "inconsistent: []" in out.stdout


def test_build_is_deterministic(tmp_path):
    from kg_builder.pipeline import build
    # Two builds back to back (not the session's, minutes old): in a tree others edit, the
    # inputs, whose checksums the graph records, must be the same for both.
    first = build(Settings(build_dir=tmp_path / "a"))
    again = build(Settings(build_dir=tmp_path / "b"))
    assert first.manifest["inputs"] == again.manifest["inputs"], "an input changed between the two builds"
    for name in ("kg.ttl", "kg.owl", "kg.nt", "passages.jsonl", "manifest.json"):
        assert (first.build_dir / name).read_bytes() == (again.build_dir / name).read_bytes(), name


def _corpus_copy(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    return corpus


@pytest.mark.parametrize("damage, message", [
    (lambda c: (c / "recovery-programme.txt").unlink(), "but absent"),
    (lambda c: (c / "recovery-programme.txt").write_text(""), "file is empty"),
    (lambda c: (c / "recovery-programme.txt").write_bytes(b"caf\xe9 au lait\n"), "not UTF-8"),
    (lambda c: (c / "recovery-programme.txt").write_text("changed\n"), "differs from manifest.toml"),
])
def test_broken_corpus_names_the_file_and_keeps_old_artifacts(tmp_path, built, damage, message):
    from kg_builder.pipeline import build
    corpus = _corpus_copy(tmp_path)
    damage(corpus)
    target = tmp_path / "build"
    shutil.copytree(built.build_dir, target)
    before = (target / "kg.ttl").read_bytes()
    with pytest.raises(CorpusError) as err:
        build(Settings(corpus_dir=corpus, build_dir=target))
    assert "recovery-programme.txt" in str(err.value) and message in str(err.value)
    assert (target / "kg.ttl").read_bytes() == before


# -- links read from the real documents, without a build ---------------------------

@pytest.fixture(scope="module")
def parsed_docs():
    from kg_builder.pipeline import parse_corpus
    return {d.document.id: d for d in parse_corpus(Settings())}


@pytest.fixture(scope="module")
def matcher():
    from kg_builder.link import ConceptMatcher, read_concepts
    from kg_builder.pipeline import load_schema
    return ConceptMatcher(read_concepts(load_schema(Settings())))


def _concepts(matcher, text):
    return {c.iri.removeprefix(ID) for c in matcher.concepts_in(text)}


def _passages(parsed_docs, contains):
    return [p for d in parsed_docs.values() for p in d.passages if contains in p.text]


def test_medication_diverted_is_not_treatment_instead_of_punishment(parsed_docs, matcher):
    diverted = (_passages(parsed_docs, "risk of diversion")
                + _passages(parsed_docs, "diversion of methadone"))
    assert len(diverted) >= 3  # WHO-16 (take-away doses), 3.4.11, …
    for p in diverted:
        assert "intervention/alternative-to-punishment" not in _concepts(matcher, p.text), p.text[:80]
    # Diversion from the criminal justice system still is.
    courts = _passages(parsed_docs, "alternative to conviction or punishment")
    assert courts and all("intervention/alternative-to-punishment" in _concepts(matcher, p.text) for p in courts)


def test_a_facility_that_should_not_look_like_a_prison_is_not_about_prisoners(parsed_docs, matcher):
    [p] = _passages(parsed_docs, "should not look like a prison")
    assert "population/criminal-justice" not in _concepts(matcher, p.text)
    assert "population/criminal-justice" in _concepts(matcher, "treatment should be offered in prison")


def test_general_comorbidities_are_not_co_occurring_mental_disorders(parsed_docs, matcher):
    standards = {s.number: s.text for s in parsed_docs["standards"].standards}
    for number in ("4.4", "6.9"):
        assert "population/comorbidity" not in _concepts(matcher, standards[number]), number
    assert "population/comorbidity" in _concepts(
        matcher, "Psychiatric treatment should be provided for patients with psychiatric comorbidities.")
    assert "population/comorbidity" in _concepts(matcher, "comorbid mental disorders such as depression")


@pytest.mark.parametrize("text, concept", [
    ("Non-compliance should not generally be a reason for involuntary discharge.", "intervention/compulsory-treatment"),
    ("decisions regarding their own welfare can be taken", "intervention/social-support"),
    ("rewards, such as social interactions or food.", "intervention/social-support"),
    ("prevent detention and forced treatment of pregnant women", "population/criminal-justice"),
])
def test_ambiguous_words_are_not_links(matcher, text, concept):
    assert concept not in _concepts(matcher, text)


def test_emergency_compulsory_treatment_criteria_are_not_about_the_criminal_justice_system(parsed_docs, matcher):
    from kg_builder.graph import GraphWriter, recommendation_iri
    from kg_builder.pipeline import load_schema
    writer = GraphWriter(load_schema(Settings()), matcher)
    coercion = parsed_docs["coercion"]
    writer.add_recommendations(coercion)
    pop = URIRef(SKG + "population")
    criteria = [r for r in coercion.recommendations if r.kind == "CompulsoryTreatmentCriterion"]
    assert len(criteria) == 4
    for r in criteria:
        assert (recommendation_iri("coercion", r.key), pop, URIRef(ID + "population/criminal-justice")) \
            not in writer.g
    condition = recommendation_iri("coercion", "condition-1")
    assert (condition, pop, URIRef(ID + "population/criminal-justice")) in writer.g


def test_readme_rct_query_lists_no_intervention_without_rct_evidence(graph, readme_queries):
    from search.sparql import PREFIX_HEADER
    [query] = [q for title, q in readme_queries if title.startswith("Interventions with evidence from RCTs")]
    rows = {str(r[0]) for r in graph.query(PREFIX_HEADER + query)}
    assert "methadone" in rows
    assert "naltrexone" not in rows  # "weak evidence" names no trials


def test_passages_inside_the_psychostimulant_section_say_their_own_substance(parsed_docs, matcher):
    from kg_builder.graph import GraphWriter, passage_iri, recommendation_iri
    from kg_builder.pipeline import load_schema
    writer = GraphWriter(load_schema(Settings()), matcher)
    std = parsed_docs["standards"]
    writer.add_document(std)
    writer.add_recommendations(std)
    substance = URIRef(SKG + "substance")
    [naltrexone] = [r for r in std.recommendations if "antagonist pharmacotherapy using naltrexone" in r.text]
    [cannabis] = [p for p in std.passages if p.text.startswith("To date there is no approved pharmacological "
                                                               "treatment of cannabis")]
    assert std.passages[naltrexone.passage - 1].section == cannabis.section == "3.4.8.2"  # position kept
    stimulants = URIRef(ID + "substance/stimulants")
    for subject in (recommendation_iri("standards", naltrexone.key), passage_iri("standards", naltrexone.passage)):
        assert set(writer.g.objects(subject, substance)) == {URIRef(ID + "substance/opioids")}
    cannabis_links = set(writer.g.objects(passage_iri("standards", cannabis.n), substance))
    assert URIRef(ID + "substance/cannabis") in cannabis_links and stimulants not in cannabis_links


def test_a_hyphenated_word_is_not_a_mention_of_its_part(parsed_docs, matcher):
    # The only passage with "women-centred" also says "women" elsewhere, so the rule is
    # checked on the mention spans, and on a sentence of its own.
    passages = _passages(parsed_docs, "women-centred")
    assert passages
    for p in passages:
        start = p.text.index("women-centred")
        assert not any(m.start >= start and m.end <= start + len("women-centred") for m in matcher.find(p.text))
    assert "population/women" not in _concepts(matcher, "Services should be women-centred and family-friendly.")
    assert "population/women" in _concepts(matcher, "Services for women should be family-friendly.")


def test_a_document_without_its_publishers_page_breaks_the_shapes(graph):
    from rdflib import Graph
    from rdflib.namespace import DCTERMS
    from kg_builder.errors import ValidationError
    from kg_builder.pipeline import validate
    doc = URIRef(ID + "document/coercion")
    assert str(graph.value(doc, DCTERMS.source)).startswith("https://")
    damaged = Graph()
    damaged += graph
    damaged.remove((doc, DCTERMS.source, None))
    with pytest.raises(ValidationError, match="publisher's web page"):
        validate(damaged, Settings())
