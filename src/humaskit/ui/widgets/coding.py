"""The coding-practice widget: one post at a time, a label button each, instant feedback."""

from __future__ import annotations

import html

from humaskit.course.practice import DEFAULT_FILE, Feedback, PracticeSession
from humaskit.data import names
from humaskit.data.codebook import LABELS
from humaskit.ui.widgets.practice import card, practice_widget, verdict


def _clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a space and marked with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:") + " …"


def coding_practice(path: str = DEFAULT_FILE, n: int = 30, session: PracticeSession | None = None):
    """Show the practice: post text, five label buttons, feedback, score. Progress is saved to
    ``path`` after every answer."""
    session = session or PracticeSession(path, n=n)

    def draw_feedback(fb: Feedback) -> str:
        parts = [verdict(fb.correct, html.escape(fb.message))]
        if fb.contrast_label is not None and fb.contrast_text:
            parts.append(f"<p><i>Bandingkan dengan contoh '{html.escape(names.LABELS[fb.contrast_label])}':"
                         f"</i><br>{html.escape(_clip(fb.contrast_text, 400))}</p>")
        return "".join(parts)

    return practice_widget(
        session,
        choices=[(lab.id, names.LABELS[lab.id], lab.definition) for lab in LABELS],
        draw_item=lambda item: card(f"{item.platform} · {item.account}", item.text),
        draw_feedback=draw_feedback,
        draw_done=lambda: "<p><b>Selesai.</b> Semua unggahan latihan sudah Anda kode.</p>",
        next_text="Unggahan berikutnya ▶",
    )
