"""Read the corpus manifest and the documents, checking each file on the way in."""
from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from .errors import CorpusError
from .model import Document

REQUIRED = ("id", "file", "title", "publisher", "year", "kind", "sha256", "url")


def read_manifest(corpus_dir: Path) -> list[Document]:
    path = corpus_dir / "manifest.toml"
    if not path.is_file():
        raise CorpusError(f"{path}: corpus manifest not found; it lists the documents to build from")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: not valid TOML: {exc}") from exc
    docs = []
    for i, entry in enumerate(data.get("document", []), start=1):
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing:
            raise CorpusError(f"{path}: document #{i} lacks {', '.join(missing)}")
        if not str(entry["url"]).startswith(("https://", "http://")):
            raise CorpusError(f"{path}: document #{i} ({entry['id']}): url must be the publisher's web "
                              f"address (http:// or https://), got {entry['url']!r}")
        docs.append(Document(**{k: str(entry[k]) for k in REQUIRED},
                             aliases=tuple(str(a) for a in entry.get("aliases", ())),
                             named_by=_named_by(entry, f"{path}: document #{i} ({entry['id']})")))
    if not docs:
        raise CorpusError(f"{path}: lists no [[document]]")
    return docs


def _named_by(entry: dict, where: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """A document's names by noun and audience: a list of {what = [...], whom = [...]}."""
    pairs = entry.get("named_by", [])
    if not isinstance(pairs, list) or not all(
            isinstance(p, dict) and set(p) == {"what", "whom"} and all(
                isinstance(p[k], list) and p[k] and all(isinstance(w, str) and w.strip() for w in p[k])
                for k in ("what", "whom")) for p in pairs):
        raise CorpusError(f"{where}: named_by must be a list of {{what = [words], whom = [words]}}, "
                          "each list non-empty")
    return tuple((tuple(p["what"]), tuple(p["whom"])) for p in pairs)


def read_text(corpus_dir: Path, doc: Document) -> str:
    """The document's text, after checking it exists, is UTF-8, non-empty and unchanged."""
    path = corpus_dir / doc.file
    if not path.is_file():
        raise CorpusError(f"{path}: listed in {corpus_dir / 'manifest.toml'} (id '{doc.id}') but absent")
    raw = path.read_bytes()
    if not raw.strip():
        raise CorpusError(f"{path}: file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CorpusError(f"{path}: not UTF-8 (line {line}, byte {exc.start}); re-save it as UTF-8") from exc
    digest = hashlib.sha256(raw).hexdigest()
    if digest != doc.sha256:
        raise CorpusError(
            f"{path}: sha256 {digest[:12]}… differs from manifest.toml ({doc.sha256[:12]}…); "
            "if the document was updated on purpose, put the new checksum in corpus/manifest.toml")
    return text


def corpus_checksums(corpus_dir: Path) -> dict[str, str]:
    """sha256 of every file the build reads, for staleness checks of the artifacts."""
    out = {}
    for path in sorted(corpus_dir.iterdir()):
        if path.is_file():
            out[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
