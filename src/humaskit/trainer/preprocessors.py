"""nbgrader preprocessors of a humaskit course folder (configured in its nbgrader_config.py, so they
hold for ``humaskit trainer autograde``, plain ``nbgrader autograde`` and formgrader alike).

* :class:`RebuildFromRelease` (first sanitising step): the notebook that is graded is the released
  student version with only the trainee's *written* answers copied in by ``grade_id``. Trainees
  answer autograded items by clicking (``jawaban.json``), so no code from the submission runs in
  the grading kernel: exception hooks, AST transformers, replaced kit functions or built-ins,
  gradebook edits, ``sys.exit``, endless loops, deleted or edited locked cells and inflated points
  metadata cannot change a grade. What it undid, and the suspicious code it found
  (:mod:`humaskit.trainer.inspect_code`), is written to ``catatan/<assignment>/<student>.json``.
* :class:`GuardedExecute`: nbgrader's Execute with the kernel confined
  (:mod:`humaskit.trainer.sandbox`), a time limit per cell and one for the whole notebook.
* :class:`CapOutput`: at most ``max_chars`` characters of output kept per cell.
"""

from __future__ import annotations

import copy
import json
import re
import time
from pathlib import Path
from typing import Any

import nbformat
from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Integer, Unicode

from humaskit.trainer import course, inspect_code
from humaskit.trainer.sandbox import GRADER_USER, SandboxKernelManager


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


_GRADE_KEYS = ("grade", "solution", "locked", "task", "points", "grade_id")


class RebuildFromRelease(NbGraderPreprocessor):
    """Grade the released notebook plus the trainee's written answers (see the module doc)."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info = resources["nbgrader"]
        coursedir = CourseDirectory(config=self.config)
        release = Path(coursedir.format_path(coursedir.release_directory, ".", info["assignment"]))
        released = nbformat.read(release / f"{info['notebook']}.ipynb", as_version=4)
        source = Path(coursedir.format_path(coursedir.source_directory, ".", info["assignment"]))
        source_nb = nbformat.read(source / f"{info['notebook']}.ipynb", as_version=4)
        rebuilt, reasons = rebuild(nb, released, code_answer_ids(source_nb), rubrics(source_nb))
        course.add_flags(Path(coursedir.root), info["assignment"], info["student"],
                         f"nilai:{info['notebook']}", reasons)
        return rebuilt, resources


_SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def code_answer_ids(source_nb: NotebookNode) -> set[str]:
    """grade_ids of answer cells whose solution is code (the optional data parts), as opposed to
    answers by click, whose solution only records the key in jawaban.json (``tanya.record``)."""
    ids = set()
    for cell in source_nb.cells:
        meta = _meta(cell)
        if cell.cell_type != "code" or not meta.get("solution") or meta.get("grade"):
            continue
        lines = [line.strip() for region in _SOLUTION.findall(_source(cell)) for line in region.splitlines()]
        if any(line and not line.startswith(("tanya.record(", "#")) for line in lines):
            ids.add(meta["grade_id"])
    return ids


RUBRIC_HEADING = "**Contoh jawaban dan rubrik (hanya untuk pelatih; tidak masuk umpan balik)**"


def rubrics(source_nb: NotebookNode) -> dict[str, str]:
    """grade_id -> the source text (model answer and rubric) of each manually graded written answer."""
    return {_meta(c)["grade_id"]: _source(c) for c in source_nb.cells
            if c.cell_type == "markdown" and _meta(c).get("solution") and _meta(c).get("grade")}


def rubric_cell(text: str) -> NotebookNode:
    """A cell shown beside the answer in formgrader; a mark-scheme region, so that feedback (and
    anything that strips mark schemes) drops it."""
    cell = nbformat.v4.new_markdown_cell(
        f"### BEGIN MARK SCHEME\n{RUBRIC_HEADING}\n\n{text}\n\n### END MARK SCHEME")
    cell.pop("id", None)  # the kit's notebooks are nbformat 4.4, whose cells carry no id
    return cell


def rebuild(submitted: NotebookNode, released: NotebookNode,
            code_answers: set[str] = frozenset(),  # type: ignore[assignment]
            rubric_texts: dict[str, str] | None = None) -> tuple[NotebookNode, list[str]]:
    """The notebook to grade and the reasons (Indonesian) for what was undone or found.

    Cells in ``code_answers`` keep the trainee's code when :func:`inspect_code.vet` allows it; each
    written answer in ``rubric_texts`` is followed by its model answer and rubric for the trainer."""
    reasons: list[str] = []
    protected = inspect_code.protected_names(
        [_source(c) for c in released.cells
         if c.cell_type == "code" and _meta(c).get("grade_id") not in code_answers])
    by_id: dict[str, dict] = {}
    extra: list[dict] = []
    for cell in submitted.get("cells", []):
        gid = _meta(cell).get("grade_id")
        if gid and gid not in by_id:
            by_id[gid] = cell
        else:
            extra.append(cell)
    released_ids = {_meta(c).get("grade_id") for c in released.cells}
    extra += [c for gid, c in by_id.items() if gid not in released_ids]
    suspicious: list[str] = []
    changed_code: list[str] = []
    changed_locked: list[str] = []
    missing: list[str] = []
    metadata: list[str] = []
    refused: list[str] = []
    out = copy.deepcopy(released)
    for cell in out.cells:
        meta = _meta(cell)
        gid = str(meta.get("grade_id") or "")
        mine = by_id.get(gid) if gid else None
        if mine is None:
            if gid:
                missing.append(gid)
            continue
        mine_meta = _meta(mine)
        if any(mine_meta.get(k) != meta.get(k) for k in _GRADE_KEYS) or \
                mine.get("cell_type") != cell.cell_type:
            metadata.append(gid)
        written = meta.get("solution") and cell.cell_type == "markdown"
        if written:
            if mine.get("cell_type") == "markdown":
                cell.source = _source(mine)
            continue
        if _source(mine) != _source(cell):
            if gid in code_answers and mine.get("cell_type") == "code":
                own = inspect_code.protected_names([_source(cell)])
                problems = inspect_code.vet(_source(mine), protected, own)
                if problems:
                    refused.append(f"{gid} ({'; '.join(problems)})")
                else:
                    cell.source = _source(mine)
                continue
            if meta.get("solution") and meta.get("grade") and cell.cell_type == "code":
                # a manually graded code answer: shown to the trainer, never run
                cell.source = "\n".join("# " + line for line in _source(mine).splitlines())
                continue
            (changed_code if meta.get("solution") else changed_locked).append(gid)
            suspicious += inspect_code.reasons(_source(mine)) if mine.get("cell_type") == "code" else []
    for cell in extra:
        if cell.get("cell_type") == "code" and _source(cell).strip():
            suspicious += inspect_code.reasons(_source(cell))
    if rubric_texts:
        cells = []
        for cell in out.cells:
            cells.append(cell)
            gid = _meta(cell).get("grade_id")
            if gid in rubric_texts:
                extra_cell = rubric_cell(rubric_texts[gid])
                if released.get("nbformat_minor", 0) >= 5:
                    extra_cell["id"] = f"rubrik-{gid}"[:64]
                cells.append(extra_cell)
        out.cells = cells
    if missing:
        reasons.append(f"sel dihapus, dikembalikan dari versi peserta: {', '.join(missing)}")
    if changed_locked:
        reasons.append(f"sel terkunci diubah, dikembalikan: {', '.join(changed_locked)}")
    if metadata:
        reasons.append(f"metadata penilaian sel diubah (misalnya poin), dikembalikan: {', '.join(metadata)}")
    if changed_code:
        reasons.append("kode di sel jawaban diubah (tidak dijalankan saat penilaian): "
                       + ", ".join(changed_code))
    n_extra = sum(1 for c in extra if _source(c).strip())
    if n_extra:
        reasons.append(f"{n_extra} sel tambahan (tidak dijalankan saat penilaian)")
    if refused:
        reasons.append("jawaban kode tidak dijalankan (di luar bentuk jawaban data): " + ", ".join(refused))
    if suspicious:
        reasons.append("kode mencurigakan: " + "; ".join(dict.fromkeys(suspicious)))
    return out, reasons


class GuardedExecute(Execute):
    """nbgrader's Execute in a confined kernel with a per-cell and a per-notebook time limit."""

    notebook_timeout = Integer(50, help="seconds all cells of one notebook may take together"
                               ).tag(config=True)
    sandbox_user = Unicode(GRADER_USER, help="user the kernel runs as when grading as root").tag(config=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)
        self._deadline: float | None = None

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        km.sandbox_user = self.sandbox_user
        km.cpu_seconds = self.notebook_timeout + 10
        return km

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None):
        self._deadline = None
        return super().preprocess(nb, resources, km)

    def _get_timeout(self, cell: NotebookNode | None) -> int | None:
        per_cell = super()._get_timeout(cell)
        if self._deadline is None:
            self._deadline = time.monotonic() + self.notebook_timeout
        left = max(1, int(self._deadline - time.monotonic()))
        return min(per_cell, left) if per_cell else left

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> tuple[NotebookNode, Any]:
        if cell.cell_type != "code":
            return cell, resources
        if self._deadline is not None and time.monotonic() >= self._deadline:
            cell.outputs = [_error("WaktuHabis", "batas waktu notebook habis; sel ini tidak dijalankan")]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except (CellTimeoutError, DeadKernelError) as exc:
            # A kernel that ignores the interrupt (or died): stop it; the remaining cells score nothing.
            self._deadline = time.monotonic()
            why = "kernel tidak menanggapi setelah batas waktu" if isinstance(exc, CellTimeoutError) \
                else "kernel berhenti"
            cell.outputs = [*cell.get("outputs", []), _error("WaktuHabis", why)]
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - already gone is fine
                self.log.warning("kernel could not be stopped cleanly", exc_info=True)
            return cell, resources


def _error(name: str, message: str) -> NotebookNode:
    return nbformat.v4.new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"])


class CapOutput(NbGraderPreprocessor):
    """Keep at most ``max_chars`` characters of text output per cell (and no oversized images)."""

    max_chars = Integer(20000, help="characters of output kept per cell").tag(config=True)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        if cell.cell_type != "code":
            return cell, resources
        budget = self.max_chars
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                output.text, budget = _cut(output.text, budget)
            elif output.output_type == "error":
                output.traceback = [_cut(line, self.max_chars)[0] for line in output.traceback[-20:]]
                output.evalue = _cut(output.evalue, self.max_chars)[0]
            else:
                data = output.get("data", {})
                for mime in list(data):
                    value = data[mime]
                    text = value if isinstance(value, str) else json.dumps(value)
                    if mime.startswith("image/"):
                        if len(text) > 50 * self.max_chars:
                            del data[mime]
                    elif len(text) > budget:
                        data[mime] = _cut(text, budget)[0] if mime.startswith("text/") else ""
                    budget = max(0, budget - min(len(text), budget))
        return cell, resources


def _cut(text: str, budget: int) -> tuple[str, int]:
    if len(text) <= budget:
        return text, budget - len(text)
    return text[:budget] + f"\n... (keluaran dipotong: {len(text) - budget} karakter tidak ditampilkan)\n", 0
