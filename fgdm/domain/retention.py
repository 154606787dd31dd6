"""How long a case's records are kept: by the child's record class, from the child's date of birth."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from fgdm.domain.enums import LegalStatus


@dataclass(frozen=True)
class RetentionRule:
    years_after_18: int = 6
    looked_after_age: int = 75


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def record_class(statuses: Iterable[LegalStatus]) -> str:
    """Looked after records are kept longest, so one looked-after child puts the whole case in that class."""
    return "looked_after" if LegalStatus.LOOKED_AFTER in set(statuses) else "child_in_need"


def keep_until(born: date, status: LegalStatus, rule: RetentionRule) -> date:
    if status is LegalStatus.LOOKED_AFTER:
        return add_years(born, rule.looked_after_age)
    return add_years(born, 18 + rule.years_after_18)


def case_keep_until(children: Iterable[tuple[date, LegalStatus]], rule: RetentionRule) -> date | None:
    """The latest date any child's records must be kept to: the case may be erased only after all of them."""
    dates = [keep_until(born, status, rule) for born, status in children]
    return max(dates) if dates else None
