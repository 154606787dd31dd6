"""Every public service function enforces access: proven by calling each one as someone who may not.

The test enumerates the functions (every public function of a `fgdm.services` module whose first parameter is
`ctx`), so a new service function fails here until it is given a way to be called. A coordinator with no
cases allocated or shared ("the stranger") calls each with ids from a case they may not open, and must get
PermissionDenied; service-wide work (reports, backups, retention, staff settings) is refused to coordinators.
A few functions are by design open to every member of staff or scoped to what the actor may see: for those
the test proves the stranger sees nothing of the case.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

import fgdm.services
from fgdm import demo
from fgdm.domain.enums import DocumentKind
from fgdm.models import (
    Agency,
    BestInterestsException,
    Case,
    CaseChild,
    CaseDocument,
    FamilyPlan,
    FgdmOffer,
    Meeting,
    NetworkMember,
    PlanAction,
    PlanQuestion,
    PreProceedingsEpisode,
    Relationship,
    SupportItem,
    Venue,
)
from fgdm.services import notes, records, reports
from fgdm.services.shared.errors import PermissionDenied
from tests.factories import make_staff

# The access checks themselves, and helpers that take a record a caller has already checked.
NOT_ENTRY_POINTS = {
    "access.can_open", "access.can_change", "access.case_for_read", "access.case_for_write",
    "access.require_role", "access.require_coordinator", "access.visible_case_filter",
    "cases.stage_before_closing", "cases.next_reference",
    "meetings.warnings_for", "meetings.enforce", "meetings.answer", "meetings.held_warnings", "cases.child_records",
    "network.member_history",
    "letters.default_letter_path", "network.default_map_path", "network.manager_to_ask", "network.check_may_link",
    "reports.summary_document",  # lays out a return already read by `write_summary`, which checks the role
}

# Open to every member of staff: reference lists with no family's data in them.
OPEN_TO_STAFF = {
    "staff.list_staff": "staff names are needed to allocate and refer",
    "staff.staff_ids": "staff are named by id or username to invite them",
    "meetings.list_venues": "venues are the service's, not a family's",
    "meetings.get_venue": "venues are the service's, not a family's",
    "support.categories": "the kinds of support are the council's settings, not a family's",
    "settings.list_settings": "the council's policy is the service's, not a family's",
}

# Creating something new (not in anyone's case yet) is for coordinators and above: a referrer is refused.
COORDINATOR_WORK = {"cases.create_case", "case_file.import_case_files", "meetings.add_venue", "meetings.update_venue"}

# Scoped: they answer for the cases the actor may open, so the stranger must see nothing of the case.
SCOPED = {
    "cases.list_cases", "home.cases_by_stage", "home.stage_cases", "home.upcoming_meetings", "home.duty_not_met",
    "home.needs_action",
    "home.home", "meetings.upcoming_with_gaps", "meetings.diary", "meetings.diary_ics",
    "follow_ups.due_follow_ups", "network.find_duplicates", "home.my_week",
}


def public_service_functions() -> dict[str, Callable[..., Any]]:
    found = {}
    for module_info in pkgutil.walk_packages(fgdm.services.__path__, "fgdm.services."):
        module = importlib.import_module(module_info.name)
        parts = module_info.name.split(".")
        feature = parts[-1] if parts[2] == "shared" else parts[2]
        for name, function in vars(module).items():
            if (inspect.isfunction(function) and function.__module__ == module.__name__
                    and not name.startswith("_") and list(inspect.signature(function).parameters)[:1] == ["ctx"]):
                found[f"{feature}.{name}"] = function
    return found


def _first(ctx, query):  # type: ignore[no-untyped-def]
    return ctx.session.exec(query.limit(1)).first()


@pytest.fixture
def world(ctx, tmp_path):  # type: ignore[no-untyped-def]
    """A demo service, one rich case in it, and arguments that point into that case."""
    demo.generate_service(ctx, seed=11, cases=14)
    plan = _first(ctx, select(FamilyPlan).where(
        FamilyPlan.id.in_(select(PlanAction.plan_id)), FamilyPlan.id.in_(select(PlanQuestion.plan_id)),
        FamilyPlan.case_id.in_(select(SupportItem.case_id)), FamilyPlan.case_id.in_(select(FgdmOffer.case_id)),
        FamilyPlan.case_id.in_(select(Agency.case_id))))
    assert plan is not None, "the demo data has a case with every kind of record"
    case = ctx.session.get(Case, plan.case_id)
    member = _first(ctx, select(NetworkMember).where(NetworkMember.case_id == case.id))
    child = _first(ctx, select(CaseChild).where(CaseChild.case_id == case.id))
    relationship = _first(ctx, select(Relationship).where(Relationship.from_person_id == member.person_id)) or \
        _first(ctx, select(Relationship).where(Relationship.from_person_id.in_(
            select(NetworkMember.person_id).where(NetworkMember.case_id == case.id))))
    other_member = _first(ctx, select(NetworkMember).where(NetworkMember.case_id == case.id,
                                                            NetworkMember.id != member.id))
    exception = _first(ctx, select(BestInterestsException))
    period = reports.choose_period(quarter="2026-Q2", today=ctx.today())
    stranger = make_staff(ctx, "stranger", role="coordinator", name="Sam Stranger")
    make_staff(ctx, "referrer", role="referrer", name="Rhys Referrer")
    values: dict[str, Any] = {
        "case_id": case.id, "case_ids": [case.id], "case": case, "reference": case.reference,
        "confirm_reference": case.reference,
        "meeting_id": _first(ctx, select(Meeting.id).where(Meeting.case_id == case.id)),
        "meeting": _first(ctx, select(Meeting).where(Meeting.case_id == case.id)),
        "plan_id": plan.id, "member_id": member.id, "member": member, "person_id": member.person_id,
        "keep_person_id": member.person_id, "merge_person_id": other_member.person_id,
        "action_id": _first(ctx, select(PlanAction.id).where(PlanAction.plan_id == plan.id)),
        "action": _first(ctx, select(PlanAction).where(PlanAction.plan_id == plan.id)),
        "question_id": _first(ctx, select(PlanQuestion.id).where(PlanQuestion.plan_id == plan.id)),
        "item_id": _first(ctx, select(SupportItem.id).where(SupportItem.case_id == case.id)),
        "offer_id": _first(ctx, select(FgdmOffer.id).where(FgdmOffer.case_id == case.id)),
        "exception_id": exception.id if exception else None,
        "agency_id": _first(ctx, select(Agency.id).where(Agency.case_id == case.id)),
        "relationship_id": relationship.id if relationship else None,
        "venue_id": _first(ctx, select(Venue.id)),
        "data": {}, "documents": [], "reason": "a reason", "detail": "detail", "doing": "test",
        "kind": "offer", "language": "en_GB", "target": "contacted", "status": "done", "response": "accepted",
        "quality": "close", "offset": 1, "on": date(2026, 11, 1), "consented_by": "Mother",
        "consented_on": date(2026, 11, 1), "attendance": {}, "overrides": {}, "answers": {}, "wording": {},
        "shareable": False,
        "period": period, "measure_id": "offers_made", "fmt": "csv", "quarter": "2026-Q2", "year": 2026,
        "report": reports.quarterly_return(ctx, period),
        "coordinator": "stranger", "first_day": date(2020, 1, 1), "last_day": date(2030, 1, 1),
        "path": tmp_path / "out.bin", "output": tmp_path / "out.docx", "out_dir": tmp_path / "out",
        "source": tmp_path / "missing.json", "roles": (), "username": "referrer",
        "staff_id": stranger.id, "keys": ["referrer", str(stranger.id)], "key": "meeting_target_weeks",
        "text": "9", "password": "a long first password",
        "episode_id": _first(ctx, select(PreProceedingsEpisode.id)), "case_child_id": child.id,
        "la_child_id": "X1", "found": reports.cin_module5(ctx, reports.census_year("2026-27")),
        "draft_id": records.draft_subject_access(ctx, member.person_id).id, "reviewed_by": "Priya Shah",
        "reviewed_on": None, "note": "Checked.", "fact": "address", "hidden_from": [other_member.person_id],
    }
    values["note_id"] = notes.add_note(ctx, case.id, {"who": "Aunt", "method": "phone", "agreed": "Will come"}).id
    with ctx.write() as session:
        document = CaseDocument(case_id=case.id, kind=DocumentKind.NETWORK_MAP, title="Network map",
                                path=str(tmp_path / "map.docx"), reprint='{"shareable": false}')
        session.add(document)
    values["document_id"] = document.id
    ctx.session.commit()
    # Functions whose case is named inside their data rather than by an id argument.
    overrides = {"follow_ups.record_outcome": {"data": {"case_child_id": child.id, "months_after": 3,
                                                      "living": "at_home"}},
                 "home.stage_cases": {"status": case.status}}
    return {"case": case, "child": child, "values": values, "stranger": stranger, "overrides": overrides}


def values_for(world: dict[str, Any], name: str) -> dict[str, Any]:
    return {**world["values"], **world["overrides"].get(name, {})}


def _call(function: Callable[..., Any], values: dict[str, Any], ctx: Any) -> Any:
    arguments: list[Any] = []
    keywords: dict[str, Any] = {}
    for parameter in list(inspect.signature(function).parameters.values())[1:]:
        if parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.name not in values:
            raise AssertionError(f"{function.__module__}.{function.__name__}: no test value for "
                                 f"'{parameter.name}'; add one to the world fixture")
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            keywords[parameter.name] = values[parameter.name]
        else:
            arguments.append(values[parameter.name])
    return function(ctx, *arguments, **keywords)


def test_every_public_function_is_classified():
    names = set(public_service_functions())
    stale = (NOT_ENTRY_POINTS | set(OPEN_TO_STAFF) | SCOPED | COORDINATOR_WORK) - names
    assert not stale, f"these no longer exist; remove them from the lists: {sorted(stale)}"


@pytest.mark.parametrize("name", sorted(set(public_service_functions()) - NOT_ENTRY_POINTS - set(OPEN_TO_STAFF)
                                        - COORDINATOR_WORK))
def test_a_coordinator_without_the_case_is_refused_or_sees_nothing(name, world, workspace):
    function = public_service_functions()[name]
    case = world["case"]
    with workspace.context("stranger") as stranger:
        if name in SCOPED:
            result = _call(function, values_for(world, name), stranger)
            shown = repr(result)
            assert case.reference not in shown and case.family_name not in shown, f"{name} leaked the case"
            return
        with pytest.raises(PermissionDenied):
            _call(function, values_for(world, name), stranger)
    assert not Path(world["values"]["output"]).exists(), f"{name} wrote a file for someone refused"


@pytest.mark.parametrize("name", sorted(COORDINATOR_WORK))
def test_a_referrer_may_not_do_coordinators_work(name, world, workspace):
    with workspace.context("referrer") as referrer, pytest.raises(PermissionDenied):
        _call(public_service_functions()[name], world["values"], referrer)


@pytest.mark.parametrize("name", sorted(OPEN_TO_STAFF))
def test_functions_open_to_staff_hold_no_family_data(name, world, workspace):
    with workspace.context("stranger") as stranger:
        shown = repr(_call(public_service_functions()[name], world["values"], stranger))
    assert world["case"].reference not in shown and world["case"].family_name not in shown
