"""The trainer's score table: one row per trainee and assignment, one column per part, the required
maximum and the optional extra kept apart, and the reasons the kit flagged (``catatan``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from humaskit.core import formats
from humaskit.trainer import course

_HEADING = re.compile(r"^##\s+(.*)$", re.M)


@dataclass
class Part:
    title: str
    optional: bool
    grade_ids: list[str] = field(default_factory=list)
    max_score: float = 0.0


def parts(source_notebook: Path) -> list[Part]:
    """The graded parts of a source notebook, in order: a part starts at each ``## `` heading; a
    heading that says "opsional" makes its points an extra beyond full marks."""
    nb = json.loads(source_notebook.read_text(encoding="utf-8"))
    found: list[Part] = []
    current: Part | None = None
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        match = _HEADING.search(source) if cell["cell_type"] == "markdown" else None
        if match:
            title = re.split(r"[.(:]", match.group(1).replace("(opsional)", ""), maxsplit=1)[0].strip()
            current = Part(title, "opsional" in match.group(1).lower())
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and meta.get("points"):
            if current is None:
                current = Part("Soal", False)
            if current not in found:
                found.append(current)
            current.grade_ids.append(meta["grade_id"])
            current.max_score += float(meta["points"])
    # two headings with the same title (a slip in a notebook) stay apart
    seen: dict[str, int] = {}
    for part in found:
        seen[part.title] = seen.get(part.title, 0) + 1
        if seen[part.title] > 1:
            part.title = f"{part.title} ({seen[part.title]})"
    return found


def table(course_dir: Path, assignments: list[str] | None = None) -> pd.DataFrame:
    """The score table (Indonesian column names) read from the course's gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    course_dir = course.require_course(course_dir.expanduser().resolve())
    rows = []
    with Gradebook(course.db_url(course_dir)) as gb:
        for aid in assignments or course.assignment_ids(course_dir):
            notebooks = sorted((course_dir / "source" / aid).glob("*.ipynb"))
            layout = {nb.stem: parts(nb) for nb in notebooks}
            for student in sorted(s.id for s in gb.students):
                try:
                    gb.find_submission(aid, student)
                except MissingEntry:
                    continue
                row: dict[str, object] = {"peserta": student, "tugas": aid}
                required = required_max = extra = extra_max = 0.0
                waiting = 0
                for stem, its_parts in layout.items():
                    try:
                        sub = gb.find_submission_notebook(stem, aid, student)
                    except MissingEntry:
                        sub = None
                    grades = {g.name: g for g in sub.grades} if sub is not None else {}
                    for part in its_parts:
                        score = 0.0
                        for gid in part.grade_ids:
                            grade = grades.get(gid)
                            if grade is None:
                                continue
                            waiting += int(bool(grade.needs_manual_grade))
                            score += float(grade.score or 0)
                        score = min(score, part.max_score)  # the source's points, not the submission's
                        label = (f"{part.title}{' (opsional)' if part.optional else ''} "
                                 f"[maks {formats.number(part.max_score, 1, trim=True)}]")
                        row[label] = score
                        if part.optional:
                            extra, extra_max = extra + score, extra_max + part.max_score
                        else:
                            required, required_max = required + score, required_max + part.max_score
                row["nilai wajib"] = required
                row["maks wajib"] = required_max
                row["nilai tambahan (opsional)"] = extra
                row["maks tambahan"] = extra_max
                row["menunggu nilai pelatih"] = waiting
                row["catatan"] = " | ".join(course.read_flags(course_dir, aid, student))
                rows.append(row)
    return pd.DataFrame(rows)


def write(frame: pd.DataFrame, output: Path) -> None:
    """CSV (UTF-8 with BOM, so spreadsheet programs read it as UTF-8) or XLSX by suffix; an
    existing file is backed up first."""
    from humaskit.core.storage import write_atomic

    if output.exists():
        course.backup_copy(output)
    if output.suffix.lower() == ".xlsx":
        def save(handle) -> None:
            with pd.ExcelWriter(handle, engine="openpyxl") as writer:
                frame.to_excel(writer, index=False, sheet_name="nilai")
        write_atomic(output, save)
    else:
        write_atomic(output, lambda handle: handle.write(frame.to_csv(index=False).encode("utf-8-sig")))
