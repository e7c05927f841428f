"""The vectorised paths of the importers and table writer give exactly what the per-value
functions they stand in for give."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from humaskit.core import tables
from humaskit.importers.common import time_of, times_of

MOMENTS = st.datetimes(min_value=dt.datetime(1985, 1, 1), max_value=dt.datetime(2205, 12, 31))
LEGACY = MOMENTS.map(lambda m: m.strftime("%a %b %d %H:%M:%S +0000 %Y"))
ENDS = st.sampled_from(["Z", "+00:00", "+0000", ".000Z", ".123456+00:00", "+07:00", ""])
ISO = st.tuples(MOMENTS, ENDS).map(lambda p: p[0].strftime("%Y-%m-%dT%H:%M:%S") + p[1])
VALUES = st.one_of(LEGACY, ISO, st.text(max_size=30), st.none(), st.floats(allow_nan=True),
                   st.integers(min_value=-10, max_value=10**13), st.just("Mon Feb 30 02:30:00 +0000 2024"),
                   st.just("2024-02-30T00:00:00Z"), st.just("31/12/2024 08:30"))


@settings(max_examples=150, deadline=None)
@given(st.lists(VALUES, max_size=40))
def test_times_of_is_time_of_on_every_value(values):
    assert times_of(values) == [time_of(v) for v in values]


def test_times_of_reads_the_two_utc_shapes_and_keeps_other_offsets():
    values = ["Thu Mar 14 02:30:00 +0000 2024", "2024-03-14T02:30:00.999Z", "2024-03-14T09:30:00+07:00", None]
    assert times_of(values) == [("2024-03-14T02:30:00+00:00", "zone"), ("2024-03-14T02:30:00+00:00", "zone"),
                                ("2024-03-14T09:30:00+07:00", "zone"), (None, "bad")]


CELLS = st.one_of(st.text(alphabet=" \t\n\u00a0=+-@ab1", max_size=6), st.none(), st.just(np.nan),
                  st.integers(), st.just(pd.NA))


@settings(max_examples=150, deadline=None)
@given(st.lists(CELLS, max_size=30), st.sampled_from([object, "string"]))
def test_blank_and_formula_tests_match_the_per_cell_ones(cells, dtype):
    if dtype == "string":
        cells = [c for c in cells if c is None or c is pd.NA or isinstance(c, str)]
    values = pd.Series(cells, dtype=dtype)
    expected = (values.isna() | (values.astype("string").str.strip() == "")).tolist()
    assert (values.isna() | tables._blank_text(values)).tolist() == expected
    neutral = tables._neutralise_column(values).tolist()
    for before, after in zip(values.tolist(), neutral, strict=True):
        assert after is before or after == tables.neutralise(before)
