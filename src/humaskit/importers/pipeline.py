"""From export files to the canonical posts and comments: detect each file's format, read it,
check every row (skipped or fixed rows are reported with their row numbers), link comments to
their posts, scrub personal data, and write ``posts.csv`` and ``comments.csv``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from humaskit.core import formats
from humaskit.core.errors import DataError
from humaskit.core.tables import read_table
from humaskit.core.wib import WIB
from humaskit.data.schema import (
    AUTHOR_ROLES,
    COMMENT_COLUMNS,
    COMMENT_KINDS,
    COUNT_COLUMNS,
    LABEL_IDS,
    MEDIA_ALIASES,
    MEDIA_TYPES,
    PLATFORM_ALIASES,
    PLATFORMS,
    POST_COLUMNS,
)
from humaskit.importers import platforms, tabular
from humaskit.importers.common import Report, count_of, handle_of, offset, text_of, time_of, times_of
from humaskit.importers.kinds import FORMATS, JSON_FORMATS, TABLE_FORMATS
from humaskit.importers.rows import Row

# Format ids (``--format``), each with its Indonesian description for the summary.
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")

PLACEHOLDER_TEXT = "[tanpa teks]"


@dataclass
class Imported:
    """The canonical tables (as text, ready to write) and the report of the import."""

    posts: pd.DataFrame
    comments: pd.DataFrame
    report: Report


def _no_progress(items, total=None):
    return items


def tqdm_progress(description: str) -> Callable:
    """A progress bar (tqdm, on standard error) for rows of one file."""
    from tqdm.auto import tqdm

    def bar(items, total=None):
        return tqdm(items, total=total, desc=description, unit=" baris", leave=False,
                    mininterval=0.5, disable=total is not None and total < 5000)
    return bar


def detect(path: Path, payload=None, table: pd.DataFrame | None = None, mapping: dict | None = None) -> str:
    """The format of one file, from its suffix and content."""
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        for fmt, test in (("youtube", platforms.looks_like_youtube),
                          ("x-api", platforms.looks_like_x_api),
                          ("instagram-graph", platforms.looks_like_instagram_graph),
                          ("instagram-dyi", platforms.looks_like_instagram_dyi),
                          ("facebook-dyi", platforms.looks_like_facebook_dyi)):
            try:
                if test(payload):
                    return fmt
            except (AttributeError, TypeError, KeyError):  # a value of an unexpected type
                continue
        raise DataError("isi JSON ini tidak dikenali sebagai ekspor X API, Instagram, Facebook atau "
                        "YouTube. Sebutkan formatnya dengan --format (pilihan: "
                        f"{', '.join(JSON_FORMATS)}).", file=path.name)
    assert table is not None
    if mapping:
        return "mapped"
    if tabular.is_tweet_harvest(table.columns):
        return "tweet-harvest"
    if tabular.canonical_mapping(table.columns):
        return "canonical"
    raise DataError("kolom tabel ini tidak dikenali. Sebutkan kolom mana berisi apa, misalnya "
                    "--column post_id=ID --column created_at=Tanggal --column text=Isi --column "
                    "platform=instagram, atau dengan --map peta.yaml. Kolom yang ada: "
                    f"{', '.join(repr(str(c)) for c in table.columns)}.", file=path.name)


def import_files(paths: Sequence[str | Path], account: str, fmt: str | None = None,
                 mapping: dict | None = None, progress: bool = False,
                 sheet: str | int | None = None) -> Imported:
    """Read every file into canonical posts and comments (not yet scrubbed: see
    :func:`scrub`). ``mapping`` is :func:`humaskit.importers.tabular.parse_mapping`'s result."""
    account = handle_of(account) or ""
    if not account:
        raise DataError("--account harus berisi nama akun instansi, misalnya kppsukamaju.")
    if fmt is not None and fmt not in FORMATS:
        raise DataError(f"format '{fmt}' tidak dikenal; pilihan: {', '.join(FORMATS)}.")
    if not paths:
        raise DataError("sebutkan paling tidak satu file untuk diimpor.")
    report = Report()
    posts: list[Row] = []
    comments: list[Row] = []
    naive = offset((mapping or {}).get("timezone")) if mapping and mapping.get("timezone") else None
    if mapping and mapping.get("timezone") and naive is None:
        raise DataError(f"zona waktu '{mapping['timezone']}' tidak dikenal; tulis misalnya +07:00, "
                        "WIB, WITA, WIT atau UTC.")
    for raw_path in paths:
        path = Path(raw_path)
        bar = tqdm_progress(path.name) if progress else _no_progress
        p, c, used = _read_one(path, account, fmt, mapping, report, bar, naive or WIB, sheet)
        posts += p
        comments += c
        report.files.append((path.name, used, report_rows(p, c, path.name, report)))
    return Imported(*assemble(posts, comments, account, report), report)


def report_rows(posts: list[Row], comments: list[Row], name: str, report: Report) -> int:
    """Rows read from one file: its rows that became a post or comment, plus its skipped rows."""
    lines = {(r.file, r.line) for r in posts + comments}
    skipped = sum(1 for rows in report.skipped.values() for file, _ in rows if file == name)
    own = sum(1 for file, _ in lines if file == name)
    return own + skipped


def _read_one(path: Path, account: str, fmt: str | None, mapping: dict | None, report: Report,
              bar, naive: dt.tzinfo, sheet) -> tuple[list[Row], list[Row], str]:
    suffix = path.suffix.lower()
    if suffix not in JSON_SUFFIXES + TABLE_SUFFIXES:
        raise DataError(f"jenis file '{suffix or '(tanpa akhiran)'}' tidak didukung; pakai .csv, "
                        ".xlsx atau .json.", file=path.name)
    if suffix in JSON_SUFFIXES:
        if fmt is not None and fmt not in JSON_FORMATS:
            raise DataError(f"format '{fmt}' untuk file tabel, bukan JSON.", file=path.name)
        payload = platforms.load_json(path)
        used = fmt or detect(path, payload)
        reader = {"x-api": platforms.read_x_api, "instagram-dyi": platforms.read_instagram_dyi,
                  "facebook-dyi": platforms.read_facebook_dyi,
                  "instagram-graph": platforms.read_instagram_graph,
                  "youtube": platforms.read_youtube}[used]
        try:
            p, c = reader(payload, path.name, account, report, bar)
        except (AttributeError, TypeError, KeyError) as exc:  # a layout other than the format's
            raise DataError(f"isi file tidak sesuai format {FORMATS[used]} ({type(exc).__name__}). "
                            "Periksa --format.", file=path.name) from None
        return p, c, used
    if fmt is not None and fmt not in TABLE_FORMATS:
        raise DataError(f"format '{fmt}' untuk file JSON, bukan tabel.", file=path.name)
    table = read_table(path, sheet=sheet, lenient=True)
    for note in table.attrs.get("notes", []):
        report.notes.append(f"{path.name}: {note}")
    for line, why in table.attrs.get("bad_rows", []):
        report.skip(f"jumlah kolom salah ({why})", path.name, line)
    used = fmt or detect(path, table=table, mapping=mapping)
    if used == "tweet-harvest":
        if not tabular.is_tweet_harvest(table.columns):
            raise DataError("kolom tweet-harvest (id_str, full_text, username, created_at) tidak "
                            "lengkap.", file=path.name)
        p, c = tabular.read_tweet_harvest(table, path.name, account, report, bar)
        return p, c, used
    if used == "mapped" and not mapping:
        raise DataError("format 'mapped' butuh peta kolom: --column kanonik=kolom atau --map "
                        "peta.yaml.", file=path.name)
    spec = mapping if used == "mapped" else tabular.canonical_mapping(table.columns)
    if spec is None:
        raise DataError("tabel ini tidak memakai kolom skema kanonik (post_id, created_at, text).",
                        file=path.name)
    p, c = tabular.read_mapped(table, path.name, account, spec, report, bar, naive)
    return p, c, used


# ---------------------------------------------------------------------------------------------
# Checking rows and linking comments to posts

_MEDIA = {**{m: m for m in MEDIA_TYPES}, **dict(MEDIA_ALIASES)}
_PLATFORM = {**{p: p for p in PLATFORMS}, **dict(PLATFORM_ALIASES)}


def _check_common(values: dict, row: Row, report: Report, id_key: str, what: str,
                  when: tuple[str | None, str] | None) -> dict | None:
    out = dict(values)
    out[id_key] = text_of(values.get(id_key))
    if out[id_key] is None:
        report.skip(f"{what} tanpa id", row.file, row.line)
        return None
    created, status = time_of(values.get("created_at")) if when is None else when
    if created is None:
        report.skip(f"{what}: waktu kosong atau tidak terbaca", row.file, row.line)
        return None
    out["created_at"] = created
    return out


def _check_post(row: Row, report: Report, when: tuple[str | None, str] | None = None) -> dict | None:
    out = _check_common(row.values, row, report, "post_id", "unggahan", when)
    if out is None:
        return None
    platform = _PLATFORM.get(str(text_of(out.get("platform")) or "").lower())
    if platform is None:
        report.skip(f"platform tidak dikenal (pilihan: {', '.join(PLATFORMS)})", row.file, row.line)
        return None
    out["platform"] = platform
    media = _MEDIA.get(str(text_of(out.get("media_type")) or "").lower())
    if media is None:
        report.fix("jenis media tidak dikenal, dicatat sebagai 'text'", row.file, row.line)
        media = "text"
    out["media_type"] = media
    text = text_of(out.get("text"))
    if text is None:
        report.fix(f"unggahan tanpa teks, diberi teks '{PLACEHOLDER_TEXT}'", row.file, row.line)
        text = PLACEHOLDER_TEXT
    out["text"] = text
    out["account"] = handle_of(out.get("account"))
    for column in COUNT_COLUMNS:
        number, ok = count_of(out.get(column))
        if not ok:
            report.fix(f"nilai '{column}' bukan bilangan bulat >= 0, dikosongkan", row.file, row.line)
        out[column] = number
    label = text_of(out.get("label"))
    if label is not None and label not in LABEL_IDS:
        report.fix("label tidak dikenal, dikosongkan", row.file, row.line)
        label = None
    out["label"] = label
    return out


def _check_comment(row: Row, report: Report, when: tuple[str | None, str] | None = None) -> dict | None:
    out = _check_common(row.values, row, report, "comment_id", "komentar", when)
    if out is None:
        return None
    out["post_id"] = text_of(out.get("post_id"))
    if out["post_id"] is None:
        report.skip("komentar tanpa post_id", row.file, row.line)
        return None
    out["text"] = text_of(out.get("text"))
    if out["text"] is None:
        report.skip("komentar tanpa teks (mis. hanya stiker atau gambar)", row.file, row.line)
        return None
    out["author"] = text_of(out.get("author"))
    if out["author"] is None:
        report.fix("komentar tanpa nama akun, dicatat sebagai 'tanpa_nama'", row.file, row.line)
        out["author"] = "tanpa_nama"
    role = str(text_of(out.get("author_role")) or "citizen").lower()
    if role not in AUTHOR_ROLES:
        report.fix("author_role tidak dikenal, dicatat sebagai 'citizen'", row.file, row.line)
        role = "citizen"
    out["author_role"] = role
    kind = text_of(out.get("kind"))
    if kind is not None and kind not in COMMENT_KINDS:
        report.fix("kind tidak dikenal, dikosongkan", row.file, row.line)
        kind = None
    out["kind"] = "agency_reply" if role == "agency" else kind
    out["parent_id"] = text_of(out.get("parent_id"))
    return out


def _checked(rows: Iterable[Row], check: Callable[..., dict | None], id_key: str,
             report: Report, belongs: Callable[[dict], bool] | None = None, why_not: str = ""
             ) -> dict[str, tuple[dict, Row]]:
    """Each row checked (posts or comments alike), the first of each id kept: a repeated id is
    skipped as a duplicate, and a row ``belongs`` refuses is skipped with ``why_not``. The times
    of all rows are read at once first (:func:`times_of`)."""
    rows = list(rows)
    times = times_of([row.values.get("created_at") for row in rows])
    kept: dict[str, tuple[dict, Row]] = {}
    for row, when in zip(rows, times, strict=True):
        checked = check(row, report, when)
        if checked is None:
            continue
        if checked[id_key] in kept:
            report.skip(f"baris ganda ({id_key} sudah ada)", row.file, row.line)
            continue
        if belongs is not None and not belongs(checked):
            report.skip(why_not, row.file, row.line)
            continue
        kept[checked[id_key]] = (checked, row)
    return kept


def assemble(posts: Iterable[Row], comments: Iterable[Row], account: str,
             report: Report) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Checked, de-duplicated posts and comments; comments whose post is not among the posts are
    skipped, a reply whose parent is missing becomes a direct comment (both reported)."""
    post_rows = _checked(posts, _check_post, "post_id", report)
    comment_rows = _checked(comments, _check_comment, "comment_id", report,
                            lambda c: c["post_id"] in post_rows,
                            "unggahan induknya tidak ada di file yang diimpor")
    for checked, row in comment_rows.values():
        parent = checked["parent_id"]
        if parent is not None and (parent not in comment_rows or parent == checked["comment_id"]):
            if parent != checked["post_id"]:
                report.fix("komentar induknya tidak ada di file, dijadikan komentar langsung", row.file,
                           row.line)
            checked["parent_id"] = None
    post_df = pd.DataFrame([c for c, _ in post_rows.values()], columns=list(POST_COLUMNS))
    for column in COUNT_COLUMNS:
        post_df[column] = pd.array(post_df[column].tolist(), dtype="Int64")
    post_df = post_df.sort_values(["created_at", "post_id"], kind="stable").reset_index(drop=True)
    comment_df = pd.DataFrame([c for c, _ in comment_rows.values()], columns=list(COMMENT_COLUMNS))
    comment_df = comment_df.sort_values(["post_id", "created_at", "comment_id"], kind="stable") \
        .reset_index(drop=True)
    return post_df, comment_df


# ---------------------------------------------------------------------------------------------
# Scrubbing, writing and the summary

KEEP_POST_COLUMNS = tuple(c for c in POST_COLUMNS if c != "text")
KEEP_COMMENT_COLUMNS = tuple(c for c in COMMENT_COLUMNS if c not in ("text", "author"))


def scrub(imported: Imported, folder: str | Path, account: str, keep_columns: Iterable[str] = ()
          ) -> Imported:
    """Personal data out (UU 27/2022): citizens' handles become pseudonyms under the project's
    salt (kept in ``folder``), identifiers in the texts are masked; the agency's own handle and
    official numbers stay. The counts per type go into the report."""
    from humaskit.core import privacy
    from humaskit.data import contacts

    salt = privacy.project_salt(folder)
    allow = contacts.official() | privacy.Allowlist.of(handles=[account])
    keep = set(keep_columns)
    posts, c1 = privacy.scrub_table(imported.posts, salt=salt, allow=allow,
                                    keep_columns=[*KEEP_POST_COLUMNS, *keep], handle_columns=[])
    comments, c2 = privacy.scrub_table(imported.comments, salt=salt, allow=allow,
                                       keep_columns=[*KEEP_COMMENT_COLUMNS, *keep],
                                       handle_columns=["author"])
    imported.report.scrubbed = dict(c1 + c2)
    return Imported(posts, comments, imported.report)


def write(imported: Imported, folder: str | Path, force: bool = False,
          inputs: Iterable[str | Path] = ()) -> tuple[Path, Path]:
    """``folder/posts.csv`` and ``folder/comments.csv`` (atomic; an existing file only with
    ``force``), checked against the canonical schema before writing."""
    from humaskit.core.storage import check_output
    from humaskit.core.tables import write_table
    from humaskit.data import corpus

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise DataError("--out harus sebuah folder, bukan file.", file=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    targets = (folder / "posts.csv", folder / "comments.csv")
    for target in targets:
        check_output(target, inputs=inputs, suffixes=(".csv",), force=force)
    posts = corpus.validate_posts(imported.posts, "posts.csv", require_label=False)
    corpus.validate_comments(imported.comments, "comments.csv", post_ids=posts["post_id"],
                             require_kind=False)
    write_table(imported.posts, targets[0])
    write_table(imported.comments, targets[1])
    return targets


def _rows_text(places: list[tuple[str, int | None]], files: int) -> str:
    shown = []
    for file, line in places[:6]:
        where = f"baris {line}" if line is not None else "tanpa nomor baris"
        shown.append(f"{file} {where}" if files > 1 else where)
    more = f" dan {formats.number(len(places) - 6)} lainnya" if len(places) > 6 else ""
    return ", ".join(shown) + more


SCRUB_NAMES = {"handle": "nama akun", "nik": "NIK/KK", "npwp": "NPWP", "hp": "nomor HP",
               "email": "email"}


def summary(imported: Imported, targets: Sequence[Path] = ()) -> list[str]:
    """The import in Indonesian: files and formats, rows read, posts, comments, rows skipped
    and fixed with their reasons and row numbers, personal data removed (counts, never values)."""
    report = imported.report
    n_files = len(report.files)
    lines = [f"{name}: format {FORMATS[fmt]}, {formats.number(rows)} baris dibaca"
             for name, fmt, rows in report.files]
    posts, comments = imported.posts, imported.comments
    lines.append(f"Total {formats.number(report.rows_read)} baris dibaca: "
                 f"{formats.number(len(posts))} unggahan, {formats.number(len(comments))} komentar "
                 f"({formats.number(int((comments['author_role'] == 'agency').sum()))} balasan "
                 f"instansi), {formats.number(report.rows_skipped)} baris dilewati.")
    if len(posts):
        times = pd.to_datetime(posts["created_at"], utc=True, format="ISO8601")
        lines.append(f"Rentang waktu unggahan: {formats.date_time(times.min().to_pydatetime())} "
                     f"sampai {formats.date_time(times.max().to_pydatetime())}.")
    for reason, places in sorted(report.skipped.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"Dilewati {formats.number(len(places))}: {reason} ({_rows_text(places, n_files)}).")
    for reason, places in sorted(report.fixed.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"Diperbaiki {formats.number(len(places))}: {reason} "
                     f"({_rows_text(places, n_files)}).")
    empty = [c for c in COUNT_COLUMNS if len(posts) and posts[c].isna().all()]
    if empty:
        lines.append(f"Tidak dilaporkan platform (dibiarkan kosong): {', '.join(empty)}.")
    if report.scrubbed:
        parts = ", ".join(f"{SCRUB_NAMES.get(k, k)} {formats.number(v)}"
                          for k, v in sorted(report.scrubbed.items()))
        lines.append(f"Data pribadi disamarkan (UU 27/2022): {parts}.")
    elif targets:
        lines.append("Data pribadi: tidak ada yang perlu disamarkan.")
    lines += [f"Catatan: {note}" for note in report.notes]
    if targets:
        lines.append("Ditulis: " + ", ".join(str(t) for t in targets))
    return lines
