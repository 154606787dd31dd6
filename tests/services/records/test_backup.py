"""Backups are consistent, private, and restore into an empty store with every record intact."""

from __future__ import annotations

import json
import os
import stat

import pytest
from sqlalchemy import MetaData, select

from fgdm.config import Settings
from fgdm.services import cases, records
from fgdm.services.shared.context import Workspace
from fgdm.services.shared.errors import PermissionDenied, ValidationFailed
from tests.factories import make_case, make_staff


def table_rows(workspace: Workspace) -> dict[str, list[tuple]]:
    """Every row of every table except the audit trail (which records the backup itself)."""
    metadata = MetaData()
    metadata.reflect(workspace.engine)
    with workspace.engine.connect() as connection:
        return {name: sorted(connection.execute(select(table)).all(), key=repr)
                for name, table in metadata.tables.items() if name != "audit_event"}


def test_sqlite_backup_restores_into_an_empty_file_identically(sqlite_workspace, tmp_path, clock):
    with sqlite_workspace.context() as ctx:
        make_case(ctx, family_name="Nowak", children=[{"given_name": "Zuzanna 🌻", "date_of_birth": "2017-02-03"}])
        make_case(ctx, family_name="اختر")
        result = records.backup(ctx, tmp_path / "backups" / "fgdm.backup")
    assert result.kind == "sqlite" and result.cases == 2
    assert stat.S_IMODE(os.stat(result.path).st_mode) == 0o600
    restored = Workspace(Settings(database_url=f"sqlite:///{tmp_path / 'restored.sqlite3'}"), clock=clock)
    try:
        with restored.context() as ctx:
            assert records.restore(ctx, result.path) == 2
        assert table_rows(restored) == table_rows(sqlite_workspace)
        with restored.context() as ctx:
            assert {row.family_name for row in cases.list_cases(ctx).rows} == {"Nowak", "اختر"}
    finally:
        restored.dispose()


def test_restore_refuses_a_database_that_holds_cases(sqlite_workspace, tmp_path):
    with sqlite_workspace.context() as ctx:
        make_case(ctx)
        copy = records.backup(ctx, tmp_path / "copy.backup").path
        with pytest.raises(ValidationFailed, match="empty database"):
            records.restore(ctx, copy)


def test_restore_refuses_a_file_that_is_not_a_backup(sqlite_workspace, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("shopping list", encoding="utf-8")
    with sqlite_workspace.context() as ctx, pytest.raises(ValidationFailed, match="neither an fgdm SQLite backup"):
        records.restore(ctx, junk)


def test_only_administrators_back_up(sqlite_workspace, tmp_path):
    with sqlite_workspace.context() as ctx:
        make_staff(ctx, "cora", role="coordinator")
        make_staff(ctx, "mani", role="manager")
    for who in ("cora", "mani"):
        with sqlite_workspace.context(who) as ctx, pytest.raises(PermissionDenied, match="only an administrator "
                                                                                       "may back up the records"):
            records.backup(ctx, tmp_path / "nope.backup")
    assert not (tmp_path / "nope.backup").exists()


def test_json_backup_of_a_service_restores_every_case(ctx, tmp_path, clock):
    """The PostgreSQL path (a JSON export of every case) round trips a whole demo service, on either back end."""
    from sqlmodel import select as sql_select

    from fgdm import demo
    from fgdm.models import Case
    from fgdm.services import case_file
    from tests.services.case_file.test_case_file import canonical

    demo.generate_service(ctx, seed=4, cases=10)
    document = records.full_export(ctx)
    if ctx.session.get_bind().dialect.name == "postgresql":
        made = records.backup(ctx, tmp_path / "service.json")
        assert made.kind == "json" and made.cases == 10
        path = made.path
    else:
        path = tmp_path / "service.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    restored = Workspace(Settings(database_url=f"sqlite:///{tmp_path / 'restored.sqlite3'}"), clock=clock)
    try:
        with restored.context() as target:
            assert records.restore(target, path) == 10
            again = {c.reference: case_file.export_case(target, c.id) for c in target.session.exec(sql_select(Case))}
        before = {c["case"]["reference"]: c for c in document["cases"]}
        assert sorted(again) == sorted(before)
        for reference, original in before.items():
            assert canonical(again[reference]) == canonical(original), reference
    finally:
        restored.dispose()
