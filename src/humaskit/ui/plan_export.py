"""A response plan as a document an Indonesian office uses: a nota dinas (memo) in Word or Markdown.

Layout: the memo header (Yth., Dari, Tanggal, Nomor, Sifat, Lampiran, Hal), numbered sections
from the issue summary to the CERC checklist, the risk register as a table, the 5 x 5 risk
matrix as a table and as a heatmap image, and a signature block. Every text passes the privacy
scrubber on the way out (UU 27/2022); handles become pseudonyms under the salt of the folder the
memo is written to (:func:`humaskit.data.scrubbing.output_salt`), made only if one is needed.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humaskit.core import formats, templates
from humaskit.core.privacy import scrub_text
from humaskit.core.storage import write_bytes_atomic, write_text_atomic
from humaskit.core.wib import WIB, as_datetime
from humaskit.data import contacts, names, scrubbing
from humaskit.response import crisis, workdays
from humaskit.response.plans import channel_names

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# The salt of the export under way (a function, called only when a handle is pseudonymised);
# None outside an export (a preview): privacy's per-process salt.
_SALT: contextvars.ContextVar = contextvars.ContextVar("plan_export_salt", default=None)

LEVEL_COLOURS = {"low": "#8bc34a", "medium": "#ffe082", "high": "#ffb74d", "very_high": "#e57373"}


def _s(value) -> str:
    """Text for the document: stringified, stripped, scrubbed of personal data."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return formats.date_time(value)
    return scrub_text(str(value).strip(), contacts.official(), salt=_SALT.get())


def _named(table: Mapping[Any, str], code: object, default: str) -> str:
    """The Indonesian name ``table`` gives a code from the plan; ``default`` for a missing or
    unknown code (a plan file may hold anything, so the code is not necessarily a string)."""
    return table.get(code, default)


def _when(value) -> str:
    parsed = as_datetime(value)
    if parsed is None:
        return _s(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return formats.date_time(value)
    return formats.date_time(parsed)


def _risks(plan: dict) -> list[dict]:
    out = []
    for r in plan.get("risks") or []:
        if not isinstance(r, dict):
            continue
        lik, imp = r.get("likelihood"), r.get("impact")
        score: int | None = None
        if isinstance(lik, int) and isinstance(imp, int) and 1 <= lik <= 5 and 1 <= imp <= 5:
            score = lik * imp
        level = names.RISK_LEVELS[crisis.risk_level(score)] if score else "-"
        out.append({**r, "score": score, "level": level})
    return sorted(out, key=lambda r: -(r["score"] or 0))


def risk_grid(plan: dict) -> list[list[str]]:
    """5 x 5 cells (rows impact 5..1, columns likelihood 1..5) holding the risk ids that fall there."""
    grid = [["" for _ in range(5)] for _ in range(5)]
    for r in _risks(plan):
        if r["score"]:
            row, col = 5 - r["impact"], r["likelihood"] - 1
            grid[row][col] = ", ".join(x for x in (grid[row][col], str(r.get("id", ""))) if x)
    return grid


def heatmap(plan: dict) -> Figure:
    """The risk matrix as a coloured 5 x 5 grid with the risk ids in their cells."""
    from matplotlib.figure import Figure  # on first use: app kernels that draw no matrix stay small

    fig = Figure(figsize=(6.2, 5.0), dpi=110)
    ax = fig.add_subplot()
    grid = risk_grid(plan)
    for row in range(5):
        impact = 5 - row
        for col in range(5):
            likelihood = col + 1
            level = crisis.risk_level(impact * likelihood)
            ax.add_patch(_rect(col, impact - 1, LEVEL_COLOURS[level]))
            ax.text(col + 0.5, impact - 0.5 + 0.3, str(impact * likelihood), ha="center",
                    va="center", fontsize=7, color="#555555")
            if grid[row][col]:
                ax.text(col + 0.5, impact - 0.55, grid[row][col], ha="center", va="center",
                        fontsize=10, fontweight="bold", wrap=True)
    ax.set_xlim(0, 5)
    ax.set_ylim(0, 5)
    ax.set_xticks([i + 0.5 for i in range(5)], [f"{i}\n{names.LIKELIHOOD[i]}" for i in range(1, 6)],
                  fontsize=8)
    ax.set_yticks([i + 0.5 for i in range(5)], [f"{i} {names.IMPACT[i]}" for i in range(1, 6)],
                  fontsize=8)
    ax.set_xlabel("Kemungkinan (1-5)")
    ax.set_ylabel("Dampak (1-5)")
    ax.set_title("Matriks risiko: kemungkinan × dampak")
    ax.set_aspect("equal")
    handles = [_rect(0, 0, colour) for colour in LEVEL_COLOURS.values()]
    ax.legend(handles, [names.RISK_LEVELS[k] for k in LEVEL_COLOURS], loc="upper center",
              bbox_to_anchor=(0.5, -0.2),
              ncol=4, fontsize=8, title="Tingkat risiko", title_fontsize=8, frameon=False)
    return fig


def heatmap_svg(plan: dict, alt: str = "") -> str:
    """The same risk matrix as :func:`heatmap`, drawn as inline SVG text without matplotlib: fast
    enough to redraw on every slider move, and named for screen readers (``role="img"``, ``alt``)."""
    import html as _html

    cell, left, top = 64, 132, 44
    width, height = left + 5 * cell + 10, top + 5 * cell + 96
    grid = risk_grid(plan)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{_html.escape(alt or "Matriks risiko", quote=True)}" '
           'style="width:100%;max-width:520px;height:auto;font-family:sans-serif">',
           f'<text x="{width / 2:.0f}" y="20" text-anchor="middle" font-size="15" font-weight="bold">'
           "Matriks risiko: kemungkinan × dampak</text>"]
    for row in range(5):
        impact = 5 - row
        y = top + row * cell
        out.append(f'<text x="{left - 6}" y="{y + cell / 2 + 4:.0f}" text-anchor="end" font-size="11">'
                   f"{impact} {_html.escape(names.IMPACT[impact])}</text>")
        for col in range(5):
            likelihood, x = col + 1, left + col * cell
            colour = LEVEL_COLOURS[crisis.risk_level(impact * likelihood)]
            out.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{colour}" '
                       'stroke="#fff" stroke-width="2"/>')
            out.append(f'<text x="{x + cell / 2:.0f}" y="{y + 14}" text-anchor="middle" font-size="10" '
                       f'fill="#333">{impact * likelihood}</text>')
            if grid[row][col]:
                out.append(f'<text x="{x + cell / 2:.0f}" y="{y + cell / 2 + 10:.0f}" text-anchor="middle" '
                           f'font-size="13" font-weight="bold">{_html.escape(grid[row][col])}</text>')
    base = top + 5 * cell
    for col in range(5):
        middle = left + col * cell + cell / 2
        out.append(f'<text x="{middle:.0f}" y="{base + 16}" text-anchor="middle" font-size="11">'
                   f"{col + 1}</text>")
        out.append(f'<text x="{middle:.0f}" y="{base + 30}" text-anchor="middle" font-size="10">'
                   f"{_html.escape(names.LIKELIHOOD[col + 1])}</text>")
    out.append(f'<text x="{left + 2.5 * cell:.0f}" y="{base + 48}" text-anchor="middle" font-size="12">'
               "Kemungkinan (1-5)</text>")
    out.append(f'<text x="{left - 6}" y="{top - 6}" text-anchor="end" font-size="12">Dampak (1-5)</text>')
    for i, (key, colour) in enumerate(LEVEL_COLOURS.items()):
        start = 10 + i * (width - 20) / 4
        out.append(f'<rect x="{start:.0f}" y="{base + 64}" width="14" height="14" fill="{colour}"/>')
        out.append(f'<text x="{start + 19:.0f}" y="{base + 76}" font-size="11">'
                   f"{_html.escape(names.RISK_LEVELS[key])}</text>")
    out.append("</svg>")
    return "".join(out)


def _rect(x, y, colour):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), 1, 1, facecolor=colour, edgecolor="white", linewidth=2)


def heatmap_png(plan: dict) -> bytes:
    buf = io.BytesIO()
    heatmap(plan).savefig(buf, format="png", bbox_inches="tight")
    return buf.getvalue()


def _response_rows(plan: dict) -> list[dict]:
    rows = []
    for r in plan.get("responses") or []:
        if not isinstance(r, dict):
            continue
        lapor = r.get("lapor_type") or "none"
        limit = ""
        if lapor in workdays.LAPOR_LIMITS and as_datetime(r.get("received_at")):
            latest = workdays.add_working_days(as_datetime(r["received_at"]), workdays.LAPOR_LIMITS[lapor])
            limit = (f"{names.LAPOR[lapor]}: {workdays.LAPOR_LIMITS[lapor]} hari kerja, "
                     f"paling lambat {formats.date_time(latest)}")
        rows.append({"channel": channel_names([r.get("channel")]) if r.get("channel") else "",
                     "audience": _s(r.get("audience")), "message": _s(r.get("message")),
                     "owner": _s(r.get("owner")), "due": _when(r.get("due")), "limit": limit})
    return rows


def context(plan: dict) -> dict:
    """Everything a template needs, already scrubbed and worded in Indonesian."""
    memo = plan.get("memo") or {}
    issue = plan.get("issue") or {}
    cr = plan.get("crisis") or {}
    hs = plan.get("holding_statement") or {}
    prepared = as_datetime(plan.get("prepared_on"))
    crisis_rows = []
    if cr.get("is_crisis"):
        kind = cr.get("kind")
        crisis_rows = [
            ("Jenis krisis", _named(names.CRISIS_KINDS, kind, _s(kind))),
            ("Klaster SCCT", _named(names.CLUSTER_DESCRIPTIONS, cr.get("cluster"), _s(cr.get("cluster")))),
            ("Riwayat krisis serupa", "ada" if cr.get("history") else "tidak ada"),
            ("Reputasi sebelumnya", _named(names.REPUTATIONS, cr.get("prior_reputation"), "-")),
            ("Postur respons", _named(names.POSTURE_DESCRIPTIONS, cr.get("posture"), _s(cr.get("posture")))
             + ("; ditambah penguatan (bolstering)" if cr.get("bolstering") else "")),
            ("Alasan", _s(cr.get("rationale"))),
            ("Fase CERC", _named(names.CERC_PHASES, cr.get("cerc_phase"), "-")),
        ]
    return {
        "title": _s(plan.get("title")),
        "memo": [("Yth.", _s(memo.get("to"))), ("Dari", _s(memo.get("from"))),
                 ("Tanggal", formats.date_time(prepared.date()) if prepared else "-"),
                 ("Nomor", _s(memo.get("number")) or "-"),
                 ("Sifat", _named(names.MEMO_NATURE, memo.get("nature"), _s(memo.get("nature")))),
                 ("Lampiran", "1 (satu) berkas matriks risiko"),
                 ("Hal", _s(plan.get("title")))],
        "sender": _s(memo.get("from")),
        "prepared_by": _s(plan.get("prepared_by")),
        "summary": _s(issue.get("summary")),
        "stage": _named(names.LIFE_CYCLE, issue.get("stage"), _s(issue.get("stage"))),
        "detected": _when(issue.get("detected_at")),
        "crisis": crisis_rows,
        "instructing": _s(plan.get("instructing_information")),
        "adjusting": _s(plan.get("adjusting_information")),
        "holding": {"text": _s(hs.get("text")), "publish_by": _when(hs.get("publish_by")),
                    "channels": channel_names(hs.get("channels"))},
        "key_messages": [_s(m) for m in plan.get("key_messages") or []],
        "publics": [{"name": _s(x.get("name")), "interest": _s(x.get("interest")),
                     "channels": channel_names(x.get("channels"))}
                    for x in plan.get("publics") or [] if isinstance(x, dict)],
        "stakeholders": [{"name": _s(x.get("name")), "role": _s(x.get("role"))}
                         for x in plan.get("stakeholders") or [] if isinstance(x, dict)],
        "risks": [{"id": _s(r.get("id")), "description": _s(r.get("description")),
                   "category": _named(names.RISK_CATEGORIES, r.get("category"), _s(r.get("category"))),
                   "likelihood": r.get("likelihood"), "impact": r.get("impact"), "score": r["score"],
                   "level": r["level"], "mitigation": _s(r.get("mitigation")),
                   "owner": _s(r.get("owner")), "review": _when(r.get("review_date"))}
                  for r in _risks(plan)],
        "grid": risk_grid(plan),
        "responses": _response_rows(plan),
        "approval": [{"role": _s(a.get("role")), "name": _s(a.get("name")), "minutes": a.get("minutes")}
                     for a in plan.get("approval_chain") or [] if isinstance(a, dict)],
        "kpis": [{"name": _s(k.get("name")), "target": _s(k.get("target")), "source": _s(k.get("source"))}
                 for k in (plan.get("monitoring") or {}).get("kpis") or [] if isinstance(k, dict)],
        "review_hours": (plan.get("monitoring") or {}).get("review_every_hours"),
        "evaluation": {"date": _when((plan.get("evaluation") or {}).get("date")),
                       "method": _s((plan.get("evaluation") or {}).get("method")),
                       "questions": [_s(q) for q in (plan.get("evaluation") or {}).get("questions") or []]},
        "cerc": [(name, question, _s((plan.get("cerc") or {}).get(key)))
                 for key, (name, question) in names.CERC_PRINCIPLES.items()],
        "place_date": f"{formats.date_time(prepared.date()) if prepared else ''}",
        "levels": LEVEL_COLOURS,
        "likelihood_names": names.LIKELIHOOD, "impact_names": names.IMPACT,
    }


def to_markdown(plan: dict, image_name: str | None = None, problems: list | None = None) -> str:
    """The memo as Markdown. Every text from the plan is made inert (no HTML, links or scripts):
    a plan is user input, and Markdown viewers render HTML."""
    return templates.render("plan.md.j2", c=templates.markdown_safe(context(plan)), image=image_name,
                            problems=templates.markdown_safe([str(p) for p in problems or []]))


def to_docx(plan: dict, path: Path, problems: list | None = None) -> None:
    """Write the plan as a Word document (A4, memo layout)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    c = context(plan)
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(11)

    def shade(cell, colour: str) -> None:
        props = cell._tc.get_or_add_tcPr()
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:color"), "auto")
        fill.set(qn("w:fill"), colour.lstrip("#"))
        props.append(fill)

    def table(header: list[str], rows: list[list], widths: list[float] | None = None):
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for i, h in enumerate(header):
            cell = t.rows[0].cells[i]
            cell.text = h
            cell.paragraphs[0].runs[0].bold = True
            shade(cell, "#d9e2f3")
        for row in rows:
            cells = t.add_row().cells
            for i, value in enumerate(row):
                cells[i].text = "" if value is None else str(value)
        if widths:
            for row in t.rows:
                for i, w in enumerate(widths):
                    row.cells[i].width = Cm(w)
        for row in t.rows:
            for cell in row.cells:
                for par in cell.paragraphs:
                    for run in par.runs:
                        run.font.size = Pt(9)
        return t

    if problems:
        warn = doc.add_paragraph()
        run = warn.add_run("DRAF: rencana ini belum lolos validasi. Masalah yang tersisa tercantum "
                           "di akhir dokumen.")
        run.bold, run.font.color.rgb = True, RGBColor(0xB0, 0x00, 0x20)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run("NOTA DINAS")
    run.bold, run.font.size = True, Pt(14)
    memo = doc.add_table(rows=0, cols=3)
    for label, value in c["memo"]:
        cells = memo.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, ":", value or "-"
        cells[0].width, cells[1].width, cells[2].width = Cm(3), Cm(0.5), Cm(13)
    doc.add_paragraph("_" * 80)
    doc.add_paragraph("Dengan hormat, bersama ini kami sampaikan rencana respons atas isu berikut untuk "
                      "mendapat persetujuan dan arahan.")

    def heading(text: str) -> None:
        doc.add_heading(text, level=2)

    heading("1. Ringkasan isu")
    doc.add_paragraph(c["summary"])
    doc.add_paragraph(f"Tahap siklus hidup isu: {c['stage']}. Terdeteksi: {c['detected']}.")
    n = 2
    if c["crisis"]:
        heading(f"{n}. Analisis krisis (SCCT)")
        table(["Aspek", "Penilaian"], [list(r) for r in c["crisis"]], [4.5, 12])
        n += 1
        heading(f"{n}. Informasi instruksi dan penyesuaian")
        doc.add_paragraph(c["instructing"], style="List Bullet")
        doc.add_paragraph(c["adjusting"], style="List Bullet")
        n += 1
    heading(f"{n}. Pernyataan sementara (holding statement)")
    quote = doc.add_paragraph(c["holding"]["text"])
    quote.paragraph_format.left_indent = Cm(1)
    doc.add_paragraph(f"Terbit paling lambat {c['holding']['publish_by'] or '-'} di "
                      f"{c['holding']['channels'] or '-'}.")
    n += 1
    heading(f"{n}. Pesan kunci")
    for m in c["key_messages"]:
        doc.add_paragraph(m, style="List Number")
    n += 1
    heading(f"{n}. Publik dan pemangku kepentingan")
    table(["Publik sasaran", "Kepentingan", "Kanal"],
          [[p["name"], p["interest"], p["channels"]] for p in c["publics"]], [5, 8, 3.5])
    doc.add_paragraph()
    table(["Pemangku kepentingan", "Peran"], [[s["name"], s["role"]] for s in c["stakeholders"]], [6, 10.5])
    n += 1
    heading(f"{n}. Daftar risiko dan matriks risiko")
    table(["Kode", "Risiko", "K", "D", "Nilai", "Tingkat", "Mitigasi", "Penanggung jawab", "Tinjau"],
          [[r["id"], r["description"], r["likelihood"], r["impact"], r["score"], r["level"],
            r["mitigation"], r["owner"], r["review"]] for r in c["risks"]],
          [1.2, 3.6, 0.8, 0.8, 1.1, 1.6, 3.8, 2.3, 1.9])
    doc.add_paragraph("K = kemungkinan (1-5), D = dampak (1-5), nilai = K × D.")
    grid = doc.add_table(rows=6, cols=6)
    grid.style = "Table Grid"
    grid.rows[0].cells[0].text = "Dampak \\ Kemungkinan"
    for col in range(5):
        grid.rows[0].cells[col + 1].text = f"{col + 1} {names.LIKELIHOOD[col + 1]}"
    for row in range(5):
        impact = 5 - row
        grid.rows[row + 1].cells[0].text = f"{impact} {names.IMPACT[impact]}"
        for col in range(5):
            cell = grid.rows[row + 1].cells[col + 1]
            cell.text = c["grid"][row][col]
            shade(cell, LEVEL_COLOURS[crisis.risk_level(impact * (col + 1))])
    doc.add_paragraph()
    doc.add_picture(io.BytesIO(heatmap_png(plan)), width=Cm(13))
    n += 1
    heading(f"{n}. Respons per kanal")
    table(["Kanal", "Sasaran", "Isi respons", "Penanggung jawab", "Tenggat", "Batas SP4N-LAPOR"],
          [[r["channel"], r["audience"], r["message"], r["owner"], r["due"], r["limit"]]
           for r in c["responses"]], [2, 2.6, 5.6, 2.3, 2.2, 2.4])
    n += 1
    heading(f"{n}. Rantai persetujuan")
    table(["Urutan", "Jabatan", "Nama", "Waktu (menit)"],
          [[i + 1, a["role"], a["name"], a["minutes"]] for i, a in enumerate(c["approval"])],
          [1.5, 7, 5, 3])
    n += 1
    heading(f"{n}. Pemantauan dan evaluasi")
    table(["Indikator", "Target", "Sumber data"], [[k["name"], k["target"], k["source"]] for k in c["kpis"]],
          [6, 5, 5.5])
    doc.add_paragraph(f"Ditinjau setiap {c['review_hours']} jam. Evaluasi pada {c['evaluation']['date']} "
                      f"dengan {c['evaluation']['method']}.")
    for q in c["evaluation"]["questions"]:
        doc.add_paragraph(q, style="List Bullet")
    if c["crisis"]:
        n += 1
        heading(f"{n}. Daftar periksa CERC")
        table(["Prinsip", "Pertanyaan", "Jawaban rencana"], [list(r) for r in c["cerc"]], [3.5, 5, 8])
    doc.add_paragraph()
    doc.add_paragraph("Demikian disampaikan, mohon arahan dan persetujuan.")
    doc.add_paragraph(f"Disusun oleh: {c['prepared_by']}")
    sign = doc.add_paragraph(f"{c['place_date']}\n{c['sender']}\n\n\n\n(tanda tangan dan nama)")
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if problems:
        heading("Masalah validasi yang tersisa")
        for p in problems:
            doc.add_paragraph(str(p), style="List Bullet")
    props = doc.core_properties
    props.title, props.author = c["title"], c["prepared_by"]
    props.created = dt.datetime.now(WIB).replace(tzinfo=None)
    buf = io.BytesIO()
    doc.save(buf)
    write_bytes_atomic(Path(path), buf.getvalue())


SUFFIXES = {"docx": (".docx",), "md": (".md",)}


def export_paths(fmt: str, output: Path) -> list[Path]:
    """Every file an export writes: the document, and for Markdown its heatmap PNG beside it."""
    output = Path(output)
    if fmt == "md":
        return [output, output.with_name(f"{output.stem}_matriks_risiko.png")]
    return [output]


def export(plan: dict, fmt: str, output: Path, problems: list | None = None) -> list[Path]:
    """Write the plan as ``docx`` or ``md``; Markdown gets its heatmap as a PNG beside it.

    Returns the files written (:func:`export_paths`).
    """
    output = Path(output)
    token = _SALT.set(lambda: scrubbing.output_salt(output))
    try:
        if fmt == "docx":
            to_docx(plan, output, problems)
            return [output]
        if fmt == "md":
            image = export_paths(fmt, output)[1]
            write_bytes_atomic(image, heatmap_png(plan))
            write_text_atomic(output, to_markdown(plan, image.name, problems))
            return [output, image]
    finally:
        _SALT.reset(token)
    raise ValueError(fmt)
