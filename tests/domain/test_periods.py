"""Financial-year quarters, periods and month arithmetic for follow-ups."""

from __future__ import annotations

from datetime import date

import pytest

from fgdm.domain.periods import (
    PeriodError,
    add_months,
    between,
    financial_year,
    last_complete_quarter,
    last_quarters,
    parse_quarter,
    quarter_containing,
    quarters_of,
)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2026-Q1", date(2026, 4, 1), date(2026, 6, 30)),
    ("2026-Q2", date(2026, 7, 1), date(2026, 9, 30)),
    ("2026-q3", date(2026, 10, 1), date(2026, 12, 31)),
    ("2026-Q4", date(2027, 1, 1), date(2027, 3, 31)),
    (" 2027Q4 ", date(2028, 1, 1), date(2028, 3, 31)),
])
def test_quarters_are_named_by_the_year_the_financial_year_starts(text: str, start: date, end: date) -> None:
    period = parse_quarter(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2026-Q", "Q2 2026", "", "2026-07", "{{ quarter }}"])
def test_a_bad_quarter_names_the_accepted_form(text: str) -> None:
    with pytest.raises(PeriodError, match="for example 2026-Q2"):
        parse_quarter(text)


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(PeriodError, match="swap --from and --to"):
        between(date(2026, 9, 30), date(2026, 7, 1))


def test_quarter_containing_and_the_default_quarter() -> None:
    assert quarter_containing(date(2027, 3, 31)).label == "2026-Q4"
    assert quarter_containing(date(2026, 4, 1)).label == "2026-Q1"
    assert last_complete_quarter(date(2026, 11, 23)).label == "2026-Q2"
    assert last_complete_quarter(date(2026, 4, 1)).label == "2025-Q4"


def test_eight_quarters_end_with_the_chosen_one() -> None:
    labels = [period.label for period in last_quarters(parse_quarter("2026-Q2"), 8)]
    assert labels == ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]


def test_the_four_quarters_cover_the_financial_year_without_gaps() -> None:
    year, quarters = financial_year(2026), quarters_of(2026)
    assert (quarters[0].start, quarters[-1].end) == (year.start, year.end)
    assert sum((q.end - q.start).days + 1 for q in quarters) == (year.end - year.start).days + 1 == 365


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2027, 11, 30), 3, date(2028, 2, 29)),
    (date(2026, 8, 31), 12, date(2027, 8, 31)),
    (date(2026, 3, 15), -3, date(2025, 12, 15)),
])
def test_months_after_a_day_clamp_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
