"""Writing a file the safe way: into a temporary file beside it, then renamed into
place, so an interrupted write never leaves half a PDF where the old one was."""
from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from .errors import OutputError


def default_name(topic: str, what: str, ext: str) -> Path:
    """informed-consent-handout.pdf"""
    stem = re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")[:60] or what
    return Path(f"{stem}-{what}.{ext}")


def check_target(path: Path | str) -> tuple[Path, Path]:
    """(file, its folder) if a file may be written there; checked again before writing."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path} is a folder: give a file name for --out, e.g. {path / 'handout.pdf'}")
    if not parent.is_dir():
        raise OutputError(f"{parent} does not exist: create it or choose another --out")
    return path, parent


def write_file(path: Path | str, data: bytes) -> Path:
    """Write data to path ("-": standard output) atomically; OutputError when it cannot."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Path("-")
    path, parent = check_target(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=parent)
    except OSError as exc:
        raise OutputError(f"cannot write in {parent} ({exc.strerror}): choose a writable folder for --out") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path} ({exc.strerror}): choose another --out") from None
    return path
