"""Support money rules: payment dates, totals and quarters, exact to the penny."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fgdm.domain.enums import Frequency
from fgdm.domain.support_money import (
    Quarter,
    Schedule,
    payment_dates,
    total_value,
    value_after,
    value_between,
    value_up_to,
)


def test_weekly_33_33_over_a_whole_quarter_is_exact() -> None:
    quarter = Quarter.parse("2026-Q3")
    weekly = Schedule(Decimal("33.33"), Frequency.WEEKLY, quarter.first_day, quarter.last_day)
    assert len(payment_dates(weekly)) == 14
    assert value_between(weekly, quarter.first_day, quarter.last_day) == Decimal("466.62")
    assert sum([33.33] * 14) != 466.62  # the float drift this module exists to avoid


def test_weekly_item_across_a_quarter_boundary_splits_by_payment_date() -> None:
    weekly = Schedule(Decimal("33.33"), Frequency.WEEKLY, date(2026, 12, 17), date(2027, 1, 14))
    q3, q4 = Quarter(2026, 3), Quarter(2026, 4)
    assert value_between(weekly, q3.first_day, q3.last_day) == Decimal("99.99")
    assert value_between(weekly, q4.first_day, q4.last_day) == Decimal("66.66")
    assert total_value(weekly) == Decimal("166.65")


def test_monthly_payments_keep_the_day_and_clamp_to_short_months() -> None:
    monthly = Schedule(Decimal("120.00"), Frequency.MONTHLY, date(2027, 1, 31), date(2027, 4, 30))
    assert payment_dates(monthly) == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]
    assert value_between(monthly, date(2027, 1, 1), date(2027, 3, 31)) == Decimal("360.00")
    assert value_after(monthly, date(2027, 3, 31)) == Decimal("120.00")
    assert value_up_to(monthly, date(2027, 3, 31)) == Decimal("360.00")


def test_one_off_falls_once_on_its_date() -> None:
    one_off = Schedule(Decimal("249.99"), Frequency.ONE_OFF, date(2026, 11, 23))
    assert payment_dates(one_off) == [date(2026, 11, 23)]
    assert value_after(one_off, date(2026, 11, 22)) == Decimal("249.99")
    assert value_after(one_off, date(2026, 11, 23)) == Decimal("0.00")


def test_recurring_without_end_is_refused() -> None:
    with pytest.raises(ValueError, match="end date"):
        payment_dates(Schedule(Decimal("10"), Frequency.WEEKLY, date(2026, 1, 1)))


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 4, 1), "2026-Q1"), (date(2026, 6, 30), "2026-Q1"), (date(2026, 7, 1), "2026-Q2"),
    (date(2026, 12, 31), "2026-Q3"), (date(2027, 1, 1), "2026-Q4"), (date(2027, 3, 31), "2026-Q4"),
])
def test_financial_quarters_start_in_april(day: date, expected: str) -> None:
    assert str(Quarter.of(day)) == expected
    quarter = Quarter.parse(expected)
    assert quarter.first_day <= day <= quarter.last_day


@pytest.mark.parametrize("text", ["2026Q3", "2026-Q5", "Q3", ""])
def test_bad_quarter_names_the_format(text: str) -> None:
    with pytest.raises(ValueError, match="2026-Q3"):
        Quarter.parse(text)


@given(pence=st.integers(min_value=1, max_value=500_000),
       start=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 1, 1)),
       days=st.integers(min_value=0, max_value=800),
       frequency=st.sampled_from([Frequency.WEEKLY, Frequency.MONTHLY]))
def test_quarters_partition_the_whole_value(pence: int, start: date, days: int, frequency: Frequency) -> None:
    from datetime import timedelta

    schedule = Schedule(Decimal(pence) / 100, frequency, start, start + timedelta(days=days))
    quarter, parts = Quarter.of(start), []
    while quarter.first_day <= schedule.end:  # type: ignore[operator]
        parts.append(value_between(schedule, quarter.first_day, quarter.last_day))
        quarter = quarter.next()
    assert sum(parts) == total_value(schedule)
    assert value_up_to(schedule, start + timedelta(days=days // 2)) + value_after(
        schedule, start + timedelta(days=days // 2)) == total_value(schedule)
