"""What the feedback page and `humaskit assignments validate` keep from nbgrader's output."""

from __future__ import annotations

from humaskit.course import feedback, grading

TEST_CELL = {
    "cell_type": "code",
    "metadata": {"nbgrader": {"grade": True, "solution": False, "grade_id": "cek", "points": 1}},
    "source": ('assert x is not ..., "Belum dijawab."\n### BEGIN HIDDEN TESTS\n'
               'assert x == 3, "Jawabannya 3."\n### END HIDDEN TESTS'),
    "outputs": [
        {"output_type": "stream", "name": "stdout", "text": "rahasia dari tes tersembunyi\n"},
        {"output_type": "error", "ename": "AssertionError", "evalue": "\x1b[0;31mJawabannya 3.\x1b[0m",
         "traceback": ["----> 3 assert x == 3, \"Jawabannya 3.\""]},
    ],
}


def test_hidden_tests_mark_schemes_and_solution_markers_are_removed():
    source = ("a = 1\n### BEGIN SOLUTION\nb = 2\n### END SOLUTION\n"
              "### BEGIN HIDDEN TESTS\nassert rahasia\n### END HIDDEN TESTS\n"
              "<!-- BEGIN MARK SCHEME -->\nkunci\n<!-- END MARK SCHEME -->\nc = 3")
    assert feedback.strip_hidden(source) == "a = 1\nb = 2\nc = 3"
    assert feedback.strip_hidden("x\n### BEGIN HIDDEN TESTS\nsecret") == "x"  # unclosed: to the end


def test_a_test_cell_keeps_its_visible_checks_and_only_the_message():
    import copy

    cell = copy.deepcopy(TEST_CELL)
    feedback.clean_cell(cell)
    assert cell["source"] == 'assert x is not ..., "Belum dijawab."'
    assert cell["outputs"] == []
    assert cell["metadata"]["humaskit"] == {"pesan": "Jawabannya 3."}


def test_errors_elsewhere_lose_their_traceback():
    cell = {"cell_type": "code", "metadata": {}, "source": "1/0",
            "outputs": [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero",
                         "traceback": ["Traceback ...", "----> 1 1/0"]}]}
    feedback.clean_cell(cell)
    assert cell["outputs"][0]["traceback"] == ["Galat ZeroDivisionError: division by zero"]


def test_scores_are_written_the_indonesian_way():
    assert [feedback.score_text(v) for v in (1.5, 2.0, None, 0.25)] == ["1,5", "2", "0", "0,25"]


def test_validation_success_and_failures_in_indonesian():
    assert grading.describe_validation({}) == (True, [
        "Berhasil: semua sel berjalan dan semua pemeriksaan lulus. Tugas siap dikumpulkan."])
    ok, lines = grading.describe_validation({"failed": [
        {"source": "# Sel pemeriksa\nassert jawaban_1 is not ...",
         "raw_error": "Traceback\n\x1b[0;31mAssertionError\x1b[0m: Anda belum menjawab."},
        {"source": "jawaban_2 = ...", "raw_error": "You did not provide a response."},
    ]})
    assert not ok and lines[0].startswith("Pemeriksaan gagal pada 2 sel")
    assert "    pesan: Anda belum menjawab." in lines
    assert "    pesan: Sel jawaban ini belum diisi." in lines
    ok, lines = grading.describe_validation({"changed": [{"source": "assert x"}]})
    assert not ok and "jangan mengubah sel pemeriksa" in lines[0]
    ok, lines = grading.describe_validation({"type_changed": [
        {"source": "x", "old_type": "code", "new_type": "markdown"}]})
    assert not ok and lines[0].startswith("Jenis 1 sel berubah")
