"""Hand-kept facts that the text extraction lost (see who_columns.toml)."""
from __future__ import annotations

import tomllib
from pathlib import Path

from ..errors import ExtractionError

COLUMNS_FILE = Path(__file__).with_name("who_columns.toml")


class WhoColumns:
    """The column (Standard/Strong) of each cell of the two-column WHO boxes."""

    def __init__(self, path: Path = COLUMNS_FILE):
        self.path = path
        cells = tomllib.loads(path.read_text(encoding="utf-8"))["cell"]
        self.cells = [(c["starts"], c["strength"]) for c in cells]
        bad = [s for _, s in self.cells if s not in ("Strong", "Standard")]
        if bad:
            raise ExtractionError(f"{path}: strength must be Strong or Standard, got {bad}")
        self.used: set[str] = set()

    def strength_of(self, text: str) -> str | None:
        for starts, strength in self.cells:
            if text.startswith(starts):
                self.used.add(starts)
                return strength
        return None

    def check_all_used(self, where: str) -> None:
        unused = [s for s, _ in self.cells if s not in self.used]
        if unused:
            raise ExtractionError(
                f"{self.path}: no two-column WHO box cell in {where} starts with {unused[0]!r}")
