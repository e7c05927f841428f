"""Triage practice: a scenario's incoming items one at a time, six buttons, instant feedback."""

from __future__ import annotations

import html

from humaskit.course.practice import TriageSession
from humaskit.data import names
from humaskit.data.schema import TRIAGE_LABELS
from humaskit.ui.widgets.practice import card, practice_widget, verdict


def triage_practice(scenario_id: str, n: int | None = None, session: TriageSession | None = None):
    """Show a scenario's items one by one; the trainee picks a label and sees why and what to do."""
    session = session or TriageSession(scenario_id, n)

    def draw_item(item) -> str:
        meta = (f"{item['channel']} · {names.ITEM_TYPES.get(item['type'], item['type'])} · "
                f"{item['created_at']:%d/%m %H.%M} WIB · {item['author']}")
        return card(meta, item["text"])

    def draw_feedback(fb: dict) -> str:
        said = ("Tepat!" if fb["correct"] else
                f"Belum tepat: Anda memilih {names.TRIAGE[fb['chosen']]}, label rujukan "
                f"{names.TRIAGE[fb['reference']]}.")
        return (verdict(fb["correct"], f"<b>{html.escape(said)}</b>") + f"<p>{html.escape(fb['why'])}</p>"
                f"<p><i>Tindakan yang disarankan:</i> {html.escape(fb['action'])}</p>")

    def draw_done() -> str:
        confused = session.mistakes()
        tips = "".join(f"<li>{html.escape(names.TRIAGE[a])} dikira {html.escape(names.TRIAGE[b])}: {k}×</li>"
                       for (a, b), k in sorted(confused.items(), key=lambda x: -x[1]))
        return ("<p><b>Selesai.</b> Semua butir sudah Anda triase.</p>"
                + (f"<p>Yang paling sering tertukar:</p><ul>{tips}</ul>" if tips else ""))

    return practice_widget(
        session,
        choices=[(lab, names.TRIAGE[lab], names.TRIAGE_DEFINITIONS[lab]) for lab in TRIAGE_LABELS],
        draw_item=draw_item, draw_feedback=draw_feedback, draw_done=draw_done,
        next_text="Butir berikutnya ▶",
    )
