"""What the Voila workshop apps share: participants' file names and the HTML pieces they show.

Apps stay thin: they lay out widgets and call these; the logic is here, unit-tested.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w

from humaskit.data import names
from humaskit.response import plans
from humaskit.ui.widgets.layout import TEXT_MAX, prose

# Used when a scenario has no example plan yet: common social media risks (Webber 2012).
GENERIC_RISKS = (
    {"id": "R1", "description": "Informasi keliru terus menyebar sebelum klarifikasi resmi terbit"},
    {"id": "R2", "description": "Warga menulis data pribadi (NIK, nomor HP) di kolom komentar"},
    {"id": "R3", "description": "Penipu memakai tautan atau rekening palsu atas nama instansi"},
    {"id": "R4", "description": "Pernyataan pejabat atau unit lain berbeda dengan pesan resmi humas"},
)


def file_stem(text: str, default: str = "peserta") -> str:
    """A participant's name as a safe file-name part: lower-case letters, digits and underscores,
    at most 40 characters; an empty result becomes ``default``."""
    clean = re.sub(r"[^a-z0-9_]", "", re.sub(r"\s+", "_", str(text).strip().lower()))[:40]
    return clean or default


def bullet_list(items: Iterable) -> str:
    """Items as an HTML list, each escaped."""
    return "<ul>" + "".join(f"<li>{html.escape(str(item))}</li>" for item in items) + "</ul>"


def level_html(level: int | None) -> str:
    """A maturity level with its name: "3 (Partisipasi terbuka)"; "-" when unknown."""
    return "-" if level is None else f"{level} ({html.escape(names.LEVELS[level])})"


def maturity_summary_html(result: dict, agency_name: str) -> str:
    """Level, capability, outcome, gaps and next steps of a maturity estimate, as short HTML."""
    own = result["self_assessment"]
    lines = [f"Kemampuan: tingkat {level_html(result['capability_level'])}, "
             f"sumber: {html.escape(result['capability_source'])}",
             f"Hasil, dari data unggahan dan komentar: tingkat {level_html(result['outcome_level'])}",
             f"Kemampuan yang terlihat di data: tingkat {level_html(result['data_capability_level'])}"]
    if own:
        lines.append(f"Penilaian diri Anda: kemampuan tingkat {level_html(own.get('capability_level'))}, "
                     f"hasil tingkat {level_html(own.get('outcome_level'))}")
    gaps = (bullet_list(result["gaps"]) if result["gaps"] else
            "<p>Belum ada penilaian diri tentang hasil yang bisa dibandingkan dengan data. "
            "Isi bagian <i>hasil</i> pada langkah 2, lalu klik lagi.</p>")
    body = (f"<h3>{html.escape(agency_name)}</h3>"
            f"<p style='font-size:1.5em;margin:4px 0'><b>Tingkat {result['level']}: "
            f"{html.escape(result['level_name'])}</b></p>"
            "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"
            "<p><i>Tingkat keseluruhan adalah yang lebih rendah dari kemampuan dan hasil.</i></p>"
            f"<h4>Kesenjangan antara penilaian diri dan data</h4>{gaps}"
            f"<h4>Langkah menuju tingkat berikutnya</h4>{bullet_list(result['recommendations'])}"
            f"<h4>Seberapa pasti?</h4>{bullet_list(result['uncertainty']['notes'])}")
    return prose(body, max_width=TEXT_MAX)


def agency_profiles(agencies) -> dict[str, str]:
    """Each agency's short profile as HTML, by account (``agencies`` indexed by account, with
    ``name``, ``region`` and ``bio``): made once, so that choosing an agency only looks one up."""
    return {str(account): prose(f"<p><b>{html.escape(str(row['name']))}</b> · "
                                f"{html.escape(str(row['region']))}<br>"
                                f"<i>Bio akun:</i> {html.escape(str(row['bio']))}</p>", max_width=TEXT_MAX)
            for account, row in agencies.iterrows()}


def scenario_risks(scenario_id: str, limit: int = 5) -> list[dict]:
    """Up to ``limit`` risks of the scenario's example plan, without their scores (a table scores
    them itself); the generic risks when the scenario has no example plan."""
    example = plans.example(scenario_id)
    risks = example["risks"][:limit] if example else GENERIC_RISKS
    return [{"id": r["id"], "description": r["description"]} for r in risks]


WAITING = "Bergabung dulu di langkah 1 untuk membuka langkah ini."


def close_tree(widget: w.Widget) -> None:
    """Close ``widget`` and every widget inside it (the front end forgets them; the kernel frees them)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


class JoinedSteps:
    """The steps of an app that are drawn only once the table has joined (step 1).

    A workshop page then opens with the few widgets of the join form: the room's 40 pages open at
    once, and every widget the kernel holds is sent to each page. :meth:`step` returns a box that
    says ``waiting`` until the table joins; then every step is built for the picker's value and built
    again (the old widgets closed) when the value changes. ``room`` is anything with ``participant``
    and ``on_join(call)`` (:class:`humaskit.workshop.room.Room`)."""

    def __init__(self, room: Any, picker: w.ValueWidget):
        self.room, self.picker = room, picker
        self.steps: list[tuple[w.VBox, Callable[..., list[w.Widget]]]] = []
        room.on_join(lambda _participant: self.draw())
        picker.observe(lambda _change: self.draw(), names="value")

    @property
    def joined(self) -> bool:
        return self.room.participant is not None

    def step(self, build: Callable[..., list[w.Widget]], waiting: str = WAITING) -> w.VBox:
        """A box for one step: ``build(value)`` returns its widgets once the table has joined."""
        box = w.VBox([w.HTML(prose(f"<p><i>{html.escape(waiting)}</i></p>"))],
                     layout=w.Layout(width="100%", min_width="0"))
        self.steps.append((box, build))
        if self.joined:
            self.redraw(box)
        return box

    def redraw(self, box: w.VBox, **extra: Any) -> None:
        """Build one step again (``extra`` goes to its build function), closing its old widgets."""
        if not self.joined:
            return
        build = next(make for b, make in self.steps if b is box)
        old = box.children
        box.children = list(build(self.picker.value, **extra))
        for widget in old:
            close_tree(widget)

    def draw(self) -> None:
        """Build every step for the picker's value (nothing before the table has joined)."""
        for box, _build in self.steps:
            self.redraw(box)
