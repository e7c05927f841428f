"""The printable maturity report (HTML with embedded charts) for ``humaskit maturity``."""

from __future__ import annotations

import base64
import io

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from humaskit.core import formats, templates
from humaskit.data import names


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def radar(result: dict) -> str:
    """Share of each level's outcome criteria met, per level (a radar of the five levels)."""
    rows = pd.DataFrame(result["outcome_criteria"] + result["capability_criteria"])
    level_names = [f"{lev}. {names.LEVELS[lev]}" for lev in range(1, 6)]
    values = [rows.loc[rows["level"] == lev, "met"].fillna(False).astype(bool).mean() for lev in range(1, 6)]
    angles = np.linspace(0, 2 * np.pi, len(level_names), endpoint=False).tolist()
    fig = Figure(figsize=(5.2, 5.2))  # no pyplot: the report never touches a notebook's backend
    ax = fig.add_subplot(polar=True)
    ax.plot(angles + angles[:1], values + values[:1], color="#3b6ea5")
    ax.fill(angles + angles[:1], values + values[:1], color="#3b6ea5", alpha=0.25)
    ax.set_xticks(angles, level_names, fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_yticks([0.25, 0.5, 0.75, 1.0], ["25%", "50%", "75%", "100%"], fontsize=7)
    ax.set_title("Kriteria terpenuhi per tingkat (Lee & Kwak)", fontsize=10)
    return _png(fig)


STOC_NAMES = {"sharing": "Berbagi", "transparency": "Transparansi", "openness": "Keterbukaan",
              "collaboration": "Kolaborasi", "leadership": "Komitmen pimpinan",
              "structure": "Struktur & peran", "culture": "Budaya", "goals": "Keselarasan tujuan",
              "monitoring": "Monitoring & evaluasi", "resources": "Sumber daya"}


def culture_radar(result: dict) -> str | None:
    """The team's own view of Khan's STOC culture and management stages (Likert means, 1-5)."""
    view = result.get("self_assessment") or {}
    scores = {**(view.get("stoc_culture") or {}), **(view.get("management") or {})}
    if len(scores) < 3:
        return None
    names = [STOC_NAMES.get(k, k) for k in scores]
    values = list(scores.values())
    angles = np.linspace(0, 2 * np.pi, len(names), endpoint=False).tolist()
    fig = Figure(figsize=(5.2, 5.2))
    ax = fig.add_subplot(polar=True)
    ax.plot(angles + angles[:1], values + values[:1], color="#6a3d9a")
    ax.fill(angles + angles[:1], values + values[:1], color="#6a3d9a", alpha=0.25)
    ax.set_xticks(angles, names, fontsize=8)
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5], ["1", "2", "3", "4", "5"], fontsize=7)
    ax.set_title("Budaya STOC dan tahap manajemen (Khan), penilaian diri", fontsize=10)
    return _png(fig)


def response_distribution(result: dict) -> str | None:
    hours = result["evidence"].get("response_hours") or []
    if not hours:
        return None
    fig = Figure(figsize=(6.5, 3.2))
    ax = fig.subplots()
    bins = np.logspace(np.log10(max(min(hours), 0.01)), np.log10(max(hours) + 0.01), 25)
    ax.hist(hours, bins=bins.tolist(), color="#3b6ea5")
    ax.set_xscale("log")
    ticks = [(0.1, "6 mnt"), (1, "1 jam"), (6, "6 jam"), (24, "1 hari"), (72, "3 hari"),
             (168, "1 mgg"), (720, "1 bln")]
    lo, hi = bins[0], bins[-1]
    shown = [(t, s) for t, s in ticks if lo / 2 <= t <= hi * 2]
    ax.set_xticks([t for t, _ in shown], [s for _, s in shown])
    ax.minorticks_off()
    for x, label in ((24, "1 hari"), (72, "3 hari (SP4N-LAPOR)")):
        ax.axvline(x, color="#a33", linestyle="--", linewidth=1)
        ax.text(x, ax.get_ylim()[1] * 0.9, f" {label}", fontsize=7, color="#a33")
    ax.set_title("Sebaran waktu respons pertama instansi")
    ax.set_xlabel("waktu sejak pertanyaan/keluhan warga (skala log)")
    ax.set_ylabel("jumlah pertanyaan")
    formats.axes(ax, decimals=0)
    return _png(fig)


def heatmap(table: pd.DataFrame) -> str:
    fig = Figure(figsize=(7.5, 3))
    ax = fig.subplots()
    ax.imshow(table.values, aspect="auto", cmap="Blues")
    ax.set_yticks(range(len(table.index)), [formats.WEEKDAYS[d] for d in table.index], fontsize=8)
    ax.set_xticks(range(0, 24, 2), [f"{h:02d}" for h in range(0, 24, 2)], fontsize=8)
    ax.set_title("Kapan akun mengunggah (hari x jam, WIB)")
    ax.set_xlabel("jam")
    ax.set_ylabel("hari")
    return _png(fig)


def render_html(result: dict, heatmap_table: pd.DataFrame) -> str:
    return templates.render(
        "maturity.html.j2",
        r=result, levels=names.LEVELS, radar=radar(result), culture=culture_radar(result),
        response=response_distribution(result), heatmap=heatmap(heatmap_table),
    )
