"""Network members: adding, linking, duplicates and merge, removal, relationships and agencies."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from fgdm.domain.enums import ContactStatus, LetterKind, RelationshipKind, Side, TieQuality
from fgdm.models import (
    AuditEvent,
    CaseChild,
    FgdmOffer,
    LetterRecord,
    NetworkMember,
    Person,
    Relationship,
)
from fgdm.services import cases, network, offers
from fgdm.services.shared.errors import Conflict, NotFound, PermissionDenied, SafetyBreach, ValidationFailed
from tests.factories import make_case, make_staff


def grandmother(**extra):  # type: ignore[no-untyped-def]
    return {"given_name": "Grace", "family_name": "Okafor", "date_of_birth": "1958-02-14",
            "phone": "01632 960 123", "relationship_to_child": "Maternal grandmother", "side": "maternal",
            "gender": "female", **extra}


def test_add_member_stores_person_and_membership(ctx):
    case = make_case(ctx)
    member = network.add_member(ctx, case.id, grandmother(household="Household one"))
    stored, person = network.get_member(ctx, member.id)
    assert person.full_name == "Grace Okafor" and person.date_of_birth == date(1958, 2, 14)
    assert stored.side is Side.MATERNAL and stored.contact_status is ContactStatus.IDENTIFIED
    assert stored.status_changed_on == date(2026, 11, 23)
    assert "grace" in cases.get_case(ctx, case.id).case.search_text


@pytest.mark.parametrize("name", ["Siobhán O'Neill", "محمد", "{{ 7*7 }}", "'; DROP TABLE person; --", "Ama 🌻"])
def test_names_round_trip_and_are_searchable(ctx, name):
    case = make_case(ctx)
    member = network.add_member(ctx, case.id, {"given_name": name, "family_name": ""})
    assert network.get_member(ctx, member.id)[1].given_name == name
    assert [row.id for row in cases.list_cases(ctx, search=name).rows] == [case.id]


def test_bad_member_input_names_each_field_and_saves_nothing(ctx):
    case = make_case(ctx)
    with pytest.raises(ValidationFailed) as caught:
        network.add_member(ctx, case.id, {"given_name": "Grace", "phone": "call me", "email": "grace at home",
                                          "side": "cousins", "date_of_birth": "31/02/1958"})
    assert set(caught.value.errors) == {"phone", "email", "side", "date_of_birth"}
    assert "01632" in caught.value.errors["phone"]
    with pytest.raises(ValidationFailed, match="given_name"):
        network.add_member(ctx, case.id, {"family_name": "Okafor"})
    with pytest.raises(ValidationFailed, match="future"):
        network.add_member(ctx, case.id, {"given_name": "Future", "date_of_birth": "2027-01-01"})
    assert ctx.session.exec(select(NetworkMember)).all() == []


def test_duplicate_across_cases_is_offered_for_linking(ctx):
    first = make_case(ctx)
    second = make_case(ctx, family_name="Bell")
    original = network.add_member(ctx, first.id, grandmother())
    with pytest.raises(network.PossibleDuplicate) as caught:
        network.add_member(ctx, second.id, grandmother(phone=""))
    [candidate] = caught.value.candidates
    assert candidate.person_id == original.person_id
    assert candidate.reasons == ["same name and date of birth"] and candidate.cases == [first.reference]
    with pytest.raises(network.PossibleDuplicate) as by_phone:
        network.add_member(ctx, second.id, {"given_name": "Gran", "phone": "+44 1632 960123"})
    assert by_phone.value.candidates[0].reasons == ["same phone number"]
    linked = network.add_member(ctx, second.id, {"relationship_to_child": "Great-grandmother", "side": "paternal"},
                                link_person_id=original.person_id)
    assert linked.person_id == original.person_id
    assert len(ctx.session.exec(select(Person)).all()) == 3  # two children and one grandmother
    with pytest.raises(ValidationFailed, match="already in this case"):
        network.add_member(ctx, second.id, {}, link_person_id=original.person_id)
    with pytest.raises(ValidationFailed, match="then edit phone"):
        network.add_member(ctx, make_case(ctx).id, {"phone": "01632 960 000"}, link_person_id=original.person_id)


def test_someone_else_with_the_same_name_can_be_added_on_purpose(ctx):
    case = make_case(ctx)
    network.add_member(ctx, case.id, grandmother())
    other = network.add_member(ctx, case.id, grandmother(phone="", relationship_to_child="Neighbour"),
                               allow_duplicate=True)
    assert other.person_id is not None
    assert len(network.network_picture(ctx, case.id).network) == 2


def test_edit_changes_person_everywhere_and_refreshes_search(ctx):
    first, second = make_case(ctx), make_case(ctx, family_name="Bell")
    member = network.add_member(ctx, first.id, grandmother())
    network.add_member(ctx, second.id, {}, link_person_id=member.person_id)
    version = member.version
    network.update_member(ctx, member.id, {"family_name": "Okafor-Bell", "household": "Household two"},
                          expected_version=version)
    for case in (first, second):
        assert "okafor-bell" in cases.get_case(ctx, case.id).case.search_text
    with pytest.raises(Conflict):
        network.update_member(ctx, member.id, {"known_as": "Nana"}, expected_version=version)


def test_removal_refused_when_it_would_orphan_history(ctx):
    case = make_case(ctx)
    mother = network.add_member(ctx, case.id, {"given_name": "Joy", "is_parent": True,
                                               "parental_responsibility": True, "relationship_to_child": "Mother"})
    offers.record_offer(ctx, case.id, {"network_member_id": mother.id, "offered_on": "2026-11-02", "in_lbp": False})
    with pytest.raises(ValidationFailed, match=r"offers about them\. Record them as declined or excluded"):
        network.remove_member(ctx, mother.id)
    assert ctx.session.get(NetworkMember, mother.id) is not None


def test_removing_a_mistake_removes_the_unlinked_person_too(ctx):
    case = make_case(ctx)
    aunt = network.add_member(ctx, case.id, {"given_name": "Ola", "relationship_to_child": "Aunt"})
    child_person = network.network_picture(ctx, case.id).children[0].person_id
    network.add_relationship(ctx, case.id, {"from_person_id": aunt.person_id, "to_person_id": child_person,
                                                 "kind": "other"})
    network.remove_member(ctx, aunt.id)
    assert ctx.session.get(Person, aunt.person_id) is None
    assert ctx.session.exec(select(Relationship)).all() == []
    assert "ola" not in cases.get_case(ctx, case.id).case.search_text
    with pytest.raises(NotFound):
        network.remove_member(ctx, aunt.id)


def test_merge_keeps_every_link_and_history(ctx):
    first, second = make_case(ctx), make_case(ctx, family_name="Bell")
    keep = network.add_member(ctx, first.id, grandmother(is_parent=False, parental_responsibility=True))
    dup_same_case = network.add_member(ctx, first.id, grandmother(phone="", parental_responsibility=True,
                                                                  address="1 Safe Street", address_confidential=True),
                                       allow_duplicate=True)
    dup_person = dup_same_case.person_id
    other_case = network.add_member(ctx, second.id, {"not_to_be_told": True}, link_person_id=dup_person)
    offer = offers.record_offer(ctx, first.id, {"network_member_id": dup_same_case.id, "offered_on": "2026-11-02",
                                                "in_lbp": False})
    child = network.network_picture(ctx, first.id).children[0].person_id
    network.add_relationship(ctx, first.id, {"from_person_id": dup_person, "to_person_id": child,
                                                  "kind": "guardian_of"})
    network.add_relationship(ctx, first.id, {"from_person_id": keep.person_id, "to_person_id": dup_person,
                                                  "kind": "friend_of"})
    with ctx.write() as session:
        session.add(LetterRecord(case_id=first.id, person_id=dup_person, kind=LetterKind.OFFER,
                                 template_name="offer", template_version="1", language="en_GB"))

    result = network.merge_people(ctx, keep.person_id, dup_person)

    assert result.moved["network memberships"] == 2 and result.moved["letters"] == 1
    session = ctx.session
    assert session.get(Person, dup_person).merged_into_id == keep.person_id
    assert session.get(NetworkMember, dup_same_case.id) is None
    assert session.get(FgdmOffer, offer.id).network_member_id == keep.id
    assert session.get(NetworkMember, other_case.id).person_id == keep.person_id
    assert session.get(NetworkMember, other_case.id).not_to_be_told is True
    kept_person = session.get(Person, keep.person_id)
    assert kept_person.address == "1 Safe Street" and kept_person.address_confidential is True
    ties = session.exec(select(Relationship)).all()
    assert [(t.from_person_id, t.to_person_id, t.kind) for t in ties] == [
        (keep.person_id, child, RelationshipKind.GUARDIAN_OF)]
    assert session.exec(select(LetterRecord.person_id)).all() == [keep.person_id]
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "merge")).first() is not None
    assert network.find_duplicates(ctx, given_name="Grace", family_name="Okafor",
                                          date_of_birth=date(1958, 2, 14))[0].person_id == keep.person_id
    with pytest.raises(ValidationFailed, match="already merged"):
        network.merge_people(ctx, keep.person_id, dup_person)


def test_merge_of_a_duplicated_child_keeps_the_child(ctx):
    case = make_case(ctx)
    child_person = network.network_picture(ctx, case.id).children[0].person_id
    member = network.add_member(ctx, case.id, {"given_name": "Ada", "family_name": "Okafor"}, allow_duplicate=True)
    other = make_case(ctx, family_name="Bell")
    network.add_member(ctx, other.id, {}, link_person_id=member.person_id)
    network.merge_people(ctx, child_person, member.person_id)
    assert ctx.session.exec(select(CaseChild.person_id).where(CaseChild.case_id == case.id)).all() == [child_person]
    assert network.network_picture(ctx, case.id).network == [], "the child is not also listed as a member"
    assert [m.person_id for m in network.network_picture(ctx, other.id).network] == [child_person]


def test_relationships_between_members(ctx):
    case = make_case(ctx)
    mother = network.add_member(ctx, case.id, {"given_name": "Joy", "relationship_to_child": "Mother"})
    father = network.add_member(ctx, case.id, {"given_name": "Tunde", "relationship_to_child": "Father"})
    tie = network.add_relationship(ctx, case.id, {"from_person_id": mother.person_id,
                                                       "to_person_id": father.person_id,
                                                       "kind": "former_partner_of", "quality": "conflictual"})
    with pytest.raises(ValidationFailed, match="already recorded"):
        network.add_relationship(ctx, case.id, {"from_person_id": father.person_id,
                                                     "to_person_id": mother.person_id, "kind": "former_partner_of"})
    with pytest.raises(ValidationFailed, match="different people"):
        network.add_relationship(ctx, case.id, {"from_person_id": father.person_id,
                                                     "to_person_id": father.person_id, "kind": "sibling_of"})
    outsider = network.add_member(ctx, make_case(ctx).id, {"given_name": "Elsewhere"})
    with pytest.raises(ValidationFailed, match="to_person_id"):
        network.add_relationship(ctx, case.id, {"from_person_id": father.person_id,
                                                     "to_person_id": outsider.person_id, "kind": "friend_of"})
    network.set_relationship_quality(ctx, case.id, tie.id, "distant")
    assert network.network_picture(ctx, case.id).ties[0].quality is TieQuality.DISTANT
    network.remove_relationship(ctx, case.id, tie.id)
    assert network.network_picture(ctx, case.id).ties == ()


def test_agencies_for_the_ecomap(ctx):
    case = make_case(ctx)
    school = network.add_agency(ctx, case.id, {"name": "St Mary's Primary", "kind": "school", "tie": "close",
                                                    "contact": "Mrs Patel, 01632 960 555"})
    network.update_agency(ctx, school.id, {"tie": "stressful", "contact": None}, expected_version=school.version)
    [entry] = network.network_picture(ctx, case.id).agencies
    assert entry.tie is TieQuality.STRESSFUL and entry.contact == ""
    with pytest.raises(ValidationFailed, match="name"):
        network.add_agency(ctx, case.id, {"name": ""})
    network.remove_agency(ctx, school.id)
    assert network.network_picture(ctx, case.id).agencies == ()


def test_safety_marker_added_while_invited_is_refused(ctx):
    case = make_case(ctx)
    cases.update_case(ctx, case.id, {"network_contact_consent_by": "Joy Okafor",
                                     "network_contact_consent_on": "2026-11-01"})
    uncle = network.add_member(ctx, case.id, {"given_name": "Uche"})
    network.move_member(ctx, uncle.id, "contacted")
    network.move_member(ctx, uncle.id, "invited")
    with pytest.raises(SafetyBreach, match="cannot stay invited"):
        network.update_member(ctx, uncle.id, {"not_to_be_told": True})
    assert network.get_member(ctx, uncle.id)[0].not_to_be_told is False


def test_only_those_allocated_may_see_or_change_the_network(workspace, ctx):
    case = make_case(ctx)
    referrer = make_staff(ctx, "rhi", role="referrer")
    make_staff(ctx, "jo")
    cases.update_case(ctx, case.id, {"referrer_id": referrer.id})
    network.add_member(ctx, case.id, grandmother())
    with workspace.context("rhi") as reading:
        assert [m.name for m in network.network_picture(reading, case.id).network] == ["Grace Okafor"]
        with pytest.raises(PermissionDenied):
            network.add_member(reading, case.id, {"given_name": "Ola"})
    with workspace.context("jo") as stranger:
        with pytest.raises(PermissionDenied):
            network.network_picture(stranger, case.id)
        [candidate] = network.find_duplicates(stranger, given_name="Grace", family_name="Okafor",
                                                     date_of_birth=date(1958, 2, 14))
        assert candidate.cases == [] and candidate.other_cases == 1, "a case they may not open is not named"
