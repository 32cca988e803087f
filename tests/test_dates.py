"""Partial dates: precision, formatting, impossible dates, ordering and `is_before`."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.dates import PartialDate, Precision, parse_date


@pytest.mark.parametrize(
    "text, precision, iso",
    [
        ("1994", Precision.YEAR, "1994"),
        (1994, Precision.YEAR, "1994"),
        ("1994-05", Precision.MONTH, "1994-05"),
        ("1994-05-12", Precision.DAY, "1994-05-12"),
        ("2023-09-20T13:00+04:00", Precision.MINUTE, "2023-09-20T13:00+04:00"),
        ("2023-09-20T13:00+0400", Precision.MINUTE, "2023-09-20T13:00+04:00"),
        ("2023-09-20T13:00+04", Precision.MINUTE, "2023-09-20T13:00+04:00"),
        ("2023-09-20 13:00:59Z", Precision.MINUTE, "2023-09-20T13:00Z"),
        ("2023-09-20T13:00", Precision.MINUTE, "2023-09-20T13:00"),
        ("2023-09-20T06:30-03:30", Precision.MINUTE, "2023-09-20T06:30-03:30"),
    ],
)
def test_precision_and_iso_keep_what_was_given(text, precision, iso):
    date = parse_date(text)
    assert date.precision == precision
    assert date.iso() == iso == str(date)


@pytest.mark.parametrize(
    "text, human",
    [
        ("1994", "1994"),
        ("1994-05", "May 1994"),
        ("1994-05-12", "12 May 1994"),
        ("2023-09-20T13:00+04:00", "20 September 2023, 13:00 (UTC+4)"),
        ("2023-09-20T13:00Z", "20 September 2023, 13:00 (UTC)"),
        ("2023-09-20T13:00+05:30", "20 September 2023, 13:00 (UTC+5:30)"),
        ("2023-09-20T13:00", "20 September 2023, 13:00"),
    ],
)
def test_human_format(text, human):
    assert parse_date(text).human() == human


def test_offsets_are_minutes():
    assert parse_date("2023-09-20T13:00+04:00").utc_offset == 240
    assert parse_date("2023-09-20T13:00-03:30").utc_offset == -210
    assert parse_date("2023-09-20T13:00Z").utc_offset == 0
    assert parse_date("2023-09-20T13:00").utc_offset is None


@pytest.mark.parametrize(
    "text, message",
    [
        ("2023-02-29", "February 2023 has 28 days"),
        ("2023-04-31", "April 2023 has 30 days"),
        ("2023-00", "there is no month 0"),
        ("2023-13-01", "there is no month 13"),
        ("2023-09-20T24:00", "not a real time of day"),
        ("2023-09-20T13:60", "not a real time of day"),
        ("2023-09-20T13:00:61", "not a real time of day"),
        ("2023-09-20T13:00+15:00", "impossible UTC offset"),
        ("2023-09-20T13:00+04:75", "impossible UTC offset"),
        ("20 September 2023", "is not an ISO 8601 date"),
        ("2023-9-20", "is not an ISO 8601 date"),
        ("94", "is not an ISO 8601 date"),
        ("", "is not an ISO 8601 date"),
    ],
)
def test_impossible_and_malformed_dates_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@pytest.mark.parametrize("value", [True, None, 1994.0, ["1994"]])
def test_non_text_values_are_refused(value):
    with pytest.raises(ValueError, match="expected a date"):
        parse_date(value)


def test_leap_days():
    assert parse_date("2024-02-29").day == 29
    assert parse_date("2000-02-29").day == 29
    with pytest.raises(ValueError):
        parse_date("1900-02-29")


def test_coarser_dates_sort_before_finer_dates_inside_them():
    texts = ["1994-05-12", "1994", "1994-05", "1993-12-31", "1994-05-12T08:00+04:00", "1994-06"]
    ordered = sorted(parse_date(t) for t in texts)
    assert [d.iso() for d in ordered] == [
        "1993-12-31",
        "1994",
        "1994-05",
        "1994-05-12",
        "1994-05-12T08:00+04:00",
        "1994-06",
    ]


def test_is_before_compares_at_the_common_precision():
    assert parse_date("1993").is_before(parse_date("1994-01-01"))
    assert not parse_date("1994").is_before(parse_date("1994-05"))  # May 1994 may be any part of 1994
    assert not parse_date("1994-05").is_before(parse_date("1994"))
    assert parse_date("1994-04-30").is_before(parse_date("1994-05"))
    assert not parse_date("1994-05-12").is_before(parse_date("1994-05-12T08:00"))
    assert parse_date("2023-09-20T08:00").is_before(parse_date("2023-09-20T13:00"))
    assert not parse_date("2023-09-20T13:00").is_before(parse_date("2023-09-20T13:00"))


def test_dates_are_values():
    assert parse_date("1994-05") == PartialDate(1994, 5)
    assert hash(parse_date("1994-05")) == hash(PartialDate(1994, 5))
    assert parse_date(1994) == parse_date("1994")


precisions = st.sampled_from(["%Y", "%Y-%m", "%Y-%m-%d"])
four_digit_years = st.dates(min_value=date(1000, 1, 1))


@settings(max_examples=200, deadline=None)
@given(four_digit_years, precisions)
def test_round_trip_at_every_precision(day, pattern):
    text = day.strftime(pattern)
    assert parse_date(text).iso() == text


@settings(max_examples=200, deadline=None)
@given(four_digit_years, four_digit_years, precisions, precisions)
def test_is_before_never_contradicts_calendar_order(a, b, pa, pb):
    first, second = parse_date(a.strftime(pa)), parse_date(b.strftime(pb))
    if first.is_before(second):
        assert a < b and not second.is_before(first)
