"""Grading speed: seconds per submission of the heaviest assignment, three ways in one run.

    PYTHONPATH=src python benchmarks/grading_speed.py [--count 300] [--sequential 12] [--floor 12]
                                                     [--assignment 01-klasifikasi-unggahan]

* plain sequential `nbgrader autograde ASSIGNMENT --student=ID` in the course folder, one process
  per submission (what a trainer or formgrader's button does), on the first ``--sequential``
  submissions (each costs nbgrader's start-up; 300 of them take most of an hour);
* the kit's parallel mode (`humaskit trainer autograde --jobs 2`: two long-lived workers running
  nbgrader's Autograde in-process) on all ``--count`` submissions;
* the floor: the same plain sequential autograde of a notebook holding the assignment's import
  cell and nothing else (``--floor`` submissions).

Both gradings run with the course's protections (rebuild from release, sandboxed kernel, limits).
The two references are taken half before and half after the kit's phase (floor, sequential, kit,
sequential, floor), so that a load that rises or falls during the run weighs on all three alike;
the load average of each phase is printed beside it.
Afterwards the gradebook is checked: every submission graded exactly once, with the score it
deserves (half are the solution, half the partial case of tests/simulated.py): zero lost or
duplicated grades. Targets (issue 12): kit per-submission <= 1.3x floor; parallel wall <= 0.6x
sequential (per submission). Results: benchmarks/results/grading_speed.txt.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

import simulated  # noqa: E402
from grading_suite import grader_user  # noqa: E402

from humaskit.trainer import collect, course, grade  # noqa: E402
from humaskit.trainer.sandbox import child_pythonpath  # noqa: E402


def _floor_source(source: Path, target: Path) -> None:
    """The floor notebook: the assignment's first locked code cell (its imports and set-up call) and
    one trivial autograded cell."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code = "".join(first["source"]) if isinstance(first["source"], list) else first["source"]
    imports = "\n".join(line for line in code.splitlines() if line.startswith(("import ", "from ")))
    cell_meta = {"grade": False, "locked": True, "solution": False, "task": False, "schema_version": 3}
    nb["cells"] = [
        {"cell_type": "code", "execution_count": None, "outputs": [], "source": imports,
         "metadata": {"nbgrader": {**cell_meta, "grade_id": "impor"}}},
        {"cell_type": "code", "execution_count": None, "outputs": [], "source": "assert True",
         "metadata": {"nbgrader": {**cell_meta, "grade": True, "grade_id": "cek", "points": 1}}},
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _plain_sequential(course_dir: Path, aid: str, students: list[str]) -> Phase:
    start, load = time.perf_counter(), os.getloadavg()[0]
    for student in students:
        result = course.nbgrader(["autograde", aid, f"--student={student}", "--force",
                                  "--log-level=ERROR"], cwd=course_dir)
        if result.returncode != 0:
            raise SystemExit(f"plain autograde failed for {student}:\n{result.stderr[-1500:]}")
    return Phase(time.perf_counter() - start, len(students), (load + os.getloadavg()[0]) / 2)


@dataclass
class Phase:
    """Wall seconds for ``count`` submissions, with the load average around them."""

    seconds: float
    count: int
    load: float

    @staticmethod
    def join(*phases: Phase) -> Phase:
        seconds = sum(p.seconds for p in phases)
        count = sum(p.count for p in phases)
        load = sum(p.load * p.seconds for p in phases) / seconds
        return Phase(seconds, count, load)

    @property
    def per(self) -> float:
        return self.seconds / self.count


def _submit(course_dir: Path, aid: str, cases: dict[str, simulated.Case], work: Path) -> None:
    archive = work / f"{aid}.zip"
    simulated.write_zip(archive, cases)
    collect.collect(course_dir, aid, archive)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--sequential", type=int, default=12)
    parser.add_argument("--floor", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--assignment", default="01-klasifikasi-unggahan")
    args = parser.parse_args()
    os.environ["PYTHONPATH"] = child_pythonpath(os.environ.get("PYTHONPATH", ""))
    aid = args.assignment
    load_before = os.getloadavg()
    user = grader_user()
    with tempfile.TemporaryDirectory(prefix="humaskit-bench-") as tmp:
        work = Path(tmp)
        course_dir = work / "kursus"
        course.init(course_dir, only=[aid], user=user)
        source = next((course_dir / "source" / aid).glob("*.ipynb"))
        by_name = {c.name: c for c in simulated.cases(source, course_dir / "release" / aid / source.name)}
        kinds = ("solution", "partial")
        subs = {f"p{i:04d}": by_name[kinds[i % 2]] for i in range(args.count)}
        _submit(course_dir, aid, subs, work)
        floor_dir = work / "lantai"
        course.init(floor_dir, solutions=_floor_solutions(source, work), user=user)
        floor_release = next((floor_dir / "release" / aid).glob("*.ipynb"))
        floor_case = simulated.Case("floor", {floor_release.name: floor_release.read_bytes()}, 0.0)
        floor_ids = [f"f{i:03d}" for i in range(args.floor)]
        _submit(floor_dir, aid, dict.fromkeys(floor_ids, floor_case), work)
        sequential_ids = list(subs)[: args.sequential]
        half_floor, half_plain = len(floor_ids) // 2, len(sequential_ids) // 2

        floor_before = _plain_sequential(floor_dir, aid, floor_ids[:half_floor])
        plain_before = _plain_sequential(course_dir, aid, sequential_ids[:half_plain])
        start, load = time.perf_counter(), os.getloadavg()[0]
        done = grade.autograde(course_dir, aid, jobs=args.jobs)
        kit = Phase(time.perf_counter() - start, len(subs), (load + os.getloadavg()[0]) / 2)
        plain = Phase.join(plain_before, _plain_sequential(course_dir, aid, sequential_ids[half_plain:]))
        floor = Phase.join(floor_before, _plain_sequential(floor_dir, aid, floor_ids[half_floor:]))

        from nbgrader.api import Gradebook

        lost, duplicated, wrong = [], [], []
        with Gradebook(course.db_url(course_dir)) as gb:
            n_cells = len(gb.find_notebook(source.stem, aid).grade_cells)
            for student, case in subs.items():
                nb = gb.find_submission_notebook(source.stem, aid, student)
                if not done.get(student):
                    lost.append(student)
                if len(nb.grades) != n_cells:
                    duplicated.append(student)
                auto = sum(g.auto_score or 0 for g in nb.grades if g.auto_score is not None)
                if auto != case.expected_auto:
                    wrong.append((student, auto, case.expected_auto))
            n_submissions = len(gb.find_assignment(aid).submissions)
    load_after = os.getloadavg()

    lines = [
        f"Grading speed, assignment {aid} (benchmarks/grading_speed.py, {time.strftime('%Y-%m-%d %H:%M')})",
        f"machine: {os.cpu_count()} cores; load average before {load_before[0]:.1f} / "
        f"after {load_after[0]:.1f}"
        " (the machine is shared with other jobs: absolute times are inflated, ratios less so)",
        f"kernel user: {user or 'the grader itself (not root)'}",
        "",
        f"{'mode':<58}{'submissions':>12}{'s/submission':>14}{'load':>7}",
        f"{'floor: plain sequential nbgrader autograde, imports only':<58}{floor.count:>12}"
        f"{floor.per:>14.2f}{floor.load:>7.1f}",
        f"{'plain sequential nbgrader autograde (course config)':<58}{plain.count:>12}"
        f"{plain.per:>14.2f}{plain.load:>7.1f}",
        f"{f'kit parallel mode, {args.jobs} workers (wall / count)':<58}{kit.count:>12}{kit.per:>14.2f}"
        f"{kit.load:>7.1f}",
        "(floor and sequential: half before, half after the kit's phase; load: 1-minute average)",
        "",
        f"kit per submission / floor      = {kit.per / floor.per:.2f}  (target <= 1.30)",
        f"kit parallel / plain sequential = {kit.per / plain.per:.2f}  (target <= 0.60)",
        f"kit parallel wall time: {kit.seconds:.0f} s for {kit.count} submissions",
        f"gradebook: {n_submissions} submissions for {len(subs)} trainees; lost {len(lost)}, "
        f"duplicated {len(duplicated)}, wrong score {len(wrong)}",
    ]
    if wrong:
        lines.append(f"wrong scores (first 5): {wrong[:5]}")
    text = "\n".join(lines) + "\n"
    print(text)
    out = ROOT / "benchmarks" / "results" / "grading_speed.txt"
    out.write_text(text, encoding="utf-8")
    missed = kit.per > 1.3 * floor.per or kit.per > 0.6 * plain.per or lost or duplicated or wrong
    raise SystemExit(1 if missed else 0)


def _floor_solutions(source: Path, work: Path) -> Path:
    folder = work / "lantai-solutions"
    _floor_source(source, folder / source.parent.name / source.name)
    return folder


if __name__ == "__main__":
    main()
