"""A scenario as a card a workshop table reads before triaging: situation, facts, unknowns."""

from __future__ import annotations

import html

import ipywidgets as w

from humaskit.data import names, scenarios
from humaskit.response import plans
from humaskit.ui.widgets import layout


def scenario_html(scenario_id: str) -> str:
    s = scenarios.get(scenario_id)
    esc = html.escape

    def items(values) -> str:
        return "".join(f"<li>{esc(str(v))}</li>" for v in values)

    stakeholders = "".join(f"<li><b>{esc(x['name'])}</b>: {esc(x['stake'])}</li>" for x in s["stakeholders"])
    channels = plans.channel_names(s["channels"])
    return (f"<h3>{esc(s['title'])}</h3>"
            f"<p><small>Instansi: {esc(s['agency'])} · mulai {s['start']:%d/%m/%Y %H.%M} WIB · kanal: "
            f"{esc(channels)} · tahap isu: {esc(names.LIFE_CYCLE[s['life_cycle_stage']])}</small></p>"
            f"<p>{esc(s['summary']).replace(chr(10), ' ')}</p>"
            f"<p><b>Fakta yang diketahui instansi</b></p><ul>{items(s['facts'])}</ul>"
            f"<p><b>Yang belum diketahui</b></p><ul>{items(s['unknowns'])}</ul>"
            f"<p><b>Publik dan pemangku kepentingan</b></p><ul>{stakeholders}</ul>")


def scenario_card(scenario_id: str) -> w.HTML:
    """The scenario's summary, facts, unknowns and stakeholders as one readable card."""
    return w.HTML(layout.prose(scenario_html(scenario_id), max_width=layout.TEXT_MAX),
                  layout=layout.full_width())
