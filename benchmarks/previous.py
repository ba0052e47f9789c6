"""The previous release's own code, for the benchmarks that measure it beside this tree
(build.py, retrieval.py): its files checked out from git into a temporary folder, and
run there in a process of their own, so that it is that release, not this tree's code
with old settings."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
RELEASE = "fb1a125"   # the previous release (the last session's end) both benchmarks compare with (--previous REV)


@contextmanager
def checked_out(rev: str = RELEASE) -> Iterator[Path]:
    """A temporary folder holding the files of commit `rev`."""
    archive = subprocess.run(["git", "archive", rev], capture_output=True, check=True, cwd=ROOT).stdout
    with tempfile.TemporaryDirectory(prefix="bench-previous-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp)
        yield Path(tmp)


def run_code(code: str, root: Path, what: str) -> dict:
    """Run Python `code` in a process of its own with `root`'s packages first on the
    path; the JSON object its last line prints."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                         env={**os.environ, "PYTHONPATH": str(root)})
    if out.returncode:
        raise SystemExit(f"{what} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])
