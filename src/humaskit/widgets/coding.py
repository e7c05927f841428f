"""The coding-practice widget: one post at a time, a label button each, instant feedback."""

from __future__ import annotations

import html

import ipywidgets as w

from humaskit.codebook import LABELS
from humaskit.practice import DEFAULT_FILE, PracticeSession


def coding_practice(path: str = DEFAULT_FILE, n: int = 30, session: PracticeSession | None = None):
    """Show the practice: post text, five label buttons, feedback, score. Progress is saved to
    ``path`` after every answer."""
    session = session or PracticeSession(path, n=n)
    post = w.HTML()
    feedback = w.HTML()
    progress = w.IntProgress(min=0, max=len(session.items), description="Kemajuan")
    score = w.HTML()
    buttons = [w.Button(description=lab.name_id, tooltip=lab.definition,
                        layout=w.Layout(width="auto")) for lab in LABELS]
    next_button = w.Button(description="Unggahan berikutnya ▶", button_style="info",
                           layout=w.Layout(display="none"))

    def show_current():
        item = session.current()
        s = session.score()
        progress.value = s["dijawab"]
        score.value = (f"<p>Dijawab {s['dijawab']} dari {s['total']} · benar {s['benar']} "
                       f"({s['persen_benar']}%)</p>")
        if item is None:
            post.value = "<p><b>Selesai.</b> Semua unggahan latihan sudah Anda kode.</p>"
            for b in buttons:
                b.disabled = True
            return
        text = html.escape(item.text).replace("\n", "<br>")
        post.value = (f"<div style='border:1px solid #ccc;padding:8px;border-radius:6px;"
                      f"max-width:640px'><small>{html.escape(item.platform)} · "
                      f"{html.escape(item.account)}</small><p>{text}</p></div>")
        for b in buttons:
            b.disabled = False

    def on_label(label_id):
        def handler(_):
            fb = session.answer(label_id)
            colour = "#1b5e20" if fb.correct else "#8a1c1c"
            parts = [f"<p style='color:{colour}'>{html.escape(fb.message)}</p>"]
            if fb.contrast_text:
                name = next(lab.name_id for lab in LABELS if lab.id == fb.contrast_label)
                parts.append(f"<p><i>Bandingkan dengan contoh '{html.escape(name)}':</i><br>"
                             f"{html.escape(fb.contrast_text[:400])}</p>")
            feedback.value = "".join(parts)
            for b in buttons:
                b.disabled = True
            next_button.layout.display = "inline-block"
            s = session.score()
            progress.value = s["dijawab"]
            score.value = (f"<p>Dijawab {s['dijawab']} dari {s['total']} · benar {s['benar']} "
                           f"({s['persen_benar']}%)</p>")
        return handler

    def on_next(_):
        feedback.value = ""
        next_button.layout.display = "none"
        show_current()

    for b, lab in zip(buttons, LABELS, strict=True):
        b.on_click(on_label(lab.id))
    next_button.on_click(on_next)
    notice = w.HTML(f"<p style='color:#8a5a00'>{html.escape(session.notice)}</p>" if session.notice else "")
    show_current()
    box = w.VBox([notice, progress, score, post, w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")),
                  feedback, next_button])
    box.session, box.buttons, box.next_button, box.feedback = session, buttons, next_button, feedback
    return box
