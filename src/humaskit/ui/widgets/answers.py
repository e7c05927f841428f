"""Answer widgets for the assignments: click or type, never Python.

Every widget answers one question of :mod:`humaskit.course.answers`: it shows the answer already
saved in ``jawaban.json`` (so a restarted kernel or a re-opened notebook shows it again), saves
each new answer at once, and says in Indonesian what was saved or why an answer cannot be read.
A widget only writes when the trainee changes it: when nbgrader re-runs the notebook headless,
the widgets are drawn and nothing is written.

Each returns a ``VBox`` carrying ``question_id``, ``kind``, ``control`` (the clickable or typed
part) and ``status`` (the line under it), for tests and for forms built from several questions.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as w

from humaskit.core.errors import DataError
from humaskit.course import answers
from humaskit.course.answers import AnswerError, AnswerFile, Kind
from humaskit.data import names

OK, BAD, WAIT = "#1b5e20", "#8a1c1c", "#555"
UNANSWERED = "Belum dijawab."
UNCHANGED = "Belum diubah: isinya masih dari konsep rekan Anda."
_WIDE = w.Layout(width="98%")
_STYLE = {"description_width": "initial"}


def _line(colour: str, text: str) -> str:
    return f"<div style='color:{colour};margin:2px 0 8px 0'>{text}</div>"


def _prompt(prompt: str | None) -> list[w.Widget]:
    return [w.HTML(prompt)] if prompt else []


class _Binding:
    """Keeps one question's control, saved answer and status line in step."""

    def __init__(self, question_id: str, kind: Kind, path: str | Path | None, drafted: bool = False):
        self.question_id, self.kind = question_id, kind
        # A box that shows a draft's value (a colleague's plan) has not been answered yet either.
        self.unanswered = UNCHANGED if drafted else UNANSWERED
        self.store = AnswerFile(path)
        self.status = w.HTML()
        self.saved: Any = None
        raw = self.store.get(question_id)
        if raw is not None:
            try:
                self.saved = kind.parse(raw)
            except AnswerError:
                self.saved = None
        self.show_saved()

    def show_saved(self, note: str = "") -> None:
        if self.saved is None:
            self.status.value = _line(WAIT, self.unanswered + (f" {note}" if note else ""))
        else:
            self.status.value = _line(OK, f"✔ Tersimpan: <b>{html.escape(self.kind.describe(self.saved))}</b>"
                                      + (f" {note}" if note else ""))

    def save(self, raw: Any) -> bool:
        """Read and save ``raw``; on a mistake, say why and keep the answer saved before."""
        if answers.skipped(raw):
            self.clear()
            return False
        try:
            value = answers.record(self.question_id, raw, self.kind, self.store.path)
        except AnswerError as problem:
            kept = (f" Yang tersimpan masih: <b>{html.escape(self.kind.describe(self.saved))}</b>."
                    if self.saved is not None else " Belum ada jawaban yang tersimpan.")
            self.status.value = _line(BAD, f"❗ {html.escape(str(problem))}{kept}")
            return False
        except DataError as problem:  # a read-only folder, a full disk
            self.status.value = _line(BAD, f"❗ Jawaban belum tersimpan: {html.escape(str(problem))} "
                                           "Pindahkan notebook ke folder yang bisa ditulisi.")
            return False
        self.saved = value
        notice = self.store.notice or ""
        self.show_saved(html.escape(notice))
        return True

    def clear(self) -> None:
        try:
            self.store.remove(self.question_id)
        except DataError as problem:
            self.status.value = _line(BAD, f"❗ {html.escape(str(problem))}")
            return
        self.saved = None
        self.show_saved()


def _box(binding: _Binding, control: w.Widget, prompt: str | None,
         extra: list[w.Widget] | None = None) -> w.VBox:
    box = w.VBox([*_prompt(prompt), control, *(extra or []), binding.status])
    box.question_id, box.kind, box.control = binding.question_id, binding.kind, control
    box.status, box.binding = binding.status, binding
    return box


def _observe(control: w.Widget, binding: _Binding, to_raw: Callable[[Any], Any] = lambda v: v) -> None:
    def changed(change):
        binding.save(to_raw(change["new"]))
    control.observe(changed, names="value")


def choice_question(question_id: str, options: Mapping[str, str], prompt: str | None = None,
                    buttons: bool = False, path: str | Path | None = None) -> w.VBox:
    """One option of several: a list of round buttons ("A. Kredibel"), or a row of buttons.

    ``options`` maps the letter (or id) to the text shown after it.
    """
    kind = answers.Choice(dict(options))
    binding = _Binding(question_id, kind, path)
    labels = [(f"{key}. {text}" if text else key, key) for key, text in options.items()]
    control: w.Widget
    if buttons:
        control = w.ToggleButtons(options=labels, value=None, style={"button_width": "auto"})
    else:
        control = w.RadioButtons(options=labels, value=None, layout=w.Layout(width="auto"))
    control.value = binding.saved
    _observe(control, binding)
    return _box(binding, control, prompt)


def choices_question(question_id: str, options: Mapping[str, str], prompt: str | None = None,
                     path: str | Path | None = None) -> w.VBox:
    """Any number of options: one tick box per option, the option's text beside it."""
    kind = answers.Choices(dict(options))
    binding = _Binding(question_id, kind, path)
    saved = set(binding.saved or [])
    ticks = {key: w.Checkbox(value=key in saved, description=key, indent=False,
                             layout=w.Layout(width="3.5em", min_width="3.5em")) for key in options}
    rows = [w.HBox([ticks[key], w.HTML(html.escape(text), layout=w.Layout(flex="1"))],
                   layout=w.Layout(align_items="flex-start")) for key, text in options.items()]
    control = w.VBox(rows)

    def changed(_):
        binding.save([key for key, tick in ticks.items() if tick.value])

    for tick in ticks.values():
        tick.observe(changed, names="value")
    box = _box(binding, control, prompt)
    box.ticks = ticks
    return box


def level_question(question_id: str, low: int = 1, high: int = 5, labels: Mapping[int, str] | None = None,
                   prompt: str | None = None, path: str | Path | None = None) -> w.VBox:
    """A whole number from a short range, one button each (a maturity level, a score)."""
    kind = answers.Integer(low, high)
    binding = _Binding(question_id, kind, path)
    control = w.ToggleButtons(options=[(str(n), n) for n in range(low, high + 1)], value=None,
                              tooltips=[(labels or {}).get(n, str(n)) for n in range(low, high + 1)],
                              style={"button_width": "3em"})
    control.value = binding.saved
    _observe(control, binding)
    legend = [w.HTML("<small>" + " · ".join(f"{n}: {html.escape(labels[n])}" for n in sorted(labels))
                     + "</small>")] if labels else []
    return _box(binding, control, prompt, legend)


def number_question(question_id: str, low: int, high: int, prompt: str | None = None,
                    placeholder: str = "ketik angkanya, misalnya 7", dropdown: bool = False,
                    path: str | Path | None = None) -> w.VBox:
    """A whole number, typed in a box (``3``, ``3 hari kerja``, ``tiga``) or picked from a list."""
    kind = answers.Integer(low, high)
    binding = _Binding(question_id, kind, path)
    control: w.Widget
    if dropdown:
        control = w.Dropdown(options=[("— pilih —", None)] + [(str(n), n) for n in range(low, high + 1)],
                             value=binding.saved, layout=w.Layout(width="10em"))
    else:
        control = w.Text(value="" if binding.saved is None else str(binding.saved), placeholder=placeholder,
                         continuous_update=False, layout=w.Layout(width="20em"))
    _observe(control, binding)
    return _box(binding, control, prompt)


def date_question(question_id: str, prompt: str | None = None, path: str | Path | None = None,
                  initial: dt.date | None = None) -> w.VBox:
    """A date: picked from the calendar, or typed (``31-03-2026``, ``31 Maret 2026``).

    ``initial`` (a draft's value, say) is shown but not saved until the trainee changes it.
    """
    kind = answers.Date()
    binding = _Binding(question_id, kind, path, drafted=initial is not None)
    shown = binding.saved or initial
    picker = w.DatePicker(value=shown, description="Pilih:", style=_STYLE)
    typed = w.Text(value=shown.strftime("%d-%m-%Y") if shown else "", description="atau ketik:",
                   placeholder="HH-BB-TTTT, misalnya 31-03-2026", continuous_update=False, style=_STYLE)
    busy = [False]

    def from_picker(change):
        if busy[0] or change["new"] is None:
            return
        busy[0] = True
        typed.value = change["new"].strftime("%d-%m-%Y")
        busy[0] = False
        binding.save(change["new"])

    def from_text(change):
        if busy[0]:
            return
        if binding.save(change["new"]):
            busy[0] = True
            picker.value = binding.saved
            busy[0] = False

    picker.observe(from_picker, names="value")
    typed.observe(from_text, names="value")
    control = w.HBox([picker, typed], layout=w.Layout(flex_flow="row wrap"))
    box = _box(binding, control, prompt)
    box.picker, box.typed = picker, typed
    return box


def datetime_question(question_id: str, prompt: str | None = None, path: str | Path | None = None,
                      initial: dt.datetime | None = None) -> w.VBox:
    """A date and time in WIB, typed as an Indonesian office writes it: ``14-07-2026 09.00``."""
    kind = answers.DateTime()
    binding = _Binding(question_id, kind, path, drafted=initial is not None)
    shown = binding.saved or initial
    control = w.Text(value=shown.strftime("%d-%m-%Y %H.%M") if shown else "",
                     placeholder="HH-BB-TTTT jj.mm, misalnya 14-07-2026 09.00", continuous_update=False,
                     layout=w.Layout(width="22em"))
    _observe(control, binding)
    return _box(binding, control, prompt, [w.HTML("<small>Jam dalam WIB. Contoh: 14-07-2026 09.00 atau "
                                                  "14 Juli 2026 pukul 09.00.</small>")])


def label_question(question_id: str, labels: Mapping[str, str], prompt: str | None = None,
                   path: str | Path | None = None, initial: str | None = None) -> w.VBox:
    """One label of a list (triage labels: their Indonesian names with the code).

    ``initial`` (a draft's value) is shown but not saved until the trainee changes it.
    """
    kind = answers.Label(dict(labels))
    binding = _Binding(question_id, kind, path, drafted=initial in labels)
    shown = binding.saved if binding.saved is not None else (initial if initial in labels else None)
    control = w.Dropdown(options=[("— pilih label —", None)]
                         + [(names.with_code(name, key), key) for key, name in labels.items()],
                         value=shown, layout=w.Layout(width="auto"))
    _observe(control, binding)
    return _box(binding, control, prompt)


def text_question(question_id: str, prompt: str | None = None, min_words: int = 1, rows: int = 3,
                  path: str | Path | None = None, initial: str = "") -> w.VBox:
    """Plain text in a box, saved when the trainee leaves the box (or presses Enter in one line)."""
    kind = answers.Text(min_words)
    binding = _Binding(question_id, kind, path, drafted=bool(initial))
    shown = binding.saved if binding.saved is not None else initial
    control: w.Widget
    if rows > 1:
        control = w.Textarea(value=shown, rows=rows, continuous_update=False, layout=_WIDE)
    else:
        control = w.Text(value=shown, continuous_update=False, layout=_WIDE)
    _observe(control, binding)
    hint = [w.HTML("<small>Tersimpan saat Anda mengeklik di luar kotak.</small>")] if rows > 1 else []
    return _box(binding, control, prompt, hint)


def record(question_id: str, raw: Any, path: str | Path | None = None) -> Any:
    """Save an answer without a widget: how a solution notebook writes its key when it runs."""
    return answers.record(question_id, raw, path=path)


def item_card(meta: str, text: str) -> str:
    """A post or comment to answer about, as a card (the same look as the practice widgets)."""
    body = html.escape(text).replace("\n", "<br>")
    return (f"<div style='border:1px solid #ccc;padding:8px;border-radius:6px;max-width:640px;margin:4px 0'>"
            f"<small>{html.escape(meta)}</small><p style='margin:4px 0 0 0'>{body}</p></div>")


__all__ = ["choice_question", "choices_question", "date_question", "datetime_question", "item_card",
           "label_question", "level_question", "number_question", "record", "text_question"]
