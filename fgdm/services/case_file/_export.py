"""Reading one whole case out of the database into the case-file structure, one query per table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from fgdm.models import (
    Agency,
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
from fgdm.services.case_file._spec import FORMAT, VERSION, plain_values, to_json

R = TypeVar("R")


def _rows(session: Session, model: type[R], column: Any, values: Iterable[int], *order: Any) -> list[R]:
    wanted = sorted(set(values))
    if not wanted:
        return []
    return list(session.exec(select(model).where(col(column).in_(wanted)).order_by(*order)).all())


def _by(records: Iterable[Any], key: str) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for record in records:
        grouped[getattr(record, key)].append(record)
    return grouped


class _Exporter:
    """Holds the rows of one case while they are turned into the file's sections."""

    def __init__(self, session: Session, case: Case) -> None:
        self.session = session
        self.case = case

    @staticmethod
    def _staff(staff_id: int | None, names: dict[int, str]) -> str | None:
        return names[staff_id] if staff_id is not None else None

    def build(self, exported_at: datetime) -> dict[str, Any]:
        session, case = self.session, self.case
        children = _rows(session, CaseChild, CaseChild.case_id, [case.id], CaseChild.position, CaseChild.id)
        members = _rows(session, NetworkMember, NetworkMember.case_id, [case.id], NetworkMember.id)
        meetings = _rows(session, Meeting, Meeting.case_id, [case.id], Meeting.starts_at, Meeting.id)
        plans = _rows(session, FamilyPlan, FamilyPlan.case_id, [case.id], FamilyPlan.version_no, FamilyPlan.id)
        letters = _rows(session, LetterRecord, LetterRecord.case_id, [case.id], LetterRecord.id)
        support = _rows(session, SupportItem, SupportItem.case_id, [case.id], SupportItem.id)
        shares = _rows(session, CaseShare, CaseShare.case_id, [case.id], CaseShare.id)
        kept = _rows(session, ConfidentialFrom, ConfidentialFrom.case_id, [case.id], ConfidentialFrom.id)
        meeting_ids = [m.id for m in meetings]
        attendees = _by(_rows(session, MeetingAttendee, MeetingAttendee.meeting_id, meeting_ids,
                              MeetingAttendee.id), "meeting_id")
        plan_ids = [p.id for p in plans]
        actions = _by(_rows(session, PlanAction, PlanAction.plan_id, plan_ids, PlanAction.position, PlanAction.id),
                      "plan_id")
        distribution = _by(_rows(session, PlanDistribution, PlanDistribution.plan_id, plan_ids,
                                 PlanDistribution.id), "plan_id")

        person_ids = {c.person_id for c in children} | {m.person_id for m in members} | {
            letter.person_id for letter in letters} | {
            d.person_id for rows in distribution.values() for d in rows if d.person_id is not None} | {
            k.hidden_from_person_id for k in kept} | {k.person_id for k in kept if k.person_id is not None}
        staff_ids = {case.referrer_id, case.coordinator_id, *(s.staff_id for s in shares),
                     *(m.coordinator_id for m in meetings), *(s.approved_by_id for s in support),
                     *(a.staff_id for rows in attendees.values() for a in rows)}
        staff = _rows(session, Staff, Staff.id, [i for i in staff_ids if i is not None], Staff.username)
        usernames = {s.id: s.username for s in staff}
        venues = _rows(session, Venue, Venue.id, [m.venue_id for m in meetings if m.venue_id is not None],
                       Venue.name)
        venue_names = {v.id: v.name for v in venues}
        people = _rows(session, Person, Person.id, person_ids, Person.id)
        relationships = [r for r in _rows(session, Relationship, Relationship.from_person_id, person_ids,
                                          Relationship.id) if r.to_person_id in person_ids]
        child_person = {c.id: c.person_id for c in children}

        def person(p: Person) -> dict[str, Any]:
            return {"id": p.id, **plain_values(p)}

        file: dict[str, Any] = {
            "format": FORMAT, "version": VERSION, "exported_at": to_json(exported_at),
            "staff": [plain_values(s) for s in staff],
            "venues": [plain_values(v) for v in venues],
            "case": {**plain_values(case), "referrer": self._staff(case.referrer_id, usernames),
                     "coordinator": self._staff(case.coordinator_id, usernames),
                     "shared_with": [usernames[s.staff_id] for s in shares]},
            "people": [person(p) for p in people],
            "relationships": [{"from_person_id": r.from_person_id, "to_person_id": r.to_person_id,
                               **plain_values(r)} for r in relationships],
            "children": self._children(children),
            "network": [{"id": m.id, "person_id": m.person_id, **plain_values(m)} for m in members],
            "agencies": [plain_values(a) for a in
                         _rows(session, Agency, Agency.case_id, [case.id], Agency.id)],
            "meetings": self._meetings(meetings, attendees, usernames, venue_names),
            "offers": [{"member_id": o.network_member_id, **plain_values(o)} for o in
                       _rows(session, FgdmOffer, FgdmOffer.case_id, [case.id], FgdmOffer.offered_on, FgdmOffer.id)],
            "exceptions": [{"child_person_id": child_person.get(e.case_child_id) if e.case_child_id else None,
                            **plain_values(e)} for e in
                           _rows(session, BestInterestsException, BestInterestsException.case_id, [case.id],
                                 BestInterestsException.id)],
            "letters": [{"person_id": letter.person_id, **plain_values(letter)} for letter in letters],
            "plans": self._plans(plans, actions, distribution),
            "support": [{"recipient_member_id": s.recipient_member_id, "plan_action_id": s.plan_action_id,
                         "approved_by": self._staff(s.approved_by_id, usernames), **plain_values(s)}
                        for s in support],
            "confidential_from": [{"person_id": k.person_id, "meeting_id": k.meeting_id,
                                   "hidden_from_person_id": k.hidden_from_person_id, **plain_values(k)}
                                  for k in kept],
        }
        return file

    def _children(self, children: list[CaseChild]) -> list[dict[str, Any]]:
        child_ids = [c.id for c in children]
        outcomes = _by(_rows(self.session, ChildOutcome, ChildOutcome.case_child_id, child_ids,
                             ChildOutcome.months_after, ChildOutcome.id), "case_child_id")
        episodes = _by(_rows(self.session, PreProceedingsEpisode, PreProceedingsEpisode.case_child_id, child_ids,
                             PreProceedingsEpisode.pp_start_date, PreProceedingsEpisode.id), "case_child_id")
        return [{"person_id": c.person_id, **plain_values(c),
                 "outcomes": [plain_values(o) for o in outcomes.get(c.id, [])],
                 "pre_proceedings": [plain_values(e) for e in episodes.get(c.id, [])]} for c in children]

    def _meetings(self, meetings: list[Meeting], attendees: dict[int, list[MeetingAttendee]],
                  usernames: dict[int, str], venue_names: dict[int, str]) -> list[dict[str, Any]]:
        overrides = _by(_rows(self.session, WarningOverride, WarningOverride.meeting_id, [m.id for m in meetings],
                              WarningOverride.id), "meeting_id")

        def attendee(a: MeetingAttendee) -> dict[str, Any]:
            who = {"member_id": a.network_member_id} if a.network_member_id is not None else {
                "staff": usernames[a.staff_id]}
            return {**who, **plain_values(a)}

        return [{"id": m.id, "coordinator": self._staff(m.coordinator_id, usernames),
                 "venue": venue_names.get(m.venue_id) if m.venue_id else None,
                 "linked_meeting_id": m.linked_meeting_id, **plain_values(m),
                 "attendees": [attendee(a) for a in attendees.get(m.id, [])],
                 "warning_overrides": [plain_values(w) for w in overrides.get(m.id, [])]} for m in meetings]

    def _plans(self, plans: list[FamilyPlan], actions: dict[int, list[PlanAction]],
               distribution: dict[int, list[PlanDistribution]]) -> list[dict[str, Any]]:
        questions = _by(_rows(self.session, PlanQuestion, PlanQuestion.plan_id, [p.id for p in plans],
                              PlanQuestion.position, PlanQuestion.id), "plan_id")
        return [{"id": p.id, "based_on_id": p.based_on_id, "meeting_id": p.meeting_id,
                 "plan_lead_member_id": p.plan_lead_member_id, **plain_values(p),
                 "questions": [plain_values(q) for q in questions.get(p.id, [])],
                 "actions": [{"id": a.id, "who_member_id": a.who_member_id, "carried_from_id": a.carried_from_id,
                              **plain_values(a)} for a in actions.get(p.id, [])],
                 "distribution": [{"person_id": d.person_id, **plain_values(d)}
                                  for d in distribution.get(p.id, [])]} for p in plans]


def build_case_file(session: Session, case: Case, exported_at: datetime) -> dict[str, Any]:
    """The whole case as a version 1 case file (a dict ready for json.dumps)."""
    return _Exporter(session, case).build(exported_at)
