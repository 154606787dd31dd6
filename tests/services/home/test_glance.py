"""Home's first look (`glance`), read through the driver alone, must be exactly home's stages as the full
service reads them, for every kind of user, or be None where the usual start would say something first."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlmodel import select

from fgdm.domain.enums import CaseStatus
from fgdm.models import Staff
from fgdm.services import cases, home, staff
from fgdm.services.home.glance import glance
from fgdm.services.shared.context import ServiceContext, Workspace
from tests.factories import make_staff
from tests.tui import dataset

LINES = home.StageLines(first=3, whole=frozenset({CaseStatus.PREPARING}))
"""As the workbench asks at start: a few lines of each stage, all of a stage whose "more" line was chosen."""


@pytest.fixture
def service(ctx: ServiceContext) -> dict[str, int]:
    """The six cases of the home screen's tests, one closed, one shared, and staff of every role."""
    ids = dataset.build(ctx)
    cases.close_case(ctx, ids["Khan"], "referral_withdrawn")
    make_staff(ctx, "mia", role="manager", name="Mia Long")
    make_staff(ctx, "ash", name="Ash Reed")
    make_staff(ctx, "lee", name="Lee Moss", active=False)
    staff.share_case(ctx, ids["Okafor"], "ash")
    return ids


def full_stages(workspace: Workspace, username: str | None) -> home.HomeView:
    with workspace.context(username) as ctx:
        return home.home(ctx, stage_lines=LINES)


@pytest.mark.parametrize("username", ["sam", "jo", "rhi", "mia", "ash"])
def test_the_first_look_is_home_s_stages_for_each_kind_of_user(workspace: Workspace, database_url: str,
                                                                 service: dict[str, int], username: str) -> None:
    looked = glance(database_url, username, LINES)
    full = full_stages(workspace, username)
    assert looked is not None and not looked.complete
    assert (looked.any_cases, looked.scope, looked.my_cases) == (full.any_cases, full.scope, full.my_cases)
    assert looked.needs_action == [] and looked.upcoming == []


def test_the_owner_of_a_file_sees_every_open_case(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        dataset.build(ctx)
    looked, full = glance(sqlite_url, "", LINES), full_stages(sqlite_workspace, None)
    assert looked is not None
    assert (looked.scope, looked.my_cases) == (full.scope, full.my_cases) and looked.scope == "all open cases"
    assert sum(group.total for group in looked.my_cases) == 6


def test_an_empty_database_is_said_to_be_empty(workspace: Workspace, database_url: str) -> None:
    looked = glance(database_url, "", LINES)
    assert looked is not None and not looked.any_cases and looked.my_cases == []


@pytest.mark.parametrize("username", ["lee", "nobody"])
def test_a_user_the_usual_start_refuses_gets_no_first_look(workspace: Workspace, database_url: str,
                                                          service: dict[str, int], username: str) -> None:
    """An inactive member of staff, or a name the records do not know: the usual start says why."""
    assert glance(database_url, username, LINES) is None


def test_a_shared_database_with_staff_and_no_user_named_gets_no_first_look(workspace: Workspace,
                                                                           database_url: str,
                                                                           service: dict[str, int]) -> None:
    if workspace.is_sqlite:
        assert glance(database_url, "", LINES) is not None  # the file's owner
    else:
        assert glance(database_url, "", LINES) is None  # the usual start asks who you are


def test_a_database_behind_this_version_gets_no_first_look(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    with sqlite_workspace.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0019'")
    assert glance(sqlite_url, "", LINES) is None


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "mysql://someone@example/records"])
def test_a_store_that_is_not_plain_gets_no_first_look(url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert glance(url, "", LINES) is None
    assert glance(f"sqlite:///{tmp_path / 'not-made-yet.sqlite3'}", "", LINES) is None
    assert not (tmp_path / "not-made-yet.sqlite3").exists()


def test_names_that_look_like_sql_are_read_as_the_full_service_reads_them(
        workspace: Workspace, database_url: str, service: dict[str, int]) -> None:
    with workspace.context("mia") as ctx:
        cases.create_case(ctx, {"family_name": "O'Brien'); DROP TABLE staff; --", "referral_date": "2026-10-01",
                                "referral_reason": "Concerns", "coordinator_id": _staff_id(ctx, "sam"),
                                "children": [{"given_name": "Zoë :staff 🙂", "date_of_birth": "2018-01-01"}]})
    looked, full = glance(database_url, "sam", LINES), full_stages(workspace, "sam")
    assert looked is not None and looked.my_cases == full.my_cases
    assert any("Zoë :staff 🙂" in line.children for group in looked.my_cases for line in group.cases)


def _staff_id(ctx: ServiceContext, username: str) -> int:
    found = ctx.session.exec(select(Staff.id).where(Staff.username == username)).one()
    assert found is not None
    return found


def test_the_first_look_imports_no_database_layer(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    """What makes it quick: neither SQLAlchemy, SQLModel nor pydantic is imported to read it."""
    with sqlite_workspace.context() as ctx:
        dataset.build(ctx)
    program = ("import sys; from fgdm.services.home.glance import glance; "
               f"view = glance({sqlite_url!r}, ''); assert view is not None and view.any_cases; "
               "print(sorted(name for name in ('sqlalchemy', 'sqlmodel', 'pydantic') if name in sys.modules))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]"
