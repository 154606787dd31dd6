"""The "done when" family: 25 people over three generations, two households, one confidential address.

`build_family` makes it through the services, as a coordinator would; document and TUI tests reuse it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fgdm.domain import ecomap, genogram
from fgdm.domain.enums import ContactStatus
from fgdm.models import Case
from fgdm.services import cases, network
from fgdm.services.shared.context import ServiceContext
from tests.factories import make_case

CONFIDENTIAL_ADDRESS = "Flat 3, 14 Larkspur Close, Exampleton EX1 4QT"
NOT_TO_BE_TOLD = "Tunde Adeyemi"
MOTHER_PHONE = "07700 900 314"

# given, family, gender, relationship to the child, side, extra member fields
PEOPLE: list[tuple[str, str, str, str, str, dict[str, Any]]] = [
    ("Grace", "Okafor", "female", "Maternal grandmother", "maternal", {"household": "Grandparents' home"}),
    ("Samuel", "Okafor", "male", "Maternal grandfather", "maternal", {"household": "Grandparents' home"}),
    ("Joy", "Okafor", "female", "Mother", "maternal",
     {"household": "Mother's home", "is_parent": True, "parental_responsibility": True, "phone": MOTHER_PHONE,
      "address": CONFIDENTIAL_ADDRESS, "address_confidential": True, "tie": "close"}),
    ("Dan", "Whitfield", "male", "Mother's partner", "maternal", {"household": "Mother's home"}),
    ("Leo", "Whitfield", "male", "Half-brother", "maternal", {"household": "Mother's home",
                                                              "date_of_birth": "2023-03-01"}),
    ("Uche", "Okafor", "male", "Maternal uncle", "maternal", {"tie": "close"}),
    ("Ngozi", "Okafor", "female", "Uncle's wife", "maternal", {}),
    ("Chidi", "Okafor", "male", "Cousin", "maternal", {"date_of_birth": "2015-06-01"}),
    ("Ife", "Okafor", "female", "Cousin", "maternal", {"date_of_birth": "2017-09-12"}),
    ("Bola", "Eze", "female", "Maternal aunt", "maternal", {"preferred_language": "yo", "interpreter_needed": True}),
    ("Efe", "Eze", "male", "Aunt's husband", "maternal", {}),
    ("Tunde", "Adeyemi", "male", "Father", "paternal",
     {"is_parent": True, "parental_responsibility": True, "not_to_be_told": True, "tie": "conflictual",
      "phone": "07700 900 999"}),
    ("Bisi", "Adeyemi", "female", "Paternal grandmother", "paternal", {"tie": "distant"}),
    ("Femi", "Adeyemi", "male", "Paternal grandfather", "paternal", {"deceased": True}),
    ("Ola", "Adeyemi", "female", "Paternal aunt", "paternal", {"tie": "close"}),
    ("Kunle", "Adeyemi", "male", "Paternal uncle", "paternal", {}),
    ("Tayo", "Adeyemi", "non_binary", "Cousin", "paternal", {"date_of_birth": "2016-02-02"}),
    ("Sam", "Lee", "unknown", "Neighbour", "friends_community", {}),
    ("Mary", "Quaye", "female", "Pastor", "friends_community", {"tie": "close"}),
    ("Aisha", "Rahman", "female", "Family friend", "friends_community", {"tie": "stressful"}),
    ("Priya", "Shah", "female", "Social worker", "professional", {}),
    ("Gareth", "Hughes", "male", "Class teacher", "professional", {}),
    ("Claire", "Dunn", "female", "Health visitor", "professional", {"tie": "distant"}),
]

PARENTS = [("Grace", "Joy"), ("Samuel", "Joy"), ("Grace", "Uche"), ("Samuel", "Uche"), ("Grace", "Bola"),
           ("Samuel", "Bola"), ("Joy", "Ada"), ("Tunde", "Ada"), ("Joy", "Kemi"), ("Tunde", "Kemi"),
           ("Joy", "Leo"), ("Dan", "Leo"), ("Uche", "Chidi"), ("Ngozi", "Chidi"), ("Uche", "Ife"),
           ("Ngozi", "Ife"), ("Bisi", "Tunde"), ("Femi", "Tunde"), ("Bisi", "Ola"), ("Femi", "Ola"),
           ("Bisi", "Kunle"), ("Femi", "Kunle"), ("Kunle", "Tayo")]
PARTNERS = [("Grace", "Samuel", "married_to", "close"), ("Bisi", "Femi", "married_to", "ordinary"),
            ("Joy", "Tunde", "former_partner_of", "conflictual"), ("Joy", "Dan", "partner_of", "close"),
            ("Uche", "Ngozi", "married_to", "ordinary"), ("Bola", "Efe", "married_to", "distant")]


@dataclass
class Family:
    case: Case
    person_ids: dict[str, int]
    member_ids: dict[str, int]


def build_family(ctx: ServiceContext) -> Family:
    case = make_case(ctx, children=[
        {"given_name": "Ada", "date_of_birth": "2018-05-04", "gender": "female", "legal_status": "pre_proceedings"},
        {"given_name": "Kemi", "date_of_birth": "2020-08-19", "gender": "male", "legal_status": "pre_proceedings"}])
    person_ids = {child.name.split()[0]: child.person_id for child in cases.children_of(ctx, case.id)}
    member_ids: dict[str, int] = {}
    for given, family_name, gender, relationship, side, extra in PEOPLE:
        member = network.add_member(ctx, case.id, {"given_name": given, "family_name": family_name, "gender": gender,
                                                   "relationship_to_child": relationship, "side": side, **extra},
                                    allow_duplicate=True)
        person_ids[given], member_ids[given] = member.person_id, member.id
    for parent, child in PARENTS:
        network.add_relationship(ctx, case.id, {"from_person_id": person_ids[parent],
                                                     "to_person_id": person_ids[child], "kind": "parent_of"})
    for one, other, kind, quality in PARTNERS:
        network.add_relationship(ctx, case.id, {"from_person_id": person_ids[one],
                                                     "to_person_id": person_ids[other], "kind": kind,
                                                     "quality": quality})
    for name, kind, tie, contact in (("Riverside Primary School", "school", "close", "office@riverside.example"),
                                     ("Larkspur GP Surgery", "health", "ordinary", "01632 960 700"),
                                     ("Exampleton Housing", "housing", "stressful", "")):
        network.add_agency(ctx, case.id, {"name": name, "kind": kind, "tie": tie, "contact": contact})
    network.record_contact_consent(ctx, case.id, consented_by="Joy Okafor (mother)", consented_on=case.referral_date)
    for given in ("Grace", "Samuel", "Uche", "Ola"):
        network.move_member(ctx, member_ids[given], "contacted")
        network.move_member(ctx, member_ids[given], "invited")
    network.move_member(ctx, member_ids["Grace"], "attending")
    network.move_member(ctx, member_ids["Sam"], "declined")
    network.move_member(ctx, member_ids["Aisha"], "excluded", reason="Threatened the mother in October",
                        decided_by="Priya Shah with the team manager")
    return Family(case=case, person_ids=person_ids, member_ids=member_ids)


def test_the_family_is_mapped_with_three_generations_and_two_households(ctx):
    family = build_family(ctx)
    picture = network.network_picture(ctx, family.case.id)
    assert len(picture.members) == 25
    assert {m.household for m in picture.network if m.household} == {"Grandparents' home", "Mother's home"}
    assert [m.name for m in picture.network if m.address_confidential] == ["Joy Okafor"]
    layout = genogram.layout(picture)
    assert len(layout.generations) == 3
    assert {layout.people[family.person_ids[name]].row for name in ("Ada", "Kemi", "Leo", "Chidi", "Tayo")} == {2}
    assert {m.name.split()[0] for m in layout.others} == {"Sam", "Mary", "Aisha", "Priya", "Gareth", "Claire"}
    text = ecomap.ecomap_text(picture)
    assert all(name in text for name in ("Riverside Primary School", "Grace Okafor", "Priya Shah"))
    statuses = {m.name: m.contact_status for m in picture.network}
    assert statuses["Grace Okafor"] is ContactStatus.ATTENDING
    assert statuses["Aisha Rahman"] is ContactStatus.EXCLUDED


def test_the_shareable_family_withholds_the_father_and_the_address(ctx):
    family = build_family(ctx)
    shared = network.shareable_network(ctx, family.case.id)
    assert len(shared.members) == 24
    text = genogram.genogram_text(genogram.layout(shared)) + ecomap.ecomap_text(shared)
    assert NOT_TO_BE_TOLD not in text and CONFIDENTIAL_ADDRESS not in text
    assert all(not (m.phone or m.email or m.address) for m in shared.members)
