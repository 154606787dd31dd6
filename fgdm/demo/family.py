"""One fictional family: three generations of people, their network memberships, ties and agencies.

Kin are built outward from the children (parents, then grandparents, aunts, cousins) so every
membership has a matching chain of relationships and a genogram can be drawn from them. Families can
share grandparents with an earlier case: the same Person rows, linked into both networks.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from fgdm.demo import names, wording
from fgdm.demo.names import Heritage
from fgdm.demo.rows import Rows
from fgdm.domain.enums import (
    AgencyKind,
    ConfidentialFact,
    ContactStatus,
    Gender,
    LegalStatus,
    RelationshipKind,
    Side,
    TieQuality,
)
from fgdm.models import Agency, CaseChild, ConfidentialFrom, NetworkMember, Person, Relationship

YEAR = 365.25


@dataclass(frozen=True)
class Someone:
    """A Person row as the builder needs it again: for ties, memberships and the case's search text."""

    id: int
    name: str
    search: str
    language: str = "en_GB"
    interpreter: bool = False
    deceased: bool = False


@dataclass(frozen=True)
class Parent:
    """One side of the family as seen from a parent: for adding that parent's siblings and cousins."""

    heritage: Heritage
    someone: Someone
    born: date
    surname: str
    home: str


@dataclass(frozen=True)
class Lineage:
    """What a later case needs to share this family's maternal grandparents."""

    heritage: str
    family_name: str
    grandmother: Someone
    grandfather: Someone
    mother: Someone
    mother_dob: date
    home: str


@dataclass
class Entry:
    """One network member as the casework generator needs to see them."""

    member_id: int
    person_id: int
    name: str
    role: str
    side: Side
    is_parent: bool = False
    pr: bool = False
    status: ContactStatus = ContactStatus.IDENTIFIED
    not_told: bool = False
    separately: bool = False
    language: str = "en_GB"
    interpreter: bool = False
    deceased: bool = False
    row: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def invitable(self) -> bool:
        return not (self.not_told or self.deceased) and self.status is not ContactStatus.EXCLUDED


@dataclass
class Child:
    case_child_id: int
    person_id: int
    given: str
    date_of_birth: date | None
    due_date: date | None


@dataclass
class Family:
    family_name: str
    mother_name: str
    children: list[Child] = field(default_factory=list)
    members: list[Entry] = field(default_factory=list)
    search_names: list[str] = field(default_factory=list)
    lineage: Lineage | None = None
    risk_name: str = ""
    """Who the family must be kept safe from (a violent parent, a former partner), or "" when nobody."""

    def role(self, role: str) -> Entry | None:
        return next((entry for entry in self.members if entry.role == role), None)

    @property
    def parents_and_pr(self) -> list[Entry]:
        return [entry for entry in self.members if entry.is_parent or entry.pr]


@dataclass
class FamilyRequest:
    """Everything about the case that shapes its family."""

    case_id: int
    referral_date: date
    network_size: int
    maternal: str
    paternal: str
    legal_status: LegalStatus
    prepared: bool
    met: bool
    coordinator_name: str
    confidential: bool = False
    not_told: bool = False
    excluded: bool = False
    separately: bool = False
    special_guardian: bool = False
    own_language: bool = False
    """The maternal grandmother needs an interpreter (and writes her name in her own script, if it has one)."""
    surnames: tuple[str | None, str | None] = (None, None)
    unborn: bool = False
    shared_with: Lineage | None = None


class FamilyBuilder:
    """Builds families into `rows`; `ties` is shared across cases so a tie between shared people is one row."""

    def __init__(self, rng: random.Random, rows: Rows, today: date) -> None:
        self.rng = rng
        self.rows = rows
        self.today = today
        self.ties: set[tuple[int, int, RelationshipKind]] = set()

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def home(self) -> str:
        rng = self.rng
        return names.address(rng.randint(1, 140), rng.randrange(len(names.STREETS)), rng.randrange(len(names.TOWNS)))

    def born(self, before: date, years: tuple[float, float]) -> date:
        return before - timedelta(days=int(self.rng.uniform(*years) * YEAR))

    def tie(self, a: int, b: int, kind: RelationshipKind, quality: TieQuality = TieQuality.ORDINARY) -> None:
        if a == b or (a, b, kind) in self.ties:
            return
        self.ties.add((a, b, kind))
        self.rows.add(Relationship, from_person_id=a, to_person_id=b, kind=kind, quality=quality)

    def person(self, heritage: Heritage, gender: Gender, dob: date, *, older: bool = False,
               family_name: str | None = None, address: str = "", confidential: bool = False,
               deceased: bool = False, own_language: bool = False) -> Someone:
        """A relative or friend; the older generation may write their names in their own script.

        `own_language` makes them prefer their heritage's language, in its script, through an interpreter.
        """
        rng = self.rng
        pool = {Gender.FEMALE: heritage.female, Gender.MALE: heritage.male}.get(gender, heritage.female + heritage.male)
        given = rng.choice(pool)
        family_name = family_name if family_name is not None else rng.choice(heritage.family)
        known_as = ""
        if older and heritage.native_script and (own_language or rng.random() < 0.6):
            known_as = given
            given = heritage.native_script.get(given, given)
            family_name = heritage.native_script.get(family_name, family_name)
        language, interpreter = "en_GB", False
        if heritage.language != "en_GB" and (older or rng.random() < 0.35):
            language = heritage.language
            interpreter = own_language or rng.random() < (heritage.interpreter_rate if older
                                                          else heritage.interpreter_rate / 3)
        has_email = not older and not deceased and rng.random() < 0.6
        person_id = self.rows.add(
            Person, uid=self.uid(), given_name=given, family_name=family_name, known_as=known_as, gender=gender,
            date_of_birth=dob, deceased=deceased, address="" if deceased else address,
            address_confidential=confidential and not deceased, preferred_language=language,
            interpreter_needed=interpreter and not deceased,
            phone="" if deceased else names.phone(rng.randrange(1000), mobile=rng.random() < 0.8),
            email=f"{names.email_local(known_as or given, family_name)}@example.com" if has_email else "",
            access_needs=rng.choice(ACCESS_NEEDS) if older and not deceased else "")
        return Someone(person_id, f"{given} {family_name}".strip(),
                       " ".join(part for part in (given, family_name, known_as) if part), language,
                       interpreter and not deceased, deceased)

    def member(self, family: Family, request: FamilyRequest, someone: Someone, role: str, label: str, side: Side,
               *, household: str = "", is_parent: bool = False, pr: bool = False,
               tie: TieQuality = TieQuality.ORDINARY, status: ContactStatus | None = None, **flags: object) -> Entry:
        if someone.deceased:
            status, flags["notes"] = ContactStatus.IDENTIFIED, "Deceased: shown for the family tree only."
        status = status or self.contact_status(request, side, is_parent)
        changed = self.referral_plus(request, 0, 40) if status is not ContactStatus.IDENTIFIED else None
        member_id = self.rows.add(
            NetworkMember, case_id=request.case_id, person_id=someone.id, relationship_to_child=label, side=side,
            household=household, is_parent=is_parent, parental_responsibility=pr, contact_status=status,
            status_changed_on=changed, tie=tie, **flags)
        entry = Entry(member_id=member_id, person_id=someone.id, name=someone.name, role=role, side=side,
                      is_parent=is_parent, pr=pr, status=status, not_told=bool(flags.get("not_to_be_told")),
                      separately=bool(flags.get("attends_separately")), language=someone.language,
                      interpreter=someone.interpreter, deceased=someone.deceased,
                      row=self.rows.pending[NetworkMember][-1])
        family.members.append(entry)
        family.search_names.append(someone.search)
        return entry

    def referral_plus(self, request: FamilyRequest, low: int, high: int) -> date:
        return min(self.today, request.referral_date + timedelta(days=self.rng.randint(low, high)))

    def contact_status(self, request: FamilyRequest, side: Side, is_parent: bool) -> ContactStatus:
        rng = self.rng
        if not request.prepared:
            return ContactStatus.CONTACTED if is_parent else ContactStatus.IDENTIFIED
        if side is Side.PROFESSIONAL:
            return ContactStatus.ATTENDING if request.met else ContactStatus.INVITED
        if request.met:
            return rng.choices((ContactStatus.ATTENDING, ContactStatus.DECLINED, ContactStatus.INVITED,
                                ContactStatus.IDENTIFIED), (70, 15, 10, 5))[0]
        return rng.choices((ContactStatus.IDENTIFIED, ContactStatus.CONTACTED, ContactStatus.INVITED,
                            ContactStatus.ATTENDING, ContactStatus.DECLINED), (15, 30, 30, 15, 10))[0]

    def build(self, request: FamilyRequest) -> Family:
        rng = self.rng
        shared = request.shared_with
        maternal = names.HERITAGES[shared.heritage if shared else request.maternal]
        paternal = names.HERITAGES[request.paternal]
        maternal_name = shared.family_name if shared else request.surnames[0] or rng.choice(maternal.family)
        paternal_name = request.surnames[1] or rng.choice(paternal.family)
        children_name = rng.choices((paternal_name, maternal_name, f"{maternal_name}-{paternal_name}"),
                                    (55, 35, 10))[0]
        family = Family(family_name=children_name, mother_name="")

        eldest_dob = self.today - timedelta(days=int(rng.uniform(0.2, 16.5) * YEAR))
        mother_dob = self.born(eldest_dob, (17, 36))
        if shared is not None:
            mother_dob = min(shared.mother_dob + timedelta(days=rng.choice((-1, 1)) * rng.randint(400, 3000)),
                             self.today - timedelta(days=int(19 * YEAR)))
            eldest_dob = min(max(eldest_dob, mother_dob + timedelta(days=int(17 * YEAR))),
                             self.today - timedelta(days=60))
        father_dob = mother_dob - timedelta(days=int(rng.uniform(-2, 8) * YEAR))

        together = rng.random() < 0.35 and not (request.confidential or request.separately)
        mother_home = self.home()
        mother = self.person(maternal, Gender.FEMALE, mother_dob, family_name=maternal_name, address=mother_home,
                             confidential=request.confidential)
        family.mother_name = mother.name.split(" ")[0]
        father_home = mother_home if together else self.home()
        father = self.person(paternal, Gender.MALE, father_dob, family_name=paternal_name, address=father_home)
        partnership = (rng.choice((RelationshipKind.PARTNER_OF, RelationshipKind.MARRIED_TO)) if together
                       else rng.choice((RelationshipKind.FORMER_PARTNER_OF, RelationshipKind.DIVORCED_FROM)))
        conflict = request.separately or request.confidential
        self.tie(mother.id, father.id, partnership, TieQuality.CONFLICTUAL if conflict else TieQuality.ORDINARY)

        self.add_children(family, request, eldest_dob, (mother.id, father.id))
        self.member(family, request, mother, "mother", "Mother", Side.MATERNAL, household="Mother's household",
                    is_parent=True, pr=True, tie=TieQuality.CLOSE)
        self.member(family, request, father, "father", "Father", Side.PATERNAL,
                    household="Mother's household" if together else "Father's household", is_parent=True,
                    pr=together or rng.random() < 0.6, tie=TieQuality.STRESSFUL if conflict else TieQuality.ORDINARY,
                    status=ContactStatus.ATTENDING if request.separately and request.prepared else None,
                    attends_separately=request.separately,
                    notes=rng.choice(wording.SEPARATE_SESSION_NOTES) if request.separately else "")
        if conflict:
            family.risk_name = father.name
        if request.separately:
            self.rows.add(ConfidentialFrom, case_id=request.case_id, fact=ConfidentialFact.ADDRESS,
                          person_id=mother.id, hidden_from_person_id=father.id, decided_by="The coordinator")

        grandmother, grandfather, home = self.grandparents(family, request, maternal, Side.MATERNAL, mother.id,
                                                           mother_dob, maternal_name, shared)
        self.grandparents(family, request, paternal, Side.PATERNAL, father.id, father_dob, paternal_name, None)
        family.lineage = Lineage(heritage=maternal.key, family_name=maternal_name, grandmother=grandmother,
                                 grandfather=grandfather, mother=mother, mother_dob=mother_dob, home=home)
        if shared is not None:
            self.tie(shared.mother.id, mother.id, RelationshipKind.SIBLING_OF, TieQuality.CLOSE)
            self.member(family, request, shared.mother, "shared_aunt", "Maternal aunt", Side.MATERNAL)
        if request.special_guardian:
            self.special_guardian(family)
        if request.not_told:
            self.not_told(family, request, mother, paternal)
        if request.excluded:
            self.excluded(family, request, father, father_dob, paternal, paternal_name)
        self.extended(family, request, Parent(maternal, mother, mother_dob, maternal_name, mother_home),
                      Parent(paternal, father, father_dob, paternal_name, father_home))
        return family

    def add_children(self, family: Family, request: FamilyRequest, eldest_dob: date,
                     parents: tuple[int, int]) -> None:
        rng = self.rng
        count = rng.choices((1, 2, 3, 4), (45, 30, 18, 7))[0]
        dob = eldest_dob
        for position in range(count):
            if position:
                dob = min(self.today - timedelta(days=30), dob + timedelta(days=int(rng.uniform(1.2, 4) * YEAR)))
            self.add_child(family, request, position, dob, None, parents)
        if request.unborn or rng.random() < 0.1:
            due = request.referral_date + timedelta(days=rng.randint(30, 180))
            if request.unborn:
                due = max(due, self.today + timedelta(days=30))
            born = due <= self.today
            self.add_child(family, request, count, due if born else None, None if born else due, parents)

    def add_child(self, family: Family, request: FamilyRequest, position: int, dob: date | None, due: date | None,
                  parents: tuple[int, int]) -> None:
        rng = self.rng
        gender = rng.choice((Gender.FEMALE, Gender.MALE)) if dob else Gender.UNKNOWN
        taken = {child.given for child in family.children}
        pool = [name for name in (names.CHILD_FEMALE if gender is Gender.FEMALE else names.CHILD_MALE)
                if name not in taken]
        given = "Baby" if dob is None else rng.choice(pool)
        person_id = self.rows.add(Person, uid=self.uid(), given_name=given, family_name=family.family_name,
                                  gender=gender, date_of_birth=dob)
        family.search_names.append(f"{given} {family.family_name}")
        legal = request.legal_status
        if position and legal is LegalStatus.LOOKED_AFTER and rng.random() < 0.5:
            legal = LegalStatus.CHILD_PROTECTION
        link_id = self.rows.add(CaseChild, case_id=request.case_id, person_id=person_id, legal_status=legal,
                                due_date=due, position=position)
        for parent in parents:
            self.tie(parent, person_id, RelationshipKind.PARENT_OF, TieQuality.CLOSE)
        for sibling in family.children:
            self.tie(sibling.person_id, person_id, RelationshipKind.SIBLING_OF, TieQuality.CLOSE)
        family.children.append(Child(case_child_id=link_id, person_id=person_id, given=given,
                                     date_of_birth=dob, due_date=due))

    def grandparents(self, family: Family, request: FamilyRequest, heritage: Heritage, side: Side, parent_id: int,
                     parent_dob: date, family_name: str, shared: Lineage | None) -> tuple[Someone, Someone, str]:
        if shared is not None:
            grandmother, grandfather, home = shared.grandmother, shared.grandfather, shared.home
        else:
            rng = self.rng
            home = self.home()
            grandmother = self.person(heritage, Gender.FEMALE, self.born(parent_dob, (18, 34)), older=True,
                                      family_name=family_name if rng.random() < 0.7 else None, address=home,
                                      own_language=request.own_language and side is Side.MATERNAL)
            grandfather = self.person(heritage, Gender.MALE, self.born(parent_dob, (19, 38)), older=True,
                                      family_name=family_name, address=home, deceased=rng.random() < 0.12)
            kind = RelationshipKind.MARRIED_TO if rng.random() < 0.7 else RelationshipKind.DIVORCED_FROM
            self.tie(grandmother.id, grandfather.id, kind)
        for grandparent in (grandmother, grandfather):
            self.tie(grandparent.id, parent_id, RelationshipKind.PARENT_OF)
        household = f"{side.label} grandparents"
        self.member(family, request, grandmother, f"{side.value}_grandmother", f"{side.label} grandmother", side,
                    household=household, tie=TieQuality.CLOSE)
        self.member(family, request, grandfather, f"{side.value}_grandfather", f"{side.label} grandfather", side,
                    household=household)
        return grandmother, grandfather, home

    def special_guardian(self, family: Family) -> None:
        """The paternal grandmother holds a special guardianship order for the eldest child: a PR holder."""
        grandmother = family.role("paternal_grandmother")
        if grandmother is None:
            return
        eldest = family.children[0]
        grandmother.pr = True
        grandmother.row.update(parental_responsibility=True,
                               relationship_to_child=f"Paternal grandmother (special guardian of {eldest.given})")
        self.tie(grandmother.person_id, eldest.person_id, RelationshipKind.GUARDIAN_OF, TieQuality.CLOSE)

    def not_told(self, family: Family, request: FamilyRequest, mother: Someone, heritage: Heritage) -> None:
        someone = self.person(heritage, Gender.MALE, self.born(self.today, (22, 45)), address=self.home())
        self.tie(mother.id, someone.id, RelationshipKind.FORMER_PARTNER_OF, TieQuality.CONFLICTUAL)
        self.member(family, request, someone, "not_told", "Mother's former partner", Side.FRIENDS_COMMUNITY,
                    tie=TieQuality.CONFLICTUAL, status=ContactStatus.IDENTIFIED, not_to_be_told=True,
                    notes=self.rng.choice(wording.NOT_TOLD_REASONS))
        family.risk_name = someone.name

    def excluded(self, family: Family, request: FamilyRequest, father: Someone, father_dob: date,
                 heritage: Heritage, family_name: str) -> None:
        rng = self.rng
        someone = self.person(heritage, Gender.MALE, father_dob - timedelta(days=rng.randint(400, 3000)),
                              family_name=family_name, address=self.home())
        self.tie(father.id, someone.id, RelationshipKind.SIBLING_OF, TieQuality.CONFLICTUAL)
        for role in ("paternal_grandmother", "paternal_grandfather"):
            grandparent = family.role(role)
            if grandparent is not None:
                self.tie(grandparent.person_id, someone.id, RelationshipKind.PARENT_OF)
        prepared = request.prepared
        self.member(family, request, someone, "excluded", "Paternal uncle", Side.PATERNAL,
                    tie=TieQuality.CONFLICTUAL,
                    status=ContactStatus.EXCLUDED if prepared else ContactStatus.IDENTIFIED,
                    excluded_reason=rng.choice(wording.EXCLUSION_REASONS) if prepared else "",
                    excluded_by=request.coordinator_name if prepared else "")

    def extended(self, family: Family, request: FamilyRequest, mother: Parent, father: Parent) -> None:
        """Aunts, uncles, cousins, friends and professionals until the network reaches its size."""
        rng = self.rng
        kinds = ["aunt_m", "uncle_m", "aunt_p", "uncle_p", "partner", "friend", "friend", "neighbour", "godparent",
                 "faith", "teacher", "health_visitor", "support_worker", "cousin_m", "cousin_p", "great_grandmother",
                 "aunt_m", "aunt_p", "youth_worker", "friend"]
        rng.shuffle(kinds)
        while len(family.members) < request.network_size:
            kind = kinds.pop() if kinds else rng.choice(("friend", "cousin_m", "cousin_p", "neighbour"))
            if kind[-2:] in ("_m", "_p"):
                self.relative(family, request, kind, mother if kind.endswith("_m") else father)
            elif kind == "partner":
                someone = self.person(mother.heritage, Gender.MALE, self.born(self.today, (22, 45)),
                                      address=mother.home, confidential=request.confidential)
                self.tie(mother.someone.id, someone.id, RelationshipKind.PARTNER_OF)
                for child in family.children:
                    self.tie(someone.id, child.person_id, RelationshipKind.STEP_PARENT_OF)
                self.member(family, request, someone, kind, "Mother's partner", Side.MATERNAL,
                            household="Mother's household", pr=rng.random() < 0.1)
            elif kind == "great_grandmother":
                born = self.born(mother.born, (38, 50))
                someone = self.person(mother.heritage, Gender.FEMALE, born, older=True, address=self.home(),
                                      deceased=(self.today - born).days > 92 * YEAR)
                grandmother = family.role("maternal_grandmother")
                if grandmother is not None:
                    self.tie(someone.id, grandmother.person_id, RelationshipKind.PARENT_OF)
                self.member(family, request, someone, kind, "Maternal great-grandmother", Side.MATERNAL)
            elif kind in FRIEND_LABELS:
                heritage = names.HERITAGES[rng.choice(list(names.HERITAGE_WEIGHTS))]
                gender = rng.choice((Gender.FEMALE, Gender.MALE))
                someone = self.person(heritage, gender, self.born(self.today, (20, 70)), address=self.home())
                label = FRIEND_LABELS[kind].format(godparent="Godmother" if gender is Gender.FEMALE else "Godfather",
                                                   faith=rng.choice(names.FAITH_GROUPS))
                self.tie(mother.someone.id, someone.id, RelationshipKind.FRIEND_OF)
                self.member(family, request, someone, kind, label, Side.FRIENDS_COMMUNITY)
            else:
                self.professional(family, request, kind)

    def relative(self, family: Family, request: FamilyRequest, kind: str, parent: Parent) -> None:
        """An aunt or uncle (a child of the grandparents) or an adult cousin (a child of an aunt)."""
        rng = self.rng
        heritage = parent.heritage
        side = Side.MATERNAL if kind.endswith("_m") else Side.PATERNAL
        if kind.startswith("cousin"):
            someone = self.person(heritage, rng.choice((Gender.FEMALE, Gender.MALE)), self.born(self.today, (18, 30)),
                                  address=self.home())
            aunt = next((e for e in family.members if e.role == f"aunt{kind[-2:]}"), None)
            if aunt is not None:
                self.tie(aunt.person_id, someone.id, RelationshipKind.PARENT_OF)
            self.member(family, request, someone, kind, f"Cousin ({side.label.lower()} side)", side)
            return
        female = kind.startswith("aunt")
        gender = Gender.FEMALE if female else (Gender.NON_BINARY if rng.random() < 0.05 else Gender.MALE)
        dob = parent.born + timedelta(days=rng.choice((-1, 1)) * rng.randint(400, 4000))
        someone = self.person(heritage, gender, dob, family_name=parent.surname if rng.random() < 0.6 else None,
                              address=self.home())
        self.tie(parent.someone.id, someone.id, RelationshipKind.SIBLING_OF,
                 rng.choice((TieQuality.CLOSE, TieQuality.ORDINARY, TieQuality.DISTANT)))
        for role in (f"{side.value}_grandmother", f"{side.value}_grandfather"):
            grandparent = family.role(role)
            if grandparent is not None:
                self.tie(grandparent.person_id, someone.id, RelationshipKind.PARENT_OF)
        word = "aunt" if female else ("uncle" if gender is Gender.MALE else "relative (parent's sibling)")
        self.member(family, request, someone, kind, f"{side.label} {word}", side, tie=TieQuality.CLOSE)

    def professional(self, family: Family, request: FamilyRequest, kind: str) -> None:
        rng = self.rng
        title, organisation, domain = {
            "teacher": ("Class teacher", rng.choice(names.SCHOOLS), "school.example"),
            "health_visitor": ("Health visitor", "Exampleshire Health Visiting Service", names.HEALTH_DOMAIN),
            "support_worker": ("Family support worker", "Exampleshire Family Help", names.COUNCIL_DOMAIN),
            "youth_worker": ("Youth worker", rng.choice(names.COMMUNITY_GROUPS), "youth.example"),
        }[kind]
        gender = rng.choice((Gender.FEMALE, Gender.MALE))
        given = rng.choice(names.STAFF_FEMALE if gender is Gender.FEMALE else names.STAFF_MALE)
        surname = rng.choice(names.STAFF_FAMILY)
        person_id = self.rows.add(Person, uid=self.uid(), given_name=given, family_name=surname, gender=gender,
                                  email=f"{names.email_local(given, surname)}@{domain}",
                                  phone=names.phone(rng.randrange(1000), mobile=False))
        someone = Someone(person_id, f"{given} {surname}", f"{given} {surname}")
        self.member(family, request, someone, kind, f"{title}, {organisation}", Side.PROFESSIONAL)


ACCESS_NEEDS = ("", "", "", "", "Uses a wheelchair", "Hard of hearing: needs the hearing loop",
                "Dyslexic: prefers letters read over the phone")
FRIEND_LABELS = {"friend": "Family friend", "neighbour": "Neighbour", "godparent": "{godparent}",
                 "faith": "Member of {faith}"}


def add_agencies(rng: random.Random, rows: Rows, case_id: int, *, domestic_abuse: bool) -> None:
    """The organisations around the child, for the ecomap."""
    chosen = [(rng.choice(names.SCHOOLS), AgencyKind.SCHOOL, TieQuality.CLOSE),
              (rng.choice(names.GP_PRACTICES), AgencyKind.HEALTH, TieQuality.ORDINARY)]
    optional = [(rng.choice(names.HOUSING), AgencyKind.HOUSING, TieQuality.STRESSFUL),
                (rng.choice(names.FAITH_GROUPS), AgencyKind.FAITH, TieQuality.CLOSE),
                (rng.choice(names.COMMUNITY_GROUPS), AgencyKind.COMMUNITY, TieQuality.ORDINARY),
                ("Exampleshire Children's Social Care", AgencyKind.SOCIAL_CARE, TieQuality.STRESSFUL)]
    chosen += rng.sample(optional, rng.randint(0, 3))
    if domestic_abuse:
        chosen.append(("Exampleshire Police Domestic Abuse Unit", AgencyKind.POLICE, TieQuality.ORDINARY))
    for name, kind, tie in chosen:
        rows.add(Agency, case_id=case_id, name=name, kind=kind, tie=tie, sensitive=kind is AgencyKind.POLICE,
                 contact=names.phone(rng.randrange(1000), mobile=False))
