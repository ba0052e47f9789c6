"""`standards-kg diff OLD_BUILD NEW_BUILD`: the triples one build added and removed,
grouped by the entity they describe, with each build's version (from its DCAT/VoID
description), so a researcher can say which version a result came from and what
changed since."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg_builder.errors import StandardsKGError

from .namespaces import DATASET, DCAT

GRAPH_FILE = "kg.nt"


class DiffInputError(StandardsKGError):
    """A build folder to compare is missing or unreadable."""


@dataclass
class EntityChange:
    subject: str
    added: list[tuple[str, str]] = field(default_factory=list)     # (predicate, object) in N-Triples syntax
    removed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class BuildDiff:
    old_version: str | None
    new_version: str | None
    old_triples: int
    new_triples: int
    entities: list[EntityChange]

    @property
    def added(self) -> int:
        return sum(len(e.added) for e in self.entities)

    @property
    def removed(self) -> int:
        return sum(len(e.removed) for e in self.entities)

    def to_json(self) -> dict:
        return {"old": {"version": self.old_version, "triples": self.old_triples},
                "new": {"version": self.new_version, "triples": self.new_triples},
                "added": self.added, "removed": self.removed,
                "entities": [{"subject": e.subject,
                              "added": [{"predicate": p, "object": o} for p, o in e.added],
                              "removed": [{"predicate": p, "object": o} for p, o in e.removed]}
                             for e in self.entities]}


def graph_file(build: Path) -> Path:
    """A build folder's kg.nt (or the N-Triples file itself)."""
    path = build / GRAPH_FILE if build.is_dir() else build
    if not path.is_file():
        raise DiffInputError(f"{build}: no {GRAPH_FILE} there; give a build folder made by `standards-kg build`")
    return path


def read_triples(path: Path) -> set[tuple[str, str, str]]:
    """The triples of an N-Triples file as (subject, predicate, object) in N-Triples
    syntax: parsed, so that two files differing only in layout compare equal."""
    try:
        return {(str(t.subject), str(t.predicate), str(t.object))
                for t in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)}
    except (SyntaxError, ValueError, OSError) as exc:
        raise DiffInputError(f"{path}: not a readable N-Triples file ({str(exc).splitlines()[0]}); "
                             "rebuild it with `standards-kg build`") from None


def version_of(triples: set[tuple[str, str, str]]) -> str | None:
    wanted = (f"<{DATASET}>", f"<{DCAT.hasCurrentVersion}>")
    return next((o.strip("<>") for s, p, o in triples if (s, p) == wanted), None)


def diff_triples(old: set, new: set) -> list[EntityChange]:
    """Added and removed triples by subject, subjects in IRI order."""
    by_subject: dict[str, EntityChange] = {}
    for s, p, o in sorted(new - old):
        by_subject.setdefault(s, EntityChange(s.strip("<>"))).added.append((p, o))
    for s, p, o in sorted(old - new):
        by_subject.setdefault(s, EntityChange(s.strip("<>"))).removed.append((p, o))
    return [by_subject[k] for k in sorted(by_subject)]


def diff_builds(old_build: Path, new_build: Path) -> BuildDiff:
    old, new = read_triples(graph_file(old_build)), read_triples(graph_file(new_build))
    return BuildDiff(version_of(old), version_of(new), len(old), len(new), diff_triples(old, new))


def render(d: BuildDiff, *, max_per_entity: int = 20) -> str:
    """The diff as text: a summary, then each changed entity with its + and - lines."""
    lines = [f"old: {d.old_version or '(no version recorded)'}  {d.old_triples} triples",
             f"new: {d.new_version or '(no version recorded)'}  {d.new_triples} triples",
             f"{d.added} added, {d.removed} removed, {len(d.entities)} entities changed"]
    for e in d.entities:
        lines.append("")
        lines.append(f"{e.subject}  (+{len(e.added)} -{len(e.removed)})")
        shown = [("-", p, o) for p, o in e.removed] + [("+", p, o) for p, o in e.added]
        for sign, p, o in shown[:max_per_entity]:
            lines.append(f"  {sign} {p} {o if len(o) <= 200 else o[:199] + '…'}")
        if len(shown) > max_per_entity:
            lines.append(f"  … {len(shown) - max_per_entity} more (--json lists all)")
    return "\n".join(lines) + "\n"
