"""What the builder reads from the real documents."""
from __future__ import annotations

import pytest

from kg_builder.config import Settings
from kg_builder.pipeline import parse_corpus


@pytest.fixture(scope="module")
def parsed():
    return {d.document.id: d for d in parse_corpus(Settings())}


def test_seven_principles_with_their_standards(parsed):
    std = parsed["standards"]
    assert [p.number for p in std.principles] == [str(i) for i in range(1, 8)]
    per_principle = {p.number: sum(1 for s in std.standards if s.principle == p.number) for p in std.principles}
    assert per_principle == {"1": 11, "2": 6, "3": 9, "4": 11, "5": 6, "6": 9, "7": 7}


@pytest.mark.parametrize("number, text", [
    ("3.5", "Treatment interventions for drug use disorders should not be imposed on individuals with drug "
            "use disorders in criminal justice system against their will."),
    ("1.4", "Low threshold and outreach services, as part of a continuum of care, are needed to reach the "
            "‘hidden’ populations most affected by drug use, often non-motivated to treatment or relapsing "
            "after a treatment programme."),
    ("4.1", "Resource allocation in the treatment of drug use disorders should be guided by existing "
            "evidence of the effectiveness and cost-effectiveness of prevention and treatment interventions "
            "for drug use disorders."),
    ("2.2", "Informed consent should be obtained from a patient before initiating treatment and guarantee "
            "the option to withdraw from treatment at any time."),
])
def test_standards_are_verbatim(parsed, number, text):
    standards = {s.number: s.text for s in parsed["standards"].standards}
    assert standards[number] == text


def test_principle_titles(parsed):
    titles = {p.number: p.title for p in parsed["standards"].principles}
    assert titles["2"] == "Ensuring ethical standards of care in treatment services"
    assert titles["5"] == "Responding to the needs of specific populations"


@pytest.mark.parametrize("starts, strength, source", [
    ("Clinicians should not use the combination of opioid antagonists with heavy sedation", "Strong", "WHO 2009"),
    ("Clinicians should not routinely use the combination", "Standard", "WHO 2009"),
    ("Average buprenorphine maintenance doses", "Standard", "WHO 2009"),
    ("On average, methadone maintenance doses", "Strong", "WHO 2009"),
    # Read from the layout (a line of spaces marks an empty Standard cell); the
    # hand-kept table had these two the other way round.
    ("For the management of opioid withdrawal, tapered doses", "Standard", "WHO 2009"),
    ("Methadone and buprenorphine doses should be directly supervised", "Strong", "WHO 2009"),
    ("Naloxone should be made available to people likely to witness", None, "WHO 2014"),
    ("Individuals using cannabis and psychostimulants should be offered brief intervention", None, "WHO 2012"),
    ("Dexamphetamine should not be offered", None, "mhGAP 2012"),
    ("Psychosocial interventions based on cognitive behavioural therapy", None, "mhGAP 2015"),
])
def test_who_recommendations_strength_and_source(parsed, starts, strength, source):
    recs = [r for r in parsed["standards"].recommendations if r.text.startswith(starts)]
    assert len(recs) == 1, starts
    assert (recs[0].strength, recs[0].source) == (strength, source)


def test_evidence_rating_of_each_modality(parsed):
    best = {}
    rank = ["StrongRCTEvidence", "RCTEvidence", "LimitedRCTEvidence", "ObservationalEvidence", "LackingEvidence"]
    for e in parsed["standards"].evidence:
        best[e.modality] = min(best.get(e.modality, e.rating), e.rating, key=rank.index)
    assert best == {"3.1": "ObservationalEvidence", "3.2": "LimitedRCTEvidence", "3.3": "RCTEvidence",
                    "3.4": "StrongRCTEvidence", "3.5": "LackingEvidence", "3.6": "LackingEvidence"}


def test_ten_operative_paragraphs_with_verb_and_addressee(parsed):
    ops = [r for r in parsed["resolution_59_4"].recommendations if r.kind == "OperativeParagraph"]
    assert [r.number for r in ops] == [str(i) for i in range(1, 11)]
    verbs = [r.operative_verb for r in ops]
    assert verbs == ["Encourages", "Requests", "Requests", "Encourages", "Invites", "Invites",
                     "Encourages", "Invites", "Invites", "Invites"]
    assert ops[4].addressees == ("World Health Organization",)
    assert ops[0].addressees == ("Member States",)
    # Every body a paragraph asks, not only the first.
    assert ops[1].addressees == ("United Nations Office on Drugs and Crime", "World Health Organization")
    assert ops[9].addressees == ("Member States", "Other donors")


def test_fifteen_conditions_of_the_coercion_paper(parsed):
    conditions = [r for r in parsed["coercion"].recommendations if r.kind == "GoodPracticeCondition"]
    assert [c.number for c in conditions] == [str(i) for i in range(1, 16)]
    assert conditions[12].text.startswith("The confidentiality of information provided by the patient should be respected")
    criteria = [r for r in parsed["coercion"].recommendations if r.kind == "CompulsoryTreatmentCriterion"]
    assert criteria[0].text.startswith("Require a clinical judgment by at least two qualified")


def test_noise_is_removed(parsed):
    texts = [p.text for d in parsed.values() for p in d.passages]
    assert not any("http://" in t or "https://" in t for t in texts)
    assert not any("UNODC-WHO International Standards for the Treatment of Drug Use Disorders 4" in t for t in texts)
    joined = " ".join(texts)
    assert "psychotropic substances" in joined and "psycho- tropic" not in joined
    assert "drug-induced" in joined  # a real hyphen at a line end is kept


def test_training_modules_and_recovery_items(parsed):
    modules = [i.label for i in parsed["policymakers_training"].items]
    assert "Screening, brief interventions and referral to treatment (SBIRT)" in modules
    activities = [i.label for i in parsed["recovery_programme"].items if i.kind == "ProgrammeActivity"]
    assert len(activities) == 6 and activities[0] == "Updated review on evidence-based recovery management"


def test_short_lists_are_read_as_one_passage(parsed):
    std = parsed["standards"]
    steps = [p for p in std.passages if p.text.startswith("WHO recommends the following 9 step approach")]
    assert len(steps) == 1 and steps[0].kind == "list"
    assert "1. Asking clients if they are interested" in steps[0].text
    assert steps[0].text.endswith("9. Giving clients take-home materials to bolster the brief intervention.")
    # Renumbering kept every entity on its own passage.
    by_n = {p.n: p for p in std.passages}
    assert [p.n for p in std.passages] == list(range(1, len(std.passages) + 1))
    for s in std.standards:
        assert s.text in by_n[s.passage].text
    for r in std.recommendations:
        assert by_n[r.passage].text == r.text


def test_coercion_paper_headings_under_a_paragraph_are_found(parsed):
    titles = [s.title for s in parsed["coercion"].sections]
    i = titles.index("Compulsory treatment: treatment in the absence of the right of refusal")
    assert titles[i + 1] == "Emergency short-term involuntary detention or treatment"
    assert titles[i - 1] == "Good practice for criminal justice system treatment referrals"


def test_a_subsection_knows_the_part_of_the_document_it_is_in(parsed):
    from kg_builder.pipeline import topic_title
    sections = {s.key: s for s in parsed["standards"].sections}
    assert topic_title(sections, "3.5.5") == "3.5 Long-Term Residential Treatment"
    assert topic_title(sections, "3.2.4.2") == "3.2 Screening, Brief Interventions, and Referral to Treatment (SBIRT)"
    assert topic_title(sections, "3.5") == ""            # the part itself
    assert topic_title(sections, "principle-3") == ""    # directly under a chapter


def test_who_columns_are_read_from_the_layout_where_it_decides(parsed):
    reads = [r.strength_read for r in parsed["standards"].recommendations if r.strength]
    assert len(reads) == 11
    from kg_builder.parse.curation import FROM_TABLE
    assert reads.count(FROM_TABLE) == 2  # the only two the text cannot tell


def test_who_columns_file_that_disagrees_with_the_layout_fails_the_build(tmp_path):
    from kg_builder.errors import ExtractionError
    from kg_builder.parse.curation import COLUMNS_FILE, WhoColumns
    from kg_builder.corpus import read_manifest, read_text
    from kg_builder.text import vocabulary
    from kg_builder.parse.standards import parse_standards
    doc = next(d for d in read_manifest(Settings().corpus_dir) if d.id == "standards")
    text = read_text(Settings().corpus_dir, doc)
    vocab = vocabulary([text])
    wrong = tmp_path / "who_columns.toml"
    wrong.write_text(COLUMNS_FILE.read_text() + '\n[[cell]]\nstarts = "Methadone and buprenorphine doses"\n'
                     'strength = "Standard"\n')
    with pytest.raises(ExtractionError, match="says Standard .* but the layout .* says Strong"):
        parse_standards(doc, text, vocab, WhoColumns(wrong))
    missing = tmp_path / "missing.toml"
    missing.write_text('[[cell]]\nstarts = "During methadone induction"\nstrength = "Strong"\n')
    with pytest.raises(ExtractionError, match="cannot be read from the text; add it to"):
        parse_standards(doc, text, vocab, WhoColumns(missing))


@pytest.mark.parametrize("previous, blank, expected", [
    (None, False, "Standard"), (None, True, "Strong"), ("Strong", False, "Standard"),
    ("Standard", True, "Strong"), ("Strong", True, "Strong"), ("Standard", False, None),
])
def test_reading_a_cell_column(previous, blank, expected):
    from kg_builder.parse.curation import read_column
    assert read_column(previous, blank)[0] == expected


def test_a_line_of_spaces_not_an_empty_line_marks_an_empty_cell():
    from kg_builder.parse.curation import blank_cell_before
    raw = ["cell one.", "", "  ", "", "cell two.", "", "cell three."]
    assert blank_cell_before(raw, 5) is True
    assert blank_cell_before(raw, 7) is False


def test_headings_indented_like_bullets_are_headings_not_recommendations(parsed):
    std = parsed["standards"]
    texts = [r.text for r in std.recommendations]
    for heading in ("Staffing", "Assessment and Choice of Treatment"):
        assert heading not in texts
    by_start = {r.text[:60]: r for r in std.recommendations}
    supervised = next(r for t, r in by_start.items() if t.startswith("Some degree of medical supervision"))
    assert supervised.audience == "Staffing" and supervised.number.startswith("3.5.6/")
    choice = next(r for t, r in by_start.items() if t.startswith("The choice of treatment for an individual"))
    assert choice.audience == "Assessment and Choice of Treatment"
    # A bulleted sentence stays a recommendation.
    assert "Access to self-help and other support groups is available" in texts


def test_an_evidence_rating_claims_no_more_than_its_text(parsed):
    import re
    rct = {"StrongRCTEvidence", "RCTEvidence", "LimitedRCTEvidence"}
    evidence = parsed["standards"].evidence
    for e in evidence:
        if e.rating in rct:
            assert re.search(r"\bRCTs?\b|randomi[sz]ed|trials", e.text, re.I), e.text[:80]
    assert not any("weak evidence for the benefits of oral naltrexone" in e.text for e in evidence)
    # The sentence is still there to be read and cited.
    assert any("weak evidence for the benefits of oral naltrexone" in p.text for p in parsed["standards"].passages)


def _texts(parsed, doc="standards"):
    return [p.text for p in parsed[doc].passages]


def test_footnote_markers_go_whether_superscript_or_plain_digits(parsed):
    resolution = _texts(parsed, "resolution_59_4")
    assert any(t.endswith("Psychotropic Substances of 1988,") for t in resolution)
    assert any(t.endswith("the 2030 Agenda for Sustainable Development\",") for t in resolution)
    standards = " ".join(_texts(parsed))
    assert "which they should draw upon." in standards and "draw upon.10" not in standards
    assert "proposals to the offender, who then" in standards
    assert "Conventions of 1961, 1971, 1988" in standards  # years are not footnotes


def test_a_paragraph_interrupted_by_a_box_is_whole_again(parsed):
    texts = _texts(parsed)
    assert any(t.endswith("administered under supervision until the patient is stable and then take home doses "
                          "can be introduced according to local laws and an individual risk-benefit assessment.")
               for t in texts)
    assert any(t.endswith("diversion of methadone to the illicit drug market.") for t in texts)
    assert not any("illicit drug market. the patient" in t for t in texts)


def test_list_items_do_not_run_together(parsed):
    texts = _texts(parsed)
    assert not any("active drug use to treat psychiatric" in t for t in texts)
    goals = [p for p in parsed["standards"].passages if p.section == "3.5.3"]
    assert [p.text for p in goals][:2] == ["to reduce the risk of a return to active drug use",
                                          "to treat psychiatric and addictive disorders using medication and "
                                          "psychosocial therapy"]
    modality = next(m for m in parsed["standards"].modalities if m.number == "3.5")
    assert len(modality.goals) == 8
    assert any(t.endswith("Treatment services should be: • available • accessible • affordable • evidence-based "
                          "• diversified") for t in texts)


def test_chapter_five_unnumbered_headings_are_kept(parsed):
    headings = {p.heading for p in parsed["standards"].passages if p.section == "5"}
    assert "Treatment service organization model: One-stop-shop approach for the treatment and care of drug use " \
           "disorders" in headings
    assert "Treatment service organization model: Community-based approach for the treatment and care of drug " \
           "disorders" in headings
    after_table = next(p for p in parsed["standards"].passages if p.text.startswith("An important decision when"))
    assert after_table.heading != "Service level Possible interventions"


def test_every_document_has_its_publishers_web_page(tmp_path):
    from kg_builder.corpus import read_manifest
    from kg_builder.errors import CorpusError
    docs = read_manifest(Settings().corpus_dir)
    assert all(d.url.startswith("https://") for d in docs)
    manifest = (Settings().corpus_dir / "manifest.toml").read_text(encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(manifest.replace('url = "https://undocs.org/E/2016/28"',
                                                             'url = "undocs E/2016/28"'), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"manifest.toml: document #5 \(resolution_59_4\): url must be"):
        read_manifest(tmp_path)


def test_readme_says_how_each_who_strength_was_read(parsed):
    import re
    from kg_builder.config import ROOT
    from kg_builder.parse.curation import BLANK_BEFORE, FIRST_IN_BOX, FROM_TABLE, ROW_AFTER_STRONG
    words = {"first cell of its box": FIRST_IN_BOX, "line of spaces before it": BLANK_BEFORE,
             "opens the row after a Strong cell": ROW_AFTER_STRONG, "`who_columns.toml`": FROM_TABLE}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (.+?) \| (Strong|Standard) \| (.+?) \|$", readme, re.M)
    recs = [r for r in parsed["standards"].recommendations if r.strength]
    assert len(rows) == len(recs) == 11
    for (text, strength, how), r in zip(rows, recs):
        assert r.text.startswith(text.rstrip(" …")), text
        assert (r.strength, r.strength_read) == (strength, words[how]), text


# A heading the extraction put on the line right after a paragraph's last sentence
# (" Documentation" under "… the health of the mother."): a full stop, then a few words,
# every long one capitalised, and nothing after them.
TITLE_WORD = r"(?:[(‘“]?[A-Z][\w’)-]*|[a-z]{1,3}|\d+)"
GLUED_TAIL_RE = rf"(?<!\be\.g)(?<!\bi\.e)[.:?!]\s+({TITLE_WORD}(?:\s+{TITLE_WORD}){{0,5}})$"


def test_a_heading_is_not_glued_to_the_paragraph_above_it(parsed):
    import re
    std = parsed["standards"]
    rec = next(r for r in std.recommendations if r.number == "4.1.3/1")
    assert rec.text.endswith("improving the health of the mother.")
    glued = [(doc, p.text[-80:]) for doc, d in parsed.items() for p in d.passages
             if re.search(GLUED_TAIL_RE, p.text)]
    assert glued == []
    texts = [p.text for p in std.passages]
    assert not any(t.endswith(" Availability of social supports") for t in texts)
    assert not any("Figure 3 One-stop-shop approach" in t for t in texts)  # a caption, not text to cite
    # Each heads the text under it, as the PDF shows.
    def heading_of(start: str) -> str:
        return next(p.heading for p in std.passages if p.text.startswith(start))
    assert heading_of("Regardless of the type of setting") == "Documentation"
    assert heading_of("All health care staff caring for infants") == "Staff Training"
    assert heading_of("Treatment approaches for children") == "Treatment Approaches"
