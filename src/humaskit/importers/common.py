"""What every importer shares: the report of what happened to each row, and turning the values
real exports hold (times in many shapes, counts written as text) into the canonical schema's."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from humaskit.core.wib import WIB

UTC = dt.UTC

# What the canonical tables need from every row; the importers fill these keys.
POST_KEYS = ("post_id", "account", "platform", "created_at", "text", "media_type", "likes",
             "comments", "shares", "views", "followers")
COMMENT_KEYS = ("comment_id", "post_id", "parent_id", "author", "author_role", "created_at", "text",
                "kind")


@dataclass
class Report:
    """What an import did, row by row: rows read per file, rows skipped or fixed with the reason
    and where (file, row as the file shows it), and notes on what the reader decided."""

    files: list[tuple[str, str, int]] = field(default_factory=list)  # (name, format, rows read)
    skipped: dict[str, list[tuple[str, int | None]]] = field(default_factory=lambda: defaultdict(list))
    fixed: dict[str, list[tuple[str, int | None]]] = field(default_factory=lambda: defaultdict(list))
    notes: list[str] = field(default_factory=list)
    scrubbed: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str, file: str, row: int | None) -> None:
        self.skipped[reason].append((file, row))

    def fix(self, reason: str, file: str, row: int | None) -> None:
        self.fixed[reason].append((file, row))

    @property
    def rows_read(self) -> int:
        return sum(n for _, _, n in self.files)

    @property
    def rows_skipped(self) -> int:
        return sum(len(v) for v in self.skipped.values())


# ---------------------------------------------------------------------------------------------
# Values

def blank(value) -> bool:
    if value.__class__ is str:  # the common case first: a table's cell
        return not value.strip()
    return value is None or (isinstance(value, float) and math.isnan(value)) or \
        (isinstance(value, str) and not value.strip())


def text_of(value) -> str | None:
    """A cell as stripped text, None when empty."""
    if value.__class__ is str:  # the common case first: called millions of times on big files
        return value.strip() or None
    if blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None


_THOUSANDS = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")
_SHORT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([kKmMrRbB]|rb|jt)$")


def count_of(value) -> tuple[int | None, bool]:
    """(the count, whether it was readable): empty -> (None, True); "1.234", "1,234", "12.0",
    "1,2K" / "3 rb" read; anything else (None, False)."""
    if blank(value):
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return (value, True) if value >= 0 else (None, False)
    if isinstance(value, float):
        return (int(value), True) if value.is_integer() and value >= 0 else (None, False)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text.isdigit():
        return int(text), True
    if _THOUSANDS.match(text):
        return int(re.sub(r"[.,]", "", text)), True
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if number == number and number >= 0 and float(number).is_integer() and number < 1e15:
        return int(number), True
    short = _SHORT.match(text)
    if short:
        base = float(short.group(1).replace(",", "."))
        unit = short.group(2).lower()
        factor = 1_000 if unit in ("k", "rb", "r") else 1_000_000_000 if unit == "b" else 1_000_000
        return int(round(base * factor)), True
    return None, False


# Excel counts days from 1899-12-30; 20000 is 1954, 80000 is 2119: a plausible post date.
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_TWITTER = "%a %b %d %H:%M:%S %z %Y"  # the legacy format: "Thu Mar 14 02:30:00 +0000 2024"
_DAY_FIRST = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M", "%d-%m-%Y %H:%M:%S",
              "%d-%m-%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y")


def time_of(value, naive: dt.tzinfo = UTC) -> tuple[str | None, str]:
    """(ISO 8601 text with its offset, how it was read: "zone", "naive" or "bad").

    Accepted: ISO 8601 (with or without an offset, "Z", "+0000"), the legacy X/Twitter form,
    Unix seconds or milliseconds (UTC), Excel serial dates, day-first dates as Indonesian Excel
    writes them (31/12/2024 08:30). A time without a zone ("naive") is taken to be in ``naive``.
    The offset is kept as the source gave it (the loaders show every time in WIB)."""
    if blank(value):
        return None, "bad"
    moment: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        moment = _from_number(float(value))
    else:
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            moment = _from_text(text)
        else:
            moment = _from_number(number)
    if moment is None:
        return None, "bad"
    status = "zone"
    if moment.tzinfo is None:
        moment, status = moment.replace(tzinfo=naive), "naive"
    if not 1990 <= moment.year <= 2200:
        return None, "bad"
    return moment.isoformat(timespec="seconds"), status


# Times in UTC in the two shapes big exports hold (tweet-harvest, the X API): read vectorised.
_UTC_SHAPES = (
    (re.compile(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} \+0000 \d{4}$"),
     "%a %b %d %H:%M:%S %z %Y"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|\+00:?00)$"), "ISO8601"),
)


def times_of(values: Sequence, naive: dt.tzinfo = UTC) -> list[tuple[str | None, str]]:
    """:func:`time_of` of every value, the same results, faster on a big column: UTC times in the
    legacy X form or ISO 8601 are parsed by pandas at once, everything else one by one."""
    import numpy as np
    import pandas as pd

    out: list[tuple[str | None, str] | None] = [None] * len(values)
    series = pd.Series(values, dtype=object)
    texts = series.where([v.__class__ is str for v in values])
    for shape, fmt in _UTC_SHAPES:
        match = texts.str.match(shape).fillna(False).astype(bool).to_numpy()
        if not match.any():
            continue
        picked = texts[match]
        moments = pd.to_datetime(picked, format=fmt, utc=True, errors="coerce")
        years = moments.dt.year
        good = (moments.notna() & (years >= 1990) & (years <= 2200)).to_numpy()
        stamps = np.datetime_as_string(moments[good].dt.tz_localize(None).to_numpy(dtype="datetime64[s]"),
                                       unit="s")
        for i, stamp in zip(picked.index[good].tolist(), stamps.tolist(), strict=True):
            out[i] = (stamp + "+00:00", "zone")
        texts = texts.where(~match)  # a value is read by one shape at most
    return [time_of(values[i], naive) if r is None else r for i, r in enumerate(out)]


def _from_number(number: float) -> dt.datetime | None:
    if number != number or number in (math.inf, -math.inf):
        return None
    if 20_000 <= number < 80_000:  # an Excel serial date (no zone: the caller's)
        return _EXCEL_EPOCH + dt.timedelta(days=number)
    if 1e11 <= number < 1e13:  # Unix milliseconds
        number /= 1000
    if 3e8 <= number < 1e10:  # Unix seconds (1979-2286)
        return dt.datetime.fromtimestamp(number, UTC)
    return None


_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                        "Oct", "Nov", "Dec"), 1)}
_ZONES: dict[str, dt.tzinfo | None] = {}


def _legacy(text: str) -> dt.datetime | None:
    """The legacy X form "Thu Mar 14 02:30:00 +0000 2024", read without strptime (which costs
    ten times more, and tweet-harvest files hold hundreds of thousands of them)."""
    parts = text.split()
    if len(parts) != 6 or parts[1] not in _MONTHS:
        return None
    zone = _ZONES.get(parts[4], ...)
    if zone is ...:
        zone = _ZONES[parts[4]] = offset(parts[4])
    clock = parts[3].split(":")
    if zone is None or len(clock) != 3 or not all(c.isdigit() for c in (*clock, parts[2], parts[5])):
        return None
    try:
        return dt.datetime(int(parts[5]), _MONTHS[parts[1]], int(parts[2]), int(clock[0]), int(clock[1]),
                           int(clock[2]), tzinfo=zone)
    except ValueError:
        return None


def _from_text(text: str) -> dt.datetime | None:
    if len(text) > 64:
        return None
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return dt.datetime.fromisoformat(iso)
    except ValueError:
        pass
    legacy = _legacy(text)
    if legacy is not None:
        return legacy
    for pattern in (_TWITTER, *_DAY_FIRST):
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def offset(text: str | None) -> dt.tzinfo | None:
    """A zone from "+07:00", "+0700", "UTC", "WIB", "WITA", "WIT"; None if not one."""
    if text is None:
        return None
    key = str(text).strip().upper()
    named = {"UTC": UTC, "Z": UTC, "GMT": UTC, "WIB": WIB,
             "WITA": dt.timezone(dt.timedelta(hours=8), "WITA"),
             "WIT": dt.timezone(dt.timedelta(hours=9), "WIT")}
    if key in named:
        return named[key]
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", key)
    if not m:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3))
    if minutes > 14 * 60:
        return None
    return dt.timezone(dt.timedelta(minutes=minutes if m.group(1) == "+" else -minutes))


def handle_of(value) -> str | None:
    """A handle without "@" and surrounding space, lower case; None when empty."""
    text = text_of(value)
    if text is None:
        return None
    text = text.lstrip("@").strip().lower()
    return text or None


_LEADING_MENTIONS = re.compile(r"^(?:@[A-Za-z0-9_]{1,30}[\s\u00a0]+)+")


def strip_reply_mentions(text: str) -> str:
    """A reply's text without the @mentions X puts in front of it (X shows them apart, not as
    text); a reply that is only mentions keeps them."""
    rest = _LEADING_MENTIONS.sub("", text)
    return rest if rest.strip() else text
