"""The risk scorer: likelihood and impact sliders per risk, the matrix redrawn as they move."""

from __future__ import annotations

import html

import ipywidgets as w

from humaskit.data import names
from humaskit.response import crisis
from humaskit.ui.plan_export import heatmap_svg
from humaskit.ui.widgets import layout

HEATMAP_ALT = ("Matriks risiko 5 × 5: kemungkinan mendatar, dampak tegak; kode setiap risiko ada di kotak "
               "nilainya")


def risk_scorer(risks: list[dict]) -> w.VBox:
    """One row per risk (``id``, ``description``, optional ``likelihood``/``impact``) with two
    sliders; the score, its level and the 5 x 5 heatmap update on every move. ``box.risks()``
    returns the risks with the scores as set."""
    rows, sliders = [], []
    # Both sliders and the score share a line on a laptop; on a phone each takes a full line, with
    # the tracks lined up under each other (the same description width).
    style = {"description_width": layout.SLIDER_LABEL}
    for r in risks:
        # The tooltip names the handle for screen readers ("R1: kemungkinan", see layout.page_style).
        lik = w.IntSlider(value=int(r.get("likelihood") or 3), min=1, max=5, description="Kemungkinan",
                          tooltip=f"{r['id']}: kemungkinan", style=style, continuous_update=False,
                          layout=layout.item("18em", max_width="26em"))
        imp = w.IntSlider(value=int(r.get("impact") or 3), min=1, max=5, description="Dampak",
                          tooltip=f"{r['id']}: dampak", style=style, continuous_update=False,
                          layout=layout.item("18em", max_width="26em"))
        label = w.HTML(layout=layout.item("14em"))
        sliders.append((r, lik, imp, label))
        title = f"<b>{html.escape(str(r['id']))}</b> {html.escape(str(r['description']))}"
        rows.append(w.VBox([w.HTML(layout.prose(title, margin="8px 0 0")),
                            w.HBox([lik, imp, label], layout=layout.wrap_row())], layout=layout.full_width()))
    # The heatmap is inline SVG text, not a PNG in a binary widget buffer: redrawn in a millisecond
    # without matplotlib (the app's kernels stay small), named for screen readers, and no client
    # meets a binary message.
    image = w.HTML(layout=layout.full_width(max_width="520px"))

    def current() -> list[dict]:
        return [{**r, "likelihood": lik.value, "impact": imp.value} for r, lik, imp, _ in sliders]

    def refresh(_=None):
        for _r, lik, imp, label in sliders:
            score = lik.value * imp.value
            level = names.RISK_LEVELS[crisis.risk_level(score)]
            colour = "#8a1c1c" if score >= 15 else "#333"
            label.value = layout.prose(f"<span style='color:{colour}'>nilai <b>{score}</b> ({level})"
                                       + (": wajib mitigasi dan penanggung jawab" if score >= 15 else "")
                                       + "</span>")
        image.value = heatmap_svg({"risks": current()}, alt=HEATMAP_ALT)

    for _r, lik, imp, _label in sliders:
        lik.observe(refresh, names="value")
        imp.observe(refresh, names="value")
    refresh()
    box = w.VBox([*rows, image], layout=layout.full_width())
    box.risks, box.sliders = current, sliders
    return box
