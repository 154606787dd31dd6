"""The case's contact log: dated contacts with who, how and what was agreed; checked, versioned and audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from fgdm.domain.enums import ContactMethod
from fgdm.models import AuditEvent
from fgdm.services import notes
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import Conflict, ValidationFailed
from tests.factories import make_case

CALL = {"who": "Grandmother, Irene", "method": "phone", "agreed": "Irene will host the meeting"}


def test_a_contact_is_recorded_today_by_default_listed_latest_first_and_audited(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    first = notes.add_note(ctx, case.id, {**CALL, "noted_on": "2026-11-20"})
    second = notes.add_note(ctx, case.id, {"who": "Head of year", "method": "email", "agreed": "Will attend",
                                           "follow_up_on": "2026-11-26"})
    assert second.noted_on == date(2026, 11, 23) and second.method is ContactMethod.EMAIL
    assert [note.id for note in notes.list_notes(ctx, case.id)] == [second.id, first.id]
    audited = ctx.session.exec(select(AuditEvent.action, AuditEvent.case_id)
                               .where(AuditEvent.table_name == "case_note")).all()
    assert audited == [("create", case.id), ("create", case.id)]


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"noted_on": "2026-11-24"}, "noted_on", "cannot be in the future"),
    ({"noted_on": "2026-11-20", "follow_up_on": "2026-11-19"}, "follow_up_on", "before the contact"),
    ({"who": ""}, "who", ""),
    ({"method": "carrier pigeon"}, "method", ""),
])
def test_a_contact_that_cannot_be_right_is_refused_naming_the_field(ctx: ServiceContext, change: dict[str, str],
                                                                   field: str, words: str) -> None:
    case = make_case(ctx)
    with pytest.raises(ValidationFailed) as refused:
        notes.add_note(ctx, case.id, {**CALL, **change})
    assert field in refused.value.errors and words in refused.value.errors[field]
    assert notes.list_notes(ctx, case.id) == []


def test_a_follow_up_is_cleared_once_done_and_a_stale_edit_is_refused(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    note = notes.add_note(ctx, case.id, {**CALL, "follow_up_on": "2026-11-30"})
    done = notes.update_note(ctx, note.id, {**CALL, "noted_on": note.noted_on, "follow_up_on": None},
                             expected_version=note.version)
    assert done.follow_up_on is None
    with pytest.raises(Conflict):
        notes.update_note(ctx, note.id, {**CALL, "agreed": "Something else"}, expected_version=note.version)
