"""Working days for Indonesian government offices: weekends, public holidays and cuti bersama.

SP4N-LAPOR deadlines (PermenPANRB 62/2018) are counted in working days. The holiday calendar
comes from the ``holidays`` package (Indonesia, categories public and government, which holds
the joint leave days, cuti bersama, that ASN do not work); names are in Indonesian.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from humaskit.core.wib import wib_date as _as_date

# SP4N-LAPOR limits in working days, by what the answer is (PermenPANRB 62/2018).
LAPOR_LIMITS = {
    "first_response": 3,        # first response (tanggapan awal) to any report
    "information_request": 5,   # a request for information
    "complaint": 5,             # a complaint (pengaduan)
    "case_no_field_check": 14,  # follow-up of a case that needs no field check
    "case_field_check": 60,     # follow-up of a case that needs a field check
}




@lru_cache(maxsize=32)
def _calendar(year: int) -> dict[dt.date, str]:
    import holidays

    cal = holidays.country_holidays("ID", years=[year], categories=("public", "government"),
                                    language="id")
    return dict(cal.items())


def holiday_name(day) -> str | None:
    """The holiday's Indonesian name, or None on an ordinary day."""
    day = _as_date(day)
    return _calendar(day.year).get(day)


def is_working_day(day) -> bool:
    day = _as_date(day)
    return day.weekday() < 5 and holiday_name(day) is None


def add_working_days(received, n: int) -> dt.date:
    """The last day an answer is on time: ``n`` working days after the day it was received.

    The day of receipt does not count (a report received on Friday with a 3-day limit is due on
    Wednesday, or later when a holiday falls in between).
    """
    day = _as_date(received)
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start, end) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    a, b = _as_date(start), _as_date(end)
    count = 0
    while a < b:
        a += dt.timedelta(days=1)
        count += is_working_day(a)
    return count


def holidays_between(start, end) -> list[tuple[dt.date, str]]:
    """Holidays (with names) after ``start`` up to and including ``end``."""
    a, b = _as_date(start), _as_date(end)
    out = []
    while a < b:
        a += dt.timedelta(days=1)
        if (name := holiday_name(a)) is not None:
            out.append((a, name))
    return out
