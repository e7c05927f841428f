"""The plan form: a response plan written in boxes, checked on every keystroke, saved as YAML.

The trainee never edits YAML by hand: each box maps to a field of the plan schema, the list of
problems (in Indonesian, from :func:`humaskit.response.plans.validate`) updates as they type, "Simpan"
writes the plan file atomically, and "Buat dokumen Word" offers the memo for download.
"""

from __future__ import annotations

import base64
import copy
import html
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as w

from humaskit.core.errors import DataError
from humaskit.core.storage import StorageError, set_aside, write_text_atomic
from humaskit.data import frameworks, names
from humaskit.response import plans
from humaskit.response.plans import CHANNELS, LAPOR_TYPES
from humaskit.ui import plan_export

N_RISKS = 5
N_RESPONSES = 4
_WIDE = w.Layout(width="98%")
_BLANK = ("— pilih —", "")


def _options(values, names: dict | None = None):
    return [_BLANK] + [(f"{v}: {names[v]}" if names and v in names else str(v), v) for v in values]


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _allowed(value, allowed, default=None):
    """The value when it is one of the allowed ones (a widget refuses anything else), else default."""
    try:
        return value if value in allowed else default
    except TypeError:  # an unhashable value from a hand-edited file
        return default


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _get(plan: dict, dotted: str) -> Any:
    node: object = plan
    for key in dotted.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _set(plan: dict, dotted: str, value) -> None:
    keys = dotted.split(".")
    node = plan
    for key in keys[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[keys[-1]] = value


class PlanForm:
    """Widgets bound to a plan dict. ``plan()`` reads them back; ``problems()`` validates."""

    def __init__(self, scenario_id: str, path: str | Path | None = None, risks: list[dict] | None = None):
        self.path = Path(path) if path else Path(f"rencana_{scenario_id}.yaml")
        self.notice = ""
        self.damaged = False  # the file at path could not be read: it is kept as a backup on save
        self.backup: Path | None = None
        base = None
        if self.path.exists():
            try:
                base = plans.load(self.path)
                self.notice = f"Melanjutkan rencana yang tersimpan di {self.path.name}."
            except DataError as exc:
                self.damaged = True
                self.notice = (f"File {self.path.name} tidak bisa dibaca ({exc}); form dimulai dari "
                               "kerangka. Saat Anda menekan Simpan, file lama disimpan sebagai cadangan "
                               "(.rusak-...), tidak dihapus.")
        self.base = base if base is not None else plans.parse(plans.skeleton(scenario_id))
        filled = [r for r in self.base.get("risks") or [] if isinstance(r, dict) and r.get("description")]
        if risks and not filled:  # risks scored earlier (e.g. with risk_scorer) start the register
            self.base["risks"] = [{k: r.get(k) for k in ("description", "category", "likelihood", "impact",
                                                         "mitigation", "owner", "review_date")}
                                  for r in risks[:N_RISKS]]
        self.fields: dict[str, w.Widget] = {}
        self._build()

    # -- widgets --------------------------------------------------------------------------------
    def _field(self, dotted: str, kind: str = "text", label: str = "", options=None, lines: int = 3):
        value = _get(self.base, dotted)
        style = {"description_width": "initial"}
        if kind == "area":
            widget = w.Textarea(value=_text(value), description=label, layout=_WIDE, style=style,
                                rows=lines)
        elif kind == "choice":
            allowed = [v for _, v in options]
            widget = w.Dropdown(options=options, value=value if value in allowed else "",
                                description=label, style=style)
        elif kind == "flag":
            widget = w.Checkbox(value=bool(value), description=label, indent=False)
        elif kind == "lines":
            widget = w.Textarea(value="\n".join(_text(v) for v in value or [] if _text(v)),
                                description=label, layout=_WIDE, style=style, rows=lines)
        elif kind == "channels":
            chosen = [c for c in value or [] if c in CHANNELS]
            widget = w.SelectMultiple(options=list(CHANNELS), value=chosen, description=label,
                                      rows=5, style=style)
        else:
            widget = w.Text(value=_text(value), description=label, layout=_WIDE, style=style)
        widget.kind = kind
        self.fields[dotted] = widget
        return widget

    def _build(self) -> None:
        f = self._field
        general = w.VBox([
            f("title", label="Judul rencana"), f("prepared_by", label="Penyusun"),
            f("memo.to", label="Yth. (tujuan nota dinas)"), f("memo.from", label="Dari"),
            f("memo.number", label="Nomor nota dinas"),
            f("memo.nature", "choice", "Sifat", _options(names.MEMO_NATURE)),
        ])
        issue = w.VBox([
            f("issue.summary", "area", "Ringkasan isu", lines=5),
            f("issue.stage", "choice", "Tahap isu", _options(names.LIFE_CYCLE, names.LIFE_CYCLE)),
            f("issue.detected_at", label="Terdeteksi (TTTT-BB-HHTjj:mm:dd+07:00)"),
        ])
        scct = w.VBox([
            f("crisis.cluster", "choice", "Klaster", _options(names.CLUSTER_DESCRIPTIONS)),
            f("crisis.posture", "choice", "Postur",
              _options(names.POSTURE_DESCRIPTIONS, names.POSTURE_DESCRIPTIONS)),
            f("crisis.bolstering", "flag", "Tambahkan penguatan (bolstering)"),
            f("crisis.rationale", "area", "Alasan postur"),
            f("crisis.cerc_phase", "choice", "Fase CERC", _options(names.CERC_PHASES, names.CERC_PHASES)),
            f("instructing_information", "area", "Informasi instruksi"),
            f("adjusting_information", "area", "Informasi penyesuaian"),
        ])
        holding = w.VBox([
            f("holding_statement.text", "area", "Pernyataan sementara", lines=5),
            f("holding_statement.publish_by", label="Terbit paling lambat"),
            f("holding_statement.channels", "channels", "Kanal"),
            f("key_messages", "lines", "Pesan kunci (satu per baris)", lines=5),
        ])
        risks = w.VBox([self._risk_row(i) for i in range(N_RISKS)])
        responses = w.VBox([self._response_row(i) for i in range(N_RESPONSES)])
        people = w.VBox([
            w.HTML("<small>Satu pemangku kepentingan per baris: <code>nama: peran</code>. "
                   "Rantai persetujuan: <code>jabatan: menit</code>.</small>"),
            self._pairs("stakeholders", "Pemangku kepentingan", ("name", "role")),
            self._pairs("approval_chain", "Rantai persetujuan", ("role", "minutes")),
        ])
        monitoring = w.VBox([
            w.HTML("<small>Satu indikator per baris: <code>indikator | target | sumber data</code>.</small>"),
            self._kpis(),
            f("monitoring.review_every_hours", label="Tinjau setiap (jam)"),
            f("evaluation.date", label="Tanggal evaluasi"), f("evaluation.method", label="Metode evaluasi"),
            f("evaluation.questions", "lines", "Pertanyaan evaluasi (satu per baris)"),
        ])
        cerc = w.VBox([f(f"cerc.{key}", "area", f"{name}: {question}", lines=2)
                       for key, (name, question) in names.CERC_PRINCIPLES.items()])
        sections = [("1. Umum dan nota dinas", general), ("2. Isu", issue),
                    ("3. Analisis krisis (SCCT)", scct), ("4. Pernyataan sementara dan pesan kunci", holding),
                    ("5. Risiko", risks), ("6. Respons per kanal", responses),
                    ("7. Pemangku kepentingan dan persetujuan", people),
                    ("8. Pemantauan dan evaluasi", monitoring), ("9. Daftar periksa CERC", cerc)]
        self.accordion = w.Accordion(children=[s for _, s in sections])
        for i, (title, _) in enumerate(sections):
            self.accordion.set_title(i, title)

    def _risk_row(self, i: int) -> w.Widget:
        stored = self.base.get("risks")
        risks = stored if isinstance(stored, list) else []
        risk = risks[i] if i < len(risks) and isinstance(risks[i], dict) else {}
        scores = [("—", None)] + [(str(k), k) for k in range(1, 6)]
        row = {
            "description": w.Text(value=_text(risk.get("description")), placeholder="uraian risiko",
                                  layout=w.Layout(width="28%")),
            "category": w.Dropdown(options=_options(names.RISK_CATEGORIES),
                                   value=_allowed(risk.get("category"), frameworks.RISK_CATEGORIES, ""),
                                   layout=w.Layout(width="16%")),
            "likelihood": w.Dropdown(options=scores, value=_allowed(risk.get("likelihood"), range(1, 6)),
                                     description="K", layout=w.Layout(width="9%"),
                                     style={"description_width": "1.2em"}),
            "impact": w.Dropdown(options=scores, value=_allowed(risk.get("impact"), range(1, 6)),
                                 description="D", layout=w.Layout(width="9%"),
                                 style={"description_width": "1.2em"}),
            "mitigation": w.Text(value=_text(risk.get("mitigation")), placeholder="mitigasi",
                                 layout=w.Layout(width="20%")),
            "owner": w.Text(value=_text(risk.get("owner")), placeholder="penanggung jawab",
                            layout=w.Layout(width="12%")),
            "review_date": w.Text(value=_text(risk.get("review_date")), placeholder="tinjau TTTT-BB-HH",
                                  layout=w.Layout(width="12%")),
        }
        self.fields[f"risks#{i}"] = row
        return w.VBox([w.HTML(f"<b>R{i + 1}</b>"), w.HBox(list(row.values()),
                                                         layout=w.Layout(flex_flow="row wrap"))])

    def _response_row(self, i: int) -> w.Widget:
        stored = self.base.get("responses")
        items = stored if isinstance(stored, list) else []
        r = items[i] if i < len(items) and isinstance(items[i], dict) else {}
        row = {
            "channel": w.Dropdown(options=_options(CHANNELS), value=_allowed(r.get("channel"), CHANNELS, ""),
                                  description="Kanal"),
            "audience": w.Text(value=_text(r.get("audience")), description="Sasaran", layout=_WIDE),
            "message": w.Textarea(value=_text(r.get("message")), description="Isi", layout=_WIDE, rows=2),
            "owner": w.Text(value=_text(r.get("owner")), description="Penanggung jawab",
                            style={"description_width": "initial"}),
            "lapor_type": w.Dropdown(options=list(LAPOR_TYPES),
                                     value=_allowed(r.get("lapor_type"), LAPOR_TYPES, "none"),
                                     description="SP4N-LAPOR", style={"description_width": "initial"}),
            "received_at": w.Text(value=_text(r.get("received_at")), description="Diterima",
                                  placeholder="bila laporan SP4N-LAPOR"),
            "due": w.Text(value=_text(r.get("due")), description="Tenggat", placeholder="TTTT-BB-HH"),
        }
        self.fields[f"responses#{i}"] = row
        return w.VBox([w.HTML(f"<b>Respons {i + 1}</b>"), *row.values()],
                      layout=w.Layout(border="1px solid #ddd", padding="4px", margin="2px 0"))

    def _pairs(self, key: str, label: str, names: tuple[str, str]) -> w.Widget:
        stored = self.base.get(key)
        items = stored if isinstance(stored, list) else []
        text = "\n".join(f"{_text(x.get(names[0]))}: {_text(x.get(names[1]))}" for x in items
                         if isinstance(x, dict) and (_text(x.get(names[0])) or x.get(names[1])))
        widget = w.Textarea(value=text, description=label, layout=_WIDE, rows=4,
                            style={"description_width": "initial"})
        widget.kind, widget.names = "pairs", names
        self.fields[key] = widget
        return widget

    def _kpis(self) -> w.Widget:
        kpis = _get(self.base, "monitoring.kpis") or []
        text = "\n".join(" | ".join(_text(k.get(x)) for x in ("name", "target", "source"))
                         for k in kpis if isinstance(k, dict) and _text(k.get("name")))
        widget = w.Textarea(value=text, description="Indikator (KPI)", layout=_WIDE, rows=4,
                            style={"description_width": "initial"})
        widget.kind = "kpis"
        self.fields["monitoring.kpis"] = widget
        return widget

    # -- reading back ---------------------------------------------------------------------------
    def plan(self) -> dict:
        """The plan as the widgets now say it (the base plan with every form field applied)."""
        p = copy.deepcopy(self.base)
        risks: list[dict] = []
        responses: list[dict] = []
        for key, widget in self.fields.items():
            if key.startswith("risks#"):
                values = {k: v.value for k, v in widget.items()}
                if any(values[k] for k in ("description", "mitigation", "owner")) or values["likelihood"]:
                    risks.append({"id": f"R{len(risks) + 1}", **{k: (v.strip() if isinstance(v, str) else v)
                                                                 for k, v in values.items()}})
                continue
            if key.startswith("responses#"):
                values = {k: (v.value.strip() if isinstance(v.value, str) else v.value)
                          for k, v in widget.items()}
                if values["message"] or values["audience"]:
                    if values["lapor_type"] == "none" and not values["received_at"]:
                        values.pop("received_at")
                    responses.append(values)
                continue
            kind = widget.kind
            value: object
            if kind == "lines":
                value = _lines(widget.value)
            elif kind == "channels":
                value = list(widget.value)
            elif kind == "pairs":
                pairs: list[dict[str, str | int]] = []
                for line in _lines(widget.value):
                    first, _, second = line.partition(":")
                    item: dict[str, str | int] = {widget.names[0]: first.strip(),
                                                  widget.names[1]: second.strip()}
                    if widget.names[1] == "minutes":
                        item["minutes"] = int(second) if second.strip().isdigit() else second.strip()
                    pairs.append(item)
                value = pairs
            elif kind == "kpis":
                kpis: list[dict[str, str]] = []
                for line in _lines(widget.value):
                    parts = [x.strip() for x in line.split("|")] + ["", ""]
                    kpis.append({"name": parts[0], "target": parts[1], "source": parts[2]})
                value = kpis
            elif key == "monitoring.review_every_hours":
                raw = widget.value.strip().replace(",", ".")
                try:
                    value = float(raw) if "." in raw else int(raw)
                except ValueError:
                    value = raw or None
            elif kind == "flag":
                value = bool(widget.value)
            else:
                value = widget.value.strip() if isinstance(widget.value, str) else widget.value
            _set(p, key, value)
        p["risks"], p["responses"] = risks, responses
        return plans.parse(plans.dump(p))  # what a saved file would hold (dates as YAML reads them)

    def problems(self) -> list[plans.Problem]:
        return plans.validate(self.plan())

    def save(self) -> Path:
        """Write the plan; a damaged file that was there is moved aside first, never overwritten."""
        header = "# Rencana respons dibuat dengan form humaskit. Periksa: humaskit plan validate FILE\n"
        text = header + plans.dump(self.plan())
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"folder tidak bisa dibuat ({exc.strerror}).", file=str(self.path)) from None
        if self.damaged and self.path.exists():
            self.backup = set_aside(self.path)
            self.damaged = False
        write_text_atomic(self.path, text)
        return self.path

    def all_widgets(self):
        for widget in self.fields.values():
            if isinstance(widget, dict):
                yield from widget.values()
            else:
                yield widget


def plan_form(scenario_id: str, path: str | None = None, risks: list[dict] | None = None) -> w.VBox:
    """Show the plan form for a scenario; problems update as the trainee types.

    ``risks`` (e.g. ``risk_scorer(...).risks()``) fill the risk rows of a new plan."""
    form = PlanForm(scenario_id, path, risks)
    status = w.HTML()
    message = w.HTML()
    save = w.Button(description="Simpan rencana", button_style="primary", icon="save")
    word = w.Button(description="Buat dokumen Word", icon="file")
    download = w.HTML()

    def refresh(_=None):
        problems = form.problems()
        if not problems:
            status.value = ("<div style='color:#1b5e20;border:1px solid #1b5e20;padding:6px'>"
                            "<b>Rencana lolos validasi.</b> Simpan, lalu buat dokumennya.</div>")
        else:
            items = "".join(f"<li><code>{html.escape(p.field)}</code> {html.escape(p.message)}</li>"
                            for p in problems[:12])
            more = f"<p>… dan {len(problems) - 12} masalah lain.</p>" if len(problems) > 12 else ""
            status.value = (f"<div style='color:#8a1c1c;border:1px solid #8a1c1c;padding:6px'>"
                            f"<b>{len(problems)} hal belum beres:</b><ul>{items}</ul>{more}</div>")
        return problems

    def on_save(_):
        try:
            path = form.save()
        except DataError as exc:
            message.value = f"<p style='color:#8a1c1c'>Gagal menyimpan: {html.escape(str(exc))}</p>"
            return
        kept = form.backup
        message.value = (f"<p>Tersimpan di <code>{html.escape(str(path))}</code>."
                         + (f" File lama yang rusak disimpan sebagai <code>{html.escape(kept.name)}</code>."
                            if kept else "") + "</p>")

    def on_word(_):
        problems = refresh()
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / f"{form.path.stem}.docx"
            plan_export.export(form.plan(), "docx", target, problems or None)
            data = base64.b64encode(target.read_bytes()).decode("ascii")
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        note = " (DRAF: masih ada masalah)" if problems else ""
        download.value = (f"<a download='{html.escape(form.path.stem)}.docx' "
                          f"href='data:{mime};base64,{data}'>⬇️ Unduh {html.escape(form.path.stem)}.docx"
                          f"</a>{note}")

    for widget in form.all_widgets():
        if isinstance(widget, w.Text | w.Textarea):
            widget.continuous_update = True
        widget.observe(refresh, names="value")
    save.on_click(on_save)
    word.on_click(on_word)
    refresh()
    notice = w.HTML(f"<p style='color:#8a5a00'>{html.escape(form.notice)}</p>" if form.notice else "")
    box = w.VBox([notice, form.accordion, status, w.HBox([save, word]), message, download])
    box.form, box.status, box.save_button, box.word_button, box.download = form, status, save, word, download
    return box
