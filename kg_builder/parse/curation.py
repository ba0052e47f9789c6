"""Hand-kept facts that the text extraction lost (see who_columns.toml), and the
reading of the two-column WHO boxes that decides as many cells as the text allows."""
from __future__ import annotations

import tomllib
from pathlib import Path

from ..errors import ExtractionError

COLUMNS_FILE = Path(__file__).with_name("who_columns.toml")

# How a cell's column was read, as the README tells it.
BLANK_BEFORE = "a line of spaces before it: its row's Standard cell is empty"
FIRST_IN_BOX = "the first cell of its box, with no empty-cell line before it"
ROW_AFTER_STRONG = "the cell after a Strong cell opens a new row, with no empty-cell line before it"
FROM_TABLE = "kg_builder/parse/who_columns.toml (the text cannot tell)"


def read_column(previous: str | None, blank_before: bool) -> tuple[str | None, str]:
    """The column of a two-column box cell from the layout the extraction kept, as
    (strength, how it was read), or (None, "") when the text cannot tell.

    The extraction reads each row left (Standard) then right (Strong) and marks an
    empty left cell with a line of spaces, so: a cell after such a line is Strong; a
    cell that must open a row (the first of the box, or the one after a Strong cell)
    without that line is Standard. A cell after a Standard cell may be that row's
    Strong cell or the next row's Standard cell (an empty right cell leaves no mark)."""
    if blank_before:
        return "Strong", BLANK_BEFORE
    if previous is None:
        return "Standard", FIRST_IN_BOX
    if previous == "Strong":
        return "Standard", ROW_AFTER_STRONG
    return None, ""


def blank_cell_before(raw_lines: list[str], line: int) -> bool:
    """Whether a line of spaces only (not an empty line) stands between 1-based `line`
    and the last non-blank line above it."""
    i = line - 2
    while i >= 0 and not raw_lines[i].strip():
        if raw_lines[i]:
            return True
        i -= 1
    return False


class WhoColumns:
    """The column (Standard/Strong) of the cells of the two-column WHO boxes that the
    text cannot decide."""

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

    def resolve(self, text: str, read: str | None, how: str, where: str) -> tuple[str, str]:
        """The cell's (strength, how it was read): the text's reading where it decides,
        else this file's entry. An entry for a cell the text decides is an error, the
        more so when it disagrees, so that the file and the text cannot drift apart."""
        entry = self.strength_of(text)
        if read is not None and entry is not None:
            if entry != read:
                raise ExtractionError(
                    f"{self.path}: says {entry} for {text[:60]!r} but the layout of {where} says {read} "
                    f"({how}); check the box in the document and fix the entry")
            raise ExtractionError(f"{self.path}: the layout of {where} already decides {text[:60]!r} "
                                  f"({how}); remove the entry")
        if read is not None:
            return read, how
        if entry is None:
            raise ExtractionError(
                f"{where}: the column of the WHO box cell {text[:60]!r} cannot be read from the text; "
                f"add it to {self.path}")
        return entry, FROM_TABLE

    def check_all_used(self, where: str) -> None:
        unused = [s for s, _ in self.cells if s not in self.used]
        if unused:
            raise ExtractionError(
                f"{self.path}: no two-column WHO box cell in {where} starts with {unused[0]!r}")
