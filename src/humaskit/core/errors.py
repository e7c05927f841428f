"""The kit's one error for bad input, worded for a trainee."""

from __future__ import annotations


class DataError(ValueError):
    """A problem with an input file, worded for a trainee: which file, row and column, and what to do.

    ``row`` is the line number as a spreadsheet shows it (the header is line 1).
    """

    def __init__(self, message: str, file: str | None = None, row: int | None = None,
                 column: str | None = None):
        self.file, self.row, self.column, self.detail = file, row, column, message
        where = []
        if file:
            where.append(f"file {file}")
        if row is not None:
            where.append(f"baris {row}")
        if column:
            where.append(f"kolom '{column}'")
        super().__init__(f"{', '.join(where).capitalize()}: {message}" if where else message)
