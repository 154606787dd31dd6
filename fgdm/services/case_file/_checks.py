"""The checks a schema cannot make: every file-local id points at something, and nothing clashes.

They run on files the schema may already have rejected, so each check looks only at values of the right
shape and leaves wrong shapes to the schema's own messages; together they report every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from fgdm.domain.support_categories import DEFAULT_SUPPORT_CATEGORIES, choice_problem
from fgdm.models import Case, Meeting, Person, Staff, Venue
from fgdm.services.case_file._schema import add_problem
from fgdm.services.shared.lookups import keyed

"""Values per IN (...) lookup, well inside every back end's parameter limit."""

Entry = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class DatabaseFacts:
    """What the target database already holds that a case file may clash with or point at."""

    staff: frozenset[str] = frozenset()
    venues: frozenset[str] = frozenset()
    references: frozenset[str] = frozenset()
    case_uids: frozenset[str] = frozenset()
    ical_uids: frozenset[str] = frozenset()
    la_child_ids: Mapping[str, str] = field(default_factory=dict)
    """Children's case-system ids already held, with the uid of the person holding each."""
    support_categories: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_SUPPORT_CATEGORIES))
    """The importing service's kinds of support: a file from another council may name others."""
    unseen_people: frozenset[str] = frozenset()
    """Uids of people on file only in cases the importer cannot open (the team database's row-level security)."""


@dataclass
class ImportClaims:
    """Unique values claimed by the files checked before this one in the same import, with their file."""

    references: dict[str, str] = field(default_factory=dict)
    case_uids: dict[str, str] = field(default_factory=dict)
    ical_uids: dict[str, str] = field(default_factory=dict)
    la_child_ids: dict[str, tuple[str, str]] = field(default_factory=dict)
    """A child's case-system id: the uid of the person given it, and the file."""


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def entries(container: Any, key: str, path: str = "$") -> list[Entry]:
    """(JSON path, entry) for each object in a list; other shapes are the schema's to report."""
    value = container.get(key) if isinstance(container, dict) else None
    if not isinstance(value, list):
        return []
    return [(f"{path}.{key}[{index}]", item) for index, item in enumerate(value) if isinstance(item, dict)]


def nested(parents: Iterable[Entry], key: str) -> list[Entry]:
    return [child for path, parent in parents for child in entries(parent, key, path)]


def existing(session: Session, key: Any, value: Any, wanted: Iterable[Any]) -> dict[Any, Any]:
    """{key: value} for the rows whose key is among the wanted ones."""
    return keyed(session, select(key, value), key, wanted)


def _items(container: Any, key: str) -> list[dict[str, Any]]:
    return [item for _, item in entries(container, key)]


def referenced_usernames(document: Any) -> Iterator[Any]:
    """Every username a file names: its staff section's and those its case, meetings and support point at."""
    case = document.get("case") if isinstance(document, dict) else None
    if isinstance(case, dict):
        yield case.get("referrer")
        yield case.get("coordinator")
        shared = case.get("shared_with")
        yield from shared if isinstance(shared, list) else []
    for meeting in _items(document, "meetings"):
        yield meeting.get("coordinator")
        yield from (attendee.get("staff") for attendee in _items(meeting, "attendees"))
    yield from (item.get("approved_by") for item in _items(document, "support"))
    yield from (item.get("username") for item in _items(document, "staff"))


def referenced_venues(document: Any) -> Iterator[Any]:
    """Every venue name a file's meetings point at."""
    yield from (meeting.get("venue") for meeting in _items(document, "meetings"))


def texts(documents: Sequence[Any], pick: Callable[[Any], Iterable[Any]]) -> set[str]:
    """The strings ``pick`` finds in any of the documents, less any holding a NUL: the file is refused for it, and
    PostgreSQL cannot even be asked about such text."""
    return {value for document in documents for value in pick(document)
            if isinstance(value, str) and "\x00" not in value}


def _case_fields(document: Any) -> list[Any]:
    case = document.get("case") if isinstance(document, dict) else None
    return [case.get("reference"), case.get("uid")] if isinstance(case, dict) else []


def database_facts(session: Session, documents: Sequence[Any],
                   support_categories: Mapping[str, str]) -> DatabaseFacts:
    """Bulk lookups of everything the files may clash with or point at, before any file is checked."""
    case_values = texts(documents, _case_fields)
    ical_uids = texts(documents, lambda d: [m.get("ical_uid") for m in _items(d, "meetings")])
    la_child_ids = texts(documents, lambda d: [p.get("la_child_id") for p in _items(d, "people")])
    person_uids = texts(documents, lambda d: [p.get("uid") for p in _items(d, "people")])
    facts = DatabaseFacts(
        support_categories=support_categories,
        staff=frozenset(existing(session, Staff.username, Staff.id, texts(documents, referenced_usernames))),
        venues=frozenset(existing(session, Venue.name, Venue.id, texts(documents, referenced_venues))),
        references=frozenset(existing(session, Case.reference, Case.id, case_values)),
        case_uids=frozenset(existing(session, Case.uid, Case.id, case_values)),
        ical_uids=frozenset(existing(session, Meeting.ical_uid, Meeting.id, ical_uids)),
        la_child_ids=existing(session, Person.la_child_id, Person.uid, la_child_ids),
    )
    if session.get_bind().dialect.name != "postgresql":
        return facts
    # A login sees only the rows of its own cases; what else is on file still clashes, so ask the server.
    def on_file(kind: str, wanted: set[str]) -> set[str]:
        if not wanted:
            return set()
        return set(session.execute(text("SELECT fgdm_on_file(:kind, :wanted)"),
                                   {"kind": kind, "wanted": sorted(wanted)}).scalars())

    seen_people = existing(session, Person.uid, Person.id, person_uids)
    return replace(
        facts, references=facts.references | on_file("reference", case_values),
        case_uids=facts.case_uids | on_file("case_uid", case_values),
        ical_uids=facts.ical_uids | on_file("ical_uid", ical_uids),
        la_child_ids={**{held: "" for held in on_file("la_child_id", la_child_ids)}, **facts.la_child_ids},
        unseen_people=frozenset(on_file("person_uid", person_uids) - set(seen_people)))


class _Checker:
    """Collects the problems of one file; the file's staff usernames are known once the staff are checked."""

    def __init__(self, facts: DatabaseFacts, claims: ImportClaims, file_name: str,
                 may_add_staff: Callable[[str], bool]) -> None:
        self.facts = facts
        self.claims = claims
        self.file_name = file_name
        self.may_add_staff = may_add_staff
        self.problems: dict[str, str] = {}
        self.usernames: set[str] = set()

    def add(self, path: str, message: str) -> None:
        add_problem(self.problems, path, message)

    def unique(self, items: list[Entry], key: str, what: str) -> set[Any]:
        """The values of one field, reporting each repeat; ids must be unique within their section."""
        seen: set[Any] = set()
        for path, item in items:
            value = item.get(key)
            if not (_is_id(value) or isinstance(value, str)):
                continue
            if value in seen:
                self.add(f"{path}.{key}", f"another {what} in this file has {key} {value!r}; make each one unique")
            seen.add(value)
        return seen

    def points_at(self, items: list[Entry], key: str, known: set[Any], what: str) -> None:
        for path, item in items:
            value = item.get(key)
            if _is_id(value) and value not in known:
                self.add(f"{path}.{key}", f"no {what} with id {value} in this file")

    def staff_ref(self, path: str, value: Any) -> None:
        if isinstance(value, str) and value and value not in self.usernames and value not in self.facts.staff:
            self.add(path, f"no member of staff with username {value!r} in this file's staff section or in "
                           "the database; add them to the staff section")

    def claim(self, path: str, value: Any, taken: frozenset[str], claimed: dict[str, str], what: str) -> None:
        if not isinstance(value, str):
            return
        if value in taken:
            self.add(path, f"{value!r} is already used by {what} in the database; this case may have been "
                           "imported before")
        elif value in claimed and claimed[value] != self.file_name:
            self.add(path, f"{value!r} is also used by {what} in {claimed[value]}")
        else:
            claimed[value] = self.file_name

    def acyclic(self, items: list[Entry], key: str, what: str) -> None:
        """Links within one section (plan versions, carried actions, linked meetings) must not loop."""
        parent = {item["id"]: item.get(key) for _, item in items if _is_id(item.get("id"))}
        for path, item in items:
            start, seen, current = item.get("id"), set(), item.get("id")
            while _is_id(current) and current not in seen:
                seen.add(current)
                current = parent.get(current)
            if current == start and _is_id(start):
                self.add(f"{path}.{key}", f"following {key} from {what} {start} comes back to it; break the loop")


def _check_staff(checker: _Checker, document: Any) -> None:
    staff = entries(document, "staff")
    checker.usernames = {name for name in checker.unique(staff, "username", "member of staff")
                         if isinstance(name, str)}
    for path, item in staff:
        username, role = item.get("username"), item.get("role", "coordinator")
        if isinstance(username, str) and username not in checker.facts.staff and isinstance(role, str) \
                and not checker.may_add_staff(role):
            checker.add(f"{path}.role", f"only an administrator may add a {role} ({username}); ask one to "
                                        "import this file, or to add them first")


def _check_case(checker: _Checker, document: Any) -> None:
    case = document.get("case") if isinstance(document, dict) else None
    if not isinstance(case, dict):
        return
    checker.claim("$.case.reference", case.get("reference"), checker.facts.references,
                  checker.claims.references, "another case")
    checker.claim("$.case.uid", case.get("uid"), checker.facts.case_uids, checker.claims.case_uids,
                  "another case")
    for key in ("referrer", "coordinator"):
        checker.staff_ref(f"$.case.{key}", case.get(key))
    shared = case.get("shared_with")
    if isinstance(shared, list):
        for index, username in enumerate(shared):
            checker.staff_ref(f"$.case.shared_with[{index}]", username)


def _check_la_child_id(checker: _Checker, path: str, value: Any, uid: Any) -> None:
    """A child's case-system id is one person's: the same person (by uid) may carry it in several files."""
    if not isinstance(value, str) or not isinstance(uid, str):
        return
    held = checker.facts.la_child_ids.get(value)
    if held is not None and held != uid:
        checker.add(path, f"{value!r} is already another child's LAchildID in the database; check the id in the "
                          "case system")
        return
    claimed = checker.claims.la_child_ids.setdefault(value, (uid, checker.file_name))
    if claimed[0] != uid:
        checker.add(path, f"{value!r} is also another child's LAchildID in {claimed[1]}")


def _check_network(checker: _Checker, document: Any) -> tuple[set[Any], set[Any]]:
    people = entries(document, "people")
    person_ids = checker.unique(people, "id", "person")
    checker.unique(people, "uid", "person")
    for path, person in people:
        if isinstance(person.get("uid"), str) and person["uid"] in checker.facts.unseen_people:
            checker.add(f"{path}.uid", "this person is on file in a case you cannot open; a manager can import "
                                       "this file, or share that case with you")
        _check_la_child_id(checker, f"{path}.la_child_id", person.get("la_child_id"), person.get("uid"))
    children = entries(document, "children")
    checker.points_at(children, "person_id", person_ids, "person")
    child_people = checker.unique(children, "person_id", "child")
    born = {person.get("id") for _, person in people if person.get("date_of_birth") and _is_id(person.get("id"))}
    for path, child in children:
        checker.unique(entries(child, "outcomes", path), "months_after", "outcome of this child")
        if _is_id(child.get("person_id")) and child["person_id"] not in born and not child.get("due_date"):
            checker.add(f"{path}.due_date", "give the child's date of birth (in people) or, for an unborn "
                                            "baby, the due date")
    network = entries(document, "network")
    member_ids = checker.unique(network, "id", "network member")
    checker.points_at(network, "person_id", person_ids, "person")
    checker.unique(network, "person_id", "network member")
    for path, member in network:
        if _is_id(member.get("person_id")) and member["person_id"] in child_people:
            checker.add(f"{path}.person_id", "is a child of this case, and a child cannot also be a member of "
                                             "their own case's network; remove this network entry")
    relationships = entries(document, "relationships")
    checker.points_at(relationships, "from_person_id", person_ids, "person")
    checker.points_at(relationships, "to_person_id", person_ids, "person")
    checker.points_at(entries(document, "exceptions"), "child_person_id", child_people, "child (by person id)")
    checker.points_at(entries(document, "letters"), "person_id", person_ids, "person")
    checker.points_at(entries(document, "offers"), "member_id", member_ids, "network member")
    for path, item in entries(document, "support"):
        checker.staff_ref(f"{path}.approved_by", item.get("approved_by"))
    checker.points_at(entries(document, "support"), "recipient_member_id", member_ids, "network member")
    return person_ids, member_ids


def _check_meetings(checker: _Checker, document: Any, member_ids: set[Any]) -> set[Any]:
    meetings = entries(document, "meetings")
    meeting_ids = checker.unique(meetings, "id", "meeting")
    checker.unique(meetings, "ical_uid", "meeting")
    checker.points_at(meetings, "linked_meeting_id", meeting_ids, "meeting")
    checker.acyclic(meetings, "linked_meeting_id", "meeting")
    venues = {name for name in checker.unique(entries(document, "venues"), "name", "venue")
              if isinstance(name, str)}
    for path, meeting in meetings:
        checker.claim(f"{path}.ical_uid", meeting.get("ical_uid"), checker.facts.ical_uids,
                      checker.claims.ical_uids, "another meeting")
        checker.staff_ref(f"{path}.coordinator", meeting.get("coordinator"))
        venue = meeting.get("venue")
        if isinstance(venue, str) and venue not in venues and venue not in checker.facts.venues:
            checker.add(f"{path}.venue", f"no venue named {venue!r} in this file's venues section or in the "
                                         "database; add it to the venues section")
        attendees = entries(meeting, "attendees", path)
        for attendee_path, attendee in attendees:
            if ("member_id" in attendee) == ("staff" in attendee):
                checker.add(attendee_path, "give either member_id (someone in the network) or staff "
                                           "(a username), not both or neither")
            checker.staff_ref(f"{attendee_path}.staff", attendee.get("staff"))
        checker.points_at(attendees, "member_id", member_ids, "network member")
        checker.unique([item for item in attendees if "member_id" in item[1]], "member_id", "attendee")
        checker.unique([item for item in attendees if "staff" in item[1]], "staff", "attendee")
    return meeting_ids


def _check_plans(checker: _Checker, document: Any, person_ids: set[Any], member_ids: set[Any],
                 meeting_ids: set[Any]) -> None:
    plans = entries(document, "plans")
    plan_ids = checker.unique(plans, "id", "plan")
    checker.unique(plans, "version_no", "plan")
    checker.points_at(plans, "based_on_id", plan_ids, "plan")
    checker.acyclic(plans, "based_on_id", "plan")
    checker.points_at(plans, "meeting_id", meeting_ids, "meeting")
    checker.points_at(plans, "plan_lead_member_id", member_ids, "network member")
    actions = nested(plans, "actions")
    action_ids = checker.unique(actions, "id", "plan action")
    checker.points_at(actions, "who_member_id", member_ids, "network member")
    checker.points_at(actions, "carried_from_id", action_ids, "plan action")
    checker.acyclic(actions, "carried_from_id", "plan action")
    checker.points_at(nested(plans, "distribution"), "person_id", person_ids, "person")
    support = entries(document, "support")
    checker.points_at(support, "plan_action_id", action_ids, "plan action")
    for path, item in support:
        category = item.get("category")
        if isinstance(category, str) and category not in checker.facts.support_categories:
            checker.add(f"{path}.category", choice_problem(checker.facts.support_categories, category)
                        + "; or add it under [support_categories] in config.toml")


def _check_confidential(checker: _Checker, document: Any, person_ids: set[Any], meeting_ids: set[Any]) -> None:
    """An address names whose it is; a venue or time names its meeting; each is kept from someone in the file."""
    kept = entries(document, "confidential_from")
    checker.points_at(kept, "person_id", person_ids, "person")
    checker.points_at(kept, "meeting_id", meeting_ids, "meeting")
    checker.points_at(kept, "hidden_from_person_id", person_ids, "person")
    for path, item in kept:
        if item.get("fact") == "address" and (item.get("person_id") is None or item.get("meeting_id") is not None):
            checker.add(path, "an address kept from someone needs person_id (whose address) and no meeting_id")
        elif item.get("fact") in {"venue", "time"} and (item.get("meeting_id") is None
                                                       or item.get("person_id") is not None):
            checker.add(path, "a venue or time kept from someone needs meeting_id (which meeting) and no person_id")
        if item.get("fact") == "address" and item.get("person_id") == item.get("hidden_from_person_id"):
            checker.add(f"{path}.hidden_from_person_id", "a person's own address cannot be kept from them")


def reference_problems(document: Any, *, facts: DatabaseFacts, claims: ImportClaims, file_name: str,
                       may_add_staff: Callable[[str], bool]) -> dict[str, str]:
    """Every dangling reference or clash in one document, keyed by JSON path; claims record its unique values."""
    checker = _Checker(facts, claims, file_name, may_add_staff)
    _check_staff(checker, document)
    _check_case(checker, document)
    person_ids, member_ids = _check_network(checker, document)
    meeting_ids = _check_meetings(checker, document, member_ids)
    _check_plans(checker, document, person_ids, member_ids, meeting_ids)
    _check_confidential(checker, document, person_ids, meeting_ids)
    return checker.problems
