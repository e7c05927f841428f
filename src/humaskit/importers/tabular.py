"""Tables: tweet-harvest's CSV/XLSX, any table with a column mapping, and the kit's own
canonical tables."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping

import pandas as pd

from humaskit.core.errors import DataError
from humaskit.data.schema import COMMENT_COLUMNS, PLATFORM_ALIASES, PLATFORMS, POST_COLUMNS
from humaskit.importers.common import (
    Report,
    count_of,
    handle_of,
    strip_reply_mentions,
    text_of,
    time_of,
)
from humaskit.importers.rows import Row

# tweet-harvest 2.7.1 writes these columns, sorted by name.
TWEET_HARVEST_COLUMNS = ("conversation_id_str", "created_at", "favorite_count", "full_text", "id_str",
                         "image_url", "in_reply_to_screen_name", "lang", "location", "quote_count",
                         "reply_count", "retweet_count", "tweet_url", "user_id_str", "username")
TWEET_HARVEST_KEY = ("id_str", "full_text", "username", "created_at")

_STATUS_URL = re.compile(r"/status(?:es)?/(\d{5,25})")
_ID = re.compile(r"^\d{1,25}$")


def is_tweet_harvest(columns) -> bool:
    return set(TWEET_HARVEST_KEY) <= {str(c).strip().lower() for c in columns}


def _rows(df: pd.DataFrame, progress) -> Iterator[tuple[int | None, dict]]:
    lines = df.attrs.get("lines")
    lines = [None] * len(df) if lines is None or len(lines) != len(df) else lines.tolist()
    columns = list(df.columns)
    for line, values in progress(zip(lines, df.itertuples(index=False, name=None), strict=False),
                                 total=len(df)):
        yield line, dict(zip(columns, values, strict=False))


def _tweet_id(value, url, file: str, line: int | None, report: Report, what: str) -> str | None:
    """An X id as text. Excel turns 19-digit ids into 1.76826E+18 (the digits are lost); the
    tweet's URL still holds them."""
    text = text_of(value)
    if text is not None and _ID.match(text):
        return text
    from_url = _STATUS_URL.search(text_of(url) or "")
    if from_url and what == "id_str":
        report.fix("id rusak (mis. diubah Excel jadi 1,7E+18) dipulihkan dari tweet_url", file, line)
        return from_url.group(1)
    return None


def read_tweet_harvest(df: pd.DataFrame, file: str, account: str, report: Report,
                       progress) -> tuple[list[Row], list[Row]]:
    """The agency's own top-level tweets are posts; every other tweet in a conversation is a
    comment (the agency's answers with author_role agency). tweet-harvest writes times in UTC."""
    lines = df.attrs.get("lines")
    lines = [None] * len(df) if lines is None or len(lines) != len(df) else \
        (lines.tolist() if hasattr(lines, "tolist") else list(lines))
    df = df.rename(columns={c: str(c).strip().lower() for c in df.columns})
    df = df.loc[:, ~df.columns.duplicated(keep="last")]  # two columns of one name: the last counts
    needed = ["id_str", "tweet_url", "conversation_id_str", "username", "in_reply_to_screen_name",
              "created_at", "full_text", "image_url", "favorite_count", "reply_count", "retweet_count",
              "quote_count"]
    df = df.assign(**{c: None for c in needed if c not in df.columns})
    posts: list[Row] = []
    comments: list[Row] = []
    for line, (raw_id, url, raw_conversation, username, reply_name, created, full_text, image, likes,
               replies, retweets, quotes) in progress(
            zip(lines, df[needed].itertuples(index=False, name=None), strict=True), total=len(df)):
        tweet_id = _tweet_id(raw_id, url, file, line, report, "id_str")
        if tweet_id is None:
            report.skip("id_str kosong atau rusak (mis. diubah Excel jadi notasi ilmiah)", file, line)
            continue
        conversation = _tweet_id(raw_conversation, None, file, line, report, "conv")
        author = handle_of(username)
        replying_to = handle_of(reply_name)
        text = text_of(full_text)
        top_level = conversation == tweet_id if conversation else replying_to is None
        if author == account and top_level:
            posts.append(Row({
                "post_id": tweet_id, "account": account, "platform": "x", "created_at": created,
                "text": text, "media_type": "image" if text_of(image) else "text",
                "likes": likes, "comments": replies,
                "shares": _sum(retweets, quotes), "views": None,
                "followers": None}, file, line))
        elif top_level or conversation is None:
            report.skip("tweet akun lain yang bukan balasan dalam percakapan akun ini", file, line)
        else:
            comments.append(Row({
                "comment_id": tweet_id, "post_id": conversation, "parent_id": None, "author": author,
                "author_role": "agency" if author == account else "citizen", "created_at": created,
                "text": strip_reply_mentions(text) if text else text,
                "kind": "agency_reply" if author == account else None}, file, line))
    return posts, comments


def _sum(*values):
    numbers = [count_of(v)[0] for v in values]
    if all(n is None for n in numbers):
        return values[0]  # empty or unreadable: the pipeline reports it
    return sum(n or 0 for n in numbers)


# ---------------------------------------------------------------------------------------------
# Any table, with a mapping canonical column -> source column

MAPPABLE = tuple(dict.fromkeys((*POST_COLUMNS, *COMMENT_COLUMNS)))


def parse_mapping(pairs: list[str] | None = None, spec: Mapping | None = None) -> dict:
    """The mapping from ``--column canonical=source`` pairs or a YAML file's contents:
    ``{"tables": [{canonical: source}, ...], "platform": ..., "timezone": ...}``.

    The YAML holds the columns under ``columns:`` (``kolom:``) or at the top level; a file
    pair of posts and comments tables gets ``posts:`` (``unggahan:``) and ``comments:``
    (``komentar:``) sections, and each input file uses the section whose columns it has."""
    tables: list[dict[str, str]] = []
    extra: dict[str, str] = {}
    if spec is not None:
        if not isinstance(spec, Mapping):
            raise DataError("peta kolom harus berisi pasangan 'kolom_kanonik: kolom_di_file'.")
        for key in ("platform", "timezone", "zona_waktu"):
            if key in spec and not isinstance(spec[key], Mapping | list):
                extra["timezone" if key == "zona_waktu" else key] = str(spec[key])
        sections = [spec[k] for k in ("posts", "unggahan", "comments", "komentar", "columns", "kolom")
                    if k in spec]
        if not sections:
            sections = [{k: v for k, v in spec.items() if k not in ("platform", "timezone", "zona_waktu")}]
        for body in sections:
            if not isinstance(body, Mapping):
                raise DataError("setiap bagian peta kolom harus berisi pasangan 'kolom_kanonik: "
                                "kolom_di_file'.")
            tables.append({str(k).strip(): str(v).strip() for k, v in body.items()})
    if pairs:
        columns: dict[str, str] = {}
        for pair in pairs:
            if "=" not in pair:
                raise DataError(f"--column '{pair}' harus berbentuk kolom_kanonik=kolom_di_file, "
                                "misalnya text=Isi Unggahan.")
            canonical, source = pair.split("=", 1)
            columns[canonical.strip()] = source.strip()
        tables.append(columns)
    for columns in tables:
        unknown = [c for c in columns if c not in MAPPABLE]
        if unknown:
            raise DataError(f"kolom kanonik {', '.join(repr(c) for c in unknown)} tidak dikenal. Yang "
                            f"bisa dipetakan: {', '.join(MAPPABLE)}.")
        if "platform" in columns and "platform" not in extra and _platform(columns["platform"]):
            extra["platform"] = columns.pop("platform")  # a constant, not a column
    if not tables or not any(tables):
        raise DataError("peta kolom kosong.")
    return {"tables": tables, **extra}


def _platform(word: str | None) -> str | None:
    key = str(word or "").strip().lower()
    return key if key in PLATFORMS else dict(PLATFORM_ALIASES).get(key)


def canonical_mapping(columns) -> dict | None:
    """The identity mapping for a table already in the canonical schema (the kit's own files),
    or None."""
    have = {str(c).strip() for c in columns}
    for needed, keys in ((("comment_id", "post_id", "created_at", "text"), COMMENT_COLUMNS),
                         (("post_id", "created_at", "text"), POST_COLUMNS)):
        if set(needed) <= have:
            return {"tables": [{k: k for k in keys if k in have}]}
    return None


def read_mapped(df: pd.DataFrame, file: str, account: str, mapping: dict, report: Report,
                progress, naive: dt.tzinfo) -> tuple[list[Row], list[Row]]:
    """Rows of any table, by ``mapping`` (see :func:`parse_mapping`). A table with ``comment_id``
    mapped holds comments, otherwise posts."""
    have = {str(c).strip(): c for c in df.columns}
    candidates = sorted(mapping["tables"], key=lambda t: sum(v not in have for v in t.values()))
    columns = candidates[0]
    missing = [source for source in columns.values() if source not in have]
    if missing:
        raise DataError(f"kolom {', '.join(repr(m) for m in missing)} (dari peta kolom) tidak ada. "
                        f"Kolom yang ada: {', '.join(repr(str(c)) for c in df.columns)}.", file=file)
    is_comments = "comment_id" in columns
    needed = ("comment_id", "post_id", "created_at", "text") if is_comments else \
        ("post_id", "created_at", "text")
    absent = [c for c in needed if c not in columns]
    if absent:
        raise DataError(f"peta kolom belum menyebut {', '.join(absent)}; tambahkan misalnya "
                        f"--column {absent[0]}=NAMA_KOLOM_DI_FILE.", file=file)
    platform = None
    if not is_comments and "platform" not in columns:
        platform = _platform(mapping.get("platform"))
        if platform is None:
            raise DataError("platform unggahan belum disebut: tambahkan --column platform=instagram "
                            f"(pilihan: {', '.join(PLATFORMS)}) atau kolom platform di peta.", file=file)
    naive_times = 0
    out: list[Row] = []
    for line, r in _rows(df, progress):
        value = {k: r.get(have[source]) for k, source in columns.items()}
        created, status = time_of(value.get("created_at"), naive)
        naive_times += status == "naive"
        value["created_at"] = created or value.get("created_at")
        if is_comments:
            author = handle_of(value.get("author"))
            role = text_of(value.get("author_role"))
            if role is None:
                role = "agency" if author == account else "citizen"
            kind = text_of(value.get("kind"))
            if kind is None and role == "agency":
                kind = "agency_reply"
            out.append(Row({**{k: value.get(k) for k in COMMENT_COLUMNS}, "author": author,
                            "author_role": role, "kind": kind}, file, line))
        else:
            row = {k: value.get(k) for k in POST_COLUMNS if k != "label"}
            row["account"] = handle_of(row.get("account")) or account
            row["platform"] = row.get("platform") if platform is None else platform
            row["media_type"] = row.get("media_type") or "text"
            if "label" in columns:
                row["label"] = value.get("label")
            out.append(Row(row, file, line))
    if naive_times:
        zone = getattr(naive, "tzname", lambda _: None)(None) or str(naive)
        report.notes.append(f"{file}: {naive_times} waktu tanpa zona waktu dianggap {zone} (ubah "
                            "dengan 'timezone: \"+08:00\"' di peta kolom).")
    return ([], out) if is_comments else (out, [])

