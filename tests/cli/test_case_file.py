"""`fgdm export` and `fgdm import`, run as a user would run them."""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys

from jsonschema import Draft202012Validator
from sqlmodel import select
from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.config import Settings, demo_database_url
from fgdm.models import Case
from fgdm.services import case_file, network
from fgdm.services.shared.context import Workspace
from tests.cli.test_separate_session import MOTHER_HOME
from tests.cli.test_separate_session import build as build_separate_sessions
from tests.services.case_file.test_case_file_fixtures import build_full_case

runner = CliRunner()


def _without_ids(text: str) -> str:
    """The listing with its person ids blanked: an import gives every row a new id."""
    return re.sub(r"\(person \d+\)", "(person _)", text)


def _fgdm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fgdm", *args], capture_output=True, text=True, timeout=120,
                          encoding="utf-8")


def test_export_prints_a_case_file_that_the_shipped_schema_accepts(sqlite_workspace, sqlite_url):
    with sqlite_workspace.context() as ctx:
        case = build_full_case(ctx)
    result = runner.invoke(app, ["--db", sqlite_url, "export", "--case", case.reference])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert list(Draft202012Validator(case_file.case_file_schema()).iter_errors(document)) == []
    assert document["case"]["family_name"] == "Zoë O'Brien-Núñez"
    assert "Zoë O'Brien-Núñez" in result.stdout and "\n  \"version\": 1," in result.stdout


def test_export_to_a_file_then_import_it_into_another_database(sqlite_workspace, sqlite_url, tmp_path):
    with sqlite_workspace.context() as ctx:
        case = build_full_case(ctx)
    path = tmp_path / "case.json"
    exported = runner.invoke(app, ["--db", sqlite_url, "export", "--case", case.reference, "-o", str(path)])
    assert exported.exit_code == 0, exported.output
    assert path.stat().st_mode & 0o777 == 0o600
    target = tmp_path / "target.sqlite3"
    imported = runner.invoke(app, ["--db", str(target), "import", str(path)])
    assert imported.exit_code == 0, imported.output
    assert f"Imported {case.reference} (Zoë O'Brien-Núñez): 2 children, 3 network members" in imported.stderr
    assert "1 case imported; 5 people added" in imported.stderr
    listed = runner.invoke(app, ["--db", str(target), "cases", "--format", "json"])
    assert [row["reference"] for row in json.loads(listed.stdout)] == [case.reference]


def test_a_file_with_control_characters_loses_them_and_one_with_a_nul_is_refused(sqlite_workspace, sqlite_url,
                                                                                  tmp_path):
    """The command passes a file whose text holds no sign of a control character or NUL without looking again
    (`json_text_is_plain`); one written either way with them still has them removed, or is refused for a NUL."""
    with sqlite_workspace.context() as ctx:
        document = case_file.export_case(ctx, build_full_case(ctx).id)
    target = tmp_path / "target.sqlite3"
    given_name = document["people"][0]["given_name"]
    document["people"][0]["given_name"] = given_name + "\x00"
    nul = tmp_path / "nul.json"
    nul.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    refused = runner.invoke(app, ["--db", str(target), "import", str(nul)])
    assert refused.exit_code == 1 and "$.people[0].given_name: contains a NUL character" in refused.stderr
    document["people"][0]["given_name"] = given_name + "\x1e\x7f"
    noisy = tmp_path / "noisy.json"
    noisy.write_text(json.dumps(document).replace("\\u001e", "\\u001E"), encoding="utf-8")
    imported = runner.invoke(app, ["--db", str(target), "import", str(noisy)])
    assert imported.exit_code == 0, imported.output
    workspace = Workspace(Settings(database_url=f"sqlite:///{target}"))
    try:
        with workspace.context() as ctx:
            names = {person["given_name"] for person in case_file.export_case(ctx, 1)["people"]}
    finally:
        workspace.dispose()
    assert given_name in names and not any("\x1e" in name or "\x7f" in name for name in names)


def test_the_cycle_collector_is_on_again_after_an_import_whatever_its_end(sqlite_workspace, sqlite_url, tmp_path):
    """The import pauses Python's cycle collector while it holds every file (see `_collector_paused`)."""
    with sqlite_workspace.context() as ctx:
        document = case_file.export_case(ctx, build_full_case(ctx).id)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert gc.isenabled()
    refused = runner.invoke(app, ["--db", sqlite_url, "import", str(path)])
    assert refused.exit_code == 1 and "already used" in refused.stderr and gc.isenabled()
    imported = runner.invoke(app, ["--db", str(tmp_path / "target.sqlite3"), "import", str(path)])
    assert imported.exit_code == 0 and gc.isenabled()


def test_a_bad_file_exits_1_listing_every_problem_without_a_traceback(sqlite_workspace, sqlite_url, tmp_path):
    with sqlite_workspace.context() as ctx:
        document = case_file.export_case(ctx, build_full_case(ctx).id)
    document["network"][2]["person_id"] = 404
    document["offers"][0]["response"] = "maybe"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "fgdm-case",', encoding="utf-8")

    result = _fgdm("--db", sqlite_url, "import", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert "fgdm: nothing was imported; fix these problems:" in lines
    assert "Importing" not in result.stderr
    assert "  $.network[2].person_id: no person with id 404 in this file" in lines
    assert any(line.startswith("  $.offers[0].response: 'maybe' is not allowed") for line in lines)
    assert any(line.startswith("  $.case.reference: ") and "already used" in line for line in lines)

    both = _fgdm("--db", sqlite_url, "import", str(bad), str(broken))
    assert both.returncode == 1 and "Traceback" not in both.stderr
    assert f"  {broken}: is not valid JSON: Expecting property name enclosed in double quotes at line 1" in both.stderr


def test_a_person_whose_uid_is_not_text_is_refused_by_its_path(sqlite_workspace, sqlite_url, tmp_path):
    """Found by the fuzzer: a list where a person's uid goes stopped the import with a TypeError (asking whether
    the person is on file in a case the importer cannot open) instead of naming the field."""
    with sqlite_workspace.context() as ctx:
        document = case_file.export_case(ctx, build_full_case(ctx).id)
    document["case"]["reference"] = "FG-2026-0999"
    document["people"][0]["uid"] = [[["a list, not an id"]]]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = _fgdm("--db", sqlite_url, "import", str(bad))
    assert result.returncode == 1 and "unexpected error" not in result.stderr, result.stderr
    assert any(line.startswith("  $.people[0].uid: ") for line in result.stderr.splitlines()), result.stderr


def test_a_case_only_in_the_demo_database_points_to_fgdm_demo(sqlite_url):
    demo = Workspace(Settings(database_url=demo_database_url()))
    with demo.context() as ctx:
        reference = build_full_case(ctx).reference
    demo.dispose()
    result = _fgdm("--db", sqlite_url, "export", "--case", reference)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"fgdm: Case {reference} is in the demo database, not this one; use "
                                     f"`fgdm --demo export --case {reference}`.")
    from_demo = _fgdm("--demo", "export", "--case", reference)
    assert from_demo.returncode == 0, from_demo.stderr
    assert json.loads(from_demo.stdout)["case"]["reference"] == reference
    nothing_chosen = _fgdm("export", "--case", reference)
    assert nothing_chosen.returncode == 0, nothing_chosen.stderr
    assert json.loads(nothing_chosen.stdout)["case"]["reference"] == reference
    assert "exported it from the demo database" in nothing_chosen.stderr


def test_what_is_kept_from_named_people_survives_a_transfer(sqlite_workspace, sqlite_url, tmp_path):
    """Export, import into an empty database: the address and the venue stay kept from the father."""
    with sqlite_workspace.context() as ctx:
        scenario = build_separate_sessions(ctx)
        network.add_agency(ctx, ctx.session.exec(select(Case.id).where(
            Case.reference == scenario.reference)).one(), {"name": "Exampleton Refuge", "sensitive": True})
    father = str(scenario.father)
    for what, subject in (("address", ["--of", str(scenario.mother)]), ("venue", ["--meeting", str(scenario.main)])):
        kept = runner.invoke(app, ["--db", sqlite_url, "network", "confidential", "set", "--case", scenario.reference,
                                   "--what", what, *subject, "--from", father])
        assert kept.exit_code == 0, kept.output
    before = runner.invoke(app, ["--db", sqlite_url, "network", "confidential", "list", "--case", scenario.reference])
    assert "kept from Dan Penhallow" in before.stdout
    path = tmp_path / "case.json"
    assert runner.invoke(app, ["--db", sqlite_url, "export", "--case", scenario.reference, "-o", str(path)]
                         ).exit_code == 0
    target = tmp_path / "target.sqlite3"
    imported = runner.invoke(app, ["--db", str(target), "import", str(path)])
    assert imported.exit_code == 0, imported.output

    after = runner.invoke(app, ["--db", str(target), "network", "confidential", "list", "--case", scenario.reference])
    assert after.exit_code == 0, after.output
    assert _without_ids(after.stdout) == _without_ids(before.stdout)
    assert len(after.stdout.splitlines()) == 2
    new_father = next(p["person_id"] for p in json.loads(runner.invoke(app, [
        "--db", str(target), "network", "list", "--case", scenario.reference, "--format", "json"]).stdout)
        if p["name"] == "Dan Penhallow")
    his_copy = runner.invoke(app, ["--db", str(target), "network", "list", "--case", scenario.reference,
                                   "--for", str(new_father), "--format", "json"])
    assert his_copy.exit_code == 0, his_copy.output
    assert "Ruth Penhallow" in his_copy.stdout and MOTHER_HOME not in his_copy.stdout
    again = json.loads(runner.invoke(app, ["--db", str(target), "export", "--case", scenario.reference]).stdout)
    assert [(a["name"], a["sensitive"]) for a in again["agencies"]] == [("Exampleton Refuge", True)]
    assert sorted(k["fact"] for k in again["confidential_from"]) == ["address", "venue"]


def test_a_kept_fact_must_name_what_it_keeps_and_from_whom(sqlite_workspace, sqlite_url, tmp_path):
    with sqlite_workspace.context() as ctx:
        document = case_file.export_case(ctx, build_full_case(ctx).id)
    father = document["network"][1]["person_id"]
    document["confidential_from"] = [{"fact": "venue", "person_id": father, "hidden_from_person_id": father},
                                     {"fact": "address", "person_id": father, "hidden_from_person_id": 404},
                                     {"fact": "address", "person_id": father, "hidden_from_person_id": father}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = _fgdm("--db", sqlite_url, "import", str(bad))
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert "  $.confidential_from[0]: a venue or time kept from someone needs meeting_id (which meeting) and no " \
           "person_id" in lines
    assert "  $.confidential_from[1].hidden_from_person_id: no person with id 404 in this file" in lines
    assert "  $.confidential_from[2].hidden_from_person_id: a person's own address cannot be kept from them" in lines
