"""Authoring slips in nbgrader source notebooks: misspelled, unbalanced or misplaced markers.

nbgrader removes a region only when a line contains its delimiter exactly ("BEGIN HIDDEN TESTS",
case and spelling included) and only in a cell of the right kind. Anything else passes through
to the student version untouched: a ``### BEGIN HIDDN TESTS`` publishes the hidden test, a BEGIN
without its END or a region in a cell without the matching metadata leaks or breaks grading.
:func:`slips` lists every such slip in one notebook; ``humaskit assignments check`` fails on them.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

# nbgrader's delimiters (ClearSolutions, ClearHiddenTests, ClearMarkScheme defaults).
KINDS = ("SOLUTION", "HIDDEN TESTS", "MARK SCHEME")

# A line that looks like a marker: a comment (#, <!--, //) or a bare line whose first word is
# BEGIN or END in any case. Prose that merely contains the word "end" does not start that way.
_CANDIDATE = re.compile(r"^\s*(?:#+|<!--|//)?\s*(BEGIN|END)(?![A-Za-z])[\s_:-]*(.*?)\s*(?:-->)?\s*$", re.I)
# nbgrader's own test: the delimiter anywhere in the line, case-sensitive.
_EXACT = re.compile(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS|MARK SCHEME)")


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _looks_like(rest: str) -> str | None:
    """The marker kind ``rest`` (the words after BEGIN/END) was probably meant to be, if any."""
    words = re.sub(r"[^A-Za-z ]", " ", rest).upper().split()
    if not words or len(words) > 4:
        return None
    text = " ".join(words)
    best = max(KINDS, key=lambda kind: difflib.SequenceMatcher(None, text, kind).ratio())
    close = difflib.SequenceMatcher(None, text, best).ratio() >= 0.6
    prefix = any(kind.startswith(text) or text.startswith(kind.split()[0]) for kind in KINDS)
    return best if close or prefix else None


def _allowed(kind: str, cell: dict) -> bool:
    """Whether nbgrader removes a ``kind`` region from this cell (else the region leaks)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if kind == "SOLUTION":
        return bool(meta.get("solution"))
    if kind == "HIDDEN TESTS":
        return cell["cell_type"] == "code" and bool(meta.get("grade")) and not meta.get("solution")
    return bool(meta.get("task"))  # MARK SCHEME


def cell_slips(cell: dict) -> list[str]:
    """The slips in one cell, each as a short English sentence."""
    problems: list[str] = []
    open_kind: str | None = None
    for number, line in enumerate(_source(cell).splitlines(), start=1):
        exact = _EXACT.findall(line)
        candidate = _CANDIDATE.match(line)
        if len(exact) > 1:
            problems.append(f"line {number}: more than one marker on the line {line.strip()!r}")
            continue
        if exact:
            edge, kind = exact[0]
        elif candidate and (kind_guess := _looks_like(candidate.group(2))):
            problems.append(f"line {number}: misspelled marker {line.strip()!r} "
                            f"(nbgrader only knows '{candidate.group(1).upper()} {kind_guess}', spelled "
                            "exactly, in capitals); the region would reach the trainee")
            continue
        else:
            continue
        if edge == "BEGIN":
            if open_kind:
                problems.append(f"line {number}: BEGIN {kind} inside an open {open_kind} region")
            if not _allowed(kind, cell):
                problems.append(f"line {number}: BEGIN {kind} in a cell nbgrader does not clear of it "
                                f"({cell['cell_type']} cell, {_role(cell)}); the region would reach the "
                                "trainee or break generation")
            open_kind = kind
        else:
            if open_kind is None:
                problems.append(f"line {number}: END {kind} without a BEGIN {kind}")
            elif open_kind != kind:
                problems.append(f"line {number}: END {kind} closes a BEGIN {open_kind} region")
            open_kind = None
    if open_kind:
        problems.append(f"BEGIN {open_kind} without an END {open_kind}")
    return problems


def _role(cell: dict) -> str:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    roles = [name for name in ("solution", "grade", "task", "locked") if meta.get(name)]
    return "nbgrader: " + (", ".join(roles) if roles else "none")


def slips(notebook: Path) -> list[str]:
    """Every marker slip in a source notebook: ``'<cell n> (<grade_id>): <problem>'``."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    found = []
    for index, cell in enumerate(nb.get("cells", [])):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "no id")
        found += [f"cell {index} ({grade_id}): {problem}" for problem in cell_slips(cell)]
    return found
