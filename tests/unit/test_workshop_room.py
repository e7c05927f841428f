"""Joining the room and the apps' work in the shared store: reloads bring work back, look-alike
names never share work, a stale form never overwrites a newer save."""

from __future__ import annotations

import pytest

from humaskit.ui.widgets import coding_practice, plan_form, self_assessment_form
from humaskit.workshop import room as rm
from humaskit.workshop import store as st


@pytest.fixture
def session(store):
    return store.create_session("Uji")


def join(box, name, code=None, pin=None):
    if code is not None:
        box.code.value = code
    box.name.value = name
    if pin is not None:
        box.pin.value = pin
    box.go.click()


def test_standalone_asks_only_a_name_and_uses_the_practice_session(store):
    seen = []
    box = rm.join_box(rm.Room(store), workshop=False)
    box.room.on_join(seen.append)
    join(box, "rina")
    p = box.room.participant
    assert p.session_code == st.PRACTICE_SESSION and seen == [p]
    assert p.pin in box.status.value and "latihan mandiri" in box.status.value
    assert box.go.disabled and box.name.disabled


def test_the_personal_code_shows_before_the_steps_are_built_and_a_failing_step_is_explained(store):
    box = rm.join_box(rm.Room(store), workshop=False)
    seen_status, later = [], []

    def broken(_p):
        raise KeyError("scenario")

    box.room.on_join(lambda p: seen_status.append(box.status.value))
    box.room.on_join(broken)
    box.room.on_join(later.append)
    join(box, "meja 7")
    p = box.room.participant
    assert p.pin in seen_status[0]  # a slow step does not leave the participant without a code
    assert later == [p]  # the steps after the broken one are still built
    assert p.pin in box.status.value and "gagal disiapkan" in box.status.value
    assert "Traceback" not in box.status.value and box.go.disabled


def test_an_unexpected_failure_while_joining_is_explained_and_gabung_works_again(store, monkeypatch):
    box = rm.join_box(rm.Room(store), workshop=False)

    def broken(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "join", broken)
    join(box, "meja 9")
    assert box.room.participant is None and "Gagal bergabung (RuntimeError)" in box.status.value
    assert not box.go.disabled and "disk full" not in box.status.value
    monkeypatch.undo()
    join(box, "meja 9")
    assert box.room.participant is not None and "Anda bergabung" in box.status.value


def test_a_second_tap_on_gabung_does_not_turn_the_welcome_into_a_name_taken_warning(store):
    box = rm.join_box(rm.Room(store), workshop=False)
    seen = []
    box.room.on_join(seen.append)
    join(box, "meja 8")
    welcome = box.status.value
    box.go.click()  # sent by the browser before the kernel's "disabled" arrived
    assert box.status.value == welcome and "Anda bergabung" in welcome
    assert box.pin_box.layout.display == "none" and len(seen) == 1


def test_workshop_join_needs_a_known_code(store, session):
    box = rm.join_box(rm.Room(store), workshop=True)
    join(box, "rina", code="XXXXXX")
    assert box.room.participant is None and "tidak dikenal" in box.status.value
    join(box, "rina", code=session.code.lower())
    assert box.room.participant.session_id == session.id
    assert session.code in box.status.value


def test_a_taken_name_asks_for_the_personal_code_and_then_gives_the_work_back(store, session):
    first = rm.join_box(rm.Room(store), workshop=True)
    join(first, "Meja 3", code=session.code)
    pin = first.room.participant.pin
    second = rm.join_box(rm.Room(store), workshop=True)
    assert second.pin_box.layout.display == "none"
    join(second, "meja3!", code=session.code)
    assert second.room.participant is None and "sudah dipakai" in second.status.value
    assert second.pin_box.layout.display == "flex"
    join(second, "meja3!", pin=pin)
    assert second.room.participant.id == first.room.participant.id
    assert "Selamat datang kembali" in second.status.value


def test_the_session_code_can_come_from_the_page_address():
    assert rm.session_from_query("sesi=k7p-2qx&x=1") == "K7P2QX"
    assert rm.session_from_query("") == ""


def test_coding_answers_go_to_the_store_and_come_back_after_a_reload(store, session, mini_dir):
    p = store.join(session.code, "rina")
    practice = rm.StorePracticeSession(store, p, n=4, data_dir=mini_dir)
    widget = coding_practice(session=practice)
    item = practice.current()
    widget.buttons[0].click()
    assert store.latest(p, "code", item.post_id)[1] == practice.answers[item.post_id]
    reloaded = rm.StorePracticeSession(store, store.join(session.code, "RINA", pin=p.pin), n=4,
                                       data_dir=mini_dir)
    assert reloaded.answers == practice.answers and reloaded.current() != item


def test_look_alike_names_code_separately(store, session, mini_dir):
    a = store.join(session.code, "x")
    b = store.join(session.code, "x 2")
    pa = rm.StorePracticeSession(store, a, n=3, data_dir=mini_dir)
    pb = rm.StorePracticeSession(store, b, n=3, data_dir=mini_dir)
    pa.answer("non_dialogic")
    pb.answer("dialogic_loop")
    assert store.latest_items(a, "code") != store.latest_items(b, "code")
    with pytest.raises(st.StoreError):
        pa.reset()


def test_self_assessment_is_kept_in_the_store(store, session):
    p = store.join(session.code, "meja1")
    box = self_assessment_form(keeper=rm.assessment_document(store, p))
    toggles = box.accordion.children[0].children[1]
    toggles.value = 4
    assert "Tersimpan di" in box.children[3].value and session.code in box.children[3].value
    again = self_assessment_form(keeper=rm.assessment_document(store, p))
    assert again.accordion.children[0].children[1].value == 4


def test_two_tables_saving_plans_under_look_alike_names_keep_both(store, session, tmp_path):
    a = store.join(session.code, "../../x")
    b = store.join(session.code, "X 2")
    for p, title in ((a, "Rencana meja A"), (b, "Rencana meja B")):
        box = plan_form("hoaks-pajak", path=str(tmp_path / "nama.yaml"),
                        keeper=rm.plan_document(store, p, "hoaks-pajak"))
        box.form.fields["title"].value = title
        box.save_button.click()
        assert "Tersimpan di" in box.children[4].value
    assert not (tmp_path / "nama.yaml").exists()  # the path only names the Word document
    titles = sorted(rm.plan_document(store, p, "hoaks-pajak").load().split("title: ")[1].split("\n")[0]
                    for p in (a, b))
    assert titles == ["Rencana meja A", "Rencana meja B"]
    reopened = plan_form("hoaks-pajak", keeper=rm.plan_document(store, a, "hoaks-pajak"))
    assert reopened.form.fields["title"].value == "Rencana meja A"
    assert "Melanjutkan" in reopened.children[0].value


def test_a_plan_saved_from_a_stale_form_is_refused_with_a_message(store, session):
    p = store.join(session.code, "meja4")
    laptop = plan_form("hoaks-pajak", keeper=rm.plan_document(store, p, "hoaks-pajak"))
    phone = plan_form("hoaks-pajak", keeper=rm.plan_document(store, p, "hoaks-pajak"))
    laptop.form.fields["title"].value = "dari laptop"
    laptop.save_button.click()
    phone.form.fields["title"].value = "dari ponsel"
    phone.save_button.click()
    assert "Gagal menyimpan" in phone.children[4].value and "perangkat lain" in phone.children[4].value
    assert "dari laptop" in rm.plan_document(store, p, "hoaks-pajak").load()


def test_estimates_are_recorded(store, session):
    p = store.join(session.code, "meja5")
    rm.record_estimate(store, p, "akun", {"level": 2, "capability_level": 3, "outcome_level": 2})
    assert store.latest(p, "estimate", "akun")[1]["level"] == 2


def test_file_name_is_safe(store, session):
    p = store.join(session.code, "../../Meja 3!")
    assert rm.file_name(p, "rencana", ".yaml") == "rencana_meja_3.yaml"


def test_a_kernel_waiting_for_its_participant_does_not_load_the_database_layer():
    import subprocess
    import sys

    code = ("import sys, humaskit.workshop.room as r; b = r.join_box(workshop=True); b.go.click(); "
            "print('sqlalchemy' in sys.modules, 'kode sesi' in b.status.value)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "True"], done.stderr[-2000:]
