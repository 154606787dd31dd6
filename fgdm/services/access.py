"""Who may see and change what. Every public service function passes through one of these checks."""

from __future__ import annotations

from sqlmodel import select

from fgdm.domain.enums import StaffRole
from fgdm.models import Case, CaseShare
from fgdm.services.context import Actor, ServiceContext
from fgdm.services.errors import NotFound, PermissionDenied


def _shared_with(ctx: ServiceContext, case: Case) -> bool:
    if ctx.actor.staff_id is None:
        return False
    share = ctx.session.exec(select(CaseShare.id).where(CaseShare.case_id == case.id,
                                                         CaseShare.staff_id == ctx.actor.staff_id)).first()
    return share is not None


def can_open(ctx: ServiceContext, case: Case) -> bool:
    actor = ctx.actor
    if actor.sees_every_case:
        return True
    if actor.staff_id is not None and actor.staff_id in (case.coordinator_id, case.referrer_id):
        return True
    return _shared_with(ctx, case)


def can_change(ctx: ServiceContext, case: Case) -> bool:
    if ctx.actor.role is StaffRole.REFERRER and not ctx.actor.is_owner:
        return False
    return can_open(ctx, case)


def case_for_read(ctx: ServiceContext, case_id: int) -> Case:
    case = ctx.session.get(Case, case_id)
    if case is None:
        raise NotFound(f"there is no case with id {case_id}")
    if not can_open(ctx, case):
        raise PermissionDenied(f"{ctx.actor.username} may not open case {case.reference}: it is not "
                               "allocated to or shared with them")
    return case


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
    raise PermissionDenied(f"only a {allowed} may {doing}")


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
