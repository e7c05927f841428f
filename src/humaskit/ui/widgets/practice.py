"""The practice-widget scaffold shared by coding practice (module 1) and triage practice (module 3).

A session (:mod:`humaskit.course.practice`) supplies the items and checks answers; this draws one
item at a time with a button per label, shows the feedback, a progress bar and the score, and
moves on. Each practice only says how to draw its item, its feedback and its closing screen.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sized
from typing import Protocol, TypeVar

import ipywidgets as w

from humaskit.core import formats
from humaskit.core.errors import DataError
from humaskit.ui.widgets import layout

ItemT = TypeVar("ItemT")
FeedbackT = TypeVar("FeedbackT")
ItemT_co = TypeVar("ItemT_co", covariant=True)
FeedbackT_co = TypeVar("FeedbackT_co", covariant=True)


class Session(Protocol[ItemT_co, FeedbackT_co]):
    """What the practice widget needs of a session (coding or triage practice)."""

    @property
    def items(self) -> Sized: ...

    def current(self) -> ItemT_co | None: ...

    def answer(self, label: str) -> FeedbackT_co: ...

    def next(self) -> None: ...

    def score(self) -> dict: ...


CARD = "border:1px solid #ccc;padding:8px;border-radius:6px;max-width:640px;box-sizing:border-box"


def card(meta: str, text: str) -> str:
    """An item as a card: a small line of context above the escaped text."""
    body = html.escape(text).replace("\n", "<br>")
    return layout.prose(f"<div style='{CARD}'><small>{html.escape(meta)}</small><p>{body}</p></div>")


def practice_widget(session: Session[ItemT, FeedbackT], choices: list[tuple[str, str, str]],
                    draw_item: Callable[[ItemT], str], draw_feedback: Callable[[FeedbackT], str],
                    draw_done: Callable[[], str], next_text: str) -> w.VBox:
    """A practice: ``choices`` are (label id, button text, tooltip); ``draw_*`` return HTML.

    The session needs ``items``, ``current()``, ``answer(label)``, ``next()``, ``score()`` and
    may carry a ``notice`` (for example that a damaged progress file was set aside).
    """
    item_box = w.HTML()
    feedback = w.HTML()
    score = w.HTML()
    progress = w.IntProgress(min=0, max=len(session.items), description="Kemajuan",
                             layout=layout.full_width(max_width="420px"))
    buttons = [w.Button(description=text, tooltip=tip, layout=layout.button()) for _, text, tip in choices]
    next_button = w.Button(description=next_text, button_style="info", layout=layout.button(display="none"))

    def show_score():
        s = session.score()
        progress.value = s["answered"]
        score.value = layout.prose(f"<p>Dijawab {s['answered']} dari {s['total']} · benar {s['correct']} "
                                   f"({formats.percent(s['percent_correct'] / 100)})</p>")

    def show_current():
        show_score()
        item = session.current()
        done = item is None
        item_box.value = layout.prose(draw_done()) if done else draw_item(item)
        for b in buttons:
            b.disabled = done

    def on_label(label_id):
        def handler(_):
            try:
                answered = session.answer(label_id)
            except DataError as problem:  # the answer could not be saved: stop, say why
                feedback.value = layout.prose(
                    f"<p style='color:#8a1c1c'><b>Jawaban tidak tersimpan, latihan dihentikan.</b> "
                    f"{html.escape(str(problem))} Pindahkan notebook ke folder yang bisa ditulisi, lalu "
                    "jalankan sel ini lagi.</p>")
                for b in buttons:
                    b.disabled = True
                return
            feedback.value = layout.prose(draw_feedback(answered), max_width=layout.TEXT_MAX)
            for b in buttons:
                b.disabled = True
            next_button.layout.display = "inline-block"
            show_score()
        return handler

    def on_next(_):
        session.next()
        feedback.value = ""
        next_button.layout.display = "none"
        show_current()

    for b, (label_id, _, _) in zip(buttons, choices, strict=True):
        b.on_click(on_label(label_id))
    next_button.on_click(on_next)
    notice = getattr(session, "notice", None)
    notice_box = w.HTML(layout.prose(f"<p style='color:#8a5a00'>{html.escape(notice)}</p>") if notice else "")
    show_current()
    box = w.VBox([notice_box, progress, score, item_box, w.HBox(buttons, layout=layout.wrap_row()),
                  feedback, next_button], layout=layout.full_width())
    box.session, box.buttons, box.next_button, box.feedback = session, buttons, next_button, feedback
    return box


def verdict(correct: bool, text: str) -> str:
    colour = "#1b5e20" if correct else "#8a1c1c"
    return f"<p style='color:{colour}'>{text}</p>"
