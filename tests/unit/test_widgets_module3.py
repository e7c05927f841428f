"""The module-3 widgets driven as a trainee would: clicks, typing, saving."""

import shutil

import pytest

from humaskit.data import names
from humaskit.response import plans
from humaskit.ui.widgets import plan_form, risk_scorer, triage_practice


def test_triage_practice_gives_feedback_and_keeps_score():
    box = triage_practice("hoaks-pajak", n=3)
    item = box.session.current()
    right = next(b for b in box.buttons if b.description == names.TRIAGE[item["triage"]])
    right.click()
    assert "Tepat" in box.feedback.value and item["why"][:20] in box.feedback.value
    assert all(b.disabled for b in box.buttons)
    box.next_button.click()
    wrong = next(b for b in box.buttons if b is not right)
    wrong.click()
    score = box.session.score()
    assert score["answered"] == 2 and score["correct"] >= 1


def test_risk_scorer_updates_scores_and_heatmap():
    box = risk_scorer([{"id": "R1", "description": "akun diretas", "likelihood": 2, "impact": 2}])
    _, lik, imp, label = box.sliders[0]
    assert "nilai <b>4</b>" in label.value
    before = box.children[-1].value
    lik.value, imp.value = 4, 5
    assert "nilai <b>20</b>" in label.value and "wajib mitigasi" in label.value
    assert box.risks()[0]["likelihood"] == 4 and box.children[-1].value != before


def test_risk_heatmap_is_inline_svg_named_and_escaped():
    from humaskit.ui.plan_export import heatmap_svg

    box = risk_scorer([{"id": "R<1>", "description": "akun diretas", "likelihood": 4, "impact": 5}])
    svg = box.children[-1].value
    assert svg.startswith("<svg") and 'role="img"' in svg and "aria-label=\"Matriks risiko 5 × 5" in svg
    assert "R&lt;1&gt;" in svg and "R<1>" not in svg
    assert "Kemungkinan (1-5)" in svg and "Dampak (1-5)" in svg and "sangat tinggi" in svg
    empty = heatmap_svg({"risks": []})
    assert empty.count("<rect") == 25 + 4 and ">20<" in empty  # 25 cells and the 4-level legend


def test_plan_form_from_skeleton_lists_problems_then_saves(tmp_path):
    path = tmp_path / "rencana_hoaks-bansos.yaml"
    box = plan_form("hoaks-bansos", str(path))
    assert "hal belum beres" in box.status.value
    box.form.fields["title"].value = "Rencana respons hoaks bansos"
    assert "[title]" not in " ".join(str(p) for p in box.form.problems())
    box.save_button.click()
    assert path.exists() and plans.load(path)["title"] == "Rencana respons hoaks bansos"


def test_plan_form_round_trips_a_valid_plan_and_reacts_to_typing(tmp_path, data_dir):
    path = tmp_path / "rencana.yaml"
    shutil.copy(data_dir / "plans" / "hoaks-pajak.yaml", path)
    box = plan_form("hoaks-pajak", str(path))
    assert box.form.problems() == [] and "lolos validasi" in box.status.value
    box.form.fields["risks#0"]["mitigation"].value = ""
    assert "belum punya mitigasi" in box.status.value
    box.word_button.click()
    assert "download=" in box.download.value and "DRAF" in box.download.value


def test_plan_form_does_not_overwrite_a_damaged_file_until_saved(tmp_path):
    path = tmp_path / "rencana.yaml"
    path.write_text("title: [rusak\n", encoding="utf-8")
    box = plan_form("hoaks-pajak", str(path))
    assert "tidak bisa dibaca" in box.children[0].value
    assert path.read_text(encoding="utf-8") == "title: [rusak\n"


@pytest.mark.parametrize("sid", ["akun-diretas", "banjir-bandang"])
def test_plan_form_starts_for_every_kind_of_scenario(sid, tmp_path):
    box = plan_form(sid, str(tmp_path / "r.yaml"))
    assert len(box.form.problems()) > 20


def _open_widgets() -> int:
    import ipywidgets as w

    return len(w.widgets.widget._instances)


@pytest.mark.parametrize("start", ["skeleton", "example", "scored risks"])
def test_lazy_plan_form_reads_unopened_sections_as_the_full_form_does(start, tmp_path, data_dir):
    path = tmp_path / "rencana.yaml"
    if start == "example":
        shutil.copy(data_dir / "plans" / "hoaks-pajak.yaml", path)
    risks = ([{"id": "R1", "description": "akun diretas", "likelihood": 4, "impact": 5}]
             if start == "scored risks" else None)
    before = _open_widgets()
    full = plan_form("hoaks-pajak", str(path), risks=risks)
    made_full = _open_widgets() - before
    lazy = plan_form("hoaks-pajak", str(path), risks=risks, lazy=True)
    made_lazy = _open_widgets() - before - made_full
    assert made_lazy * 8 < made_full  # widget models with their layouts and styles: the shell only
    assert list(lazy.form.all_widgets()) == []
    assert lazy.form.plan() == full.form.plan()
    assert lazy.status.value == full.status.value
    lazy.form.build_all()
    assert lazy.form.plan() == full.form.plan()


def test_lazy_plan_form_makes_a_section_when_it_is_opened_and_checks_what_is_typed(tmp_path):
    box = plan_form("hoaks-bansos", str(tmp_path / "r.yaml"), lazy=True)
    accordion = box.form.accordion
    assert all(section.children == () for section in accordion.children)
    accordion.selected_index = 0
    assert accordion.children[0].children and not accordion.children[1].children
    title = box.form.fields["title"]
    assert title.continuous_update  # watched like the fields of a full form
    title.value = "Rencana respons hoaks bansos"
    assert "[title]" not in " ".join(str(p) for p in box.form.problems())
    assert "Judul rencana belum diisi" not in box.status.value
    accordion.selected_index = None
    accordion.selected_index = 0  # opened again: the same widgets, the typed title kept
    assert box.form.fields["title"] is title and title.value == "Rencana respons hoaks bansos"
    box.save_button.click()
    assert plans.load(tmp_path / "r.yaml")["title"] == "Rencana respons hoaks bansos"
