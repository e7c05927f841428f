"""`humaskit trainer update` in the middle of a course: two trainees are graded (autograde and a
manual grade with a comment), the kit's solution notebook gets a text fix (not a key), the trainer
runs `update`, and every grade and manual grade survives, the gradebook was backed up before
anything changed, and the released student version is the fixed one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import simulated
from grading_suite import grader_user, grades
from support import ROOT

from humaskit.trainer import collect, course, grade

pytestmark = pytest.mark.slow

AID = "00-latihan-orientasi"
FIX = "Perbaikan salah ketik dari pelatih (pembaruan di tengah kursus)."


def humaskit(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "humaskit.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=600)


def manual(folder, student: str) -> tuple:
    """(manual score, comment) of the written answer refleksi_3 in the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url(folder)) as gb:
        g = gb.find_grade("refleksi_3", AID, AID, student)
        c = gb.find_comment("refleksi_3", AID, AID, student)
        return g.manual_score, c.manual_comment


@pytest.fixture(scope="module")
def updated(tmp_path_factory):
    work = tmp_path_factory.mktemp("pembaruan")
    kit = work / "solutions"
    shutil.copytree(ROOT / "solutions" / AID, kit / AID)
    folder = work / "kursus"
    course.init(folder, solutions=kit, only=[AID], user=grader_user())
    source = next((folder / "source" / AID).glob("*.ipynb"))
    release = folder / "release" / AID / source.name
    cases = {c.name: c for c in simulated.cases(source, release)}
    students = {"budi": cases["solution"], "sari": cases["partial"]}
    simulated.write_zip(work / "kiriman.zip", students)
    collect.collect(folder, AID, work / "kiriman.zip")
    done = grade.autograde(folder, AID, list(students), jobs=2)
    assert all(done.values()), done
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url(folder)) as gb:  # manual grading, as formgrader saves it
        for who, score in (("budi", 2.0), ("sari", 0.5)):
            g = gb.find_grade("refleksi_3", AID, AID, who)
            g.manual_score = score
            c = gb.find_comment("refleksi_3", AID, AID, who)
            c.manual_comment = f"Catatan pelatih untuk {who}."
        gb.db.commit()
    before = grades(folder, list(students))
    manual_before = {s: manual(folder, s) for s in students}
    old_release = release.read_bytes()

    # the fix: one instruction text cell of the kit's solution notebook, no key touched
    notebook = kit / AID / source.name
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "teks-02")
    cell["source"] = "".join(cell["source"]).rstrip("\n") + "\n\n" + FIX
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    ran = humaskit("trainer", "update", folder, "--solutions", kit)
    shutil.copytree(ROOT / "solutions" / "01-klasifikasi-unggahan", kit / "01-klasifikasi-unggahan")
    again = humaskit("trainer", "update", folder, "--solutions", kit)  # 01 is not in this course
    return {"folder": folder, "students": list(students), "before": before, "manual": manual_before,
            "ran": ran, "again": again, "release": release, "old_release": old_release, "kit": kit}


def test_update_reports_what_changed_and_where_the_gradebook_backup_is(updated):
    ran = updated["ran"]
    assert ran.returncode == 0, ran.stderr
    assert f"Soal diperbarui: {AID}" in ran.stdout
    assert "Gradebook dicadangkan lebih dulu:" in ran.stdout


def test_every_grade_and_manual_grade_survives(updated):
    folder = updated["folder"]
    after = grades(folder, updated["students"])
    assert after == updated["before"]
    assert any(row[3] is not None for rows in after.values() for row in rows)  # manual scores are in it
    assert {s: manual(folder, s) for s in updated["students"]} == updated["manual"]
    assert updated["manual"]["budi"] == (2.0, "Catatan pelatih untuk budi.")


def test_the_gradebook_was_backed_up_before_it_changed(updated):
    folder = updated["folder"]
    line = next(x for x in updated["ran"].stdout.splitlines() if x.startswith("Gradebook dicadangkan"))
    backup = folder / line.split(": ", 1)[1].strip()
    assert backup.is_file() and backup.is_relative_to(folder / course.BACKUP_DIR)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{backup}") as gb:  # the copy holds the grades as they were
        copied = {s: sorted((g.notebook.name, g.name, g.auto_score, g.manual_score, g.max_score)
                            for sub in gb.find_student(s).submissions for nb in sub.notebooks
                            for g in nb.grades) for s in updated["students"]}
    assert copied == updated["before"]
    # made before the new student version was generated
    assert backup.stat().st_mtime <= updated["release"].stat().st_mtime


def test_the_released_notebook_is_the_new_one_and_the_old_one_is_kept(updated):
    folder, release = updated["folder"], updated["release"]
    assert FIX in release.read_text(encoding="utf-8")
    assert FIX not in updated["old_release"].decode("utf-8")
    kept_sources = list((folder / course.BACKUP_DIR).rglob(f"source/{AID}/{AID}.ipynb"))
    kept_releases = list((folder / course.BACKUP_DIR).rglob(f"release/{AID}/{AID}.ipynb"))
    assert kept_sources and FIX not in kept_sources[0].read_text(encoding="utf-8")
    assert [p.read_bytes() for p in kept_releases] == [updated["old_release"]]
    assert FIX in (folder / "source" / AID / f"{AID}.ipynb").read_text(encoding="utf-8")


def test_a_second_update_changes_nothing_and_adds_no_course(updated):
    again = updated["again"]
    assert again.returncode == 0, again.stderr
    assert "tidak ada yang berubah" in again.stdout and "dicadangkan" not in again.stdout
    assert course.assignment_ids(updated["folder"]) == [AID]
