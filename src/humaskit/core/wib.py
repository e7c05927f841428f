"""Western Indonesian Time (WIB, UTC+7): the one zone the kit shows times in and counts days in.

Inputs may carry any offset (a WITA or WIT export, UTC from an API); they are converted here.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")


def to_wib(values: pd.Series) -> pd.Series:
    """Timezone-aware timestamps (any offsets) converted to WIB."""
    return pd.to_datetime(values, utc=True).dt.tz_convert(WIB)


def localize_dates(values: pd.Series) -> pd.Series:
    """Calendar dates (no zone) as midnight WIB."""
    return pd.to_datetime(values).dt.tz_localize(WIB)


def as_datetime(value) -> dt.datetime | None:
    """A timezone-aware datetime from a date, a datetime or ISO text; None if invalid.

    A date alone means the end of that working day (16:00 WIB); a time without zone means WIB.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=WIB)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(16, 0), tzinfo=WIB)
    if isinstance(value, str) and value.strip():
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)
    return None


def wib_date(value) -> dt.date:
    """The calendar day in WIB, where an office counts its days (dates and ISO text accepted)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(WIB).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def now() -> dt.datetime:
    return dt.datetime.now(WIB)
