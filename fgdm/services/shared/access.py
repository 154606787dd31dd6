"""Who may see and change what. Every public service function passes through one of these checks."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import bindparam
from sqlmodel import select

from fgdm.domain.enums import StaffRole
from fgdm.models import Case, CaseShare
from fgdm.services.shared.context import Actor, ServiceContext
from fgdm.services.shared.errors import NotFound, PermissionDenied
from fgdm.services.shared.lookups import columns


class CaseKeys(Protocol):
    """What the access rules read of a case: a case record, or just these columns of it."""

    id: Any
    reference: str
    coordinator_id: int | None
    referrer_id: int | None


def _shared_with(ctx: ServiceContext, case: CaseKeys) -> bool:
    if ctx.actor.staff_id is None:
        return False
    share = ctx.session.exec(select(CaseShare.id).where(CaseShare.case_id == case.id,
                                                         CaseShare.staff_id == ctx.actor.staff_id)).first()
    return share is not None


def can_open(ctx: ServiceContext, case: CaseKeys) -> bool:
    actor = ctx.actor
    if actor.sees_every_case:
        return True
    if actor.staff_id is not None and actor.staff_id in (case.coordinator_id, case.referrer_id):
        return True
    return _shared_with(ctx, case)


def can_change(ctx: ServiceContext, case: CaseKeys) -> bool:
    if ctx.actor.role is StaffRole.REFERRER and not ctx.actor.is_owner:
        return False
    return can_open(ctx, case)


def case_for_read(ctx: ServiceContext, case_id: int) -> Case:
    case = ctx.session.get(Case, case_id)
    _check_read(ctx, case, case_id)
    assert case is not None
    return case


def case_columns(*extra: Any) -> Any:
    """A select of one case by a ``case_id`` parameter, for `check_read`: the columns the access rules read,
    then ``extra``. Built once by each caller; the rules' columns are listed here only."""
    return select(Case.id, Case.reference, Case.coordinator_id, Case.referrer_id, *extra).where(
        Case.id == bindparam("case_id"))


def check_read(ctx: ServiceContext, case_id: int, statement: Any = None) -> Any:
    """`case_for_read` for a caller that needs a few of the case's columns, not the whole case row (each tab of
    a case checks the case before reading its own rows): the row of `statement`, made by `case_columns`
    (by default the rules' columns alone), once checked."""
    found = columns(ctx.session, _KEYS if statement is None else statement, {"case_id": case_id})
    _check_read(ctx, found[0] if found else None, case_id)
    return found[0]


_KEYS = case_columns()


def _refused(ctx: ServiceContext, reference: str) -> PermissionDenied:
    return PermissionDenied(f"{ctx.actor.username} may not open case {reference}: it is not allocated to or "
                            "shared with them")


def _check_read(ctx: ServiceContext, case: CaseKeys | None, case_id: int) -> None:
    if case is None:
        raise NotFound(f"there is no case with id {case_id}")
    if not can_open(ctx, case):
        raise _refused(ctx, case.reference)


def case_for_write(ctx: ServiceContext, case_id: int) -> Case:
    case = case_for_read(ctx, case_id)
    if not can_change(ctx, case):
        raise PermissionDenied(f"{ctx.actor.username} may read but not change case {case.reference}")
    return case


def require_role(ctx: ServiceContext, *roles: StaffRole, doing: str) -> Actor:
    """For service-wide work (reports, staff, retention): managers and administrators, or the owner."""
    if ctx.actor.is_owner or ctx.actor.role in roles:
        return ctx.actor
    allowed = " or ".join(role.label.lower() for role in roles)
    article = "an" if allowed[0] in "aeiou" else "a"
    raise PermissionDenied(f"only {article} {allowed} may {doing}")


def require_coordinator(ctx: ServiceContext, *, doing: str) -> Actor:
    return require_role(ctx, StaffRole.COORDINATOR, StaffRole.MANAGER, StaffRole.ADMINISTRATOR, doing=doing)


def visible_case_filter(ctx: ServiceContext):  # type: ignore[no-untyped-def]
    """A WHERE clause restricting a case query to what the actor may open."""
    from sqlalchemy import or_, true

    actor = ctx.actor
    if actor.sees_every_case:
        return true()
    shared = select(CaseShare.case_id).where(CaseShare.staff_id == actor.staff_id)
    return or_(Case.coordinator_id == actor.staff_id, Case.referrer_id == actor.staff_id,
               Case.id.in_(shared))  # type: ignore[union-attr]
