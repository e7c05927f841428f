"""Pickers: a trainee chooses from dropdowns and uploads files; nothing is edited, nothing is lost."""

from __future__ import annotations

import datetime as dt
import os
import time

import pandas as pd
import pytest

from humaskit.core.errors import DataError
from humaskit.data import names, scenarios
from humaskit.ui.widgets import pickers


def test_dropdown_shows_names_and_gives_codes():
    d = pickers.dropdown(names.CLUSTERS, "Klaster:")
    assert [label for label, _ in d.options] == ["korban", "tidak disengaja", "dapat dicegah"]
    assert d.value == "victim"
    d = pickers.dropdown(names.options(names.CLUSTERS, code=True), value="preventable")
    assert d.label == "dapat dicegah (preventable)" and d.value == "preventable"
    assert pickers.dropdown(["a", "b"], value="zzz").value == "a"


def test_account_and_scenario_pickers_are_labelled_by_name():
    agencies = pd.DataFrame({"account": ["b_akun", "a_akun"], "name": ["Dinas B", "Dinas A"]})
    d = pickers.account_picker(agencies, value="b_akun")
    assert d.options == (("Dinas A (a_akun)", "a_akun"), ("Dinas B (b_akun)", "b_akun"))
    assert d.value == "b_akun"
    s = pickers.scenario_picker("hoaks-pajak")
    assert [v for _, v in s.options] == list(scenarios.all_scenarios())
    assert s.value == "hoaks-pajak" and s.label == scenarios.get("hoaks-pajak")["title"]


def test_show_renders_now_and_on_every_choice():
    seen = []
    d = pickers.dropdown(["a", "b", "c"])
    box = pickers.show(d, seen.append)
    assert seen == ["a"] and box.children[0] is d
    d.value = "c"
    assert seen == ["a", "c"]


def test_show_with_a_button_waits_for_the_click():
    seen = []
    d = pickers.dropdown(["a", "b"])
    box = pickers.show(d, seen.append, button="Tampilkan", with_picker=False)
    d.value = "b"
    assert seen == ["a"]
    box.children[0].click()
    assert seen == ["a", "b"]


def test_a_first_run_that_fails_fails_the_cell():
    def broken(_value):
        raise ValueError("rusak")

    with pytest.raises(ValueError, match="rusak"):
        pickers.show(pickers.dropdown(["a"]), broken)


def test_exercise_tries_every_option_and_reports_the_one_that_fails():
    seen = []
    d = pickers.dropdown(["a", "b", "c"], value="b")
    pickers.show(d, seen.append)
    pickers.show(d, lambda v: seen.append(v.upper()))  # two analyses bound to one dropdown
    assert pickers.exercise() >= 4
    assert {"a", "b", "c", "A", "B", "C"} <= set(seen) and d.value == "b"

    def fails_on_c(value):
        if value == "c":
            raise KeyError(value)

    broken = pickers.show(pickers.dropdown(["a", "c"]), fails_on_c)
    with pytest.raises((RuntimeError, KeyError)):
        pickers.exercise()
    broken.close()  # a closed box is no longer exercised
    pickers.exercise()


def test_saving_an_upload_never_replaces_a_file(tmp_path):
    (tmp_path / "kode_rekan.csv").write_text("lama", encoding="utf-8")
    first = pickers.save_upload("kode_rekan.csv", b"baru", tmp_path)
    second = pickers.save_upload("kode_rekan.csv", b"lebih baru", tmp_path)
    assert (first.name, second.name) == ("kode_rekan-2.csv", "kode_rekan-3.csv")
    assert (tmp_path / "kode_rekan.csv").read_text(encoding="utf-8") == "lama"
    assert second.read_bytes() == b"lebih baru"


def test_an_upload_stays_in_the_folder_and_keeps_to_the_suffixes(tmp_path):
    saved = pickers.save_upload("../../luar.csv", b"x", tmp_path)
    assert saved.parent == tmp_path and saved.name == "luar.csv"
    with pytest.raises(DataError, match="akhiran"):
        pickers.save_upload("skrip.py", b"print()", tmp_path)
    assert not (tmp_path / "skrip.py").exists()


def test_file_picker_lists_newest_first_and_refreshes(tmp_path):
    assert pickers.file_picker(tmp_path).options == ((pickers.NO_FILE, None),)
    old, new = tmp_path / "lama.csv", tmp_path / "baru.xlsx"
    old.write_text("x", encoding="utf-8")
    new.write_text("x", encoding="utf-8")
    os.utime(old, (time.time() - 100, time.time() - 100))
    (tmp_path / "catatan.txt").write_text("x", encoding="utf-8")
    d = pickers.file_picker(tmp_path, extra=[("contoh jadi", None)])
    assert [v for _, v in d.options] == [None, "baru.xlsx", "lama.csv"] and d.value == "baru.xlsx"
    (tmp_path / "ketiga.csv").write_text("x", encoding="utf-8")
    d.refresh("ketiga.csv")
    assert d.value == "ketiga.csv" and len(d.options) == 4


def test_upload_box_saves_refreshes_and_reports(tmp_path):
    picker = pickers.file_picker(tmp_path)
    saved = []
    box = pickers.upload_box(tmp_path, pickers=[picker], on_saved=saved.append)
    upload, message = box.children
    upload.value = ({"name": "rekan.csv", "type": "text/csv", "size": 3, "content": memoryview(b"a,b"),
                     "last_modified": dt.datetime(2026, 1, 1)},)
    assert (tmp_path / "rekan.csv").read_bytes() == b"a,b"
    assert picker.value == "rekan.csv" and saved == [tmp_path / "rekan.csv"]
    assert "rekan.csv" in message.value and upload.value == ()
    upload.value = ({"name": "rekan.csv", "type": "text/csv", "size": 1, "content": memoryview(b"b"),
                     "last_modified": dt.datetime(2026, 1, 1)},)
    assert picker.value == "rekan-2.csv" and "sudah dipakai" in message.value
    upload.value = ({"name": "x.exe", "type": "", "size": 1, "content": memoryview(b"b"),
                     "last_modified": dt.datetime(2026, 1, 1)},)
    assert "Tidak disimpan" in message.value and not (tmp_path / "x.exe").exists()


def test_with_two_pickers_an_upload_changes_neither_choice(tmp_path):
    posts, comments = pickers.file_picker(tmp_path), pickers.file_picker(tmp_path)
    upload = pickers.upload_box(tmp_path, pickers=[posts, comments]).children[0]
    for name in ("unggahan.csv", "komentar.csv"):
        upload.value = ({"name": name, "type": "text/csv", "size": 1, "content": memoryview(b"x"),
                         "last_modified": dt.datetime(2026, 1, 1)},)
    assert posts.value == comments.value == "unggahan.csv"  # the first file, until the trainee picks
    assert {v for _, v in comments.options} == {"unggahan.csv", "komentar.csv"}


def test_widgets_a_render_made_are_closed_before_the_next():
    made = []

    def form(value):
        made.append(pickers.dropdown([value]))

    d = pickers.dropdown(["a", "b"])
    pickers.show(d, form)
    d.value = "b"
    assert made[0].comm is None and made[1].comm is not None and d.comm is not None


def test_exercise_can_go_one_choice_at_a_time():
    seen = []
    d = pickers.dropdown(["x", "y"])
    box = pickers.show(d, seen.append)
    pickers._PENDING = None
    steps = 0
    while pickers.exercise_step():
        steps += 1
    assert {"x", "y"} <= set(seen) and d.value == "x" and steps >= 2
    assert pickers.exercise_step() is False  # finished: no second round until exercise()
    box.close()
