"""Home's first look: the greeting's count and my cases by stage, read through the database's driver alone.

A coordinator starting fgdm waited for the database layer (SQLAlchemy, SQLModel and fgdm's thirty tables: two
thirds of a second on a two-core laptop) before home showed anything. The first frame now needs only this
module: the same few questions home's stages ask (`_lists`), by the same access rules, written as SQL. The rest
of home (what needs action, the meetings) and home's stages again are read by the full service once the
database layer is loaded, a moment later, and replace this look whole.

It answers only where the usual start would open the records without a word: a plain store at this version's
schema, and a user the records know and may act as. Anything else gets None, and the workbench starts the
usual way, which upgrades the schema or says what is wrong. `tests/services/home/test_glance.py` holds this
look to the full service's for every kind of user, on both back ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fgdm.domain import lifecycle
from fgdm.domain.enums import CaseStatus, StaffRole
from fgdm.domain.names import person_name
from fgdm.i18n import format_day_short
from fgdm.services.home._view import (
    ALLOCATED_SCOPE,
    EVERY_CASE_SCOPE,
    HomeView,
    Row,
    StageLines,
    groups,
)
from fgdm.store.direct import Reader, open_reader


@dataclass(frozen=True)
class _Actor:
    """Who is looking, as `fgdm.services.shared.context.Workspace.resolve_actor` decides it."""

    staff_id: int | None
    sees_every_case: bool


_EVERYONE = _Actor(staff_id=None, sees_every_case=True)
"""The owner of a single-user file, or of a shared database before any staff exist."""

_LOGIN = ("SELECT session_user, pg_has_role(session_user, d.datdba, 'MEMBER') OR r.rolsuper "
          "FROM pg_database d, pg_roles r WHERE d.datname = current_database() AND r.rolname = session_user")


def _staff(reader: Reader, username: str) -> _Actor | None:
    found = reader.rows("SELECT id, role, active FROM staff WHERE username = :username", username=username)
    if not found or not found[0][2]:
        return None  # the usual start refuses, naming the fix
    staff_id, role, _ = found[0]
    return _Actor(staff_id=staff_id, sees_every_case=StaffRole(role) in (StaffRole.MANAGER, StaffRole.ADMINISTRATOR))


def _actor(reader: Reader, username: str) -> _Actor | None:
    """The actor by the usual start's rules: on PostgreSQL a member of staff is whoever the server says is
    connected; the owner's login, or a SQLite file, acts as the user named or as the owner."""
    if reader.dialect == "postgresql":
        login, owner = reader.rows(_LOGIN)[0]
        if not owner:
            if username and username.strip().lower() != login:
                return None
            return _staff(reader, str(login))
    if not username:
        if reader.dialect != "sqlite" and reader.rows("SELECT id FROM staff LIMIT 1"):
            return None
        return _EVERYONE
    return _staff(reader, username)


@dataclass(frozen=True)
class _Mine:
    """The WHERE clause of "my cases" (`_lists._my_cases`) and its parameters."""

    sql: str
    parameters: dict[str, int]


def _mine(reader: Reader, actor: _Actor) -> tuple[_Mine, bool]:
    """My cases, and whether they are the ones allocated to me: allocated to me if I coordinate any case, else
    every case I may open; never erased."""
    clauses, parameters = ["c.erased_at IS NULL"], {}
    if actor.staff_id is not None:
        parameters["staff"] = actor.staff_id
    if not actor.sees_every_case:
        clauses.append("(c.coordinator_id = :staff OR c.referrer_id = :staff "
                       "OR c.id IN (SELECT case_id FROM case_share WHERE staff_id = :staff))")
    allocated = actor.staff_id is not None and bool(
        reader.rows("SELECT id FROM fgdm_case WHERE coordinator_id = :staff LIMIT 1", staff=actor.staff_id))
    if actor.staff_id is not None and (allocated or not actor.sees_every_case):
        clauses.append("c.coordinator_id = :staff")
    return _Mine(" AND ".join(clauses), parameters), allocated


def _day(value: date | str | None) -> date | None:
    """A date column: SQLite gives the text SQLAlchemy wrote, PostgreSQL a date."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _stages(reader: Reader, mine: _Mine, lines: StageLines) -> list[tuple[CaseStatus, int, list[Row]]]:
    totals = {CaseStatus(status): count for status, count in reader.rows(
        f"SELECT c.status, count(*) FROM fgdm_case c WHERE {mine.sql} AND c.status <> :closed GROUP BY c.status",
        closed=CaseStatus.CLOSED.value, **mine.parameters)}
    stages = []
    for status in lifecycle.STAGES[:-1]:
        found = reader.rows(f"SELECT c.id, c.reference, c.status_changed_on FROM fgdm_case c "
                            f"WHERE {mine.sql} AND c.status = :status ORDER BY c.reference LIMIT :lines",
                            status=status.value, lines=lines.of(status), **mine.parameters)
        rows = [(case_id, reference, f"since {format_day_short(_day(day))}" if day else "")
                for case_id, reference, day in found]
        stages.append((status, totals.get(status, 0), rows))
    return stages


def _children(reader: Reader, case_ids: Sequence[int]) -> dict[int, str]:
    """Each case's children's names, as `_lists._children_names` writes them."""
    if not case_ids:
        return {}
    ids = sorted({int(case_id) for case_id in case_ids})
    among = "= ANY(:ids)" if reader.dialect == "postgresql" else f"IN ({', '.join(map(str, ids))})"
    names: dict[int, list[str]] = {}
    for case_id, given, family in reader.rows(
            "SELECT cc.case_id, p.given_name, p.family_name FROM case_child cc JOIN person p ON p.id = cc.person_id "
            f"WHERE cc.case_id {among} ORDER BY cc.position, cc.id", ids=ids):
        names.setdefault(case_id, []).append(person_name(given, family))
    return {case_id: ", ".join(found) for case_id, found in names.items()}


def _look(reader: Reader, username: str, lines: StageLines) -> HomeView | None:
    if not reader.at_head():
        return None
    actor = _actor(reader, username)
    if actor is None:
        return None
    if not reader.rows("SELECT id FROM fgdm_case LIMIT 1"):
        return HomeView(my_cases=[], upcoming=[], needs_action=[], any_cases=False, complete=False)
    mine, allocated = _mine(reader, actor)
    stages = _stages(reader, mine, lines)
    names = _children(reader, [case_id for _, _, rows in stages for case_id, _, _ in rows])
    return HomeView(my_cases=groups(stages, names), upcoming=[], needs_action=[], any_cases=True,
                    scope=ALLOCATED_SCOPE if allocated else EVERY_CASE_SCOPE, complete=False)


def glance(url: str, username: str, lines: StageLines = StageLines()) -> HomeView | None:
    """Home's stages for the first frame, with ``complete`` False (nothing yet of what needs action or of the
    meetings); None where the usual start must open the records. Any failure to read is None as well: the
    usual start meets it again and says what it is."""
    try:
        reader = open_reader(url)
    except Exception:  # the driver's own errors (no server, a refused login): the usual start explains them
        return None
    if reader is None:
        return None
    try:
        return _look(reader, username, lines)
    except Exception:  # as above: a statement the store refused is for the usual start to report
        return None
    finally:
        reader.close()


__all__ = ["glance"]
