"""A case's history from the audit trail: newest first, in words, and only for those who may open the case."""

from __future__ import annotations

import pytest

from fgdm.services import cases, records
from fgdm.services import staff as staff_service
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import PermissionDenied
from tests.factories import make_case, make_staff


def test_history_lists_changes_newest_first_with_old_and_new_values(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    cases.advance_stage(ctx, case.id)
    cases.update_case(ctx, case.id, {"desired_outcome": "Ada stays with family"})
    entries = records.case_history(ctx, case.id)
    assert [(entry.record, entry.action) for entry in entries[:2]] == [("case", "changed"), ("case", "changed")]
    assert entries[0].summary == "desired outcome: — → Ada stays with family"
    assert entries[1].summary == "status: referred → preparing"
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
