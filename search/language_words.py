"""Which words of a question in another language are names the documents never use.

In English a word that is neither common English nor the corpus's own is a name
("kratom", "xylazine"): search/question.py's rare-term rule. A question in Spanish or
Russian is all words the English corpus does not have, so here a word is a name only
when it is none of these:
- a form of a common word of its language: its Snowball stem is the stem of a word
  that wordfreq's small list holds (the words used at least once a million), so
  "gritarles" (grit-) and "стыдить" (стыд-) are words, "ketamina" and "ибогаин" not;
- a word of the curated questions' translations into that language (the documents'
  own subjects as users name them);
- the corpus's own word or one close to it in Latin letters ("buprenorfina" and
  "бупренорфин" are "buprenorphine"): cognates.
Chinese is left out (no spaces to find words by; a name in Latin letters inside it is
read by the English rule), and so is a language without curated translations.
Among such names, those the world writes alike are told apart (`english_names`): a
word whose letters are close to a rarely used English word's and which its own
language uses rarely ("ketamina" ketamine, "ибогаин" ibogaine, "sofosbuvir") is a
substance, medicine or person, which asks a closer passage still (search/coverage.py).
"""
from __future__ import annotations

import difflib
import re
from functools import cache, lru_cache

import snowballstemmer
from anyascii import anyascii
from wordfreq import get_frequency_dict, get_frequency_list, top_n_list

STEMMERS = {"es": "spanish", "fr": "french", "pt": "portuguese", "ru": "russian", "ar": "arabic",
            "de": "german", "it": "italian"}
MIN_LETTERS = 5          # shorter words are mostly function words and abbreviations
COGNATE_RATIO = 0.75     # difflib ratio, in Latin letters, at which a word is a corpus word's cognate
FUNCTION_WORDS = 300     # a language's commonest words: they say nothing of a question's subject
MIN_SUBJECT_LETTERS = 4  # shorter words are function words or abbreviations
COGNATE_MEMO = 4096      # words whose cognate test is remembered
ENGLISH_NAME_RATIO = 0.85  # difflib ratio, in Latin letters, at which a name is an English word's cognate
ENGLISH_NAME_PREFIX = 3   # ... sharing this many first letters ("ketamina" ketamine, "ибогаин" ibogaine)
# ... that is a name in English too: rarer than "motorists" (Zipf 3.3), "canceled" (3.9),
# yet in use ("xylazine" 1.4), not the large list's stray foreign words ("solide" 1.1)
ENGLISH_NAME_ZIPF = (1.35, 3.5)
NATIVE_WORD_ZIPF = 2.5    # a word its own language uses this often (Zipf, large list) is its word, not a name


@cache
def stemmer_of(language: str):
    """The language's Snowball stemmer (PyStemmer's, in C, when installed)."""
    return snowballstemmer.stemmer(STEMMERS[language])


@cache
def common_stems(language: str) -> frozenset[str]:
    """The stems of the language's common words: computed once a language, at its
    first question (0.04-0.09 s with PyStemmer's C stemmers; 1-3 s without)."""
    stem = stemmer_of(language).stemWord
    return frozenset(stem(w) for w in get_frequency_dict(language, wordlist="small"))


@cache
def function_words(language: str) -> frozenset[str]:
    """The language's commonest words (wordfreq): they say nothing of a subject."""
    return frozenset(top_n_list(language, FUNCTION_WORDS))


def large_list(language: str):
    """(Zipf, words) for each band of wordfreq's large list of a language, read from
    its file and not kept: wordfreq would keep the list, 30-50 MB a language, for the
    process's life, where a few of its words are all a question needs. Empty for a
    language without one."""
    try:
        bands = get_frequency_list.__wrapped__(language, "large")
    except (LookupError, ValueError):   # no list for it; "other" is no language code
        return
    for index, words in enumerate(bands):
        yield round(9 - index / 100, 2), words   # bands a centibel apart from Zipf 9, the commonest first


# An article or pronoun elided before a word ("l'Écosse", "d'Adderall", "qu'Ibogaine").
ELISION_RE = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.I)
# Where a sentence starts, a capital names nothing: the text's start, or after . ? ! : ;
# and an opening mark ("¿", "¡", "«", a quote).
SENTENCE_START_RE = re.compile(r"(?:^|[.?!:;])[\s¿¡«\"“]*$")
# A word as a name is written: with its hyphens and apostrophes ("l'Écosse", "Philippines'").
NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def in_title_case(words: list[str]) -> bool:
    """Most words capitalised: a question written in title case, whose capitals name nothing."""
    return sum(w[0].isupper() for w in words) > len(words) / 2


# The small words inside a name of several capitalised words ("Organização Mundial da
# Saúde", "Bureau des Nations Unies contre la drogue"): such a run names an organisation
# or a title, not the one place or product a lone capital names.
NAME_JOINERS = frozenset("de da do das dos del la le les des du et y e di della".split())
# The bodies the documents speak of, as the six languages name them in full: their
# words are no names, in whatever case ("Всемирная организация здравоохранения" takes
# one capital; a Russian question naming it has one lone capitalised word).
ORGANISATION_NAMES = {
    "es": ["Organización Mundial de la Salud", "Oficina de las Naciones Unidas contra la Droga y el Delito",
           "Naciones Unidas", "Comisión de Estupefacientes", "Asamblea General", "Consejo Económico y Social"],
    "fr": ["Organisation mondiale de la Santé", "Office des Nations Unies contre la drogue et le crime",
           "Nations Unies", "Commission des stupéfiants", "Assemblée générale", "Conseil économique et social"],
    "pt": ["Organização Mundial da Saúde", "Escritório das Nações Unidas sobre Drogas e Crime",
           "Nações Unidas", "Comissão de Entorpecentes", "Assembleia Geral", "Conselho Econômico e Social"],
    "ru": ["Всемирная организация здравоохранения", "Управление Организации Объединенных Наций по наркотикам и преступности",
           "Организация Объединённых Наций", "Комиссия по наркотическим средствам", "Генеральная Ассамблея",
           "Экономический и Социальный Совет"],
}


@cache
def english_words_by_prefix() -> dict[str, list[str]]:
    """English words of five letters or more that English uses rarely but does
    (ENGLISH_NAME_ZIPF, wordfreq's large list), by their first letters: read at the first
    name a question in another language uses (about 0.2 s)."""
    low, high = ENGLISH_NAME_ZIPF
    out: dict[str, list[str]] = {}
    for zipf, words in large_list("en"):
        if low <= zipf < high:
            for word in words:
                if len(word) >= MIN_LETTERS and word.isascii() and word.isalpha():
                    out.setdefault(word[:ENGLISH_NAME_PREFIX], []).append(word)
    return out


def english_cognate(word: str) -> str | None:
    """The English word a name in another language writes in its own letters, if any
    ("ketamina", "ибогаин" -> ibogain -> "ibogaine", "sofosbuvir"): a substance, product
    or place the world names alike, which the documents never name. Not in Arabic
    letters: written without its vowels, a name matches English words by chance."""
    if re.search(r"[\u0600-\u06ff]", word):
        return None
    folded = fold(word)
    near = difflib.get_close_matches(folded, english_words_by_prefix().get(folded[:ENGLISH_NAME_PREFIX], []),
                                     n=1, cutoff=ENGLISH_NAME_RATIO)
    return near[0] if near else None


@cache
def native_words(language: str) -> frozenset[str]:
    """The words a language uses at least NATIVE_WORD_ZIPF often (wordfreq's large list,
    read as it is: Chinese's tokenizer would need jieba)."""
    return frozenset(w for zipf, words in large_list(language) if zipf >= NATIVE_WORD_ZIPF for w in words)


def english_names(words, language: str) -> list[str]:
    """The words that name in the question's language what English names alike
    ("ketamina", "ибогаин", "sofosbuvir"): English words' cognates that the language
    itself uses rarely ("solidez", "motoristas" are Portuguese words that look English)."""
    native = native_words(language)
    return [w for w in words if w not in native and english_cognate(w)]


# The characters Chinese writes foreign names with by their sound (the commonest of the
# Xinhua transliteration tables, and 磷 of drug names): "苏格兰" Scotland, "普瑞巴林"
# pregabalin, "索磷布韦" sofosbuvir. Most are everyday characters too (特, 利, 因), so only
# a run of three the curated translations never write together is read as a name.
TRANSLITERATION_CHARS = frozenset(
    "阿埃艾爱安昂奥巴拜班邦贝本比彼毕宾波伯博布查达戴丹道德迪蒂丁东杜多厄恩尔法范菲费芬丰弗福盖甘冈高戈格贡古瓜"
    "哈海汉豪赫亨胡华怀霍基吉加贾杰金卡凯坎康考科克肯库夸奎拉莱兰朗劳勒雷蕾黎里理利莉列林琳卢鲁路伦罗洛马玛迈麦"
    "曼梅门蒙米密明莫墨默穆纳娜奈南内尼妮涅宁纽努诺欧帕派潘佩彭皮普齐奇恰乔切琼丘让热瑞若萨塞桑瑟森沙莎舍圣施史"
    "什舒斯松苏索塔泰坦汤唐特提图托瓦万旺威韦维温沃乌西希锡夏谢辛休雅亚扬耶伊因英尤约泽扎詹兹佐磷")
TRANSLITERATED_RE = re.compile("[" + "".join(sorted(TRANSLITERATION_CHARS)) + "]{3,}")


def _in_capital_run(words: list[str], named: list[bool], i: int) -> bool:
    """Whether the i-th word has a capitalised neighbour inside the sentence, small words
    between them skipped ("Mundial da Saúde")."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(words) and words[j].lower() in NAME_JOINERS:
            j += step
        if 0 <= j < len(words) and named[j]:
            return True
    return False


# Arabic's short vowels, shadda and tatweel: marks inside a word, which \w does not take
# for letters ("أُجبروا" is one word, not "أ" and "جبروا").
ARABIC_MARKS_RE = re.compile(r"[\u064b-\u0652\u0670\u0640]")


def words_of(text: str) -> list[str]:
    """A text's words, lower-cased (letters only, any script; Arabic without its marks)."""
    return re.findall(r"[^\W\d_]+", ARABIC_MARKS_RE.sub("", text.lower()))


# Arabic writes "and", "so", "with", "as", "for" and "the" onto the word; Snowball strips
# some of them, but not a lone ك or ل ("كعائلة", as a family), which may also begin a root.
ARABIC_PROCLITICS_RE = re.compile(r"^(?:[وف])?(?:[بكل])?(?:ال)?")


def arabic_forms(word: str) -> tuple[str, ...]:
    """The word, and the word without its leading conjunction, preposition and article
    when three letters or more remain."""
    bare = ARABIC_PROCLITICS_RE.sub("", word)
    return (word, bare) if bare != word and len(bare) >= 3 else (word,)


def word_forms(word: str, language: str) -> tuple[str, ...]:
    """The forms of a question's word to look up: in Arabic also without its proclitics."""
    return arabic_forms(word) if language == "ar" else (word,)


def fold(word: str) -> str:
    """The word in lower-case Latin letters ("ибогаин" -> "ibogain", "heroína" -> "heroina")."""
    return anyascii(word).lower()


class LanguageWords:
    """The words the system knows in each language other than English: the corpus's
    (folded), and the translated curated questions' of each language."""

    def __init__(self, corpus_words: set[str], translated: dict[str, list[str]],
                 english: frozenset[str] = frozenset()):
        self.corpus = {fold(w) for w in corpus_words}
        self.english = english  # English words mixed in ("speed", "online") are words too
        self.corpus_list = sorted(self.corpus)
        # each language's translation words as written (for their stems), and folded
        self.known_raw = {lang: frozenset(w for text in texts for w in words_of(text))
                          for lang, texts in translated.items()}
        self.known = {lang: {fold(w) for w in words} for lang, words in self.known_raw.items()}
        self.known_list = {lang: sorted(words) for lang, words in self.known.items()}
        # Chinese has no spaces between words: its translations' text as written, for runs
        self.chinese_text = "\n".join(translated.get("zh", []))
        self._known_stems: dict[str, frozenset[str]] = {}
        # difflib over some 3,800 corpus words takes milliseconds a word: a question's
        # unknown words are tested up to three times, and users repeat them; bounded, as
        # anyone may send any words
        self._is_cognate = lru_cache(maxsize=COGNATE_MEMO)(self._cognate)

    def known_stems(self, language: str) -> frozenset[str]:
        """The stems of the language's translation words, computed at its first question."""
        if language not in self._known_stems:
            stem = stemmer_of(language).stemWord
            self._known_stems[language] = frozenset(stem(w) for w in self.known_raw[language])
        return self._known_stems[language]

    def _cognate(self, folded: str, language: str | None = None) -> bool:
        """Close to a corpus word (or, given a language, to a word of its translations)."""
        lists = [self.corpus_list] + ([self.known_list[language]] if language else [])
        return any(difflib.get_close_matches(folded, words, n=1, cutoff=COGNATE_RATIO) for words in lists)

    def _strange_words(self, text: str, language: str, min_letters: int):
        """The question's words of `min_letters` or more (folded) that are no word of the
        language's translations, of the corpus or of English, with their folded form;
        none in a language without curated translations."""
        if language not in STEMMERS or language not in self.known:
            return
        for word in dict.fromkeys(words_of(text)):
            folded = fold(word)
            if len(folded) >= min_letters and folded not in self.known[language] \
                    and folded not in self.corpus and folded not in self.english:
                yield word, folded

    def unfamiliar_words(self, text: str, language: str) -> list[str]:
        """The question's subject words that the documents' subjects, as the curated
        translations name them in its language, never use: no form of a translation's
        word (by Snowball stem), no corpus word or cognate of one, none of the language's
        commonest words. "sauna", "jeux vidéo", "igrejas": a question made of them is
        likelier about something else, however close e5 puts it."""
        strange = list(self._strange_words(text, language, MIN_SUBJECT_LETTERS))
        if not strange:
            return []
        stem = stemmer_of(language).stemWord
        known_stems = self.known_stems(language)
        common = function_words(language)
        return [word for word, folded in strange
                if not any(w in common or stem(w) in known_stems for w in word_forms(word, language))
                and not self._is_cognate(folded)]

    def capitalised_names(self, text: str, language: str) -> list[str]:
        """Lone capitalised words inside a sentence that are no word of the language's
        translations, of the corpus, of the organisations' names or a cognate of one
        ("l'Islande", "Таиланд"): places, people and products the documents never name,
        as in English (search/question.py unknown_names). Lower-cased. Not a run of
        capitalised words ("Organização Mundial da Saúde": an organisation or a title);
        none in a question written in title case, in a language whose nouns all take
        capitals (German) or without curated translations."""
        if language not in self.known or language == "de":
            return []
        found = list(NAME_WORD_RE.finditer(text))
        if in_title_case([m.group() for m in found]):
            return []
        words = [ELISION_RE.sub("", m.group()) for m in found]   # "l'Écosse", "d'Adderall"
        # a capital names something only inside a sentence
        named = [w[:1].isupper() and not SENTENCE_START_RE.search(text[:m.start()]) for w, m in zip(words, found)]
        organisations = self._organisation_words(language)
        out = []
        for i, word in enumerate(words):
            if not named[i] or word.isupper() or _in_capital_run(words, named, i):
                continue
            folded = fold(word)
            if folded not in self.known[language] and folded not in self.corpus and folded not in organisations \
                    and not self._is_cognate(folded, language):
                out.append(word.lower())
        return list(dict.fromkeys(out))

    def transliterated_names(self, text: str, language: str) -> list[str]:
        """In Chinese, runs of three or more characters that write foreign names by sound
        ("苏格兰", "普瑞巴林") that the curated translations never write, nor three of
        them together ("比海洛因" is "than heroin": 海洛因 is known): places, people and
        products the documents never name. None without Chinese translations."""
        if language != "zh" or not self.chinese_text:
            return []
        known = self.chinese_text
        return list(dict.fromkeys(
            run for run in TRANSLITERATED_RE.findall(text)
            if not any(run[i:i + 3] in known for i in range(len(run) - 2))))

    @staticmethod
    @cache
    def _organisation_words(language: str) -> frozenset[str]:
        return frozenset(fold(w) for name in ORGANISATION_NAMES.get(language, []) for w in words_of(name))

    def unknown_names(self, text: str, language: str) -> list[str]:
        """The question's words that are no word of its language and no corpus word.
        Without curated translations ("de", "it") none: the documents' subjects in the
        language's own words are unknown, and its compounds ("drogenabhängigen") are rare
        words, so every question would name something."""
        strange = list(self._strange_words(text, language, MIN_LETTERS))
        if not strange:
            return []
        stem = stemmer_of(language).stemWord
        stems = common_stems(language)
        return [word for word, folded in strange
                if not any(stem(w) in stems for w in word_forms(word, language))
                and not self._is_cognate(folded, language)]
