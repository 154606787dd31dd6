"""The database itself refuses to change or remove audit events, on both back ends."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.factories import make_case


@pytest.mark.parametrize("statement", [
    "UPDATE audit_event SET actor = 'someone else'",
    "UPDATE audit_event SET changes = '{}'",
    "DELETE FROM audit_event",
])
def test_audit_events_cannot_be_changed_or_deleted(ctx, statement):
    make_case(ctx)
    before = ctx.session.exec(text("SELECT id, actor, changes FROM audit_event ORDER BY id")).all()
    assert before
    with pytest.raises(DBAPIError, match="append-only"):
        ctx.session.exec(text(statement))
    ctx.session.rollback()
    assert ctx.session.exec(text("SELECT id, actor, changes FROM audit_event ORDER BY id")).all() == before


def test_events_of_an_erased_case_may_only_be_redacted(ctx):
    case = make_case(ctx)
    ctx.session.exec(text("UPDATE fgdm_case SET erased_at = CURRENT_TIMESTAMP WHERE id = :id"), params={"id": case.id})
    ctx.session.exec(text("UPDATE audit_event SET changes = '{\"redacted\": true}' WHERE case_id = :id"),
                     params={"id": case.id})
    with pytest.raises(DBAPIError, match="append-only"):
        ctx.session.exec(text("UPDATE audit_event SET actor = 'x' WHERE case_id = :id"), params={"id": case.id})
    ctx.session.rollback()
