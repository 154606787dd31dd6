"""Staff records are an administrator's; sharing a case opens it to a colleague, and only that case."""

from __future__ import annotations

import pytest

from fgdm.domain.enums import Employer, Qualification, StaffRole
from fgdm.services import cases, staff
from fgdm.services.shared import access
from fgdm.services.shared.errors import PermissionDenied, ValidationFailed
from tests.factories import make_case


def test_add_and_change_staff(ctx):
    added = staff.add_staff(ctx, {"username": " Ngozi.A ", "name": "Ngozi Adeyemi-Ó", "role": "coordinator",
                                  "qualification": "social_work_qualified", "employer": "other",
                                  "email": "ngozi@example.org", "started_on": "2025-04-01"})
    assert added.username == "ngozi.a" and added.employer is Employer.OTHER
    assert added.qualification is Qualification.SOCIAL_WORK_QUALIFIED
    changed = staff.update_staff(ctx, added.id, {"role": "manager", "left_on": "2026-10-31", "active": False},
                                 expected_version=added.version)
    assert changed.role is StaffRole.MANAGER and not changed.active
    assert [s.username for s in staff.list_staff(ctx)] == []
    assert [s.username for s in staff.list_staff(ctx, active_only=False)] == ["ngozi.a"]


def test_bad_staff_input_names_each_field_and_saves_nothing(ctx):
    with pytest.raises(ValidationFailed) as caught:
        staff.add_staff(ctx, {"username": "a b", "name": "", "email": "not-an-email", "role": "boss"})
    assert set(caught.value.errors) == {"username", "name", "email", "role"}
    staff.add_staff(ctx, {"username": "jo", "name": "Jo"})
    with pytest.raises(ValidationFailed, match="already used"):
        staff.add_staff(ctx, {"username": "jo", "name": "Another Jo"})
    with pytest.raises(ValidationFailed, match="before the start date"):
        staff.add_staff(ctx, {"username": "kit", "name": "Kit", "started_on": "2026-01-02", "left_on": "2025-01-01"})
    assert [s.username for s in staff.list_staff(ctx)] == ["jo"]


def test_only_administrators_manage_staff(ctx, workspace):
    staff.add_staff(ctx, {"username": "cora", "name": "Cora", "role": "coordinator"})
    with workspace.context("cora") as cora, pytest.raises(PermissionDenied, match="administrator"):
        staff.add_staff(cora, {"username": "eve", "name": "Eve"})


def test_sharing_opens_one_case_to_a_colleague(ctx, workspace):
    owner = staff.add_staff(ctx, {"username": "ama", "name": "Ama", "role": "coordinator"})
    staff.add_staff(ctx, {"username": "ben", "name": "Ben", "role": "coordinator"})
    shared = make_case(ctx, coordinator_id=owner.id)
    other = make_case(ctx, coordinator_id=owner.id)
    with workspace.context("ben") as ben:
        assert cases.list_cases(ben).total == 0
    staff.share_case(ctx, shared.id, "ben")
    assert [s.username for s in staff.shared_with(ctx, shared.id)] == ["ben"]
    with workspace.context("ben") as ben:
        assert [row.id for row in cases.list_cases(ben).rows] == [shared.id]
        assert access.case_for_write(ben, shared.id).id == shared.id
        with pytest.raises(PermissionDenied):
            cases.get_case(ben, other.id)
    staff.unshare_case(ctx, shared.id, "ben")
    with workspace.context("ben") as ben, pytest.raises(PermissionDenied):
        cases.get_case(ben, shared.id)


def test_a_login_password_on_a_sqlite_file_is_refused_and_nothing_is_saved(sqlite_workspace) -> None:
    """A SQLite file has one user, its owner: a login (and its password) belongs to the team database only."""
    from fgdm.services import staff as staff_service
    from fgdm.services.shared.errors import ValidationFailed

    with sqlite_workspace.context() as ctx:
        with pytest.raises(ValidationFailed, match="logins are for the team database on PostgreSQL"):
            staff_service.add_staff(ctx, {"username": "a.khan", "name": "Aisha Khan"}, password="a long password!")
        assert staff_service.list_staff(ctx) == []
