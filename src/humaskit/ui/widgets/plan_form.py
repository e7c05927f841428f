"""The plan form: a response plan written in boxes, checked on every keystroke, saved as YAML.

The trainee never edits YAML by hand: each box maps to a field of the plan schema, the list of
problems (in Indonesian, from :func:`humaskit.response.plans.validate`) updates as they type, "Simpan"
writes the plan file atomically, and "Buat dokumen Word" offers the memo for download.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import html
import tempfile
from pathlib import Path
from typing import Any, Protocol

import ipywidgets as w

from humaskit.core import wib
from humaskit.core.errors import DataError
from humaskit.core.storage import StorageError, set_aside, write_text_atomic
from humaskit.core.wib import as_datetime
from humaskit.course import plan_fix
from humaskit.data import frameworks, names
from humaskit.response import plans
from humaskit.response.plans import CHANNELS, LAPOR_TYPES
from humaskit.ui import plan_export
from humaskit.ui.widgets import layout

N_RISKS = 5
N_RESPONSES = 4
_BLANK = "— pilih —"


def _options(shown: dict, blank: str = _BLANK, code: bool = False):
    """A dropdown's choices: a blank first, then each code under its Indonesian name (``code=True``
    adds the code beside the name where the lessons teach it, e.g. SCCT's clusters)."""
    return [(blank, "")] + names.options(shown, code=code)


def _described(short: dict, described: dict):
    """Choices whose label says what the option means: "korban (victim): instansi juga ..."."""
    return [(_BLANK, ""), *names.described_options(short, described)]


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _moment(value) -> dt.datetime | None:
    """A stored time as the naive WIB wall-clock time a date-time picker shows (None if unreadable)."""
    moment = wib.as_datetime(value)
    return moment.astimezone(wib.WIB).replace(tzinfo=None) if moment else None


def _day(value) -> dt.date | None:
    """A stored date (or the WIB day of a stored time) for a date picker (None if unreadable)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    moment = wib.as_datetime(value)
    return moment.astimezone(wib.WIB).date() if moment else None


def when_picker(value, with_time: bool) -> w.Widget:
    """A calendar (and clock) instead of typing ISO text: the phone's own date picker opens."""
    picker: w.Widget
    if with_time:
        picker = w.NaiveDatetimePicker(value=_moment(value), layout=w.Layout(width="auto", max_width="100%"))
    else:
        picker = w.DatePicker(value=_day(value), layout=w.Layout(width="auto", max_width="100%"))
    picker.with_time = with_time
    return picker


def when_value(picker: w.Widget) -> str | None:
    """What a picker holds, as the plan file writes it: "2026-09-19T08:30:00+07:00" or "2026-09-19"."""
    if picker.value is None:
        return None
    if picker.with_time:
        return picker.value.replace(tzinfo=wib.WIB, microsecond=0).isoformat()
    return picker.value.isoformat()


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


class _Pending:
    """What a field of a section not built yet holds: the value its widget would start with, so that
    :meth:`PlanForm.plan` reads an unopened section exactly as it would read its widgets."""

    def __init__(self, value, with_time: bool | None = None):
        self.value = value
        if with_time is not None:  # only pickers have ``with_time`` (plan() asks hasattr)
            self.with_time = with_time


class PlanKeeper(Protocol):
    """Somewhere else to keep the plan's YAML text than a file (the workshop's shared store)."""

    where: str  # shown after "Tersimpan di"

    def load(self) -> str | None: ...

    def save(self, text: str) -> object: ...


class PlanForm:
    """Widgets bound to a plan dict. ``plan()`` reads them back; ``problems()`` validates.

    The plan is kept in the YAML file ``path``, or through ``keeper`` when one is given (then
    ``path`` only names the Word document). With ``lazy``, a section's widgets are made when the
    trainee first opens it (a workshop page then opens with a few dozen widgets instead of about
    700); until then its fields hold the values its widgets would start with."""

    def __init__(self, scenario_id: str, path: str | Path | None = None, risks: list[dict] | None = None,
                 keeper: PlanKeeper | None = None, lazy: bool = False):
        self.path = Path(path) if path else Path(f"rencana_{scenario_id}.yaml")
        self.keeper = keeper
        self.notice = ""
        self.damaged = False  # the file at path could not be read: it is kept as a backup on save
        self.backup: Path | None = None
        base = None
        if keeper is not None:
            try:
                text = keeper.load()
                if text:
                    base = plans.parse(text)
                    self.notice = f"Melanjutkan rencana yang tersimpan di {keeper.where}."
            except DataError as exc:
                self.notice = f"Rencana tersimpan tidak bisa dibaca ({exc}); form dimulai dari kerangka."
        elif self.path.exists():
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
        self.fields: dict[str, Any] = {}
        self._pending = False  # True while an unopened section's fields are read without widgets
        self._made: list[Any] = []  # the field widgets the section being built made
        self.on_built: list = []  # called with the field widgets of each section built later
        self._build(lazy)

    # -- widgets --------------------------------------------------------------------------------
    def _new(self, cls, **kwargs):
        """A field's widget, or while a section is pending only the value it would start with."""
        if self._pending:
            return _Pending(kwargs.get("value"))
        widget = cls(**kwargs)
        self._made.append(widget)
        return widget

    def _when(self, value, with_time: bool):
        if self._pending:
            return _Pending(_moment(value) if with_time else _day(value), with_time=with_time)
        picker = when_picker(value, with_time)
        self._made.append(picker)
        return picker

    def _note(self, text: str) -> w.HTML | None:
        return None if self._pending else w.HTML(layout.prose(text))

    def _field(self, dotted: str, kind: str = "text", label: str = "", options=None, lines: int = 3):
        """The field's widget (kept in ``self.fields``) under its label; a checkbox is its own label."""
        value = _get(self.base, dotted)
        widget: Any
        if kind == "area":
            widget = self._new(w.Textarea, value=_text(value), rows=lines)
        elif kind == "choice":
            allowed = [v for _, v in options]
            widget = self._new(w.Dropdown, options=options, value=value if value in allowed else "")
        elif kind == "flag":
            widget = self._new(w.Checkbox, value=bool(value), description=label, indent=False,
                               layout=layout.full_width())
        elif kind == "lines":
            widget = self._new(w.Textarea, value="\n".join(_text(v) for v in value or [] if _text(v)),
                               rows=lines)
        elif kind in ("datetime", "date"):
            widget = self._when(value, with_time=kind == "datetime")
        elif kind == "channels":
            chosen = tuple(c for c in value or [] if c in CHANNELS)
            widget = self._new(w.SelectMultiple, options=names.options(names.CHANNELS), value=chosen, rows=5)
        else:
            widget = self._new(w.Text, value=_text(value))
        widget.kind = kind
        self.fields[dotted] = widget
        if self._pending:
            return None
        return widget if kind == "flag" else layout.labelled(label, widget)

    def _sections(self) -> list[tuple[str, Any]]:
        """(title, a function returning the section's parts) for each section of the form."""
        f = self._field
        return [
            ("1. Umum dan nota dinas", lambda: [
                f("title", label="Judul rencana"), f("prepared_by", label="Penyusun"),
                f("memo.to", label="Yth. (tujuan nota dinas)"), f("memo.from", label="Dari"),
                f("memo.number", label="Nomor nota dinas"),
                f("memo.nature", "choice", "Sifat", _options(names.MEMO_NATURE)),
            ]),
            ("2. Isu", lambda: [
                f("issue.summary", "area", "Ringkasan isu", lines=5),
                f("issue.stage", "choice", "Tahap isu",
                  _described(names.LIFE_CYCLE_STAGES, names.LIFE_CYCLE)),
                f("issue.detected_at", "datetime", "Terdeteksi (tanggal dan jam WIB)"),
            ]),
            ("3. Analisis krisis (SCCT)", lambda: [
                f("crisis.cluster", "choice", "Klaster",
                  _described(names.CLUSTERS, names.CLUSTER_DESCRIPTIONS)),
                f("crisis.posture", "choice", "Postur",
                  _described(names.POSTURES, names.POSTURE_DESCRIPTIONS)),
                f("crisis.bolstering", "flag", "Tambahkan penguatan (bolstering)"),
                f("crisis.rationale", "area", "Alasan postur"),
                f("crisis.cerc_phase", "choice", "Fase CERC", _options(names.CERC_PHASES, code=True)),
                f("instructing_information", "area", "Informasi instruksi"),
                f("adjusting_information", "area", "Informasi penyesuaian"),
            ]),
            ("4. Pernyataan sementara dan pesan kunci", lambda: [
                f("holding_statement.text", "area", "Pernyataan sementara", lines=5),
                f("holding_statement.publish_by", "datetime", "Terbit paling lambat (WIB)"),
                f("holding_statement.channels", "channels", "Kanal"),
                f("key_messages", "lines", "Pesan kunci (satu per baris)", lines=5),
            ]),
            ("5. Risiko", lambda: [
                self._note("<small>Satu risiko per baris: uraian, kategori, <b>K</b> = kemungkinan dan "
                           "<b>D</b> = dampak (1–5), mitigasi, penanggung jawab, tanggal tinjau.</small>"),
                *(self._risk_row(i) for i in range(N_RISKS))]),
            ("6. Respons per kanal", lambda: [self._response_row(i) for i in range(N_RESPONSES)]),
            ("7. Pemangku kepentingan dan persetujuan", lambda: [
                self._note("<small>Satu pemangku kepentingan per baris: <code>nama: peran</code>. "
                           "Rantai persetujuan: <code>jabatan: menit</code>.</small>"),
                self._pairs("stakeholders", "Pemangku kepentingan", ("name", "role")),
                self._pairs("approval_chain", "Rantai persetujuan", ("role", "minutes")),
            ]),
            ("8. Pemantauan dan evaluasi", lambda: [
                self._note("<small>Satu indikator per baris: <code>indikator | target | sumber data"
                           "</code>.</small>"),
                self._kpis(),
                f("monitoring.review_every_hours", label="Tinjau setiap (jam)"),
                f("evaluation.date", "date", "Tanggal evaluasi"),
                f("evaluation.method", label="Metode evaluasi"),
                f("evaluation.questions", "lines", "Pertanyaan evaluasi (satu per baris)"),
            ]),
            ("9. Daftar periksa CERC", lambda: [f(f"cerc.{key}", "area", f"{name}: {question}", lines=2)
                                                for key, (name, question) in names.CERC_PRINCIPLES.items()]),
        ]

    def _build(self, lazy: bool) -> None:
        sections = self._sections()
        self._builders = [make for _, make in sections]
        self._built: set[int] = set()
        boxes = []
        for i, make in enumerate(self._builders):
            if lazy:  # the fields' starting values now, the widgets when the section is opened
                self._pending = True
                try:
                    make()
                finally:
                    self._pending = False
                boxes.append(w.VBox())
            else:
                boxes.append(w.VBox(make()))
                self._built.add(i)
        self._made.clear()
        self.accordion = w.Accordion(children=boxes, layout=layout.full_width())
        for i, (title, _) in enumerate(sections):
            self.accordion.set_title(i, title)
        if lazy:
            self.accordion.observe(lambda change: self.build_section(change["new"]), names="selected_index")

    def build_section(self, index: int | None) -> None:
        """Make the widgets of section ``index`` (if not made yet), starting from the values its
        fields hold; the functions in ``on_built`` get the new field widgets."""
        if index is None or index in self._built:
            return
        self._built.add(index)
        self._made = []
        parts = [p for p in self._builders[index]() if p is not None]
        made, self._made = self._made, []
        self.accordion.children[index].children = parts
        for call in self.on_built:
            call(made)

    def build_all(self) -> None:
        """Make every section's widgets (a lazy form read or filled by a program, e.g. a test)."""
        for index in range(len(self._builders)):
            self.build_section(index)

    def _risk_row(self, i: int) -> w.Widget:
        stored = self.base.get("risks")
        risks = stored if isinstance(stored, list) else []
        risk = risks[i] if i < len(risks) and isinstance(risks[i], dict) else {}
        scores = [("—", None)] + [(str(k), k) for k in range(1, 6)]
        score_style = {"description_width": "1.4em"}
        # On a laptop the row is one line; on a phone the description takes a line of its own and
        # the others share lines as they fit.
        new, number = self._new, f"R{i + 1}"
        row = {
            "description": new(w.Text, value=_text(risk.get("description")), placeholder="uraian risiko",
                               layout=layout.item("16em", grow=3)),
            "category": new(w.Dropdown, options=_options(names.RISK_CATEGORIES, blank="— kategori —"),
                            value=_allowed(risk.get("category"), frameworks.RISK_CATEGORIES, ""),
                            layout=layout.item("10em")),
            "likelihood": new(w.Dropdown, options=scores, value=_allowed(risk.get("likelihood"), range(1, 6)),
                              description="K", tooltip=f"{number}: kemungkinan (1–5)",
                              description_allow_html=False, layout=layout.item("6.5em", grow=0),
                              style=score_style),
            "impact": new(w.Dropdown, options=scores, value=_allowed(risk.get("impact"), range(1, 6)),
                          description="D", tooltip=f"{number}: dampak (1–5)", description_allow_html=False,
                          layout=layout.item("6.5em", grow=0), style=score_style),
            "mitigation": new(w.Text, value=_text(risk.get("mitigation")), placeholder="mitigasi",
                              layout=layout.item("14em", grow=2)),
            "owner": new(w.Text, value=_text(risk.get("owner")), placeholder="penanggung jawab",
                         layout=layout.item("10em")),
            "review_date": self._when(risk.get("review_date"), with_time=False),
        }
        if not self._pending:  # each named for screen readers: "R1: mitigasi"
            for key, what in (("description", "uraian risiko"), ("category", "kategori"),
                              ("mitigation", "mitigasi"), ("owner", "penanggung jawab"),
                              ("review_date", "tanggal tinjau")):
                layout.name_control(row[key], f"{number}: {what}")
        self.fields[f"risks#{i}"] = row
        if self._pending:
            return None
        return w.VBox([w.HTML(f"<b>R{i + 1}</b>"), w.HBox(list(row.values()), layout=layout.wrap_row())],
                      layout=layout.full_width())

    def _response_row(self, i: int) -> w.Widget:
        stored = self.base.get("responses")
        items = stored if isinstance(stored, list) else []
        r = items[i] if i < len(items) and isinstance(items[i], dict) else {}
        new = self._new
        row = {
            "channel": new(w.Dropdown, options=_options(names.CHANNELS),
                           value=_allowed(r.get("channel"), CHANNELS, "")),
            "audience": new(w.Text, value=_text(r.get("audience"))),
            "message": new(w.Textarea, value=_text(r.get("message")), rows=2),
            "owner": new(w.Text, value=_text(r.get("owner"))),
            "lapor_type": new(w.Dropdown, options=names.options(names.LAPOR_TYPES),
                              value=_allowed(r.get("lapor_type"), LAPOR_TYPES, "none")),
            "received_at": self._when(r.get("received_at"), with_time=True),
            "due": self._when(r.get("due"), with_time=True),
        }
        self.fields[f"responses#{i}"] = row
        if self._pending:
            return None
        # (label, basis): on a laptop channel and audience share a line, the message has its own,
        # and the last four share one; on a phone every field has a line of its own.
        places = {"channel": ("Kanal", "12em"), "audience": ("Sasaran", "18em"), "message": ("Isi", "100%"),
                  "owner": ("Penanggung jawab", "12em"), "lapor_type": ("SP4N-LAPOR", "10em"),
                  "received_at": ("Diterima", "16em"), "due": ("Tenggat", "16em")}
        fields = [layout.labelled(label, row[key], layout.item(basis, margin="0 4px 0 0"))
                  for key, (label, basis) in places.items()]
        return w.VBox([w.HTML(f"<b>Respons {i + 1}</b>"), w.HBox(fields, layout=layout.wrap_row())],
                      layout=layout.full_width(border="1px solid #ddd", padding="4px"))

    def _pairs(self, key: str, label: str, names: tuple[str, str]) -> w.Widget:
        stored = self.base.get(key)
        items = stored if isinstance(stored, list) else []
        text = "\n".join(f"{_text(x.get(names[0]))}: {_text(x.get(names[1]))}" for x in items
                         if isinstance(x, dict) and (_text(x.get(names[0])) or x.get(names[1])))
        widget = self._new(w.Textarea, value=text, rows=4)
        widget.kind, widget.names = "pairs", names
        self.fields[key] = widget
        return None if self._pending else layout.labelled(label, widget)

    def _kpis(self) -> w.Widget:
        kpis = _get(self.base, "monitoring.kpis") or []
        text = "\n".join(" | ".join(_text(k.get(x)) for x in ("name", "target", "source"))
                         for k in kpis if isinstance(k, dict) and _text(k.get("name")))
        widget = self._new(w.Textarea, value=text, rows=4)
        widget.kind = "kpis"
        self.fields["monitoring.kpis"] = widget
        return None if self._pending else layout.labelled("Indikator (KPI)", widget)

    # -- reading back ---------------------------------------------------------------------------
    def plan(self) -> dict:
        """The plan as the widgets now say it (the base plan with every form field applied)."""
        p = copy.deepcopy(self.base)
        risks: list[dict] = []
        responses: list[dict] = []
        for key, widget in self.fields.items():
            if key.startswith("risks#"):
                values = {k: (when_value(v) if hasattr(v, "with_time") else v.value)
                          for k, v in widget.items()}
                if any(values[k] for k in ("description", "mitigation", "owner")) or values["likelihood"]:
                    risks.append({"id": f"R{len(risks) + 1}", **{k: (v.strip() if isinstance(v, str) else v)
                                                                 for k, v in values.items()}})
                continue
            if key.startswith("responses#"):
                values = {k: (when_value(v) if hasattr(v, "with_time") else
                              v.value.strip() if isinstance(v.value, str) else v.value)
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
            elif kind in ("datetime", "date"):
                value = when_value(widget)
            else:
                value = widget.value.strip() if isinstance(widget.value, str) else widget.value
            _set(p, key, value)
        p["risks"], p["responses"] = risks, responses
        return plans.parse(plans.dump(p))  # what a saved file would hold (dates as YAML reads them)

    def problems(self) -> list[plans.Problem]:
        return plans.validate(self.plan())

    def save(self) -> Path | str:
        """Write the plan; a damaged file that was there is moved aside first, never overwritten.
        Returns where it went (the file, or the keeper's description)."""
        header = "# Rencana respons dibuat dengan form humaskit. Periksa: humaskit plan validate FILE\n"
        text = header + plans.dump(self.plan())
        if self.keeper is not None:
            self.keeper.save(text)
            return self.keeper.where
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
        """The field widgets made so far (an unopened section of a lazy form has none yet)."""
        for field in self.fields.values():
            for widget in field.values() if isinstance(field, dict) else [field]:
                if isinstance(widget, w.Widget):
                    yield widget


def plan_form(scenario_id: str, path: str | None = None, risks: list[dict] | None = None,
              keeper: PlanKeeper | None = None, lazy: bool = False) -> w.VBox:
    """Show the plan form for a scenario; problems update as the trainee types.

    ``risks`` (e.g. ``risk_scorer(...).risks()``) fill the risk rows of a new plan; ``keeper``
    keeps the plan instead of the file ``path``; ``lazy`` makes each section's widgets when it is
    first opened (see :class:`PlanForm`)."""
    form = PlanForm(scenario_id, path, risks, keeper, lazy=lazy)
    status = w.HTML()
    message = w.HTML()
    save = w.Button(description="Simpan rencana", button_style="primary", icon="save", layout=layout.button())
    word = w.Button(description="Buat dokumen Word", icon="file", layout=layout.button())
    download = w.HTML()

    def refresh(_=None):
        problems = form.problems()
        if not problems:
            status.value = layout.prose("<div style='color:#1b5e20;border:1px solid #1b5e20;padding:6px'>"
                                        "<b>Rencana lolos validasi.</b> Simpan, lalu buat dokumennya.</div>")
        else:
            items = "".join(f"<li><code>{html.escape(p.field)}</code> {html.escape(p.message)}</li>"
                            for p in problems[:12])
            more = f"<p>… dan {len(problems) - 12} masalah lain.</p>" if len(problems) > 12 else ""
            status.value = layout.prose(
                f"<div style='color:#8a1c1c;border:1px solid #8a1c1c;padding:6px'>"
                f"<b>{len(problems)} hal belum beres:</b><ul>{items}</ul>{more}</div>")
        return problems

    def on_save(_):
        try:
            path = form.save()
        except DataError as exc:
            message.value = layout.prose(f"<p style='color:#8a1c1c'>Gagal menyimpan: "
                                         f"{html.escape(str(exc))}</p>")
            return
        kept = form.backup
        kept_note = (f" File lama yang rusak disimpan sebagai <code>{html.escape(kept.name)}</code>."
                     if kept else "")
        message.value = layout.prose(f"<p>Tersimpan di <code>{html.escape(str(path))}</code>.{kept_note}</p>")

    def on_word(_):
        problems = refresh()
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / f"{form.path.stem}.docx"
            plan_export.export(form.plan(), "docx", target, problems or None)
            data = base64.b64encode(target.read_bytes()).decode("ascii")
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        note = " (DRAF: masih ada masalah)" if problems else ""
        # A link as tall as a button, so that a finger finds it.
        download.value = layout.prose(f"<a style='display:inline-block;padding:10px 0' "
                                      f"download='{html.escape(form.path.stem)}.docx' "
                                      f"href='data:{mime};base64,{data}'>⬇️ Unduh "
                                      f"{html.escape(form.path.stem)}.docx</a>{note}")

    def watch(made) -> None:
        for widget in made:
            if isinstance(widget, w.Text | w.Textarea):
                widget.continuous_update = True
            widget.observe(refresh, names="value")

    watch(list(form.all_widgets()))
    form.on_built.append(watch)
    save.on_click(on_save)
    word.on_click(on_word)
    refresh()
    notice = w.HTML(layout.prose(f"<p style='color:#8a5a00'>{html.escape(form.notice)}</p>")
                    if form.notice else "")
    box = w.VBox([notice, form.accordion, status, w.HBox([save, word], layout=layout.wrap_row()),
                  message, download], layout=layout.full_width())
    box.form, box.status, box.save_button, box.word_button, box.download = form, status, save, word, download
    return box


# ---------------------------------------------------------------------------------------------
# Fixing a colleague's draft, field by field (assignment 3, Part C)


def _draft_value(plan: dict, target: str):
    from humaskit.course.answers import skipped

    value = plan_fix.get(plan, target)
    return None if skipped(value) else value


def _fix_widget(field: plan_fix.PlanField, base: dict, path: str | Path | None) -> w.VBox:
    """The answer widget for one field, showing the draft's value until the trainee changes it."""
    from humaskit.course import answers
    from humaskit.ui.widgets import answers as ask

    prompt = f"<b>{html.escape(field.label)}</b>" + (f"<br><small>{html.escape(field.hint)}</small>"
                                                     if field.hint else "")
    value = _draft_value(base, field.target)
    kind = field.kind
    if isinstance(kind, answers.Label):
        return ask.label_question(field.question_id, kind.options, prompt, path,
                                  initial=value if isinstance(value, str) else None)
    if isinstance(kind, answers.DateTime):
        when = as_datetime(value) if value is not None else None
        return ask.datetime_question(field.question_id, prompt, path, initial=when)
    if isinstance(kind, answers.Date):
        day = value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None
        return ask.date_question(field.question_id, prompt, path, initial=day)
    if isinstance(kind, answers.Text):
        return ask.text_question(field.question_id, prompt, kind.min_words,
                                 rows=2 if kind.min_words < 5 else 3, path=path, initial=str(value or ""))
    raise TypeError(f"no form widget for {type(kind).__name__}")


def plan_fix_form(text: str, fields: list[plan_fix.PlanField], groups: dict[str, str],
                  path: str | Path | None = None) -> w.VBox:
    """A small form for the faulty fields of a draft plan; each group shows the checker's verdict.

    ``text`` is the draft's YAML (never edited by the trainee), ``fields`` the fields to fix and
    ``groups`` the title of each group of fields (one grading cell each). Every answer is saved
    to ``jawaban.json`` as it is given (:mod:`humaskit.ui.widgets.answers`); the verdicts update
    after every change, so a mistake shows where it is and costs only its own group.
    """
    base = plan_fix.draft(text)
    verdicts: dict[str, w.HTML] = {}
    sections = []
    boxes = []
    for number, (group, title) in enumerate(groups.items(), start=1):
        widgets_ = [_fix_widget(f, base, path) for f in fields if f.group == group]
        boxes += widgets_
        verdicts[group] = w.HTML()
        heading = w.HTML(f"<h4 style='margin:10px 0 4px 0'>{number}. {html.escape(title)}</h4>")
        sections.append(w.VBox([heading, *widgets_, verdicts[group]],
                               layout=w.Layout(border="1px solid #ddd", padding="4px 8px", margin="4px 0")))
    summary = w.HTML()

    def refresh(_=None):
        plan = plan_fix.with_answers(text, fields, path)
        for group in groups:
            found = plan_fix.check_group(text, fields, group, path)
            if found:
                items = "".join(f"<li>{html.escape(p.message)}</li>" for p in found)
                verdicts[group].value = (f"<div style='color:#8a1c1c'>✘ Pemeriksa kit masih menemukan "
                                         f"masalah:<ul style='margin:2px 0'>{items}</ul></div>")
            else:
                verdicts[group].value = ("<div style='color:#1b5e20'>✔ Pemeriksa kit tidak menemukan masalah "
                                         "di sini.</div>")
        left = len(plans.validate(plan))
        summary.value = ("<p style='color:#1b5e20'><b>Rencana lolos pemeriksaan kit.</b></p>" if not left
                         else f"<p>Masih ada <b>{left}</b> masalah di rencana.</p>")

    for box in boxes:
        for part in (box.control, getattr(box, "picker", None), getattr(box, "typed", None)):
            if isinstance(part, w.ValueWidget):
                part.observe(refresh, names="value")
    refresh()
    form = w.VBox([*sections, summary])
    form.fields, form.boxes, form.verdicts = fields, boxes, verdicts
    form.summary, form.refresh = summary, refresh
    return form
