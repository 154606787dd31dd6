"""`fgdm child`: a second child added later, an unborn baby, a birth recorded, a mistake removed; and every rule
that reads the children (the duty, the quarterly counts, the printed plan) reads the new child too.

The command line runs on the real clock, so the dates are counted from today.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import docx
from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.services import cases, network, offers
from fgdm.services.shared.context import Workspace
from tests.factories import make_case, make_staff
from tests.services.plans.test_plans_fixtures import hold_meeting

runner = CliRunner()


def _run(url: str, *args: str, code: int = 0, given: str | None = None) -> str:
    result = runner.invoke(app, ["--db", url, *args], input=given)
    assert result.exit_code == code, result.output + repr(result.exception)
    return result.stdout if code == 0 else result.stderr


def _names(workspace: Workspace, case_id: int) -> list[str]:
    with workspace.context() as ctx:
        return [child.name for child in cases.children_of(ctx, case_id)]


def test_a_child_added_later_is_in_the_duty_the_counts_and_the_plan(sqlite_workspace: Workspace, sqlite_url: str,
                                                                    tmp_path: Path) -> None:
    today = date.today()
    lbp = today - timedelta(days=3)
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, family_name="Kowalska", lbp_date=lbp.isoformat(),
                         referral_date=(today - timedelta(days=20)).isoformat())
    ref = case.reference
    said = _run(sqlite_url, "network", "add", "--case", ref, "--given-name", "Marta", "--relationship", "Mother",
                "--side", "maternal", "--parent", "--pr")
    member_id = said.rsplit("member ", 1)[1].rstrip(".\n")
    person_id = json.loads(_run(sqlite_url, "network", "list", "--case", ref, "--format", "json"))[0]["person_id"]
    assert member_id
    _run(sqlite_url, "offer", "record", "--case", ref, "--to", str(person_id), "--on", lbp.isoformat())
    counted = ["report", "quarterly", "--from", lbp.isoformat(), "--to", lbp.isoformat(), "--offer-unit",
               "children", "--format", "json"]
    before = {m["id"]: m["value"] for m in json.loads(_run(sqlite_url, *counted))["measures"]}
    assert before["offers_made"] == 1

    due = today + timedelta(days=60)
    added = _run(sqlite_url, "child", "add", "--case", ref, "--given-name", "Bartek", "--due",
                 due.strftime("%d/%m/%Y"), "--legal-status", "pre_proceedings")
    assert added.startswith("Added Bartek Kowalska (due ") and f"to {ref} as child" in added
    assert _names(sqlite_workspace, case.id) == ["Ada Kowalska", "Bartek Kowalska"]

    duty = json.loads(_run(sqlite_url, "duty", "--case", ref, "--format", "json"))
    assert [status["child"] for status in duty] == ["Ada Kowalska", "Bartek Kowalska"]
    assert duty[0]["state"] == duty[1]["state"]
    after = {m["id"]: m["value"] for m in json.loads(_run(sqlite_url, *counted))["measures"]}
    assert after["offers_made"] == 2                            # the offer counted once for each child

    _run(sqlite_url, "child", "edit", "Bartek", "--case", ref, "--dob", (today - timedelta(days=1)).isoformat())
    listed = json.loads(_run(sqlite_url, "child", "list", "--case", ref, "--format", "json"))
    assert (listed[1]["date_of_birth"], listed[1]["due_date"]) == ((today - timedelta(days=1)).isoformat(), None)

    with sqlite_workspace.context() as ctx:
        hold_meeting(ctx, case.id, held_on=today - timedelta(days=1))
    _run(sqlite_url, "plan", "start", "--case", ref)
    out = tmp_path / "plan.docx"
    _run(sqlite_url, "plan", "print", "--case", ref, "-o", str(out))
    document = docx.Document(str(out))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert "Ada Kowalska" in text and "Bartek Kowalska" in text


def test_dates_that_cannot_be_right_are_refused_in_one_sentence(sqlite_workspace: Workspace,
                                                                sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
    ref = case.reference
    said = _run(sqlite_url, "child", "add", "--case", ref, "--given-name", "Zofia", "--dob", "01/01/2099", code=1)
    assert said == ("fgdm: Date of birth cannot be in the future (1 January 2099): give the day the child was "
                    "born, or a due date for a baby not yet born. Nothing was changed.\n")
    far = date.today() + timedelta(days=330)
    said = _run(sqlite_url, "child", "add", "--case", ref, "--given-name", "Zofia", "--due", far.isoformat(), code=1)
    assert said.startswith("fgdm: Due date is more than 10 months away (")
    said = _run(sqlite_url, "child", "add", "--case", ref, "--given-name", "Zofia", "--due", "2020-01-01", code=1)
    assert said.startswith("fgdm: Due date has passed (1 January 2020): once the baby is born, give the date")
    said = _run(sqlite_url, "child", "add", "--case", ref, "--given-name", "Zofia", "--dob", "31/02/2020", code=1)
    assert "Date of birth “31/02/2020” is not a date fgdm can read: write it as DD/MM/YYYY" in said
    assert _names(sqlite_workspace, case.id) == ["Ada Okafor"]


def test_removing_asks_first_and_keeps_a_child_with_records(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
    ref = case.reference
    said = _run(sqlite_url, "child", "remove", "Ada", "--case", ref, "--yes", code=1)
    assert "Ada Okafor is the only child on case" in said and "close the case instead" in said

    _run(sqlite_url, "child", "add", "--case", ref, "--given-name", "Ben", "--dob", "2020-02-02")
    asked = runner.invoke(app, ["--db", sqlite_url, "child", "remove", "Ben", "--case", ref], input="n\n")
    assert asked.exit_code == 1 and "Remove Ben Okafor (born 2 February 2020)" in asked.output
    assert _names(sqlite_workspace, case.id) == ["Ada Okafor", "Ben Okafor"]
    assert _run(sqlite_url, "child", "remove", "Ben", "--case", ref, given="y\n").endswith(
        f"Removed Ben Okafor from {ref}.\n")
    assert _names(sqlite_workspace, case.id) == ["Ada Okafor"]
    history = _run(sqlite_url, "audit", "--case", ref)
    assert "added child" in history and "removed child" in history

    _run(sqlite_url, "child", "add", "--case", ref, "--given-name", "Cara", "--dob", "2021-03-03")
    with sqlite_workspace.context() as ctx:
        cara = next(c for c in cases.children_of(ctx, case.id) if c.given_name == "Cara")
        offers.record_episode(ctx, case.id, {"case_child_id": cara.case_child_id, "pp_start_date": "2026-10-01"})
    said = _run(sqlite_url, "child", "remove", "Cara", "--case", ref, "--yes", code=1)
    assert "Cara Okafor cannot be removed: the case has 1 pre-proceedings episode about them" in said


def test_a_sibling_added_with_their_parents_is_in_the_duty_and_the_offer_letter(sqlite_workspace: Workspace,
                                                                               sqlite_url: str,
                                                                               tmp_path: Path) -> None:
    """Where the network records whose child each child is, --parent says it for the new child: the duty is
    judged from their own parents, and the parents' offer letter names them."""
    with sqlite_workspace.context() as ctx:
        coordinator = make_staff(ctx, "cdavies", name="Cerys Davies", email="cerys@example.org")
        case = make_case(ctx, family_name="Evans", lbp_date=(date.today() - timedelta(days=2)).isoformat(),
                         referral_date=(date.today() - timedelta(days=20)).isoformat(), coordinator_id=coordinator.id)
        mother = network.add_member(ctx, case.id, {"given_name": "Nia", "family_name": "Evans",
                                                   "relationship_to_child": "Mother",
                                                   "is_parent": True, "parental_responsibility": True,
                                                   "address": "1 Heol y Bryn, Exampleton EX1 1AA"})
        ada = cases.children_of(ctx, case.id)[0]
        network.add_relationship(ctx, case.id, {"from_person_id": mother.person_id, "to_person_id": ada.person_id,
                                                "kind": "parent_of"})
    ref = case.reference
    said = _run(sqlite_url, "child", "add", "--case", ref, "--given-name", "Osian", "--dob", "2024-06-01",
                "--parent", str(mother.person_id), "--legal-status", "pre_proceedings")
    assert "(born 1 June 2024, child of Nia Evans)" in said
    orphan = _run(sqlite_url, "child", "add", "--case", ref, "--given-name", "Ifan", "--dob", "2023-01-01")
    assert "Ifan Evans" in orphan
    duty = {status["child"]: status for status in json.loads(_run(sqlite_url, "duty", "--case", ref, "--format",
                                                                  "json"))}
    assert duty["Osian Evans"]["state"] == duty["Ada Evans"]["state"]
    assert "no parent or holder of parental responsibility is recorded" in duty["Ifan Evans"]["reason"]
    out = tmp_path / "offer.docx"
    _run(sqlite_url, "letter", "offer", "--case", ref, "--to", str(mother.person_id), "-o", str(out))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Ada Evans and Osian Evans" in text and "Ifan" not in text
