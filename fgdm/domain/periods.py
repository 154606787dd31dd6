"""Reporting periods: financial-year quarters (April–June is Q1) named by the year the financial year starts.

``2026-Q2`` is July–September 2026 and ``2026-Q4`` is January–March 2027, as the prevention grant's
quarterly return counts them. Any other span of days is a period too (``--from/--to``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q(\d)\s*$", re.IGNORECASE)


class PeriodError(ValueError):
    """A period that cannot be read; the message names the accepted form."""


@dataclass(frozen=True, order=True)
class Period:
    """Every day from ``start`` to ``end``, both included."""

    start: date
    end: date
    name: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"the period ends ({self.end.isoformat()}) before it starts "
                              f"({self.start.isoformat()}); swap --from and --to")

    @property
    def label(self) -> str:
        return self.name or f"{self.start.isoformat()} to {self.end.isoformat()}"

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def since_records_began(self) -> Period:
        """The same end with no start: for counting a family or child once, at their first qualifying record."""
        return Period(date.min, self.end, self.name)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quarter(year: int, number: int) -> Period:
    """Financial-year quarter ``number`` (1–4) of the year starting in April ``year``."""
    if number not in (1, 2, 3, 4):
        raise PeriodError(f"quarter {number} does not exist: use Q1 (April–June) to Q4 (January–March)")
    start = add_months(date(year, 4, 1), 3 * (number - 1))
    return Period(start, add_months(start, 3) - timedelta(days=1), f"{year}-Q{number}")


def parse_quarter(text: str) -> Period:
    match = _QUARTER.match(text or "")
    if match is None:
        raise PeriodError(f"{text!r} is not a quarter: write the financial year's first year and the quarter, "
                          "for example 2026-Q2 (July–September 2026)")
    return quarter(int(match.group(1)), int(match.group(2)))


def quarter_containing(day: date) -> Period:
    year = day.year if day.month >= 4 else day.year - 1
    return quarter(year, (day.month - 4) % 12 // 3 + 1)


def financial_year(year: int) -> Period:
    """April ``year`` to March ``year + 1``: the four quarters together."""
    return Period(date(year, 4, 1), date(year + 1, 3, 31), f"{year}-{(year + 1) % 100:02d}")


def quarters_of(year: int) -> list[Period]:
    return [quarter(year, number) for number in (1, 2, 3, 4)]


def previous(period: Period) -> Period:
    return quarter_containing(period.start - timedelta(days=1))


def last_quarters(period: Period, count: int) -> list[Period]:
    """The ``count`` quarters ending with the one holding ``period``'s end, oldest first."""
    quarters = [quarter_containing(period.end)]
    while len(quarters) < count:
        quarters.append(previous(quarters[-1]))
    return quarters[::-1]


def between(start: date, end: date) -> Period:
    return Period(start, end)


def last_complete_quarter(today: date) -> Period:
    """The default report: the most recent quarter that has ended by ``today``."""
    return previous(quarter_containing(today))
