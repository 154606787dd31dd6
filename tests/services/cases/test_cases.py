from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from fgdm.domain.enums import CaseStatus, ClosureReason
from fgdm.models import AuditEvent, Case
from fgdm.services import cases, meetings
from fgdm.services.shared.errors import Conflict, NotFound, ValidationFailed
from tests.factories import make_case, make_staff
from tests.meetings_support import schedule
from tests.statements import statements


def test_create_case_gives_a_reference_and_children(ctx):
    case = make_case(ctx, children=[{"given_name": "Zoë", "date_of_birth": "2019-03-02"},
                                    {"given_name": "Unborn", "due_date": "2027-01-10"}])
    assert case.reference == "FG-2026-0001"
    detail = cases.get_case(ctx, case.id)
    assert [child.name for child in detail.children] == ["Zoë Okafor", "Unborn Okafor"]
    assert detail.children[1].due_date == date(2027, 1, 10)
    assert make_case(ctx).reference == "FG-2026-0002"


def test_bad_case_names_every_field_and_saves_nothing(ctx):
    with pytest.raises(ValidationFailed) as caught:
        cases.create_case(ctx, {"family_name": "", "referral_date": "31/11/2026",
                                "children": [{"given_name": "Ada"}]})
    assert set(caught.value.errors) == {"family_name", "referral_date", "children.0.date_of_birth"}
    assert "DD/MM/YYYY" in caught.value.errors["referral_date"]
    assert ctx.session.exec(select(Case)).all() == []


def test_future_referral_is_refused_and_nothing_saved(ctx):
    with pytest.raises(ValidationFailed) as caught:
        make_case(ctx, referral_date="2027-01-01")
    assert "future" in caught.value.errors["referral_date"]
    assert ctx.session.exec(select(Case)).all() == []


def test_lifecycle_advance_close_reopen(ctx):
    case = make_case(ctx)
    for expected in (CaseStatus.PREPARING, CaseStatus.MEETING_HELD, CaseStatus.PLAN_AGREED, CaseStatus.REVIEWING):
        assert cases.advance_stage(ctx, case.id).status is expected
    with pytest.raises(ValidationFailed, match="close it with a reason"):
        cases.advance_stage(ctx, case.id)
    closed = cases.close_case(ctx, case.id, ClosureReason.PLAN_COMPLETED)
    assert closed.status is CaseStatus.CLOSED and closed.closed_on == date(2026, 11, 23)
    with pytest.raises(ValidationFailed, match="already closed"):
        cases.close_case(ctx, case.id, "other", "again")
    reopened = cases.reopen_case(ctx, case.id)
    assert reopened.status is CaseStatus.REVIEWING
    assert reopened.closure_reason is None


def test_close_with_other_needs_a_note(ctx):
    case = make_case(ctx)
    with pytest.raises(ValidationFailed) as caught:
        cases.close_case(ctx, case.id, "other")
    assert "closure_note" in caught.value.errors
    with pytest.raises(ValidationFailed, match="choose one of"):
        cases.close_case(ctx, case.id, "bored")


def test_update_with_stale_version_reports_both_values(ctx):
    case = make_case(ctx)
    opened_version = case.version
    cases.update_case(ctx, case.id, {"family_name": "Okafor-Smith"}, expected_version=opened_version)
    with pytest.raises(Conflict) as caught:
        cases.update_case(ctx, case.id, {"family_name": "Okafor-Jones"}, expected_version=opened_version)
    assert caught.value.differences["family_name"] == ("Okafor-Smith", "Okafor-Jones")
    assert cases.get_case(ctx, case.id).case.family_name == "Okafor-Smith"


@pytest.mark.parametrize("name", ["O'Brien", "Nguyễn", "محمد", "{{ 7*7 }}", "'; DROP TABLE person; --", "Ama 🌻"])
def test_search_finds_any_name_exactly(ctx, name):
    make_case(ctx, family_name="Other")
    case = make_case(ctx, children=[{"given_name": name, "date_of_birth": "2020-01-01"}])
    page = cases.list_cases(ctx, search=name)
    assert [row.id for row in page.rows] == [case.id]
    assert name in page.rows[0].children


def test_search_treats_percent_and_underscore_literally(ctx):
    make_case(ctx, family_name="Smith")
    assert cases.list_cases(ctx, search="%").total == 0
    assert cases.list_cases(ctx, search="_").total == 0


def test_filters_and_sorting(ctx):
    first = make_case(ctx, family_name="Brown")
    second = make_case(ctx, family_name="Adams")
    cases.advance_stage(ctx, second.id)
    assert [r.family_name for r in cases.list_cases(ctx, sort="family_name").rows] == ["Adams", "Brown"]
    assert [r.id for r in cases.list_cases(ctx, status=CaseStatus.PREPARING).rows] == [second.id]
    assert cases.list_cases(ctx, sort="reference", descending=True).rows[0].id == second.id
    assert first.id != second.id


def test_every_change_is_audited_in_the_same_transaction(ctx):
    case = make_case(ctx)
    cases.update_case(ctx, case.id, {"lbp_date": "2026-11-01"})
    events = ctx.session.exec(select(AuditEvent).where(AuditEvent.case_id == case.id)).all()
    assert any('"lbp_date": [null, "2026-11-01"]' in event.changes for event in events)
    assert {event.actor for event in events} == {"owner"}


def test_find_case_by_unknown_reference(ctx):
    with pytest.raises(NotFound, match="fgdm cases"):
        cases.find_case(ctx, "FG-1999-0001")


def test_timescale_warning_after_eight_weeks(ctx):
    case = make_case(ctx, referral_date="2026-08-01")
    warnings = cases.get_case(ctx, case.id).warnings
    assert [w.code for w in warnings] == ["meeting_overdue", "baseline_overdue"]


def test_the_heading_reads_its_meetings_staff_and_children_in_two_queries(ctx, workspace):
    """Every tab and the heading open the case: its detail must not cost a query per fact."""
    coordinator = make_staff(ctx, "cdavies", name="Cerys Davies")
    referrer = make_staff(ctx, "rhys", role="referrer", name="Rhys Referrer")
    case = make_case(ctx, referral_date="2026-08-01", coordinator_id=coordinator.id, referrer_id=referrer.id)
    baseline = schedule(ctx, case, kind="baseline", day="2026-11-24", start="09:00", end="10:00")
    with workspace.context("cdavies") as fresh, statements(fresh) as read:
        detail = cases.get_case(fresh, case.id)
    assert len(read) == 2                                   # the case with its staff and meetings; the children
    assert (detail.coordinator.name, detail.referrer.name) == ("Cerys Davies", "Rhys Referrer")
    assert [w.code for w in detail.warnings] == ["meeting_overdue"]
    held = schedule(ctx, case, day="2026-11-25", overrides={"fgdm_meeting_late": "Family asked for later"})
    meetings.mark_held(ctx, baseline.id, held_on="2026-11-20")
    meetings.mark_held(ctx, held.id, held_on="2026-11-23")
    assert cases.get_case(ctx, case.id).warnings == []


def test_children_added_edited_and_removed_on_either_database(ctx):
    case = make_case(ctx, family_name="Nowak")
    with pytest.raises(ValidationFailed) as caught:
        cases.add_child(ctx, case.id, {"given_name": "Zofia", "date_of_birth": "2099-01-01"})
    assert caught.value.errors == {"date_of_birth": "cannot be in the future (1 January 2099): give the day the "
                                                    "child was born, or a due date for a baby not yet born"}
    with pytest.raises(ValidationFailed) as caught:
        cases.add_child(ctx, case.id, {"given_name": "Zofia", "date_of_birth": "2020-01-01",
                                       "due_date": "2027-01-01"})
    assert "not both" in str(caught.value)
    zofia = cases.add_child(ctx, case.id, {"given_name": "Zofia", "due_date": "2027-09-23"})   # 10 months ahead
    with pytest.raises(ValidationFailed, match="more than 10 months away"):
        cases.update_child(ctx, zofia.id, {"due_date": "2027-09-24"})
    cases.update_child(ctx, zofia.id, {"date_of_birth": "2026-11-20", "legal_status": "child_in_need"})
    shown = {child.name: child for child in cases.children_of(ctx, case.id)}["Zofia Nowak"]
    assert (shown.date_of_birth, shown.due_date, shown.legal_status.value) == (date(2026, 11, 20), None,
                                                                               "child_in_need")
    assert [row.reference for row in cases.list_cases(ctx, search="zofia").rows] == [case.reference]
    assert cases.remove_child(ctx, zofia.id, expected_version=shown.version) == "Zofia Nowak"
    assert [child.name for child in cases.children_of(ctx, case.id)] == ["Ada Nowak"]
    assert cases.list_cases(ctx, search="zofia").rows == []
    only = cases.children_of(ctx, case.id)[0]
    with pytest.raises(ValidationFailed, match="only child"):
        cases.remove_child(ctx, only.case_child_id)
    actions = ctx.session.exec(select(AuditEvent.action).where(AuditEvent.table_name == "case_child")).all()
    assert actions == ["create", "create", "update", "delete"]
