"""Practice progress is never lost: partial damage, two kernels, a folder that cannot be written."""

from __future__ import annotations

import json

from humaskit.core import storage
from humaskit.course import practice
from humaskit.ui.widgets import coding_practice


def test_one_bad_entry_keeps_the_valid_answers_and_backs_up_the_original(tmp_path):
    path = tmp_path / "lk.json"
    first = practice.PracticeSession(path, n=5)
    first.answer(first.current().gold_label)
    post_id = next(iter(first.answers))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["some-post"] = "engagement"  # an unknown label, e.g. edited by hand
    path.write_text(json.dumps(data), encoding="utf-8")
    again = practice.PracticeSession(path, n=5)
    assert again.answers == {post_id: first.answers[post_id]}
    assert "1 jawaban" in again.notice and "tidak sah" in again.notice
    backup = next(tmp_path.glob("lk.rusak-*.json"))
    assert json.loads(backup.read_text(encoding="utf-8"))["answers"]["some-post"] == "engagement"


def test_two_kernels_answering_keep_both_answers(tmp_path):
    path = tmp_path / "lk.json"
    a = practice.PracticeSession(path, n=10)
    b = practice.PracticeSession(path, n=10)
    a.answer(a.current().gold_label)
    b.current()  # b has not seen a's answer yet
    b.answers[b.items[5].post_id] = b.items[5].gold_label
    b.save()
    saved = json.loads(path.read_text(encoding="utf-8"))["answers"]
    assert len(saved) == 2


def test_answers_to_posts_outside_the_session_are_not_dropped(tmp_path):
    path = tmp_path / "lk.json"
    big = practice.PracticeSession(path, n=30)
    for _ in range(20):
        big.answer(big.current().gold_label)
    small = practice.PracticeSession(path, n=5)  # the workshop app practises fewer posts
    small.answer("non_dialogic") if small.current() else None
    assert len(json.loads(path.read_text(encoding="utf-8"))["answers"]) == 20


def test_reset_keeps_the_old_progress_as_a_backup(tmp_path):
    path = tmp_path / "lk.json"
    s = practice.PracticeSession(path, n=5)
    s.answer(s.current().gold_label)
    s.reset()
    assert s.score()["answered"] == 0
    assert len(list(tmp_path.glob("lk.lama-*.json"))) == 1


def test_widget_that_cannot_save_says_so_and_stops(tmp_path, monkeypatch):
    box = coding_practice(path=str(tmp_path / "w.json"), n=3)

    def refuse(*_args, **_kwargs):
        raise storage.StorageError("tidak bisa menulis file (Read-only file system).", file="w.json")

    monkeypatch.setattr(practice, "write_json_atomic", refuse)
    box.buttons[0].click()
    assert "tidak tersimpan" in box.feedback.value and "Read-only" in box.feedback.value
    assert all(b.disabled for b in box.buttons)
    assert box.next_button.layout.display == "none"
    assert box.session.score()["answered"] == 0
