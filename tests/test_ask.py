"""`ask`: the JSON contract, real questions, extractive answers, refusals, bad input."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from search.errors import BadQuestionError, StaleArtifactsError


def test_json_contract(engine):
    r = engine.ask("Should family members get naloxone?", k=5)
    assert set(r) == {"question", "language", "answer", "passages", "cross_references", "cross_reference_queries",
                      "concepts", "timings_ms"}
    assert set(r["answer"]) == {"found", "text", "citations", "statements", "sentences", "note", "coverage"}
    for s in r["answer"]["statements"]:
        assert set(s) == {"iri", "kind", "label", "number", "text", "strength", "passage_rank"}
    assert len(r["passages"]) >= 5
    for p in r["passages"]:
        assert set(p) == {"rank", "score", "text", "highlights", "iri", "doc_id", "doc_title", "doc_url",
                          "section", "section_title", "heading"}
        assert p["doc_url"].startswith("http")  # a citation leads to the publisher's page
    for x in r["cross_references"]:
        assert set(x) == {"kind", "iri", "label", "number", "text", "strength", "why"}
    assert set(r["timings_ms"]) == {"retrieve", "graph", "total"}
    json.dumps(r)


@pytest.mark.parametrize("question, doc, section", [
    ("Should family members and friends get naloxone?", "standards", "3.4.8.1"),
    ("what attitudes should staff show towards service users", "standards", "Principle 2"),
    ("is confidentiality kept when treatment is court ordered", "coercion", ""),
    ("who is the policymakers training package aimed at", "policymakers_training", ""),
    ("What role does resolution 59/4 give WHO in adapting the standards nationally?", "resolution_59_4", ""),
])
def test_right_document_and_section_first(engine, question, doc, section):
    top = engine.ask(question, k=3)["passages"]
    assert any(p["doc_id"] == doc and p["section"] == section for p in top), [(p["doc_id"], p["section"]) for p in top]


def test_answer_only_quotes_cited_passages(engine):
    r = engine.ask("how should continuity of care be kept between prison and community services")
    assert r["answer"]["found"]
    import re
    for sentence, cite in re.findall(r"(.+?) \[(\d+)\](?: |$)", r["answer"]["text"]):
        assert sentence.strip() in r["passages"][int(cite) - 1]["text"]


def test_pregnant_women_and_methadone_cross_references(engine):
    r = engine.ask("pregnant women on methadone")
    sections = {p["section"] for p in r["passages"]}
    assert any(s.startswith("4.1") for s in sections)
    iris = {x["iri"] for x in r["cross_references"]}
    assert "https://w3id.org/standards-kg/id/population/pregnant-women" in iris
    assert "https://w3id.org/standards-kg/id/standard/5.3" in iris or "https://w3id.org/standards-kg/id/standard/1.8" in iris


@pytest.mark.parametrize("question", ["Is kratom a recommended treatment for opioid withdrawal?",
                                      "How much does the WHO pay trainers per workshop day?",
                                      "what do the standards say about ketamine clinics",
                                      "what has Norway done to shorten waiting lists for treatment"])
def test_out_of_scope_is_refused(engine, question):
    r = engine.ask(question)
    assert r["answer"]["found"] is False and r["answer"]["citations"] == []
    assert "do not address" in r["answer"]["text"]
    assert r["passages"]  # still listed for the reader to judge


@pytest.mark.parametrize("question, names", [
    ("¿Es seguro usar kratom para dejar los opioides?", ("kratom",)),
    ("Помогает ли ибогаин при отмене опиоидов?", ("ибогаин",)),
    # the corpus's own subjects, in the language's words or as cognates, are no names
    ("¿Se recomienda la buprenorfina durante el embarazo?", ()),
    ("Можно ли стыдить пациентов, чтобы они бросили употреблять?", ()),
    ("Os tribunais podem obrigar usuários a se tratar?", ())])
def test_names_in_a_question_in_another_language(engine, question, names):
    # read against the real word lists, corpus and translated curated questions
    assert engine.read(question).rare_terms == names


@pytest.mark.parametrize("question, names", [
    ("¿Es seguro usar kratom para dejar los opioides?", ("kratom",)),
    ("Помогает ли ибогаин при отмене опиоидов?", ("ибогаин",)),
    ("¿Se recomienda la ketamina para la depresión?", ("ketamina",)),
    # the organisations named in full are no names, however English their words look
    ("O que diz a Organização Mundial da Saúde sobre a metadona?", ()),
    ("Что говорит Всемирная организация здравоохранения о метадоне?", ()),
    ("Que dit le Bureau des Nations Unies contre la drogue et le crime sur le traitement ?", ())])
def test_names_the_world_writes_alike_in_another_language(engine, question, names):
    assert engine.read(question).proper_names == names


@pytest.mark.parametrize("question, names", [
    ("¿Recomiendan las normas la terapia asistida con MDMA para el trastorno por estrés postraumático?", ("MDMA",)),
    ("Помогает ли терапия ADHD-препаратами при зависимости от стимуляторов?", ()),  # "ADHD-": a compound, no acronym
    # the organisations' acronyms in the curated translations' words: no names
    ("¿Qué recomienda la OMS sobre la metadona?", ()),
    ("Que disent les normes de l'ONUDC sur le traitement en prison ?", ())])
def test_an_acronym_the_documents_never_mean_is_a_name_in_another_language(engine, question, names):
    assert engine.read(question).proper_names == names


def test_a_question_in_another_language_about_an_acronym_the_documents_never_mean_is_refused(engine):
    r = engine.ask("¿Recomiendan las normas la terapia asistida con MDMA para el trastorno por estrés postraumático?")
    assert not r["answer"]["found"] and "MDMA" in r["answer"]["coverage"]["reason"]
    assert engine.ask("¿Qué recomienda la OMS sobre la metadona?")["answer"]["found"]


def test_a_question_naming_the_organisations_in_full_is_answered(engine):
    r = engine.ask("O que diz a Organização Mundial da Saúde sobre a metadona?")
    assert r["answer"]["found"] and "methadone" in r["answer"]["text"].lower()


@pytest.mark.parametrize("question, unfamiliar", [
    ("Faut-il jeûner avant une cure de désintoxication ?", ("jeûner",)),
    ("¿Sirven los tatuajes para recordar la abstinencia?", ("tatuajes",)),
    ("Помогает ли рыбалка выздоровлению?", ("рыбалка",)),
    # the documents' subjects as users ask about them, in all the translations' words
    ("Les personnes détenues doivent-elles avoir accès au même traitement que le reste de la population ?", ()),
    ("Следует ли лечить подростков отдельно от взрослых?", ()),
    ("O tratamento pode ser imposto a quem não quer?", ())])
def test_subject_words_no_translation_uses_are_unfamiliar(engine, question, unfamiliar):
    # read against the curated translations, embedded or kept for their words
    # (ontology/questions/translated/vocabulary/)
    assert engine.read(question).unfamiliar == unfamiliar


@pytest.mark.parametrize("question, words", [
    ("¿Pueden las embarazadas seguir tomando metadona?", {"pregnant", "methadon"}),
    ("Следует ли лечить подростков отдельно от взрослых?", {"adolesc", "adult"}),
    ("孕妇可以继续使用美沙酮吗？", {"pregnant", "methadon"}),
])
def test_a_question_in_another_language_gets_english_words_from_the_translations(engine, question, words):
    # learnt from the curated questions beside their translations (search/lexicon.py)
    q = engine.read(question)
    assert words <= set(q.gloss), q.gloss
    assert "pregnant" in q.gloss_text.split() or "adolescents" in q.gloss_text.split() \
        or "adolescent" in q.gloss_text.split(), q.gloss_text   # words the tuned encoder reads


def test_words_of_another_language_inside_an_english_question_are_no_names(engine):
    # "tratamiento obligatorio" is what Spanish speakers call a subject of the documents
    # (their curated translations use it), not a thing the documents never mention
    q = engine.read("Is the tratamiento obligatorio allowed for prisoners?")
    assert q.language == "en" and q.rare_terms == ()
    assert engine.ask("Is the tratamiento obligatorio allowed for prisoners?")["answer"]["found"]
    assert engine.read("Is a sauna good for detox?").rare_terms == ("sauna",)


def test_a_question_of_one_word_or_with_typos_is_read_in_its_language(engine):
    assert engine.read("metadona").language in ("es", "pt")     # a word of their curated translations
    assert engine.read("buprenorphine").language == "en"
    assert engine.read("How shoud metadone be dosed for opiod withdrawl?").language == "en"
    r = engine.ask("naloxona")
    assert r["answer"]["found"] and "the documents are in English" in r["answer"]["note"]


@pytest.mark.parametrize("question", ["what does a case manager do", "who are case managers"])
def test_a_short_question_answered_word_for_word_is_not_refused(engine, question):
    # Far in meaning from any long passage, but section 5 answers it in its own words.
    r = engine.ask(question)
    assert r["answer"]["found"] is True
    assert "case manage" in r["passages"][0]["text"].lower()


@pytest.mark.parametrize("question", ["", "   \n\t "])
def test_empty_question_is_an_error(engine, question):
    with pytest.raises(BadQuestionError):
        engine.ask(question)


@pytest.mark.parametrize("question", ["¿Se puede obligar a un preso a tratarse?", "💊💉?",
                                      "SELECT * WHERE { ?s ?p ?o } ; DROP ALL", "<script>alert(1)</script>",
                                      "treatment\x00\x07 in prison", "x" * 5000])
def test_odd_input_never_crashes(engine, question):
    r = engine.ask(question)
    assert isinstance(r["answer"]["found"], bool)
    assert len(r["question"]) <= 2000


def test_stale_index_is_refused(built, settings, tmp_path):
    import shutil

    from kg_builder.config import Settings
    import search
    target = tmp_path / "build"
    shutil.copytree(built.build_dir, target)
    meta = json.loads((target / "index.json").read_text())
    meta["model"] = "another-model"
    (target / "index.json").write_text(json.dumps(meta))
    with pytest.raises(StaleArtifactsError) as err:
        search.load(Settings(build_dir=target))
    assert "standards-kg build" in str(err.value)


def test_cli_ask_json_and_empty(built, settings, tmp_path):
    base = [sys.executable, "-m", "cli", "--build-dir", str(settings.build_dir), "ask"]
    out = subprocess.run(base + ["--json", "naloxone for families"], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["answer"]["found"]
    empty = subprocess.run(base + ["  "], capture_output=True, text=True, timeout=60)
    assert empty.returncode == 2 and "empty" in empty.stderr
    none = subprocess.run(base + ["-k", "0", "naloxone"], capture_output=True, text=True, timeout=60)
    assert none.returncode == 2 and "-k must be a whole number from 1 to 50" in none.stderr
    lines = tmp_path / "q.jsonl"
    lines.write_text('{"question": "naloxone"}\n{"question": "kratom clinics"}\n')
    batch = subprocess.run(base + ["--jsonl", str(lines)], capture_output=True, text=True, timeout=180)
    rows = [json.loads(line) for line in batch.stdout.splitlines()]
    assert len(rows) == 2 and rows[0]["answer"]["found"] and not rows[1]["answer"]["found"]



def test_cli_ask_bad_input_gets_one_line_saying_what_to_do(built, settings, tmp_path):
    base = [sys.executable, "-m", "cli", "--build-dir", str(settings.build_dir), "ask"]

    def run(*extra):
        out = subprocess.run(base + list(extra), capture_output=True, text=True, timeout=180)
        return out.returncode, out.stdout, out.stderr
    for missing in (str(tmp_path / "nope.jsonl"), str(tmp_path)):
        code, _, err = run("--jsonl", missing)
        assert code == 2 and "cannot read it" in err and "Traceback" not in err
    (tmp_path / "latin1.jsonl").write_bytes('{"question": "naloxone caf\xe9"}\n'.encode("latin-1"))
    code, _, err = run("--jsonl", str(tmp_path / "latin1.jsonl"))
    assert code == 2 and "not UTF-8 (line 1)" in err and "Traceback" not in err
    # a bad line is said in its own output line, and the others are answered
    (tmp_path / "mixed.jsonl").write_text('{"q": 1}\nnot json\n{"question": "naloxone for families"}\n')
    code, out, err = run("--jsonl", str(tmp_path / "mixed.jsonl"))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r.get("line") for r in rows] == [1, 2, None] and rows[2]["answer"]["found"]
    assert "'question' field" in rows[0]["error"] and "not JSON" in rows[1]["error"]
    assert "answered 1 question(s); 2 line(s) had errors" in err
    code, _, err = run("?!?... ;;; --- !!!")
    assert code == 2 and "only punctuation" in err


def test_cli_limits_must_be_positive(built, settings):
    base = [sys.executable, "-m", "cli", "--build-dir", str(settings.build_dir)]
    for extra, said in ((["sparql", "--timeout", "0", "ASK {}"], "--timeout: must be a positive number"),
                        (["sparql", "--max-rows", "0", "ASK {}"], "--max-rows: must be a whole number"),
                        (["quiz", "-n", "0"], "-n: must be a whole number")):
        out = subprocess.run(base + extra, capture_output=True, text=True, timeout=60)
        assert out.returncode == 2 and said in out.stderr, out.stderr



def test_cli_quiz_says_when_it_makes_fewer_questions_than_asked(built, settings, tmp_path):
    out = subprocess.run([sys.executable, "-m", "cli", "--build-dir", str(settings.build_dir), "quiz", "-n", "5000",
                          "--format", "json", "--out", str(tmp_path / "q.json")],
                         capture_output=True, text=True, timeout=300)
    made = len(json.loads((tmp_path / "q.json").read_text())["items"])
    assert out.returncode == 0 and 0 < made < 5000
    assert f"note: {made} questions, not 5000" in out.stderr


def test_abbreviations_from_the_corpus_and_the_field(engine):
    expanded = engine.reader.expander.expand("does OAMT work, and what does WHO say?")
    assert "Opioid Agonist Maintenance Treatment" in expanded
    assert "World Health Organization" in expanded
    # The long form brings the abbreviation too; a question without one is unchanged.
    assert "SBIRT" in engine.reader.expander.expand("screening, brief intervention and referral to treatment")
    assert engine.reader.expander.expand("naloxone for families") == "naloxone for families"
    # the field's own abbreviations, which the documents write out in other words
    assert "opioid agonist maintenance treatment" in engine.reader.expander.expand("OST in prisons?")
    assert engine.ask("OST in prisons?")["answer"]["found"]


def test_a_list_is_found_as_a_whole(engine):
    top = engine.ask("what are the WHO steps of a brief intervention after ASSIST screening", k=3)["passages"]
    assert "9. Giving clients take-home materials" in top[0]["text"]


@pytest.mark.parametrize("question, found", [
    ("what does resolution 59/4 ask of member states?", True),   # names a document of the collection
    ("what does standard 2.3 say", True),                         # names an item
    ("what does the coercion paper say about ketamine clinics", False),  # names a document, asks what it lacks
    ("principle 9", False),                                       # there are seven
    # the coercion paper named by its title in French, Italian, Chinese
    ("Quels sont les principes de l'approche « de la coercition à la cohésion » ?", True),
    ('Quali sono i principi dell\'approccio "dalla coercizione alla coesione"?', True),
    ("《从强制到凝聚》的主要观点是什么？", True),
    # the training package named by what it is and for whom, in users' words
    ("¿El curso para responsables políticos tiene un temario fijo o se eligen módulos según el país?", True),
    ("is the course for officials the same in every country?", True),
])
def test_questions_naming_our_documents_and_items(engine, question, found):
    assert engine.ask(question)["answer"]["found"] is found


def test_answer_sentences_follow_the_questions_concepts(engine):
    # "forced … prison" shares few words with the passages; the vocabulary links it to
    # compulsory treatment and the criminal justice system.
    r = engine.ask("can treatment be forced on someone in prison?")
    assert r["answer"]["found"]
    standards = [x["label"] for x in r["cross_references"] if x["kind"] == "Standard"]
    assert standards[0] == "Standard 3.5"  # "should not be imposed … against their will"
    principle = next(x for x in r["cross_references"] if x["kind"] == "Principle")
    assert principle["why"] == "principle of Standard 3.5"   # the statement's own label, whatever its kind
    assert re.search(r"consent|compulsory|against (?:their|his or her) will", r["answer"]["text"], re.I)


@pytest.mark.parametrize("question, section", [
    ("what are the goals of outpatient treatment", "3.4.3"),
    ("what are the goals of community-based outreach", "3.1.3"),
    ("goals of short-term residential treatment", "3.3.2"),
])
def test_a_subsection_is_found_by_the_part_it_belongs_to(engine, question, section):
    # Every modality has a "Goals" subsection; only the enclosing title tells them apart.
    top = engine.ask(question, k=3)["passages"]
    assert top[0]["section"] == section, [p["section"] for p in top]


def test_a_lead_in_without_content_is_not_offered_as_a_passage(engine):
    # "In this situation:" heads the coercion paper's fifteen conditions; its embedding is
    # mostly the section title, so it used to come first for questions on that section.
    top = engine.ask("good practice for criminal justice referrals to treatment", k=3)["passages"]
    assert all(len(p["text"].split()) >= 6 for p in top), [p["text"] for p in top]
    assert top[0]["section_title"].startswith("Good practice for criminal justice")


@pytest.mark.parametrize("question, label", [("What does standard 2.2 say?", "Standard 2.2"),
                                             ("What is standard 3.5?", "Standard 3.5"),
                                             ("what does condition 13 say", "Condition 13")])
def test_a_question_naming_an_item_is_answered_with_its_wording(engine, question, label):
    # a trainer asks for an item by number: its exact wording leads, nothing from elsewhere
    a = engine.ask(question)["answer"]
    assert a["found"] and a["statements"][0]["label"] == label
    assert set(a["citations"]) == {a["statements"][0]["passage_rank"]}
    assert a["text"].count(a["statements"][0]["text"][:60]) == 1   # not quoted again as "2.2 Informed …"


def test_a_resolutions_paragraphs_are_cross_referenced_as_such_with_their_text(engine):
    # a preambular paragraph ("Recalling …") asks nothing: not listed as a recommendation
    r = engine.ask("What does resolution 59/4 ask member states to do?")
    paragraphs = [x for x in r["cross_references"] if "/resolution_59_4/" in x["iri"]]
    assert paragraphs and all(x["kind"] == "ResolutionParagraph" for x in paragraphs)
    from search.answer import answer_plain
    text = answer_plain(r)
    first = paragraphs[0]
    assert f"“{first['text'][:40]}" in text   # the terminal shows what each one says, not its label alone


@pytest.mark.parametrize("question, principle", [("What is Principle 2?", "Principle 2"),
                                                 ("¿Qué dice el principio 3?", "Principle 3")])
def test_a_principle_asked_for_by_number_is_answered_from_its_description(engine, question, principle):
    r = engine.ask(question)
    assert r["answer"]["found"], r["answer"]
    cited = {p["rank"]: p for p in r["passages"]}
    first = cited[r["answer"]["citations"][0]]
    assert first["section"] == principle and first["text"].startswith("Description:")
