"""Writing checked case files into the database through the ORM, in batches, so the audit trail sees every row.

Rows are created stage by stage for a whole batch of files (cases, then networks, then meetings...), with
one flush per stage, so a thousand files cost a few hundred round trips rather than one per row. People,
staff and venues are looked up in bulk and shared: a grandmother in two files is one Person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from fgdm.models import (
    Agency,
    BestInterestsException,
    Case,
    CaseChild,
    CaseShare,
    ChildOutcome,
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
    Relationship,
    Staff,
    SupportItem,
    Venue,
    WarningOverride,
)
from fgdm.services import search_index
from fgdm.services.case_file_checks import LOOKUP_CHUNK, existing
from fgdm.services.case_file_spec import model_values

BATCH_FILES = 50
"""Files written per round of flushes: large enough to amortise round trips, small enough to show progress."""

ROWS_PER_FLUSH = 1000
"""New people, staff or venues flushed at a time."""

Progress = Callable[[str, int, int], None]
"""Called with the stage ("checking" or "writing"), the files done and the files in all."""
T = TypeVar("T")


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


def _chunks(values: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _list(container: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return container.get(key) or []


class _Shared:
    """Staff, venues and people: looked up once for the whole import, created once, shared by every file."""

    def __init__(self, session: Session, documents: Sequence[dict[str, Any]], result: ImportResult) -> None:
        self.session = session
        self.staff = self._find_or_add(Staff, Staff.username, "username",
                                       [s for d in documents for s in _list(d, "staff")], result, "staff_added")
        self.venues = self._find_or_add(Venue, Venue.name, "name",
                                        [v for d in documents for v in _list(d, "venues")], result, "venues_added")
        people = [p for d in documents for p in _list(d, "people")]
        self.people = self._find_or_add(Person, Person.uid, "uid", people, result, "people_added")
        result.people_already_known = len(self.people) - result.people_added
        self._add_relationships(documents)

    def _find_or_add(self, model: type, key: Any, name: str, items: list[dict[str, Any]], result: ImportResult,
                     counter: str) -> dict[str, int]:
        ids: dict[str, int] = existing(self.session, key, model.id, (item[name] for item in items))  # type: ignore[attr-defined]
        new: dict[str, Any] = {}
        for item in items:
            if item[name] not in ids and item[name] not in new:
                new[item[name]] = model(**model_values(model, item))
        for chunk in _chunks(list(new.values()), ROWS_PER_FLUSH):
            self.session.add_all(chunk)
            self.session.flush()
        ids.update({value: record.id for value, record in new.items()})
        setattr(result, counter, getattr(result, counter) + len(new))
        return ids

    def _add_relationships(self, documents: Sequence[dict[str, Any]]) -> None:
        """Ties between people are shared too: a tie already recorded (from another case) is not repeated."""
        wanted: dict[tuple[int, int, str], dict[str, Any]] = {}
        for document in documents:
            person = {p["id"]: self.people[p["uid"]] for p in _list(document, "people")}
            for item in _list(document, "relationships"):
                values = model_values(Relationship, item)
                key = (person[item["from_person_id"]], person[item["to_person_id"]], values["kind"].value)
                wanted.setdefault(key, values)
        if not wanted:
            return
        known: set[tuple[int, int, str]] = set()
        for chunk in _chunks(sorted({key[0] for key in wanted}), LOOKUP_CHUNK):
            rows = self.session.exec(select(Relationship.from_person_id, Relationship.to_person_id, Relationship.kind)
                                     .where(col(Relationship.from_person_id).in_(chunk))).all()
            known.update((from_id, to_id, kind.value) for from_id, to_id, kind in rows)
        self.session.add_all(Relationship(from_person_id=key[0], to_person_id=key[1], **values)
                             for key, values in wanted.items() if key not in known)

    def staff_id(self, username: str | None) -> int | None:
        return self.staff[username] if username else None


def _depths(items: list[dict[str, Any]], key: str) -> dict[int, int]:
    """How far each item is from the root of its chain (plan versions, carried actions, linked meetings)."""
    parent = {item["id"]: item.get(key) for item in items}
    depths: dict[int, int] = {}
    for item_id in parent:
        chain, current = [], item_id
        while current is not None and current not in depths:
            chain.append(current)
            current = parent[current]
        depth = -1 if current is None else depths[current]
        for link in reversed(chain):
            depth += 1
            depths[link] = depth
    return depths


class _CaseWriter:
    """One file's rows, added stage by stage; each stage may use the ids the previous flush assigned."""

    def __init__(self, session: Session, document: dict[str, Any], shared: _Shared) -> None:
        self.session = session
        self.document = document
        self.shared = shared
        self.now = session.info["clock"]()
        self.people = {p["id"]: shared.people[p["uid"]] for p in _list(document, "people")}
        self.children: dict[int, CaseChild] = {}
        self.members: dict[int, NetworkMember] = {}
        self.meetings: dict[int, Meeting] = {}
        self.plans: dict[int, FamilyPlan] = {}
        self.actions: dict[int, PlanAction] = {}
        self.meeting_depth = _depths(_list(document, "meetings"), "linked_meeting_id")
        self.plan_depth = _depths(_list(document, "plans"), "based_on_id")
        self.action_depth = _depths([a for p in _list(document, "plans") for a in _list(p, "actions")],
                                    "carried_from_id")
        self.case = self._add_case()

    def _add(self, model: type[T], **values: Any) -> T:
        """A new row in the session; the timestamps are given so the model skips its slow default factories."""
        record = model(**values, created_at=self.now, updated_at=self.now)
        self.session.add(record)
        return record

    def _add_case(self) -> Case:
        item = self.document["case"]
        return self._add(Case, **model_values(Case, item), referrer_id=self.shared.staff_id(item.get("referrer")),
                         coordinator_id=self.shared.staff_id(item.get("coordinator")))

    def add_network(self) -> None:
        case_id = self.case.id
        for item in _list(self.document, "children"):
            self.children[item["person_id"]] = self._add(
                CaseChild, case_id=case_id, person_id=self.people[item["person_id"]], **model_values(CaseChild, item))
        for item in _list(self.document, "network"):
            self.members[item["id"]] = self._add(
                NetworkMember, case_id=case_id, person_id=self.people[item["person_id"]],
                **model_values(NetworkMember, item))
        for item in _list(self.document, "agencies"):
            self._add(Agency, case_id=case_id, **model_values(Agency, item))
        for username in self.document["case"].get("shared_with") or []:
            self._add(CaseShare, case_id=case_id, staff_id=self.shared.staff[username])

    def _id(self, records: dict[int, Any], ref: int | None) -> int | None:
        return records[ref].id if ref is not None else None

    def add_meetings(self, depth: int) -> None:
        for item in _list(self.document, "meetings"):
            if self.meeting_depth[item["id"]] != depth:
                continue
            venue = item.get("venue")
            self.meetings[item["id"]] = self._add(
                Meeting, case_id=self.case.id, coordinator_id=self.shared.staff_id(item.get("coordinator")),
                venue_id=self.shared.venues[venue] if venue else None,
                linked_meeting_id=self._id(self.meetings, item.get("linked_meeting_id")),
                **model_values(Meeting, item))

    def add_case_records(self) -> None:
        """Everything hanging off children, members and meetings, none of which refer to each other."""
        case_id = self.case.id
        for item in _list(self.document, "children"):
            for outcome in _list(item, "outcomes"):
                self._add(ChildOutcome, case_child_id=self.children[item["person_id"]].id,
                          **model_values(ChildOutcome, outcome))
        for item in _list(self.document, "meetings"):
            meeting_id = self.meetings[item["id"]].id
            for attendee in _list(item, "attendees"):
                self._add(MeetingAttendee, meeting_id=meeting_id,
                          network_member_id=self._id(self.members, attendee.get("member_id")),
                          staff_id=self.shared.staff_id(attendee.get("staff")),
                          **model_values(MeetingAttendee, attendee))
            for override in _list(item, "warning_overrides"):
                self._add(WarningOverride, meeting_id=meeting_id, **model_values(WarningOverride, override))
        for item in _list(self.document, "offers"):
            self._add(FgdmOffer, case_id=case_id, network_member_id=self.members[item["member_id"]].id,
                      **model_values(FgdmOffer, item))
        for item in _list(self.document, "exceptions"):
            self._add(BestInterestsException, case_id=case_id,
                      case_child_id=self._id(self.children, item.get("child_person_id")),
                      **model_values(BestInterestsException, item))
        for item in _list(self.document, "letters"):
            self._add(LetterRecord, case_id=case_id, person_id=self.people[item["person_id"]],
                      **model_values(LetterRecord, item))

    def add_plans(self, depth: int) -> None:
        for item in _list(self.document, "plans"):
            if self.plan_depth[item["id"]] != depth:
                continue
            self.plans[item["id"]] = self._add(
                FamilyPlan, case_id=self.case.id, based_on_id=self._id(self.plans, item.get("based_on_id")),
                meeting_id=self._id(self.meetings, item.get("meeting_id")),
                plan_lead_member_id=self._id(self.members, item.get("plan_lead_member_id")),
                **model_values(FamilyPlan, item))

    def add_plan_details(self) -> None:
        for item in _list(self.document, "plans"):
            plan_id = self.plans[item["id"]].id
            for question in _list(item, "questions"):
                self._add(PlanQuestion, plan_id=plan_id, **model_values(PlanQuestion, question))
            for sent in _list(item, "distribution"):
                person = sent.get("person_id")
                self._add(PlanDistribution, plan_id=plan_id, person_id=self.people[person] if person else None,
                          **model_values(PlanDistribution, sent))

    def add_actions(self, depth: int) -> None:
        for item in _list(self.document, "plans"):
            for action in _list(item, "actions"):
                if self.action_depth[action["id"]] != depth:
                    continue
                self.actions[action["id"]] = self._add(
                    PlanAction, plan_id=self.plans[item["id"]].id,
                    who_member_id=self._id(self.members, action.get("who_member_id")),
                    carried_from_id=self._id(self.actions, action.get("carried_from_id")),
                    **model_values(PlanAction, action))

    def add_support(self) -> None:
        for item in _list(self.document, "support"):
            self._add(SupportItem, case_id=self.case.id,
                      recipient_member_id=self._id(self.members, item.get("recipient_member_id")),
                      plan_action_id=self._id(self.actions, item.get("plan_action_id")),
                      approved_by_id=self.shared.staff_id(item.get("approved_by")), **model_values(SupportItem, item))

    def summary(self) -> ImportedCase:
        return ImportedCase(case_id=self.case.id, reference=self.case.reference, family_name=self.case.family_name,
                            children=len(self.children), network_members=len(self.members),
                            meetings=len(self.meetings), plans=len(self.plans))


def _levels(writers: list[_CaseWriter], attribute: str) -> range:
    return range(1 + max((max(getattr(w, attribute).values(), default=0) for w in writers), default=0))


def _write_batch(session: Session, documents: Sequence[dict[str, Any]], shared: _Shared) -> list[ImportedCase]:
    writers = [_CaseWriter(session, document, shared) for document in documents]
    session.flush()
    stages: list[Callable[[_CaseWriter], None]] = [_CaseWriter.add_network]
    stages += [lambda w, d=depth: w.add_meetings(d) for depth in _levels(writers, "meeting_depth")]
    stages += [_CaseWriter.add_case_records]
    stages += [lambda w, d=depth: w.add_plans(d) for depth in _levels(writers, "plan_depth")]
    stages += [_CaseWriter.add_plan_details]
    stages += [lambda w, d=depth: w.add_actions(d) for depth in _levels(writers, "action_depth")]
    stages += [_CaseWriter.add_support]
    for stage in stages:
        for writer in writers:
            stage(writer)
        session.flush()
    for writer in writers:
        search_index.refresh_case(session, writer.case)
    session.flush()
    return [writer.summary() for writer in writers]


def write_case_files(session: Session, documents: Sequence[dict[str, Any]],
                     progress: Progress | None = None) -> ImportResult:
    """Write files that have passed every check; the caller owns the transaction."""
    result = ImportResult()
    shared = _Shared(session, documents, result)
    for start in range(0, len(documents), BATCH_FILES):
        result.cases.extend(_write_batch(session, documents[start:start + BATCH_FILES], shared))
        if progress is not None:
            progress("writing", len(result.cases), len(documents))
    return result
