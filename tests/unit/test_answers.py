"""Answers without syntax: forgiving reading, the answers file, the widgets, the error explanations."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from humaskit.core import storage
from humaskit.core.wib import WIB
from humaskit.course import answers
from humaskit.course.answers import AnswerError, AnswerMissing
from humaskit.data import names

CHOICE = answers.Choice({"A": "Kredibel", "B": "Responsif", "C": "Viral", "D": "Terintegrasi"})


# -- forgiving reading -------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["C", "c", "C.", ' "c" ', "'C'", "“C”", "(C)", "c)", "Jawaban: c",
                                 "jawabannya C", 'jawaban_1 = "C"', "C. Viral", "viral", " VIRAL "])
def test_a_letter_reads_however_it_is_typed(raw):
    assert CHOICE.parse(raw) == "C"


@pytest.mark.parametrize(("raw", "says"), [
    ("", "masih kosong"), ("...", "masih kosong"), (None, "masih kosong"),
    ("AB", "Pilih satu jawaban saja"), ("F", "bukan salah satu pilihan"),
    ("kredibel dan viral", "bukan salah satu pilihan"),
])
def test_a_letter_that_cannot_be_read_is_explained(raw, says):
    with pytest.raises(AnswerError, match=says) as problem:
        CHOICE.parse(raw)
    assert "A, B, C atau D" in str(problem.value)


@pytest.mark.parametrize(("raw", "value"), [
    ("tingkat 2", 2), ("2", 2), (" 2. ", 2), ("2.0", 2), (2, 2), (2.0, 2), ("Tingkat: 4", 4), ("tiga", 3),
    ("level dua", 2),
])
def test_a_level_reads_with_words_around_it(raw, value):
    assert answers.Integer(1, 5).parse(raw) == value


@pytest.mark.parametrize(("raw", "value"), [
    ("3 hari kerja", 3), ("tiga hari kerja", 3), ("lima belas", 15), ("dua puluh satu", 21),
    ("enam puluh", 60),
])
def test_numbers_can_be_written_in_indonesian_words(raw, value):
    assert answers.Integer(1, 60).parse(raw) == value


@pytest.mark.parametrize(("raw", "says"), [
    ("2,5", "bilangan bulat"), (2.5, "bilangan bulat"), ("2 atau 3", "satu angka saja"),
    ("9", "di luar rentang"),
    ("", "masih kosong"), ("tidak tahu", "tidak memuat angka"), (True, "sebuah angka"),
])
def test_a_number_that_cannot_be_read_is_explained(raw, says):
    with pytest.raises(AnswerError, match=says):
        answers.Integer(1, 5).parse(raw)


@pytest.mark.parametrize("raw", ["BCF", "b, c dan f", "B C F", "F,B,C.", ["b", "c", "f"], "bcf.",
                                 "Jawaban: B/C/F"])
def test_several_letters_read_in_any_form_and_order(raw):
    assert answers.Choices("ABCDEF").parse(raw) == ["B", "C", "F"]


def test_several_letters_name_the_ones_that_do_not_exist():
    with pytest.raises(AnswerError, match="Tidak ada pilihan G"):
        answers.Choices("ABCDEF").parse("BG")


@pytest.mark.parametrize("raw", ["31-03-2026", "2026-03-31", "31/3/2026", "31.03.26", "31 Maret 2026",
                                 "Selasa, 31 Maret 2026", "tanggal 31 maret 2026", "31 Mar 2026",
                                 "2026-03-31T10:00:00+07:00", dt.date(2026, 3, 31)])
def test_a_date_reads_the_ways_an_office_writes_it(raw):
    assert answers.Date().parse(raw) == dt.date(2026, 3, 31)


@pytest.mark.parametrize(("raw", "says"), [
    ("31-02-2026", "tidak ada di kalender"), ("31 Mart 2026", "Nama bulan 'mart' tidak dikenal"),
    ("31 Maret", "tahunnya"), ("besok", "belum terbaca sebagai tanggal"),
])
def test_a_date_that_cannot_be_read_is_explained(raw, says):
    with pytest.raises(AnswerError, match=says):
        answers.Date().parse(raw)


@pytest.mark.parametrize("raw", ["19-09-2026 08.30", "19-09-2026 08:30", "2026-09-19T08:30:00+07:00",
                                 "19 September 2026 pukul 08.30 WIB", "19/9/2026, 8.30",
                                 "19-09-2026 9.30 WITA",
                                 "Sabtu, 19 September 2026 pukul 08.30", "2026-09-19 08:30",
                                 "2026-09-19T01:30:00Z"])
def test_a_date_and_time_reads_in_wib(raw):
    assert answers.DateTime().parse(raw) == dt.datetime(2026, 9, 19, 8, 30, tzinfo=WIB)


@pytest.mark.parametrize(("raw", "says"), [
    ("19-09-2026", "Tulis juga jamnya"), ("19-09-2026 25.00", "tidak ada"), ("", "masih kosong"),
])
def test_a_date_and_time_that_cannot_be_read_is_explained(raw, says):
    with pytest.raises(AnswerError, match=says):
        answers.DateTime().parse(raw)


@pytest.mark.parametrize(("raw", "value"), [
    ("troll", "troll"), ("Troll", "troll"), ("unhappy customer", "unhappy_customer"),
    ("Pelanggan kecewa", "unhappy_customer"), ("keliru", "misguided"), ('"question"', "question"),
    ("Pelanggan kecewa (unhappy_customer)", "unhappy_customer"),
])
def test_a_label_reads_by_code_or_by_name(raw, value):
    assert answers.Label(names.TRIAGE).parse(raw) == value


def test_an_unknown_label_lists_the_labels():
    with pytest.raises(AnswerError, match="Pelanggan kecewa"):
        answers.Label(names.TRIAGE).parse("marah")


def test_text_needs_enough_words():
    assert answers.Text(3).parse("  satu   dua tiga ") == "satu dua tiga"
    with pytest.raises(AnswerError, match="sedikitnya 3 kata"):
        answers.Text(3).parse("satu dua")


def test_values_describe_themselves_in_indonesian():
    assert CHOICE.describe("C") == "C (Viral)"
    assert answers.Date().describe(dt.date(2026, 3, 31)) == "Selasa, 31 Maret 2026"
    when = dt.datetime(2026, 7, 14, 9, 0, tzinfo=WIB)
    assert answers.DateTime().describe(when) == "Selasa, 14 Juli 2026 pukul 09.00 WIB"


# -- the answers file --------------------------------------------------------------------------


def test_an_answer_is_saved_and_read_back(tmp_path):
    path = tmp_path / answers.ANSWERS_FILE
    assert answers.record("soal_1", " c. ", CHOICE, path) == "C"
    assert answers.record("tenggat", "31 Maret 2026", answers.Date(), path) == dt.date(2026, 3, 31)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["answers"] == {"soal_1": "C", "tenggat": "2026-03-31"}
    assert answers.read("soal_1", CHOICE, "Soal 1", path) == "C"
    assert answers.read("tenggat", answers.Date(), "Soal B3", path) == dt.date(2026, 3, 31)


def test_an_answer_that_cannot_be_read_is_not_saved(tmp_path):
    path = tmp_path / answers.ANSWERS_FILE
    answers.record("soal_1", "B", CHOICE, path)
    with pytest.raises(AnswerError):
        answers.record("soal_1", "Z", CHOICE, path)
    assert answers.read("soal_1", CHOICE, path=path) == "B"


def test_the_default_file_is_beside_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answers.record("soal_2", "3 hari kerja", answers.Integer(1, 60))
    assert answers.read("soal_2", answers.Integer(1, 60)) == 3
    assert (tmp_path / "jawaban.json").exists()


def test_a_missing_answer_fails_a_check_in_indonesian(tmp_path):
    with pytest.raises(AnswerMissing, match="Soal 1 belum dijawab: klik salah satu pilihan") as problem:
        answers.read("soal_1", CHOICE, "Soal 1", tmp_path / "jawaban.json")
    assert isinstance(problem.value, AssertionError)  # nbgrader counts the cell as failed


def test_many_missing_answers_are_named_at_once(tmp_path):
    path = tmp_path / "jawaban.json"
    answers.record("unggahan_2", "a", answers.Choice("ABCDE"), path)
    questions = [(f"unggahan_{n}", answers.Choice("ABCDE"), f"Unggahan {n}") for n in (1, 2, 3)]
    with pytest.raises(AnswerMissing, match="Belum dijawab: Unggahan 1, Unggahan 3"):
        answers.read_many(questions, path)
    for n in (1, 3):
        answers.record(f"unggahan_{n}", "E", answers.Choice("ABCDE"), path)
    assert answers.read_many(questions, path) == ["E", "A", "E"]


def test_a_hand_edited_answer_is_read_forgivingly_or_explained(tmp_path):
    path = tmp_path / "jawaban.json"
    path.write_text(json.dumps({"version": 1, "answers": {"a": "tingkat 3", "b": "tingkat sepuluh"}}))
    assert answers.read("a", answers.Integer(1, 5), path=path) == 3
    with pytest.raises(AnswerMissing, match="belum bisa dibaca.*di luar rentang"):
        answers.read("b", answers.Integer(1, 5), "Soal A2", path)


def test_a_damaged_file_is_set_aside_never_overwritten(tmp_path):
    path = tmp_path / "jawaban.json"
    path.write_text("{rusak", encoding="utf-8")
    with pytest.raises(AnswerMissing, match="rusak"):
        answers.read("soal_1", CHOICE, path=path)
    store = answers.AnswerFile(path)
    store.save("soal_1", "C")
    backups = list(tmp_path.glob("jawaban.rusak-*.json"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "{rusak"
    assert "rusak" in (store.notice or "")
    assert answers.read("soal_1", CHOICE, path=path) == "C"


def test_two_kernels_keep_each_others_answers(tmp_path):
    path = tmp_path / "jawaban.json"
    first, second = answers.AnswerFile(path), answers.AnswerFile(path)
    first.save("a", "A")
    second.save("b", "B")
    first.save("c", "C")
    assert answers.AnswerFile(path).answers() == {"a": "A", "b": "B", "c": "C"}


def test_skipped_optional_answers():
    assert answers.skipped(...) and answers.skipped(None) and answers.skipped("  ")
    assert not answers.skipped(0.5) and not answers.skipped([1])

    class Frame:  # pandas objects refuse truth tests: they are answers, not skipped
        def __len__(self):
            raise TypeError("ambiguous")

    assert not answers.skipped(Frame())


# -- the widgets -------------------------------------------------------------------------------


def test_clicking_an_option_saves_it_and_says_so(tmp_path):
    from humaskit.ui.widgets import answers as ask

    path = tmp_path / "jawaban.json"
    box = ask.choice_question("soal_1", {"A": "Kredibel", "B": "Responsif", "C": "Viral"}, path=path)
    assert not path.exists() and "Belum dijawab" in box.status.value  # drawing writes nothing
    box.control.value = "C"
    assert answers.read("soal_1", answers.Choice("ABC"), path=path) == "C"
    assert "Tersimpan" in box.status.value and "Viral" in box.status.value
    again = ask.choice_question("soal_1", {"A": "Kredibel", "B": "Responsif", "C": "Viral"}, path=path)
    assert again.control.value == "C"  # a re-run shows the saved answer


def test_a_typed_number_with_a_mistake_keeps_the_saved_one(tmp_path):
    from humaskit.ui.widgets import answers as ask

    path = tmp_path / "jawaban.json"
    box = ask.number_question("soal_2", 1, 60, path=path)
    box.control.value = "3 hari kerja"
    assert answers.read("soal_2", answers.Integer(1, 60), path=path) == 3
    box.control.value = "3 atau 5"
    assert "satu angka saja" in box.status.value and "Yang tersimpan masih" in box.status.value
    assert answers.read("soal_2", answers.Integer(1, 60), path=path) == 3
    box.control.value = ""
    assert "Belum dijawab" in box.status.value
    with pytest.raises(AnswerMissing):
        answers.read("soal_2", answers.Integer(1, 60), path=path)


def test_ticking_options_saves_the_set(tmp_path):
    from humaskit.ui.widgets import answers as ask

    path = tmp_path / "jawaban.json"
    box = ask.choices_question("b", {"A": "satu", "B": "dua", "C": "tiga"}, path=path)
    box.ticks["C"].value = True
    box.ticks["A"].value = True
    assert answers.read("b", answers.Choices("ABC"), path=path) == ["A", "C"]


def test_a_date_typed_or_picked_is_the_same_answer(tmp_path):
    from humaskit.ui.widgets import answers as ask

    path = tmp_path / "jawaban.json"
    box = ask.date_question("tenggat", path=path)
    box.typed.value = "31 Maret 2026"
    assert box.picker.value == dt.date(2026, 3, 31)
    assert "Selasa, 31 Maret 2026" in box.status.value
    box.picker.value = dt.date(2026, 4, 1)
    assert box.typed.value == "01-04-2026"
    assert answers.read("tenggat", answers.Date(), path=path) == dt.date(2026, 4, 1)
    box.typed.value = "31-02-2026"
    assert "tidak ada di kalender" in box.status.value
    assert answers.read("tenggat", answers.Date(), path=path) == dt.date(2026, 4, 1)


def test_level_label_datetime_and_text_widgets_save(tmp_path):
    from humaskit.ui.widgets import answers as ask

    path = tmp_path / "jawaban.json"
    ask.level_question("a1", 1, 5, names.LEVELS, path=path).control.value = 3
    ask.label_question("k1", names.TRIAGE, path=path).control.value = "troll"
    ask.datetime_question("terbit", path=path).control.value = "13-08-2026 09.30"
    ask.text_question("alasan", min_words=2, path=path).control.value = "minta maaf"
    saved = answers.AnswerFile(path).answers()
    assert saved == {"a1": 3, "k1": "troll", "terbit": "2026-08-13T09:30:00+07:00", "alasan": "minta maaf"}


def test_a_widget_that_cannot_save_says_so(tmp_path, monkeypatch):
    from humaskit.ui.widgets import answers as ask

    def refuse(*_args, **_kwargs):
        raise storage.StorageError("tidak bisa menulis file (Read-only file system).", file="jawaban.json")

    monkeypatch.setattr(answers, "write_json_atomic", refuse)
    box = ask.choice_question("soal_1", {"A": "x", "B": "y"}, path=tmp_path / "jawaban.json")
    box.control.value = "B"
    assert "belum tersimpan" in box.status.value and "Read-only" in box.status.value


# -- Indonesian explanations instead of tracebacks ---------------------------------------------


@pytest.fixture()
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    answers.install_friendly_errors(sh)
    yield sh
    sh.set_custom_exc((), None)


def _run(shell, capsys, code):
    result = shell.run_cell(code)
    return result, capsys.readouterr().out


def test_a_letter_typed_without_quotes_is_explained(shell, capsys):
    result, out = _run(shell, capsys, "jawaban_1 = C")
    assert not result.success and isinstance(result.error_in_exec, NameError)  # still a failure
    assert "Komputer belum mengenal kata 'C'" in out and "tidak perlu diketik" in out
    assert "Traceback" not in out and "NameError: name 'C' is not defined" in out  # the original, in one line


def test_a_missing_comma_is_explained(shell, capsys):
    result, out = _run(shell, capsys, "jawaban_a1 = tingkat 2")
    assert not result.success and isinstance(result.error_before_exec, SyntaxError)
    assert "Python tidak bisa membaca baris 1" in out and "tanpa tanda koma atau tanda kutip" in out
    assert "Perhaps you forgot a comma" not in out.split("(Pesan asli")[0]


def test_a_failed_check_shows_only_its_message(shell, capsys):
    result, out = _run(shell, capsys, 'assert False, "Soal 1 belum dijawab: klik salah satu pilihan."')
    assert not result.success
    assert "Soal 1 belum dijawab" in out and "Traceback" not in out


def test_other_errors_keep_pythons_traceback(shell, capsys):
    result, out = _run(shell, capsys, "int('x')")
    assert not result.success and "ValueError" in out


@pytest.mark.parametrize(("code", "says"), [
    ('x = (\n  "C"', "tidak berpasangan"), ('x = "C', "belum ditutup"),
    ("if True:\nx = 1", "Spasi di awal baris"),
    ("x = “C”", "tanda kutip miring"), ("x = 2026-09-19T08:30:00+07:00", "angka yang ditulis"),
])
def test_syntax_mistakes_get_their_own_explanation(code, says):
    with pytest.raises(SyntaxError) as problem:
        compile(code, "<sel>", "exec")
    text = " ".join(answers.explain(problem.type, problem.value))
    assert says in text


def test_an_unknown_name_that_is_not_an_answer_points_to_the_cells_above():
    text = " ".join(answers.explain(NameError, NameError("name 'posts' is not defined", name="posts")))
    assert "sel di atas yang belum dijalankan" in text


def test_setup_outside_ipython_does_nothing():
    answers.setup()  # no IPython shell in a test process: nothing to install, no error


# -- fixing a draft plan field by field (assignment 3, Part C) ---------------------------------


def _draft_and_fields():
    from humaskit.course.plan_fix import PlanField
    from humaskit.response import plans

    plan = plans.example("hoaks-pajak")
    complaint = next(i for i, r in enumerate(plan["responses"]) if r.get("lapor_type") == "complaint")
    plan["crisis"]["posture"] = "diminish"  # a rumour is denied: the checker objects
    plan["responses"][complaint]["due"] = dt.date(2026, 2, 27)  # far past 5 working days
    plan["cerc"]["show_respect"] = "..."
    fields = [
        PlanField("postur", "crisis.posture", answers.Label(names.POSTURES), "Postur", group="1",
                  checks=("crisis",)),
        PlanField("tenggat", f"responses[{complaint}].due", answers.Date(), "Tenggat", group="2"),
        PlanField("hormat", "cerc.show_respect", answers.Text(5), "Tunjukkan hormat", group="3",
                  must_change=True),
    ]
    return plans.dump(plan), fields


def test_each_group_of_a_draft_is_checked_on_its_own(tmp_path):
    from humaskit.course import plan_fix

    text, fields = _draft_and_fields()
    path = tmp_path / "jawaban.json"
    assert all(plan_fix.check_group(text, fields, g, path) for g in "123")  # the draft fails everywhere
    answers.record("postur", "menyangkal", answers.Label(names.POSTURES), path)
    answers.record("tenggat", "4 Februari 2026", answers.Date(), path)
    assert not plan_fix.check_group(text, fields, "1", path)
    assert not plan_fix.check_group(text, fields, "2", path)
    assert plan_fix.check_group(text, fields, "3", path)  # still a placeholder
    report = plan_fix.report(text, fields, "2", "Tenggat pengaduan", path)
    assert "Rabu, 4 Februari 2026" in report and "tidak menemukan masalah" in report


def test_a_typo_costs_only_its_own_group(tmp_path):
    from humaskit.course import plan_fix

    text, fields = _draft_and_fields()
    path = tmp_path / "jawaban.json"
    answers.record("postur", "deny", answers.Label(names.POSTURES), path)
    answers.AnswerFile(path).save("tenggat", "4 Febuari 2026")  # hand-edited: cannot be read
    assert not plan_fix.check_group(text, fields, "1", path)
    assert plan_fix.check_group(text, fields, "2", path)  # the draft's date stays, and fails
    assert plan_fix.with_answers(text, fields, path)["crisis"]["posture"] == "deny"


def test_a_field_that_must_change_cannot_stay_as_drafted(tmp_path):
    from humaskit.course import plan_fix

    text, fields = _draft_and_fields()
    path = tmp_path / "jawaban.json"
    fields[2] = type(fields[2])("hormat", "crisis.rationale", answers.Text(5), "Alasan", group="3",
                                must_change=True)
    assert any("masih sama dengan konsep" in p.message for p in plan_fix.check_group(text, fields, "3", path))
    answers.record("hormat", "Rumor dibantah dengan bukti dari aturan yang berlaku.", answers.Text(5), path)
    assert not plan_fix.check_group(text, fields, "3", path)


def test_the_fix_form_updates_its_verdicts_as_answers_come(tmp_path):
    from humaskit.ui.widgets.plan_form import plan_fix_form

    text, fields = _draft_and_fields()
    path = tmp_path / "jawaban.json"
    form = plan_fix_form(text, fields, {"1": "Postur", "2": "Tenggat", "3": "CERC"}, path)
    assert not path.exists()  # drawing the form writes nothing
    assert all("masih menemukan masalah" in v.value for v in form.verdicts.values())
    posture, due, respect = form.boxes
    assert posture.control.value == "diminish"  # the draft's value is shown
    posture.control.value = "deny"
    due.typed.value = "04-02-2026"
    assert "tidak menemukan masalah" in form.verdicts["1"].value
    assert "tidak menemukan masalah" in form.verdicts["2"].value
    respect.control.value = "Kami tidak menyebut nama warga dan membalas dengan sopan."
    assert "Rencana lolos pemeriksaan" in form.summary.value


# -- quizzes kept out of the notebooks ---------------------------------------------------------


def test_a_bank_quiz_checks_like_any_quiz():
    from humaskit.course import quizzes
    from humaskit.ui.widgets import quiz_from_bank

    box = quiz_from_bank("orientasi-1")
    right = quizzes.get("orientasi-1").answer
    box.choice.index = right
    box.check(None)
    assert "Tepat" in box.feedback.value
    box.choice.index = (right + 1) % len(box.choice.options)
    box.check(None)
    assert "Belum tepat" in box.feedback.value


def test_bank_feedback_on_a_clicked_letter():
    from humaskit.course import quizzes

    quiz = quizzes.get("orientasi-latihan")
    right = "ABC"[quiz.answer]
    assert quizzes.feedback("orientasi-latihan", right).startswith("Tepat")
    wrong = next(letter for letter in "ABC" if letter != right)
    assert "Belum tepat" in quizzes.feedback("orientasi-latihan", wrong)
    with pytest.raises(ValueError, match="tidak ada"):
        quizzes.get("tidak-ada")


def test_a_practice_cell_can_ask_without_failing(tmp_path):
    path = tmp_path / "jawaban.json"
    assert answers.saved("latihan", answers.Choice("ABC"), path) is None
    answers.AnswerFile(path).save("latihan", "zz")
    assert answers.saved("latihan", answers.Choice("ABC"), path) is None
    answers.record("latihan", "b.", answers.Choice("ABC"), path)
    assert answers.saved("latihan", answers.Choice("ABC"), path) == "B"
