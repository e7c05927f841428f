"""The canonical schema of posts and comments, and loaders that enforce it.

Every loader returns a typed DataFrame or raises :class:`humaskit.tables.DataError` naming the
file, the row (as a spreadsheet shows it, header = row 1) and the column of the first bad value.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from humaskit.codebook import LABEL_IDS
from humaskit.paths import data_dir as _default_dir
from humaskit.tables import DataError, read_table, require_columns

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")

PLATFORMS = ("instagram", "x", "facebook", "tiktok", "youtube")
MEDIA_TYPES = ("text", "image", "carousel", "video", "link")
TRIAGE_LABELS = ("misguided", "unhappy_customer", "question", "troll", "rager", "positive")
COMMENT_KINDS = (*TRIAGE_LABELS, "agency_reply")
AUTHOR_ROLES = ("citizen", "agency")

POST_COLUMNS = ("post_id", "account", "platform", "created_at", "text", "media_type", "likes",
                "comments", "shares", "views", "followers", "label")
COMMENT_COLUMNS = ("comment_id", "post_id", "parent_id", "author", "author_role", "created_at",
                   "text", "kind")
COUNT_COLUMNS = ("likes", "comments", "shares", "views", "followers")


def _dir(data_dir: Path | str | None) -> Path:
    return Path(data_dir) if data_dir is not None else _default_dir()


def _file(path_or_dir: Path | str | None, default_name: str) -> Path:
    path = Path(path_or_dir) if path_or_dir is not None else _default_dir()
    return path / default_name if path.is_dir() else path


def parse_times(values: pd.Series, file: str, column: str = "created_at") -> pd.Series:
    """ISO 8601 timestamps with an explicit offset, converted to WIB (+07:00).

    Mixed offsets are allowed (a WITA export next to a WIB one); a timestamp without an offset is
    refused, because guessing the zone silently shifts response times by hours.
    """
    text = values.astype("string").str.strip()
    has_offset = text.str.contains(r"(?:[+-]\d{2}:?\d{2}|Z)$", regex=True, na=False)
    parsed = pd.to_datetime(text, utc=True, errors="coerce", format="ISO8601")
    bad = parsed.isna() | ~has_offset
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        value = values.iloc[i]
        why = ("tidak punya zona waktu; tulis misalnya 2025-03-14T09:30:00+07:00"
               if pd.notna(parsed.iloc[i]) else "bukan tanggal-waktu ISO 8601 "
               "(contoh: 2025-03-14T09:30:00+07:00)")
        raise DataError(f"nilai '{value}' {why}.", file=file, row=i + 2, column=column)
    return parsed.dt.tz_convert(WIB)


def _check_enum(df: pd.DataFrame, column: str, allowed: tuple[str, ...], file: str,
                allow_missing: bool = False) -> None:
    values = df[column]
    bad = ~values.isin(allowed)
    if allow_missing:
        bad &= values.notna()
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(f"nilai '{values.iloc[i]}' tidak sah; pilihan: {', '.join(allowed)}.",
                        file=file, row=i + 2, column=column)


def _check_required(df: pd.DataFrame, columns: tuple[str, ...], file: str) -> None:
    for column in columns:
        empty = df[column].isna() | (df[column].astype("string").str.strip() == "")
        if empty.any():
            i = int(empty.to_numpy().nonzero()[0][0])
            raise DataError("sel kosong; kolom ini wajib diisi.", file=file, row=i + 2, column=column)


def _check_unique(df: pd.DataFrame, column: str, file: str) -> None:
    dup = df[column].duplicated()
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        raise DataError(f"id '{df[column].iloc[i]}' muncul lebih dari sekali.", file=file, row=i + 2,
                        column=column)


def _to_counts(df: pd.DataFrame, file: str) -> None:
    for column in COUNT_COLUMNS:
        numbers = pd.to_numeric(df[column], errors="coerce")
        bad = numbers.isna() | (numbers < 0) | (numbers % 1 != 0)
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(f"nilai '{df[column].iloc[i]}' bukan bilangan bulat >= 0.", file=file,
                            row=i + 2, column=column)
        df[column] = numbers.astype("int64")


def validate_posts(df: pd.DataFrame, file: str = "posts", require_label: bool = True) -> pd.DataFrame:
    """Validate and type a posts table in the canonical schema."""
    df = df.copy()
    columns = POST_COLUMNS if require_label else POST_COLUMNS[:-1]
    require_columns(df, columns, file)
    if "label" not in df.columns:
        df["label"] = pd.NA
    _check_required(df, ("post_id", "account", "platform", "created_at", "text", "media_type"), file)
    _check_unique(df, "post_id", file)
    _check_enum(df, "platform", PLATFORMS, file)
    _check_enum(df, "media_type", MEDIA_TYPES, file)
    _check_enum(df, "label", LABEL_IDS, file, allow_missing=not require_label)
    _to_counts(df, file)
    df["created_at"] = parse_times(df["created_at"], file)
    for column in ("post_id", "account", "text"):
        df[column] = df[column].astype("string")
    df["platform"] = pd.Categorical(df["platform"], categories=PLATFORMS)
    df["media_type"] = pd.Categorical(df["media_type"], categories=MEDIA_TYPES)
    df["label"] = pd.Categorical(df["label"], categories=LABEL_IDS)
    return df[list(POST_COLUMNS)].reset_index(drop=True)


def validate_comments(df: pd.DataFrame, file: str = "comments", post_ids: pd.Series | None = None,
                      require_kind: bool = True) -> pd.DataFrame:
    """Validate and type a comments table; ``post_ids`` checks that every comment has its post."""
    df = df.copy()
    columns = COMMENT_COLUMNS if require_kind else COMMENT_COLUMNS[:-1]
    require_columns(df, columns, file)
    if "kind" not in df.columns:
        df["kind"] = pd.NA
    _check_required(df, ("comment_id", "post_id", "author", "author_role", "created_at", "text"), file)
    _check_unique(df, "comment_id", file)
    _check_enum(df, "author_role", AUTHOR_ROLES, file)
    _check_enum(df, "kind", COMMENT_KINDS, file, allow_missing=not require_kind)
    if post_ids is not None:
        orphan = ~df["post_id"].isin(set(post_ids))
        if orphan.any():
            i = int(orphan.to_numpy().nonzero()[0][0])
            raise DataError(f"post_id '{df['post_id'].iloc[i]}' tidak ada di tabel unggahan.",
                            file=file, row=i + 2, column="post_id")
    df["created_at"] = parse_times(df["created_at"], file)
    for column in ("comment_id", "post_id", "parent_id", "author", "text"):
        df[column] = df[column].astype("string")
    df["author_role"] = pd.Categorical(df["author_role"], categories=AUTHOR_ROLES)
    df["kind"] = pd.Categorical(df["kind"], categories=COMMENT_KINDS)
    return df[list(COMMENT_COLUMNS)].reset_index(drop=True)


def load_posts(path: Path | str | None = None, require_label: bool = True) -> pd.DataFrame:
    """Posts from a CSV/XLSX file (or ``posts.csv`` in a folder; default: the kit's corpus)."""
    file = _file(path, "posts.csv")
    return validate_posts(read_table(file), file.name, require_label=require_label)


def load_comments(path: Path | str | None = None, posts: pd.DataFrame | None = None,
                  require_kind: bool = True) -> pd.DataFrame:
    """Comments from a CSV/XLSX file (or ``comments.csv`` in a folder; default: the kit's corpus)."""
    file = _file(path, "comments.csv")
    post_ids = posts["post_id"] if posts is not None else None
    return validate_comments(read_table(file), file.name, post_ids=post_ids, require_kind=require_kind)


def load_agencies(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Agency profiles (one row per account) from ``agencies.json``."""
    file = _dir(data_dir) / "agencies.json"
    if not file.exists():
        raise FileNotFoundError(f"{file} tidak ditemukan")
    try:
        records = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"JSON rusak: {exc.msg}.", file=file.name, row=exc.lineno) from None
    return pd.DataFrame(records)


def load_gold(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The gold subset: each post's codes from two independent coders and the adjudicated label."""
    file = _dir(data_dir) / "gold.csv"
    if not file.exists():
        raise FileNotFoundError(f"{file} tidak ditemukan")
    df = read_table(file)
    require_columns(df, ("post_id", "coder_a", "coder_b", "gold_label"), file.name)
    for column in ("coder_a", "coder_b", "gold_label"):
        _check_enum(df, column, LABEL_IDS, file.name)
    return df


def crisis_periods(data_dir: Path | str | None = None) -> pd.DataFrame:
    """One row per crisis period: account, start, end (WIB dates), type, summary."""
    rows = []
    for _, agency in load_agencies(data_dir).iterrows():
        for period in agency.get("crisis_periods") or []:
            rows.append({"account": agency["account"], **period})
    df = pd.DataFrame(rows, columns=["account", "start", "end", "type", "summary"])
    df["start"] = pd.to_datetime(df["start"]).dt.tz_localize(WIB)
    df["end"] = pd.to_datetime(df["end"]).dt.tz_localize(WIB) + pd.Timedelta(days=1)
    return df


def in_crisis(posts: pd.DataFrame, data_dir: Path | str | None = None) -> pd.Series:
    """Boolean per post: was it published during its own agency's crisis period?"""
    flags = pd.Series(False, index=posts.index)
    for _, c in crisis_periods(data_dir).iterrows():
        flags |= (posts["account"] == c["account"]) & posts["created_at"].between(
            c["start"], c["end"], inclusive="left")
    return flags


def version(data_dir: Path | str | None = None) -> str:
    """The corpus version recorded by the build script (``datasets/VERSION``)."""
    file = _dir(data_dir) / "VERSION"
    return file.read_text(encoding="utf-8").strip() if file.exists() else "unknown"
