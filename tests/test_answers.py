"""Answers that answer: the statements that govern a question first, quoted whole with
their kind, number and strength; every quote verbatim in the passage it cites; short
answers; questions in other languages."""
from __future__ import annotations

import re

import pytest

ID = "https://w3id.org/standards-kg/id/"
QUESTIONS = [
    "Is methadone recommended?",
    "Can treatment be imposed on someone in the criminal justice system who doesn't want it?",
    "What does resolution 59/4 ask governments to do?",
    "Should family members get naloxone?",
    "how many people with drug use disorders receive treatment",
    "what does ASI stand for",
    "what should happen when a pregnant woman uses opioids",
    "can someone be discharged for relapsing",
    "who is the recovery programme for",
    "what are the conditions for treatment as an alternative to prison",
]


def test_methadone_is_answered_with_the_who_recommendation(engine):
    r = engine.ask("Is methadone recommended?")
    first = r["answer"]["statements"][0]
    assert first["iri"] == ID + "recommendation/standards/who-15", r["answer"]["statements"]
    assert first["label"] == "WHO recommendation, Strong"
    assert r["answer"]["text"].startswith(first["text"])


@pytest.mark.parametrize("question", [
    "Can treatment be imposed on someone in the criminal justice system who doesn't want it?",
    "Can a court or prison make someone with a drug problem do treatment even if they don't want it?",
])
def test_forced_treatment_is_answered_with_the_right_to_refuse(engine, question):
    # Standard 3.5 ("should not be imposed … against their will") and the coercion paper's
    # condition 12 ("the right not to choose treatment") both govern it; one must lead.
    r = engine.ask(question)
    statements = r["answer"]["statements"]
    assert statements and statements[0]["iri"] in (ID + "standard/3.5", ID + "recommendation/coercion/condition-12"), \
        [s["label"] for s in statements]


@pytest.mark.parametrize("question", ["What do the international standards say about compulsory treatment?",
                                      "¿Qué dicen las normas internacionales sobre el tratamiento obligatorio?",
                                      "国际标准对强制戒毒有什么看法？"])
def test_what_the_standards_say_about_a_subject_is_answered_on_the_subject(engine, question):
    # Every passage of resolution 59/4 names "the international standards": asked what
    # they say about compulsory treatment, the answer led with its operative paragraph 1.
    r = engine.ask(question)
    assert all(s["kind"] != "OperativeParagraph" for s in r["answer"]["statements"]), r["answer"]["statements"]
    assert "resolution" not in r["passages"][0]["iri"]
    assert re.search(r"compulsory|involuntary|voluntary|against their will", r["answer"]["text"]), r["answer"]["text"]


@pytest.mark.parametrize("question", ["What does resolution 59/4 ask governments to do?",
                                      "¿Qué pide la resolución 59/4 a los Estados?",
                                      "Que demande la résolution 59/4 aux États ?",
                                      "ماذا يطلب القرار 59/4 من الدول؟",
                                      "第59/4号决议呼吁各国做什么？"])
def test_resolution_59_4_is_answered_with_its_operative_paragraphs(engine, question):
    r = engine.ask(question)
    kinds = [s["kind"] for s in r["answer"]["statements"]]
    assert kinds and all(k == "OperativeParagraph" for k in kinds), kinds
    assert len(r["answer"]["text"].split()) > 15  # not a bare number


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_quote_is_verbatim_in_the_passage_it_cites_and_answers_are_short(engine, question):
    r = engine.ask(question)
    assert r["answer"]["found"], question
    text = r["answer"]["text"]
    quotes = re.findall(r"(.+?) \[(\d+)\](?: |$)", text)
    assert quotes and "".join(f"{q} [{c}]" for q, c in quotes).replace(" ", "") == text.replace(" ", "")
    for quote, cite in quotes:
        assert quote.strip() in r["passages"][int(cite) - 1]["text"], (quote, cite)
        assert re.search(r"[^\W\d_]", quote), (quote, cite)   # never a paragraph's bare number ("4.")
    for s in r["answer"]["statements"]:
        assert s["text"] in r["passages"][s["passage_rank"] - 1]["text"]
    assert len(re.sub(r"\[\d+\]", "", text).split()) <= 120


@pytest.mark.parametrize("question, doc, words", [
    ("¿Deberían los familiares recibir naloxona para revertir una sobredosis?", "standards", "naloxone"),
    ("孕妇使用阿片类药物时应该接受什么治疗？", "standards", "pregnan"),
])
def test_a_question_in_another_language_finds_the_english_passages(engine, question, doc, words):
    r = engine.ask(question)
    assert r["answer"]["found"] and r["language"] in ("es", "zh")
    assert "documents are in English" in r["answer"]["note"]
    assert any(words in p["text"].lower() for p in r["passages"][:3]), [p["text"][:80] for p in r["passages"][:3]]


@pytest.mark.parametrize("question", [
    "Quel est le meilleur moment de l'année pour tailler les rosiers ?",
    "¿Cuántos días de vacaciones pagadas le corresponden por ley a un empleado en su primer año?",
    "Какие витамины лучше принимать зимой для иммунитета?",
    "如何给孩子挑选合适的自行车头盔？",
    "كيف أستعد لمقابلة عمل في شركة تقنية؟",
    "Quanto tempo devo deixar o feijão de molho antes de cozinhar?",
    # carbamazepine, which the documents never name, written by sound in Chinese
    "卡马西平可以用来治疗酒精戒断吗？",
    # a group's name kept in English, which the documents never write
    "“庆祝康复”（Celebrate Recovery）这样的教会互助小组对戒毒有帮助吗？",
])
def test_a_question_in_another_language_the_documents_do_not_cover_is_refused(engine, question):
    # Judged against the curated questions in its own language (ontology/questions/translated/).
    r = engine.ask(question)
    assert not r["answer"]["found"], (r["language"], r["answer"]["coverage"], r["answer"]["text"][:200])
    assert r["language"] != "en" and all(p["text"] for p in r["passages"])


@pytest.mark.parametrize("question", [
    "Les personnes détenues doivent-elles avoir accès au même traitement que le reste de la population ?",
    "¿Qué debe hacer el personal si una persona tiene una sobredosis de opioides?",
    "Следует ли лечить подростков отдельно от взрослых?",
    "هل يجب أن يكون العلاج متاحاً بتكلفة معقولة للأشخاص ذوي الدخل المنخفض؟",
    "孕妇可以继续使用美沙酮吗？",
    "O tratamento pode ser imposto a quem não quer?",
    # a term of the documents kept in English
    "Le « Community Reinforcement Approach » est-il efficace contre l'alcoolisme ?",
])
def test_a_question_in_another_language_the_documents_cover_is_answered(engine, question):
    r = engine.ask(question)
    assert r["answer"]["found"], (r["language"], r["answer"]["coverage"])
    assert r["answer"]["citations"]


def test_a_question_in_another_language_is_carried_to_the_tuned_encoder(engine, settings):
    """A question in Spanish, Russian or French lands, in the tuned encoder's space,
    nearest to its own English wording (search/crosslingual.py)."""
    from dataclasses import replace

    import numpy as np

    import search
    pairs = [("¿El tratamiento debe ser asequible para las personas con pocos ingresos?",
              "Should treatment be affordable for people on low incomes?"),
             ("Что нужно сделать при передозировке опиоидов?", "What should be done in an opioid overdose?"),
             ("Les adolescents doivent-ils être soignés au même endroit que les adultes ?",
              "Should adolescents be treated in the same place as adults?")]
    projected = np.array([engine.embed_tuned(engine.read(other)) for other, _ in pairs])
    english = np.array([engine.embed_tuned(engine.read(en)) for _, en in pairs])
    assert list((projected @ english.T).argmax(axis=1)) == [0, 1, 2]
    # with both its weights at 0, a question in another language has no tuned vector at all
    off = search.Engine(replace(settings, tuning=replace(settings.tuning, crosslingual_tuned_weight=0.0,
                                                         crosslingual_tuned_question_weight=0.0)))
    assert off.embed_tuned(off.read(pairs[0][0])) is None
    # fit on the curated questions' translations too, the map carries them nearer their
    # English questions' tuned vectors than a map fit on English alone
    english_only = search.Engine(replace(settings, tuning=replace(settings.tuning, project_translations=False)))
    r = engine.ranker
    sample = np.arange(0, len(r.translated_vectors), 97)
    target = r.tuned_question_vectors[r.translated_source[sample]]
    def fit(e):
        return float(np.mean([e.projection(v) @ t for v, t in zip(r.translated_vectors[sample], target)]))
    assert fit(engine) > fit(english_only) + 0.05   # measured: 0.75 against 0.63


def test_a_question_in_a_language_we_do_not_name_is_not_read_as_english(engine):
    # Italian: no rare-word refusal for words that are simply not English; e5 reads it
    r = engine.ask("Quali servizi dovrebbero essere offerti alle donne in gravidanza che usano oppioidi?")
    assert r["language"] != "en" and r["answer"]["found"], r["answer"]["coverage"]
    assert "documents are in English" in r["answer"]["note"]


@pytest.mark.parametrize("question", [
    "How should gambling disorder be treated?",
    "Is kratom a recommended treatment for opioid withdrawal?",
    "Do overdoses involving nitazenes need more naloxone?",
])
def test_things_the_documents_never_mention_are_not_answered(engine, question):
    r = engine.ask(question)
    assert not r["answer"]["found"], (r["answer"]["coverage"], r["answer"]["text"][:200])
    assert all(p["text"] for p in r["passages"])  # the nearest passages, with their text, to judge


def test_a_question_of_two_parts_is_covered_when_its_first_part_is(engine):
    # as a whole, no passage comes close enough; its first part alone does (the two
    # dimensions of treatment services), and the answer reads the whole question
    r = engine.ask("into which two dimensions are treatment services sorted, and what sits at the far ends "
                   "of each of them")
    assert r["answer"]["found"], r["answer"]["coverage"]
    assert "first part" in r["answer"]["coverage"]["reason"]
    # a later part leans on the first and is never read alone: "can it really cure
    # addiction" alone is answered, after a question on kava it is not
    assert engine.ask("can it really cure addiction")["answer"]["found"]
    assert not engine.ask("is drinking kava at parties safe, and can it really cure addiction")["answer"]["found"]


def test_the_cli_prints_the_statements_first(built, settings):
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "cli", "--build-dir", str(settings.build_dir), "ask",
                          "Is methadone recommended?"], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    body = out.stdout.split("\n", 2)[2]
    assert body.startswith("WHO recommendation, Strong:"), body[:200]
    assert out.stderr.strip() == ""


@pytest.mark.parametrize("question", ["pregnant women on methadone", "Should family members get naloxone?",
                                      "what do the modules of the policymakers training package cover"])
def test_each_cross_reference_group_shows_a_query_that_returns_its_items(engine, question):
    r = engine.ask(question)
    groups = {x["kind"] for x in r["cross_references"]}
    assert groups and groups == set(r["cross_reference_queries"])
    for group, queries in r["cross_reference_queries"].items():
        values = {t.value for q in queries for row in engine.sparql.query(q).rows for t in row if t is not None}
        for x in r["cross_references"]:
            if x["kind"] == group:
                assert x["iri"] in values, (group, x["iri"])


def test_english_questions_are_read_by_the_tuned_encoder_without_torch(built, settings):
    """The build trains the tuned encoder and ships it in build/tuned/; asking a
    question runs it in numpy, so `ask` never pays torch's import."""
    import subprocess
    import sys
    assert built.manifest["tuned_encoder"]["pairs"] > 1000
    assert {"model.safetensors", "tokenizer.json", "vectors.npz"} <= {p.name for p in (settings.build_dir / "tuned").iterdir()}
    code = ("import sys, search; from kg_builder.config import Settings; from pathlib import Path; "
            f"e = search.load(Settings(build_dir=Path({str(settings.build_dir)!r}))); "
            "r = e.ask('Is methadone recommended?'); "
            "print(r['answer']['statements'][0]['number'], 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["WHO-15", "False"], out.stdout


def test_the_tuned_encoder_can_be_switched_off(built, settings):
    from dataclasses import replace

    import search
    engine = search.Engine(replace(settings, tuned_encoder=False))
    assert engine.ranker.tuned_passage_vectors is None and engine.tuned_encoder is None
    r = engine.ask("Is methadone recommended?")
    assert r["answer"]["found"] and r["answer"]["statements"]


def test_what_works_for_a_substance_is_answered_with_its_recommendation_not_another_substances(engine):
    r = engine.ask("What treatment works for cocaine or amphetamine dependence?")
    assert r["answer"]["statements"][0]["iri"] == ID + "recommendation/standards/who-3", r["answer"]["statements"]
    assert "cannabis" not in r["answer"]["text"]
