"""The trainer's whole cycle through the command line, and the protections holding for plain
`nbgrader autograde` run in the course folder (not only for the kit's command)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import simulated
from grading_suite import grader_user

from humaskit.trainer import course

pytestmark = pytest.mark.slow

AID = "00-latihan-orientasi"


def humaskit(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "humaskit.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    work = tmp_path_factory.mktemp("siklus")
    folder = work / "kursus"
    made = humaskit("trainer", "init", folder, "--assignment", AID, "--user", grader_user())
    assert made.returncode == 0, made.stderr
    source = next((folder / "source" / AID).glob("*.ipynb"))
    cases = {c.name: c for c in simulated.cases(source, folder / "release" / AID / source.name)}
    chosen = {"budi": cases["solution"], "sari": cases["kait_galat"], "tono": cases["nama_diubah"]}
    simulated.write_zip(work / "kiriman.zip", chosen)
    got = humaskit("trainer", "collect", folder, AID, work / "kiriman.zip")
    assert got.returncode == 0, got.stderr
    # plain nbgrader, as a trainer or formgrader's button would run it: the course's config applies
    plain = course.nbgrader(["autograde", AID, "--force"], cwd=folder)
    assert plain.returncode == 0, plain.stderr[-2000:]
    fed = humaskit("trainer", "feedback", folder, AID)
    assert fed.returncode == 0, fed.stderr
    for name in ("nilai.csv", "nilai.xlsx"):
        out = humaskit("trainer", "export", folder, "--output", work / name)
        assert out.returncode == 0, out.stderr
    return work, folder, chosen


def test_plain_nbgrader_autograde_keeps_the_protections(cycle):
    work, _, chosen = cycle
    table = pd.read_csv(work / "nilai.csv", encoding="utf-8-sig").set_index("peserta")
    assert table.loc["budi", "nilai wajib"] == chosen["budi"].expected_auto
    assert table.loc["sari", "nilai wajib"] == chosen["sari"].expected_auto  # the hook earned nothing
    assert "set_custom_exc" in table.loc["sari", "catatan"]
    assert "dibaca sebagai" in table.loc["tono", "catatan"]
    assert table.loc["tono", "nilai wajib"] == chosen["tono"].expected_auto


def test_xlsx_export_has_one_column_per_part_and_the_required_maximum_apart(cycle):
    work, _, _ = cycle
    sheet = pd.read_excel(work / "nilai.xlsx", engine="openpyxl")
    assert list(sheet["peserta"]) == ["budi", "sari", "tono"]
    wanted = {"nilai wajib", "maks wajib", "nilai tambahan (opsional)", "maks tambahan", "catatan"}
    assert wanted <= set(sheet)
    assert sum(c.endswith("]") and "[maks" in c for c in sheet.columns) == 3  # three parts in assignment 00


def test_feedback_is_indonesian_without_hidden_tests_or_rubric(cycle):
    _, folder, _ = cycle
    page = (folder / "feedback" / "budi" / AID / f"{AID}.html").read_text(encoding="utf-8")
    assert "HIDDEN TESTS" not in page and "assert jawaban_1" not in page
    assert "Rubrik" not in page and "hanya untuk pelatih" not in page


def test_init_refuses_an_existing_course_and_the_repository(cycle):
    _, folder, _ = cycle
    config = (folder / "nbgrader_config.py").read_bytes()
    again = humaskit("trainer", "init", folder)
    assert again.returncode == 2 and "tidak menimpanya" in again.stderr
    assert (folder / "nbgrader_config.py").read_bytes() == config
    from support import ROOT

    inside = humaskit("trainer", "init", ROOT / "kursus")
    assert inside.returncode == 2 and "di luar repositori" in inside.stderr and not (ROOT / "kursus").exists()


def test_the_course_folder_is_private(cycle):
    _, folder, _ = cycle
    assert folder.stat().st_mode & 0o077 == 0


def test_release_leaves_the_trainers_own_nbgrader_config_alone(cycle, tmp_path):
    _, folder, _ = cycle
    user_config = Path.home() / ".jupyter" / "nbgrader_config.py"
    before = user_config.read_bytes() if user_config.exists() else None
    done = humaskit("trainer", "release", folder, "--exchange", tmp_path / "exchange")
    assert done.returncode == 0, done.stderr
    assert any((tmp_path / "exchange").rglob(f"{AID}.ipynb"))
    assert (user_config.read_bytes() if user_config.exists() else None) == before


def test_flags_stay_with_the_course(cycle):
    _, folder, _ = cycle
    flags = json.loads((folder / "catatan" / AID / "sari.json").read_text(encoding="utf-8"))
    assert any("set_custom_exc" in reason for reasons in flags.values() for reason in reasons)
    assert os.path.exists(folder / "gradebook.db")
