"""Triage practice: a scenario's incoming items one at a time, six buttons, instant feedback."""

from __future__ import annotations

import html

import ipywidgets as w

from humaskit import scenarios
from humaskit.corpus import TRIAGE_LABELS
from humaskit.triage import ACTIONS, DEFINITIONS, NAMES

TYPE_NAMES = {"comment": "komentar", "post": "unggahan", "message": "pesan/aduan"}


class TriageSession:
    """The items of one scenario and the trainee's answers (kept in memory)."""

    def __init__(self, scenario_id: str, n: int | None = None):
        self.scenario = scenarios.get(scenario_id)
        items = scenarios.timeline(scenario_id)
        self.items = items.head(n) if n else items
        self.answers: dict[str, str] = {}
        self.position = 0

    def current(self):
        if self.position >= len(self.items):
            return None
        return self.items.iloc[self.position]

    def answer(self, label: str) -> dict:
        item = self.current()
        self.answers[item["item_id"]] = label
        correct = label == item["triage"]
        return {"correct": correct, "chosen": label, "reference": item["triage"], "why": item["why"],
                "action": ACTIONS[item["triage"]]}

    def next(self) -> None:
        self.position += 1

    def score(self) -> dict:
        right = sum(1 for iid, lab in self.answers.items()
                    if lab == self.items.set_index("item_id").at[iid, "triage"])
        done = len(self.answers)
        return {"dijawab": done, "total": len(self.items), "benar": right,
                "persen_benar": round(100 * right / done) if done else 0}

    def mistakes(self):
        """Which labels the trainee confused: reference label -> chosen label -> count."""
        ref = self.items.set_index("item_id")["triage"]
        out: dict[tuple[str, str], int] = {}
        for iid, lab in self.answers.items():
            if lab != ref[iid]:
                out[(ref[iid], lab)] = out.get((ref[iid], lab), 0) + 1
        return out


def triage_practice(scenario_id: str, n: int | None = None, session: TriageSession | None = None):
    """Show a scenario's items one by one; the trainee picks a label and sees why and what to do."""
    session = session or TriageSession(scenario_id, n)
    card = w.HTML()
    feedback = w.HTML()
    score = w.HTML()
    progress = w.IntProgress(min=0, max=len(session.items), description="Kemajuan")
    buttons = [w.Button(description=NAMES[lab], tooltip=DEFINITIONS[lab], layout=w.Layout(width="auto"))
               for lab in TRIAGE_LABELS]
    next_button = w.Button(description="Butir berikutnya ▶", button_style="info",
                           layout=w.Layout(display="none"))

    def show_score():
        s = session.score()
        progress.value = s["dijawab"]
        score.value = (f"<p>Dijawab {s['dijawab']} dari {s['total']} · benar {s['benar']} "
                       f"({s['persen_benar']}%)</p>")

    def show_current():
        show_score()
        item = session.current()
        if item is None:
            confused = session.mistakes()
            tips = "".join(f"<li>{html.escape(NAMES[a])} dikira {html.escape(NAMES[b])}: {k}×</li>"
                           for (a, b), k in sorted(confused.items(), key=lambda x: -x[1]))
            card.value = ("<p><b>Selesai.</b> Semua butir sudah Anda triase.</p>"
                          + (f"<p>Yang paling sering tertukar:</p><ul>{tips}</ul>" if tips else ""))
            for b in buttons:
                b.disabled = True
            return
        text = html.escape(item["text"]).replace("\n", "<br>")
        card.value = (f"<div style='border:1px solid #ccc;padding:8px;border-radius:6px;max-width:640px'>"
                      f"<small>{html.escape(item['channel'])} · {TYPE_NAMES.get(item['type'], item['type'])}"
                      f" · {item['created_at']:%d/%m %H.%M} WIB · {html.escape(item['author'])}</small>"
                      f"<p>{text}</p></div>")
        for b in buttons:
            b.disabled = False

    def on_label(label):
        def handler(_):
            fb = session.answer(label)
            colour = "#1b5e20" if fb["correct"] else "#8a1c1c"
            verdict = ("Tepat!" if fb["correct"] else
                       f"Belum tepat: Anda memilih {NAMES[fb['chosen']]}, acuannya {NAMES[fb['reference']]}.")
            feedback.value = (f"<p style='color:{colour}'><b>{html.escape(verdict)}</b></p>"
                              f"<p>{html.escape(fb['why'])}</p>"
                              f"<p><i>Tindakan yang disarankan:</i> {html.escape(fb['action'])}</p>")
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

    for b, lab in zip(buttons, TRIAGE_LABELS, strict=True):
        b.on_click(on_label(lab))
    next_button.on_click(on_next)
    show_current()
    box = w.VBox([progress, score, card, w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")),
                  feedback, next_button])
    box.session, box.buttons, box.next_button, box.feedback = session, buttons, next_button, feedback
    return box
