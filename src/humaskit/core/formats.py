"""Numbers, percentages and dates written the Indonesian way, from one place.

    number(1313)        -> "1.313"
    number(0.257, 3)    -> "0,257"
    percent(0.257)      -> "25,7%"
    date(2026-07-14)    -> "14 Juli 2026"
    date_time(...)      -> "14 Juli 2026 pukul 08.30 WIB"
"""

from __future__ import annotations

import datetime as dt
import math

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
