"""`fgdm plan` and `fgdm support`, run as a script would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.services.shared.context import Workspace
from tests.factories import make_case
from tests.services.plans.test_plans_fixtures import add_member, hold_meeting

runner = CliRunner()


def _run(url: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", url, *args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.stdout


def test_plan_from_first_draft_to_printed_review(sqlite_workspace: Workspace, sqlite_url: str,
                                                 tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, family_name="Llywelyn", language="cy")
        aunt = add_member(ctx, case.id, "Siân", "Llywelyn")
        hold_meeting(ctx, case.id, held_on=date(2026, 11, 20), attended=[aunt])
    ref = case.reference
    _run(sqlite_url, "plan", "start", "--case", ref)
    _run(sqlite_url, "plan", "set", "--case", ref, "--plan-lead-member", str(aunt.id), "--review-date",
         "2027-02-15", "--child-views", "Dw i eisiau aros gyda Nain")
    _run(sqlite_url, "plan", "add-question", "--case", ref, "--question", "Where will Ada live?")
    _run(sqlite_url, "plan", "add-question", "--case", ref, "--question", "Any pets?")
    _run(sqlite_url, "plan", "answer", "--case", ref, "--question", "1", "--answer", "With Siân")
    _run(sqlite_url, "plan", "reword", "--case", ref, "--question", "1", "--text", "Where will Ada live in the week?")
    _run(sqlite_url, "plan", "reword", "--case", ref, "--question", "2", "--text", "")
    for what in ("First", "Second", "Third"):
        _run(sqlite_url, "plan", "add-action", "--case", ref, "--who", "Siân", "--what", what, "--by", "2026-12-01")
    _run(sqlite_url, "plan", "duplicate-action", "--case", ref, "--action", "1")
    _run(sqlite_url, "plan", "move-action", "--case", ref, "--action", "4", "--by", "-3")
    _run(sqlite_url, "plan", "remove-action", "--case", ref, "--action", "2")
    _run(sqlite_url, "plan", "agree", "--case", ref, "--by", "Sam Adeyemi", "--on", "2026-11-21")
    shown = json.loads(_run(sqlite_url, "plan", "show", "--case", ref, "--format", "json"))
    assert [a["what"] for a in shown["actions"]] == ["Third", "First", "Second"]
    assert (shown["status"], shown["decision_by"], shown["plan_lead"]) == ("agreed", "Sam Adeyemi", "Siân Llywelyn")
    assert shown["questions"] == [{"question": "Where will Ada live in the week?", "answer": "With Siân"}]

    _run(sqlite_url, "plan", "sent", "--case", ref, "--everyone-who-took-part", "--to-member", str(aunt.id),
         "--to", "Ysgol Gynradd", "--method", "email")
    sent_to = _run(sqlite_url, "plan", "sent-list", "--case", ref)
    assert (sent_to.count("Siân Llywelyn"), sent_to.count("Ysgol Gynradd")) == (1, 1)

    _run(sqlite_url, "plan", "start", "--case", ref)
    _run(sqlite_url, "plan", "done", "--case", ref, "--action", "2")
    review = json.loads(_run(sqlite_url, "plan", "show", "--case", ref, "--format", "json"))
    assert (review["version"], review["changes"]["done"]) == (2, ["First"])
    assert "Agreed" in _run(sqlite_url, "plan", "versions", "--case", ref)

    out = tmp_path / "cynllun.docx"
    printed = _run(sqlite_url, "plan", "print", "--case", ref, "--version", "1", "-o", str(out))
    assert printed.strip() == str(out)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Cynllun teulu" in text and "Dw i eisiau aros gyda Nain" in text


def test_support_commands_and_budget(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        hold_meeting(ctx, case.id)
    ref = case.reference
    weekly = _run(sqlite_url, "support", "add", "--case", ref, "--category", "childcare", "--description",
                  "After-school club", "--amount", "33.33", "--frequency", "weekly", "--start", "2026-10-01",
                  "--end", "2026-12-31").strip()
    bed = _run(sqlite_url, "support", "add", "--case", ref, "--category", "beds_and_furniture", "--description",
               "Bunk bed", "--amount", "250", "--start", "2026-11-02").strip()
    _run(sqlite_url, "support", "approve", "--case", ref, "--item", weekly)
    _run(sqlite_url, "support", "approve", "--case", ref, "--item", bed)
    _run(sqlite_url, "support", "decline", "--case", ref, "--item", bed, "--reason", "A charity gave one")
    listed = json.loads(_run(sqlite_url, "support", "list", "--case", ref, "--format", "json"))
    assert [(i["status"], i["total"]) for i in listed["items"]] == [("approved", "466.62"), ("declined", "250.00")]
    assert listed["totals"]["approved"] == "466.62"
    budget = json.loads(_run(sqlite_url, "support", "budget", "--quarter", "2026-Q3", "--format", "json"))
    assert (budget["approved"], budget["first_day"], budget["remaining"]) == ("466.62", "2026-10-01", "24533.38")
    assert budget["categories"] == [{"category": "Childcare", "approved": "466.62", "paid": "0.00",
                                     "requested": "0.00"}]
    assert "£466.62" in _run(sqlite_url, "support", "budget", "--quarter", "2026-Q3")
    offered = json.loads(_run(sqlite_url, "support", "categories", "--format", "json"))
    assert offered[0] == {"code": "travel", "label": "Travel"} and len(offered) == 11


def test_errors_are_one_line_and_change_nothing(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
    result = subprocess.run([sys.executable, "-m", "fgdm", "--db", sqlite_url, "support", "add", "--case",
                             case.reference, "--category", "travel", "--description", "Bus", "--amount", "1.234"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["fgdm: Amount: Give pounds and pence only, for example 33.33."]
    missing = subprocess.run([sys.executable, "-m", "fgdm", "--db", sqlite_url, "plan", "show", "--case",
                              case.reference], capture_output=True, text=True, check=False)
    assert missing.returncode == 1
    assert "has no plan yet; start one with `fgdm plan start`" in missing.stderr
