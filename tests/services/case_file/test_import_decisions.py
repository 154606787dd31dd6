"""A case file's decisions (approvals, payments, agreed plans, offer answers, best-interests decisions) are
taken as records only from an administrator who asks for it; anyone else's import brings them in undecided."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from fgdm.domain.enums import OfferResponse, PlanStatus, SupportStatus
from fgdm.models import FamilyPlan, FgdmOffer, SupportItem
from fgdm.services import case_file
from fgdm.services.case_file._decisions import as_requests
from fgdm.services.shared.errors import PermissionDenied
from tests.factories import make_staff

EXAMPLE = json.loads((Path(__file__).parents[3] / "docs" / "case-file.md").read_text(encoding="utf-8")
                     .split("```json\n", 1)[1].split("```", 1)[0])


def forged() -> dict[str, Any]:
    """The attack as found: a support item "paid", approved by a manager, in a file a coordinator imports."""
    document = copy.deepcopy(EXAMPLE)
    item = document["support"][0]
    item.update({"status": "paid", "amount": "99999.99", "approved_on": "2026-10-22", "paid_on": "2026-10-23"})
    item["approved_by"] = "mani"  # a manager on file, whom the file need not list
    return document


def on_file(ctx, *people: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    make_staff(ctx, "mani", "manager", name="Mani Patel")
    for username, role in people:
        make_staff(ctx, username, role)


def test_a_coordinators_import_brings_a_paid_item_in_as_a_request_and_says_so(workspace):
    document = forged()
    assert document["plans"][0]["status"] == "agreed" and document["offers"][0]["response"] == "accepted"
    with workspace.context() as owner:
        on_file(owner, ("coord", "coordinator"))
    with workspace.context("coord") as ctx:
        result = case_file.import_case_files(ctx, [document])
        item = ctx.session.exec(select(SupportItem)).one()
        assert (item.status, item.approved_by_id, item.approved_on, item.paid_on) == (
            SupportStatus.REQUESTED, None, None, None)
        assert str(item.amount) == "99999.99"
        assert ctx.session.exec(select(FamilyPlan.status)).all() == [PlanStatus.DRAFT]
        assert {offer.response for offer in ctx.session.exec(select(FgdmOffer))} == {OfferResponse.PENDING}
    assert result.undecided["support approvals and payments are now requests"] == 1
    assert result.undecided["the latest plan version is now a draft for the referrer to decide"] == 1
    assert result.undecided["offer answers are now awaiting an answer"] == len(document["offers"])


def test_only_an_administrator_imports_decisions_as_records(workspace):
    with workspace.context() as owner:
        on_file(owner, ("coord", "coordinator"), ("admin", "administrator"))
    with workspace.context("coord") as ctx, pytest.raises(PermissionDenied, match="administrator"):
        case_file.import_case_files(ctx, [forged()], as_records=True)
    with workspace.context("admin") as ctx:
        result = case_file.import_case_files(ctx, [forged()], as_records=True)
        assert ctx.session.exec(select(SupportItem.status)).one() is SupportStatus.PAID
        assert ctx.session.exec(select(FamilyPlan.status)).one() is PlanStatus.AGREED
    assert result.undecided == {}


def test_best_interests_decisions_and_earlier_plan_versions_are_left_out_with_their_references():
    document = {"plans": [{"id": 1, "version_no": 1, "status": "agreed", "decision_by": "Referrer",
                           "actions": [{"id": 11}]},
                          {"id": 2, "version_no": 2, "status": "not_agreed", "based_on_id": 1,
                           "not_agreed_reason": "unsafe", "actions": [{"id": 21, "carried_from_id": 11}]}],
                "support": [{"status": "declined", "plan_action_id": 11}],
                "exceptions": [{"scope": "offer", "decided_by": "Someone"}]}
    changed, counts = as_requests(document)
    assert changed["plans"] == [{"id": 2, "version_no": 1, "status": "draft", "based_on_id": None,
                                 "actions": [{"id": 21, "carried_from_id": None}]}]
    assert changed["support"] == [{"status": "declined", "plan_action_id": None}]
    assert changed["exceptions"] == []
    assert counts == {"the latest plan version is now a draft for the referrer to decide": 1,
                      "earlier plan versions were left out with their decisions": 1,
                      "best-interests decisions were left out, for a manager to record": 1}
    assert document["plans"][0]["status"] == "agreed"  # the file read is left as it was


def test_the_command_line_says_what_arrived_undecided(tmp_path):
    path = tmp_path / "case.json"
    document = forged()
    document["support"][0].pop("approved_by")
    path.write_text(json.dumps(document), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "fgdm", "--db", str(tmp_path / "fgdm.sqlite3"), "import", str(path)],
                         capture_output=True, text=True, check=False,
                         env={"FGDM_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert ("Decisions in the files were not taken as records (an administrator can, with --as-records): "
            "support approvals and payments are now requests (1)") in run.stderr
