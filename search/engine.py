"""The one object the CLI, the app and the endpoint call: hybrid retrieval, cited
extractive answers and knowledge-graph cross-references."""
from __future__ import annotations

import json
import re
import time
import unicodedata
import warnings
from dataclasses import dataclass

import numpy as np

from kg_builder.config import Settings
from kg_builder.index import embedding_text
from kg_builder.link import Concept, ConceptMatcher

from .abbreviations import Expander, find_abbreviations
from .answer import compose_answer, highlights, score_sentences
from .errors import ArtifactsMissingError, BadQuestionError, StaleArtifactsError
from .fusion import convex, rrf
from .lexical import BM25, tokenize
from .sparql import SparqlExecutor
from .vector import VectorIndex

MAX_QUESTION_CHARS = 2000
# Tuned on the dev set as a whole (benchmarks/retrieval.py), never per question.
FUSION_ALPHA = 0.6           # weight of the dense score in the convex fusion
FUSION_TOP = 50              # scores rescaled between the best and the 50th best
RRF_K = 20                   # for the "rrf" baseline of the benchmark
# Boosts on the fused scale (0..1 per retriever): what the graph knows of the question.
CONCEPT_WEIGHT = 0.05        # × share of the question's concepts the passage mentions
ALL_CONCEPTS_WEIGHT = 0.2    # the passage mentions every one of two or more concepts
DOCUMENT_WEIGHT = 0.6        # the question names the passage's document: its passages come first unless another is far closer
KIND_WEIGHT = 0.1            # the question asks for a kind of statement the passage is
SECTION_WEIGHT = 0.25        # the question names the passage's principle or section
ITEM_WEIGHT = 1.0            # the question names the very item ("standard 2.3")
SHORT_WEIGHT = 0.5           # taken from a passage of few words of its own (see `score`)
SHORT_WORDS = 8              #   none taken at this length and above
MIN_SIMILARITY = 0.45        # below this the nearest passage is not about the question
RARE_TERM_SIMILARITY = 0.70  # a question naming a term the corpus never uses needs this
WORDS_FOUND_SIMILARITY = 0.35  # enough when the top passages hold the question's words:
WORDS_FOUND_SHARE = 0.9        #   at least this share of them, weighted by IDF
NOT_COVERED = ("The documents in this collection do not address this question. "
               "The nearest passages are listed below for you to judge.")
REQUIRED = ("manifest.json", "kg.nt", "passages.jsonl", "index.faiss", "index.json")

# A question referring to a numbered item ("standard 2.3", "principle 5",
# "operative paragraph 4", "condition 13", "section 3.4.8.1").
NUMBER_REF_RE = re.compile(
    r"\b(standard|principle|operative paragraph|paragraph|condition|section|chapter)s?\s+(\d+(?:\.\d+)*)", re.I)
REF_CLASSES = {"standard": "Standard", "operative paragraph": "OperativeParagraph",
               "paragraph": "OperativeParagraph", "condition": "GoodPracticeCondition"}
# A question asking for a kind of statement ("what does WHO recommend", "which
# standards") favours the passages that are statements of that kind.
KIND_INTENT_RE = {
    "recommendation": re.compile(r"\brecommend(?:s|ed|ation|ations)?\b", re.I),
    "standard": re.compile(r"\bstandards?\b(?!\s+for\s+the\s+treatment)", re.I),
    "evidence_statement": re.compile(r"\b(?:evidence|proven|effective(?:ness)?)\b", re.I),
    "operative_paragraph": re.compile(r"\b(?:resolution|calls upon|urges|encourages|invites)\b", re.I),
}

Q_ENTITIES_OF_PASSAGE = """
SELECT ?e ?cls ?label ?number ?text ?strength ?passage WHERE {
  ?e prov:wasDerivedFrom ?passage ; a ?cls ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?cls), STR(skg:)))
  OPTIONAL { ?e skg:number ?number }
  OPTIONAL { ?e skg:text ?text }
  OPTIONAL { ?e skg:strength/rdfs:label ?strength }
} ORDER BY ?cls ?number ?e"""
Q_PRINCIPLE_OF_STANDARD = """
SELECT ?p ?label ?number ?standard WHERE { ?standard skg:principle ?p . ?p rdfs:label ?label ; skg:number ?number }
ORDER BY ?p"""
Q_RATING_OF_ENTITY = """
SELECT ?r ?label ?comment ?e WHERE { ?e skg:evidenceRating ?r . ?r rdfs:label ?label ; rdfs:comment ?comment }
ORDER BY ?r"""
Q_ENTITIES_OF_CONCEPT = """
SELECT ?e ?cls ?label ?number ?text ?strength ?concept WHERE {
  VALUES ?cls { skg:Standard skg:WHORecommendation skg:GoodPracticeCondition skg:OperativeParagraph
                skg:EvidenceStatement skg:Principle skg:CompulsoryTreatmentCriterion }
  ?e ?link ?concept ; a ?cls ; rdfs:label ?label .
  VALUES ?link { skg:population skg:intervention skg:substance skg:modality }
  OPTIONAL { ?e skg:number ?number }
  OPTIONAL { ?e skg:text ?text }
  OPTIONAL { ?e skg:strength/rdfs:label ?strength }
} ORDER BY ?cls ?number ?e LIMIT 40"""
Q_CONCEPTS = """
SELECT ?c ?cls ?pref ?alt ?broader WHERE {
  VALUES ?cls { skg:Population skg:Intervention skg:PharmacologicalIntervention
                skg:PsychosocialIntervention skg:Substance skg:TreatmentModality }
  ?c a ?cls ; skos:prefLabel ?pref .
  OPTIONAL { ?c skos:altLabel ?alt }
  OPTIONAL { ?c skos:broader ?broader }
}"""
Q_DOCUMENT_ALIASES = """
SELECT ?id ?alias WHERE { ?d a skg:Document ; dcterms:identifier ?id ; skos:altLabel ?alias }"""
Q_NUMBERED = """
SELECT ?cls ?number ?passage WHERE {
  ?e a ?cls ; skg:number ?number ; prov:wasDerivedFrom ?passage .
  VALUES ?cls { skg:Standard skg:Principle skg:OperativeParagraph skg:GoodPracticeCondition }
}"""

KIND_OF_CLASS = {"Standard": "Standard", "Principle": "Principle", "EvidenceStatement": "EvidenceRating",
                 "TreatmentModality": "TreatmentModality"}
CONCEPT_KIND = {"population": "Population", "intervention": "Intervention",
                "substance": "Substance", "modality": "TreatmentModality"}


@dataclass(frozen=True)
class Analysis:
    """What the engine reads from a question, once per question: ranking, the coverage
    check and the answer's sentence scoring all use it."""
    text: str                      # the cleaned question
    expanded: str                  # spelling corrected, abbreviations written both ways
    concepts: frozenset[str]       # concept IRIs it names
    documents: frozenset[str]      # ids of the documents it names
    items: tuple[int, ...]         # passages of the numbered items it names
    sections: tuple[int, ...]      # passages of the sections it names

    @property
    def names_ours(self) -> bool:
        """It names one of our documents, items or sections."""
        return bool(self.documents or self.items or self.sections)


@dataclass(frozen=True)
class Passage:
    iri: str
    doc_id: str
    doc_title: str
    section: str
    section_title: str
    heading: str
    kind: str
    text: str
    index_text: str
    concepts: frozenset[str]
    topic: str = ""


def stem_known(word: str, bm25: BM25) -> bool:
    return all(t in bm25.vocab for t in tokenize(word)) and bool(tokenize(word))


def clean_question(question: str) -> tuple[str, list[str]]:
    """Normalise a question; raise on an empty one; cut an overlong one."""
    if question is None or not isinstance(question, str):
        raise BadQuestionError("the question must be text")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in question)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise BadQuestionError("the question is empty: type a few words, e.g. 'naloxone for families'")
    notes = []
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS]
        notes.append(f"the question was cut to its first {MAX_QUESTION_CHARS} characters")
    return text, notes


def check_artifacts(settings: Settings) -> dict:
    """The build manifest, after checking every artifact is there and up to date."""
    from kg_builder.pipeline import input_checksums
    folder = settings.build_dir
    for name in REQUIRED:
        if not (folder / name).is_file():
            raise ArtifactsMissingError(f"{folder / name} is missing: run `standards-kg build` "
                                        "(or `make run`, which builds it)")
    manifest = json.loads((folder / "manifest.json").read_text())
    current = input_checksums(settings)
    changed = sorted(k for k in set(current) | set(manifest.get("inputs", {}))
                     if current.get(k) != manifest.get("inputs", {}).get(k))
    if changed:
        raise StaleArtifactsError(f"{folder} is out of date ({', '.join(changed[:3])} changed since "
                                  "the last build): run `standards-kg build`")
    return manifest


class Engine:
    def __init__(self, settings: Settings | None = None, *, check_stale: bool = True):
        self.settings = settings or Settings.from_env()
        folder = self.settings.build_dir
        self.manifest = check_artifacts(self.settings) if check_stale else json.loads(
            (folder / "manifest.json").read_text())
        with open(folder / "passages.jsonl", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
        self.passages = [Passage(r["iri"], r["doc_id"], r["doc_title"], r["section"], r["section_title"],
                                 r["heading"], r["kind"], r["text"], r["index_text"],
                                 frozenset(r["concepts"]), r.get("topic", "")) for r in rows]
        self.by_iri = {p.iri: i for i, p in enumerate(self.passages)}
        self.vectors = VectorIndex(folder, model=self.settings.model,
                                   index_texts=[embedding_text(p.topic, p.index_text) for p in self.passages])
        self.bm25 = BM25([p.index_text for p in self.passages])
        self.shortness = np.clip(1 - np.array([len(p.text.split()) for p in self.passages]) / SHORT_WORDS, 0, 1)
        self.sparql = open_executor(self.settings, self.manifest)
        self.matcher = ConceptMatcher(self._concepts())
        self.numbered = self._numbered()
        aliases: dict[str, list[str]] = {}
        for doc_id, alias in self.sparql.query(Q_DOCUMENT_ALIASES, trusted=True).rows:
            aliases.setdefault(alias.value.lower(), []).append(doc_id.value)
        self.doc_alias_re = re.compile(r"(?<![\w/])(" + "|".join(
            re.escape(a) for a in sorted(aliases, key=len, reverse=True)) + r")(?![\w/])", re.I)
        self.doc_aliases = aliases
        self.doc_of = np.array([p.doc_id for p in self.passages])
        self.kind_of = np.array([p.kind for p in self.passages])
        self.expander = Expander(find_abbreviations([p.text for p in self.passages]))
        self.corpus_words = {w for p in self.passages for w in re.findall(r"[a-z]+(?:-[a-z]+)*", p.text.lower())}
        self.corpus_word_list = sorted(self.corpus_words)
        self._encoder = None

    # -- loading helpers -----------------------------------------------------------

    def _concepts(self) -> list[Concept]:
        kinds = {"Population": "population", "Intervention": "intervention",
                 "PharmacologicalIntervention": "intervention", "PsychosocialIntervention": "intervention",
                 "Substance": "substance", "TreatmentModality": "modality"}
        data: dict[str, dict] = {}
        for row in self.sparql.query(Q_CONCEPTS, trusted=True).rows:
            c, cls, pref, alt, broader = row
            d = data.setdefault(c.value, {"kind": kinds[cls.value.split("#")[1]], "pref": pref.value,
                                          "alts": set(), "broader": set()})
            if alt is not None:
                d["alts"].add(alt.value)
            if broader is not None:
                d["broader"].add(broader.value)
        return [Concept(iri, d["pref"], d["kind"], (d["pref"], *sorted(d["alts"])), tuple(sorted(d["broader"])))
                for iri, d in sorted(data.items())]

    def _numbered(self) -> dict[tuple[str, str], list[int]]:
        out: dict[tuple[str, str], list[int]] = {}
        for cls, number, passage in self.sparql.query(Q_NUMBERED, trusted=True).rows:
            i = self.by_iri.get(passage.value)
            if i is not None:
                out.setdefault((cls.value.split("#")[1], number.value), []).append(i)
        return out

    @property
    def encoder(self):
        if self._encoder is None:
            from kg_builder.encoder import load_encoder
            self._encoder = load_encoder(self.settings.model)
        return self._encoder

    def embed(self, text: str) -> np.ndarray:
        return self.encoder.encode_queries([text])[0]

    # -- retrieval ---------------------------------------------------------------

    def referenced_passages(self, question: str) -> tuple[list[int], list[int]]:
        """Passages of the items the question names ("standard 2.3", "condition 13"),
        and passages of the sections it names ("principle 1", "section 3.4.8.1"): an
        item is the answer itself, a section only where to look."""
        items: list[int] = []
        sections: list[int] = []
        for word, number in NUMBER_REF_RE.findall(question):
            word = word.lower()
            if word in REF_CLASSES:
                items += self.numbered.get((REF_CLASSES[word], number), [])
            if word == "principle":
                sections += [i for i, p in enumerate(self.passages) if p.section == f"Principle {number}"]
            elif word in ("section", "chapter") or (word == "standard" and number.count(".") >= 2):
                sections += [i for i, p in enumerate(self.passages)
                             if p.section == number or p.section.startswith(number + ".")]
        return items, sections

    def analyse(self, text: str) -> Analysis:
        expanded = self.expander.expand(self.correct_spelling(text))
        items, sections = self.referenced_passages(text)
        return Analysis(text, expanded, frozenset(c.iri for c in self.matcher.concepts_in(expanded)),
                        frozenset(d for m in self.doc_alias_re.findall(text) for d in self.doc_aliases[m.lower()]),
                        tuple(items), tuple(sections))

    def score(self, question: str, *, method: str = "full", qvec: np.ndarray | None = None,
              analysis: Analysis | None = None) -> dict:
        """Scores of every passage by one method: bm25, dense, rrf, fusion or full."""
        if method == "full":
            analysis = analysis or self.analyse(question)
            question = analysis.expanded
        bm25 = self.bm25.scores(question)
        if method == "bm25":
            return {"final": bm25.astype(np.float64), "dense": None, "bm25": bm25}
        dense = self.vectors.scores(self.embed(question) if qvec is None else qvec)
        if method == "dense":
            return {"final": dense.astype(np.float64), "dense": dense, "bm25": bm25}
        if method == "rrf":
            return {"final": rrf(dense, bm25, k=RRF_K), "dense": dense, "bm25": bm25}
        fused = convex(dense, bm25, alpha=FUSION_ALPHA, top=FUSION_TOP)
        if method == "fusion":
            return {"final": fused, "dense": dense, "bm25": bm25}
        # Full method: the fused score, plus what the graph knows about the question:
        # its concepts, the document, kind of statement and numbered items it names.
        final = fused.copy()
        concepts = analysis.concepts
        if concepts:
            overlap = np.array([len(concepts & p.concepts) for p in self.passages], dtype=np.float64)
            final += CONCEPT_WEIGHT * overlap / len(concepts)
            if len(concepts) >= 2:
                final += ALL_CONCEPTS_WEIGHT * (overlap == len(concepts))
        named = analysis.documents
        if named and len(named) < len(set(self.doc_of)):
            final += DOCUMENT_WEIGHT * np.isin(self.doc_of, list(named))
        kinds = [kind for kind, pattern in KIND_INTENT_RE.items() if pattern.search(question)]
        if kinds:
            final += KIND_WEIGHT * np.isin(self.kind_of, kinds)
        final[list(analysis.sections)] += SECTION_WEIGHT
        final[list(analysis.items)] += ITEM_WEIGHT
        # A passage of a few words ("In this situation:", a table cell) is embedded mostly
        # as its titles, so it looks close to any question on its section, yet answers none.
        final -= SHORT_WEIGHT * self.shortness
        return {"final": final, "dense": dense, "bm25": bm25}

    def retrieve(self, question: str, k: int = 10, *, method: str = "full") -> list[int]:
        text, _ = clean_question(question)
        final = self.score(text, method=method)["final"]
        return [int(i) for i in np.argsort(-final, kind="stable")[:k]]

    def is_covered(self, analysis: Analysis, dense: np.ndarray, top: list[int]) -> bool:
        """Whether the documents address the question. A rare term that the corpus never
        uses (a substance, a product, a technology) needs a very close passage; else a
        question naming one of our documents or items is about it, however far its
        wording ("what does resolution 59/4 ask"); else the best passage must be close
        in meaning, or a little less close when the passages found hold every word of
        the question: a short question ("what does a case manager do") is far from any
        long passage in meaning, yet answered there word for word."""
        best = float(max(dense[i] for i in top)) if top else 0.0
        if self.rare_unknown_terms(analysis.text):
            return best >= RARE_TERM_SIMILARITY
        if analysis.names_ours or best >= MIN_SIMILARITY:
            return True
        if NUMBER_REF_RE.search(analysis.text):
            return False  # it names an item we do not have ("principle 9"): words alone do not answer it
        return best >= WORDS_FOUND_SIMILARITY and self.words_found(analysis.text, top[:3]) >= WORDS_FOUND_SHARE

    def words_found(self, question: str, top: list[int]) -> float:
        """The share of the question's words, weighted by rarity (IDF), that the given
        passages contain; a word the corpus never uses weighs as the rarest."""
        words = list(dict.fromkeys(tokenize(question)))
        if not words:
            return 0.0
        rarest = max(float(self.bm25.idf.max()), 1e-9)
        weight = {w: self.bm25.idf_of(w) if w in self.bm25.vocab else rarest for w in words}
        present = self.bm25.terms_of(top)
        return sum(weight[w] for w in words if w in present) / sum(weight.values())

    def correct_spelling(self, question: str) -> str:
        """Misspelt words ("reccomendation") replaced by the corpus word they are
        closest to, so that BM25 and the intent rules see them; words the corpus
        knows, short words and words with no close match are left alone."""
        import difflib

        def fix(m: re.Match) -> str:
            word = m.group()
            low = word.lower()
            if len(low) < 6 or low in self.corpus_words or stem_known(low, self.bm25):
                return word
            close = difflib.get_close_matches(low, self.corpus_word_list, n=1, cutoff=0.88)
            return close[0] if close else word
        return re.sub(r"[A-Za-z]+", fix, question)

    def rare_unknown_terms(self, question: str) -> list[str]:
        """Words of the question absent from the corpus that are neither common English
        (one token in the model's vocabulary) nor a misspelling of a corpus word."""
        import difflib
        out = []
        for word in set(re.findall(r"[a-z]+(?:-[a-z]+)*", question.lower())):
            if len(word) < 5 or word in self.corpus_words or stem_known(word, self.bm25):
                continue
            pieces = self.encoder.tokenize(word)
            if len(pieces[0]) >= 0.6 * len(word):  # "smokers" = smoke + rs: a known word
                continue
            if difflib.get_close_matches(word, self.corpus_word_list, n=1, cutoff=0.85):
                continue
            out.append(word)
        return sorted(out)

    # -- the answer ---------------------------------------------------------------

    def ask(self, question: str, k: int = 5) -> dict:
        started = time.perf_counter()
        text, notes = clean_question(question)
        for note in notes:
            warnings.warn(note)
        k = max(1, min(int(k), 50))
        analysis = self.analyse(text)
        scores = self.score(text, analysis=analysis)
        order = [int(i) for i in np.argsort(-scores["final"], kind="stable")[:k]]
        t_retrieve = time.perf_counter()
        found = self.is_covered(analysis, scores["dense"], order)
        scored = score_sentences(analysis.expanded, [self.passages[i].text for i in order], self.bm25.idf_of,
                                 concepts_in=lambda s: {c.iri for c in self.matcher.concepts_in(s)},
                                 question_concepts=analysis.concepts)
        passages = []
        for rank, (i, sentences) in enumerate(zip(order, scored), start=1):
            p = self.passages[i]
            passages.append({"rank": rank, "score": round(float(scores["final"][i]), 6), "text": p.text,
                             "highlights": highlights(sentences) if found else [],
                             "iri": p.iri, "doc_id": p.doc_id, "doc_title": p.doc_title,
                             "section": p.section, "section_title": p.section_title})
        if found:
            chosen = compose_answer(scored)
            answer = {"found": True, "text": " ".join(f"{s.text} [{s.passage_rank}]" for s in chosen),
                      "citations": sorted({s.passage_rank for s in chosen})}
        else:
            answer = {"found": False, "text": NOT_COVERED, "citations": []}
        concepts = [{"iri": m.concept.iri, "label": m.concept.label, "matched": m.matched}
                    for m in self.matcher.find(text)]
        xrefs = self.cross_references([self.passages[i] for i in order], concepts) if found else []
        done = time.perf_counter()
        return {"question": text, "answer": answer, "passages": passages,
                "cross_references": xrefs, "concepts": concepts,
                "timings_ms": {"retrieve": round((t_retrieve - started) * 1000, 2),
                               "graph": round((done - t_retrieve) * 1000, 2),
                               "total": round((done - started) * 1000, 2)}}

    def cross_references(self, passages: list[Passage], concepts: list[dict]) -> list[dict]:
        out: list[dict] = []
        seen: set[str] = set()

        def add(kind, iri, label, number=None, text=None, strength=None, why=""):
            key = f"{iri} {text or ''}"  # one rating may back several statements
            if key in seen:
                return
            seen.add(key)
            out.append({"kind": kind, "iri": iri, "label": label, "number": number, "text": text,
                        "strength": strength, "why": why})

        def entity_rows(query, **bindings):
            return self.sparql.query(query, bindings=bindings, trusted=True).rows

        for rank, p in enumerate(passages, start=1):
            for e, cls, label, number, text, strength, _ in entity_rows(Q_ENTITIES_OF_PASSAGE, passage=p.iri):
                local = cls.value.split("#")[1]
                kind = "Recommendation" if local.endswith(("Recommendation", "Condition", "Criterion", "Paragraph")) \
                    else KIND_OF_CLASS.get(local, local)
                if kind == "EvidenceRating":
                    for r, rlabel, comment, _ in entity_rows(Q_RATING_OF_ENTITY, e=e.value):
                        add("EvidenceRating", r.value, rlabel.value, None, text.value if text else None,
                            None, f"rating of the evidence statement in passage [{rank}]")
                    continue
                add(kind, e.value, label.value, number.value if number else None,
                    text.value if text else None, strength.value if strength else None,
                    f"read from passage [{rank}]")
                if local == "Standard":
                    for pr, plabel, pnum, _ in entity_rows(Q_PRINCIPLE_OF_STANDARD, standard=e.value):
                        add("Principle", pr.value, plabel.value, pnum.value, None, None,
                            f"principle of standard {number.value if number else ''}".strip())
        for c in concepts:
            concept = next((x for x in self.matcher.concepts if x.iri == c["iri"]), None)
            if concept is None:
                continue
            add(CONCEPT_KIND[concept.kind], concept.iri, concept.label, None, None, None,
                f"the question mentions “{c['matched']}”")
            if concept.kind == "modality":
                for r, rlabel, comment, _ in entity_rows(Q_RATING_OF_ENTITY, e=concept.iri):
                    add("EvidenceRating", r.value, rlabel.value, None, comment.value, None,
                        f"evidence rating of {concept.label}")
            rows = entity_rows(Q_ENTITIES_OF_CONCEPT, concept=concept.iri)
            per_kind: dict[str, int] = {}
            for e, cls, label, number, text, strength, _ in rows:
                local = cls.value.split("#")[1]
                if per_kind.get(local, 0) >= 3:
                    continue
                per_kind[local] = per_kind.get(local, 0) + 1
                if local == "EvidenceStatement":
                    for r, rlabel, comment, _ in entity_rows(Q_RATING_OF_ENTITY, e=e.value):
                        add("EvidenceRating", r.value, rlabel.value, None,
                            text.value if text else None, None, f"evidence about {concept.label}")
                    continue
                kind = "Recommendation" if local not in ("Standard", "Principle") else local
                add(kind, e.value, label.value, number.value if number else None,
                    text.value if text else None, strength.value if strength else None,
                    f"concerns {concept.label}")
        return out


def open_executor(settings: Settings, manifest: dict) -> SparqlExecutor:
    """The embedded store over build/kg.nt, or the SPARQL store the settings name
    (checked to hold this build's graph)."""
    if settings.sparql_endpoint:
        from .remote import RemoteSparqlExecutor
        remote = RemoteSparqlExecutor(settings.sparql_endpoint, graph=settings.sparql_graph,
                                      timeout_s=settings.query_timeout_s, max_rows=settings.max_rows)
        remote.check_holds(manifest["triples"])
        return remote
    return SparqlExecutor.from_ntriples(settings.build_dir / "kg.nt", workers=settings.sparql_workers,
                                        timeout_s=settings.query_timeout_s, max_rows=settings.max_rows)


def load(settings: Settings | None = None) -> Engine:
    """The engine over the artifacts in build/ (raises a clear error when they are
    missing or stale)."""
    return Engine(settings)
