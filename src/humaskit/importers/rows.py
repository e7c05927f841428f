"""One imported row: the canonical values and where they came from (file, row as the file shows
it, or the record's number in a JSON file)."""

from __future__ import annotations

from typing import NamedTuple


class Row(NamedTuple):
    values: dict
    file: str
    line: int | None
