"""Writing checked case files into the database: rows built in memory, then each table inserted in bulk.

Every file has passed the schema and the reference checks, so every file-local id it uses points at
something in the same file. Ids are reserved first (bulk_insert.IdPool), which lets each row name its
parents before any row is written; then a batch of files goes in table by table, one executemany each.
Staff, venues and people are matched to rows already on file with one lookup per 500 keys and created
once for the whole import: a grandmother in two files is one Person.

The audit trail gets one "import" event per case, whose details name the file and count the rows of each
table it created, plus one event for the import as a whole listing the staff and venues it added and how
many people it added or linked. Writing a full "create" event for each of the ~120 rows of a case would
cost more than writing the rows themselves (every column serialised to JSON, a second row per row), and
would only repeat the file: the rows as imported are the file's content, which the event names, and
every later change to them is audited row by row as usual. The History tab therefore shows an imported
case as one line, "import case: reference ...; file ...; network member: 14; ...".
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, SQLModel, select

from fgdm.models import (
    Agency,
    AuditEvent,
    BestInterestsException,
    Case,
    CaseChild,
    CaseShare,
    ChildOutcome,
    ConfidentialFrom,
    FamilyPlan,
    FgdmOffer,
    LetterRecord,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    PlanAction,
    PlanDistribution,
    PlanQuestion,
    PreProceedingsEpisode,
    Relationship,
    Staff,
    SupportItem,
    Venue,
    WarningOverride,
)
from fgdm.services.case_file._checks import existing, referenced_usernames, referenced_venues, texts
from fgdm.services.case_file._spec import model_values
from fgdm.services.shared import attention
from fgdm.services.shared.bulk_insert import BulkInserts, IdPool
from fgdm.services.shared.lookups import among

BATCH_FILES = 100
"""Files written per round of inserts: large enough to amortise each executemany, small enough to show progress."""

INSERT_ORDER: tuple[type[SQLModel], ...] = (
    Staff, Venue, Person, Case, CaseChild, NetworkMember, Relationship, Agency, CaseShare, Meeting,
    MeetingAttendee, WarningOverride, ChildOutcome, PreProceedingsEpisode, FgdmOffer, BestInterestsException,
    LetterRecord, FamilyPlan, PlanQuestion, PlanDistribution, PlanAction, SupportItem, ConfidentialFrom,
    AuditEvent,
)
"""Parents before children; rows pointing at rows of their own table are queued after those rows. Relationships
come after the memberships: on the team database a login may tie only people it sees through its cases."""

Progress = Callable[[str, int, int], None]
"""Called with the stage ("checking" or "writing"), the files done and the files in all."""


@dataclass
class ImportedCase:
    """One case written, with the counts the command line reports."""

    case_id: int
    reference: str
    family_name: str
    children: int
    network_members: int
    meetings: int
    plans: int


@dataclass
class ImportResult:
    """What an import wrote, for the command line's summary."""

    cases: list[ImportedCase] = field(default_factory=list)
    people_added: int = 0
    people_already_known: int = 0
    staff_added: int = 0
    venues_added: int = 0
    undecided: dict[str, int] = field(default_factory=dict)
    """What arrived undecided, as the sentence for each kind and how many (see ``_decisions``)."""


def _list(container: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return container.get(key) or []


def _names(given_name: str, family_name: str, known_as: str | None) -> str:
    """A person's names as search_index.search_text_for joins them."""
    return " ".join(part for part in (given_name, family_name, known_as) if part)


def _parents_first(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Items ordered so that each comes after the item its ``key`` points at (the checks ruled out loops)."""
    by_id = {item["id"]: item for item in items}
    depth: dict[Any, int] = {}
    for item in items:
        chain, current = [], item["id"]
        while current is not None and current not in depth:
            chain.append(current)
            current = by_id[current].get(key)
        level = -1 if current is None else depth[current]
        for link in reversed(chain):
            level += 1
            depth[link] = level
    return sorted(items, key=lambda item: depth[item["id"]])


class _Pending:
    """Rows waiting to be written, per table, and the ids they take."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.connection = session.connection()
        self.ids = IdPool(self.connection)
        self.rows: dict[type[SQLModel], list[dict[str, Any]]] = {model: [] for model in INSERT_ORDER}
        self.inserts = BulkInserts(self.connection, now)

    def add(self, model: type[SQLModel], values: dict[str, Any]) -> int:
        values["id"] = row_id = self.ids.take(model)
        self.rows[model].append(values)
        return row_id

    def write(self) -> None:
        for model in INSERT_ORDER:
            self.inserts.insert(model, self.rows[model])
            self.rows[model] = []


class _Shared:
    """Staff, venues and people: matched to rows on file in bulk, created once, shared by every file."""

    def __init__(self, session: Session, documents: Sequence[dict[str, Any]], pending: _Pending,
                 result: ImportResult) -> None:
        self.session = session
        self.pending = pending
        self.staff, self.staff_added = self._find_or_add(
            Staff, Staff.username, "username", [s for d in documents for s in _list(d, "staff")],
            texts(documents, referenced_usernames))
        self.venues, self.venues_added = self._find_or_add(
            Venue, Venue.name, "name", [v for d in documents for v in _list(d, "venues")],
            texts(documents, referenced_venues))
        self.people: dict[str, int] = {}
        self.names: dict[int, str] = {}
        self.people_on_file: set[int] = set()
        self._add_people([p for d in documents for p in _list(d, "people")], result)
        self.relationships_added = self._add_relationships(documents)
        result.staff_added, result.venues_added = len(self.staff_added), len(self.venues_added)

    def _find_or_add(self, model: type[SQLModel], key: Any, name: str, items: list[dict[str, Any]],
                     referenced: set[str]) -> tuple[dict[str, int], list[str]]:
        """The rows on file of those the files list or point at (a file may point at staff or a venue the
        database has without listing them, as the checks allow), and the listed ones added that are not."""
        wanted = referenced | {item[name] for item in items}
        ids: dict[str, int] = existing(self.session, key, model.id, wanted)  # type: ignore[attr-defined]
        added: list[str] = []
        for item in items:
            if item[name] not in ids:
                ids[item[name]] = self.pending.add(model, model_values(model, item))
                added.append(item[name])
        return ids, added

    def _add_people(self, items: list[dict[str, Any]], result: ImportResult) -> None:
        """People already on file (by uid) are linked, keeping the names on file; the rest are added."""
        for condition in among(self.session, Person.uid, sorted({item["uid"] for item in items})):
            for uid, person_id, given, family, known_as in self.session.exec(
                    select(Person.uid, Person.id, Person.given_name, Person.family_name, Person.known_as)
                    .where(condition)):
                self.people[uid] = person_id
                self.names[person_id] = _names(given, family, known_as)
        self.people_on_file = set(self.people.values())
        for item in items:
            if item["uid"] not in self.people:
                person_id = self.people[item["uid"]] = self.pending.add(Person, model_values(Person, item))
                self.names[person_id] = _names(item["given_name"], item.get("family_name", ""), item.get("known_as"))
                result.people_added += 1
        result.people_already_known = len(self.people) - result.people_added

    def _add_relationships(self, documents: Sequence[dict[str, Any]]) -> int:
        """Ties between people are shared too: a tie already recorded (from another case) is not repeated."""
        wanted: dict[tuple[int, int, str], dict[str, Any]] = {}
        for document in documents:
            person = {p["id"]: self.people[p["uid"]] for p in _list(document, "people")}
            for item in _list(document, "relationships"):
                values = model_values(Relationship, item)
                key = (person[item["from_person_id"]], person[item["to_person_id"]], values["kind"])
                wanted.setdefault(key, values)
        between_known = sorted({key[0] for key in wanted if {key[0], key[1]} <= self.people_on_file})
        known: set[tuple[int, int, str]] = set()
        for condition in among(self.session, Relationship.from_person_id, between_known):
            rows = self.session.exec(select(Relationship.from_person_id, Relationship.to_person_id, Relationship.kind)
                                     .where(condition)).all()
            known.update((from_id, to_id, kind.value) for from_id, to_id, kind in rows)
        new = [(key, values) for key, values in wanted.items() if key not in known]
        for (from_id, to_id, _), values in new:
            self.pending.add(Relationship, {**values, "from_person_id": from_id, "to_person_id": to_id})
        return len(new)

    def staff_id(self, username: str | None) -> int | None:
        return self.staff[username] if username else None

    def venue_id(self, name: str | None) -> int | None:
        return self.venues[name] if name else None


class _CaseRows:
    """One file's rows queued table by table; file-local ids become the ids reserved for each row."""

    def __init__(self, document: dict[str, Any], name: str, shared: _Shared, pending: _Pending,
                 audit: dict[str, Any]) -> None:
        self.document = document
        self.shared = shared
        self.pending = pending
        self.counts: Counter[str] = Counter()
        self.people = {p["id"]: shared.people[p["uid"]] for p in _list(document, "people")}
        item = document["case"]
        self.reference, self.family_name = item["reference"], item["family_name"]
        self.case_id = self._add(Case, model_values(Case, item), referrer_id=shared.staff_id(item.get("referrer")),
                                 coordinator_id=shared.staff_id(item.get("coordinator")),
                                 search_text=self._search_text())
        self.children = {child["person_id"]: self._add(CaseChild, model_values(CaseChild, child),
                                                       person_id=self.people[child["person_id"]])
                         for child in _list(document, "children")}
        self.members = {member["id"]: self._add(NetworkMember, model_values(NetworkMember, member),
                                                person_id=self.people[member["person_id"]])
                        for member in _list(document, "network")}
        self.meetings: dict[int, int] = {}
        self.plans: dict[int, int] = {}
        self.actions: dict[int, int] = {}
        self._add_case_records()
        self._add_meetings()
        self._add_plans()
        self._add_support()
        self._add_confidential()
        self.pending.add(AuditEvent, {**audit, "record_id": self.case_id, "case_id": self.case_id,
                                      "changes": json.dumps({"reference": self.reference, "file": name,
                                                             **dict(sorted(self.counts.items()))},
                                                            ensure_ascii=False)})

    def _search_text(self) -> str:
        """What search_index.search_text_for would compute: reference, family name, children's then members' names."""
        names = [self.shared.names[self.people[item["person_id"]]]
                 for key in ("children", "network") for item in _list(self.document, key)]
        return " ".join([self.reference, self.family_name, *names]).casefold()

    def _add(self, model: type[SQLModel], values: dict[str, Any], *, case: bool = True, **links: Any) -> int:
        values.update(links)
        if case and model is not Case:
            values["case_id"] = self.case_id
        self.counts[model.__tablename__] += 1  # type: ignore[attr-defined]
        return self.pending.add(model, values)

    def _member(self, ref: int | None) -> int | None:
        return self.members[ref] if ref is not None else None

    def _add_case_records(self) -> None:
        """Rows hanging off the case, its children and its members, none pointing at meetings or plans."""
        for item in _list(self.document, "agencies"):
            self._add(Agency, model_values(Agency, item))
        for username in self.document["case"].get("shared_with") or []:
            self._add(CaseShare, {}, staff_id=self.shared.staff[username])
        for item in _list(self.document, "children"):
            for outcome in _list(item, "outcomes"):
                self._add(ChildOutcome, model_values(ChildOutcome, outcome), case=False,
                          case_child_id=self.children[item["person_id"]])
            for episode in _list(item, "pre_proceedings"):
                self._add(PreProceedingsEpisode, model_values(PreProceedingsEpisode, episode),
                          case_child_id=self.children[item["person_id"]])
        for item in _list(self.document, "offers"):
            self._add(FgdmOffer, model_values(FgdmOffer, item), network_member_id=self.members[item["member_id"]])
        for item in _list(self.document, "exceptions"):
            child = item.get("child_person_id")
            self._add(BestInterestsException, model_values(BestInterestsException, item),
                      case_child_id=self.children[child] if child is not None else None)
        for item in _list(self.document, "letters"):
            self._add(LetterRecord, model_values(LetterRecord, item), person_id=self.people[item["person_id"]])

    def _add_meetings(self) -> None:
        for item in _parents_first(_list(self.document, "meetings"), "linked_meeting_id"):
            linked = item.get("linked_meeting_id")
            meeting_id = self.meetings[item["id"]] = self._add(
                Meeting, model_values(Meeting, item), coordinator_id=self.shared.staff_id(item.get("coordinator")),
                venue_id=self.shared.venue_id(item.get("venue")),
                linked_meeting_id=self.meetings[linked] if linked is not None else None)
            for attendee in _list(item, "attendees"):
                self._add(MeetingAttendee, model_values(MeetingAttendee, attendee), case=False, meeting_id=meeting_id,
                          network_member_id=self._member(attendee.get("member_id")),
                          staff_id=self.shared.staff_id(attendee.get("staff")))
            for override in _list(item, "warning_overrides"):
                self._add(WarningOverride, model_values(WarningOverride, override), case=False,
                          meeting_id=meeting_id)

    def _add_plans(self) -> None:
        plans = _parents_first(_list(self.document, "plans"), "based_on_id")
        for item in plans:
            based_on, meeting = item.get("based_on_id"), item.get("meeting_id")
            plan_id = self.plans[item["id"]] = self._add(
                FamilyPlan, model_values(FamilyPlan, item),
                based_on_id=self.plans[based_on] if based_on is not None else None,
                meeting_id=self.meetings[meeting] if meeting is not None else None,
                plan_lead_member_id=self._member(item.get("plan_lead_member_id")))
            for question in _list(item, "questions"):
                self._add(PlanQuestion, model_values(PlanQuestion, question), case=False, plan_id=plan_id)
            for sent in _list(item, "distribution"):
                person = sent.get("person_id")
                self._add(PlanDistribution, model_values(PlanDistribution, sent), case=False, plan_id=plan_id,
                          person_id=self.people[person] if person else None)
        plan_of = {action["id"]: self.plans[plan["id"]] for plan in plans for action in _list(plan, "actions")}
        actions = [action for plan in plans for action in _list(plan, "actions")]
        for action in _parents_first(actions, "carried_from_id"):
            carried = action.get("carried_from_id")
            self.actions[action["id"]] = self._add(
                PlanAction, model_values(PlanAction, action), case=False, plan_id=plan_of[action["id"]],
                who_member_id=self._member(action.get("who_member_id")),
                carried_from_id=self.actions[carried] if carried is not None else None)

    def _add_support(self) -> None:
        for item in _list(self.document, "support"):
            action = item.get("plan_action_id")
            self._add(SupportItem, model_values(SupportItem, item),
                      recipient_member_id=self._member(item.get("recipient_member_id")),
                      plan_action_id=self.actions[action] if action is not None else None,
                      approved_by_id=self.shared.staff_id(item.get("approved_by")))

    def _add_confidential(self) -> None:
        """Facts kept from named members, after the meetings they may name: a transfer must not lose them."""
        for item in _list(self.document, "confidential_from"):
            person, meeting = item.get("person_id"), item.get("meeting_id")
            self._add(ConfidentialFrom, model_values(ConfidentialFrom, item),
                      person_id=self.people[person] if person is not None else None,
                      meeting_id=self.meetings[meeting] if meeting is not None else None,
                      hidden_from_person_id=self.people[item["hidden_from_person_id"]])

    def summary(self) -> ImportedCase:
        return ImportedCase(case_id=self.case_id, reference=self.reference, family_name=self.family_name,
                            children=len(self.children), network_members=len(self.members),
                            meetings=len(self.meetings), plans=len(self.plans))


def write_case_files(session: Session, documents: Sequence[dict[str, Any]], names: Sequence[str],
                     progress: Progress | None = None) -> ImportResult:
    """Write files that have passed every check, with their audit events; the caller owns the transaction."""
    now = session.info["clock"]()
    audit = {"at": now, "actor": session.info.get("actor", "unknown"), "action": "import"}
    result = ImportResult()
    pending = _Pending(session, now)
    shared = _Shared(session, documents, pending, result)
    pending.add(AuditEvent, {**audit, "table_name": "case_file", "record_id": None, "case_id": None,
                             "changes": json.dumps({
                                 "cases": len(documents), "people_added": result.people_added,
                                 "people_already_known": result.people_already_known,
                                 "relationships_added": shared.relationships_added,
                                 "staff_added": shared.staff_added, "venues_added": shared.venues_added},
                                 ensure_ascii=False)})
    case_audit = {**audit, "table_name": "fgdm_case"}
    for start in range(0, len(documents), BATCH_FILES):
        batch = range(start, min(start + BATCH_FILES, len(documents)))
        result.cases.extend(_CaseRows(documents[index], names[index], shared, pending, case_audit).summary()
                            for index in batch)
        pending.write()
        if progress is not None:
            progress("writing", len(result.cases), len(documents))
    attention.changed(session, [case.case_id for case in result.cases])
    return result

