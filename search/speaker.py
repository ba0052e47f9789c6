"""The Standards or UNODC named as the speaker of a question ("what do the
international standards say about compulsory treatment", "¿qué recomienda la UNODC
sobre…", "国际标准对强制戒毒有什么看法"): who says it, not what it is about.

Every passage of the resolution and of the Standards' introduction names "the
international standards" and UNODC, so a question that names them as its
speaker is read as a question about them: "what do the international standards say
about compulsory treatment" led with resolution 59/4's operative paragraph 1 instead
of standard 3.5. Retrieval reads such a question without the speaker's name; the
question shown and the documents it names are unchanged. The name is the speaker
only beside a verb of saying ("the standards say", "según la UNODC"); elsewhere it is
the subject ("who wrote the international standards", "when were the revised
standards launched according to the package"). WHO is kept: "what does WHO
recommend" asks for the WHO recommendations, statements of their own.
"""
from __future__ import annotations

import re

# The Standards and UNODC, as questions name them, by language.
_EN = (r"(?:the\s+)?(?:(?:UNODC|WHO)(?:\s*[-/]\s*(?:UNODC|WHO))?\s+)?(?:international\s+)?(?:treatment\s+)?"
       r"(?:standards|guidelines)\b|\b(?:the\s+)?UNODC\b")
_OTHER = "|".join([
    r"\b(?:las\s+|los\s+)?(?:normas|estándares)\s+internacionales\b",
    r"\b(?:les\s+)?normes\s+internationales\b",
    r"\b(?:as\s+|os\s+)?(?:normas|padrões)\s+internacionais\b",
    r"\b(?:la\s+|l'|a\s+)?(?:ONUDD|ONUDC|UNODC)\b",
    r"международн\w*\s+стандарт\w*|УНП\s+ООН",
    r"المعايير\s+الدولية",
])
_ZH = r"国际标准|联合国毒品和犯罪问题办公室"
# What the speaker does: says, recommends, holds a position.
_SAY_EN = r"\s+(?:also\s+|really\s+|actually\s+)?(?:say|says|think|thinks|state|states|recommend|recommends|" \
          r"advise|advises|suggest|suggests|tell|tells|position|view|stance)\b"
_SAY_OTHER = "|".join([
    r"dicen|dice|opinan|opina|recomiendan|recomienda|establecen|establece|según",
    r"disent|dit|pensent|pense|recommandent|recommande|préconisent|préconise|selon|d'après",
    r"dizem|diz|recomendam|recomenda|segundo|de acordo com",
    r"говор\w+|сказано|рекоменду\w+|счита\w+|соглас\w+",
    r"تقول|يقول|توصي|يوصي|موقف|رأي|وفقا|وفقاً|حسب",
])
_GAP = r"[\s,;:¿¡?]*(?:[^\W\d_]+[\s,;:¿¡?]+)??"   # at most one word between name and verb
SPEAKER_SAYING = [
    re.compile(rf"(?P<speaker>\b(?:{_EN})(?:'s)?){_SAY_EN}", re.I),
    re.compile(rf"(?P<speaker>\baccording to\s+(?:{_EN}))", re.I),   # the whole phrase goes
    re.compile(rf"(?P<speaker>{_OTHER}){_GAP}(?:{_SAY_OTHER})", re.I),
    re.compile(rf"(?:{_SAY_OTHER}){_GAP}(?P<speaker>{_OTHER})", re.I),
    # "国际标准对强制戒毒有什么看法": the topic sits between the name and the verb
    re.compile(rf"(?P<speaker>{_ZH})[^，。？！?,]{{0,16}}?(?:看法|怎么说|如何看待|说了什么|有何规定|怎么看|建议|规定|立场)"),
    re.compile(rf"根据(?P<speaker>{_ZH})"),
]
MIN_LEFT_LETTERS = 12   # what is left must still say something ("what do say?" does not)
CJK_LETTERS = 3         # a Chinese character says about as much as three letters


def without_speaker(text: str) -> str:
    """The question without the name of its speaker, when it asks what the Standards or
    their authors say; else the question as it is."""
    spans = sorted({m.span("speaker") for pattern in SPEAKER_SAYING for m in pattern.finditer(text)})
    if not spans:
        return text
    left, end = [], 0
    for start, stop in spans:
        if start >= end:
            left.append(text[end:start])
            end = stop
    left = "".join(left + [text[end:]])
    left = re.sub(r"\s+([,;:?])", r"\1", re.sub(r"\s{2,}", " ", left))
    left = re.sub(r"\b(to|selon|según|segundo),", r"\1", left, flags=re.I).strip(" ,;:")
    letters = sum(CJK_LETTERS if "\u4e00" <= ch <= "\u9fff" else 1 for ch in re.sub(r"[\W\d_]+", "", left))
    return left if letters >= MIN_LEFT_LETTERS else text
