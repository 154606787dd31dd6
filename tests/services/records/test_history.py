"""A case's history from the audit trail: newest first, in words, and only for those who may open the case."""

from __future__ import annotations

import pytest

from fgdm.services import cases, meetings, records, support
from fgdm.services import staff as staff_service
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import PermissionDenied
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, schedule


def test_history_lists_changes_newest_first_with_old_and_new_values(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    cases.advance_stage(ctx, case.id)
    cases.update_case(ctx, case.id, {"desired_outcome": "Ada stays with family"})
    entries = records.case_history(ctx, case.id)
    assert [(entry.record, entry.action) for entry in entries[:2]] == [("case", "changed"), ("case", "changed")]
    assert entries[0].summary == "desired outcome: — → Ada stays with family"
    assert entries[1].summary == "status: Referred → Preparing"
    assert {(entry.record, entry.action) for entry in entries[2:]} >= {("case", "added"), ("child", "added")}
    assert all(entry.actor == "owner" for entry in entries)
    assert "search" not in " ".join(entry.summary for entry in entries)
    assert all(entry.summary for entry in entries if entry.action == "changed")


def test_history_is_refused_to_someone_who_may_not_open_the_case(workspace: Workspace) -> None:
    with workspace.context() as owner:
        make_staff(owner, "kim")
        make_staff(owner, "lee")
        kim = next(s for s in staff_service.list_staff(owner) if s.username == "kim")
        case = make_case(owner, coordinator_id=kim.id)
    with workspace.context("kim") as ctx:
        assert records.case_history(ctx, case.id)
    with workspace.context("lee") as ctx, pytest.raises(PermissionDenied):
        records.case_history(ctx, case.id)


def test_history_names_people_says_dates_and_labels_never_ids_codes_or_column_names(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    grandmother = add_member(ctx, case, "Ngozi")
    meeting = schedule(ctx, case, day="2026-11-19", network_member_ids=[grandmother.id])
    meetings.move_meeting(ctx, meeting.id, {"day": "20/11/2026", "start_time": "10:00", "end_time": "13:00"})
    [invitee] = meetings.get_meeting(ctx, meeting.id).attendees
    meetings.mark_held(ctx, meeting.id)
    meetings.record_attendance(ctx, meeting.id, {invitee.id: "sent_apologies"})
    item = support.add_item(ctx, case.id, {"category": "beds_and_furniture", "description": "Bunk beds",
                                           "amount": "£1,250.50", "recipient_member_id": grandmother.id})
    support.approve_item(ctx, item.id)
    coordinator = make_staff(ctx, "cdavies", name="Cerys Davies")
    cases.update_case(ctx, case.id, {"coordinator_id": coordinator.id})
    text = "\n".join(entry.summary for entry in records.case_history(ctx, case.id))
    assert "coordinator: — → Cerys Davies" in text
    assert "calendar version: 0 → 1" in text and "was to start: — → 19 November 2026, 10:00" in text
    assert "attendance: Expected → Sent apologies" in text
    assert "starts: 19 November 2026" in text
    for code in ("_id", "ical", "sent_apologies", "2026-11-", "moved_from", "_at"):
        assert code not in text, code
