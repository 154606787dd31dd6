"""The audit and backup commands, run as a user would run them."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.services import cases
from tests.factories import make_case

runner = CliRunner()


def test_audit_lists_the_changes_of_a_case(sqlite_workspace, sqlite_url):
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, family_name="D'Souza")
        cases.advance_stage(ctx, case.id)
    result = runner.invoke(app, ["--db", sqlite_url, "audit", "--case", case.reference, "--format", "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert events[0]["summary"] == "status: Referred → Preparing"
    assert {e["actor"] for e in events} == {"owner"}


def test_backup_then_restore_from_the_command_line(sqlite_workspace, sqlite_url, tmp_path):
    with sqlite_workspace.context() as ctx:
        make_case(ctx, family_name="Ślusarczyk")
    copy = tmp_path / "fgdm.backup"
    assert runner.invoke(app, ["--db", sqlite_url, "backup", "-o", str(copy)]).exit_code == 0
    target = tmp_path / "restored.sqlite3"
    restored = runner.invoke(app, ["--db", str(target), "restore", str(copy)])
    assert restored.exit_code == 0, restored.output
    listed = runner.invoke(app, ["--db", str(target), "cases", "--format", "json"])
    assert [row["family_name"] for row in json.loads(listed.stdout)] == ["Ślusarczyk"]


def test_restore_into_a_database_with_cases_fails_with_one_line(sqlite_workspace, sqlite_url, tmp_path):
    with sqlite_workspace.context() as ctx:
        make_case(ctx)
    copy = tmp_path / "fgdm.backup"
    runner.invoke(app, ["--db", sqlite_url, "backup", "-o", str(copy)])
    result = subprocess.run([sys.executable, "-m", "fgdm", "--db", sqlite_url, "restore", str(copy)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "fgdm: Database: Restore only into an empty database: this one already holds cases. "
        "Point --db at a new file or database."]


def test_sar_command_writes_both_files(sqlite_workspace, sqlite_url, tmp_path):
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, children=[{"given_name": "Leyla", "date_of_birth": "2016-06-06"}])
        child_person_id = cases.children_of(ctx, case.id)[0].person_id
    drafted = runner.invoke(app, ["--db", sqlite_url, "sar", "draft", "--person", str(child_person_id)])
    assert drafted.exit_code == 0, drafted.output
    assert drafted.stderr.startswith("Draft 1 for Leyla")
    result = runner.invoke(app, ["--db", sqlite_url, "sar", "release", "1", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    exported = json.loads(next(tmp_path.glob("subject-access-*.json")).read_text(encoding="utf-8"))
    sections = {section["key"]: section["records"] for section in exported["sections"]}
    assert {entry["field"]: entry["text"] for entry in sections["your_details"][0]}["Given name"] == "Leyla"
    assert sections["as_a_child"][0][0] == {"field": "Case reference", "text": case.reference,
                                            "value": case.reference}
    assert next(tmp_path.glob("subject-access-*.docx")).stat().st_size > 0


def test_retention_review_and_erase_from_the_command_line(sqlite_workspace, sqlite_url):
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, family_name="Vasquez", referral_date="2009-01-01",
                         children=[{"given_name": "Inés", "date_of_birth": "1989-01-01"}])
        cases.close_case(ctx, case.id, "plan_completed")
    review = runner.invoke(app, ["--db", sqlite_url, "retention", "review"])
    assert case.reference in review.stdout
    refused = runner.invoke(app, ["--db", sqlite_url, "retention", "erase", "--case", case.reference], input="no\n")
    assert refused.exit_code != 0
    erased = runner.invoke(app, ["--db", sqlite_url, "retention", "erase", "--case", case.reference],
                           input=f"{case.reference}\n")
    assert erased.exit_code == 0, erased.output
    listed = runner.invoke(app, ["--db", sqlite_url, "cases", "--format", "json"])
    assert "Vasquez" not in listed.stdout and "Inés" not in listed.stdout


def test_staff_commands_add_list_share_and_leave(sqlite_workspace, sqlite_url):
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
    added = runner.invoke(app, ["--db", sqlite_url, "staff", "add", "a.khan", "--name", "Aisha Khan",
                                "--qualification", "social_work_qualified"])
    assert added.exit_code == 0, added.output
    listed = json.loads(runner.invoke(app, ["--db", sqlite_url, "staff", "list", "--format", "json"]).stdout)
    assert isinstance(listed[0].pop("id"), int)              # the id `--staff` options take, beside the username
    assert listed == [{"username": "a.khan", "name": "Aisha Khan", "role": "coordinator",
                       "qualification": "social_work_qualified", "employer": "local_authority", "team": "",
                       "active": True}]
    assert runner.invoke(app, ["--db", sqlite_url, "staff", "share", "--case", case.reference,
                               "--with", "a.khan"]).exit_code == 0
    mine = runner.invoke(app, ["--db", sqlite_url, "--user", "a.khan", "cases", "--format", "json"])
    assert [row["reference"] for row in json.loads(mine.stdout)] == [case.reference]
    assert runner.invoke(app, ["--db", sqlite_url, "staff", "leave", "a.khan", "--on", "2026-11-20"]).exit_code == 0
    assert json.loads(runner.invoke(app, ["--db", sqlite_url, "staff", "list", "--format", "json"]).stdout) == []
