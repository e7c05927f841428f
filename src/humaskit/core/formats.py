"""Numbers, percentages and dates written the Indonesian way, from one place.

    number(1313)        -> "1.313"
    number(0.257, 3)    -> "0,257"
    percent(0.257)      -> "25,7%"
    date(2026-07-14)    -> "14 Juli 2026"
    date_time(...)      -> "14 Juli 2026 pukul 08.30 WIB"

Tables and charts get the same marks: :func:`table` (a pandas Styler) and :func:`axes` (the
numbers on a matplotlib chart's axes).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from humaskit.core.wib import WIB

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def number(value, decimals: int = 0, trim: bool = False, missing: str = "-") -> str:
    """A number with '.' between thousands and ',' as the decimal mark.

    ``trim`` drops trailing zeros of the decimals (2,50 -> 2,5; 3,00 -> 3).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    text = f"{float(value):,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(share, decimals: int = 1, missing: str = "-") -> str:
    """A share (0-1) as a percentage: 0.257 -> "25,7%"; whole percentages lose their ",0"."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return missing
    return number(100 * float(share), decimals, trim=True) + "%"


def interval(value, bounds, decimals: int = 3, share: bool = False) -> str:
    """A figure with its 95% interval the Indonesian way: '0,939 (IK 95% 0,912–0,964)', or with
    ``share=True`` '95,5% (IK 95% 92,7%–97,2%)'."""
    def one(x):
        return percent(x, 1) if share else number(x, decimals)

    low, high = bounds
    return f"{one(value)} (IK 95% {one(low)}–{one(high)})"


def date(value: dt.date | dt.datetime) -> str:
    """14 Juli 2026 (a datetime is first converted to WIB)."""
    if isinstance(value, dt.datetime) and value.tzinfo:
        value = value.astimezone(WIB)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def date_time(value: dt.datetime | dt.date) -> str:
    """14 Juli 2026 pukul 08.30 WIB; a date alone is written as a date."""
    if not isinstance(value, dt.datetime):
        return date(value)
    value = value.astimezone(WIB) if value.tzinfo else value
    return f"{date(value)} pukul {value:%H.%M} WIB"


def hours(value, decimals: int = 1) -> str:
    """A duration in hours: 4.0 -> "4 jam", 46.25 -> "46,3 jam"."""
    return f"{number(value, decimals, trim=True)} jam"


def threshold(text) -> str:
    """A threshold as a trainee reads it: ">= 25%" -> "≥ 25%", "<= 24 jam" -> "≤ 24 jam"."""
    return str(text).replace(">=", "≥").replace("<=", "≤")


def measure(value, like: str, missing: str = "-") -> str:
    """A measured value in the unit of the threshold it is compared with: a share (0-1) beside
    ">= 25%" as "25,7%", hours beside "<= 24 jam" as "22,3 jam", anything else as a number."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    if str(like).rstrip().endswith("%"):
        return percent(value)
    if str(like).rstrip().endswith("jam"):
        return hours(value)
    return number(value, 2, trim=True)


def table(frame, decimals: int = 2, shares: Iterable[str] = (), by: Mapping[str, Callable] | None = None,
          hide_index: bool = False):
    """A DataFrame as a trainee reads it: Indonesian thousands and decimal marks, the columns in
    ``shares`` (0-1) as percentages, any column in ``by`` through its own function, and missing
    values as "-". Returns a pandas Styler (shown as an HTML table in a notebook)."""
    styler = frame.style.format(precision=decimals, decimal=",", thousands=".", na_rep="-")
    chosen = [c for c in shares if c in frame.columns]
    if chosen:
        styler = styler.format(percent, subset=chosen)
    for column, function in (by or {}).items():
        if column in frame.columns:
            styler = styler.format(function, subset=[column])
    if hide_index:
        styler = styler.hide(axis="index")
    return styler


def axes(ax: Any, decimals: int = 2) -> Any:
    """Write the numbers on a chart's numeric axes the Indonesian way (0,5 and 1.000); category
    axes (account names, months) are left alone. Returns ``ax``."""
    from matplotlib.ticker import FuncFormatter, ScalarFormatter

    for axis in (ax.xaxis, ax.yaxis):
        if isinstance(axis.get_major_formatter(), ScalarFormatter):
            axis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, decimals, trim=True)))
    return ax
