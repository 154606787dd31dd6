"""Support package money rules: when each payment of an item falls, and how they add up per quarter.

Pure functions over Decimal pounds and dates, so the case totals, the service-wide budget view and the
printed plan count the same payments. A recurring item's amount is what is paid each week or month;
its value is that amount once per payment date between its start and end, inclusive.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from fgdm.domain.enums import Frequency

ZERO = Decimal("0.00")
PENNY = Decimal("0.01")


@dataclass(frozen=True)
class Schedule:
    """One support item's money: the amount per payment, how often, and from when to when."""

    amount: Decimal
    frequency: Frequency
    start: date
    end: date | None = None


def _add_months(day: date, months: int, anchor_day: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(anchor_day, calendar.monthrange(year, month)[1]))


def payment_dates(schedule: Schedule) -> list[date]:
    """Every date a payment falls on: once for a one-off; weekly or monthly from start to end inclusive.

    Monthly payments keep the start's day of the month, moved to the month's last day when the month is
    shorter (31 January, 28 February, 31 March), so they never drift.
    """
    if schedule.frequency is Frequency.ONE_OFF:
        return [schedule.start]
    if schedule.end is None:
        raise ValueError("a recurring item needs an end date")
    dates: list[date] = []
    if schedule.frequency is Frequency.WEEKLY:
        day = schedule.start
        while day <= schedule.end:
            dates.append(day)
            day += timedelta(weeks=1)
        return dates
    count = 0
    day = schedule.start
    while day <= schedule.end:
        dates.append(day)
        count += 1
        day = _add_months(schedule.start, count, schedule.start.day)
    return dates


def total_value(schedule: Schedule) -> Decimal:
    """The whole item: the amount times the number of payments."""
    return (schedule.amount * len(payment_dates(schedule))).quantize(PENNY)


OPEN_ENDED_PAYMENTS = {Frequency.WEEKLY: 52, Frequency.MONTHLY: 12}
"""A recurring item with no end date commits the service to a year of payments, for approval's sake."""


def commitment(schedule: Schedule) -> tuple[Decimal, int]:
    """What approving the item commits the service to, and in how many payments: every payment to its end
    date, or a year of them when it has none. The approval threshold is compared with this, not one payment."""
    if schedule.frequency is not Frequency.ONE_OFF and schedule.end is None:
        count = OPEN_ENDED_PAYMENTS[schedule.frequency]
    else:
        count = len(payment_dates(schedule))
    return (schedule.amount * count).quantize(PENNY), count


def value_between(schedule: Schedule, first: date, last: date) -> Decimal:
    """The payments that fall from ``first`` to ``last`` inclusive."""
    count = sum(1 for day in payment_dates(schedule) if first <= day <= last)
    return (schedule.amount * count).quantize(PENNY)


def value_after(schedule: Schedule, day: date) -> Decimal:
    """The payments still to come after ``day``: what a recurring item commits the service to."""
    count = sum(1 for payment in payment_dates(schedule) if payment > day)
    return (schedule.amount * count).quantize(PENNY)


def value_up_to(schedule: Schedule, day: date) -> Decimal:
    """The payments due on or before ``day``."""
    count = sum(1 for payment in payment_dates(schedule) if payment <= day)
    return (schedule.amount * count).quantize(PENNY)


def add_up(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO).quantize(PENNY)


QUARTER_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")
_QUARTER_START_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}


@dataclass(frozen=True, order=True)
class Quarter:
    """A financial quarter: ``2026-Q1`` is April to June 2026, ``2026-Q4`` is January to March 2027.

    ``year`` is the year the financial year starts in, as councils write 2026/27.
    """

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = QUARTER_PATTERN.match(text.strip().upper())
        if match is None:
            raise ValueError("write the quarter as YEAR-QN, for example 2026-Q3 (April to June is Q1)")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @property
    def first_day(self) -> date:
        calendar_year = self.year + 1 if self.number == 4 else self.year
        return date(calendar_year, _QUARTER_START_MONTH[self.number], 1)

    @property
    def last_day(self) -> date:
        following = self.next().first_day
        return following - timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year, self.number + 1) if self.number < 4 else Quarter(self.year + 1, 1)

    def previous(self) -> Quarter:
        return Quarter(self.year, self.number - 1) if self.number > 1 else Quarter(self.year - 1, 4)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


__all__ = ["PENNY", "ZERO", "Quarter", "Schedule", "add_up", "payment_dates", "total_value", "value_after",
           "value_between", "value_up_to"]
