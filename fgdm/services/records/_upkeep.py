"""Checks an administrator runs on the records: the record of what needs attention against the rules.

Every save keeps that record (`attention`) in step with the records it is worked out from. This is how a
council's IT team confirms it, after a restore made outside fgdm or an edit made straight to the database,
and puts it right if not.
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import col, select

from fgdm.domain.enums import StaffRole
from fgdm.models import Case, CaseChild, ChildAttention
from fgdm.services.shared import access, attention
from fgdm.services.shared.context import ServiceContext


def check_attention(ctx: ServiceContext) -> list[str]:
    """Where the record differs from the rules worked out afresh, in words; empty when it matches."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="check the record of what needs attention")
    return attention.unmatched(ctx.session, today=ctx.today(), settings=ctx.settings)


def repair_attention(ctx: ServiceContext) -> int:
    """Work out every case's record again, and drop any row whose child is gone; how many cases."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="work out the record of what needs attention")
    with ctx.write() as session:
        session.execute(delete(ChildAttention).where(
            col(ChildAttention.case_child_id).not_in(select(CaseChild.id))))
        case_ids = list(session.exec(select(Case.id).order_by(Case.id)).all())
        attention.work_out(session, case_ids, today=ctx.today(), settings=ctx.settings)
    return len(case_ids)


__all__ = ["check_attention", "repair_attention"]
