import datetime as dt

from humaskit.response import workdays


def test_weekend_is_skipped_and_receipt_day_not_counted():
    # Friday 27 Nov 2026 + 3 working days = Wednesday 2 Dec
    assert workdays.add_working_days("2026-11-27", 3) == dt.date(2026, 12, 2)
    assert workdays.add_working_days(dt.datetime(2026, 11, 23, 23, 0), 1) == dt.date(2026, 11, 24)


def test_nyepi_idul_fitri_and_cuti_bersama_are_not_working_days():
    # Tuesday 17 March 2026 + 5 working days: 18-24 March are holidays or joint leave
    assert workdays.add_working_days("2026-03-17", 5) == dt.date(2026, 3, 31)
    names = dict(workdays.holidays_between("2026-03-17", "2026-03-31"))
    assert "Hari Suci Nyepi" in names.values()
    assert any("Cuti Bersama" in n for n in names.values())
    assert not workdays.is_working_day("2026-03-19") and workdays.is_working_day("2026-03-25")


def test_working_days_between():
    assert workdays.working_days_between("2026-11-27", "2026-12-02") == 3
    assert workdays.working_days_between("2026-12-02", "2026-11-27") == 0


def test_lapor_limits_follow_permenpanrb_62_2018():
    assert workdays.LAPOR_LIMITS == {"first_response": 3, "information_request": 5, "complaint": 5,
                                     "case_no_field_check": 14, "case_field_check": 60}


def test_days_are_counted_in_wib_whatever_the_time_zone_written():
    # 03:00 WIB on Friday 27 Nov 2026 written as 20:00 UTC on Thursday
    utc = dt.datetime(2026, 11, 26, 20, 0, tzinfo=dt.UTC)
    assert workdays.add_working_days(utc, 1) == dt.date(2026, 11, 30)
