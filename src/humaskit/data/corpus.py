"""The canonical schema of posts and comments, and loaders that enforce it.

Every loader returns a typed DataFrame or raises :class:`humaskit.core.tables.DataError` naming the
file, the row (as a spreadsheet shows it, header = row 1) and the column of the first bad value.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from humaskit.core.errors import DataError
from humaskit.core.paths import data_dir as _default_dir
from humaskit.core.tables import read_table, validate_frame
from humaskit.core.wib import localize_dates
from humaskit.data.schema import COMMENT_SCHEMA, GOLD_SCHEMA, POST_SCHEMA, TRIAGE_LABELS, unlabelled


def _dir(data_dir: Path | str | None) -> Path:
    return Path(data_dir) if data_dir is not None else _default_dir()


def _file(path_or_dir: Path | str | None, default_name: str) -> Path:
    path = Path(path_or_dir) if path_or_dir is not None else _default_dir()
    return path / default_name if path.is_dir() else path


def validate_posts(df: pd.DataFrame, file: str = "posts", require_label: bool = True) -> pd.DataFrame:
    """Validate and type a posts table in the canonical schema."""
    return validate_frame(df, POST_SCHEMA if require_label else unlabelled(POST_SCHEMA, "label"), file)


def validate_comments(df: pd.DataFrame, file: str = "comments", post_ids: pd.Series | None = None,
                      require_kind: bool = True) -> pd.DataFrame:
    """Validate and type a comments table; ``post_ids`` checks that every comment has its post."""
    out = validate_frame(df, COMMENT_SCHEMA if require_kind else unlabelled(COMMENT_SCHEMA, "kind"),
                         file)
    if post_ids is not None:
        orphan = ~out["post_id"].isin(set(post_ids))
        if orphan.any():
            i = int(orphan.to_numpy().nonzero()[0][0])
            raise DataError(f"post_id '{out['post_id'].iloc[i]}' tidak ada di tabel unggahan.",
                            file=file, row=i + 2, column="post_id")
    return out


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
    return validate_frame(read_table(file), GOLD_SCHEMA, file.name)


def load_hard(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The hard cases (``hard_cases.csv``): posts and comments where the precedence rule decides
    and cue words mislead. Columns item_id, item (post/comment), account, case, writer_label,
    split (train/held_out) and, for held-out items, coder_b, gold_label and coder_c (the
    independent coder, reported apart; ``hard_gold.csv``; empty for training items). A data
    folder without ``hard_cases.csv`` has none: an empty table."""
    folder = _dir(data_dir)
    file = folder / "hard_cases.csv"
    if not file.exists():
        return pd.DataFrame(columns=["item_id", "item", "account", "case", "writer_label", "split",
                                     "coder_b", "gold_label", "coder_c"])
    hard = read_table(file)
    gold_file = folder / "hard_gold.csv"
    if gold_file.exists():
        gold = read_table(gold_file).set_index("item_id")
        hard["coder_b"] = hard["item_id"].map(gold["coder_b"])
        hard["gold_label"] = hard["item_id"].map(gold["gold_label"])
        hard["coder_c"] = hard["item_id"].map(gold["coder_c"]) if "coder_c" in gold else None
    else:
        hard["coder_b"] = hard["gold_label"] = hard["coder_c"] = None
    return hard


EXTRA_COLUMNS = ["comment_id", "thread", "writer", "post", "text", "kind"]


def load_triage_extra(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Training-only citizen comments for the triage model (``triage_extra/<writer>.jsonl``).

    Written after the corpus by other writers, one thread per line (``thread``, ``post``: what the
    agency post was about, ``comments``: ``kind`` and ``text`` each). They never enter
    ``comments.csv``, so the held-out threads stay what they were. Columns: comment_id
    (``<thread>-cNN``), thread, writer (the file's name), post, text, kind. A data folder without
    ``triage_extra/`` has none: an empty table. A broken line or an unknown label raises
    :class:`DataError` naming the file and line."""
    rows = []
    for file in sorted((_dir(data_dir) / "triage_extra").glob("*.jsonl")):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                thread = json.loads(line)
                comments = thread["comments"]
                name, post = str(thread["thread"]), str(thread.get("post", ""))
            except (json.JSONDecodeError, KeyError, TypeError):
                raise DataError("baris ini bukan utas JSON yang lengkap (perlu 'thread' dan "
                                "'comments').", file=file.name, row=number) from None
            for i, comment in enumerate(comments, start=1):
                kind = comment.get("kind") if isinstance(comment, dict) else None
                text = str(comment.get("text", "")).strip() if isinstance(comment, dict) else ""
                if kind not in TRIAGE_LABELS or not text:
                    raise DataError(f"komentar ke-{i} perlu 'text' dan 'kind' salah satu dari: "
                                    f"{', '.join(TRIAGE_LABELS)}.", file=file.name, row=number,
                                    column="kind")
                rows.append([f"{name}-c{i:02d}", name, file.stem, post, text, kind])
    return pd.DataFrame(rows, columns=EXTRA_COLUMNS)


def crisis_periods(data_dir: Path | str | None = None) -> pd.DataFrame:
    """One row per crisis period: account, start, end (WIB dates), type, summary."""
    rows = []
    for _, agency in load_agencies(data_dir).iterrows():
        for period in agency.get("crisis_periods") or []:
            rows.append({"account": agency["account"], **period})
    df = pd.DataFrame(rows, columns=["account", "start", "end", "type", "summary"])
    df["start"] = localize_dates(df["start"])
    df["end"] = localize_dates(df["end"]) + pd.Timedelta(days=1)
    return df


def in_periods(posts: pd.DataFrame, periods: pd.DataFrame) -> pd.Series:
    """Boolean per post: was it published inside one of its own account's periods?

    ``periods`` has account, start and end (WIB timestamps, end exclusive), as
    :func:`crisis_periods` returns them.
    """
    flags = pd.Series(False, index=posts.index)
    for c in periods.itertuples():
        flags |= (posts["account"] == c.account) & posts["created_at"].between(
            c.start, c.end, inclusive="left")
    return flags


def in_crisis(posts: pd.DataFrame, data_dir: Path | str | None = None) -> pd.Series:
    """Boolean per post: was it published during its own agency's crisis period?"""
    return in_periods(posts, crisis_periods(data_dir))


def version(data_dir: Path | str | None = None) -> str:
    """The corpus version recorded by the build script (``datasets/VERSION``)."""
    file = _dir(data_dir) / "VERSION"
    return file.read_text(encoding="utf-8").strip() if file.exists() else "unknown"
