"""nbgrader feedback for trainees: Indonesian, no hidden tests, the trainer's comments shown.

nbgrader_config.py sets ``c.GenerateFeedback.exporter_class`` to
:class:`humaskit.course.feedback_html.FeedbackExporter`, so that it applies however feedback is
made (``nbgrader generate_feedback``, the formgrader's "Generate Feedback" button, or
:func:`humaskit.course.grading.feedback`). This module holds what the exporter does to the
notebook (plain functions, no nbconvert import); the exporter

* removes hidden tests, mark schemes and solution markers from every cell (an autograded
  notebook carries the hidden tests again, and nbgrader's own page shows them);
* replaces the outputs of autograded test cells by their verdict: full points, or not yet, with
  the checker's own message (the assertion text the author wrote for trainees) and no traceback,
  since a traceback quotes the test's code;
* shortens error tracebacks elsewhere to their last line;
* renders ``templates/nbgrader/umpan-balik``: headings and scores in Indonesian, the visible
  checks folded away, and the trainer's comment under each written answer.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from humaskit.core import formats

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates" / "nbgrader"
TEMPLATE_NAME = "umpan-balik"

_REGION_BEGIN = re.compile(r"BEGIN (HIDDEN TESTS|MARK SCHEME)")
_REGION_END = re.compile(r"END (HIDDEN TESTS|MARK SCHEME)")
_SOLUTION_MARKER = re.compile(r"(BEGIN|END) SOLUTION")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_hidden(source: str) -> str:
    """``source`` without hidden-test and mark-scheme regions and without solution marker lines.

    Like nbgrader, a line containing a delimiter counts as one; an unclosed region runs to the end.
    """
    kept, hidden = [], False
    for line in source.split("\n"):
        if _REGION_BEGIN.search(line):
            hidden = True
        elif _REGION_END.search(line):
            hidden = False
        elif not hidden and not _SOLUTION_MARKER.search(line):
            kept.append(line)
    return "\n".join(kept).rstrip("\n")


def error_text(output: Any) -> str:
    """One line for an error output: the assertion's own message, or the error's name and text."""
    name = _ANSI.sub("", str(output.get("ename", ""))).strip()
    value = _ANSI.sub("", str(output.get("evalue", ""))).strip()
    if name == "AssertionError":
        return value
    return f"Galat {name}: {value}" if value else f"Galat {name}"


def is_test_cell(cell: Any) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def clean_cell(cell: Any) -> None:
    """Make one cell of an autograded notebook fit for the trainee's eyes (in place)."""
    source = cell.get("source", "")
    cell["source"] = strip_hidden("".join(source) if isinstance(source, list) else source)
    if cell.get("cell_type") != "code":
        return
    outputs = cell.get("outputs", [])
    if is_test_cell(cell):
        messages = [error_text(o) for o in outputs if o.get("output_type") == "error"]
        cell.setdefault("metadata", {})["humaskit"] = {"pesan": next((m for m in messages if m), "")}
        cell["outputs"] = []
        return
    for output in outputs:
        if output.get("output_type") == "error":
            output["traceback"] = [error_text(output)]


def clean_notebook(nb: Any) -> Any:
    """A cleaned copy of an autograded notebook (see :func:`clean_cell`)."""
    nb = copy.deepcopy(nb)
    nb.get("metadata", {}).pop("celltoolbar", None)
    # a cell that is all mark scheme (the rubric the trainer's cycle shows beside written answers)
    nb["cells"] = [c for c in nb.get("cells", []) if not _all_mark_scheme(c)]
    for cell in nb.get("cells", []):
        clean_cell(cell)
    return nb


def _all_mark_scheme(cell: Any) -> bool:
    source = cell.get("source", "")
    text = "".join(source) if isinstance(source, list) else source
    return text.lstrip().startswith("### BEGIN MARK SCHEME")


def score_text(value: Any) -> str:
    """A score the Indonesian way: 1.5 -> "1,5", 2.0 -> "2", None -> "0"."""
    return formats.number(value or 0, 2, trim=True)
