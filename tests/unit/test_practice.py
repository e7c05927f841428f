import json

import pytest

from humaskit.core.errors import DataError
from humaskit.course import practice
from humaskit.data.schema import LABEL_IDS


def test_progress_survives_closing(tmp_path, mini_dir):
    path = tmp_path / "lk.json"
    s = practice.PracticeSession(path, n=5, data_dir=mini_dir)
    first = s.current()
    fb = s.answer(first.gold_label)
    assert fb.correct and "Tepat" in fb.message
    again = practice.PracticeSession(path, n=5, data_dir=mini_dir)
    assert again.score()["answered"] == 1 and again.current() != first


def test_wrong_answer_names_the_rule_and_shows_a_contrast(tmp_path, mini_dir):
    s = practice.PracticeSession(tmp_path / "lk.json", n=10, data_dir=mini_dir)
    item = s.current()
    wrong = next(lab for lab in LABEL_IDS if lab != item.gold_label)
    fb = s.answer(wrong)
    assert not fb.correct and "Label rujukan" in fb.message and "aturan" in fb.message
    assert fb.contrast_label == wrong and fb.contrast_text
    assert fb.contrast_text != item.text


def test_damaged_file_is_set_aside_not_overwritten(tmp_path, mini_dir):
    path = tmp_path / "lk.json"
    path.write_text("{rusak", encoding="utf-8")
    s = practice.PracticeSession(path, n=5, data_dir=mini_dir)
    assert "rusak" in s.notice
    backups = list(tmp_path.glob("lk.rusak-*.json"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "{rusak"


def test_unknown_label_refused(tmp_path, mini_dir):
    s = practice.PracticeSession(tmp_path / "lk.json", n=5, data_dir=mini_dir)
    with pytest.raises(ValueError, match="tidak dikenal"):
        s.answer("engagement")
    assert s.score()["answered"] == 0


def test_finished_session(tmp_path, mini_dir):
    s = practice.PracticeSession(tmp_path / "lk.json", n=2, data_dir=mini_dir)
    s.answer(s.current().gold_label)
    s.answer("non_dialogic")
    assert s.current() is None
    with pytest.raises(ValueError):
        s.answer("non_dialogic")
    assert len(s.answers_frame()) == 2


def test_load_codes_from_json_and_csv(tmp_path, mini_dir):
    s = practice.PracticeSession(tmp_path / "lk.json", n=3, data_dir=mini_dir)
    s.answer("useful_information")
    assert practice.load_codes(tmp_path / "lk.json")["label"].tolist() == ["useful_information"]
    csv = tmp_path / "rekan.csv"
    csv.write_text("post_id,label\na,dialogic_loop\nb,salah\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        practice.load_codes(csv)
    assert err.value.row == 3
    (tmp_path / "bad.json").write_text(json.dumps({"x": 1}), encoding="utf-8")
    with pytest.raises(DataError):
        practice.load_codes(tmp_path / "bad.json")


def test_widget_records_a_click(tmp_path, mini_dir, monkeypatch):
    from humaskit.ui.widgets import coding_practice

    monkeypatch.setenv("HUMASKIT_DATA", str(mini_dir))  # the widget reads the default data folder
    box = coding_practice(path=str(tmp_path / "w.json"), n=3)
    box.buttons[0].click()
    assert box.session.score()["answered"] == 1
    assert box.feedback.value
    box.next_button.click()
    assert box.feedback.value == ""
