"""Reading a question, once: cleaning, language, spelling, abbreviations, the concepts,
documents and numbered items it names, and whether it asks what should be done.
Ranking, the coverage check and the answer all read the one `Question` it makes."""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from wordfreq import zipf_frequency

from kg_builder.link import ConceptMatcher

from .abbreviations import Acronyms, Expander
from .document_names import DocumentNames
from .errors import BadQuestionError
from .language_words import NAME_WORD_RE, LanguageWords, english_names, fold, in_title_case
from .lexical import BM25, tokenize
from .lexicon import Lexicon
from .speaker import without_speaker

MAX_QUESTION_CHARS = 2000

# A question referring to a numbered item ("standard 2.3", "principle 5",
# "operative paragraph 4", "condition 13", "section 3.4.8.1").
NUMBER_REF_RE = re.compile(
    r"\b(standard|principle|operative paragraph|paragraph|condition|criterion|section|chapter)s?\s+(\d+(?:\.\d+)*)",
    re.I)
# ... and in the other languages, each word read as its English one ("norma 3.5", "principe 2",
# "принцип 3", "المبدأ 4", "原则5"; Chinese and Arabic write the number on either side).
OTHER_LANGUAGE_REF_WORDS = {
    "standard": r"normas?|normes?|padr(?:ão|ões)|est[áa]ndar(?:es)?|стандарт\w*|معيار|المعيار|标准",
    "principle": r"princ[ií]pios?|principes?|принцип\w*|مبدأ|المبدأ|原则",
    "operative paragraph": r"p[áa]rrafos? dispositivos?|paragraphes? (?:du )?dispositif|parágrafos? operativos?|"
                           r"пункт\w* постановляющей части|الفقرة|段",
    "condition": r"condici[oó]n(?:es)?|conditions?|condiç(?:ão|ões)|услови\w*|الشرط|条件",
    "criterion": r"crit[eé]rios?|crit[èe]res?|критери\w*",
    "section": r"secci[oó]n|sections?|seç(?:ão|ões)|раздел\w*|القسم|节",
}
OTHER_LANGUAGE_REF_RE = re.compile(
    "|".join(rf"(?:(?P<{key.replace(' ', '_')}>{words})\s*(?:n[°ºo.]\s*|№\s*)?(?P<{key.replace(' ', '_')}_n>\d+(?:\.\d+)*))"
             for key, words in OTHER_LANGUAGE_REF_WORDS.items()), re.I)


def numbered_references(question: str) -> list[tuple[str, str]]:
    """(English word, number) of each numbered item the question names, in any language."""
    refs = [(w.lower(), n) for w, n in NUMBER_REF_RE.findall(question)]
    for m in OTHER_LANGUAGE_REF_RE.finditer(question):
        key = next(k for k, v in m.groupdict().items() if v and not k.endswith("_n"))
        refs.append((key.replace("_", " "), m.group(key + "_n")))
    return list(dict.fromkeys(refs))


def asks_only_for_it(question: str, max_words: int = 5) -> bool:
    """A question that is little more than the name of what it refers to ("What is
    principle 2?", "¿Qué dice el principio 3?", "原则5是什么？") asks what that says; one
    with more ("why are low-threshold services needed according to principle 1") only
    says where to look. Chinese: two characters count as a word."""
    rest = OTHER_LANGUAGE_REF_RE.sub(" ", NUMBER_REF_RE.sub(" ", question))
    words = re.findall(r"[^\W\d_]+", rest)
    n = sum(len(w) // 2 if re.match(r"[\u4e00-\u9fff]", w) else 1 for w in words)
    return n <= max_words


# A principle is an item when asked for alone (asks_only_for_it): its description is the
# answer; otherwise a section, where to look.
REF_CLASSES = {"standard": "Standard", "principle": "Principle", "operative paragraph": "OperativeParagraph",
               "paragraph": "OperativeParagraph", "condition": "GoodPracticeCondition",
               "criterion": "CompulsoryTreatmentCriterion"}
# A question asking for a kind of statement ("what does WHO recommend", "which
# standards") favours the passages that are statements of that kind.
KIND_INTENT_RE = {
    "recommendation": re.compile(r"\brecommend(?:s|ed|ation|ations)?\b", re.I),
    "standard": re.compile(r"\bstandards?\b(?!\s+for\s+the\s+treatment)", re.I),
    "evidence_statement": re.compile(r"\b(?:evidence|proven|effective(?:ness)?)\b", re.I),
    "operative_paragraph": re.compile(r"\b(?:resolution|calls upon|urges|encourages|invites)\b", re.I),
}
# Asking what should (or may, or must) be done, or what a resolution asks ("pide",
# "demande", "просит", "يطلب", "呼吁"), in the six UN languages and Portuguese:
# such a question is answered with the statements that govern it first.
NORMATIVE_RE = re.compile("|".join([
    r"\b(?:should|shall|must|ought|recommend\w*|advis\w*|allowed|permitted|permissible|required?|"
    r"requirements?|mandatory|compulsory|forced?|forcing|impose[ds]?|obliged|entitled|right to|"
    r"best practice|good practice|need to|needs to|have to|has to|acceptable|appropriate|"
    r"what (?:to|can|could) (?:\w+ )?do|how (?:to|can|could|do) (?:we|they|countries|governments|services|you|i)|"
    r"ask(?:s)? (?:\w+ ){0,3}to do|calls? (?:on|upon)|urges?|is it (?:ok|okay|wise|legal)|"
    r"(?:what|which) (?:\w+ ){0,3}works?(?: best)? (?:for|in|with))\b",
    r"^(?:can|could|may|is|are|do|does|should) (?:\w+ ){0,4}(?:be|get|receive|make|force|give|use|take|"
    r"treat|offer|stop|refuse|keep|discharge|require)\b",
    r"\b(?:debe|deben|debería|deberían|recomiend\w*|recomendad\w*|se puede|pueden|obligatori\w*|permitid\w*|"
    r"hay que|tienen derecho|forzad\w*|obligar|pide|piden|solicita|insta|exhorta)\b",
    r"\b(?:doit|doivent|devrait|devraient|recommand\w*|peut-on|peuvent|obligatoire|permis|faut-il|il faut|"
    r"droit à|forcer|imposer|demande-t-\w+|demande aux|que demande|exhorte|invite les)\b",
    r"\b(?:deve|devem|deveria|deveriam|recomend\w*|pode|podem|obrigatóri\w*|permitid\w*|é preciso|obrigar|"
    r"pede|pedem|solicita|insta|exorta)\b",
    r"(?:должн\w*|следует|требу\w*|рекоменд\w*|можно|обязательн\w*|разрешен\w*|нужно|необходимо|вправе|заставить|принудительн\w*|призывает|просит)",
    r"(?:يجب|ينبغي|يوصى|توصي|توصية|يمكن|يجوز|إلزامي|مسموح|إجبار|تطلب|يطلب|تدعو|يدعو|تحث|يحث)",
    r"(?:应该|应当|建议|推荐|可以|能否|必须|是否允许|强制|要求|能不能|呼吁|敦促)",
    r"\b(?:sollte|sollten|soll|muss|müssen|darf|dürfen|empfohlen|empfiehlt|kann man|zwingen|verpflichtend|"
    r"dovrebbe|dovrebbero|deve|devono|raccomand\w*|obbligatori\w*|si può)\b",
]), re.I)
# What kind of thing an English question asks for, when its words say so: a duration,
# a number, a reason or a list. The answer prefers a sentence that has one (answer.py).
ANSWER_TYPE_RE = (
    ("time", re.compile(r"\bhow (?:long|soon|quickly|often)\b|\bat what age\b", re.I)),
    ("number", re.compile(r"\bhow (?:many|much)\b|\bwhat (?:proportion|percentage|share|fraction|number|ratio)\b",
                          re.I)),
    ("reason", re.compile(r"^\s*why\b|\bwhy (?:is|are|do|does|should|would)\b|"
                          r"\bwhat is the (?:point|reason|purpose)\b", re.I)),
    # "what kinds", "which groups", and with a word between: "what risk factors", "which special groups"
    ("list", re.compile(r"\b(?:what|which) (?:[a-z-]+ )?(?:kinds?|types?|sorts?|groups?|elements?|components?|"
                        r"services?|factors?|steps?|measures?|activities|interventions|approaches|areas|options|"
                        r"populations|subgroups|topics|things)\b|\bwhat (?:does|do|should) .* include\b|"
                        r"\bwhat are the\b", re.I)),
)
# The languages a question in Latin letters is told apart among, by how common its
# words are in each (wordfreq's small lists: the words used at least once a million,
# about a megabyte a language). Function words alone took Portuguese for Spanish.
LATIN_LANGUAGES = ("en", "es", "fr", "pt", "de", "it")
KNOWN_WORD_ZIPF = 3.0   # the small lists' floor: once a million words
# A question whose words are mostly neither common English nor the corpus's own is
# read as another language (multilingual-e5 reads about a hundred), not as English
# full of rare words.
MIN_ENGLISH_SHARE = 0.5
SCRIPTS = (("ru", re.compile(r"[\u0400-\u04FF]")), ("ar", re.compile(r"[\u0600-\u06FF]")),
           ("zh", re.compile(r"[\u4E00-\u9FFF]")))


# Where a question of several parts ends its first: a question mark with more after it
# (any script), a comma and a conjunction ("…, and is there a fixed cut-off"), or in
# English "and" before a question word ("… and is medication one of them").
PART_BOUNDARY_RE = re.compile(
    r"(?<=[?？؟])\s*(?=\S)|[,，،]\s*(?:and|or|but|y|o|pero|e|ou|mas|et|mais|и|или|а|но|und|oder|ed|و)\s+|"
    r"\s+and\s+(?=(?:is|are|does|do|did|can|could|should|would|what|how|which|who|whose|may|must|will|if|"
    r"whether|where|when|why)\b)", re.I)


def leading_part(text: str, min_words: int) -> str | None:
    """The first part of a question of several ("along which two axes can programmes be
    arranged, and what lies at each end?" -> "along which two axes can programmes be
    arranged"), when it has at least `min_words` words (two characters of Chinese count
    as one); None for a question of one part. Later parts lean on the first ("…, and
    can it cure addiction", "what should I do next"): they are never read alone."""
    parts = [p.strip(" ,，،") for p in PART_BOUNDARY_RE.split(text) if p.strip(" ,，،")]
    if len(parts) < 2:
        return None
    first = parts[0]
    words = len(first.split()) if " " in first else len(first) // 2
    return first if words >= min_words else None


@dataclass(frozen=True)
class Question:
    """What a question says, read once."""
    text: str                      # the cleaned question
    expanded: str                  # spelling corrected, abbreviations written both ways
    language: str                  # en, es, fr, pt, ru, ar, zh, de, it; "other": not English
    normative: bool                # asks what should, may or must be done
    concepts: frozenset[str]       # concept IRIs it names
    documents: frozenset[str]      # ids of the documents it names
    items: tuple[int, ...]         # passages of the numbered items it names
    sections: tuple[int, ...]      # passages of the sections it names
    names_unknown_item: bool       # it names a numbered item we do not have ("principle 9")
    rare_terms: tuple[str, ...]    # words the corpus never uses that are not common English
    kinds: tuple[str, ...]         # kinds of statement it asks for
    described: tuple[int, ...] = ()  # passages of the sections that describe the modalities it names
    answer_type: str | None = None   # time, number, reason or list, when an English question says so
    unfamiliar: tuple[str, ...] = ()  # in another language: subject words the curated translations never use
    gloss: tuple[str, ...] = ()       # in another language: its words' English BM25 terms (search/lexicon.py)
    gloss_text: str = ""              # ... as English words, for the tuned English encoder
    # in another language: the names among its rare terms that the world writes alike,
    # English words' cognates ("ketamina", "ибогаин")
    proper_names: tuple[str, ...] = ()
    # in another language: the documents' own terms it keeps in English ("« Community
    # Reinforcement Approach »")
    documented: tuple[str, ...] = ()

    @property
    def names_ours(self) -> bool:
        """It names one of our documents, items or sections."""
        return bool(self.documents or self.items or self.sections)

    @property
    def english(self) -> bool:
        return self.language == "en"


def clean_question(question) -> tuple[str, list[str]]:
    """Normalise a question; raise on an empty one; cut an overlong one."""
    if question is None or not isinstance(question, str):
        raise BadQuestionError("the question must be text")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in question)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise BadQuestionError("the question is empty: type a few words, e.g. 'naloxone for families'")
    if all(unicodedata.category(ch)[0] in "PZ" for ch in text):   # "?!?... ;;;" (a symbol, "💊", may mean something)
        raise BadQuestionError("the question has no words, only punctuation: type a few words, "
                               "e.g. 'naloxone for families'")
    notes = []
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS]
        notes.append(f"the question was cut to its first {MAX_QUESTION_CHARS} characters")
    return text, notes


# "How long" in the other languages: the answer is quoted in English, so a duration is
# found in its sentences alike (the other kinds' English signs are not worth their
# patterns in seven languages: a number or a reason asked for rewarded sentences that
# merely held one).
OTHER_LANGUAGE_TIME_RE = re.compile(
    r"cu[aá]nto tiempo|cu[aá]nto (?:debe |deber[ií]a |suele )?durar|quanto tempo|quanto (?:deve |costuma )?durar|"
    r"combien de temps|quelle (?:est la )?dur[ée]e|wie lange|"
    r"сколько (?:времени|лет|месяцев|длит|должн\w* длиться|продолжа)|как долго(?!\w)|какой срок|"
    r"كم من الوقت|كم (?:هي )?مدة|ما (?:هي )?مدة|كم (?:يستغرق|تستغرق|يستمر|تستمر|يدوم|تدوم)|"
    r"多长时间|多久|多长", re.I)


def answer_type(text: str, english: bool = True) -> str | None:
    """The kind of thing the question asks for, if its words say: the first that fits;
    in another language only a duration."""
    if not english:
        return "time" if OTHER_LANGUAGE_TIME_RE.search(text) else None
    return next((kind for kind, pattern in ANSWER_TYPE_RE if pattern.search(text)), None)


def detect_language(text: str, known: dict[str, set[str]] | None = None) -> str:
    """The language of a question: by its script, else the Latin-script language in
    which its words are most common (English on a tie). A word no small list holds
    counts, as the rarest word a list holds would, for each language whose `known`
    words (folded: lower case, plain Latin letters) include it: "metadona" alone is
    Spanish or Portuguese by the curated translations, "buprenorphine" English by
    the corpus."""
    for code, script in SCRIPTS:
        if len(script.findall(text)) >= 2:
            return code
    words = re.findall(r"[^\W\d_]+", text.lower())
    known = known or {}
    score = {lang: sum(zipf_frequency(w, lang, wordlist="small") or
                       (KNOWN_WORD_ZIPF if fold(w) in known.get(lang, ()) else 0.0) for w in words)
             for lang in LATIN_LANGUAGES}
    return max(LATIN_LANGUAGES, key=lambda lang: (score[lang], lang == "en"))


def stem_known(word: str, bm25: BM25) -> bool:
    tokens = tokenize(word)
    return bool(tokens) and all(t in bm25.vocab for t in tokens)


class QuestionReader:
    """Turns question text into a `Question`, from what the build knows: the corpus
    words (spelling), its abbreviations, the concept labels, the documents' aliases and
    the numbered items."""

    def __init__(self, *, bm25: BM25, expander: Expander, matcher: ConceptMatcher,
                 doc_aliases: dict[str, list[str]], numbered: dict[tuple[str, str], list[int]],
                 section_passages: dict[str, list[int]], corpus_words: set[str], wordpieces: frozenset[str],
                 described_passages: dict[str, list[int]] | None = None,
                 language_words: LanguageWords | None = None,
                 lexicon: Callable[[str], Lexicon | None] | None = None,
                 acronyms: Acronyms | None = None, document_names: DocumentNames | None = None,
                 corpus_text: str = ""):
        self.bm25 = bm25
        self.expander = expander
        self.matcher = matcher
        self.doc_aliases = doc_aliases
        # an alias stands apart from letters of the scripts that space their words;
        # Chinese writes "第59/4号决议" with no space around the number
        apart = r"A-Za-z0-9_\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF/"
        self.doc_alias_re = re.compile(rf"(?<![{apart}])(" + "|".join(
            re.escape(a) for a in sorted(doc_aliases, key=len, reverse=True)) + rf")(?![{apart}])", re.I) \
            if doc_aliases else None
        self.document_names = document_names  # "el curso para responsables políticos"
        self.corpus_phrases = phrase_key(corpus_text)  # the passages' text, for phrases kept in Latin letters
        self.numbered = numbered
        self.section_passages = section_passages
        self.corpus_words = corpus_words
        self.corpus_word_list = sorted(corpus_words)
        # a word's closest corpus word, looked up once for the spelling and the English
        # share alike (difflib over every corpus word: milliseconds a word); bounded, as
        # questions come from anyone
        self.close_corpus_word = functools.lru_cache(maxsize=4096)(self._close_corpus_word)
        self.wordpieces = wordpieces  # English word pieces: is a word common English?
        # The section that describes each treatment modality (skg:number of the concept):
        # every modality has its own "Goals", and only its section tells them apart.
        self.described_passages = described_passages or {}
        self.language_words = language_words  # names in a question in another language
        self.lexicon = lexicon or (lambda language: None)  # English words for another language's
        # the words each language is known to use: the corpus's, the translations'
        self.known_words = {"en": language_words.corpus, **language_words.known} if language_words \
            else {"en": {fold(w) for w in corpus_words}}
        # the words users of the other languages ask about these documents in
        # ("tratamiento obligatorio" inside an English question): their subjects, no names
        self.translation_words = frozenset().union(*language_words.known.values()) if language_words \
            else frozenset()
        self.acronyms = acronyms  # acronyms the documents never mean ("EMDR"), in any language
        self.acronym_words = frozenset(corpus_words) | self.translation_words

    def read(self, question: str) -> Question:
        text, _ = clean_question(question)
        language = detect_language(text, self.known_words)
        if language == "en" and self.english_share(text) < MIN_ENGLISH_SHARE:
            language = "other"
        english = language == "en"
        full = self.expander.expand(self.correct_spelling(text)) if english else text
        # read without the speaker's name when it asks what the Standards or their
        # authors say (search/speaker.py); the kinds it asks for keep it ("standards")
        topic = without_speaker(text)
        expanded = full if topic == text else self.expander.expand(self.correct_spelling(topic)) if english \
            else topic
        items, sections, unknown = self.referenced_passages(text)
        documents = frozenset(d for m in self.doc_alias_re.findall(text) for d in self.doc_aliases[m.lower()]) \
            if self.doc_alias_re else frozenset()
        if self.document_names:
            documents |= self.document_names.named_in(text)
        concepts = frozenset(c.iri for c in self.matcher.concepts_in(expanded))
        # In another language, an acronym the documents never mean ("EMDR" in a Russian
        # question) names something they do not cover, as a name does, written alike in
        # every language: a proper name's closeness. Not in English, whose closeness (the
        # tuned encoder's) refuses those questions already, and whose users write
        # acronyms of their own for the documents' subjects ("MOUD").
        acronyms = self.acronyms.unknown(text, self.acronym_words) if self.acronyms and not english else []
        # a lone capitalised word inside the sentence names a place, person or product,
        # as in English: written alike in many languages ("l'Islande"), a proper name;
        # so does a run of the characters Chinese writes foreign names with ("苏格兰")
        capitalised = [] if english or not self.language_words else \
            self.language_words.capitalised_names(text, language) \
            + self.language_words.transliterated_names(text, language)
        # rare words kept in Latin letters inside another script ("像Sublocade这样"), and
        # phrases of common words so kept that the documents never write ("（Housing
        # First）"): names the world writes alike, whose own letters the question keeps
        documented, unknown_phrases = ([], []) if english else self.kept_phrases(text, language)
        kept = [] if english else self.rare_unknown_terms(" ".join(foreign_words(text))) + unknown_phrases
        rare = sorted(set(self.rare_unknown_terms(text)) | set(self.unknown_names(text))) if english \
            else kept + (self.language_words.unknown_names(text, language) if self.language_words else [])
        rare = tuple(dict.fromkeys(rare + [a for a in acronyms + capitalised if a.lower() not in rare]))
        return Question(
            text=text, expanded=expanded, language=language,
            normative=bool(NORMATIVE_RE.search(text)),
            concepts=concepts,
            documents=documents, items=tuple(items), sections=tuple(sections), names_unknown_item=unknown,
            rare_terms=rare,
            proper_names=() if english else
            tuple(dict.fromkeys(kept + english_names(rare, language) + acronyms + capitalised)),
            kinds=tuple(kind for kind, pattern in KIND_INTENT_RE.items() if pattern.search(full)),
            described=tuple(i for c in sorted(concepts) for i in self.described_passages.get(c, ())),
            answer_type=answer_type(text, english),
            unfamiliar=() if english or not self.language_words else
            tuple(self.language_words.unfamiliar_words(text, language)),
            documented=tuple(documented),
            **({} if english or (lexicon := self.lexicon(language)) is None else
               {"gloss": (gloss := lexicon.gloss(topic)) + tuple(t for p in documented for t in tokenize(p)),
                "gloss_text": " ".join([lexicon.english(gloss)] + documented)}))

    def english_share(self, text: str) -> float:
        """The share of a question's words that are common English (one BERT word
        piece), words of the corpus or misspellings of them ("metadone", "withdrawl":
        what correct_spelling mends); 1 for a question of fewer than three words."""
        words = re.findall(r"[^\W\d_]+", text.lower())
        if len(words) < 3:
            return 1.0
        return sum(w in self.wordpieces or w in self.corpus_words or
                   (len(w) >= 6 and self.close_corpus_word(w) is not None) for w in words) / len(words)

    def referenced_passages(self, question: str) -> tuple[list[int], list[int], bool]:
        """Passages of the items the question names ("standard 2.3", "condition 13"),
        passages of the sections it names ("principle 1", "section 3.4.8.1"): an item is
        the answer itself, a section only where to look; and whether it names an item or
        section we do not have."""
        items: list[int] = []
        sections: list[int] = []
        unknown = False
        for word, number in numbered_references(question):
            found: list[int] = []
            if word in REF_CLASSES and (word != "principle" or asks_only_for_it(question)):
                found = self.numbered.get((REF_CLASSES[word], number), [])
                items += found
            if word == "principle":
                found = self.section_passages.get(f"Principle {number}", [])
                sections += found
            elif word in ("section", "chapter") or (word == "standard" and number.count(".") >= 2):
                found = [i for key, ids in self.section_passages.items()
                         if key == number or key.startswith(number + ".") for i in ids]
                sections += found
            unknown = unknown or not found
        return items, sections, unknown

    def correct_spelling(self, question: str) -> str:
        """Misspelt words ("reccomendation") replaced by the corpus word they are
        closest to; words the corpus knows, short words and words with no close match
        are left alone."""
        def fix(m: re.Match) -> str:
            word = m.group()
            low = word.lower()
            if len(low) < 6 or low in self.corpus_words or stem_known(low, self.bm25):
                return word
            return self.close_corpus_word(low) or word
        return re.sub(r"[A-Za-z]+", fix, question)

    def _close_corpus_word(self, word: str) -> str | None:
        """The corpus word a misspelt one is closest to, if any is close."""
        close = difflib.get_close_matches(word, self.corpus_word_list, n=1, cutoff=0.88)
        return close[0] if close else None

    def english_phrases(self, text: str, language: str) -> list[str]:
        """Phrases of two or more English words that a question in another language keeps
        as they are: in another script, any run of words in Latin letters ("（Housing
        First）"); in a language written in Latin letters, words in parentheses or quotes
        that are all English and none a word of its curated translations ("« Community
        Reinforcement Approach »", "(housing first)")."""
        if language not in LATIN_LANGUAGES:
            return re.findall(r"[A-Za-z][A-Za-z-]*(?:[ ]+[A-Za-z][A-Za-z-]*)+", text)
        if not self.language_words or language not in self.language_words.known:
            return []
        native = self.language_words.known[language]
        return [inside for m in QUOTED_RE.finditer(text) for inside in m.groups() if inside
                if len(words := re.findall(r"[^\W\d_]+", inside.lower())) >= 2
                and all(w in self.wordpieces and fold(w) not in native for w in words)]

    def kept_phrases(self, text: str, language: str) -> tuple[list[str], list[str]]:
        """The question's English phrases (english_phrases), lower-cased, as two lists:
        those the documents write, case and hyphens aside ("Community Reinforcement
        Approach": the user names their own term), and those neither they nor the concept
        vocabulary's labels write ("Housing First", "Celebrate Recovery": the name of an
        approach, a group or a title whose words alone are common). A whole label of a
        concept ("opioid substitution therapy") is in neither."""
        documented, unknown = [], []
        if not self.corpus_phrases:
            return documented, unknown
        for phrase in self.english_phrases(text, language):
            key = phrase_key(phrase)
            if key in self.corpus_phrases:
                documented.append(phrase.lower())
            elif not any(phrase_key(m.matched) == key for m in self.matcher.find(phrase)):
                unknown.append(phrase.lower())
        return documented, unknown

    def rare_unknown_terms(self, question: str) -> list[str]:
        """Words of the question absent from the corpus that are neither common English
        nor a misspelling of a corpus word ("kratom", "xylazine", "nitazenes")."""
        out = []
        for word in set(re.findall(r"[a-z]+(?:-[a-z]+)*", question.lower())):
            if len(word) < 5 or word in self.corpus_words or stem_known(word, self.bm25) \
                    or word in self.translation_words:
                continue
            if all(common_english(part, self.wordpieces) or part in self.corpus_words
                   or common_derivative(part, self.wordpieces, self.corpus_words) for part in word.split("-")):
                continue
            if any(word.startswith(p) and (stem_known(word[len(p):], self.bm25) or
                                           common_english(word[len(p):], self.wordpieces))
                   for p in NEGATING_PREFIXES):  # "unlicensed", "non-medical"
                continue
            if difflib.get_close_matches(word, self.corpus_word_list, n=1, cutoff=0.85):
                continue
            out.append(word)
        return sorted(out)

    def unknown_names(self, question: str) -> list[str]:
        """Names the corpus never uses: a capitalised word inside a sentence ("why does
        Scotland have...", "the Philippines' war on drugs") names a place, person or
        thing, however common the word; unknown to the documents, it is something they
        do not cover. Not in a question written in title case, where capitals name
        nothing."""
        words = [(m.start(), m.group()) for m in NAME_WORD_RE.finditer(question)]
        if in_title_case([w for _, w in words]):
            return []
        out = []
        for at, word in words:
            if not word[0].isupper() or word.isupper() or re.search(r"(?:^|[.?!:;]\s*)$", question[:at]):
                continue
            word = re.sub(r"['’]s?$", "", word).lower()
            if word in self.corpus_words or stem_known(word, self.bm25) or \
                    all(part in self.corpus_words for part in word.split("-")):
                continue
            out.append(word)
        return sorted(set(out))


# Words in parentheses or quotes: where a question in another language keeps a term in English
QUOTED_RE = re.compile(r"\(([^()]+)\)|«\s*([^«»]+?)\s*»|“([^“”]+)”|\"([^\"]+)\"")


def phrase_key(text: str) -> str:
    """Text lower-cased, hyphens and runs of white space made one space: the form in
    which a phrase is looked for ("opioid-agonist  therapy" -> "opioid agonist therapy")."""
    return " ".join(re.sub(r"[-‐-―]", " ", text.lower()).split())


def foreign_words(text: str) -> list[str]:
    """The Latin-script words of a question written in another script (Cyrillic, Arabic,
    Chinese...): names kept as they are ("Adderall", "ayahuasca"), which the rare-term
    rule can read as it reads English ones. None in a question in a Latin script, where
    every word of Spanish or French would look foreign to an English corpus."""
    latin = re.findall(r"[A-Za-z][A-Za-z-]*", text)
    letters = re.findall(r"[^\W\d_]", text)
    return latin if letters and sum(len(w) for w in latin) < 0.5 * len(letters) else []


NEGATING_PREFIXES = ("un", "non", "non-", "dis", "mis", "in", "im", "re", "pre", "anti", "over", "under")


# Suffixes English derives words with ("joblessness", "funders", "carers"): what is
# left is a word of its own, four letters at least.
DERIVING_SUFFIXES = ("ness", "less", "ment", "ments", "ers", "er", "ists", "ist", "ism", "ity", "ful", "ly")


def common_derivative(word: str, pieces: frozenset[str], corpus_words) -> bool:
    """A common English or corpus word with a suffix English derives words with
    ("joblessness" = jobless + ness, "funders" = fund + ers): an everyday word, not a
    name of something the documents never mention."""
    return any(word.endswith(suffix) and len(word) - len(suffix) >= 4
               and ((stem := word[:-len(suffix)]) in corpus_words or common_english(stem, pieces))
               for suffix in DERIVING_SUFFIXES)


def common_english(word: str, pieces: frozenset[str]) -> bool:
    """One piece of the English vocabulary, a first piece that is most of the word
    ("smokers" = smoke + ##rs), or two whole pieces."""
    if word in pieces:
        return True
    head = next((word[:n] for n in range(len(word), 0, -1) if word[:n] in pieces), "")
    if len(head) >= 0.6 * len(word):
        return True
    # a compound of two common words ("willpower", "workplace")
    return any(word[:n] in pieces and word[n:] in pieces for n in range(3, len(word) - 2))
