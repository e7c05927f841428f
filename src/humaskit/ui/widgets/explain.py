"""A box where a trainee types or pastes a post and sees the label and the words behind it."""

from __future__ import annotations

import html

import ipywidgets as w

from humaskit.coding.classify import KeywordBaseline, default_model
from humaskit.core import formats
from humaskit.data import names
from humaskit.data.codebook import BY_ID
from humaskit.ui.widgets import layout


def explain_box(text: str = "") -> w.VBox:
    area = w.Textarea(value=text, placeholder="Tempel teks unggahan di sini",
                      layout=layout.full_width(height="110px", max_width=layout.TEXT_MAX))
    button = w.Button(description="Kode unggahan ini", button_style="primary", layout=layout.button())
    out = w.HTML()

    def run(_):
        if not area.value.strip():
            out.value = layout.prose("<p>Tulis atau tempel teks unggahan dulu.</p>")
            return
        model = default_model()
        labels, confidence, flag = model.assess_texts([area.value])
        label = str(labels[0])
        words = model.explain(area.value, top=8)
        rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{b:+.3f}</td></tr>"
                       for k, b in zip(words["feature"], words["weight"], strict=True))
        cues = KeywordBaseline().matches(area.value)
        cue_text = "; ".join(f"{BY_ID[k].name_id}: {', '.join(v)}" for k, v in cues.items()) or "-"
        review = (f"<p><b>{names.REVIEW_FLAG.capitalize()}.</b> Model ragu, atau teks ini tidak mirip "
                  "unggahan instansi yang pernah ia pelajari. Jangan pakai labelnya sebelum Anda "
                  "membacanya sendiri dengan buku kode.</p>") if flag[0] else ""
        out.value = layout.prose(
            f"<p>Model: <b>{html.escape(BY_ID[label].name_id)}</b> "
            f"(keyakinan {formats.percent(float(confidence[0]), 0)})</p>{review}"
            f"<table><tr><th>kata</th><th>bobot</th></tr>{rows}</table>"
            f"<p>Kata kunci buku kode yang ditemukan: {html.escape(cue_text)}</p>")

    button.on_click(run)
    box = w.VBox([area, button, out], layout=layout.full_width())
    box.area, box.button, box.output, box.run = area, button, out, run
    return box
