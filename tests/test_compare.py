"""`standards-kg compare` end to end, on the real build (session fixture), the real model
and real files: the synthetic policies in English and Spanish, the same policy printed
to PDF by Chromium and written to DOCX by python-docx, and the companion documents."""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare.checklist import carry_over, checklist_bytes, empty_report, load_checklist
from compare.errors import ChecklistError
from compare.pipeline import compare_document
from compare.read import read_document
from compare.report import to_csv, to_markdown, to_pdf
from compare.standards import load_reference

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "compare"
CORPUS = ROOT / "corpus"
_spec = importlib.util.spec_from_file_location("make_files", FIXTURES / "make_files.py")
make_files = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_files)
FOUND = ("addressed", "partly")


@pytest.fixture(scope="module")
def reference(built):
    return load_reference(built.build_dir)


@pytest.fixture(scope="module")
def reports(reference):
    """Reports of the fixture and companion documents, each made once."""
    cache = {}

    def get(path: Path):
        if path not in cache:
            cache[path] = compare_document(read_document(path), reference)
        return cache[path]
    return get


def by_number(report) -> dict:
    return {r.judgement.standard.number: r for r in report.rows}


def run_cli(settings, *args, timeout=600):
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), "--build-dir", str(settings.build_dir), "compare",
                           *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def test_graph_holds_the_59_standards_and_recommendations(reference):
    assert len(reference.standards) == 59
    assert [s.number for s in reference.standards][:3] == ["1.1", "1.2", "1.3"]
    assert len(reference.principles) == 7
    assert any(r.kind == "WHO recommendation" and r.strength for r in reference.recommendations)


def test_json_contract_from_the_cli(settings, built, tmp_path):
    out = tmp_path / "report.json"
    r = run_cli(settings, FIXTURES / "policy_en.md", "--format", "json", "--out", out, "--quiet")
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    doc = data["document"]
    assert {"title", "file", "sha256", "passages"} <= set(doc)
    assert doc["file"] == "policy_en.md" and doc["passages"] >= 15
    assert doc["sha256"] == hashlib.sha256((FIXTURES / "policy_en.md").read_bytes()).hexdigest()
    assert len(data["standards"]) == 59
    for s in data["standards"]:
        assert {"iri", "number", "principle", "text", "status", "score", "evidence"} <= set(s)
        assert s["status"] in ("addressed", "partly", "not_found")
        assert s["iri"] == f"https://w3id.org/standards-kg/id/standard/{s['number']}"
        for e in s["evidence"]:
            assert set(e) >= {"text", "location", "similarity"} and e["text"]
    summary = data["summary"]
    assert summary["addressed"] + summary["partly"] + summary["not_found"] == 59
    assert set(summary["by_principle"]) == {str(i) for i in range(1, 8)}
    assert sum(p["standards"] for p in summary["by_principle"].values()) == 59
    assert "addressed" in r.stderr and "not found" in r.stderr


def test_matching_is_on_meaning_not_shared_words(reports):
    """'clinics open until 21:00 because patients hold jobs or care for children' is
    standard 1.6 ('sufficiently wide range of opening hours … employment or family
    responsibilities'), though they share almost no words."""
    rows = by_number(reports(FIXTURES / "policy_en.md"))
    hours = rows["1.6"]
    assert hours.status == "addressed"
    assert "21:00" in hours.judgement.evidence[0].text
    assert "2. Where care is provided" in hours.judgement.evidence[0].location
    # and plainly unmet standards are not found: nothing on minorities or clinical trials
    assert rows["5.4"].status == "not_found" and rows["4.11"].status == "not_found"


def test_spanish_policy_is_judged_against_the_english_standards(reports):
    rows = by_number(reports(FIXTURES / "politica_es.md"))
    for number in ("1.6", "1.11", "2.2", "2.5", "4.6", "5.2", "6.7", "7.5"):   # what the protocol says
        assert rows[number].status in FOUND, number
    assert "21:00" in rows["1.6"].judgement.evidence[0].text   # the Spanish passage is the evidence
    # the protocol says nothing of prisons, courts or funding formulas
    assert sum(rows[n].status == "not_found" for n in ("3.2", "3.3", "3.7", "4.1", "6.9")) == 5


def test_coercion_paper_addresses_treatment_as_alternative_to_punishment(reports):
    rows = by_number(reports(CORPUS / "from-coercion-to-cohesion.txt"))
    for number in ("3.2", "3.3", "3.5"):     # alternative to imprisonment, its legal framework, not imposed
        assert rows[number].status == "addressed", number
    evidence = " ".join(e.text for e in rows["3.2"].judgement.evidence).lower()
    assert "alternative" in evidence


def test_recovery_programme_addresses_recovery_and_continuity_of_care(reports):
    rows = by_number(reports(CORPUS / "recovery-programme.txt"))
    for number in ("3.9", "5.5", "6.7"):     # continuity of care, social support, continuity of records
        assert rows[number].status in FOUND, number
    assert "recovery" in rows["5.5"].judgement.evidence[0].text.lower()
    assert sum(r.status == "not_found" for r in rows.values()) > 30   # a project sheet, not a policy


def test_pdf_and_docx_of_the_same_policy_agree_with_its_markdown(reports, tmp_path):
    md_text = (FIXTURES / "policy_en.md").read_text(encoding="utf-8")
    pdf = make_files.print_pdf(make_files.markdown_html(md_text), tmp_path / "policy.pdf")
    docx = make_files.write_docx(md_text, tmp_path / "policy.docx")
    base = by_number(reports(FIXTURES / "policy_en.md"))
    for path in (pdf, docx):
        rows = by_number(reports(path))
        same = sum(rows[n].status == base[n].status for n in base)
        assert same >= 50, (path.suffix, same)
        assert rows["1.6"].status == "addressed"
    assert by_number(reports(pdf))["1.6"].judgement.evidence[0].location.startswith("p. ")


def test_a_pdf_embedded_while_it_is_read_is_judged_the_same(settings, built, tmp_path):
    """The long-document path (workers started before reading, passages embedded as the
    pages come in) on a printed policy: the judgements are those of the plain path."""
    from compare.pipeline import compare_file
    from compare.settings import CompareSettings
    md_text = (FIXTURES / "policy_en.md").read_text(encoding="utf-8")
    pdf = make_files.print_pdf(make_files.markdown_html(md_text, page_breaks_before_h2=True), tmp_path / "policy.pdf")
    plain = compare_file(pdf, settings, compare_settings=CompareSettings(early_workers_bytes=0))
    early = compare_file(pdf, settings, compare_settings=CompareSettings(early_workers_bytes=1, encode_batch=2,
                                                                      early_passages_every_pages=2))
    assert [(r.status, round(r.judgement.score, 4)) for r in early.rows] == \
        [(r.status, round(r.judgement.score, 4)) for r in plain.rows]
    assert by_number(early)["1.6"].status == "addressed"


def test_markdown_report_circulates_gaps_with_texts_and_citations(reports):
    report = reports(FIXTURES / "policy_en.md")
    md = to_markdown(report)
    assert md.startswith("# Gap report: National Strategy")
    assert md.count("\n## Principle ") == 7 and "| Principle | Addressed | Partly |" in md
    gap = next(r for r in report.rows if r.status == "not_found" and r.recommendations)
    section = md.split(f"#### Standard {gap.judgement.standard.number} (not found)")[1].split("####")[0]
    assert gap.judgement.standard.text in section           # the standard's own text
    assert "Recommendations that would help close it" in section
    rec = gap.recommendations[0]
    assert rec.iri in section and "§ " in section           # cited with document and section
    addressed = next(r for r in report.rows if r.status == "addressed")
    assert f"#### Standard {addressed.judgement.standard.number} " not in md   # not listed as a gap


def test_csv_has_one_row_per_standard(reports):
    rows = list(csv.DictReader(io.StringIO(to_csv(reports(FIXTURES / "policy_en.md")))))
    assert len(rows) == 59 and rows[0]["number"] == "1.1"
    hours = next(r for r in rows if r["number"] == "1.6")
    assert hours["status"] == "addressed" and "21:00" in hours["evidence_text"]


def test_pdf_report_is_a_real_pdf(reports, tmp_path):
    import pypdf
    data = to_pdf(reports(FIXTURES / "policy_en.md"))
    (tmp_path / "r.pdf").write_bytes(data)
    reader = pypdf.PdfReader(str(tmp_path / "r.pdf"))
    text = "".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) >= 3
    assert "Gap report" in text and "Principle 7" in text


def test_checklist_round_trip_keeps_hand_corrections(reports, reference):
    report = reports(FIXTURES / "policy_en.md")
    corrected = report.with_status("1.5", "partly", "entry points through family doctors and courts") \
                      .with_status("4.11", "not_applicable", "no trials are run by the ministry")
    saved = checklist_bytes(corrected)
    loaded = load_checklist(saved, "checklist.json", reference)
    rows = by_number(loaded)
    assert rows["1.5"].status == "partly" and rows["1.5"].by_hand and "family doctors" in rows["1.5"].note
    assert rows["4.11"].status == "not_applicable"
    assert rows["1.6"].judgement.evidence[0].text == by_number(report)["1.6"].judgement.evidence[0].text
    assert loaded.summary()["not_applicable"] == 1
    # the thresholds the document was judged with travel with it
    kept = json.loads(checklist_bytes(loaded))["method"]["document_thresholds"]
    assert kept == report.thresholds.to_json() and kept["addressed"] > kept["partly"] > 0
    # a fresh run on the same document keeps the person's work ...
    again = carry_over(report, loaded)
    assert by_number(again)["1.5"].status == "partly" and by_number(again)["1.6"].status == "addressed"
    # ... and refuses a checklist made for another document
    with pytest.raises(ChecklistError, match="checklist is for policy_en.md"):
        carry_over(reports(FIXTURES / "politica_es.md"), loaded)


def test_empty_checklist_lists_all_59(reference):
    report = empty_report(reference)
    assert len(report.rows) == 59 and report.summary()["not_found"] == 59
    filled = report.with_status("2.2", "addressed", "consent law of 2021")
    assert load_checklist(checklist_bytes(filled), "c.json", reference).summary()["addressed"] == 1


def test_bad_checklists_are_one_line_errors(reference):
    for data, pattern in ((b"\xff\xfe not json", "not JSON"), (b'{"a": 1}', "no 'document' and 'standards'"),
                          (json.dumps({"document": {}, "standards": [{"number": "9.9", "status": "partly"}]}).encode(),
                           "names no standard"),
                          (json.dumps({"document": {}, "standards": [{"number": "1.1", "status": "done"}]}).encode(),
                           "has status 'done'")):
        with pytest.raises(ChecklistError, match=pattern) as info:
            load_checklist(data, "c.json", reference)
        assert "\n" not in str(info.value)


def test_into_graph_named_graphs_side_by_side(settings, built, tmp_path):
    graphs = tmp_path / "graphs"
    for f in ("policy_en.md", "politica_es.md"):
        r = run_cli(settings, FIXTURES / f, "--format", "csv", "--out", tmp_path / f"{f}.csv", "--into-graph",
                    "--graph-dir", graphs, "--quiet")
        assert r.returncode == 0, r.stderr
        assert "named graph <https://w3id.org/standards-kg/assessment/" in r.stderr
    assert len(list(graphs.glob("*.nq"))) == 2
    query = ("SELECT ?title ?status WHERE { GRAPH ?g { ?d a skg:AssessedDocument ; dcterms:title ?title ; "
             "skg:assessment ?a . ?a skg:assessedStandard <https://w3id.org/standards-kg/id/standard/1.6> ; skg:status ?status } } ORDER BY ?title")
    r = run_cli(settings, "--sparql", query, "--format", "csv", "--graph-dir", graphs)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 3 and lines[1].startswith("National Strategy") and lines[2].startswith("Protocolo")
    # documents that address a standard, across countries, joined to the graph's own standards
    r = run_cli(settings, "--sparql", "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d skg:addresses ?s } "
                "?s skg:principle <https://w3id.org/standards-kg/id/principle/2> }", "--graph-dir", graphs)
    assert r.stdout.strip().splitlines()[-1] == "2"
    r = run_cli(settings, "--sparql", "INSERT DATA { <a:b> <a:c> <a:d> }", "--graph-dir", graphs)
    assert r.returncode == 2 and "read-only" in r.stderr


def test_sparql_over_saved_documents_stops_a_runaway_query(settings, built, reports, tmp_path):
    """compare --sparql runs in the time-limited query worker of `standards-kg sparql`:
    a runaway query ends at its limit with one line, and the saved documents are seen
    there, and by `standards-kg sparql` too (the settings' assessments folder)."""
    import time

    from compare.into_graph import write_graph
    graphs = tmp_path / "graphs"
    write_graph(reports(FIXTURES / "politica_es.md"), graphs)
    started = time.monotonic()
    r = run_cli(settings, "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                "--timeout", "1", "--graph-dir", graphs, timeout=90)
    assert r.returncode == 2 and "time limit of 1 s" in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert time.monotonic() - started < 60
    titles = "SELECT ?title WHERE { GRAPH ?g { ?d a skg:AssessedDocument ; dcterms:title ?title } }"
    r = run_cli(settings, "--sparql", titles, "--format", "csv", "--graph-dir", graphs, timeout=90)
    assert r.returncode == 0 and r.stdout.splitlines()[1].startswith("Protocolo"), r.stderr
    plain = subprocess.run([sys.executable, str(ROOT / "cli.py"), "--build-dir", str(settings.build_dir), "sparql",
                            titles, "--format", "csv"], capture_output=True, text=True, timeout=90, cwd=ROOT,
                           env={**os.environ, "STANDARDS_KG_ASSESSMENTS": str(graphs)})
    assert plain.returncode == 0 and plain.stdout.splitlines()[1].startswith("Protocolo"), plain.stderr
    # the default graph stays the knowledge graph alone: no saved document leaks into it
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?d a skg:AssessedDocument }"
    alone = subprocess.run([sys.executable, str(ROOT / "cli.py"), "--build-dir", str(settings.build_dir), "sparql",
                            count, "--format", "csv"], capture_output=True, text=True, timeout=90, cwd=ROOT,
                           env={**os.environ, "STANDARDS_KG_ASSESSMENTS": str(graphs)})
    assert alone.stdout.strip().splitlines()[-1] == "0", alone.stderr


def test_named_graph_passes_the_shapes_and_documents_its_terms(reports, built):
    from pyshacl import validate
    from rdflib import Graph, URIRef

    from compare.into_graph import assessment_graph
    g = assessment_graph(reports(FIXTURES / "policy_en.md"))
    data = Graph()
    for t in g:
        data.add(t)
    # the standards the assessments point at (their types are what sh:class checks)
    from rdflib import RDF
    kg = Graph().parse(built.build_dir / "kg.nt", format="nt")
    standard = URIRef("https://w3id.org/standards-kg/ontology#Standard")
    for t in kg.triples((None, RDF.type, standard)):
        data.add(t)
    ontology = Graph().parse(ROOT / "ontology" / "skg.ttl")
    # the assessment shapes of ontology/shapes.ttl (the build's own shapes check the build)
    all_shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    shapes = Graph()
    for name in ("AssessedDocumentShape", "AssessmentShape", "DocumentPassageShape"):
        shapes += all_shapes.cbd(URIRef("https://w3id.org/standards-kg/shapes#" + name))
    assert len(shapes) > 40
    conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert conforms, text[:2000]
    # every new term is in the ontology with a label and a comment
    from rdflib import RDFS
    for term in ("AssessedDocument", "DocumentPassage", "Assessment", "addresses", "assessment", "assessedStandard",
                 "supportingPassage", "goesAgainstIn", "status", "score", "byHand", "page", "fileName", "sha256"):
        iri = URIRef("https://w3id.org/standards-kg/ontology#" + term)
        assert ontology.value(iri, RDFS.label) and ontology.value(iri, RDFS.comment), term
    # and a broken graph is caught: an assessment without a status
    from rdflib import Namespace
    skg = Namespace("https://w3id.org/standards-kg/ontology#")
    a = next(data.subjects(skg.status, None))
    data.remove((a, skg.status, None))
    assert not validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")[0]


def test_a_passage_that_may_go_against_a_standard_is_in_the_named_graph(reports, tmp_path):
    from rdflib import Namespace

    from compare.into_graph import assessment_graph
    policy = tmp_path / "policy.md"
    policy.write_text(
        "# Treatment policy\n\n1. Treatment services are offered in every district, close to where people live, "
        "with opening hours that suit people who work.\n\n2. Opioid substitution treatment shall be limited to a "
        "maximum duration of 12 months, after which every patient is tapered to abstinence.\n\n3. Staff are "
        "trained every year in evidence-based care and in respect for patients' rights.\n", encoding="utf-8")
    report = reports(policy)
    skg = Namespace("https://w3id.org/standards-kg/ontology#")
    g = assessment_graph(report)
    flagged = {(str(a).rsplit("/", 1)[-1], str(p).rsplit("/", 1)[-1]) for a, p in g.subject_objects(skg.goesAgainstIn)}
    assert ("4.6", "2") in flagged, flagged
    four_six = next(r for r in report.rows if r.judgement.standard.number == "4.6").judgement
    assert all(e.order != 2 for e in four_six.evidence)      # it supports no assessment


def _tree(path: Path) -> dict:
    return {str(p.relative_to(path)): (p.stat().st_mtime_ns, p.stat().st_size) for p in path.rglob("*")}


def test_bad_input_from_the_cli_is_one_line_and_leaves_build_alone(settings, built, tmp_path):
    before = _tree(settings.build_dir)
    (tmp_path / "empty.docx").write_bytes(b"")
    (tmp_path / "notes.odt").write_bytes(b"PK\x03\x04")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage garbage")
    (tmp_path / "tiny.txt").write_text("Hello.\n", encoding="utf-8")
    out = tmp_path / "report.json"
    out.write_text("an earlier report", encoding="utf-8")
    for name, pattern in (("empty.docx", "the file is empty"), ("notes.odt", "cannot read '.odt' files"),
                          ("broken.pdf", "damaged"), ("missing.pdf", "no such file"),
                          ("tiny.txt", "only 1 words of text, too few to measure")):
        r = run_cli(settings, tmp_path / name, "--out", out, "--quiet")
        assert r.returncode == 2, (name, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("standards-kg: error:") and name in lines[0]
        assert pattern in lines[0] and "Traceback" not in r.stderr
    assert out.read_text(encoding="utf-8") == "an earlier report"      # never half-overwritten
    r = run_cli(settings, FIXTURES / "policy_en.md", "--format", "pdf", "--quiet")
    assert r.returncode == 2 and "needs a file: add --out" in r.stderr
    assert _tree(settings.build_dir) == before


def test_missing_build_is_a_one_line_error(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "cli.py"), "--build-dir", str(tmp_path / "nobuild"), "compare",
                        str(FIXTURES / "policy_en.md")], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 2 and "run `standards-kg build`" in r.stderr and "Traceback" not in r.stderr


def test_a_clause_ordering_compulsory_treatment_is_flagged_not_counted_as_agreement(reports, tmp_path):
    policy = tmp_path / "policy.txt"
    policy.write_text("National Drug Control Policy\n\n"
                      "1. Any person found using drugs shall be committed by a court to a compulsory rehabilitation "
                      "centre for a minimum of 24 months.\n\n"
                      "2. The Ministry of Health shall provide methadone and buprenorphine in all provinces.\n\n"
                      "3. No patient shall be treated without consent.\n", encoding="utf-8")
    report = reports(policy)
    rows = by_number(report)
    flagged = {n: [a.words for a in r.judgement.against] for n, r in rows.items() if r.judgement.against}
    assert set(flagged) >= {"3.5", "4.6"}, flagged
    # the clause refusing treatment without consent is no flag
    assert not any("without consent" in w for words in flagged.values() for w in words), flagged
    # and a passage going against a standard is no evidence that the document meets it
    for r in rows.values():
        assert not {a.order for a in r.judgement.against} & {e.order for e in r.judgement.evidence}
    md = to_markdown(report)
    assert "## Passages that may go against a standard" in md and "compulsory rehabilitation" in md
    assert json.loads(json.dumps(report.to_json()))["standards"][0].keys() >= {"goes_against"}
    assert "goes_against" in next(csv.reader(io.StringIO(to_csv(report))))
