"""Offers, answers, best-interests decisions and the care application, through the services."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from fgdm.domain.duty import DutyState
from fgdm.domain.enums import MeetingKind, MeetingStatus, OfferResponse
from fgdm.models import Case, Meeting, NetworkMember
from fgdm.services import cases, network, offers
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import Conflict, ValidationFailed
from tests.factories import make_case
from tests.statements import statements


def add_member(ctx: ServiceContext, case: Case, given: str, family: str = "Okafor", **fields: Any) -> NetworkMember:
    """A network member added through the network service, as the coordinator would."""
    return network.add_member(ctx, case.id, {"given_name": given, "family_name": family, **fields},
                              allow_duplicate=True)


def hold_meeting(ctx: ServiceContext, case: Case, held_on: date) -> Meeting:
    with ctx.write() as session:
        meeting = Meeting(case_id=case.id, kind=MeetingKind.FGDM_MEETING, status=MeetingStatus.HELD,
                          starts_at=datetime(held_on.year, held_on.month, held_on.day, 10, tzinfo=UTC),
                          ends_at=datetime(held_on.year, held_on.month, held_on.day, 13, tzinfo=UTC),
                          held_on=held_on, ical_uid=f"{uuid.uuid4()}@fgdm")
        session.add(meeting)
    return meeting


@pytest.fixture
def family(ctx: ServiceContext) -> tuple[Case, NetworkMember, NetworkMember]:
    case = make_case(ctx, lbp_date="2026-11-02")
    mother = add_member(ctx, case, "Grace", is_parent=True, parental_responsibility=True)
    father = add_member(ctx, case, "Seán", "O'Brien", is_parent=True, not_to_be_told=True)
    add_member(ctx, case, "Auntie", relationship_to_child="aunt")
    return case, mother, father


def test_duty_moves_from_pending_to_met_as_offers_and_answers_are_recorded(ctx, family) -> None:
    case, mother, father = family
    [status] = offers.duty_status(ctx, case.id)
    assert status.state is DutyState.PENDING
    assert len(status.missing) == 2 and status.next_due is None
    first = offers.record_offer(ctx, case.id, {"network_member_id": mother.id, "offered_on": "2026-11-02"})
    second = offers.record_offer(ctx, case.id, {"network_member_id": father.id, "offered_on": "2026-11-02"})
    [status] = offers.duty_status(ctx, case.id)
    assert status.state is DutyState.PENDING and status.next_due == date(2026, 11, 9)
    offers.record_response(ctx, first.id, "declined", on=date(2026, 11, 5))
    offers.record_response(ctx, second.id, "accepted", on=date(2026, 11, 6))
    [status] = offers.duty_status(ctx, case.id)
    assert status.state is DutyState.PENDING and status.accepted_by == ["Seán O'Brien"]
    hold_meeting(ctx, case, date(2026, 11, 19))
    offers.record_care_application(ctx, case.id, date(2026, 11, 20))
    [status] = offers.duty_status(ctx, case.id)
    assert status.state is DutyState.MET, status.reason
    assert "19 November 2026" in status.reason


def test_application_before_the_meeting_is_a_breach(ctx, family) -> None:
    case, mother, father = family
    for member in (mother, father):
        offer = offers.record_offer(ctx, case.id, {"network_member_id": member.id, "offered_on": "2026-11-02"})
    offers.record_response(ctx, offer.id, "accepted", on=date(2026, 11, 3))
    offers.record_care_application(ctx, case.id, date(2026, 11, 20))
    [status] = offers.duty_status(ctx, case.id)
    assert status.state is DutyState.BREACHED


def test_best_interests_decision_excepts_the_child(ctx, family) -> None:
    case, _mother, _father = family
    child = cases.children_of(ctx, case.id)[0]
    offers.record_exception(ctx, case.id, {"scope": "offer", "decided_by": "Priya Shah", "decided_on": "2026-11-10",
                                           "reason": "contact would expose the child to harm",
                                           "case_child_id": child.case_child_id})
    [status] = offers.duty_status(ctx, case.id)
    assert status.state is DutyState.EXCEPTED and status.exception is not None
    assert [e.decided_by for e in offers.list_exceptions(ctx, case.id)] == ["Priya Shah"]


def test_offer_to_someone_without_pr_is_refused_and_changes_nothing(ctx, family) -> None:
    case, _mother, _father = family
    aunt = add_member(ctx, case, "Ngozi", relationship_to_child="aunt")
    with pytest.raises(ValidationFailed, match="not recorded as a parent"):
        offers.record_offer(ctx, case.id, {"network_member_id": aunt.id})
    assert all(view.offer_id is None for view in offers.list_offers(ctx, case.id))


@pytest.mark.parametrize(("data", "field"), [
    ({"offered_on": "2026-12-01"}, "offered_on"),
    ({"offered_on": "yesterday"}, "offered_on"),
    ({"method": "pigeon"}, "method"),
])
def test_bad_offer_input_names_the_field(ctx, family, data, field) -> None:
    case, mother, _father = family
    with pytest.raises(ValidationFailed) as error:
        offers.record_offer(ctx, case.id, {"network_member_id": mother.id, **data})
    assert field in error.value.errors


def test_offer_in_lbp_needs_the_lbp_date(ctx) -> None:
    case = make_case(ctx)
    mother = add_member(ctx, case, "Grace", is_parent=True, parental_responsibility=True)
    with pytest.raises(ValidationFailed, match="letter before proceedings"):
        offers.record_offer(ctx, case.id, {"network_member_id": mother.id})


def test_second_open_offer_is_refused(ctx, family) -> None:
    case, mother, _father = family
    offers.record_offer(ctx, case.id, {"network_member_id": mother.id})
    with pytest.raises(ValidationFailed, match="already has an offer"):
        offers.record_offer(ctx, case.id, {"network_member_id": mother.id})


def test_withdrawal_needs_an_acceptance_and_answers_are_checked(ctx, family) -> None:
    case, mother, _father = family
    offer = offers.record_offer(ctx, case.id, {"network_member_id": mother.id, "offered_on": "2026-11-10"})
    with pytest.raises(ValidationFailed, match="only an accepted offer"):
        offers.withdraw(ctx, offer.id)
    with pytest.raises(ValidationFailed, match="before the offer"):
        offers.record_response(ctx, offer.id, "accepted", on=date(2026, 11, 9))
    with pytest.raises(ValidationFailed, match="choose one of"):
        offers.record_response(ctx, offer.id, "pending")
    offers.record_response(ctx, offer.id, "accepted")
    offers.withdraw(ctx, offer.id, note="changed her mind")
    [view] = [v for v in offers.list_offers(ctx, case.id) if v.network_member_id == mother.id]
    assert view.response is OfferResponse.WITHDRAWN


def test_stale_answer_is_a_conflict(ctx, family) -> None:
    case, mother, _father = family
    offer = offers.record_offer(ctx, case.id, {"network_member_id": mother.id})
    opened = offer.version
    offers.update_offer(ctx, offer.id, {"method": "in_person"}, expected_version=opened)
    with pytest.raises(Conflict):
        offers.record_response(ctx, offer.id, "declined", expected_version=opened)


def test_care_application_date_is_checked(ctx, family) -> None:
    case, _mother, _father = family
    with pytest.raises(ValidationFailed, match="before the letter before proceedings"):
        offers.record_care_application(ctx, case.id, date(2026, 10, 1))
    with pytest.raises(ValidationFailed, match="future"):
        offers.record_care_application(ctx, case.id, date(2026, 12, 1))


def test_exception_needs_a_reason_in_a_sentence(ctx, family) -> None:
    case, _mother, _father = family
    with pytest.raises(ValidationFailed) as error:
        offers.record_exception(ctx, case.id, {"scope": "holding", "decided_by": "Priya Shah",
                                               "decided_on": "2026-11-10", "reason": "risk"})
    assert "reason" in error.value.errors


def test_dates_from_forms_are_read_or_refused_by_name(ctx, family) -> None:
    case, mother, _father = family
    offer = offers.record_offer(ctx, case.id, {"network_member_id": mother.id, "offered_on": "2026-11-02"})
    with pytest.raises(ValidationFailed) as error:
        offers.record_response(ctx, offer.id, "declined", on="31/11/2026")
    assert "response_on" in error.value.errors
    assert offers.record_response(ctx, offer.id, "declined", on="2026-11-05").response_on == date(2026, 11, 5)
    assert offers.record_care_application(ctx, case.id, "").care_application_date is None


def test_the_offers_tab_reads_each_fact_once(ctx, family) -> None:
    """`case_offers` gives what the duty, the offers and the decisions give apart, in seven statements (the
    seventh reads the ties that say whose child each child is)."""
    case, mother, father = family
    cases.add_child(ctx, case.id, {"given_name": "Obi", "date_of_birth": "2020-02-02"})
    child = cases.children_of(ctx, case.id)[0]
    offers.record_exception(ctx, case.id, {"scope": "offer", "decided_by": "Priya Shah", "decided_on": "2026-11-10",
                                           "reason": "contact would expose the child to harm",
                                           "case_child_id": child.case_child_id})
    offers.record_exception(ctx, case.id, {"scope": "holding", "decided_by": "Priya Shah",
                                           "decided_on": "2026-11-11", "reason": "a meeting would put them at risk"})
    offer = offers.record_offer(ctx, case.id, {"network_member_id": mother.id, "offered_on": "2026-11-02"})
    offers.record_response(ctx, offer.id, "accepted", on=date(2026, 11, 5))
    offers.record_offer(ctx, case.id, {"network_member_id": father.id, "offered_on": "2026-11-03"})
    hold_meeting(ctx, case, date(2026, 11, 19))
    ctx.session.expunge_all()
    with statements(ctx) as sent:
        found = offers.case_offers(ctx, case.id)
    assert len(sent) == 7, sent
    assert found.duty == offers.duty_status(ctx, case.id) and len(found.duty) == 2
    assert found.parties == offers.list_offers(ctx, case.id) and found.parties[1].not_to_be_told
    assert found.exceptions == offers.list_exceptions(ctx, case.id)
    assert [e.child_name for e in found.exceptions] == [child.name, "All children"]
    assert (found.lbp_date, found.application_date) == (date(2026, 11, 2), None)
