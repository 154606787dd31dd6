"""The measures of bench/run.py: each times fgdm's way and the floor (the simplest way) in the same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from fgdm.config import Settings
from fgdm.services import cases
from fgdm.services.shared.context import ServiceContext, Workspace


@dataclass
class Result:
    name: str
    ms: float
    floor_ms: float | None
    target: str
    max_ratio: float | None = None
    max_ms: float | None = None
    min_rate: float | None = None
    rate: float | None = None
    note: str = ""
    unit: str = "ms"
    spread: str = ""
    """Fastest and slowest of the runs, fgdm's way then the floor's, where both are processes (noisier)."""

    def met(self, ratio: float | None) -> bool | None:
        checks = []
        if self.max_ratio is not None and ratio is not None:
            checks.append(ratio <= self.max_ratio)
        if self.max_ms is not None:
            checks.append(self.ms <= self.max_ms)
        if self.min_rate is not None and self.rate is not None:
            checks.append(self.rate >= self.min_rate)
        return all(checks) if checks else None


def settings_for(url: str) -> Settings:
    """SQLite is a desktop database whose owner sees every case; a shared one needs a named member of staff,
    so the benchmarks act as its administrator, who also sees every case and may run the return."""
    if url.startswith("sqlite"):
        return Settings(database_url=url)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            username = connection.execute(text(
                "SELECT username FROM staff WHERE active AND role = 'administrator' ORDER BY id")).scalars().first()
    finally:
        engine.dispose()
    return Settings(database_url=url, user=username or "")


class Bench:
    """What every measure needs: the database, a scratch folder, and the timer."""

    def __init__(self, *, url: str, scratch: Path, repeat: int):
        self.url = url
        self.scratch = scratch
        self.repeat = repeat
        self.workspace = Workspace(settings_for(url))

    def pair(self, fgdm_way: Callable[[], object], floor: Callable[[], object]) -> tuple[float, float]:
        """The median milliseconds of fgdm's way and of its floor, each run once to warm caches (as a
        coordinator's second keystroke would) and then in turn, ``repeat`` times each.

        In turn, not one after the other: this shared machine's speed drifts by a fifth over seconds, and
        timing every run of one before any of the other put the drift into the ratio.
        """
        timings = self.pair_runs(fgdm_way, floor)
        return statistics.median(timings[0]), statistics.median(timings[1])

    def pair_runs(self, fgdm_way: Callable[[], object], floor: Callable[[], object], *,
                  timed_by_action: bool = False) -> tuple[list[float], list[float]]:
        """Every run's milliseconds of fgdm's way and of its floor, warmed and in turn as `pair` runs them.

        With `timed_by_action` each action returns its own milliseconds: a program in a terminal is timed
        from its start until its screen shows the answer, not until it has been closed again.
        """
        fgdm_way()
        floor()
        timings: tuple[list[float], list[float]] = ([], [])
        for _ in range(self.repeat):
            for action, found in zip((fgdm_way, floor), timings, strict=True):
                started = time.perf_counter()
                own = action()
                found.append(float(own) if timed_by_action else (time.perf_counter() - started) * 1000)  # type: ignore[arg-type]
        return timings

    @staticmethod
    def result_of(name: str, runs: tuple[list[float], list[float]], target: str, *, max_ratio: float | None = None,
                  max_ms: float | None = None, note: str = "") -> Result:
        """A figure from `pair_runs`: the medians, with each side's fastest and slowest run as its spread."""
        mine, floor = runs
        return Result(name, statistics.median(mine), statistics.median(floor), target, max_ratio=max_ratio,
                      max_ms=max_ms, note=note,
                      spread=f"{min(mine):.0f}–{max(mine):.0f}, floor {min(floor):.0f}–{max(floor):.0f}")

    @contextmanager
    def empty_database(self, name: str) -> Iterator[str]:
        """The URL of a new empty database of the bench's back end, dropped again afterwards."""
        if self.workspace.is_sqlite:
            path = self.scratch / f"{name}.sqlite3"
            try:
                yield f"sqlite:///{path}"
            finally:
                for leftover in self.scratch.glob(f"{name}.sqlite3*"):
                    leftover.unlink()
            return
        url = self.workspace.engine.url
        database = f"{url.database}_{name}"
        server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with server.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{database}"'))
                connection.execute(text(f'CREATE DATABASE "{database}"'))
            try:
                yield url.set(database=database, drivername="postgresql").render_as_string(hide_password=False)
            finally:
                with server.connect() as connection:
                    connection.execute(text(f'DROP DATABASE "{database}" WITH (FORCE)'))
        finally:
            server.dispose()

    def context(self) -> ServiceContext:
        return self.workspace.context().__enter__()

    def close(self) -> None:
        self.workspace.dispose()


def case_search(bench: Bench) -> Result:
    """One keystroke in the case list: the first page of matching cases, their total and children's names.

    The floor is one query giving the same: the page, the total by a window count, the names by a subquery.
    """
    ctx = bench.context()
    term = "ok"

    def fgdm_way() -> object:
        return cases.list_cases(ctx, search=term, limit=50)

    names = "group_concat(p.given_name, ', ')" if bench.workspace.is_sqlite else "string_agg(p.given_name, ', ')"
    query = text(
        "SELECT c.id, c.reference, c.family_name, c.status, c.referral_date, c.updated_at, s.name, "
        f"count(*) OVER () AS total, (SELECT {names} FROM case_child cc JOIN person p ON p.id = cc.person_id "
        "WHERE cc.case_id = c.id) AS children FROM fgdm_case c LEFT JOIN staff s ON s.id = c.coordinator_id "
        "WHERE c.erased_at IS NULL AND c.search_text LIKE :term ORDER BY c.reference LIMIT 50")

    def floor() -> object:
        with bench.workspace.engine.connect() as connection:
            return connection.execute(query, {"term": f"%{term}%"}).all()

    measured, floor_ms = bench.pair(fgdm_way, floor)
    return Result("case list search, one keystroke", measured, floor_ms, "<= 3x and <= 50 ms",
                  max_ratio=3.0, max_ms=50.0)
