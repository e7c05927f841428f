"""A long column scrubbed over worker processes gives what one process gives (issue 15 speed)."""

from __future__ import annotations

import pandas as pd
import pytest

from humaskit.core import parallel, privacy

TEXTS = [
    "Info layanan KTP hari ini pukul 08.00-12.00 WIB.",
    "Hubungi saya di 0812-3456-7890 atau budi.s@gmail.com, nama saya Budi Santoso.",
    "Mohon dicek @warga_budi, NIK 3374011203990001 belum terdaftar.",
    "ig: budi_santoso_real katanya sudah dapat bansos",
    "Plat B 1234 XYZ parkir liar di depan kantor",
    "Terima kasih atas informasinya (sangat membantu)",
    "   ",
]


@pytest.fixture
def small_thresholds(monkeypatch):
    monkeypatch.setattr(privacy, "PARALLEL_CELLS", 10)
    monkeypatch.setattr(privacy, "PARALLEL_CHARS", 100)


def test_parallel_scrub_equals_one_process(small_thresholds):
    df = pd.DataFrame({"text": TEXTS * 30, "flag": [True, False, None] * 70})
    one, one_counts = privacy.scrub_table(df, salt="s")
    many, many_counts = privacy.scrub_table(df, salt="s", map_slices=lambda f, items:
                                            parallel.map_slices(f, items, workers=2))
    assert many.equals(one) and many_counts == one_counts
    assert one_counts["handle"] == 60 and one_counts["nik"] == 30 and one_counts["plat"] == 30
    assert one["flag"].tolist() == df["flag"].tolist()  # True/False are left as they are


def test_parallel_scrub_asks_for_the_salt_in_this_process_only_when_a_handle_is_found(small_thresholds):
    calls = []

    def salt() -> str:
        calls.append(1)
        return "s"

    def two(f, items):
        return parallel.map_slices(f, items, workers=2)

    plain = pd.DataFrame({"text": [TEXTS[0], TEXTS[5]] * 40})
    privacy.scrub_table(plain, salt=salt, map_slices=two)
    assert calls == []  # no handle: no salt (and no salt file) asked for
    out, counts = privacy.scrub_table(pd.DataFrame({"text": TEXTS * 30}), salt=salt, map_slices=two)
    assert len(calls) == 1 and counts["handle"] == 60
    assert out["text"].tolist() == privacy.scrub_table(pd.DataFrame({"text": TEXTS * 30}), salt="s")[0][
        "text"].tolist()
