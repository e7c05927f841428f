"""Numbers, percentages, dates, tables and chart axes the Indonesian way."""

from __future__ import annotations

import datetime as dt

import matplotlib
import pandas as pd

from humaskit.core import formats

matplotlib.use("Agg")


def test_numbers_percentages_and_dates():
    assert formats.number(1313) == "1.313"
    assert formats.number(0.257, 3) == "0,257"
    assert formats.number(2.50, 2, trim=True) == "2,5"
    assert formats.number(float("nan")) == "-"
    assert formats.percent(0.257) == "25,7%" and formats.percent(0.5) == "50%"
    assert formats.hours(4.0) == "4 jam" and formats.hours(46.26) == "46,3 jam"
    assert formats.date(dt.date(2026, 7, 14)) == "14 Juli 2026"


def test_a_measure_takes_the_unit_of_its_threshold():
    assert formats.threshold(">= 25%") == "≥ 25%" and formats.threshold("<= 24 jam") == "≤ 24 jam"
    assert formats.measure(0.257, ">= 25%") == "25,7%"
    assert formats.measure(22.26, "<= 24 jam") == "22,3 jam"
    assert formats.measure(2.17, ">= 1") == "2,17" and formats.measure(7, ">= 7") == "7"
    assert formats.measure(None, ">= 50%") == "-"


def test_tables_use_indonesian_marks():
    frame = pd.DataFrame({"jumlah": [1313, 2], "porsi": [0.257, None], "skor": [0.5, 1.25]})
    html = formats.table(frame, shares=["porsi"], by={"skor": lambda v: f"skor {v}"}).to_html()
    assert ">1.313<" in html and ">25,7%<" in html and ">-<" in html and ">skor 1.25<" in html
    html = formats.table(frame[["skor"]], decimals=1, hide_index=True).to_html()
    assert ">0,5<" in html and ">1,2<" in html and "row_heading" not in html


def test_chart_axes_use_decimal_commas_but_leave_categories_alone():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["kppsukamaju", "kemenpangizi"], [0.25, 1250])
    formats.axes(ax)
    fig.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["kppsukamaju", "kemenpangizi"]
    assert "1.200" in [t.get_text() for t in ax.get_yticklabels()]
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 0.5])
    formats.axes(ax)
    fig.canvas.draw()
    assert "0,1" in [t.get_text() for t in ax.get_yticklabels()]
    plt.close("all")
