"""The facilitator's dashboard: what the room has done, live, behind the facilitator's token.

Figures (English keys here; :func:`dashboard_app` draws them in Indonesian):

* human agreement among the participants who coded the same posts (app 01): Krippendorff's alpha
  (nominal, the ``krippendorff`` package) and Fleiss' kappa (:func:`fleiss_kappa`, the form for a
  varying number of coders per post), overall with 95% bootstrap intervals over posts, and per
  post (the post's pairwise agreement against the session's chance agreement, with a bootstrap
  interval over its codes), most disputed first. These are figures of *humans in the workshop
  room*, the kit's own human agreement figure;
* the distribution of maturity levels (app 02): self-assessed capability and outcome, and the
  kit's estimate when a table asked for it;
* plan completeness (app 03): sections filled and problems left per plan;
* the session's codes for export (CSV, XLSX): session, post_id, coder, label, with coders as
  ``K01``, ``K02``... and no names, so that a trainer can pool rooms.
"""

from __future__ import annotations

import base64
import hmac
import html
import io
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd

from humaskit.core import formats
from humaskit.core.errors import DataError
from humaskit.core.storage import write_bytes_atomic
from humaskit.data import names
from humaskit.data.schema import LABEL_IDS
from humaskit.workshop import store as st

TOKEN_ENV = st.TOKEN_ENV
RESAMPLES = 1000
SEED = 20261207
EXPORT_COLUMNS = ["session", "post_id", "coder", "label"]
PLAN_SECTIONS = ("issue", "crisis", "holding_statement", "key_messages", "risks", "responses",
                 "stakeholders", "approval_chain", "monitoring", "evaluation", "cerc")
SOURCE_NOTE = "manusia di ruang lokakarya"


def check_token(given: str, expected: str | None = None) -> bool:
    """True when ``given`` is the facilitator token (``$HUMASKIT_WORKSHOP_TOKEN``); never when no
    token is set."""
    expected = os.environ.get(TOKEN_ENV, "") if expected is None else expected
    return bool(expected) and hmac.compare_digest(str(given).strip().encode(), expected.encode())


# -- the room's codes ----------------------------------------------------------------------------

def codes_frame(store: st.Store, session: st.Session) -> pd.DataFrame:
    """The session's newest code per participant and post: session, post_id, coder, label.
    ``coder`` is ``K01``, ``K02``... in order of joining (no names)."""
    rows = store.session_latest(session.id, "code")
    order = {p["id"]: i + 1 for i, p in enumerate(store.participants(session.id))}
    frame = pd.DataFrame([{"session": session.code, "post_id": r["item_key"],
                           "coder": f"K{order[r['participant_id']]:02d}", "label": r["payload"]}
                          for r in rows if r["payload"] in LABEL_IDS], columns=EXPORT_COLUMNS)
    return frame.sort_values(["post_id", "coder"]).reset_index(drop=True)


def count_matrix(codes: pd.DataFrame) -> pd.DataFrame:
    """Posts x labels: how many coders gave each label to each post (posts with 2+ codes only)."""
    counts = pd.crosstab(codes["post_id"], codes["label"]).reindex(columns=list(LABEL_IDS), fill_value=0)
    return counts[counts.sum(axis=1) >= 2]


def fleiss_kappa(counts: np.ndarray) -> float:
    """Fleiss' kappa from a subjects x categories count table. Subjects may have different numbers
    of raters (each at least 2): a subject's agreement is the share of agreeing rater pairs, the
    chance agreement comes from the pooled category shares. nan when there is no variation."""
    counts = np.asarray(counts, dtype=float)
    n = counts.sum(axis=1)
    if counts.size == 0 or (n < 2).any():
        raise ValueError("every subject needs at least two ratings")
    observed = ((counts * (counts - 1)).sum(axis=1) / (n * (n - 1))).mean()
    shares = counts.sum(axis=0) / counts.sum()
    chance = float((shares ** 2).sum())
    return float("nan") if chance >= 1 else float((observed - chance) / (1 - chance))


def _alpha(counts: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) from a units x values count table (the package's own input)."""
    if (counts.sum(axis=0) > 0).sum() < 2:
        return float("nan")
    return float(krippendorff.alpha(value_counts=counts, level_of_measurement="nominal"))


def _interval(values: np.ndarray) -> tuple[float, float]:
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return (float("nan"), float("nan"))
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def agreement(codes: pd.DataFrame, resamples: int = RESAMPLES, seed: int = SEED) -> dict:
    """Overall agreement among the room's coders: alpha and kappa with 95% bootstrap intervals
    (posts drawn with replacement), and how many posts, coders and codes they rest on."""
    counts = count_matrix(codes)
    table = counts.to_numpy()
    coders = codes[codes["post_id"].isin(counts.index)]["coder"].nunique()
    out = {"posts": len(table), "coders": int(coders), "codes": int(table.sum()), "source": SOURCE_NOTE,
           "resamples": resamples, "alpha": float("nan"), "alpha_ci": (float("nan"), float("nan")),
           "kappa": float("nan"), "kappa_ci": (float("nan"), float("nan"))}
    if len(table) < 2:
        return out
    out["alpha"], out["kappa"] = _alpha(table), fleiss_kappa(table)
    rng = np.random.default_rng(seed)
    alphas, kappas = np.empty(resamples), np.empty(resamples)
    for i in range(resamples):
        sample = table[rng.integers(0, len(table), len(table))]
        alphas[i], kappas[i] = _alpha(sample), fleiss_kappa(sample)
    out["alpha_ci"], out["kappa_ci"] = _interval(alphas), _interval(kappas)
    return out


def per_post(codes: pd.DataFrame, resamples: int = RESAMPLES, seed: int = SEED) -> pd.DataFrame:
    """One row per post coded by 2+ participants, most disputed first: post_id, codes, the
    majority label and its share, the share of agreeing coder pairs (``agreement``, with a 95%
    bootstrap interval over the post's codes), and that agreement as kappa and alpha against the
    session's chance agreement (``kappa``, ``alpha``), and the label counts."""
    counts = count_matrix(codes)
    columns = ["post_id", "codes", "majority", "majority_share", "agreement", "agreement_low",
               "agreement_high", "kappa", "alpha", "counts"]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    table = counts.to_numpy().astype(float)
    pooled = table.sum(axis=0) / table.sum()
    chance = float((pooled ** 2).sum())
    total = table.sum()
    # Krippendorff's expected disagreement (nominal) over all pairable values of the session.
    expected = 1 - float((table.sum(axis=0) * (table.sum(axis=0) - 1)).sum() / (total * (total - 1)))
    rng = np.random.default_rng(seed)
    rows = []
    for post_id, row in zip(counts.index, table, strict=True):
        n = row.sum()
        pairs = float((row * (row - 1)).sum() / (n * (n - 1)))
        draws = rng.multinomial(int(n), row / n, size=resamples).astype(float)
        boot = (draws * (draws - 1)).sum(axis=1) / (n * (n - 1))
        low, high = _interval(boot)
        rows.append({
            "post_id": post_id, "codes": int(n), "majority": LABEL_IDS[int(row.argmax())],
            "majority_share": float(row.max() / n), "agreement": pairs, "agreement_low": low,
            "agreement_high": high,
            "kappa": (pairs - chance) / (1 - chance) if chance < 1 else float("nan"),
            "alpha": 1 - (1 - pairs) / expected if expected > 0 else float("nan"),
            "counts": {lab: int(c) for lab, c in zip(LABEL_IDS, row, strict=True) if c},
        })
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["agreement", "post_id"]).reset_index(drop=True)


# -- maturity and plans -----------------------------------------------------------------------------

def maturity_rows(store: st.Store, session: st.Session) -> pd.DataFrame:
    """One row per participant (table) with a self-assessment or an estimate: name, answered
    statements, self-assessed capability and outcome levels, the kit's estimate (agency, level)."""
    from humaskit.maturity import levels  # the dashboard's other figures do not need it

    rows: dict[int, dict] = {}
    for r in store.session_latest(session.id, "maturity"):
        view = levels.self_assessment(r["payload"] if isinstance(r["payload"], dict) else {})
        rows[r["participant_id"]] = {"name": r["display_name"], "answered": view.get("answered", 0),
                                     "capability_level": view.get("capability_level"),
                                     "outcome_level": view.get("outcome_level")}
    latest_estimate: dict[int, dict] = {}
    for r in sorted(store.session_latest(session.id, "estimate"), key=lambda r: r["created_at"]):
        latest_estimate[r["participant_id"]] = {**r["payload"], "name": r["display_name"]}
    for pid, est in latest_estimate.items():
        row = rows.setdefault(pid, {"name": est["name"], "answered": 0, "capability_level": None,
                                    "outcome_level": None})
        row["account"], row["estimated_level"] = est.get("account"), est.get("level")
    columns = ["name", "answered", "capability_level", "outcome_level", "account", "estimated_level"]
    return pd.DataFrame(list(rows.values()), columns=columns)


def level_distribution(rows: pd.DataFrame) -> pd.DataFrame:
    """How many tables are at each level 1-5: self-assessed capability, outcome, and estimated."""
    out = pd.DataFrame(index=pd.Index(range(1, 6), name="level"))
    for column in ("capability_level", "outcome_level", "estimated_level"):
        values = pd.to_numeric(rows[column], errors="coerce").dropna().astype(int) if len(rows) else []
        out[column] = pd.Series(values).value_counts().reindex(out.index, fill_value=0).astype(int)
    return out


def _filled(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_filled(v) for v in value.values())
    if isinstance(value, list):
        return any(_filled(v) for v in value)
    return True


def plan_rows(store: st.Store, session: st.Session) -> pd.DataFrame:
    """One row per saved plan: name, scenario, version, sections filled (of 11), problems left
    (the kit's plan checker), and whether the plan passes."""
    from humaskit.response import plans  # only the plans view needs the checker

    rows = []
    for r in store.session_latest(session.id, "plan"):
        text = r["payload"].get("text", "") if isinstance(r["payload"], dict) else ""
        try:
            plan = plans.parse(text)
            problems = len(plans.validate(plan))
        except DataError:
            plan, problems = {}, None
        filled = sum(_filled(plan.get(s)) for s in PLAN_SECTIONS)
        rows.append({"name": r["display_name"], "scenario": r["item_key"], "version": r["revision"],
                     "sections_filled": filled, "sections": len(PLAN_SECTIONS), "problems": problems,
                     "passes": problems == 0})
    return pd.DataFrame(rows, columns=["name", "scenario", "version", "sections_filled", "sections",
                                       "problems", "passes"])


# -- export -------------------------------------------------------------------------------------------

def export_bytes(codes: pd.DataFrame, fmt: str) -> bytes:
    """The codes as CSV (UTF-8) or XLSX, columns session, post_id, coder, label."""
    frame = codes[EXPORT_COLUMNS]
    if fmt == "csv":
        return frame.to_csv(index=False).encode("utf-8")
    if fmt == "xlsx":
        buffer = io.BytesIO()
        frame.to_excel(buffer, index=False, sheet_name="kode")
        return buffer.getvalue()
    raise DataError(f"format ekspor '{fmt}' tidak dikenal; pilih csv atau xlsx.")


def export(codes: pd.DataFrame, path: str | Path) -> Path:
    """Write the codes to ``path`` (.csv or .xlsx), atomically."""
    path = Path(path)
    write_bytes_atomic(path, export_bytes(codes, path.suffix.lower().lstrip(".")))
    return path


# -- drawing ------------------------------------------------------------------------------------------

def _figure(value: float, interval: Sequence[float]) -> str:
    low, high = interval
    return (f"{formats.number(value, 2)} (95%: {formats.number(low, 2)} sampai {formats.number(high, 2)})"
            if value == value else "belum bisa dihitung")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th style='text-align:left;padding:2px 6px'>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td style='padding:2px 6px'>{c}</td>" for c in row) + "</tr>"
                   for row in rows)
    return (f"<div style='overflow-x:auto;max-width:100%'><table style='border-collapse:collapse'>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def agreement_html(codes: pd.DataFrame, post_texts: dict[str, str] | None = None, top: int = 5) -> str:
    """The agreement section: overall figures with intervals and the most disputed posts."""
    result = agreement(codes)
    if result["posts"] < 2:
        return ("<p>Belum cukup data: kesepakatan dihitung setelah minimal dua unggahan dikode oleh "
                "minimal dua peserta.</p>")
    lines = [f"Alfa Krippendorff: <b>{_figure(result['alpha'], result['alpha_ci'])}</b>",
             f"Kappa Fleiss: <b>{_figure(result['kappa'], result['kappa_ci'])}</b>",
             f"Dasar: {formats.number(result['posts'])} unggahan, {formats.number(result['coders'])} "
             f"pengode, {formats.number(result['codes'])} kode. Sumber: {SOURCE_NOTE}; interval 95% "
             f"dengan bootstrap ({formats.number(result['resamples'])} sampel ulang unggahan)."]
    posts = per_post(codes).head(top)
    texts = post_texts or {}
    rows = []
    for _, p in posts.iterrows():
        spread = ", ".join(f"{html.escape(names.LABELS[k])} {v}" for k, v in
                           sorted(p["counts"].items(), key=lambda kv: -kv[1]))
        text = texts.get(p["post_id"], "")
        shown = html.escape(text[:140] + ("…" if len(text) > 140 else ""))
        rows.append([f"<code>{html.escape(p['post_id'])}</code><br><small>{shown}</small>", spread,
                     f"{formats.percent(p['agreement'])} ({formats.percent(p['agreement_low'])}–"
                     f"{formats.percent(p['agreement_high'])})"])
    return ("<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"
            "<h4>Unggahan yang paling diperdebatkan</h4>"
            + _table(["Unggahan", "Label yang dipilih", "Pasangan sepakat (95%)"], rows))


def maturity_html(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "<p>Belum ada meja yang mengisi penilaian diri.</p>"
    dist = level_distribution(rows)
    table = _table(["Tingkat", "Kemampuan (penilaian diri)", "Hasil (penilaian diri)", "Perkiraan kit"],
                   [[html.escape(f"{lev} {names.LEVELS[lev]}"), *(formats.number(v) for v in dist.loc[lev])]
                    for lev in dist.index])
    each = _table(["Meja", "Butir dijawab", "Kemampuan", "Hasil", "Perkiraan kit"],
                  [[html.escape(str(r["name"])), formats.number(r["answered"]),
                    formats.number(r["capability_level"]), formats.number(r["outcome_level"]),
                    formats.number(r["estimated_level"])] for _, r in rows.iterrows()])
    return f"{table}<h4>Per meja</h4>{each}"


def _scenario_title(scenario_id: str) -> str:
    from humaskit.data import scenarios

    try:
        return str(scenarios.get(scenario_id)["title"])
    except (DataError, KeyError, OSError):
        return scenario_id


def plans_html(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "<p>Belum ada rencana yang disimpan.</p>"
    return _table(["Meja", "Skenario", "Versi", "Bagian terisi", "Masalah", "Lolos"],
                  [[html.escape(str(r["name"])), html.escape(_scenario_title(str(r["scenario"]))),
                    formats.number(r["version"]),
                    f"{formats.number(r['sections_filled'])} dari {formats.number(r['sections'])}",
                    formats.number(r["problems"]), names.YES_NO[bool(r["passes"])]]
                   for _, r in rows.iterrows()])


def participants_html(store: st.Store, session: st.Session, codes: pd.DataFrame) -> str:
    people = store.participants(session.id)
    if not people:
        return "<p>Belum ada peserta yang bergabung.</p>"
    order = {p["id"]: f"K{i + 1:02d}" for i, p in enumerate(people)}
    coded = codes.groupby("coder").size().to_dict() if len(codes) else {}
    # The personal code lets the facilitator help a participant who lost it; it is never exported.
    return _table(["Peserta", "Kode pribadi", "Kode pengode", "Unggahan dikode"],
                  [[html.escape(p["display_name"]), html.escape(p["pin"]), order[p["id"]],
                    formats.number(coded.get(order[p["id"]], 0))] for p in people])


def _download(data: bytes, filename: str, mime: str, text: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return (f"<a style='display:inline-block;padding:10px 12px 10px 0' download='{html.escape(filename)}' "
            f"href='data:{mime};base64,{encoded}'>⬇️ {html.escape(text)}</a>")


def _post_texts(post_ids) -> dict[str, str]:
    from humaskit.data import corpus

    try:
        posts = corpus.load_posts()
    except (DataError, OSError):
        return {}
    chosen = posts[posts["post_id"].isin(set(post_ids))]
    return dict(zip(chosen["post_id"], chosen["text"], strict=True))


def dashboard_app(store: st.Store | None = None, refresh_seconds: float = 15.0):
    """The dashboard: the token first, then a session to watch (or a new one), and the figures,
    refreshed every ``refresh_seconds`` (0: only with the button)."""
    import ipywidgets as w

    from humaskit.ui.widgets import layout

    token = w.Password(placeholder="token fasilitator")
    enter = w.Button(description="Masuk", button_style="primary", layout=layout.button())
    gate_note = w.HTML()
    gate = w.VBox([layout.labelled("Token fasilitator (tercetak saat server lokakarya dimulai)", token),
                   enter, gate_note], layout=layout.full_width(max_width="26em"))
    body = w.VBox(layout=layout.full_width())
    box = w.VBox([gate, body], layout=layout.full_width())
    state: dict = {"store": store, "timer": None}

    def open_dashboard():
        shop = state["store"] = state["store"] or st.open_store()
        choices = [(f"{s.code} · {s.title}" if s.title else s.code, s.code) for s in shop.sessions()]
        # The description is the select's <label>, so that a screen reader names it.
        pick = w.Dropdown(options=choices, value=choices[-1][1] if choices else None, description="Sesi",
                          style={"description_width": "initial"},
                          layout=layout.full_width(max_width=layout.FIELD_MAX))
        title = w.Text(placeholder="judul sesi, mis. Humas Kab. Contoh, 7 Des")
        new = w.Button(description="Buat sesi baru", icon="plus", layout=layout.button())
        again = w.Button(description="Perbarui", icon="refresh", layout=layout.button())
        code_note, figures, downloads = w.HTML(), w.HTML(), w.HTML()
        sections = {key: w.HTML() for key in ("people", "agreement", "maturity", "plans")}
        accordion = w.Accordion(children=list(sections.values()), layout=layout.full_width())
        for i, heading in enumerate(("Peserta", "Kesepakatan antarpeserta (modul 1)",
                                     "Tingkat kematangan (modul 2)", "Kelengkapan rencana (modul 3)")):
            accordion.set_title(i, heading)
        accordion.selected_index = 0

        def draw(_=None):
            session = shop.session(pick.value) if pick.value else None
            if session is None:
                figures.value = layout.prose("<p>Belum ada sesi. Buat sesi baru, lalu bagikan kodenya.</p>")
                return
            codes = codes_frame(shop, session)
            sections["people"].value = layout.prose(participants_html(shop, session, codes))
            sections["agreement"].value = layout.prose(
                agreement_html(codes, _post_texts(codes["post_id"].unique())), max_width=layout.TEXT_MAX)
            sections["maturity"].value = layout.prose(maturity_html(maturity_rows(shop, session)))
            sections["plans"].value = layout.prose(plans_html(plan_rows(shop, session)))
            figures.value = layout.prose(
                f"<p>Kode sesi: <b style='font-size:1.4em;letter-spacing:2px'>{html.escape(session.code)}"
                f"</b> · {formats.number(len(shop.participants(session.id)))} peserta · "
                f"{formats.number(len(codes))} kode unggahan</p>")
            stem = f"kode_lokakarya_{session.code}"
            downloads.value = layout.prose(
                "<p>Ekspor kode peserta (tanpa nama; kolom session, post_id, coder, label):</p>"
                + _download(export_bytes(codes, "csv"), f"{stem}.csv", "text/csv", f"{stem}.csv")
                + _download(export_bytes(codes, "xlsx"), f"{stem}.xlsx",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            f"{stem}.xlsx"))

        def make_session(_):
            made = shop.create_session(title.value.strip())
            pick.options = [*pick.options, (f"{made.code} · {made.title}" if made.title else made.code,
                                            made.code)]
            pick.value = made.code
            code_note.value = layout.prose(f"<p>Sesi baru dibuat. Tunjukkan kode <b>{made.code}</b> kepada "
                                           "peserta.</p>")

        pick.observe(draw, names="value")
        new.on_click(make_session)
        again.on_click(draw)
        body.children = [pick, w.HBox([again], layout=layout.wrap_row()),
                         figures, accordion, downloads,
                         w.VBox([layout.labelled("Sesi baru", title), new, code_note],
                                layout=layout.full_width(max_width="26em"))]
        draw()
        if refresh_seconds > 0:
            def tick():
                try:
                    draw()
                finally:
                    state["timer"] = threading.Timer(refresh_seconds, tick)
                    state["timer"].daemon = True
                    state["timer"].start()
            state["timer"] = threading.Timer(refresh_seconds, tick)
            state["timer"].daemon = True
            state["timer"].start()
        box.draw = draw

    def on_enter(_=None):
        if not os.environ.get(TOKEN_ENV):
            gate_note.value = layout.prose(
                "<p style='color:#8a1c1c'>Token fasilitator belum diatur. Jalankan dasbor lewat "
                "<code>humaskit workshop</code>, yang mencetak tokennya.</p>")
            return
        if not check_token(token.value):
            gate_note.value = layout.prose("<p style='color:#8a1c1c'>Token salah. Salin token yang "
                                           "dicetak di terminal server lokakarya.</p>")
            return
        gate.layout.display = "none"
        try:
            open_dashboard()
        except st.StoreError as problem:
            shown = html.escape(str(problem))
            body.children = [w.HTML(layout.prose(f"<p style='color:#8a1c1c'>{shown}</p>"))]

    enter.on_click(on_enter)
    box.token, box.enter, box.gate_note, box.body, box.state = token, enter, gate_note, body, state
    box.open = on_enter
    return box
