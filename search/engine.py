"""The one object the CLI, the app and the endpoint call. It loads the build's
artifacts and composes the parts, each in its own module:

  question.py   read the question once (language, spelling, concepts, items, intent)
  ranking.py    rank passages: embeddings, BM25, curated questions, graph boosts
  coverage.py   decide whether the documents address the question
  answer.py     statements that govern it first, then the sentences that answer
  crossrefs.py  what the graph links to the answer, in two SPARQL queries
  result.py     the typed result, and its JSON form (`ask --json`)
"""
from __future__ import annotations

import json
import re
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from kg_builder.config import Settings
from kg_builder.encoder import english_wordpieces
from kg_builder.index import embedding_text
from kg_builder.link import Concept, ConceptMatcher

from .abbreviations import Acronyms, Expander, find_abbreviations
from .answer import StatementRecord, UnitStore, candidate_passages, compose
from .coverage import Coverage, judge, language_offsets, offset_of
from .crosslingual import Projection
from .crossrefs import cross_references
from .document_names import DocumentNames
from .errors import ArtifactsMissingError, StaleArtifactsError
from .language_words import LanguageWords
from .lexicon import LANGUAGES as LEXICON_LANGUAGES, Lexicon
from .lexical import BM25
from .question import Question, QuestionReader, clean_question, leading_part  # noqa: F401  (clean_question re-exported)
from .ranking import Ranker
from .result import AskResult, Passage, answer_note, not_covered
from .sparql import SparqlExecutor
from .vector import VectorIndex

REQUIRED = ("manifest.json", "kg.nt", "passages.jsonl", "index.faiss", "index.json", "sentences.jsonl",
            "statements.jsonl", "questions.jsonl", "units.npz")

Q_CONCEPTS = """
SELECT ?c ?cls ?pref ?alt ?broader WHERE {
  VALUES ?cls { skg:Population skg:Intervention skg:PharmacologicalIntervention
                skg:PsychosocialIntervention skg:Substance skg:TreatmentModality }
  ?c a ?cls ; skos:prefLabel ?pref .
  OPTIONAL { ?c skos:altLabel ?alt }
  OPTIONAL { ?c skos:broader ?broader }
}"""
Q_DOCUMENT_URLS = """
SELECT ?id ?url WHERE { ?d a skg:Document ; dcterms:identifier ?id ; dcterms:source ?url }"""
Q_DOCUMENT_ALIASES = """
SELECT ?id ?alias WHERE { ?d a skg:Document ; dcterms:identifier ?id ; skos:altLabel ?alias }"""
Q_NUMBERED = """
SELECT ?cls ?number ?passage WHERE {
  ?e a ?cls ; skg:number ?number ; prov:wasDerivedFrom ?passage .
  VALUES ?cls { skg:Standard skg:Principle skg:OperativeParagraph skg:GoodPracticeCondition
                skg:CompulsoryTreatmentCriterion }
}"""
Q_MODALITY_SECTIONS = """
SELECT ?c ?number WHERE { ?c a skg:TreatmentModality ; skg:number ?number }"""
CONCEPT_KINDS = {"Population": "population", "Intervention": "intervention",
                 "PharmacologicalIntervention": "intervention", "PsychosocialIntervention": "intervention",
                 "Substance": "substance", "TreatmentModality": "modality"}


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


def _jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def one_blas_thread() -> None:
    """The search multiplies small matrices (one question against 806 passages, one
    question through six BERT layers): OpenBLAS threads that spin while they wait cost
    more than they gain on two busy cores (warm ask p50 92 ms against 48 ms with one)."""
    from threadpoolctl import threadpool_limits
    threadpool_limits(limits=1, user_api="blas")


class Engine:
    def __init__(self, settings: Settings | None = None, *, check_stale: bool = True):
        one_blas_thread()
        self.settings = settings or Settings.from_env()
        self.tuning = self.settings.tuning
        folder = self.settings.build_dir
        self.manifest = check_artifacts(self.settings) if check_stale else json.loads(
            (folder / "manifest.json").read_text())
        records = _jsonl(folder / "passages.jsonl")
        self.by_iri = {r["iri"]: i for i, r in enumerate(records)}
        info = folder / "build-info.json"   # when and how long the build took (not an input checksum)
        self.build_info = json.loads(info.read_text()) if info.is_file() else {}
        self.sparql = open_executor(self.settings, self.manifest)
        urls = {i.value: u.value for i, u in self.sparql.query(Q_DOCUMENT_URLS, trusted=True).rows}
        self.passages = [Passage.from_record(r, urls.get(r["doc_id"], "")) for r in records]
        self.vectors = VectorIndex(folder, model=self.settings.model,
                                   index_texts=[embedding_text(p.topic, p.index_text) for p in self.passages])
        self.bm25 = BM25([p.index_text for p in self.passages])
        self.matcher = ConceptMatcher(self._concepts())
        self.concept_by_iri = {c.iri: c for c in self.matcher.concepts}
        self._encoder = None
        self._tuned = None
        self._projection = None
        self._language_offsets = None
        self._tuned_arrays_read = None
        self._lexicons: dict[str, Lexicon | None] = {}
        self.units = self._units(folder)
        substances = {c.iri for c in self.matcher.concepts if c.kind == "substance"}
        self.units = replace(self.units, sentence_substances=[
            frozenset(m.concept.iri for m in self.matcher.find(text) if m.concept.iri in substances)
            for text in self.units.sentence_text])
        pieces = english_wordpieces()
        corpus_words = {w for p in self.passages for w in re.findall(r"[a-z]+(?:-[a-z]+)*", p.text.lower())}
        texts = [p.text for p in self.passages]
        abbreviations = find_abbreviations(texts)
        self.reader = QuestionReader(
            bm25=self.bm25, expander=Expander(abbreviations), acronyms=Acronyms(texts, abbreviations),
            document_names=DocumentNames(self.manifest.get("documents", [])),
            corpus_text="\n".join(texts),
            matcher=self.matcher, doc_aliases=self._doc_aliases(), numbered=self._numbered(),
            section_passages=self._section_passages(), described_passages=self._described_passages(),
            corpus_words=corpus_words, wordpieces=pieces,
            language_words=LanguageWords(corpus_words, self.translated_texts, pieces), lexicon=self.lexicon)
        self.ranker = Ranker(
            bm25=self.bm25, passage_vectors=self.vectors.matrix(), question_vectors=self.question_vectors,
            question_passage=self.question_passage, sentence_vectors=self.units.sentence_vectors,
            sentence_passage=self.units.sentence_passage, passage_concepts=[p.concepts for p in self.passages],
            doc_of=np.array([p.doc_id for p in self.passages]), kind_of=np.array([p.kind for p in self.passages]),
            words_of=np.array([len(p.text.split()) for p in self.passages], dtype=np.float64),
            tuning=self.tuning, **self._tuned_vectors(folder), **self._translated,
            passage_texts=[p.text for p in self.passages])

    # -- loading -------------------------------------------------------------------

    def _units(self, folder) -> UnitStore:
        arrays = np.load(folder / "units.npz")
        sentences = _jsonl(folder / "sentences.jsonl")
        statements = _jsonl(folder / "statements.jsonl")
        questions = _jsonl(folder / "questions.jsonl")
        dim = self.vectors.index.d
        vec = lambda name, n: arrays[name] if n else np.zeros((0, dim), "float32")  # noqa: E731
        self.question_vectors = vec("questions", len(questions))
        self.question_passage = np.array([self.by_iri[q["passage"]] for q in questions], dtype=np.int64)
        self.question_texts = [q["text"] for q in questions]
        # The curated questions in other languages: their e5 vectors and the index of the
        # English question each translates (none in a build from before them).
        translated = _jsonl(folder / "translated_questions.jsonl") \
            if (folder / "translated_questions.jsonl").is_file() else []
        # The words each language asks about these documents in: every translation,
        # embedded or not (a build from before the wordings: the embedded ones).
        wordings = folder / "translated_wordings.jsonl"
        self.translated_texts: dict[str, list[str]] = {}
        # ... and each beside its English question: the pairs a lexicon is learnt from
        self.translated_pairs: dict[str, list[tuple[str, str]]] = {}
        for r in _jsonl(wordings) if wordings.is_file() else translated:
            self.translated_texts.setdefault(r["lang"], []).append(r["text"])
            if 0 <= r.get("source", -1) < len(self.question_texts):
                self.translated_pairs.setdefault(r["lang"], []).append((r["text"], self.question_texts[r["source"]]))
        self._translated = {"translated_vectors": arrays["translated_questions"],
                            "translated_source": np.array([r["source"] for r in translated], dtype=np.int64),
                            "translated_languages": np.array([r["lang"] for r in translated])} \
            if translated else {}
        return UnitStore(
            sentence_text=[s["text"] for s in sentences],
            sentence_passage=np.array([self.by_iri[s["passage"]] for s in sentences], dtype=np.int64),
            sentence_vectors=vec("sentences", len(sentences)),
            statements=[StatementRecord(s["iri"], s["kind"], s["number"], s["text"], s["strength"],
                                        tuple(self.by_iri[p] for p in s["passages"] if p in self.by_iri))
                        for s in statements],
            statement_vectors=vec("statements", len(statements)),
            statement_concepts=[frozenset(c for p in s["passages"] if p in self.by_iri
                                          for c in self.passages[self.by_iri[p]].concepts) for s in statements],
            tuned_statement_vectors=self._tuned_arrays(folder).get("statements"))

    def _tuned_arrays(self, folder) -> dict:
        """The tuned English encoder's vectors (passages, questions, statements), when
        the build has it and the settings use it."""
        if not self.settings.tuned_encoder or not self.manifest.get("tuned_encoder") \
                or not (folder / "tuned" / "vectors.npz").is_file():
            return {}
        if self._tuned_arrays_read is None:   # read once: the units and the ranker both want them
            with np.load(folder / "tuned" / "vectors.npz") as arrays:
                self._tuned_arrays_read = {k: arrays[k] for k in arrays.files}
        return self._tuned_arrays_read

    def _tuned_vectors(self, folder) -> dict:
        arrays = self._tuned_arrays(folder)
        return {"tuned_passage_vectors": arrays["passages"],
                "tuned_question_vectors": arrays["questions"]} if arrays else {}

    @property
    def tuned_encoder(self):
        """The tuned English encoder (numpy; loaded at the first English question), or None."""
        if self._tuned is None and self.ranker.tuned_passage_vectors is not None:
            from kg_builder.tuned_encoder import TunedEncoder
            self._tuned = TunedEncoder.load(self.settings.build_dir / "tuned",
                                            self.manifest["tuned_encoder"]["key"])
        return self._tuned

    def embed_tuned(self, question: Question, qvec: np.ndarray | None = None) -> np.ndarray | None:
        """The question by the tuned encoder, as the ranking reads it (tuned_readings)."""
        return self.tuned_readings(question, qvec)[0]

    def tuned_readings(self, question: Question, qvec: np.ndarray | Callable[[], np.ndarray] | None = None) \
            -> tuple[np.ndarray | None, np.ndarray | None]:
        """The question by the tuned encoder, for the ranking and for coverage. In English
        it reads the question, the same vector for both. Otherwise the question's e5
        vector (`qvec`, a function that waits for it, or embedded here) is carried into
        the tuned encoder's space: that alone judges coverage, as the language offsets
        were read from such vectors; the ranking's vector is joined by the tuned
        encoder's reading of the English words the lexicon gives the question (read
        before e5's vector is waited for)."""
        if question.english:
            read = None if self.tuned_encoder is None else self.tuned_encoder.encode_queries([question.expanded])[0]
            return read, read
        if self.projection is None:
            return None, None
        weight = self.tuning.crosslingual_gloss_weight
        read = None
        if question.gloss_text and weight > 0 and self.tuned_encoder is not None:
            read = self.tuned_encoder.encode_queries([question.gloss_text])[0]
        if qvec is None:
            qvec = self.embed(question.expanded)
        carried = self.projection(qvec() if callable(qvec) else qvec)
        if read is None:
            return carried, carried
        both = carried / np.linalg.norm(carried) + weight * read / np.linalg.norm(read)
        return (both / np.linalg.norm(both)).astype(np.float32), carried

    def borrowed_words(self, signals) -> str:
        """The nearest curated English questions (by e5, which puts a question and its
        translation close together: the ranking's `question_cosines`; for a question in
        another language, each English question as close as its nearest translation, if
        closer), whose words stand in for the question's own when sentences are chosen
        (another language), or join them (English)."""
        n = self.tuning.borrowed_questions if self.tuning.borrow_curated_words else 0
        question_cosines = signals.question_cosines
        if n <= 0 or question_cosines is None or not len(question_cosines):
            return ""
        if signals.translated_cosines is not None and self.tuning.borrow_through_translations:
            question_cosines = question_cosines.copy()
            np.maximum.at(question_cosines, self.ranker.translated_source, signals.translated_cosines)
        nearest = np.argsort(-question_cosines, kind="stable")[:n]
        return " ".join(self.question_texts[int(i)] for i in nearest)

    @property
    def projection(self):
        """e5 -> tuned encoder, for questions in other languages (search/crosslingual.py),
        fit at first use; None without a tuned encoder or a multilingual e5."""
        if self._projection is None \
                and max(self.tuning.crosslingual_tuned_weight, self.tuning.crosslingual_tuned_question_weight) > 0 \
                and self.ranker.tuned_question_vectors is not None and self.encoder.multilingual:
            source, target = self.question_vectors, self.ranker.tuned_question_vectors
            if self.tuning.project_translations and self.ranker.translated_vectors is not None:
                # each translation paired with its English question's tuned vector
                source = np.vstack([source, self.ranker.translated_vectors])
                target = np.vstack([target, target[self.ranker.translated_source]])
            self._projection = Projection.fit(source, target, self.tuning.crosslingual_ridge)
        return self._projection

    @property
    def language_offsets(self) -> dict[str, float]:
        """Each language's offset to the coverage floor (search/coverage.py), computed at
        its first question in another language; none without translations, a tuned
        encoder, or when the tuning turns it off."""
        if self._language_offsets is None:
            self._language_offsets = {}
            r = self.ranker
            if self.tuning.calibrate_languages and r.translated_vectors is not None \
                    and self.projection is not None:
                self._language_offsets = language_offsets(
                    r.passage_vectors, r.translated_vectors, r.translated_source, r.translated_languages,
                    r.tuned_passage_vectors, self.projection, self.tuning)
        return self._language_offsets

    def lexicon(self, language: str) -> Lexicon | None:
        """English words for the language's words, learnt at its first question (about
        0.6 s) from its curated translations; None for a language without them."""
        if language not in self._lexicons:
            pairs = self.translated_pairs.get(language, [])
            t = self.tuning
            self._lexicons[language] = Lexicon.learn(
                language, pairs, min_pairs=t.lexicon_min_pairs, min_probability=t.lexicon_min_probability,
                max_senses=t.lexicon_senses, iterations=t.lexicon_iterations) \
                if pairs and language in LEXICON_LANGUAGES else None
        return self._lexicons[language]

    def _concepts(self) -> list[Concept]:
        data: dict[str, dict] = {}
        for c, cls, pref, alt, broader in self.sparql.query(Q_CONCEPTS, trusted=True).rows:
            d = data.setdefault(c.value, {"kind": CONCEPT_KINDS[cls.value.split("#")[1]], "pref": pref.value,
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

    def _doc_aliases(self) -> dict[str, list[str]]:
        aliases: dict[str, list[str]] = {}
        for doc_id, alias in self.sparql.query(Q_DOCUMENT_ALIASES, trusted=True).rows:
            aliases.setdefault(alias.value.lower(), []).append(doc_id.value)
        return aliases

    def _described_passages(self) -> dict[str, list[int]]:
        """Passages of the Standards' section that describes each treatment modality
        (the concept's skg:number, "3.3"), with its subsections."""
        out: dict[str, list[int]] = {}
        for c, number in self.sparql.query(Q_MODALITY_SECTIONS, trusted=True).rows:
            out[c.value] = [i for i, p in enumerate(self.passages) if p.doc_id == "standards"
                            and (p.section == number.value or p.section.startswith(number.value + "."))]
        return out

    def _section_passages(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, p in enumerate(self.passages):
            if p.section:
                out.setdefault(p.section, []).append(i)
        return out

    @property
    def encoder(self):
        if self._encoder is None:
            from kg_builder.encoder import load_encoder
            self._encoder = load_encoder(self.settings.model)
        return self._encoder

    def embed(self, text: str) -> np.ndarray:
        return self.encoder.encode_queries([text])[0]

    # -- the parts, composed ------------------------------------------------------------

    def read(self, question: str) -> Question:
        return self.reader.read(question)

    def retrieve(self, question: str, k: int = 10) -> list[int]:
        """Indices of the k best passages."""
        q = self.read(question)
        qvec = self.embed(q.expanded)
        return self.ranker.rank(q, qvec, self.embed_tuned(q, qvec)).top(k)

    def answer(self, question: str, k: int = 5) -> AskResult:
        started = time.perf_counter()
        text, notes = clean_question(question)
        for note in notes:
            warnings.warn(note)
        k = max(1, min(int(k), 50))
        q = self.read(text)
        # e5 embeds the question in its own thread while the tuned encoder reads it here
        qvec_later = self.encoder.query_later(q.expanded)
        tuned_qvec, carried = self.tuned_readings(q, qvec_later.result)
        qvec = qvec_later.result()
        ranking = self.ranker.rank(q, qvec, tuned_qvec)
        order = ranking.top(max(k, self.tuning.answer_passages))
        coverage = self.coverage_of(q, ranking, order[:k], tuned_qvec, carried)
        if not coverage.covered and coverage.far:
            coverage = self.first_part_coverage(q, k) or coverage
        t_retrieve = time.perf_counter()
        if not q.english and not self.encoder.multilingual:
            return not_covered(self, q, ranking, order[:k], coverage, started, reason=(
                f"This question seems to be in {q.language}; the encoder of this build "
                f"({self.settings.model}) reads English only. Ask in English, or rebuild with "
                "--model multilingual-e5-small, which reads the six UN languages."))
        if not coverage.covered:
            return not_covered(self, q, ranking, order[:k], coverage, started)
        order = ranking.top(max(k, candidate_passages(q, self.tuning)))
        composition = compose(q, qvec, order, self.units, self.bm25.idf_of, self.tuning,
                              ranking.relevance(order), tuned_qvec, self.borrowed_words(ranking.signals))
        # each concept with the words the user wrote for it ("OST", not its expansion's)
        concepts = [(self.concept_by_iri[m.concept.iri], self.reader.expander.as_written(m.matched, q.text))
                    for m in self.matcher.find(q.expanded)]
        concepts = list({c.iri: (c, w) for c, w in concepts}.values())
        shown = order[:k]  # a fresh list: cited passages below the top k are appended
        for _, p in composition.quotes():  # a statement may cite a passage below the top k
            if p not in shown:
                shown.append(p)
        xrefs, queries = cross_references(self.sparql, [self.passages[i].iri for i in shown], concepts)
        return AskResult.make(self, q, ranking, shown, coverage, composition, xrefs, queries,
                              note=answer_note(q), started=started, retrieved=t_retrieve)

    def coverage_of(self, q: Question, ranking, top: list[int], tuned_qvec, carried) -> Coverage:
        """Whether the documents cover the question (search/coverage.py), with its
        language's offset and, in another language, the tuned cosines of its carried e5
        vector when the ranking's are of another reading."""
        return judge(q, ranking, top, self.bm25, self.tuning,
                     0.0 if q.english else offset_of(q.language, self.language_offsets),
                     tuned_dense=None if carried is tuned_qvec or self.ranker.tuned_passage_vectors is None
                     else self.ranker.tuned_passage_vectors @ carried)

    def first_part_coverage(self, q: Question, k: int) -> Coverage | None:
        """A question of several parts that no passage comes close to as a whole is
        covered when its first part, read alone, is: the parts pull its meaning apart
        ("along which two axes can programmes be arranged, and what lies at each end of
        the range of settings"). The answer still reads the whole question."""
        part = leading_part(q.text, self.tuning.part_min_words)
        if part is None:
            return None
        pq = self.read(part)
        pvec = self.embed(pq.expanded)
        tuned, carried = self.tuned_readings(pq, pvec)
        ranking = self.ranker.rank(pq, pvec, tuned)
        verdict = self.coverage_of(pq, ranking, ranking.top(k), tuned, carried)
        if not verdict.covered:
            return None
        return Coverage(True, verdict.similarity, f"its first part, “{part}”, is close to a passage")

    def ask(self, question: str, k: int = 5) -> dict:
        """The `ask --json` object (see result.py for its contract)."""
        return self.answer(question, k).to_json()


def open_executor(settings: Settings, manifest: dict) -> SparqlExecutor:
    """The embedded store over build/kg.nt, or the SPARQL store the settings name
    (checked to hold this build's graph)."""
    if settings.sparql_endpoint:
        from .remote import RemoteSparqlExecutor
        remote = RemoteSparqlExecutor(settings.sparql_endpoint, graph=settings.sparql_graph,
                                      timeout_s=settings.query_timeout_s, max_rows=settings.max_rows)
        remote.check_holds(manifest["triples"])
        return remote
    return SparqlExecutor.from_ntriples(dataset_file(settings), workers=settings.sparql_workers,
                                        timeout_s=settings.query_timeout_s, max_rows=settings.max_rows,
                                        worker_memory_mb=settings.worker_memory_mb,
                                        max_result_bytes=settings.max_result_bytes)


def dataset_file(settings: Settings) -> Path:
    """build/kg.nt, or, when documents were saved by `compare --into-graph`, one N-Quads
    file of the graph (the default graph) and each saved document (its named graph),
    written to a temporary folder removed when the process ends (the query workers read
    it whenever they start). Loaded into one store and dumped, so that each file's blank
    nodes stay apart. Nothing in build/ or the assessments folder is changed."""
    kg = settings.build_dir / "kg.nt"
    if not kg.is_file():
        raise ArtifactsMissingError(f"{kg} is missing: run `standards-kg build` first")
    folder = Path(settings.assessments_dir)
    saved = sorted(folder.glob("*.nq")) if folder.is_dir() else []
    if not saved:
        return kg
    import atexit
    import shutil
    import tempfile

    import pyoxigraph as ox
    store = ox.Store()
    store.bulk_load(path=str(kg), format=ox.RdfFormat.N_TRIPLES)
    for f in saved:
        store.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS)
    tmp = Path(tempfile.mkdtemp(prefix="standards-kg-dataset-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    target = tmp / "dataset.nq"
    store.dump(str(target), ox.RdfFormat.N_QUADS)
    return target


def load(settings: Settings | None = None) -> Engine:
    """The engine over the artifacts in build/ (raises a clear error when they are
    missing or stale)."""
    return Engine(settings)
