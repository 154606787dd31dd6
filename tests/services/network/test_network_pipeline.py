"""The contact pipeline: legal and illegal moves, safety rules, and consent."""

from __future__ import annotations

import pytest

from fgdm.domain import contact_pipeline
from fgdm.domain.enums import ContactStatus
from fgdm.services import cases, network
from fgdm.services.shared.errors import SafetyBreach, ValidationFailed
from tests.factories import make_case

S = ContactStatus


@pytest.fixture
def consented_case(ctx):  # type: ignore[no-untyped-def]
    case = make_case(ctx)
    network.record_contact_consent(ctx, case.id, consented_by="Joy Okafor (mother)",
                                   consented_on=cases.get_case(ctx, case.id).case.referral_date)
    return case


@pytest.mark.parametrize(("current", "target"), [
    (S.IDENTIFIED, S.INVITED), (S.IDENTIFIED, S.ATTENDING), (S.CONTACTED, S.ATTENDING),
    (S.ATTENDING, S.INVITED), (S.EXCLUDED, S.INVITED), (S.DECLINED, S.ATTENDING),
])
def test_illegal_moves_name_the_allowed_ones(current, target):
    with pytest.raises(contact_pipeline.PipelineError) as caught:
        contact_pipeline.check_move(current, target)
    for allowed in contact_pipeline.allowed_moves(current):
        assert f"'{allowed.label.lower()}'" in str(caught.value)


def test_every_status_can_reach_attending_or_is_a_dead_end_by_design():
    for status in S:
        assert contact_pipeline.allowed_moves(status), f"{status} has no way out"
    assert contact_pipeline.next_step(S.ATTENDING) is None


def test_member_moves_through_the_pipeline(ctx, consented_case):
    aunt = network.add_member(ctx, consented_case.id, {"given_name": "Ola", "relationship_to_child": "Aunt"})
    for target in (S.CONTACTED, S.INVITED, S.ATTENDING, S.DECLINED, S.CONTACTED):
        moved = network.move_member(ctx, aunt.id, target)
        assert moved.contact_status is target
    assert moved.consent_override_reason == ""


def test_illegal_move_is_rejected_with_a_message_and_changes_nothing(ctx, consented_case):
    aunt = network.add_member(ctx, consented_case.id, {"given_name": "Ola", "family_name": "Adeyemi"})
    with pytest.raises(ValidationFailed) as caught:
        network.move_member(ctx, aunt.id, "attending")
    message = caught.value.errors["contact_status"]
    assert "Ola Adeyemi" in message and "'contacted', 'declined', 'excluded'" in message
    with pytest.raises(ValidationFailed, match="choose one of"):
        network.move_member(ctx, aunt.id, "maybe")
    assert network.get_member(ctx, aunt.id)[0].contact_status is S.IDENTIFIED


def test_not_to_be_told_is_never_invited(ctx, consented_case):
    father = network.add_member(ctx, consented_case.id, {"given_name": "Tunde", "not_to_be_told": True})
    with pytest.raises(SafetyBreach) as unexplained:
        network.move_member(ctx, father.id, "contacted")
    assert str(unexplained.value) == ("reason: Tunde is marked not to be told of the meeting: give the reason for "
                                      "contacting them anyway")
    assert network.get_member(ctx, father.id)[0].contact_status is S.IDENTIFIED
    network.move_member(ctx, father.id, "contacted", reason="The police asked us to serve a notice on him.")
    with pytest.raises(SafetyBreach, match="never be invited"):
        network.move_member(ctx, father.id, "invited")
    assert network.get_member(ctx, father.id)[0].contact_status is S.CONTACTED


def test_exclusion_needs_a_reason_and_who_decided(ctx, consented_case):
    uncle = network.add_member(ctx, consented_case.id, {"given_name": "Uche"})
    with pytest.raises(ValidationFailed) as caught:
        network.move_member(ctx, uncle.id, "excluded", reason="  ")
    assert set(caught.value.errors) == {"reason", "decided_by"}
    excluded = network.move_member(ctx, uncle.id, "excluded", reason="Risk to the mother",
                                   decided_by="Priya Shah, team manager")
    assert (excluded.excluded_reason, excluded.excluded_by) == ("Risk to the mother", "Priya Shah, team manager")
    lifted = network.move_member(ctx, uncle.id, "identified")
    assert lifted.contact_status is S.IDENTIFIED


def test_contact_before_consent_needs_an_override_reason(ctx):
    case = make_case(ctx)
    aunt = network.add_member(ctx, case.id, {"given_name": "Ola"})
    with pytest.raises(ValidationFailed) as caught:
        network.move_member(ctx, aunt.id, "contacted")
    assert "consent" in caught.value.errors["consent_override_reason"]
    assert network.get_member(ctx, aunt.id)[0].contact_status is S.IDENTIFIED
    moved = network.move_member(ctx, aunt.id, "contacted",
                                consent_override_reason="Aunt rang the service herself to offer help")
    assert moved.consent_override_reason == "Aunt rang the service herself to offer help"
    excluded = network.add_member(ctx, case.id, {"given_name": "Ex"})
    network.move_member(ctx, excluded.id, "excluded", reason="Risk", decided_by="Manager")


def test_consent_recorded_lets_contact_go_ahead_and_must_name_who(ctx):
    case = make_case(ctx)
    with pytest.raises(ValidationFailed, match="name who gave consent"):
        network.record_contact_consent(ctx, case.id, consented_by=" ", consented_on=case.referral_date)
    with pytest.raises(ValidationFailed, match="future"):
        network.record_contact_consent(ctx, case.id, consented_by="Joy", consented_on="2027-01-01")
    network.record_contact_consent(ctx, case.id, consented_by="Joy", consented_on=case.referral_date)
    aunt = network.add_member(ctx, case.id, {"given_name": "Ola"})
    assert network.move_member(ctx, aunt.id, "contacted").contact_status is S.CONTACTED


def test_stale_move_is_refused(ctx, consented_case):
    from fgdm.services.shared.errors import Conflict

    aunt = network.add_member(ctx, consented_case.id, {"given_name": "Ola"})
    opened = aunt.version
    network.move_member(ctx, aunt.id, "contacted", expected_version=opened)
    with pytest.raises(Conflict):
        network.move_member(ctx, aunt.id, "declined", expected_version=opened)
