"""The migrations alone build exactly the models' schema, on both back ends, and upgrades keep data."""

from __future__ import annotations

import os
import stat

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import fgdm.models  # noqa: F401
from fgdm.config import Settings
from fgdm.services.shared.context import Workspace
from fgdm.store.engine import make_engine, sqlite_path
from fgdm.store.migrate import HEAD_REVISION, current_revision, head_revision, needs_upgrade, upgrade
from fgdm.store.schema_compare import compare_type, include_object, render_item
from tests.factories import make_case


def test_migrations_match_the_models(database_url):
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": compare_type,
                                                               "include_object": include_object,
                                                               "render_item": render_item})
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_database_is_at_head(database_url):
    engine = make_engine(database_url)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_revision_a_start_compares_with_is_the_head_of_the_migrations_folder():
    """A start compares the schema with `HEAD_REVISION` rather than reading the folder through Alembic."""
    assert head_revision() == HEAD_REVISION


def test_a_database_no_migration_has_touched_has_no_revision_and_needs_one(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert current_revision(engine) is None
    assert needs_upgrade(engine)
    engine.dispose()


def test_first_run_creates_an_owner_only_wal_file(tmp_path, clock):
    path = tmp_path / "new" / "fgdm.sqlite3"
    workspace = Workspace(Settings(database_url=f"sqlite:///{path}"), clock=clock)
    with workspace.context() as ctx:
        make_case(ctx)
        assert ctx.session.exec(text("PRAGMA journal_mode")).one()[0] == "wal"
        assert ctx.session.exec(text("PRAGMA foreign_keys")).one()[0] == 1
    workspace.dispose()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert current_revision(make_engine(f"sqlite:///{path}")) == head_revision()


def test_upgrade_from_first_revision_keeps_data_and_backs_up(tmp_path, clock):
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0001", backup=False)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO staff (version, created_at, updated_at, username, name, email, phone, job_title, team, "
            "organisation, role, qualification, employer, active) VALUES (1, '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00', 'amina', 'Amina Ló', '', '', '', '', '', 'coordinator', "
            "'social_work_qualified', 'local_authority', 1)"))
    engine.dispose()
    workspace = Workspace(Settings(database_url=f"sqlite:///{path}"), clock=clock)
    with workspace.context() as ctx:
        names = ctx.session.exec(text("SELECT name FROM staff")).all()
    assert [row[0] for row in names] == ["Amina Ló"]
    assert current_revision(workspace.engine) == head_revision()
    if head_revision() != "0001":
        assert workspace.backup_made is not None and workspace.backup_made.exists()
    assert sqlite_path(workspace.url) == path
    assert "staff" in inspect(workspace.engine).get_table_names()
    workspace.dispose()
