"""Linked data end to end, on the real build: `standards-kg serve` on a free loopback
port answers every IRI path with content negotiation (rdflib parses each RDF format),
the ontology documentation, the dataset description; Chromium follows the links of an
entity page and runs a README example in YASGUI with no request leaving 127.0.0.1;
`standards-kg diff` between two builds of slightly different corpora."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tomllib

import pytest
import requests
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from kg_builder.config import ROOT, Settings
from servers import free_port, start, stop

SKG = Namespace("https://w3id.org/standards-kg/ontology#")
ID = "https://w3id.org/standards-kg/id/"
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VANN = Namespace("http://purl.org/vocab/vann/")
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml",
               "application/n-triples": "nt"}


@pytest.fixture(scope="module")
def server(built, settings):
    port = free_port()
    env = {**os.environ, "STANDARDS_KG_BUILD": str(settings.build_dir), "HF_HUB_OFFLINE": "1"}
    base = f"http://127.0.0.1:{port}"
    proc = start([sys.executable, "-m", "cli", "serve", "--port", str(port)], f"{base}/health", env=env, cwd=ROOT)
    yield base
    stop(proc)


def get(server, path, accept="", **params):
    return requests.get(server + path, headers={"Accept": accept}, params=params, timeout=30)


@pytest.mark.parametrize("media, rdflib_format", RDF_FORMATS.items())
def test_an_iri_answers_each_rdf_format_by_accept_header(server, media, rdflib_format):
    r = get(server, "/id/standard/3.5", media)
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    g = Graph().parse(data=r.text, format=rdflib_format)
    standard = URIRef(ID + "standard/3.5")
    assert (standard, SKG.number, Literal("3.5")) in g
    assert (standard, SKG.principle, URIRef(ID + "principle/3")) in g
    assert str(g.value(standard, SKG.text)).startswith("Treatment interventions for drug use disorders")


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("jsonld", "json-ld"), ("rdf", "xml"),
                                                ("nt", "nt")])
def test_format_parameter_overrides_the_accept_header(server, fmt, rdflib_format):
    r = get(server, "/id/intervention/methadone", BROWSER_ACCEPT, format=fmt)
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format=rdflib_format)
    methadone = URIRef(ID + "intervention/methadone")
    atc = URIRef("http://purl.bioontology.org/ontology/UATC/N07BC02")
    assert (methadone, URIRef("http://www.w3.org/2004/02/skos/core#exactMatch"), atc) in g
    # the description carries the mapping's record with its source
    record = next(g.subjects(OWL.annotatedTarget, atc))
    assert str(g.value(record, DCTERMS.source)) == "https://www.whocc.no/atc_ddd_index/?code=N07BC02"


def test_a_browser_gets_a_readable_page(server):
    r = get(server, "/id/standard/3.5", BROWSER_ACCEPT)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Treatment interventions for drug use disorders should not be imposed" in r.text
    assert 'href="/id/principle/3"' in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_unknown_iri_is_a_404_in_every_representation(server):
    for accept in ("text/turtle", BROWSER_ACCEPT):
        r = get(server, "/id/standard/99.99", accept)
        assert r.status_code == 404
        assert "not in this graph" in r.text
    assert get(server, "/id/standard/3.5", "application/pdf").status_code == 406
    bad = get(server, "/id/standard/3.5", format="pdf")
    assert bad.status_code == 400 and "ttl" in bad.text


def test_ontology_is_documented_and_described(server):
    html = get(server, "/ontology", BROWSER_ACCEPT)
    assert html.status_code == 200 and 'id="Standard"' in html.text and "standards-kg ontology" in html.text
    for path in ("/ontology", "/ontology/0.1.0"):
        g = Graph().parse(data=get(server, path, "text/turtle").text, format="turtle")
        ontology = URIRef("https://w3id.org/standards-kg/ontology")
        assert (ontology, RDF.type, OWL.Ontology) in g
        assert g.value(ontology, OWL.versionIRI) == URIRef("https://w3id.org/standards-kg/ontology/0.1.0")
        assert str(g.value(ontology, VANN.preferredNamespaceUri)) == str(SKG)
        assert g.value(ontology, DCTERMS.license) is not None and g.value(ontology, DCTERMS.creator) is not None
        assert (SKG.Standard, RDF.type, OWL.Class) in g


def test_dataset_description_records_version_checksums_and_size(server, built):
    r = get(server, "/.well-known/void")
    assert r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    dataset = URIRef(ID + "dataset")
    version = g.value(dataset, DCAT.hasCurrentVersion)
    assert str(version).startswith(ID + "dataset/")
    assert g.value(version, DCTERMS.issued).datatype == XSD.date
    assert g.value(dataset, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    manifest = json.loads((built.build_dir / "manifest.json").read_text())
    assert int(g.value(version, VOID.triples)) == manifest["triples"]
    checksums = {str(v) for v in g.objects(None, SPDX.checksumValue)}
    assert len(checksums) == len(manifest["inputs"])
    # The builder's own code is hashed twice in a build (graph, then manifest): leave it out,
    # since a developer may edit kg_builder/ while the test suite builds.
    assert {v for k, v in manifest["inputs"].items() if k != "kg_builder"} <= checksums
    assert len(list(g.objects(version, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))) == 5
    html = get(server, "/.well-known/void", BROWSER_ACCEPT).text
    assert f"input ontology/mappings.ttl</td><td>sha256 {manifest['inputs']['ontology/mappings.ttl']}" in html


def test_item_page_shows_mappings_with_their_sources(server):
    html = get(server, "/id/substance/opioids", BROWSER_ACCEPT).text
    assert "Terminology mappings" in html
    assert "6C43" in html and "Disorders due to use of opioids" in html
    assert 'href="https://www.wikidata.org/wiki/Q427523"' in html


def test_readme_example_joins_on_atc_codes(server):
    from search.examples import readme_examples
    example = next(e for e in readme_examples() if "ATC" in e.title)
    r = requests.post(server + "/sparql", data={"query": example.query},
                      headers={"Accept": "application/sparql-results+json"}, timeout=30)
    rows = {b["atc"]["value"]: b for b in r.json()["results"]["bindings"]}
    assert {"N07BC02", "N07BC01", "V03AB15"} <= set(rows)


def test_editor_page_loads_nothing_from_elsewhere(server):
    r = get(server, "/", BROWSER_ACCEPT)
    assert r.status_code == 200 and "yasgui.min.js" in r.text
    assert "connect-src 'self'" in r.headers["content-security-policy"]
    static = [r.text, get(server, "/yasgui/start.js").text]
    assert not [u for s in static for u in re.findall(r"(?:src|href)=\"(https?://[^\"]+)", s)]


# ---------------------------------------------------------------- in Chromium



@pytest.fixture
def page(browser):
    """A page that records every URL it requests. The pages' Content-Security-Policy is
    bypassed here: with it on, Chromium would block an outside request before it is
    recorded, and the test would not see that the page tried."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    pg.requested = []
    pg.on("request", lambda req: pg.requested.append(req.url))
    yield pg
    context.close()


def shot(page, name: str) -> None:
    folder = ROOT / "tests" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _outside(page, server) -> list[str]:
    return [u for u in page.requested if not (u.startswith(server + "/") or u.startswith("data:"))]


def test_entity_page_links_are_followed_in_chromium(page, server):
    page.goto(server + "/id/standard/3.5")
    assert "imposed" in page.locator("blockquote").first.inner_text()
    shot(page, "linked-data-standard")
    page.click('main a[href="/id/principle/3"]')
    page.wait_for_url(server + "/id/principle/3")
    assert "Principle" in page.locator("h1").inner_text() or page.locator(".kind").count() > 0
    # from the principle to one of its standards, back by a backlink
    page.click('h2#backlinks + table a[href="/id/standard/3.5"]')
    page.wait_for_url(server + "/id/standard/3.5")
    page.click('main a[href^="/id/passage/"]')
    page.wait_for_url(re.compile(r".*/id/passage/standards/\d+$"))
    assert "imposed" in page.locator("main").inner_text()
    page.goto(server + "/id/intervention/methadone")
    assert "N07BC02" in page.locator("h2#mappings + table").inner_text()
    shot(page, "linked-data-methadone")
    page.goto(server + "/ontology#Standard")
    assert page.locator("#Standard").is_visible()
    shot(page, "linked-data-ontology")
    assert _outside(page, server) == []


def test_yasgui_runs_a_readme_example_with_no_outside_request(page, server):
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.get_by_role("button", name="Number of standards per principle").click()
    page.locator(".yasqe_queryButton").click()
    page.locator(".yasr tbody tr").nth(6).wait_for(timeout=30_000)
    table = page.locator(".yasr tbody").inner_text()
    shot(page, "linked-data-yasgui")
    assert "Treatment must be available, accessible, attractive, and appropriate" in table
    assert page.locator(".yasr tbody tr").count() == 7
    sparql = [u for u in page.requested if u.startswith(server + "/sparql")]
    assert sparql, "YASGUI did not query this server's endpoint"
    assert _outside(page, server) == []


# ---------------------------------------------------------------- diff

def test_diff_between_builds_of_slightly_different_corpora(tmp_path, built, capsys):
    """A second build whose resolution says 'every year' where the real one says 'on a
    regular basis': diff lists that operative paragraph, and nothing of the Standards."""
    import cli
    from kg_builder.pipeline import build
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    doc = corpus / "cnd-resolution-59-4.md"
    text = doc.read_text(encoding="utf-8")
    assert text.count("on a regular basis") == 1
    doc.write_text(text.replace("on a regular basis", "every year"), encoding="utf-8")
    manifest = (corpus / "manifest.toml").read_text(encoding="utf-8")
    old_sha = next(d["sha256"] for d in tomllib.loads(manifest)["document"] if d["id"] == "resolution_59_4")
    import hashlib
    new_sha = hashlib.sha256(doc.read_bytes()).hexdigest()
    (corpus / "manifest.toml").write_text(manifest.replace(old_sha, new_sha), encoding="utf-8")
    # No tuned encoder: it does not touch the graph, and a changed passage would train it anew (minutes)
    changed = build(Settings(corpus_dir=corpus, build_dir=tmp_path / "build", tuned_encoder=False))

    assert cli.main(["diff", str(built.build_dir), str(changed.build_dir), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["old"]["version"] != d["new"]["version"]
    subjects = {e["subject"]: e for e in d["entities"]}
    op7 = subjects[ID + "recommendation/resolution_59_4/op-7"]
    assert any("on a regular basis" in x["object"] for x in op7["removed"])
    assert any("every year" in x["object"] for x in op7["added"])
    assert not any(s.startswith(ID + "standard/") for s in subjects)

    assert cli.main(["diff", str(built.build_dir), str(changed.build_dir)]) == 0
    text = capsys.readouterr().out
    assert f"{ID}recommendation/resolution_59_4/op-7" in text and "every year" in text


def test_w3id_redirect_rules_keep_the_path_and_the_server_answers_it(server):
    """deploy/w3id/.htaccess, read as Apache would for these paths (w3id strips the
    /standards-kg/ folder before matching): each IRI goes, with a 303, to the same path
    on the deployed host, and this server answers that path."""
    rules = re.findall(r"^RewriteRule\s+(\S+)\s+(\S+)\s+\[([^\]]*)\]", (ROOT / "deploy" / "w3id" / ".htaccess")
                       .read_text(), re.M)
    assert rules and all("R=303" in flags for _, _, flags in rules)

    def redirect(path: str) -> str | None:
        for pattern, target, _ in rules:
            m = re.match(pattern, path)
            if m:
                return re.sub(r"\$(\d)", lambda g: m.group(int(g.group(1))) or "", target)
        return None

    host = "https://standards-kg.example.org/"
    for path in ("id/standard/3.5", "id/intervention/methadone", "ontology", "ontology/0.1.0",
                 ".well-known/void", "sparql", ""):
        target = redirect(path)
        assert target == host + path, path
        assert get(server, "/" + path, "text/turtle" if path != "sparql" else "").status_code == 200, path
    assert redirect("admin/secret") is None


def test_yasgui_works_under_its_content_security_policy(browser, server):
    """The editor as users get it, with the CSP enforced: it still runs a query, and
    Chromium reports no blocked script, style or connection."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    try:
        page.goto(server + "/")
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        page.get_by_role("button", name="The evidence rating of each treatment modality").click()
        page.locator(".yasqe_queryButton").click()
        page.locator(".yasr tbody tr").first.wait_for(timeout=30_000)
        assert "3.1" in page.locator(".yasr tbody").inner_text()
    finally:
        context.close()
    assert violations == []
