"""Fast tests of the search parts, one by one, with no build: question reading,
ranking signals, coverage, answer composition, the embedding cache and the curated
questions' anchors."""
from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from kg_builder.embed_cache import cached_encode
from kg_builder.errors import ValidationError
from kg_builder.questions import read_questions, read_translated_questions
from kg_builder.tuning import Tuning
from search.answer import Quote, StatementQuote, StatementRecord, UnitStore, compose, duration_first, with_the_list
from search.coverage import judge, language_offsets, offset_of
from search.language_words import LanguageWords, arabic_forms, english_cognate, english_names, words_of
from search.crossrefs import passages_query
from search.lexical import BM25
from search.answer import score_sentences
from kg_builder.link import ConceptMatcher
from search.abbreviations import Acronyms, Expander
from search.question import (NORMATIVE_RE, Question, QuestionReader, answer_type, common_derivative, detect_language,
                             leading_part)
from search.crosslingual import Projection
from search.ranking import Ranking, Signals, mix, question_signal
from search.speaker import without_speaker
from search.lexicon import Lexicon, foreign_words


@pytest.mark.parametrize("text, lang", [
    ("Should family members get naloxone?", "en"),
    ("¿Se puede obligar a una persona a recibir tratamiento?", "es"),
    ("Quels services doivent être offerts aux femmes enceintes ?", "fr"),
    ("O tratamento deve ser voluntário para as pessoas presas?", "pt"),
    ("Можно ли заставить человека лечиться?", "ru"),
    ("هل يجب أن يكون العلاج طوعيا؟", "ar"),
    ("孕妇应该接受什么治疗？", "zh"),
    ("Sollten Hausärzte ihre Patienten routinemäßig nach Drogenkonsum fragen?", "de"),
])
def test_language_of_a_question(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text, normative", [
    ("Is methadone recommended?", True),
    ("Can treatment be imposed on someone in the criminal justice system who doesn't want it?", True),
    ("What does resolution 59/4 ask governments to do?", True),
    ("¿Se debe obligar a alguien a recibir tratamiento?", True),
    ("孕妇应该接受什么治疗？", True),
    # what a resolution asks, in other languages too
    ("¿Qué pide la resolución 59/4 a los Estados?", True),
    ("Que demande la résolution 59/4 aux États ?", True),
    ("Что просит резолюция 59/4 от государств?", True),
    ("Что требует резолюция 59/4?", True),
    ("ماذا يطلب القرار 59/4 من الدول؟", True),
    ("What treatment works for cocaine or amphetamine dependence?", True),   # what is effective: recommended
    ("which approach works best with adolescents", True),
    ("how does the brain's reward system work", False),
    ("la demande de traitement augmente-t-elle ?", False),   # demand, not a request
    ("how many people need treatment worldwide", False),
    ("What does ASI stand for?", False),
])
def test_normative_questions_are_told_apart(text, normative):
    assert bool(NORMATIVE_RE.search(text)) is normative


@pytest.mark.parametrize("text, kind", [
    ("How long does the tablet take to dissolve?", "time"),
    ("Roughly how many people have serious drug problems?", "number"),
    ("Why does the training stress monitoring and evaluation?", "reason"),
    ("What kinds of support can recovery management include?", "list"),
    ("Should treatment be voluntary?", None),
])
def test_the_kind_of_answer_a_question_asks_for(text, kind):
    assert answer_type(text) == kind


@pytest.mark.parametrize("text, kind", [
    ("Combien de temps doit durer un traitement à la méthadone ?", "time"),
    ("¿Cuánto tiempo debe durar el tratamiento con metadona?", "time"),
    ("Сколько времени должно длиться лечение метадоном?", "time"),
    ("كم من الوقت يجب أن يستمر العلاج بالميثادون؟", "time"),
    ("美沙酮维持治疗应该持续多久？", "time"),
    ("Почему зависимость лечат как долгосрочное состояние?", None),   # "как долго" inside a word
    ("¿Cuántas personas necesitan tratamiento?", None),   # only a duration is read in other languages
])
def test_a_duration_is_asked_for_in_other_languages(text, kind):
    assert answer_type(text, english=False) == kind


def test_a_how_long_question_leads_with_the_statement_that_holds_a_duration():
    dose = StatementQuote("d", "WHORecommendation", "WHO-18", "Doses should be 60–120 mg per day.", "Strong", 0, 1.40)
    other = StatementQuote("o", "Condition", "11", "Treatment should be continued while it helps.", "", 1, 1.38)
    span = StatementQuote("s", "Standard", "4.6", "There should be no pre-set limits in the duration of treatment.",
                          "", 5, 1.10)
    led = duration_first([dose, other, span], window=0.4)
    assert [s.number for s in led] == ["4.6", "WHO-18", "11"]
    assert led[0].score == dose.score   # the statements after it keep their margin to the best
    # too far behind, or no duration at all: the order stands
    assert duration_first([dose, other, span], window=0.2) == [dose, other, span]
    assert duration_first([dose, other], window=0.4) == [dose, other]


@pytest.mark.parametrize("text, first", [
    ("along which two axes can programmes be arranged, and what lies at each end", "along which two axes can "
     "programmes be arranged"),
    ("in how many ways are programmes sorted and is medication one of them", "in how many ways are programmes sorted"),
    ("¿Con qué dos criterios se clasifican los programas? ¿Y la atención diurna?",
     "¿Con qué dos criterios se clasifican los programas?"),
    ("这项决议有没有提到让治疗更容易获得？它称赞的是谁的工作？", "这项决议有没有提到让治疗更容易获得？"),
    ("what is kambo, and can it cure addiction", None),          # a first part too short to stand alone
    ("how should cannabis use by adolescents be treated", None),  # one part
    ("what do standards and principles say about consent", None),  # "and" between nouns splits nothing
])
def test_the_first_part_of_a_question_of_several(text, first):
    assert leading_part(text, 4) == first


def test_a_sentence_that_holds_what_is_asked_for_comes_first():
    # two sentences equally close by meaning and words; only one says how long
    sentences = ["The tablet is placed under the tongue.", "It can take up to 15 minutes to dissolve."]
    units = sentences_only(sentences, [0, 0], [unit([1, 0, 0]), unit([1, 0, 0])])
    asked = question("how long does the tablet take under the tongue", answer_type="time")
    best = score_sentences(asked, unit([1, 0, 0]), [0], units, lambda t: 1.0, Tuning())[0]
    assert best.text.startswith("It can take up to 15 minutes")
    plain = score_sentences(replace(asked, answer_type=None), unit([1, 0, 0]), [0], units, lambda t: 1.0, Tuning())[0]
    assert plain.text.startswith("The tablet")     # without the answer type, the words decide


def test_a_quoted_sentence_brings_the_next_one_when_that_one_continues_it():
    sentences = ["Countries with severe penalties for possession have more drug users in prison.",
                 "This approach does not appear to deter drug use.", "Treatment costs less."]
    units = sentences_only(sentences, [0, 0, 0], [unit([1, 0, 0]), unit([0, 1, 0]), unit([0, 0, 1])])
    asked = question("do severe penalties for possession put people off")
    c = compose(asked, unit([1, 0.05, 0.3]), [0], units, lambda t: 1.0, Tuning(max_explanations=1))
    assert [q.text for q in c.sentences] == sentences[:2]
    c = compose(asked, unit([1, 0.05, 0.3]), [0], units, lambda t: 1.0, Tuning(max_explanations=1, max_words=14))
    assert [q.text for q in c.sentences] == sentences[:1]      # no room: the budget holds


def test_the_best_sentence_is_completed_before_a_weaker_one_takes_the_room():
    # the best sentence says what a pregnant woman is not; the next one, "Rather, ...", what she is
    sentences = ["A pregnant woman should not be seen as a passive patient.",
                 "Rather, she should be actively participating in treatment decisions.",
                 "Pregnant women need coordinated care from several services at once."]
    units = sentences_only(sentences, [0, 0, 1], [unit([1, 0, 0]), unit([0, 1, 0]), unit([0.9, 0, 0.44])])
    asked = question("should a pregnant woman have a say in her treatment")
    c = compose(asked, unit([1, 0, 0.2]), [0, 1], units, lambda t: 1.0, Tuning(max_words=22))
    assert [q.text for q in c.sentences] == sentences[:2]
    c = compose(asked, unit([1, 0, 0.2]), [0, 1], units, lambda t: 1.0, Tuning(max_words=40))
    assert [q.text for q in c.sentences] == sentences     # with room, the second sentence too


def test_a_question_in_another_language_chooses_sentences_by_borrowed_english_words():
    # two sentences equally close by meaning; only one holds the curated question's words
    sentences = ["Services should be open in the evening.", "Naloxone should be given to family members."]
    units = sentences_only(sentences, [0, 0], [unit([1, 0, 0]), unit([1, 0, 0])])
    spanish = question("¿Deberían los familiares recibir naloxona?", language="es")
    idf = lambda t: 1.0  # noqa: E731
    alone = score_sentences(spanish, unit([1, 0, 0]), [0], units, idf, Tuning())
    assert alone[0].score == alone[1].score                  # no words of its own in English
    borrowed = score_sentences(spanish, unit([1, 0, 0]), [0], units, idf, Tuning(),
                               borrowed_words="Should family members be given naloxone?")
    assert borrowed[0].text.startswith("Naloxone") and borrowed[0].score > borrowed[1].score


def test_the_words_of_the_nearest_curated_questions_are_borrowed():
    from types import SimpleNamespace

    from search.engine import Engine
    from search.ranking import Ranker
    texts = ["Is naloxone given to families?", "How long is detox?", "Should families get naloxone kits?"]
    vectors = np.stack([unit([1, 0, 0]), unit([0, 1, 0]), unit([0.9, 0.2, 0])])
    # the ranking keeps the question's cosine to every curated question: borrowed from there
    ranker = Ranker(bm25=BM25(["a", "b"]), passage_vectors=np.stack([unit([1, 0, 0]), unit([0, 1, 0])]),
                    question_vectors=vectors, question_passage=np.array([0, 1, 0]),
                    sentence_vectors=np.zeros((0, 3), np.float32), sentence_passage=np.zeros(0, np.int64),
                    passage_concepts=[frozenset(), frozenset()], doc_of=np.array(["d", "d"]),
                    kind_of=np.array(["", ""]), words_of=np.array([20.0, 20.0]), tuning=Tuning())
    spanish = question("¿Se da naloxona a las familias?", language="es")
    signals = ranker.signals(spanish, unit([1, 0.05, 0]))
    two = SimpleNamespace(tuning=Tuning(borrowed_questions=2), question_texts=texts, ranker=ranker)
    assert Engine.borrowed_words(two, signals) == "Is naloxone given to families? Should families get naloxone kits?"
    off = SimpleNamespace(tuning=Tuning(borrow_curated_words=False), question_texts=texts, ranker=ranker)
    assert Engine.borrowed_words(off, signals) == ""
    # a translation of "How long is detox?" in the question's own words brings its English wording nearest
    ranker.translated_vectors = np.stack([unit([1, 0.05, 0])])
    ranker.translated_source = np.array([1])
    one = SimpleNamespace(tuning=Tuning(borrowed_questions=1), question_texts=texts, ranker=ranker)
    assert Engine.borrowed_words(one, ranker.signals(spanish, unit([1, 0.05, 0]))) == "How long is detox?"


def test_a_question_in_another_language_weighs_the_curated_questions_more():
    # passage 0 is closest as a whole, passage 1 answers a curated question nearly word for word
    s = Signals(dense=np.array([0.9, 0.85, 0.1]), bm25=np.zeros(3), questions=np.array([0.7, 0.95, 0.1]),
                sentences=np.zeros(3))
    t = Tuning(fusion_top=3)
    assert np.argmax(mix(s, english=False, t=t)) == 1
    assert np.argmax(mix(s, english=False, t=replace(t, crosslingual_question_weight=0.02))) == 0


def question(text="q", **kw) -> Question:
    base = dict(text=text, expanded=text, language="en", normative=False, concepts=frozenset(),
                documents=frozenset(), items=(), sections=(), names_unknown_item=False, rare_terms=(), kinds=())
    return Question(**{**base, **kw})


def reader_of(corpus: list[str]) -> QuestionReader:
    bm25 = BM25(corpus)
    words = {w for text in corpus for w in text.lower().replace(".", " ").split()}
    return QuestionReader(bm25=bm25, expander=Expander({}), matcher=ConceptMatcher([]), doc_aliases={},
                          numbered={}, section_passages={}, corpus_words=words,
                          wordpieces=frozenset("why has cut waiting lists how did courts treat drug users what does say "
                                               "guidance too is recommended by norwegian".split()))


def test_an_acronym_is_the_documents_when_they_define_it_or_spell_its_long_form():
    texts = ["People in the criminal justice system should have access to treatment.",
             "The Addiction Severity Index (ASI) is used; justice, in its system, is slow."]
    acronyms = Acronyms(texts, {"ASI": "Addiction Severity Index", "WHO": "World Health Organization"})
    assert acronyms.knows("ASI") and acronyms.knows("WHO")
    assert acronyms.knows("CJS")                      # criminal justice system, one phrase
    assert acronyms.knows("OMS", {"oms", "tratamiento"})  # a word of a curated translation
    assert not acronyms.knows("EMDR") and not acronyms.knows("OMS")
    assert not acronyms.knows("JIS")                  # initials across a comma spell nothing
    assert acronyms.unknown("¿Recomiendan la terapia EMDR y la OMS?", {"oms"}) == ["EMDR"]
    assert acronyms.unknown("WHAT DOES THE WHO SAY ABOUT EMDR") == []   # written in capitals


def test_a_name_the_documents_never_use_is_a_rare_term_however_common_the_word():
    reader = reader_of(["Treatment in prisons should follow the Standards of UNODC.", "Scotland is not here."])
    assert reader.read("why has Norway cut waiting lists for treatment").rare_terms == ("norway",)
    assert reader.read("how did the Philippines' courts treat drug users").rare_terms == ("philippines",)
    # a name the documents use, possessive or not, and the first word of a sentence are no names
    assert reader.read("what does UNODC's guidance say? Norwegian prisons too").rare_terms == ()
    assert reader.read("does Scotland follow the Standards in prisons").rare_terms == ()
    # in title case capitals name nothing
    assert reader.read("Is Treatment Recommended In Norwegian Prisons By The Standards").rare_terms == ()


def test_an_everyday_word_with_a_deriving_suffix_is_no_rare_term():
    pieces = frozenset("job less fund care".split())
    assert common_derivative("joblessness", pieces, set())     # jobless = job + less
    assert common_derivative("funders", pieces, set())
    assert common_derivative("treaters", pieces, {"treat"})    # a corpus word's derivative
    # what is left must be a word of its own: no name loses its rarity by its ending
    assert not common_derivative("kratom", pieces, set())
    assert not common_derivative("nitazenes", pieces, set())
    assert not common_derivative("fers", pieces, {"f"})


def test_a_name_in_latin_letters_inside_another_script_is_a_rare_term_and_a_proper_name():
    reader = reader_of(["Treatment in prisons should follow the Standards of UNODC and its ASSIST tool."])
    assert reader.read("学生为了考前突击复习而服用的阿得拉（Adderall）药片危险吗？").rare_terms == ("adderall",)
    # kept in its own letters, it is written alike the world over: the names' closeness
    assert reader.read("像Sublocade这样每月注射一次的丁丙诺啡更好吗？").proper_names == ("sublocade",)
    # a name the documents use is none; nor is a Spanish or French word, in a Latin script
    assert reader.read("Что такое инструмент ASSIST от УНП ООН?").rare_terms == ()
    assert reader.read("¿Es seguro usar kratom en casa para dejar los opioides?").rare_terms == ()


def test_a_word_of_no_language_and_no_corpus_is_a_name_in_another_language():
    words = LanguageWords({"buprenorphine", "treatment", "opioids"},
                          {"es": ["¿Qué tratamiento se recomienda para el cribado?"],
                           "ru": ["Какое лечение рекомендуется?"]}, frozenset({"online"}))
    assert words.unknown_names("¿Es seguro usar kratom en casa para dejar los opioides?", "es") == ["kratom"]
    assert words.unknown_names("¿Sirve la ketamina para la depresión?", "es") == ["ketamina"]
    # forms of common words ("gritarles", "humillarlos"), cognates of the corpus's words,
    # words of the translated curated questions and English words are none
    assert words.unknown_names("¿Se puede gritarles o humillarlos durante el tratamiento?", "es") == []
    assert words.unknown_names("¿Se recomienda la buprenorfina? ¿Y el cribado online?", "es") == []
    assert words.unknown_names("Помогает ли ибогаин при отмене опиоидов?", "ru") == ["ибогаин"]
    assert words.unknown_names("Можно ли стыдить пациентов?", "ru") == []
    assert words.unknown_names("氯胺酮能治疗抑郁症吗？", "zh") == []   # no spaces to find words by
    # nor in a language without curated translations, whose compounds are all rare
    assert words.unknown_names("Was passiert mit drogenabhängigen Menschen nach dem Gefängnis?", "de") == []


@pytest.mark.parametrize("question, read", [
    ("What do the international standards say about compulsory treatment?", "What do say about compulsory treatment?"),
    ("What do the UNODC-WHO standards recommend for prisoners?", "What do recommend for prisoners?"),
    ("According to the standards, should treatment be affordable?", "should treatment be affordable?"),
    ("¿Qué dicen las normas internacionales sobre el tratamiento obligatorio?", "¿Qué dicen sobre el tratamiento obligatorio?"),
    ("Que disent les normes internationales sur le traitement obligatoire ?", "Que disent sur le traitement obligatoire?"),
    ("Что говорят международные стандарты о принудительном лечении?", "Что говорят о принудительном лечении?"),
    ("国际标准对强制戒毒有什么看法？", "对强制戒毒有什么看法？"),
    # the name as the subject, not the speaker, stays
    ("Who wrote the international standards?", "Who wrote the international standards?"),
    ("when were the revised standards launched according to the training package",
     "when were the revised standards launched according to the training package"),
    ("What does the resolution ask UNODC to do?", "What does the resolution ask UNODC to do?"),
    # WHO's recommendations are statements of their own: "WHO" says what is asked for
    ("What does WHO recommend for opioid withdrawal?", "What does WHO recommend for opioid withdrawal?"),
    # nothing left to ask about
    ("What do the standards say?", "What do the standards say?"),
])
def test_the_standards_named_as_speaker_are_read_without_their_name(question, read):
    assert without_speaker(question) == read


def test_a_lexicon_learnt_from_question_pairs_gives_english_words():
    pairs = [("¿Pueden las embarazadas tomar metadona?", "Can pregnant women take methadone?"),
             ("¿Qué tratamiento necesitan las embarazadas?", "What treatment do pregnant women need?"),
             ("¿Se recomienda la metadona?", "Is methadone recommended?"),
             ("¿Cuánto dura el tratamiento con metadona?", "How long does methadone treatment last?"),
             ("¿Hay tratamiento en prisión?", "Is there treatment in prison?")]
    lexicon = Lexicon.learn("es", pairs, min_pairs=2, min_probability=0.3, max_senses=1, iterations=5)
    # each word's companion across pairs, as BM25 terms (stems); "prisión" is in one pair only
    assert lexicon.gloss("¿Metadona para embarazadas en prisión?") == ("methadon", "pregnant")
    assert Lexicon.learn("es", pairs, min_pairs=1, min_probability=0.3, max_senses=1, iterations=5).gloss("prisión") == ("prison",)
    # as words the tuned English encoder reads, in the English questions' own forms
    assert lexicon.english(("methadon", "pregnant")) == "methadone pregnant"
    # Chinese is counted in pairs of characters
    assert foreign_words("美沙酮吗", "zh") == ["美沙", "沙酮", "酮吗"]
    assert foreign_words("Hilft Methadon?", "xx") == []


def test_a_question_in_another_language_ranks_by_its_english_words():
    bm25 = BM25(["methadone maintenance treatment", "naloxone for families", "prison health services"])
    assert bm25.term_scores(("prison",)).argmax() == 2
    assert not bm25.term_scores(()).any()
    signals = Signals(dense=np.array([0.8, 0.8, 0.8], np.float32), bm25=bm25.term_scores(("prison",)),
                      questions=np.zeros(3, np.float32), sentences=np.zeros(3, np.float32))
    t = Tuning(crosslingual_bm25_weight=0.2)
    assert mix(signals, english=False, t=t).argmax() == 2
    assert mix(signals, english=False, t=replace(t, crosslingual_bm25_weight=0.0)).std() == 0


def test_coverage_of_another_language_is_judged_by_the_tuned_cosines_it_is_given():
    # the ranking's tuned cosines come from the carried vector joined by the English
    # words' reading; the language offsets were read from the carried vector alone
    bm25 = BM25(["methadone maintenance treatment", "naloxone for families"])
    t = Tuning(translated_coverage_weight=1.5, crosslingual_passage_coverage_weight=0.25,
               crosslingual_min_closeness=2.26)
    ranked = ranking([0.84, 0.2], tuned_dense=[0.5, 0.1], translated=[0.88, 0.8])   # closeness 2.285
    assert judge(question(language="es"), ranked, [0, 1], bm25, t).covered
    assert not judge(question(language="es"), ranked, [0, 1], bm25, t,
                     tuned_dense=np.array([0.3, 0.1], np.float32)).covered       # 2.235


def test_a_name_the_world_writes_alike_is_told_from_a_word_that_looks_english():
    # the English word a name writes in its own letters, read through the large English list
    assert english_cognate("ketamina") == "ketamine"
    assert english_cognate("ибогаин") == "ibogaine"
    assert english_cognate("sofosbuvir") == "sofosbuvir"
    assert english_cognate("emparejándolos") is None
    assert english_cognate("الكراتوم") is None      # without its vowels, matches are chance
    # a word its own language uses often is its word, however English it looks
    assert english_names(["ketamina", "solidez", "motoristas"], "pt") == ["ketamina"]
    assert english_names(["adderall"], "zh") == ["adderall"]   # a name in Latin letters inside Chinese


def test_an_arabic_word_with_its_vowel_marks_is_one_word():
    assert words_of("أُجبروا على العلاج") == ["أجبروا", "على", "العلاج"]
    assert words_of("Qu'est-ce que le krokodil ?") == ["qu", "est", "ce", "que", "le", "krokodil"]


def test_a_name_the_world_writes_alike_asks_more_closeness_than_other_rare_words():
    bm25 = BM25(["methadone maintenance treatment", "naloxone for families"])
    t = Tuning(translated_coverage_weight=1.5, crosslingual_passage_coverage_weight=0.25,
               crosslingual_min_closeness=2.26, crosslingual_rare_term_closeness=2.31,
               crosslingual_proper_name_closeness=0.05)
    closest = ranking([0.86, 0.2], tuned_dense=[0.5, 0.1], translated=[0.9, 0.8])   # 2.335
    assert judge(question(language="es", rare_terms=("cancelen",)), closest, [0, 1], bm25, t).covered
    assert not judge(question(language="es", rare_terms=("ketamina",), proper_names=("ketamina",)),
                     closest, [0, 1], bm25, t).covered
    closer_still = ranking([0.88, 0.2], tuned_dense=[0.5, 0.1], translated=[0.92, 0.8])   # 2.385
    assert judge(question(language="es", rare_terms=("ketamina",), proper_names=("ketamina",)),
                 closer_still, [0, 1], bm25, t).covered


def test_a_lone_capitalised_word_is_a_name_in_another_language_and_an_organisation_is_none():
    words = LanguageWords({"methadone", "treatment", "overdose"},
                          {"fr": ["Quels traitements recommande-t-on après une surdose ?"],
                           "pt": ["O que se recomenda sobre a metadona?"], "ru": ["Что рекомендуется?"]})
    assert words.capitalised_names("Pourquoi l'Islande a-t-elle si peu de surdoses ?", "fr") == ["islande"]
    assert words.capitalised_names("Почему в Таиланде лечат принудительно?", "ru") == ["таиланде"]
    # a run of capitals joined by small words names an organisation; the bodies the
    # documents speak of are none in any case; a sentence's first word names nothing
    assert words.capitalised_names("O que diz o Fundo Global de Combate sobre a metadona?", "pt") == []
    assert words.capitalised_names("O que diz a Organização Mundial da Saúde sobre a metadona?", "pt") == []
    assert words.capitalised_names("Что говорит Всемирная организация здравоохранения о метадоне?", "ru") == []
    assert words.capitalised_names("Islande : que recommande-t-on ? Norvège aussi.", "fr") == []
    # title case names nothing; nor does German, whose nouns all take capitals
    assert words.capitalised_names("Que Recommande L'Islande Pour La Surdose", "fr") == []
    assert words.capitalised_names("Was empfiehlt Island bei Überdosis?", "de") == []


def test_subject_words_the_translations_never_use_are_unfamiliar():
    words = LanguageWords({"methadone", "treatment"},
                          {"fr": ["Quels traitements recommande-t-on aux familles ?"]})
    # "sauna" and "transpirer": no translation's word, no corpus cognate, not among
    # French's commonest words
    assert words.unfamiliar_words("Transpirer dans un sauna élimine-t-il la méthadone ?", "fr") == \
        ["transpirer", "sauna", "élimine"]
    # a form of a translation's word ("traitement", "familles"), a cognate ("méthadone")
    # and the commonest words ("dans", "pour") are familiar
    assert words.unfamiliar_words("Un traitement pour la famille sous méthadone ?", "fr") == []
    assert words.unfamiliar_words("蒸桑拿能排毒吗？", "zh") == []     # no spaces to find words by
    assert words.unfamiliar_words("Hilft eine Sauna beim Entzug?", "de") == []   # no translations


def test_each_unfamiliar_word_asks_a_little_more_closeness():
    bm25 = BM25(["methadone maintenance treatment", "naloxone for families"])
    t = Tuning(translated_coverage_weight=1.5, crosslingual_passage_coverage_weight=0.25,
               crosslingual_min_closeness=2.26, crosslingual_unfamiliar_word_closeness=0.04,
               unfamiliar_words_counted=1)
    near = ranking([0.84, 0.2], tuned_dense=[0.5, 0.1], translated=[0.88, 0.8])    # closeness 2.285
    assert judge(question(language="fr"), near, [0, 1], bm25, t).covered
    assert not judge(question(language="fr", unfamiliar=("sauna",)), near, [0, 1], bm25, t).covered
    closer = ranking([0.85, 0.2], tuned_dense=[0.5, 0.1], translated=[0.89, 0.8])  # 2.31
    # counted up to unfamiliar_words_counted: more such words ask no more
    assert judge(question(language="fr", unfamiliar=("sauna", "transpirer")), closer, [0, 1], bm25, t).covered


def test_a_name_in_another_language_needs_a_closer_passage():
    bm25 = BM25(["methadone maintenance treatment", "naloxone for families"])
    t = Tuning(translated_coverage_weight=1.5, crosslingual_passage_coverage_weight=0.25,
               crosslingual_min_closeness=2.26, crosslingual_rare_term_closeness=2.31)
    near = ranking([0.84, 0.2], tuned_dense=[0.5, 0.1], translated=[0.86, 0.8])   # closeness 2.255
    nearer = ranking([0.84, 0.2], tuned_dense=[0.5, 0.1], translated=[0.88, 0.8])  # 2.285: covered
    assert judge(question(language="es"), nearer, [0, 1], bm25, t).covered
    assert not judge(question(language="es", rare_terms=("kratom",)), nearer, [0, 1], bm25, t).covered
    assert not judge(question(language="es", rare_terms=("kratom",)), near, [0, 1], bm25, t).covered
    closest = ranking([0.86, 0.2], tuned_dense=[0.5, 0.1], translated=[0.9, 0.8])   # 2.335
    assert judge(question(language="es", rare_terms=("kratom",)), closest, [0, 1], bm25, t).covered


def unit_vector(*xs) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_language_offsets_come_from_the_curated_translations():
    t = Tuning(translated_coverage_weight=1.5, crosslingual_passage_coverage_weight=0.25)
    passages = np.stack([unit_vector(1, 0, 0), unit_vector(0, 1, 0)])
    # two English questions, each translated into French (close to its passage) and
    # Russian (further from the passages and from the other question)
    translated = np.stack([unit_vector(1, 0.1, 0), unit_vector(0.1, 1, 0), unit_vector(1, 0, 0.8), unit_vector(0, 1, -0.8)])
    source = np.array([0, 1, 0, 1])
    languages = np.array(["fr", "fr", "ru", "ru"])
    offsets = language_offsets(passages, translated, source, languages, passages,
                               Projection(np.eye(3, dtype=np.float32)), t)
    assert offsets["fr"] > 0 > offsets["ru"]
    assert offsets["fr"] == pytest.approx(-offsets["ru"])
    # a language without translations of its own gets the lowest floor
    assert offset_of("de", offsets) == offsets["ru"] and offset_of("fr", offsets) == offsets["fr"]
    assert offset_of("de", {}) == 0.0
    # a language whose questions come closer needs to come closer to be covered
    bm25 = BM25(["methadone maintenance treatment", "naloxone for families"])
    t = Tuning(translated_coverage_weight=1.5, crosslingual_passage_coverage_weight=0.25,
               crosslingual_min_closeness=2.26)
    r = ranking([0.81, 0.2], tuned_dense=[0.5, 0.1], translated=[0.93, 0.8])   # closeness 2.33
    assert judge(question(language="ru"), r, [0, 1], bm25, t, offset=-0.02).covered
    assert not judge(question(language="fr"), r, [0, 1], bm25, t, offset=0.08).covered


def test_a_question_asking_for_a_list_is_answered_with_one():
    lead = Quote("Several subgroups require special consideration and often specialized care.", 0, 0.9)
    other = Quote("Working with those special groups requires individualized treatment planning.", 0, 0.4)
    listing = Quote("Groups with specific needs include: adolescents, the elderly, women, children, sex workers.", 0, 0.3)
    elsewhere = Quote("Minorities, migrants, prisoners, refugees, veterans and others.", 5, 0.5)
    # the list joins, from a passage already quoted, in place of the weaker explanation if words need it
    assert with_the_list([lead, other], [], [lead, elsewhere, other, listing], 120) == [lead, other, listing]
    assert with_the_list([lead, other], [], [lead, other, listing], 25) == [lead, listing]
    # an answer that already enumerates, or has no list near, stays as it is
    assert with_the_list([listing], [], [listing, lead], 120) == [listing]
    assert with_the_list([lead], [], [lead, elsewhere], 120) == [lead]
    assert answer_type("What risk factors make people dependent?") == "list"


def test_a_word_no_list_holds_counts_for_the_languages_known_to_use_it():
    assert detect_language("metadona") == "en"     # no list holds it: English on a tie
    assert detect_language("metadona", {"pt": {"metadona"}}) == "pt"
    assert detect_language("buprenorphine naloxone", {"en": {"buprenorphine", "naloxone"}}) == "en"


def test_an_answer_to_a_question_naming_what_the_documents_never_do_says_so():
    from search.result import answer_note
    assert answer_note(question()) is None
    assert answer_note(question(rare_terms=("kratom",))).startswith("The documents never mention kratom")
    both = answer_note(question(language="fr", rare_terms=("kratom",)))
    assert both.startswith("Question read in French") and "never mention kratom" in both


def test_a_question_in_another_language_weighs_bm25_of_its_english_words_apart():
    s = Signals(dense=np.array([0.9, 0.8, 0.1]), bm25=np.array([0.0, 9.0, 0.0]), questions=np.zeros(3), sentences=np.zeros(3))
    t = Tuning(fusion_top=3)
    assert np.argmax(mix(s, english=True, t=t)) == 1      # BM25's wide margin wins in English
    # in another language BM25 reads the lexicon's English words, at a weight of its own
    assert np.argmax(mix(s, english=False, t=replace(t, crosslingual_bm25_weight=0.0))) == 0
    assert np.argmax(mix(s, english=False, t=replace(t, crosslingual_bm25_weight=1.0))) == 1


def test_a_question_in_another_language_meets_the_curated_questions_in_its_own():
    from search.ranking import Ranker
    t = Tuning(fusion_top=2)
    # two passages, a curated English question each, translated into Spanish and French
    ranker = Ranker(bm25=BM25(["a", "b"]), passage_vectors=np.eye(2, dtype=np.float32),
                    question_vectors=np.eye(2, dtype=np.float32), question_passage=np.array([0, 1]),
                    sentence_vectors=np.zeros((0, 2), np.float32), sentence_passage=np.zeros(0, np.int64),
                    passage_concepts=[frozenset(), frozenset()], doc_of=np.array(["standards"] * 2),
                    kind_of=np.array(["paragraph"] * 2), words_of=np.array([20.0, 20.0]), tuning=t,
                    translated_vectors=np.stack([unit_vector(1, 0.2), unit_vector(0.2, 1),
                                                 unit_vector(0.6, 1), unit_vector(1, 0.6)]),
                    translated_source=np.array([0, 1, 0, 1]),
                    translated_languages=np.array(["es", "es", "fr", "fr"]))
    qvec = unit_vector(1, 0.1)
    spanish = ranker.signals(question(language="es"), qvec).translated_questions
    french = ranker.signals(question(language="fr"), qvec).translated_questions
    assert spanish.argmax() == 0 and french.argmax() == 1   # each by its own language's translations
    assert ranker.signals(question(), qvec).translated_questions is None   # English has its own
    s = Signals(dense=np.array([0.9, 0.8]), bm25=np.zeros(2), questions=np.zeros(2), sentences=np.zeros(2),
                translated_questions=np.array([0.1, 0.95]))
    assert np.argmax(mix(s, english=False, t=t)) == 0
    assert np.argmax(mix(s, english=False, t=replace(t, crosslingual_translated_question_weight=0.5))) == 1


def test_the_tuned_encoder_weighs_in_english_and_across_languages_through_e5():
    s = Signals(dense=np.array([0.9, 0.8, 0.1]), bm25=np.zeros(3), questions=np.zeros(3), sentences=np.zeros(3),
                tuned_dense=np.array([0.1, 0.9, 0.2]), tuned_questions=np.array([0.0, 0.8, 0.0]))
    t = Tuning(fusion_top=3)
    assert np.argmax(mix(s, english=True, t=t)) == 1      # the tuned encoder outweighs e5 in English
    # in another language its passage signal (from the projected e5 vector) counts as
    # crosslingual_tuned_weight says, and nothing when that is 0
    assert np.argmax(mix(s, english=False, t=t)) == 1
    assert np.argmax(mix(s, english=False, t=replace(t, crosslingual_tuned_weight=0.0,
                                                     crosslingual_tuned_question_weight=0.0))) == 0
    # and its curated-question signal, from the same vector, as crosslingual_tuned_question_weight says
    only_questions = replace(s, tuned_dense=np.zeros(3))
    assert np.argmax(mix(only_questions, english=False, t=t)) == 1
    assert np.argmax(mix(only_questions, english=False, t=replace(t, crosslingual_tuned_question_weight=0.0))) == 0
    # a build without the tuned encoder: the other signals, renormalised
    plain = replace(s, tuned_dense=None, tuned_questions=None)
    assert np.argmax(mix(plain, english=True, t=t)) == 0


def test_a_projection_carries_a_vector_to_where_its_pair_lies():
    rng = np.random.default_rng(3)
    source = rng.normal(size=(400, 16)).astype(np.float32)
    w = rng.normal(size=(16, 8))
    target = source @ w
    p = Projection.fit(source, target, ridge=0.01)
    unseen = rng.normal(size=16).astype(np.float32)
    expected = unseen @ w
    assert float(p(unseen) @ (expected / np.linalg.norm(expected))) > 0.999
    assert abs(float(np.linalg.norm(p(unseen))) - 1) < 1e-5
    with pytest.raises(ValueError, match="paired rows: 400 source, 399 target"):
        Projection.fit(source, target[:-1], ridge=0.01)


def test_naming_a_modality_favours_the_section_that_describes_it():
    # two "Goals" passages, equally close; the question names the modality of the second
    from search.lexical import BM25 as _BM25
    from search.ranking import Ranker
    t = Tuning()
    ranker = Ranker(bm25=_BM25(["goals", "goals"]), passage_vectors=np.eye(2, dtype=np.float32),
                    question_vectors=np.zeros((0, 2), np.float32), question_passage=np.zeros(0, np.int64),
                    sentence_vectors=np.zeros((0, 2), np.float32), sentence_passage=np.zeros(0, np.int64),
                    passage_concepts=[frozenset(), frozenset()], doc_of=np.array(["standards"] * 2),
                    kind_of=np.array(["paragraph"] * 2), words_of=np.array([20.0, 20.0]), tuning=t)
    fused = np.array([0.8, 0.75])
    assert np.argmax(ranker.boost(question(), fused)) == 0
    assert np.argmax(ranker.boost(question(described=(1,)), fused)) == 1


def test_question_signal_is_the_nearest_curated_question_per_passage():
    qvec = np.array([1.0, 0.0], dtype=np.float32)
    vectors = np.array([[0.2, 0.98], [0.9, 0.43], [0.5, 0.86]], dtype=np.float32)
    out = question_signal(qvec, vectors, np.array([0, 0, 2]), 3)
    assert out.tolist() == pytest.approx([0.9, 0.0, 0.5])


def ranking(dense, questions=None, tuned_questions=None, tuned_dense=None, translated=None) -> Ranking:
    dense = np.array(dense, dtype=np.float32)
    arr = lambda x: None if x is None else np.array(x, dtype=np.float32)  # noqa: E731
    s = Signals(dense=dense, bm25=np.zeros_like(dense), questions=np.zeros_like(dense) if questions is None
                else arr(questions), sentences=np.zeros_like(dense),
                tuned_questions=arr(tuned_questions), tuned_dense=arr(tuned_dense), translated_cosines=arr(translated))
    return Ranking(s, dense.astype(np.float64))


def test_coverage_rules():
    bm25 = BM25(["methadone maintenance treatment", "naloxone for families"])
    t = Tuning(min_similarity=0.8, rare_term_similarity=0.9)
    assert judge(question(), ranking([0.85, 0.2]), [0, 1], bm25, t).covered
    assert not judge(question(), ranking([0.6, 0.2]), [0, 1], bm25, t).covered
    # a close curated question alone does not make a question covered (it does for out-of-scope ones too)
    assert not judge(question(), ranking([0.6, 0.2], [0.95, 0]), [0, 1], bm25, t).covered
    assert not judge(question(rare_terms=("xylazine",)), ranking([0.85, 0.2]), [0, 1], bm25, t).covered
    assert judge(question(documents=frozenset({"coercion"})), ranking([0.1, 0.1]), [0, 1], bm25, t).covered
    assert not judge(question(names_unknown_item=True), ranking([0.7, 0.1]), [0, 1], bm25, t).covered


def test_coverage_with_the_tuned_encoder_weighs_the_nearest_curated_question():
    bm25 = BM25(["methadone maintenance treatment", "naloxone for families"])
    t = Tuning(min_similarity=0.8, coverage_question_weight=1.5, tuned_coverage_weight=0.0,
               tuned_passage_coverage_weight=0.25, tuned_min_closeness=2.31)
    # e5 close to a passage, but no curated question near and the tuned encoder far: not covered
    assert not judge(question(), ranking([0.86, 0.2], questions=[0.8, 0.1], tuned_questions=[0.9, 0.1],
                                         tuned_dense=[0.3, 0.1]), [0, 1], bm25, t).covered
    # e5 a little less close to the passage, a curated question very near: covered
    assert judge(question(), ranking([0.84, 0.2], questions=[0.9, 0.1], tuned_questions=[0.1, 0.1],
                                     tuned_dense=[0.6, 0.1]), [0, 1], bm25, t).covered
    # the older rule, the tuned cosine to the nearest curated question, is a setting away
    old = Tuning(min_similarity=0.8, coverage_question_weight=0.0, tuned_coverage_weight=0.5,
                 tuned_passage_coverage_weight=0.0, tuned_min_closeness=1.1)
    assert judge(question(), ranking([0.78, 0.2], tuned_questions=[0.7, 0.1]), [0, 1], bm25, old).covered
    assert not judge(question(), ranking([0.85, 0.2], tuned_questions=[0.3, 0.1]), [0, 1], bm25, old).covered
    # another language: the tuned encoder does not read it, e5's floor (less the offset) decides
    other = question(language="es")
    assert judge(other, ranking([0.78, 0.2], tuned_questions=[0.0, 0.0]), [0, 1], bm25, t).covered
    assert not judge(other, ranking([0.7, 0.2], tuned_questions=[0.9, 0.9]), [0, 1], bm25, t).covered


def test_coverage_in_another_language_weighs_the_nearest_translated_curated_question():
    bm25 = BM25(["methadone maintenance treatment", "naloxone for families"])
    t = Tuning(translated_coverage_weight=1.5, crosslingual_passage_coverage_weight=0.25,
               crosslingual_min_closeness=2.26)
    other = question(language="fr")
    # e5 close to a passage, but far from every translated curated question: not covered
    assert not judge(other, ranking([0.84, 0.2], tuned_dense=[0.5, 0.1], translated=[0.86, 0.8]),
                     [0, 1], bm25, t).covered
    # less close to the passage, one curated question in French very near: covered
    assert judge(other, ranking([0.81, 0.2], tuned_dense=[0.5, 0.1], translated=[0.93, 0.8]),
                 [0, 1], bm25, t).covered
    # an English question never reads the translations
    assert judge(question(), ranking([0.86, 0.2], translated=[0.0, 0.0]), [0, 1], bm25, Tuning(min_similarity=0.8)).covered


def test_the_top_ranked_passage_speaks_first():
    # passage 1's sentence is closer by its cosine, but the ranking put passage 0 first:
    # its best sentence leads the answer, the closer one follows
    sentences = ["Treatment should be available to all, whatever their legal status.",
                 "People charged with an offence face legal measures."]
    units = sentences_only(sentences, [0, 1], [unit([0.8, 0.6, 0]), unit([1, 0, 0])])
    asked = question("does legal status limit the right to care")
    c = compose(asked, unit([1, 0, 0]), [0, 1], units, lambda t: 1.0, Tuning())
    assert [q.text for q in c.sentences] == sentences
    c = compose(asked, unit([1, 0, 0]), [0, 1], units, lambda t: 1.0, Tuning(top_passage_quote=False))
    assert c.sentences[0].text == sentences[1]


def test_a_close_second_passage_speaks_second():
    # passage 0 holds the two sentences closest to the question; passage 1 ranks a close
    # second: its best sentence comes before passage 0's second one, unless it is far behind
    sentences = ["Treatment should be available to all, whatever their legal status.",
                 "Legal status should not limit access to care.",
                 "Courts may refer people to treatment instead of prison."]
    units = sentences_only(sentences, [0, 0, 1], [unit([1, 0, 0]), unit([0.95, 0.3, 0]), unit([0.6, 0.8, 0])])
    asked = question("does legal status limit the right to care")
    near = compose(asked, unit([1, 0, 0]), [0, 1], units, lambda t: 1.0, Tuning(), relevance={0: 1.0, 1: 0.9})
    assert [q.passage for q in near.sentences] == [0, 1]
    far = compose(asked, unit([1, 0, 0]), [0, 1], units, lambda t: 1.0, Tuning(), relevance={0: 1.0, 1: 0.3})
    assert [q.passage for q in far.sentences] == [0, 0]


def sentences_only(sentences: list[str], passages: list[int], vectors: list) -> UnitStore:
    """A store of sentences (of the given passages, with these vectors) and no statements."""
    return UnitStore(sentence_text=sentences, sentence_passage=np.array(passages),
                     sentence_vectors=np.stack(vectors), statements=[],
                     statement_vectors=np.zeros((0, 3), np.float32), statement_concepts=[])


def unit(v) -> np.ndarray:
    v = np.array(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def store() -> UnitStore:
    # passage 0: a standard and an explanation; passage 1: a factual sentence
    sentences = ["Treatment should be voluntary.", "Consent must be informed and can be withdrawn.",
                 "About one in six people in need receive treatment."]
    return UnitStore(
        sentence_text=sentences, sentence_passage=np.array([0, 0, 1]),
        sentence_vectors=np.stack([unit([1, 0.1, 0]), unit([0.8, 0.5, 0]), unit([0, 0.2, 1])]),
        statements=[StatementRecord("https://w3id.org/standards-kg/id/standard/3.5", "Standard", "3.5",
                                    "Treatment should be voluntary.", "", (0,))],
        statement_vectors=np.stack([unit([1, 0.1, 0])]), statement_concepts=[frozenset()])


def test_a_normative_question_leads_with_the_statement_that_governs_it():
    c = compose(question("should treatment be voluntary", normative=True), unit([1, 0.2, 0]), [0, 1],
                store(), lambda t: 1.0, Tuning())
    assert [s.label for s in c.statements] == ["Standard 3.5"]
    assert c.quotes()[0] == ("Treatment should be voluntary.", 0)
    assert "Treatment should be voluntary." not in [q.text for q in c.sentences]  # never quoted twice


def test_a_how_long_question_leads_with_the_statement_that_speaks_of_a_duration():
    # two standards equally close in meaning: the one on dose, the one on how long
    dose = StatementRecord("https://w3id.org/standards-kg/id/standard/1.1", "Standard", "1.1",
                           "Doses should be adjusted to the patient.", "", (0,))
    span = StatementRecord("https://w3id.org/standards-kg/id/standard/4.6", "Standard", "4.6",
                           "The duration of treatment should be determined by individual needs.", "", (0,))
    units = UnitStore(sentence_text=[dose.text, span.text], sentence_passage=np.array([0, 0]),
                      sentence_vectors=np.stack([unit([1, 0, 0]), unit([1, 0, 0])]), statements=[dose, span],
                      statement_vectors=np.stack([unit([1, 0, 0]), unit([1, 0, 0])]),
                      statement_concepts=[frozenset(), frozenset()])
    asked = question("how long should treatment last", normative=True, answer_type="time")
    c = compose(asked, unit([1, 0, 0]), [0], units, lambda t: 1.0, Tuning())
    assert c.statements[0].number == "4.6"
    plain = compose(replace(asked, answer_type=None), unit([1, 0, 0]), [0], units, lambda t: 1.0, Tuning())
    assert plain.statements[0].number == "1.1"    # without it, the first read wins the tie


def test_a_question_in_another_language_takes_its_statements_from_fewer_passages():
    # the standard of the fourth-ranked passage is a little closer by e5 than the top
    # passage's: in English it may lead, in another language only the near ones may
    near = StatementRecord("https://w3id.org/standards-kg/id/standard/2.1", "Standard", "2.1",
                           "Treatment should be available to all.", "", (0,))
    far = StatementRecord("https://w3id.org/standards-kg/id/standard/4.4", "Standard", "4.4",
                          "Services should be evaluated.", "", (3,))
    units = UnitStore(sentence_text=[near.text, far.text], sentence_passage=np.array([0, 3]),
                      sentence_vectors=np.stack([unit([1, 0.3, 0]), unit([1, 0.2, 0])]), statements=[near, far],
                      statement_vectors=np.stack([unit([1, 0.3, 0]), unit([1, 0.2, 0])]),
                      statement_concepts=[frozenset(), frozenset()])
    t = replace(Tuning(), statement_passages=10, crosslingual_statement_passages=3, statement_rank_weight=0.0)
    asked = question("should treatment be available", normative=True)
    english = compose(asked, unit([1, 0.1, 0]), [0, 1, 2, 3], units, lambda w: 1.0, t)
    assert english.statements[0].number == "4.4"
    spanish = compose(replace(asked, language="es"), unit([1, 0.1, 0]), [0, 1, 2, 3], units, lambda w: 1.0, t)
    assert [s.number for s in spanish.statements] == ["2.1"]
    # asking what a document it names calls for, it counts only the passages that hold
    # statements: the preamble's passages 1 and 2 ranked above do not push 4.4 out
    naming = replace(asked, language="es", documents=frozenset({"standards"}))
    c = compose(naming, unit([1, 0.1, 0]), [1, 2, 3, 0], units, lambda w: 1.0, t)
    assert [s.number for s in c.statements][:1] == ["4.4"]


def test_a_recommendation_repeated_word_for_word_in_several_sections_is_quoted_once():
    text = "The provider has a system for selecting, hiring and training staff."
    records = [StatementRecord(f"https://w3id.org/standards-kg/id/recommendation/standards/3.{n}.9/1",
                               "ServiceRecommendation", f"3.{n}.9/1", text, "", (n,)) for n in range(3)]
    units = UnitStore(sentence_text=[text] * 3, sentence_passage=np.array([0, 1, 2]),
                      sentence_vectors=np.stack([unit([1, 0, 0])] * 3), statements=records,
                      statement_vectors=np.stack([unit([1, 0, 0])] * 3), statement_concepts=[frozenset()] * 3)
    c = compose(question("how should staff be trained", normative=True), unit([1, 0, 0]), [0, 1, 2], units,
                lambda w: 1.0, Tuning())
    assert [q[0] for q in c.quotes()] == [text]


def test_a_sentence_about_another_substance_does_not_answer():
    # equally close by meaning and words: the one on cannabis does not answer on cocaine
    cannabis, stimulants = "https://w3id.org/x/cannabis", "https://w3id.org/x/stimulants"
    sentences = ["CBT can be offered for cannabis dependence.", "CBT can be offered for dependence on cocaine."]
    units = replace(sentences_only(sentences, [0, 0], [unit([1, 0, 0]), unit([1, 0, 0])]),
                    sentence_substances=[frozenset({cannabis}), frozenset({stimulants})])
    asked = question("what works for dependence on amphetamines", concepts=frozenset({stimulants}))
    best = score_sentences(asked, unit([1, 0, 0]), [0], units, lambda t: 1.0, Tuning())[0]
    assert "cocaine" in best.text
    plain = score_sentences(asked, unit([1, 0, 0]), [0], units, lambda t: 1.0,
                            replace(Tuning(), other_substance_penalty=0.0))[0]
    assert "cannabis" in plain.text     # without the penalty, the first read wins the tie


def test_a_factual_question_gets_the_sentence_that_states_the_fact():
    c = compose(question("how many people get treatment"), unit([0, 0.2, 1]), [1, 0], store(),
                lambda t: 1.0, Tuning())
    assert not c.statements
    assert c.sentences[0].text.startswith("About one in six")


def test_a_question_naming_an_item_is_answered_by_the_item_and_its_passage_alone():
    # "what does standard 3.5 say": closer in meaning to the factual sentence of passage 1,
    # ranked first, yet the answer is the standard (once, not again as "3.5 Treatment …")
    units = store()
    units = replace(units, sentence_text=["3.5 Treatment should be voluntary."] + units.sentence_text[1:])
    c = compose(question("what does standard 3.5 say", items=(0,)), unit([0, 0.2, 1]), [1, 0], units,
                lambda t: 1.0, Tuning())
    assert [s.label for s in c.statements] == ["Standard 3.5"]
    assert {p for _, p in c.quotes()} == {0}
    assert [q.text for q in c.sentences] == ["Consent must be informed and can be withdrawn."]


def test_a_list_lead_in_is_quoted_with_its_list_or_not_at_all():
    sentences = ["Outreach should provide the following core services:", "1. Needle exchange and condoms",
                 "Outreach reaches people where they are.", "Services should offer the following:"]
    units = sentences_only(sentences, [0, 0, 1, 1], [unit([1, 0, 0]), unit([0, 1, 0]), unit([0.5, 0.5, 0]),
                                                      unit([0.99, 0.1, 0])])
    c = compose(question("what services should outreach provide"), unit([1, 0, 0]), [0, 1], units,
                lambda t: 1.0, Tuning())
    texts = [q.text for q in c.sentences]
    assert texts[:2] == sentences[:2] and sentences[3] not in texts   # the second lead-in's list is elsewhere


def test_a_recommendation_that_only_leads_in_to_a_list_does_not_lead_an_answer():
    units = replace(store(), statements=[StatementRecord("https://w3id.org/standards-kg/id/recommendation/3.5.6-1",
                                                         "ServiceRecommendation", "3.5.6/1",
                                                         "Programmes should include the following components:",
                                                         "", (0,))])
    c = compose(question("what should programmes include", normative=True), unit([1, 0.1, 0]), [0, 1], units,
                lambda t: 1.0, Tuning())
    assert not c.statements and c.sentences


def test_a_question_naming_a_section_is_answered_from_it():
    c = compose(question("what does principle 3 say", sections=(0,)), unit([0, 0.2, 1]), [1, 0], store(),
                lambda t: 1.0, Tuning())
    assert c.quotes() and {p for _, p in c.quotes()} == {0}


def test_an_answer_keeps_to_its_word_budget():
    c = compose(question("should treatment be voluntary", normative=True), unit([1, 0.2, 0]), [0, 1],
                store(), lambda t: 1.0, Tuning(max_words=10))
    assert sum(len(t.split()) for t, _ in c.quotes()) <= 10


def test_cross_reference_queries_splice_only_our_own_iris():
    q = passages_query(["https://w3id.org/standards-kg/id/passage/standards/1"])
    assert "VALUES ?passage { <https://w3id.org/standards-kg/id/passage/standards/1> }" in q
    with pytest.raises(ValueError):
        passages_query(["http://evil.example/x> } SERVICE <http://127.0.0.1/"])


class CountingEncoder:
    name = "fake"

    def __init__(self):
        self.calls = 0

    def encode_passages(self, texts, progress=False):
        self.calls += len(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    encode_queries = encode_passages


def test_embeddings_are_cached_by_text(tmp_path):
    enc = CountingEncoder()
    first, new = cached_encode(enc, ["a", "bb"], role="passage", folder=tmp_path)
    again, new_again = cached_encode(enc, ["bb", "a", "ccc"], role="passage", folder=tmp_path)
    assert (new, new_again, enc.calls) == (2, 1, 3)
    assert again.tolist() == [[2, 1], [1, 1], [3, 1]]


def passages():
    return [{"iri": "https://w3id.org/standards-kg/id/passage/doc/1", "doc_id": "doc", "n": 1,
             "text": "Treatment should be voluntary and based on informed consent of the patient."},
            {"iri": "https://w3id.org/standards-kg/id/passage/doc/2", "doc_id": "doc", "n": 2,
             "text": "Staff should be trained in evidence-based interventions for people who use drugs."}]


def write(folder, rows):
    folder.mkdir(exist_ok=True)
    (folder / "q.jsonl").write_text("\n".join(json.dumps(r) if isinstance(r, dict) else r for r in rows) + "\n")


def test_curated_questions_follow_their_passage_when_it_is_renumbered(tmp_path):
    write(tmp_path / "qs", [{"passage": "https://w3id.org/standards-kg/id/passage/doc/1",
                             "anchor": "Staff should be trained in evidence-based interventions for",
                             "questions": ["do workers need training?"]},
                            {"passage": "https://w3id.org/standards-kg/id/passage/doc/2",
                             "anchor": "Something no passage says at all here", "questions": ["lost?"]}])
    found, lost = read_questions(tmp_path / "qs", passages())
    assert [(q.passage.rsplit("/", 1)[1], q.text) for q in found] == [("2", "do workers need training?")]
    assert lost == [f"{tmp_path / 'qs' / 'q.jsonl'}:2"]


def test_translated_curated_questions_are_tied_to_their_english_wording(tmp_path):
    write(tmp_path / "qs", [{"passage": "https://w3id.org/standards-kg/id/passage/doc/2",
                             "anchor": "Staff should be trained", "questions": ["do workers need training?",
                                                                                "who trains staff?"]}])
    english, _ = read_questions(tmp_path / "qs", passages())
    folder = tmp_path / "qs" / "translated"
    folder.mkdir()
    (folder / "fr.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"passage": "https://w3id.org/standards-kg/id/passage/doc/2", "anchor": "Staff should be trained",
         "english": "who trains staff?", "questions": ["Qui forme le personnel ?"]},
        {"passage": "https://w3id.org/standards-kg/id/passage/doc/2", "anchor": "Staff should be trained",
         "english": "a question no longer curated", "questions": ["Une question perdue ?"]}]) + "\n")
    found, lost = read_translated_questions(folder, passages(), english)
    assert [(q.lang, q.text, english[q.source].text) for q in found] == [("fr", "Qui forme le personnel ?",
                                                                         "who trains staff?")]
    assert lost == [f"{folder / 'fr.jsonl'}:2"]
    (folder / "fr.jsonl").write_text(json.dumps({"passage": "x", "anchor": "y", "questions": ["z"]}) + "\n")
    with pytest.raises(ValidationError, match=r"fr\.jsonl:1: expected .*english"):
        read_translated_questions(folder, passages(), english)


def test_a_malformed_curated_line_names_its_file_and_line(tmp_path):
    write(tmp_path / "qs", ['{"passage": "x"}'])
    with pytest.raises(ValidationError, match=r"q\.jsonl:1"):
        read_questions(tmp_path / "qs", passages())


def test_tuning_can_be_set_in_the_config_file(tmp_path, monkeypatch):
    from kg_builder.config import Settings
    cfg = tmp_path / "standards-kg.toml"
    cfg.write_text("[tuning]\nmax_words = 100\n")
    monkeypatch.setenv("STANDARDS_KG_CONFIG", str(cfg))
    assert Settings.from_env().tuning == replace(Tuning(), max_words=100)


def test_terminal_and_markdown_answers_quote_a_statement_once():
    """The statements are printed first, whole; the text below them holds only the
    explanatory sentences (the answer's `text` keeps both, for --json)."""
    from search.answer import answer_markdown, answer_plain
    standard = "Treatment should be voluntary."
    result = {"question": "should treatment be voluntary", "passages": [], "cross_references": [],
              "answer": {"found": True, "note": None,
                         "text": f"{standard} [1] Consent can be withdrawn at any time. [2]",
                         "statements": [{"label": "Standard 3.5", "text": standard, "passage_rank": 1,
                                         "iri": "https://w3id.org/standards-kg/id/standard/3.5"}],
                         "sentences": [{"text": "Consent can be withdrawn at any time.", "passage_rank": 2}]}}
    for shown in (answer_plain(result), answer_markdown(result)):
        assert shown.count(standard) == 1
        assert "Consent can be withdrawn at any time. [2]" in shown
    result["answer"]["statements"] = []     # no statements: the whole text
    assert f"{standard} [1]" in answer_plain(result)


def test_the_terminal_shows_the_statement_an_evidence_rating_rates():
    """"Evidence lacking" alone reads as a judgement of the answer; with the statement it
    rates it says what lacks evidence."""
    from search.answer import answer_plain
    rated = "There is a lack of rigorous controlled studies evaluating long-term residential treatment in prisons."
    result = {"question": "q", "passages": [], "answer": {"found": True, "note": None, "text": "", "statements": [],
                                                          "sentences": []},
              "cross_references": [{"kind": "EvidenceRating", "label": "Evidence lacking or not evaluated",
                                    "iri": "https://w3id.org/standards-kg/ontology#LackingEvidence", "text": rated,
                                    "strength": None, "why": "evidence about prisoners"}]}
    assert "rates: “There is a lack of rigorous controlled studies" in answer_plain(result)


# -- documents named by a noun and its audience -------------------------------------

def _training_names():
    from search.document_names import DocumentNames
    return DocumentNames([{"id": "policymakers_training", "named_by": [
        {"what": ["course", "training", "curso", "курс", "الدورة", "培训"],
         "whom": ["officials", "policymaker", "responsables políticos", "представител", "صانعي القرار", "决策者"]}]},
        {"id": "standards"}])


@pytest.mark.parametrize("question", [
    "is the course for officials one fixed curriculum?",
    "what skills is the officials' course meant to give?",          # audience first, possessive
    "¿El curso para responsables políticos tiene un temario fijo?",
    "Курсы для представителей власти: какие модули?",             # inflected: курсы, представителей
    "ماذا يتناول الفصل في الدورة التدريبية لصانعي القرار؟",        # the preposition joined to the word
    "面向决策者的培训课程的总体目标是什么？",                       # no spaces
])
def test_a_document_is_named_by_a_noun_near_its_audience(question):
    assert _training_names().named_in(question) == {"policymakers_training"}


@pytest.mark.parametrize("question", [
    "should prison staff get training on naloxone?",                # a training, but of no officials
    "officials in the health ministry decide the budget; nurses follow a course of treatment later on",  # far apart
    "does the discourse of officials matter?",                      # "course" inside a word
])
def test_a_noun_alone_or_far_from_its_audience_names_no_document(question):
    assert _training_names().named_in(question) == frozenset()


def test_a_malformed_named_by_is_refused_with_the_document_at_fault(tmp_path):
    from kg_builder.corpus import read_manifest
    from kg_builder.config import Settings
    from kg_builder.errors import CorpusError
    manifest = (Settings().corpus_dir / "manifest.toml").read_text(encoding="utf-8")
    broken = manifest.replace('[[document.named_by]]\nwhat = ["resolution"', '[[document.named_by]]\nwhat = []\nx = ["resolution"')
    assert broken != manifest
    (tmp_path / "manifest.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"manifest.toml: document #5 \(resolution_59_4\): named_by must be"):
        read_manifest(tmp_path)


def test_chinese_names_written_by_sound_are_names_unless_the_translations_write_them():
    words = LanguageWords(set(), {"zh": ["海洛因和美沙酮有什么区别？"]})
    assert words.transliterated_names("为什么苏格兰的毒品致死率在欧洲最高？", "zh") == ["苏格兰"]
    assert words.transliterated_names("普瑞巴林滥用是否正在成为问题？", "zh") == ["普瑞巴林"]
    # "than heroin": the run holds a word the translations write
    assert words.transliterated_names("美沙酮比海洛因更安全吗？", "zh") == []
    assert words.transliterated_names("苏格兰", "ja") == []


def phrase_reader(corpus: list[str], english: str = "", french: str = "") -> QuestionReader:
    """A reader of the given passages, English words and one curated French question."""
    return QuestionReader(bm25=BM25(corpus), expander=Expander({}), matcher=ConceptMatcher([]), doc_aliases={},
                          numbered={}, section_passages={}, corpus_words=set(), wordpieces=frozenset(english.split()),
                          language_words=LanguageWords(set(), {"fr": [french]}) if french else None,
                          corpus_text="\n".join(corpus))


def unknown(reader, text, language):
    return reader.kept_phrases(text, language)[1]


def documented(reader, text, language):
    return reader.kept_phrases(text, language)[0]


def test_a_phrase_kept_in_latin_letters_that_the_documents_never_write_is_a_name():
    reader = phrase_reader(["Mutual help groups such as Alcoholics Anonymous support recovery.",
                            "Contingency management and housing support help; first contact matters."])
    assert unknown(reader, "“住房优先”（Housing First）模式对吸毒人员有效吗？", "zh") == ["housing first"]
    # the documents write it (case, hyphens aside): the user glosses their own term
    assert unknown(reader, "什么是（Contingency-Management）？", "zh") == []
    assert unknown(reader, "Анонимные алкоголики (Alcoholics Anonymous) помогают?", "ru") == []
    # in a question written in Latin letters every phrase is Latin
    assert unknown(reader, "¿Funciona el modelo Housing First?", "es") == []


def test_english_words_in_parentheses_that_the_documents_never_write_are_a_name():
    reader = phrase_reader(["Outreach workers contact people who use drugs."], "housing first outreach workers",
                           "Que font les travailleurs de proximité ?")
    assert unknown(reader, "L'approche « Un chez-soi d'abord » (housing first) fonctionne-t-elle ?", "fr") \
        == ["housing first"]
    assert unknown(reader, "Que font les travailleurs (outreach workers) ?", "fr") == []  # the documents'
    assert unknown(reader, "Un mois sans alcool (le Dry January) ?", "fr") == []  # not all English words


def test_a_term_of_the_documents_kept_in_english_is_read_as_theirs():
    reader = phrase_reader(["The evidence supports the community reinforcement approach (CRA) and family therapy."],
                           "community reinforcement approach housing first", "Le traitement est-il efficace ?")
    fr = "Le « Community Reinforcement Approach » est-il efficace ?"
    assert documented(reader, fr, "fr") == ["community reinforcement approach"]
    assert unknown(reader, fr, "fr") == []
    assert documented(reader, "“强化社区”（Community Reinforcement Approach）有效吗？", "zh") \
        == ["community reinforcement approach"]
    assert documented(reader, "“住房优先”（Housing First）有效吗？", "zh") == []


def test_a_question_keeping_a_term_of_the_documents_is_covered():
    t = Tuning()
    q = question("Le « Community Reinforcement Approach » est-il efficace ?", language="fr",
                 documented=("community reinforcement approach",))
    far = Ranking(signals=Signals(dense=np.array([0.5, 0.4]), bm25=np.zeros(2), questions=np.zeros(2),
                                  sentences=np.zeros(2)), final=np.array([0.5, 0.4]))
    assert judge(q, far, [0, 1], BM25(["a b", "c d"]), t).covered
    assert not judge(replace(q, documented=()), far, [0, 1], BM25(["a b", "c d"]), t).covered


def test_an_answer_sentence_drops_the_label_heading_it_and_stays_verbatim():
    from kg_builder.sentences import without_label
    passage = "Description: Drug use disorders can be treated effectively. Note: To reduce the risk, train staff."
    assert without_label("Description: Drug use disorders can be treated effectively.") \
        == "Drug use disorders can be treated effectively."
    assert without_label("Note: To reduce the risk, train staff.") in passage
    # not a label: a number, a sentence's own colon, a lower-case continuation
    for sentence in ("Standard 2.3: Services are available.", "Three steps are needed: assess, plan, treat.",
                     "Goals: reduce use"):
        assert without_label(sentence) == sentence


def test_a_long_label_is_cut_at_a_word():
    from search.answer import clipped
    title = "Principle 3: Promoting treatment of drug use disorders by effective coordination"
    assert clipped(title, 70) == "Principle 3: Promoting treatment of drug use disorders by effective…"
    assert clipped("Standard 3.5", 70) == "Standard 3.5"


def test_a_sentence_leading_in_to_what_follows_is_known_by_its_colon_or_the_following():
    from search.answer import leads_in
    assert leads_in("Such programmes should include the following components:")
    assert leads_in("Programmes need to deal with the following specific biological and social factors.")
    assert not leads_in("Procedures include the following elements: a description of the intake measures.")
    assert not leads_in("Treatment should be voluntary.")


def test_a_concept_found_through_an_abbreviation_is_said_in_the_users_words():
    expander = Expander({"OST": "opioid substitution treatment, opioid agonist maintenance treatment"})
    question = "OST in prisons?"
    assert expander.as_written("opioid agonist maintenance treatment", question) == "OST"
    assert expander.as_written("prisons", question) == "prisons"


def test_a_text_repeated_in_several_sections_takes_one_place_in_the_ranking():
    from search.ranking import first_of_same_text
    texts = ["The provider has a system.", "Staff are trained.", "The provider has a system.", "Consent."]
    same = first_of_same_text(texts)
    assert same.tolist() == [0, 1, 0, 3]
    signals = Signals(dense=np.zeros(4), bm25=np.zeros(4), questions=np.zeros(4), sentences=np.zeros(4))
    ranking = Ranking(signals, np.array([0.8, 0.5, 0.9, 0.4]), same)
    assert ranking.top(3) == [2, 1, 3]     # the repeat at its best place, then the next texts
    assert Ranking(signals, np.array([0.8, 0.5, 0.9, 0.4])).top(3) == [2, 0, 1]


def test_an_arabic_word_with_a_preposition_written_on_is_no_unknown_name():
    """"كعائلة" is "as a family": the word is common once its ك is off, and a question
    using it names nothing the documents miss; a word unknown without it still is."""
    assert arabic_forms("كعائلة") == ("كعائلة", "عائلة") and arabic_forms("والعائلة")[-1] == "عائلة"
    assert arabic_forms("كلب") == ("كلب",)        # two letters would be left: a root, not a prefix
    words = LanguageWords(set(), {"ar": ["ما دور العائلة في العلاج؟"]})
    assert words.unknown_names("هل يمكننا كعائلة أن نساعد ابننا؟", "ar") == []
    assert words.unknown_names("هل يمكننا كزيبرا أن نساعد؟", "ar") == ["كزيبرا"]


@pytest.mark.parametrize("text, refs", [
    ("What does standard 2.2 say?", [("standard", "2.2")]),
    ("¿Qué dice el principio 3?", [("principle", "3")]),
    ("Que dit la norme 2.2 ?", [("standard", "2.2")]),
    ("Что говорит стандарт 3.5?", [("standard", "3.5")]),
    ("ما هو المبدأ 4؟", [("principle", "4")]),
    ("原则5是什么？", [("principle", "5")]),
    ("O que diz a condição 13?", [("condition", "13")]),
    ("Why are three standards enough?", []),
])
def test_numbered_items_are_read_in_every_language(text, refs):
    from search.question import numbered_references
    assert numbered_references(text) == refs


def test_a_principle_asked_for_alone_is_the_answer_and_otherwise_where_to_look():
    from search.question import asks_only_for_it
    assert asks_only_for_it("What is Principle 2?") and asks_only_for_it("原则5是什么？")
    assert asks_only_for_it("¿Qué dice el principio 3?")
    assert not asks_only_for_it("Why are low threshold services needed according to principle 1?")
