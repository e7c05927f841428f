"""Widgets that save trainees' work never lose what was there and say plainly when they cannot save."""

from __future__ import annotations

from humaskit.core import storage
from humaskit.ui.widgets import plan_form, self_assessment_form


def test_saving_over_a_damaged_plan_keeps_it_as_a_backup(tmp_path):
    path = tmp_path / "rencana.yaml"
    path.write_text("title: [rusak\n", encoding="utf-8")
    box = plan_form("hoaks-pajak", str(path))
    box.save_button.click()
    backups = list(tmp_path.glob("rencana.rusak-*.yaml"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "title: [rusak\n"
    assert "schema" in path.read_text(encoding="utf-8")
    assert backups[0].name in box.children[4].value


def test_plan_form_that_cannot_save_says_so(tmp_path, monkeypatch):
    box = plan_form("hoaks-pajak", str(tmp_path / "r.yaml"))

    def refuse(*_args, **_kwargs):
        raise storage.StorageError("tidak bisa menulis file (Read-only file system).", file="r.yaml")

    import sys

    monkeypatch.setattr(sys.modules["humaskit.ui.widgets.plan_form"], "write_text_atomic", refuse)
    box.save_button.click()
    assert "Gagal menyimpan" in box.children[4].value and "Read-only" in box.children[4].value
    assert not (tmp_path / "r.yaml").exists()


def test_survey_that_cannot_save_says_so(tmp_path, monkeypatch):
    import sys

    def refuse(*_args, **_kwargs):
        raise storage.StorageError("tidak bisa menulis file (Read-only file system).", file="s.json")

    monkeypatch.setattr(sys.modules["humaskit.ui.widgets.survey"], "write_json_atomic", refuse)
    box = self_assessment_form(tmp_path / "s.json")
    first_answer = box.accordion.children[0].children[1]
    first_answer.value = first_answer.options[-1][1]
    status = box.children[3]
    assert "belum tersimpan" in status.value and "Read-only" in status.value
    assert not (tmp_path / "s.json").exists()
