"""The widgets fit a phone: sizes come from humaskit.ui.widgets.layout, not from fixed widths.

The browser test (tests/e2e/test_phone.py) measures the apps on a 390 px and a 1366 px screen;
these checks catch the usual causes in-process: a percentage or pixel width that squeezes a
field on a phone, a button cut at ipywidgets' default 148 px, a label cut after one line.
"""

from __future__ import annotations

import re

import ipywidgets as w
import pytest

from humaskit.course.practice import PracticeSession
from humaskit.ui import apps, widgets
from humaskit.ui.widgets import layout


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One of each widget the Voila apps show."""
    tmp = tmp_path_factory.mktemp("widgets")
    return {
        "coding": widgets.coding_practice(session=PracticeSession(str(tmp / "latihan.json"), n=3)),
        "explain": widgets.explain_box("Kapan bansos cair?"),
        "plan": widgets.plan_form("hoaks-pajak", str(tmp / "rencana.yaml")),
        "risk": widgets.risk_scorer(apps.scenario_risks("hoaks-pajak")),
        "scenario": widgets.scenario_card("hoaks-pajak"),
        "survey": widgets.self_assessment_form(tmp / "penilaian.json"),
        "triage": widgets.triage_practice("hoaks-pajak", n=3),
    }


@pytest.mark.parametrize("name", ["coding", "explain", "plan", "risk", "scenario", "survey", "triage"])
def test_no_fixed_or_fractional_widths(built, name):
    for widget in walk(built[name]):
        width = widget.layout.width or ""
        assert width in ("", "auto", "100%") or re.fullmatch(r"[\d.]+em", width), \
            f"{type(widget).__name__} {widget.layout.width!r}: use humaskit.ui.widgets.layout"


@pytest.mark.parametrize("name", ["coding", "explain", "plan", "risk", "survey", "triage"])
def test_buttons_are_as_wide_as_their_text(built, name):
    buttons = [x for x in walk(built[name]) if isinstance(x, w.Button)]
    assert buttons or name in ("risk", "survey")
    for button in buttons:
        assert button.layout.width == "auto", f"'{button.description}' would be cut at 148 px"


def test_plan_form_labels_sit_above_their_fields(built):
    form = built["plan"].form
    for key, field in form.fields.items():
        if isinstance(field, dict):  # risk and response rows: one line that wraps on a phone
            continue
        if field.kind == "flag":
            assert field.description  # a checkbox is its own label
        else:
            # the description names the box for screen readers and takes no width
            assert field.description, f"{key}: no accessible name"
            assert field.style.description_width == "0px", f"{key}: a description beside the box is cut"
            assert field.layout.width == "100%"
    labels = [x.value for x in walk(form.accordion) if isinstance(x, w.HTML)]
    assert any("Judul rencana" in v for v in labels) and any("Jadilah yang pertama" in v for v in labels)


def test_risk_rows_and_sliders_wrap_instead_of_shrinking(built):
    rows = [x for x in walk(built["plan"].form.accordion) if isinstance(x, w.HBox)]
    assert rows and all(r.layout.flex_flow == "row wrap" for r in rows)
    for _risk, lik, imp, label in built["risk"].sliders:
        for slider in (lik, imp):
            assert slider.layout.flex.endswith("18em") and slider.layout.min_width == "0"
            assert slider.style.description_width == layout.SLIDER_LABEL  # the tracks line up
        assert "nilai" in label.value


def test_html_wraps_long_words_and_keeps_lines_readable(built):
    assert "overflow-wrap:anywhere" in built["scenario"].value
    assert "line-height:1.5" in built["scenario"].value
    assert "overflow-wrap:anywhere" in built["plan"].status.value


def test_explain_box_lists_the_words_behind_the_label():
    box = widgets.explain_box("Bagaimana pendapat Sobat? Tulis di kolom komentar ya!")
    box.run(None)
    assert "<table>" in box.output.value and "komentar" in box.output.value


def test_page_style_acts_only_inside_voila():
    css = re.search(r"<style>(.*)</style>", widgets.page_style().value, re.S).group(1)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{[^{}]*\}", css)
                 for s in block.split(",") if s.strip() and not s.strip().startswith(("@", "/*"))]
    assert selectors and all(s.startswith("body[data-voila]") for s in selectors), selectors
    assert f"--jp-widgets-inline-height: {layout.TOUCH}" in css


def test_explain_box_marks_a_text_unlike_agency_posts_as_needing_review():
    box = widgets.explain_box("duh hari ini capek banget pengen rebahan sambil nonton drakor")
    box.run(None)
    assert "Perlu ditinjau" in box.output.value
    plain = widgets.explain_box("Syarat perpanjangan SIM: KTP asli, SIM lama, dan surat keterangan sehat. "
                                "Layanan buka Senin-Jumat pukul 08.00-14.00 WIB.")
    plain.run(None)
    assert "Perlu ditinjau" not in plain.output.value


def test_page_style_names_slider_handles_after_their_label_only_inside_voila():
    import html as _html

    value = widgets.page_style().value
    found = re.search(r'<img src="data:," alt="" style="display:none" onerror="([^"]*)">', value)
    assert found, value[-300:]
    script = _html.unescape(found.group(1))
    assert script == layout._NAME_SLIDERS_JS and "data-voila" in script and "aria-label" in script
    assert "l.title||l.textContent" in script  # the slider's tooltip first, else its description


def test_risk_sliders_carry_the_risk_in_their_name(built):
    for risk, lik, imp, _label in built["risk"].sliders:
        assert lik.tooltip == f"{risk['id']}: kemungkinan" and imp.tooltip == f"{risk['id']}: dampak"


def test_risk_rows_name_every_control_after_its_risk(built):
    row = built["plan"].form.fields["risks#0"]
    assert row["mitigation"].description == "R1: mitigasi"
    assert row["review_date"].description == "R1: tanggal tinjau"
    named = [c for k, c in row.items() if k not in ("likelihood", "impact")]
    assert all(c.style.description_width == "0px" for c in named)
    assert row["likelihood"].description == "K"  # a visible label already
