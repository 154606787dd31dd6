"""A backup holds everything, on both back ends: a round trip changes no row of any table.

Each test fills a store with a demo service plus staff in every role and state, backs it up, restores it into
an empty store (of the same back end, and across: SQLite → PostgreSQL → SQLite) and compares a normalised dump
of every table before and after. Only the audit events' own ids (renumbered on restore) and the events that
record the backup and the restore themselves are left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from fgdm import demo
from fgdm.config import Settings
from fgdm.domain.enums import LetterKind
from fgdm.models import LetterRecord, NetworkMember
from fgdm.services import records, staff
from fgdm.services.records import _tables
from fgdm.services.shared.context import Workspace
from tests.conftest import _truncate_all
from tests.factories import make_staff

BOOKKEEPING = {"backup", "restore"}


def normalised_dump(workspace: Workspace) -> dict[str, list[Any]]:
    """Every row of every table; audit events without their ids and without the backup's own events."""
    with workspace.engine.connect() as connection:
        rows = _tables.dump(connection)
    rows[_tables.AUDIT] = [{k: v for k, v in event.items() if k != "id"} for event in rows[_tables.AUDIT]
                           if event["action"] not in BOOKKEEPING]
    return rows


def fill(workspace: Workspace) -> None:
    """A service with cases at every stage, and staff in every role, one of whom has left."""
    with workspace.context() as ctx:
        demo.generate_service(ctx, seed=7, cases=8)
        for role in ("coordinator", "manager", "administrator", "referrer"):
            make_staff(ctx, f"extra.{role}", role=role)
        leaver = make_staff(ctx, "extra.leaver", role="coordinator")
        staff.update_staff(ctx, leaver.id, {"left_on": "2026-11-20", "active": False})
        member = ctx.session.exec(select(NetworkMember)).first()
        with ctx.write() as session:
            session.add(LetterRecord(case_id=member.case_id, person_id=member.person_id, kind=LetterKind.OFFER,
                                     template_name="offer.md", template_version="1", language="cy",
                                     generated_by="owner", filename="offer-cy.docx"))


def _open(url: str, clock) -> Workspace:  # type: ignore[no-untyped-def]
    return Workspace(Settings(database_url=url), clock=clock)


def _restore(url: str, backup: Path, clock) -> Workspace:  # type: ignore[no-untyped-def]
    target = _open(url, clock)
    with target.context() as ctx:
        records.restore(ctx, backup)
    return target


def _backup(workspace: Workspace, path: Path) -> Path:
    """Taken by the service's administrator (on PostgreSQL fgdm needs a named member of staff)."""
    with workspace.context(None if workspace.is_sqlite else "extra.administrator") as ctx:
        return records.backup(ctx, path).path


def test_a_round_trip_on_each_back_end_changes_no_row(workspace, tmp_path, clock):
    fill(workspace)
    before = normalised_dump(workspace)
    assert len(before["staff"]) >= 9 and before[_tables.AUDIT] and before["letter_record"]
    backup = _backup(workspace, tmp_path / "service.backup")
    url = str(workspace.engine.url.render_as_string(hide_password=False))
    if workspace.is_sqlite:
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    else:
        workspace.engine.dispose()
        _truncate_all(url)
    restored = _restore(url, backup, clock)
    try:
        assert normalised_dump(restored) == before
    finally:
        restored.dispose()


@pytest.mark.postgres
def test_sqlite_to_postgresql_to_sqlite_changes_no_row(sqlite_workspace, postgres_url, tmp_path, clock):
    fill(sqlite_workspace)
    before = normalised_dump(sqlite_workspace)
    from_sqlite = _backup(sqlite_workspace, tmp_path / "from-sqlite.backup")
    _truncate_all(postgres_url)
    on_postgres = _restore(postgres_url, from_sqlite, clock)
    try:
        assert normalised_dump(on_postgres) == before
        from_postgres = _backup(on_postgres, tmp_path / "from-postgres.json")
    finally:
        on_postgres.dispose()
    back = _restore(f"sqlite:///{tmp_path / 'back.sqlite3'}", from_postgres, clock)
    try:
        assert normalised_dump(back) == before
    finally:
        back.dispose()


def test_every_restore_is_recorded_and_the_targets_own_trail_is_kept(sqlite_workspace, tmp_path, clock):
    fill(sqlite_workspace)
    backup = _backup(sqlite_workspace, tmp_path / "service.backup")
    target = _open(f"sqlite:///{tmp_path / 'target.sqlite3'}", clock)
    with target.context() as ctx:
        added = make_staff(ctx, "target.admin", role="administrator")
        staff.update_staff(ctx, added.id, {"left_on": "2026-11-21", "active": False})
        records.restore(ctx, backup)
    try:
        with target.engine.connect() as connection:
            events = _tables.dump(connection)[_tables.AUDIT]
        restores = [event for event in events if event["action"] == "restore"]
        assert len(restores) == 1 and '"service.backup"' in restores[0]["changes"]
        assert any(event["table_name"] == "staff" and "2026-11-21" in event["changes"] for event in events), \
            "the target's own audit trail was lost"
    finally:
        target.dispose()

