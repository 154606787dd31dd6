"""`fgdm db check`: what home lists as needing action, checked against the records and put right."""

from __future__ import annotations

import sqlite3

from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.store.engine import sqlite_path
from tests.tui import dataset

runner = CliRunner()


def test_check_finds_a_record_edited_behind_fgdm_s_back_and_repair_puts_it_right(sqlite_workspace, sqlite_url):
    with sqlite_workspace.context() as ctx:
        dataset.build(ctx)
    assert runner.invoke(app, ["--db", sqlite_url, "db", "check"]).exit_code == 0
    with sqlite3.connect(sqlite_path(sqlite_url)) as connection:  # an edit made outside fgdm
        connection.execute("UPDATE child_attention SET duty_state = 'met', duty_reason = 'edited by hand'")
    connection.close()
    found = runner.invoke(app, ["--db", sqlite_url, "db", "check"])
    assert found.exit_code == 1
    assert "duty_state is <DutyState.MET: 'met'>, the rules give <DutyState.PENDING: 'pending'>" in found.stdout
    assert "fgdm db check --repair" in found.stderr
    repaired = runner.invoke(app, ["--db", sqlite_url, "db", "check", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "Worked out again for 6 cases" in repaired.stderr
    assert runner.invoke(app, ["--db", sqlite_url, "db", "check"]).exit_code == 0
