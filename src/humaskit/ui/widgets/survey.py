"""The self-assessment form (module 2): Likert answers per statement, saved as you click."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Protocol

import ipywidgets as w

from humaskit.core.errors import DataError
from humaskit.core.storage import set_aside, write_json_atomic
from humaskit.data import instrument
from humaskit.maturity import levels
from humaskit.ui.widgets import layout


def _save(path: Path, answers: dict, profile: dict) -> None:
    payload = {"version": 1, "answers": answers, "profile": profile,
               "saved_at": dt.datetime.now().isoformat(timespec="seconds")}
    write_json_atomic(path, payload)


class Keeper(Protocol):
    """Somewhere else to keep the answers than a file (the workshop's shared store)."""

    where: str  # shown after "Tersimpan di"

    def load(self) -> dict | None: ...

    def save(self, payload: dict) -> object: ...


def self_assessment_form(path: str | Path = "penilaian_diri.json", keeper: Keeper | None = None) -> w.VBox:
    """One accordion per section; every answer is saved at once (nothing is lost): to ``path``, or
    through ``keeper`` (``load()`` and ``save(payload)``) when one is given."""
    path = Path(path)
    inst = instrument.load()
    scale = {int(k): v for k, v in inst["scale"].items()}
    notice = ""
    answers: dict[str, int] = {}
    profile: dict[str, bool] = {}
    if keeper is not None:
        try:
            saved = keeper.load() or {}
            answers = {str(k): int(v) for k, v in dict(saved.get("answers") or {}).items()}
            profile = {str(k): bool(v) for k, v in dict(saved.get("profile") or {}).items()}
        except (DataError, TypeError, ValueError, AttributeError) as problem:
            notice = f"Jawaban tersimpan tidak bisa dibaca ({problem}). Mulai dari awal."
    elif path.exists():
        try:
            saved = instrument.load_survey(path)
            answers = dict(saved.get("answers", {}))
            profile = dict(saved.get("profile", {}) or {})
        except DataError:  # a damaged file is set aside, never overwritten
            backup = set_aside(path)
            notice = f"File {path.name} rusak; disimpan sebagai {backup.name}. Mulai dari awal."
    status = w.HTML()
    result = w.HTML()

    def refresh():
        try:
            if keeper is not None:
                keeper.save({"answers": answers, "profile": profile})
            else:
                _save(path, answers, profile)
        except DataError as problem:  # a read-only folder, a full disk: say so, keep the answers shown
            status.value = layout.prose(f"<p style='color:#8a1c1c'><b>Jawaban belum tersimpan.</b> "
                                        f"{html.escape(str(problem))}</p>")
            return
        total = sum(len(s["items"]) for s in inst["sections"])
        where = keeper.where if keeper is not None else path.name
        status.value = layout.prose(f"<p>Tersimpan di <code>{html.escape(where)}</code>: "
                                    f"{len(answers) + len(profile)} dari {total} butir.</p>")
        view = levels.self_assessment({"answers": answers, "profile": profile})
        result.value = layout.prose(
            f"<p>Menurut jawaban Anda: kemampuan tingkat {view.get('capability_level') or '-'}, "
            f"hasil tingkat {view.get('outcome_level') or '-'}, tahap adopsi "
            f"{view.get('adoption_stage') or '-'}.</p>")

    sections, titles = [], []
    for section in inst["sections"]:
        rows = []
        for item in section["items"]:
            label = w.HTML(layout.prose(html.escape(item["text"]), max_width=layout.TEXT_MAX,
                                        margin="8px 0 0"))
            if item.get("answer") == "yes_no" or section["id"] == "profile":
                key = item.get("key", item["id"])
                box = w.ToggleButtons(options=[("Belum", False), ("Ya", True)],
                                      value=bool(profile.get(key, False)), style={"button_width": "6em"},
                                      layout=layout.full_width())

                def on_profile(change, key=key):
                    profile[key] = bool(change["new"])
                    refresh()

                box.observe(on_profile, names="value")
            else:
                box = w.ToggleButtons(options=[(str(k), k) for k in sorted(scale)],
                                      value=answers.get(item["id"]),
                                      tooltips=[scale[k] for k in sorted(scale)],
                                      style={"button_width": layout.TOUCH}, layout=layout.full_width())

                def on_answer(change, item_id=item["id"]):
                    if change["new"] is not None:
                        answers[item_id] = int(change["new"])
                        refresh()

                box.observe(on_answer, names="value")
            rows += [label, box]
        sections.append(w.VBox(rows, layout=layout.full_width()))
        titles.append(section.get("title", section["id"]))
    accordion = w.Accordion(children=sections, layout=layout.full_width())
    for i, t in enumerate(titles):
        accordion.set_title(i, t)
    legend = w.HTML(layout.prose("<p>Skala: " + "; ".join(f"{k} = {html.escape(v)}"
                                                          for k, v in sorted(scale.items())) + "</p>"))
    warn = w.HTML(layout.prose(f"<p style='color:#8a5a00'>{html.escape(notice)}</p>") if notice else "")
    box = w.VBox([warn, legend, accordion, status, result], layout=layout.full_width())
    box.accordion, box.answers, box.profile, box.path = accordion, answers, profile, path
    return box
