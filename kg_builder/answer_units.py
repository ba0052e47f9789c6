"""What answers are made of, embedded at build time so that the engine chooses by
meaning, not shared words: every sentence of every passage, every normative
statement of the graph (standards, recommendations, conditions, criteria, operative
paragraphs) and the curated questions each passage answers.

Written to build/: sentences.jsonl, statements.jsonl, questions.jsonl, and their
vectors in units.npz (same order)."""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from rdflib import Graph

from .config import ONTOLOGY_NS
from .embed_cache import cached_encode
from .sentences import split_sentences, without_label

# Normative statements an answer can lead with, and how a reader names each kind.
STATEMENT_KINDS = {
    "Standard": "Standard",
    "WHORecommendation": "WHO recommendation",
    "ServiceRecommendation": "Recommendation",
    "GoodPracticeCondition": "Condition",
    "CompulsoryTreatmentCriterion": "Criterion",
    "OperativeParagraph": "Operative paragraph",
}

Q_STATEMENTS = """
PREFIX skg: <%s>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?cls ?text ?number ?strength ?passage WHERE {
  ?e a ?cls ; skg:text ?text ; prov:wasDerivedFrom ?passage .
  ?passage a skg:Passage .
  OPTIONAL { ?e skg:number ?number }
  OPTIONAL { ?e skg:strength/rdfs:label ?strength }
}""" % ONTOLOGY_NS


@dataclass(frozen=True)
class Statement:
    iri: str
    kind: str            # class local name, a key of STATEMENT_KINDS
    number: str
    text: str
    strength: str        # "Strong", "Standard" (WHO recommendations) or ""
    passages: tuple[str, ...]


def statements_of(graph: Graph) -> list[Statement]:
    found: dict[str, dict] = {}
    for e, cls, text, number, strength, passage in graph.query(Q_STATEMENTS):
        kind = str(cls)[len(ONTOLOGY_NS):] if str(cls).startswith(ONTOLOGY_NS) else ""
        if kind not in STATEMENT_KINDS:
            continue
        row = found.setdefault(str(e), {"iri": str(e), "kind": kind, "number": str(number or ""),
                                        "text": str(text), "strength": str(strength or ""), "passages": set()})
        row["passages"].add(str(passage))
    return [Statement(**{**r, "passages": tuple(sorted(r["passages"]))}) for _, r in sorted(found.items())]


def build_units(records: list[dict], graph: Graph, *, encoder, questions: tuple[list, list[str]],
                cache_dir: Path | None, progress: bool = False,
                translated: tuple[list, list[str]] = ([], []),
                vocabulary: tuple[list, list[str]] = ([], [])) -> dict:
    """Sentences, statements and curated questions (English, and their translations)
    with their vectors. `questions`, `translated`: what questions.read_questions and
    read_translated_questions found (resolved, and the file:line of those lost);
    `vocabulary`: more translations, kept for their words alone (not embedded: the
    words users of each language ask about these documents in, search/language_words.py)."""
    # A paragraph's number split from its text ("4.") says nothing: never a unit to quote.
    # A label heading a sentence ("Description:") is no part of what an answer quotes.
    sentences = [{"passage": r["iri"], "text": without_label(s)} for r in records for s in split_sentences(r["text"])
                 if re.search(r"[^\W\d_]", s)]
    statements = [asdict(s) for s in statements_of(graph)]
    resolved, lost = questions
    questions = [{"passage": q.passage, "text": q.text} for q in resolved]
    s_vec, s_new = cached_encode(encoder, [s["text"] for s in sentences], role="passage",
                                 folder=cache_dir, progress=progress)
    t_vec, t_new = cached_encode(encoder, [s["text"] for s in statements], role="passage", folder=cache_dir)
    q_vec, q_new = cached_encode(encoder, [q["text"] for q in questions], role="query", folder=cache_dir)
    # Only a multilingual encoder reads them; MiniLM would place them anywhere.
    translations = [{"passage": q.passage, "text": q.text, "lang": q.lang, "source": q.source}
                    for q in translated[0]] if getattr(encoder, "multilingual", False) else []
    x_vec, x_new = cached_encode(encoder, [q["text"] for q in translations], role="query", folder=cache_dir)
    words = [{"passage": q.passage, "text": q.text, "lang": q.lang, "source": q.source}
             for q in translated[0] + vocabulary[0]] \
        if translations else []
    return {"sentences": (sentences, s_vec), "statements": (statements, t_vec), "questions": (questions, q_vec),
            "translated_questions": (translations, x_vec), "translated_wordings": words,
            "embedded_anew": s_new + t_new + q_new + x_new, "questions_lost": lost + translated[1] + vocabulary[1]}


def write_units(folder: Path, units: dict) -> dict:
    arrays = {}
    counts = {}
    for name in ("sentences", "statements", "questions", "translated_questions"):
        rows, vectors = units[name]
        with open(folder / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
        arrays[name] = vectors if len(rows) else np.zeros((0, 1), "float32")
        counts[name] = len(rows)
    with open(folder / "translated_wordings.jsonl", "w", encoding="utf-8") as f:
        for r in units.get("translated_wordings", []):
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    counts["translated_wordings"] = len(units.get("translated_wordings", []))
    counts["questions_lost"] = units["questions_lost"]
    np.savez(folder / "units.npz", **arrays)
    return counts
