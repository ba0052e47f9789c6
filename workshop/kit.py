"""The workshop kit's one entry point for the CLI and the app: the catalogue of the
build, topic resolution (with the search engine for questions), and each product as
bytes. The CLI and the app hold no logic of their own."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from kg_builder.config import Settings

from . import handout, quiz, site, slides
from .catalogue import Catalogue, load
from .topics import Topic, resolve


def check_graph(settings: Settings) -> dict:
    """The build manifest, after checking that what the kit reads is there and fresh:
    the graph only. (The search engine checks its own index when a question loads it;
    the kit need not fail for an index it does not read.)"""
    import json

    from kg_builder.pipeline import input_checksums
    from search.errors import ArtifactsMissingError, StaleArtifactsError
    folder = settings.build_dir
    # With a SPARQL store the graph is there; the manifest still says which build it is.
    for name in ("manifest.json",) if settings.sparql_endpoint else ("manifest.json", "kg.nt"):
        if not (folder / name).is_file():
            raise ArtifactsMissingError(f"{folder / name} is missing: run `standards-kg build`")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    current = input_checksums(settings)
    built = manifest.get("inputs", {})
    changed = sorted(k for k in set(current) | set(built) if current.get(k) != built.get(k))
    if changed:
        raise StaleArtifactsError(f"{folder} is out of date ({', '.join(changed[:3])} changed since the last "
                                  "build): run `standards-kg build`")
    return manifest


class Kit:
    def __init__(self, executor, *, ask: Callable[[str], dict] | None = None):
        """executor: the SPARQL executor of the build; ask: the search engine's ask
        (used for questions and for topics no label or word matches), or None."""
        self.executor = executor
        self.catalogue: Catalogue = load(executor)
        self.ask = ask

    @classmethod
    def open(cls, settings: Settings, *, use_search: bool = True) -> "Kit":
        """The kit over the build the settings name (checked present and fresh). The
        search engine (and its model) loads only when a question needs it."""
        import dataclasses

        from search.engine import open_executor
        settings = dataclasses.replace(settings, sparql_workers=0)
        executor = open_executor(settings, check_graph(settings))
        engine = {}

        def ask(question: str) -> dict:
            if "engine" not in engine:
                import search
                engine["engine"] = search.load(settings)
            return engine["engine"].ask(question)
        return cls(executor, ask=ask if use_search else None)

    def topic(self, text: str) -> Topic:
        return resolve(text, self.catalogue, ask=self.ask)

    def handout(self, text: str, fmt: str = "pdf", page_size: str = "A4") -> bytes:
        return handout.render(self.topic(text), self.catalogue, fmt, page_size)

    def slides(self, text: str, fmt: str = "html") -> bytes:
        return slides.render(self.topic(text), self.catalogue, fmt)

    def quiz(self, topic: str | None = None, *, n: int = 10, seed: int = 0, fmt: str = "json") -> bytes:
        return quiz.render(self.quiz_items(topic, n=n, seed=seed), fmt)

    def quiz_items(self, topic: str | None = None, *, n: int = 10, seed: int = 0) -> quiz.Quiz:
        """The quiz: at most n items, fewer when the topic's statements make fewer."""
        chosen = self.topic(topic) if topic else None
        return quiz.generate(self.catalogue, topic=chosen, n=n, seed=seed)

    def export_site(self, out: Path) -> site.ExportResult:
        return site.export(self.executor, self.catalogue, Path(out))
