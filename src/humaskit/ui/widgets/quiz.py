"""A multiple-choice question with instant feedback, for trainees who have never coded."""

from __future__ import annotations

import html

import ipywidgets as w


def multiple_choice(question: str, options: list[str], answer: int, explanation: str,
                    wrong_hint: str | None = None) -> w.VBox:
    """Show a question with radio buttons and a 'Periksa' (check) button.

    ``answer`` is the index of the correct option. The feedback names why, so a wrong pick
    still teaches something. Returns the widget (the last line of a cell displays it).
    """
    if not 0 <= answer < len(options):
        raise ValueError(f"answer={answer} is not an index into {len(options)} options")
    choice = w.RadioButtons(options=options, value=None, layout=w.Layout(width="auto"))
    button = w.Button(description="Periksa", button_style="primary", icon="check")
    feedback = w.HTML()

    def check(_):
        if choice.value is None:
            feedback.value = "<p>Pilih salah satu jawaban dulu, lalu klik <b>Periksa</b>.</p>"
            return
        if choice.index == answer:
            feedback.value = (f"<p style='color:#1b5e20'><b>Tepat.</b> {html.escape(explanation)}</p>")
        else:
            hint = wrong_hint or "Baca lagi pertanyaannya dan coba pilihan lain."
            feedback.value = f"<p style='color:#8a1c1c'><b>Belum tepat.</b> {html.escape(hint)}</p>"

    button.on_click(check)
    box = w.VBox([w.HTML(f"<p><b>{html.escape(question)}</b></p>"), choice, button, feedback])
    # Exposed for tests and for the apps that record answers.
    box.choice, box.button, box.feedback, box.check = choice, button, feedback, check
    return box


def quiz_from_bank(quiz_id: str) -> w.VBox:
    """A quiz from the kit's bank (:mod:`humaskit.course.quizzes`): the notebook names it by id, so its
    code does not show which option is correct."""
    from humaskit.course import quizzes

    q = quizzes.get(quiz_id)
    return multiple_choice(q.question, list(q.options), q.answer, q.explanation, q.wrong_hint)
