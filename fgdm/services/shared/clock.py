"""Time as fgdm sees it: stored in UTC, shown and reasoned about in Europe/London."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def london_today(clock: Clock) -> date:
    return clock().astimezone(LONDON).date()


def london_datetime(day: date, at: time) -> datetime:
    """A wall-clock time in England as an aware instant (correct on both sides of a clock change)."""
    return datetime.combine(day, at, tzinfo=LONDON)


def to_london(instant: datetime) -> datetime:
    return instant.astimezone(LONDON)
