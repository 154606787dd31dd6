"""s.31ZA is per child: each child's status follows that child's own parents, from the recorded ties."""

from __future__ import annotations

from datetime import date

import pytest

from fgdm.domain.child_parties import Member, parties_by_child
from fgdm.domain.duty import DutyState
from fgdm.domain.enums import RelationshipKind
from fgdm.services import cases, network, offers
from tests.factories import make_case
from tests.services.offers.test_offers import add_member, hold_meeting


@pytest.fixture
def siblings(ctx):
    """Ada (father Seán) and Ben (father Kofi), both Grace's; Grace and Seán offered, Seán accepted, the meeting
    held. Kofi was never offered."""
    case = make_case(ctx, lbp_date="2026-11-02")
    cases.add_child(ctx, case.id, {"given_name": "Ben", "date_of_birth": "2021-02-03",
                                   "legal_status": "pre_proceedings"})
    ada, ben = cases.children_of(ctx, case.id)
    mother = add_member(ctx, case, "Grace", is_parent=True, parental_responsibility=True)
    sean = add_member(ctx, case, "Seán", "O'Brien", is_parent=True)
    kofi = add_member(ctx, case, "Kofi", "Mensah", is_parent=True, parental_responsibility=True)
    for offered in (mother, sean):
        offer = offers.record_offer(ctx, case.id, {"network_member_id": offered.id, "offered_on": "2026-11-02"})
        offers.record_response(ctx, offer.id, "accepted" if offered is sean else "declined", on=date(2026, 11, 4))
    hold_meeting(ctx, case, date(2026, 11, 19))
    return case, ada, ben, mother, sean, kofi


def _tie(ctx, case, parent, child) -> None:
    network.add_relationship(ctx, case.id, {"from_person_id": parent.person_id, "to_person_id": child.person_id,
                                            "kind": "parent_of"})


def test_a_sibling_group_with_different_fathers_gets_each_childs_own_duty(ctx, siblings) -> None:
    case, ada, ben, mother, sean, kofi = siblings
    for parent, child in ((mother, ada), (mother, ben), (sean, ada), (kofi, ben)):
        _tie(ctx, case, parent, child)
    by_child = {status.case_child_id: status for status in offers.duty_status(ctx, case.id)}
    assert by_child[ada.case_child_id].state is DutyState.MET, by_child[ada.case_child_id].reason
    assert "Kofi" not in by_child[ada.case_child_id].reason
    ben_status = by_child[ben.case_child_id]
    assert ben_status.state is DutyState.PENDING
    assert [step.what for step in ben_status.missing] == [
        "offer an FGDM meeting to Kofi Mensah (parent with parental responsibility) in the letter before proceedings"]


def test_where_a_fathers_children_are_not_recorded_he_is_counted_for_every_child_and_the_status_says_why(
        ctx, siblings) -> None:
    case, ada, ben, mother, sean, _kofi = siblings
    for parent, child in ((mother, ada), (mother, ben), (sean, ada)):
        _tie(ctx, case, parent, child)
    by_child = {status.case_child_id: status for status in offers.duty_status(ctx, case.id)}
    ada_status = by_child[ada.case_child_id]
    assert ada_status.state is DutyState.PENDING
    assert "Kofi Mensah counted for this child because which children are theirs is not recorded" in ada_status.reason
    home = next(s for s in offers.duty_status(ctx, case.id) if s.case_child_id == ben.case_child_id)
    assert "Kofi Mensah" in home.reason


def test_the_rule_itself_counts_a_guardian_for_the_children_they_hold_responsibility_for() -> None:
    members = [Member(1, 10, "Grace", True, True), Member(2, 20, "Nan", False, True)]
    found = parties_by_child(members, {100: 1000, 200: 2000},
                             [(10, 1000, RelationshipKind.PARENT_OF), (10, 2000, RelationshipKind.PARENT_OF),
                              (20, 2000, RelationshipKind.GUARDIAN_OF)])
    assert found[100].member_ids == (1,) and found[200].member_ids == (1, 2)
    assert found[100].note() == "" and found[200].note() == ""


def test_an_offer_letter_names_only_the_recipients_own_children(ctx, siblings, tmp_path) -> None:
    """Kofi is Ben's father, not Ada's: his offer letter is about Ben alone."""
    from fgdm.services import letters
    from tests.documents.test_letters import docx_text
    from tests.factories import make_staff

    case, ada, ben, mother, sean, kofi = siblings
    for parent, child in ((mother, ada), (mother, ben), (sean, ada), (kofi, ben)):
        _tie(ctx, case, parent, child)
    coordinator = make_staff(ctx, "cora")
    cases.update_case(ctx, case.id, {"coordinator_id": coordinator.id})
    made = letters.generate_letter(ctx, case.id, kofi.person_id, "offer", output=tmp_path / "kofi.docx")
    text = docx_text(made.path)
    assert "Ben" in text and "Ada" not in text


def test_a_member_marked_a_parent_whose_only_tie_is_guardian_of_is_counted_for_every_child() -> None:
    """Marked a parent, with a 'guardian of' tie only: whose parent he is, is not recorded, so he is counted for
    both children (the cautious reading, said in the status) rather than for neither."""
    members = [Member(1, 10, "Grace", True, True), Member(2, 20, "Seán", True, False)]
    found = parties_by_child(members, {100: 1000, 200: 2000},
                             [(10, 1000, RelationshipKind.PARENT_OF), (10, 2000, RelationshipKind.PARENT_OF),
                              (20, 2000, RelationshipKind.GUARDIAN_OF)])
    assert found[100].member_ids == (1, 2) and found[200].member_ids == (1, 2)
    assert found[100].unrecorded == ("Seán",)


def test_a_parent_of_tie_from_someone_marked_neither_parent_nor_pr_holder_is_named_for_that_child_only(
        ctx, siblings) -> None:
    case, ada, ben, mother, sean, kofi = siblings
    for parent, child in ((mother, ada), (mother, ben), (sean, ada), (kofi, ben)):
        _tie(ctx, case, parent, child)
    tom = add_member(ctx, case, "Tom", "Reilly")
    _tie(ctx, case, tom, ada)
    by_child = {status.case_child_id: status for status in offers.duty_status(ctx, case.id)}
    assert by_child[ada.case_child_id].state is DutyState.MET
    assert [w for w in by_child[ada.case_child_id].warnings if "Tom Reilly" in w] == [
        "Tom Reilly recorded as Ada Okafor's parent (a 'parent of' tie) but not marked as a parent or holder of "
        "parental responsibility in the network, so no offer to them is asked for or counted; mark them a parent in "
        "the network, or remove the tie"]
    assert not any("Tom Reilly" in w for w in by_child[ben.case_child_id].warnings)
