"""Questions in users' words that each passage answers (ontology/questions/*.jsonl),
curated by hand from the passages' text alone, never from an evaluation question.

Each line ties its questions to a passage IRI and to the first words of that
passage's text (the anchor). A parser change can renumber passages; the anchor then
finds the passage again within its document, and a line whose anchor is found
nowhere fails the build with its file and line number."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ValidationError


@dataclass(frozen=True)
class PassageQuestion:
    passage: str      # the passage IRI it was resolved to
    text: str         # the question
    source: str       # file:line it came from


def _norm(text: str) -> str:
    """Words of two or more letters or digits only: a parser fix to punctuation, a
    list bullet ("o") or a footnote marker does not lose the anchor."""
    return " ".join(w for w in re.findall(r"[^\W_]+", text.lower()) if len(w) > 1)


def _doc_of(iri: str) -> str:
    # id:passage/<doc>/<n>
    return iri.rstrip("/").split("/")[-2]


def read_questions(folder: Path, passages: list[dict]) -> tuple[list[PassageQuestion], list[str]]:
    """The curated questions, each resolved to a passage of this build, and the
    file:line of those whose passage is no longer found."""
    if not folder.is_dir():
        return [], []
    out: list[PassageQuestion] = []
    lost: list[str] = []
    lookup = _lookup(passages)
    for path in sorted(folder.glob("*.jsonl")):
        rows, missing = _read_lines(path, lookup)
        out += [PassageQuestion(target, q, where) for where, target, row in rows for q in row["questions"]]
        lost += missing
    return out, lost


@dataclass(frozen=True)
class TranslatedQuestion:
    passage: str      # the passage IRI it was resolved to
    text: str         # the question in another language
    lang: str         # its language (the file's name: es, fr, ru, ar, zh, pt)
    source: int       # the index of its English wording among the curated questions
    where: str        # file:line it came from


def read_translated_questions(folder: Path, passages: list[dict],
                              english: list[PassageQuestion]) -> tuple[list[TranslatedQuestion], list[str]]:
    """Curated questions in the six UN languages (ontology/questions/translated/<lang>.jsonl),
    each a translation of one English curated question, which it names ("english"): how
    close a question in another language comes to one in its own words says whether the
    documents cover it, and they teach the e5 -> tuned map to read the six languages
    alike. Returns them resolved, and the file:line of those whose passage or English
    wording is gone."""
    if not folder.is_dir():
        return [], []
    index = {(q.passage, q.text): i for i, q in reversed(list(enumerate(english)))}
    out: list[TranslatedQuestion] = []
    lost: list[str] = []
    lookup = _lookup(passages)
    for path in sorted(folder.glob("*.jsonl")):
        rows, missing = _read_lines(path, lookup, extra=("english",))
        for where, target, row in rows:
            source = index.get((target, str(row["english"]).strip()))
            if source is None:
                lost.append(where)
                continue
            out += [TranslatedQuestion(target, q, path.stem, source, where) for q in row["questions"]]
        lost += missing
    return out, lost


def _lookup(passages: list[dict]) -> tuple[list[dict], dict, dict]:
    # once per reading: anchors are tested against every passage
    return passages, {p["iri"]: p for p in passages}, {p["iri"]: _norm(p["text"]) for p in passages}


def _read_lines(path: Path, lookup: tuple[list[dict], dict, dict], extra: tuple[str, ...] = ()):
    """Each line of a curated-questions file as (file:line, resolved passage IRI, the
    line's fields), and the file:line of those whose passage is gone."""
    passages, by_iri, normed = lookup
    rows, lost = [], []
    keys = ("passage", "anchor", "questions") + extra
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
            iri, anchor, questions = row["passage"], row["anchor"], row["questions"]
            missing = [k for k in extra if k not in row]
            if missing:
                raise KeyError(missing[0])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValidationError(f"{where}: expected {{{', '.join(map(json.dumps, keys))}}}: {exc}") from None
        if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
            raise ValidationError(f"{where}: \"questions\" must be a list of strings")
        row["questions"] = [q.strip() for q in questions if q.strip()]
        if not row["questions"]:
            continue
        target = _resolve(iri, _norm(anchor), by_iri, passages, normed)
        if target is None:
            lost.append(where)
        else:
            rows.append((where, target, row))
    return rows, lost


def _resolve(iri: str, anchor: str, by_iri: dict, passages: list[dict], normed: dict[str, str]) -> str | None:
    """The passage at `iri` if it still starts with the anchor; else the passage of the
    same document that starts with (or holds) it, nearest in number to the old one;
    else the passage at `iri` if it holds most of the anchor's words."""
    p = by_iri.get(iri)
    if p is not None and normed[iri].startswith(anchor):
        return iri
    doc = _doc_of(iri)
    n = int(iri.rstrip("/").split("/")[-1]) if iri.rstrip("/").split("/")[-1].isdigit() else 0
    same_doc = [q for q in passages if q["doc_id"] == doc]
    words = anchor.split()
    # The whole anchor first; then shorter and shorter heads of it (a list the parser
    # now splits into items keeps its questions on the first item).
    tests = [lambda t: t.startswith(anchor), lambda t: anchor in t] + [
        (lambda head: lambda t: t.startswith(head))(" ".join(words[:m])) for m in range(len(words) - 1, 2, -1)]
    for test in tests:
        found = [q for q in same_doc if test(normed[q["iri"]])]
        if found:
            return min(found, key=lambda q: abs(q.get("n", 0) - n))["iri"]
    if p is not None:
        held = set(normed[iri].split()[: len(words) + 4])
        if words and sum(w in held for w in words) >= 0.6 * len(words):
            return iri
    return None
