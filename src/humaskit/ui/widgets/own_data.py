"""Bring your own data: upload an export, import it, scrub it, and see a module's analysis of it.

One panel per module (:func:`panel`): an upload button, the agency's own account, the format
(detected unless chosen) and, for any other table, a plain-text column map (``text=Isi``, one
per line). "Impor" runs :func:`import_own` on the uploaded files, which stay in a temporary
folder only while they are read (the raw export holds citizens' personal data). It is the path of
``humaskit import``: every row checked, personal data scrubbed with the project's salt,
``posts.csv`` and ``comments.csv`` written to a new ``data-saya`` folder, never over an earlier
one. Then the module's view:

* module 1: the timeline coded by the model, label shares per platform (:func:`module1_view`);
* module 2: the maturity estimate from the evidence (:func:`module2_view`);
* module 3: citizens' comments triaged (:func:`module3_view`).

:func:`import_sample` runs the same path on the kit's sample export (the corpus threads of one
account laid out as tweet-harvest writes them), so a notebook shows the whole path before a
trainee has a file, and without network.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as w
import pandas as pd
from IPython.display import HTML, display

from humaskit.core import formats
from humaskit.core.errors import DataError
from humaskit.core.paths import data_dir
from humaskit.data import corpus, names
from humaskit.importers import FORMATS, import_files, scrub, summary, write
from humaskit.importers.tabular import parse_mapping
from humaskit.ui.widgets import layout
from humaskit.ui.widgets.pickers import save_upload

SUFFIXES = (".csv", ".xlsx", ".json", ".jsonl", ".txt")
SAMPLE_FILE = Path("contoh-ekspor") / "tweet-harvest-bpbdtirtamaya.csv"
SAMPLE_ACCOUNT = "bpbdtirtamaya"
OUTPUT_NAME = "data-saya"


@dataclass
class OwnData:
    """An imported, scrubbed export, loaded as the modules load the corpus (times in WIB)."""

    posts: pd.DataFrame
    comments: pd.DataFrame
    account: str
    lines: list[str] = field(default_factory=list)  # the import's summary, in Indonesian
    folder: Path | None = None  # where posts.csv and comments.csv were written


def mapping_from_text(text: str | None) -> dict | None:
    """A column map typed as plain text: ``kanonik=kolom`` pairs, one per line or separated by
    commas (``text=Isi Unggahan``); empty text means no map."""
    pairs = [part.strip() for line in (text or "").splitlines() for part in line.split(",")]
    pairs = [p for p in pairs if p]
    return parse_mapping(pairs=pairs) if pairs else None


def free_folder(parent: str | Path, name: str = OUTPUT_NAME) -> Path:
    """``parent/name``, or ``name-2``, ``name-3``...: a folder not yet holding an import."""
    target = Path(parent) / name
    n = 2
    while (target / "posts.csv").exists() or (target / "comments.csv").exists() or target.is_file():
        target = Path(parent) / f"{name}-{n}"
        n += 1
    return target


def import_own(files: Sequence[str | Path], account: str, folder: str | Path = ".", fmt: str | None = None,
               mapping_text: str | None = None, save: bool = True) -> OwnData:
    """Import, scrub (the salt kept in ``folder``) and, with ``save``, write to a new
    ``folder/data-saya[-N]``; the tables come back loaded and checked like the corpus."""
    imported = import_files(list(files), account, fmt=fmt, mapping=mapping_from_text(mapping_text))
    imported = scrub(imported, folder, account)
    out = None
    if save:
        out = free_folder(folder)
        targets = write(imported, out, inputs=files)
        lines = summary(imported, targets)
    else:
        lines = summary(imported)
    posts = corpus.validate_posts(imported.posts, "posts.csv", require_label=False)
    comments = corpus.validate_comments(imported.comments, "comments.csv", post_ids=posts["post_id"],
                                        require_kind=False)
    handle = account.strip().lstrip("@").lower()
    accounts = imported.posts["account"]
    if len(accounts) and handle not in set(accounts):  # e.g. a mapped table's own account column
        handle = str(accounts.mode().iloc[0])
    return OwnData(posts, comments, handle, lines, out)


def import_sample(folder: str | Path = ".") -> OwnData:
    """The kit's sample export through the same path (nothing written but the project salt)."""
    return import_own([data_dir() / SAMPLE_FILE], SAMPLE_ACCOUNT, folder, save=False)


# ---------------------------------------------------------------------------------------------
# The modules' views of an import


def _heading(text: str) -> None:
    display(HTML(layout.prose(f"<b>{html.escape(text)}</b>", margin="10px 0 4px")))


def module1_view(data: OwnData) -> pd.DataFrame:
    """Module 1: every post coded by the model; label shares per platform, and the posts the model
    is least sure of. Returns the coded posts."""
    from humaskit.coding import timeline

    if data.posts.empty:
        raise DataError("impor ini tidak berisi unggahan; unggah ekspor yang memuat unggahan akun Anda.")
    coded = timeline.code_timeline(data.posts, progress=False)
    shares = timeline.label_shares(coded, "platform", label_column="label_model")
    shares = (100 * shares).round(1).rename(columns=names.label, index=names.platform)
    _heading(f"Campuran label per platform (persen), {formats.number(len(coded))} unggahan @{data.account}")
    display(names.columns(shares))
    monthly = timeline.dialogic_share(timeline.with_month(coded), "month", label_column="label_model")
    if len(monthly) > 1:
        import matplotlib.pyplot as plt

        from humaskit.ui import plots

        ax = plots.lines(monthly.to_frame(f"@{data.account}"), title="Porsi unggahan dialogis per bulan",
                         xlabel="Bulan", ylabel="Unggahan dialogis", percent=True)
        formats.axes(ax)
        plt.show()
    unsure = coded.nsmallest(5, "confidence")[["created_at", "text", "label_model", "confidence"]]
    unsure = unsure.assign(created_at=unsure["created_at"].map(formats.date_time),
                           label_model=unsure["label_model"].astype(str).map(names.label),
                           confidence=unsure["confidence"].map(lambda v: formats.percent(v, 0)))
    _heading("Lima unggahan yang paling tidak diyakini model: periksa labelnya sendiri")
    display(names.columns(unsure))
    return coded


def module2_view(data: OwnData, survey: dict | None = None) -> dict:
    """Module 2: the maturity estimate from the evidence in the import (with the team's
    self-assessment ``survey`` when given). An import saved in a folder gets its printable report
    there (``laporan_<akun>.html``). Returns the estimate."""
    from humaskit.core.storage import write_text_atomic
    from humaskit.maturity import evidence, levels
    from humaskit.ui import report

    if data.posts.empty:
        raise DataError("impor ini tidak berisi unggahan; unggah ekspor yang memuat unggahan akun Anda.")
    result = levels.estimate(data.posts, data.comments, data.account, survey=survey, resamples=50)
    ev = result["evidence"]
    rows = {
        "tingkat kematangan (perkiraan)": f"{result['level']}: {result['level_name']}",
        "tingkat hasil / kapabilitas": f"{result['outcome_level']} / {result['capability_level']}",
        "unggahan": formats.number(ev["posts"]),
        "porsi unggahan lingkar dialog": formats.percent(ev["dialogic_share"]),
        "pertanyaan/keluhan warga": formats.number(ev["needs_answer"]),
        "porsi yang dijawab": formats.percent(ev["response_rate"]),
        "median respons pertama": formats.hours(ev["median_first_response_hours"])
        if ev["median_first_response_hours"] is not None else "-",
    }
    _heading(f"Perkiraan kematangan @{data.account} dari data Anda")
    display(pd.Series(rows, name="nilai").rename_axis("bukti").to_frame())
    notes = result["uncertainty"]["notes"] + result["recommendations"][:3]
    display(HTML(layout.prose("<br>".join(html.escape(n) for n in notes))))
    if data.folder is not None:
        page = report.render_html(result, evidence.posting_heatmap(data.posts, data.account))
        target = data.folder / f"laporan_{data.account}.html"
        write_text_atomic(target, page)  # the folder is this import's own, new one
        display(HTML(layout.prose(f"Laporan lengkap untuk dicetak: <b>{html.escape(str(target))}</b>")))
    return result


def module3_view(data: OwnData) -> pd.DataFrame:
    """Module 3: citizens' comments triaged by the model (already scrubbed). Returns them."""
    from humaskit.response import triage

    citizens = data.comments[data.comments["author_role"] == "citizen"]
    if citizens.empty:
        raise DataError("impor ini tidak berisi komentar warga; unggah ekspor yang memuat balasan "
                        "atau komentar (mis. tweet-harvest, Graph API, YouTube).")
    triaged = triage.triage_frame(citizens, "text")
    counts = triaged["triage"].map(names.triage).value_counts().rename("komentar").rename_axis("triase")
    _heading(f"Triase {formats.number(len(triaged))} komentar warga @{data.account}")
    display(counts.to_frame())
    sample = triaged.head(8)[["author", "text", "triage", "action"]]
    sample = sample.assign(triage=sample["triage"].map(names.triage))
    _heading("Delapan komentar pertama (nama akun dan data pribadi sudah disamarkan)")
    display(names.columns(sample))
    return triaged


VIEWS: dict[int, Callable[..., object]] = {1: module1_view, 2: module2_view, 3: module3_view}


# ---------------------------------------------------------------------------------------------
# The panel


def panel(module: int, folder: str | Path = ".", **options) -> w.VBox:
    """Upload -> import -> scrub -> the module's view, for a non-programmer; ``options`` go to
    the view (module 2: ``survey``). ``panel.run(files, account, fmt, mapping)`` does what the
    button does (for tests)."""
    chosen_view = VIEWS[module]

    def view(data: OwnData) -> object:
        return chosen_view(data, **options)

    folder = Path(folder)
    upload = w.FileUpload(accept=",".join(SUFFIXES), multiple=True, description="Pilih file ekspor",
                          layout=layout.button())
    account = w.Text(placeholder="mis. dinkessukamaju")
    fmt = w.Dropdown(options=[("Kenali otomatis", None), *[(v, k) for k, v in FORMATS.items()]])
    mapping = w.Textarea(placeholder="Hanya untuk tabel lain, satu per baris:\npost_id=ID\n"
                                     "created_at=Tanggal\ntext=Isi\nplatform=instagram")
    go = w.Button(description="Impor dan samarkan", button_style="primary", layout=layout.button())
    message = w.HTML(layout=layout.full_width())
    out = w.Output(layout=layout.full_width())

    def run(files: Sequence[str | Path], handle: str, chosen: str | None = None,
            columns: str = "") -> OwnData | None:
        out.clear_output()
        try:
            if not files:
                raise DataError("pilih dulu file ekspor dengan tombol 'Pilih file ekspor'.")
            if not handle.strip():
                raise DataError("isi dulu akun instansi Anda (tanpa @), agar balasan instansi dikenali "
                                "dan akun itu tidak disamarkan.")
            data = import_own(files, handle, folder, chosen, columns)
        except DataError as exc:
            message.value = layout.prose(f"<span style='color:#8a1c1c'>Belum bisa diimpor: "
                                         f"{html.escape(str(exc))}</span>")
            return None
        message.value = layout.prose("<br>".join(html.escape(line) for line in data.lines))
        with out:
            try:
                view(data)
            except DataError as exc:
                display(HTML(layout.prose(f"<span style='color:#8a1c1c'>{html.escape(str(exc))}</span>")))
        return data

    def clicked(_button) -> None:
        # The raw export holds citizens' personal data: it lives in a temporary folder only for
        # the import and is gone afterwards; what stays is the scrubbed data-saya folder.
        with tempfile.TemporaryDirectory(prefix="humaskit-unggahan-") as raw:
            files = []
            for item in upload.value:
                try:
                    files.append(save_upload(item["name"], item["content"], raw, SUFFIXES))
                except DataError as exc:
                    message.value = layout.prose(f"<span style='color:#8a1c1c'>Tidak dibaca: "
                                                 f"{html.escape(str(exc))}</span>")
                    return
            upload.value = ()
            run(files, account.value, fmt.value, mapping.value)

    go.on_click(clicked)
    box = w.VBox([upload, layout.labelled("Akun instansi Anda (tanpa @)", account),
                  layout.labelled("Format ekspor", fmt),
                  layout.labelled("Peta kolom (hanya untuk tabel lain)", mapping), go, message, out],
                 layout=layout.full_width())
    mapping.layout.height = "7em"  # labelled() gave it the full width
    box.run = run
    box.upload, box.account, box.format, box.mapping, box.button, box.message = (
        upload, account, fmt, mapping, go, message)
    return box
