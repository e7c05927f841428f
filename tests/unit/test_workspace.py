"""The working folder: kit files arrive, unchanged copies follow the kit, a trainee's change is never
overwritten (learning notebooks: the new version is offered next to it; assignments: left alone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import run_cli

from humaskit.course import workspace


@pytest.fixture
def kit(tmp_path) -> Path:
    root = tmp_path / "kit"
    for rel, text in {
        "modules/00-orientasi/00-orientasi.ipynb": "orientasi v1",
        "modules/01-klasifikasi/01-konsep.ipynb": "konsep v1",
        "modules/01-klasifikasi/.ipynb_checkpoints/01-konsep-checkpoint.ipynb": "checkpoint",
        "modules/01-klasifikasi/__pycache__/x.pyc": "cache",
        "assignments/01-klasifikasi/01-klasifikasi.ipynb": "tugas v1",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_first_run_copies_the_kit_without_caches(kit, tmp_path):
    work = tmp_path / "kerja"
    report = workspace.prepare(kit, work)
    assert sorted(report.added) == ["assignments/01-klasifikasi/01-klasifikasi.ipynb",
                                    "modules/00-orientasi/00-orientasi.ipynb",
                                    "modules/01-klasifikasi/01-konsep.ipynb"]
    assert read(work / "modules/01-klasifikasi/01-konsep.ipynb") == "konsep v1"
    assert not (work / "modules/01-klasifikasi/.ipynb_checkpoints").exists()
    assert not (work / "modules/01-klasifikasi/__pycache__").exists()
    manifest = json.loads(read(work / workspace.MANIFEST))
    assert set(manifest) == set(report.added)


def test_second_run_changes_nothing(kit, tmp_path):
    work = tmp_path / "kerja"
    workspace.prepare(kit, work)
    report = workspace.prepare(kit, work)
    assert report == workspace.Report()
    assert workspace.describe(report, work) == []


def test_newer_kit_updates_untouched_copies_and_adds_new_files(kit, tmp_path):
    work = tmp_path / "kerja"
    workspace.prepare(kit, work)
    (kit / "modules/00-orientasi/00-orientasi.ipynb").write_text("orientasi v2", encoding="utf-8")
    (kit / "modules/02-kematangan/01-model.ipynb").parent.mkdir(parents=True)
    (kit / "modules/02-kematangan/01-model.ipynb").write_text("model v1", encoding="utf-8")
    report = workspace.prepare(kit, work)
    assert report.updated == ["modules/00-orientasi/00-orientasi.ipynb"]
    assert report.added == ["modules/02-kematangan/01-model.ipynb"]
    assert read(work / "modules/00-orientasi/00-orientasi.ipynb") == "orientasi v2"


def test_a_changed_learning_notebook_is_kept_and_the_new_version_offered(kit, tmp_path):
    work = tmp_path / "kerja"
    workspace.prepare(kit, work)
    mine = work / "modules/01-klasifikasi/01-konsep.ipynb"
    mine.write_text("konsep v1 + catatan saya", encoding="utf-8")
    (kit / "modules/01-klasifikasi/01-konsep.ipynb").write_text("konsep v2", encoding="utf-8")
    report = workspace.prepare(kit, work)
    assert read(mine) == "konsep v1 + catatan saya"
    [(rel, extra)] = report.offered
    assert rel == "modules/01-klasifikasi/01-konsep.ipynb"
    assert extra.startswith("modules/01-klasifikasi/01-konsep.versi-baru-") and extra.endswith(".ipynb")
    assert read(work / extra) == "konsep v2"
    # Again: the same offer, no second copy, and still nothing of the trainee's overwritten.
    again = workspace.prepare(kit, work)
    assert again.offered == report.offered and not again.added and not again.updated
    assert read(mine) == "konsep v1 + catatan saya"
    assert len(list(mine.parent.glob("01-konsep.versi-baru-*"))) == 1
    assert any("salinan Anda tidak diubah" in line for line in workspace.describe(again, work))


def test_a_changed_assignment_is_left_alone_without_extra_notebooks(kit, tmp_path):
    work = tmp_path / "kerja"
    workspace.prepare(kit, work)
    mine = work / "assignments/01-klasifikasi/01-klasifikasi.ipynb"
    mine.write_text("jawaban saya", encoding="utf-8")
    (kit / "assignments/01-klasifikasi/01-klasifikasi.ipynb").write_text("tugas v2", encoding="utf-8")
    report = workspace.prepare(kit, work)
    assert read(mine) == "jawaban saya"
    assert [rel for rel, _ in report.kept] == ["assignments/01-klasifikasi/01-klasifikasi.ipynb"]
    assert sorted(p.name for p in mine.parent.iterdir()) == ["01-klasifikasi.ipynb"]
    assert any("tidak diganti" in line for line in workspace.describe(report, work))


def test_without_a_record_an_existing_different_file_counts_as_the_trainees(kit, tmp_path):
    work = tmp_path / "kerja"
    mine = work / "modules/00-orientasi/00-orientasi.ipynb"
    mine.parent.mkdir(parents=True)
    mine.write_text("pekerjaan lama", encoding="utf-8")
    report = workspace.prepare(kit, work)
    assert read(mine) == "pekerjaan lama"
    assert [rel for rel, _ in report.offered] == ["modules/00-orientasi/00-orientasi.ipynb"]


def test_a_deleted_copy_comes_back_and_a_broken_record_is_ignored(kit, tmp_path):
    work = tmp_path / "kerja"
    workspace.prepare(kit, work)
    (work / "modules/00-orientasi/00-orientasi.ipynb").unlink()
    (work / workspace.MANIFEST).write_text("{rusak", encoding="utf-8")
    report = workspace.prepare(kit, work)
    assert report.added == ["modules/00-orientasi/00-orientasi.ipynb"]
    assert json.loads(read(work / workspace.MANIFEST))


def test_the_trainees_own_files_are_never_touched(kit, tmp_path):
    work = tmp_path / "kerja"
    workspace.prepare(kit, work)
    own = work / "modules/01-klasifikasi/latihan_koding.json"
    own.write_text("{}", encoding="utf-8")
    workspace.prepare(kit, work)
    assert read(own) == "{}"


def test_lab_setup_command_fills_the_working_folder(kit, tmp_path):
    work, prefix = tmp_path / "kerja", tmp_path / "env"
    r = run_cli("lab", "setup", "--prefix", prefix, "--workspace", work, "--root", kit)
    assert r.returncode == 0, r.stderr
    assert "disalin ke folder kerja" in r.stdout
    assert (work / "modules/00-orientasi/00-orientasi.ipynb").is_file()
    r = run_cli("lab", "setup", "--prefix", prefix, "--workspace", work, "--root", kit)
    assert r.returncode == 0 and r.stdout == ""


def test_lab_workspace_command_only_fills_the_folder(kit, tmp_path, monkeypatch):
    from humaskit.course import lab

    monkeypatch.setattr(lab, "install", lambda prefix=None: pytest.fail("must not touch the environment"))
    r = run_cli("lab", "workspace", tmp_path / "kerja", "--root", kit)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "kerja/assignments/01-klasifikasi/01-klasifikasi.ipynb").is_file()


def test_notebooks_in_the_working_folder_find_the_kits_data(tmp_path, monkeypatch):
    from support import ROOT

    from humaskit.core import paths

    monkeypatch.delenv("HUMASKIT_DATA", raising=False)
    monkeypatch.chdir(tmp_path)  # a kernel runs in the notebook's folder, e.g. kerja/modules/01-...
    assert paths.data_dir() == ROOT / "datasets"
