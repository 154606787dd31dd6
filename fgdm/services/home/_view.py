"""What home shows, as plain data: read by the full service (`_lists`) and by the first look at start
(`glance`), which must not import the database layer to make the workbench's first frame."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fgdm.domain.enums import CaseStatus

UPCOMING_DAYS = 14
PER_STAGE = 50
PER_KIND = 50
"""Lines listed of each kind of action: each is read with one row more, which says only that there are more."""
ALLOCATED_SCOPE = "cases allocated to you"
EVERY_CASE_SCOPE = "all open cases"
"""Whose cases home counts, as its greeting says: a coordinator's own, or every case the actor may open."""

Row = tuple[int, str, str]
"""A line before its children's names are read: (case id, reference, detail)."""


@dataclass(frozen=True)
class CaseLine:
    """One line that opens a case: its reference, its children's names and what the line is about."""

    case_id: int
    reference: str
    children: str
    detail: str = ""


@dataclass
class StageGroup:
    status: CaseStatus
    total: int
    cases: list[CaseLine]
    listed: int = 0
    """How many lines the group has when read whole (its first `PER_STAGE` cases); `cases` may hold fewer."""


@dataclass(frozen=True)
class ActionItem:
    kind: str
    title: str
    line: CaseLine


@dataclass
class HomeView:
    my_cases: list[StageGroup]
    upcoming: list[CaseLine]
    needs_action: list[ActionItem]
    any_cases: bool
    """False on an empty database: the screen shows the first-run message instead."""
    scope: str = ""
    more_than_listed: frozenset[str] = frozenset()
    """The kinds of action with more than the `PER_KIND` listed: their count is "more than 50", not 50."""
    complete: bool = True
    """False for the first frame's look (`glance`): the stages only, until the full read replaces it."""


@dataclass(frozen=True)
class StageLines:
    """How many of each stage's cases to read: ``first`` of each, or all `PER_STAGE` of those ``whole``.

    The workbench shows a stage's first eight cases and a line that shows the rest: reading only those at
    start, and the rest when asked, spared reading and drawing some 200 lines of a large service's home.
    """

    first: int = PER_STAGE
    whole: frozenset[CaseStatus] = frozenset()

    def of(self, status: CaseStatus) -> int:
        return PER_STAGE if status in self.whole else min(self.first, PER_STAGE)


def lines_of(rows: Sequence[Row], names: dict[int, str]) -> list[CaseLine]:
    return [CaseLine(case_id, reference, names.get(case_id, ""), detail) for case_id, reference, detail in rows]


def groups(stages: list[tuple[CaseStatus, int, list[Row]]], names: dict[int, str]) -> list[StageGroup]:
    return [StageGroup(status, total, lines_of(rows, names), min(total, PER_STAGE)) for status, total, rows in stages]
