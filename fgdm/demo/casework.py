"""One fictional case's work: its timeline, meetings, s.31ZA offers, family plans, support and outcomes.

Everything follows from the case's stage and dates, so the data obey the rules the services enforce:
offers only to parents and PR holders of pre-proceedings children, plans only after a meeting was held,
meetings that end after they start, support amounts that are positive.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from fgdm.demo import names, wording
from fgdm.demo.family import Entry, Family
from fgdm.demo.rows import Rows
from fgdm.demo.wording import CaseWords
from fgdm.domain.enums import (
    ActionStatus,
    Attendance,
    CaseStatus,
    ClosureReason,
    ContactStatus,
    ExceptionScope,
    Frequency,
    LivingArrangement,
    MeetingKind,
    MeetingStatus,
    NotAgreedReason,
    OfferMethod,
    OfferResponse,
    PlanStatus,
    Side,
    SupportStatus,
)
from fgdm.models import (
    BestInterestsException,
    ChildOutcome,
    FamilyPlan,
    FgdmOffer,
    Meeting,
    MeetingAttendee,
    PlanAction,
    PlanDistribution,
    PlanQuestion,
    SupportItem,
)
from fgdm.services.shared.clock import london_datetime


@dataclass
class CaseSpec:
    """What a case is like before it is built: its stage, dates and the hard features it must show."""

    stage: CaseStatus
    referral_date: date
    closure: ClosureReason | None = None
    pre_proceedings: bool = False
    meeting_held: bool = False
    responses: tuple[OfferResponse, ...] = ()
    exception: ExceptionScope | None = None
    lbp_date: date | None = None
    confidential: bool = False
    not_told: bool = False
    excluded: bool = False
    separately: bool = False
    special_guardian: bool = False
    own_language: bool = False
    heritage: tuple[str, str] | None = None
    surnames: tuple[str | None, str | None] = (None, None)
    share_grandparents: bool = False
    unborn: bool = False
    days_to_meeting: int | None = None
    census_gaps: tuple[str, ...] = ()
    """CIN census module 5 items left unrecorded ("decision", "reviews"), for the census's queries."""

    @property
    def prepared(self) -> bool:
        return self.stage is not CaseStatus.REFERRED


@dataclass
class Timeline:
    baseline: date
    visits: list[date] = field(default_factory=list)
    fgdm: date | None = None
    postponed: date | None = None
    reviews: list[date] = field(default_factory=list)
    next_review: date | None = None
    closed_on: date | None = None

    @property
    def last_event(self) -> date:
        dates = [self.baseline, *self.visits, *self.reviews, *(d for d in (self.fgdm, self.closed_on) if d)]
        return max(dates)


@dataclass
class Staffing:
    """The staff a case's records name: who coordinates, who referred, who approves."""

    coordinator_id: int
    coordinator_name: str
    referrer_id: int
    referrer_name: str
    manager_id: int
    manager_name: str
    venues: list[int]


def working_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


def plan_timeline(rng: random.Random, spec: CaseSpec, today: date) -> Timeline:
    """The dates of a case's cycle, consistent with its stage (nothing held lies in the future)."""
    referral = spec.referral_date
    line = Timeline(baseline=working_day(referral + timedelta(days=rng.randint(1, 5))))
    if not spec.prepared:
        return line
    fgdm = working_day(referral + timedelta(days=spec.days_to_meeting or rng.randint(28, 56)))
    latest = {CaseStatus.MEETING_HELD: today - timedelta(days=1), CaseStatus.PLAN_AGREED: today - timedelta(days=4),
              CaseStatus.REVIEWING: today - timedelta(days=45)}.get(spec.stage, today - timedelta(days=1))
    if spec.meeting_held:
        fgdm = min(fgdm, latest)
        while fgdm.weekday() >= 5:
            fgdm -= timedelta(days=1)
        line.fgdm = max(fgdm, line.baseline + timedelta(days=7))
    elif spec.stage is CaseStatus.PREPARING and rng.random() < 0.75:
        line.fgdm = working_day(max(fgdm, today + timedelta(days=rng.randint(3, 21))))
    elif spec.stage is CaseStatus.CLOSED and spec.closure is ClosureReason.FAMILY_DECLINED and rng.random() < 0.5:
        line.fgdm = min(fgdm, today - timedelta(days=2))
    if line.fgdm and rng.random() < 0.15 and line.fgdm - line.baseline > timedelta(days=21):
        line.postponed = working_day(line.fgdm - timedelta(days=rng.randint(7, 14)))
    end = (line.postponed or line.fgdm or today + timedelta(days=14)) - timedelta(days=2)
    span = max(1, (end - line.baseline).days - 1)
    line.visits = sorted({working_day(line.baseline + timedelta(days=1 + rng.randrange(span)))
                          for _ in range(rng.choices((1, 2, 3), (50, 35, 15))[0])})
    if spec.stage is CaseStatus.CLOSED and not line.visits:
        line.visits = [line.baseline]
    _reviews(rng, spec, line, today)
    return line


def _reviews(rng: random.Random, spec: CaseSpec, line: Timeline, today: date) -> None:
    if not spec.meeting_held or line.fgdm is None:
        if spec.stage is CaseStatus.CLOSED:
            last = max([line.baseline, *line.visits, *(d for d in (line.fgdm,) if d)])
            line.closed_on = min(today, last + timedelta(days=rng.randint(3, 30)))
        return

    def step(day: date) -> date:
        """Reviews fall 6 to 13 weeks apart."""
        return working_day(day + timedelta(days=rng.randint(42, 91)))

    if spec.stage is CaseStatus.PLAN_AGREED:
        line.next_review = max(step(line.fgdm), working_day(today + timedelta(days=rng.randint(1, 21))))
        return
    if spec.stage is CaseStatus.REVIEWING or spec.closure is ClosureReason.PLAN_COMPLETED:
        wanted = rng.randint(1, 3) if spec.stage is CaseStatus.REVIEWING else rng.randint(1, 2)
        day = min(step(line.fgdm), today - timedelta(days=2))
        while day < today and len(line.reviews) < wanted:
            line.reviews.append(day)
            day = step(day)
        if spec.stage is CaseStatus.REVIEWING:
            line.next_review = day if day > today else working_day(today + timedelta(days=rng.randint(7, 40)))
            return
        line.closed_on = min(today, line.reviews[-1] + timedelta(days=rng.randint(0, 14)))
        return
    if spec.stage is CaseStatus.CLOSED:
        line.closed_on = min(today, line.fgdm + timedelta(days=rng.randint(14, 60)))


class Casework:
    """Adds one case's meetings, offers, plans, support items and outcomes to `rows`."""

    def __init__(self, rng: random.Random, rows: Rows, today: date, now: datetime, *,
                 most_requests: int = 6) -> None:
        self.rng = rng
        self.rows = rows
        self.today = today
        self.now = now
        self.support_made = 0
        self.most_requests = most_requests
        """Support requests after a meeting held, at most: 2 to 6 for the demo service; a large service's
        families ask a little more, making the benchmark's 30,000 support items over ten years."""

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # meetings ------------------------------------------------------------------------------------------

    def meeting(self, case_id: int, staff: Staffing, kind: MeetingKind, day: date, at: time, hours: float, *,
                venue: int | None = None, note: str = "", status: MeetingStatus | None = None,
                reason: str = "", linked: int | None = None, interpreters: str = "", advocate: str = "") -> int:
        starts = london_datetime(day, at).astimezone(UTC)
        status = status or (MeetingStatus.HELD if day < self.today else MeetingStatus.PLANNED)
        invited = None
        if kind is MeetingKind.FGDM_MEETING and status is not MeetingStatus.CANCELLED:
            invited = london_datetime(day - timedelta(days=self.rng.randint(10, 20)), time(9, 0)).astimezone(UTC)
            invited = invited if invited <= self.now else None
        return self.rows.add(
            Meeting, case_id=case_id, kind=kind, status=status, starts_at=starts,
            ends_at=starts + timedelta(hours=hours), coordinator_id=staff.coordinator_id, venue_id=venue,
            location_note=note, interpreter_languages=interpreters, interpreter_booked=bool(interpreters),
            advocate_name=advocate, private_family_time=kind is MeetingKind.FGDM_MEETING,
            status_reason=reason, held_on=day if status is MeetingStatus.HELD else None, linked_meeting_id=linked,
            ical_uid=f"{self.uid()}@fgdm.{names.COUNCIL_DOMAIN}",
            ical_sequence=1 if linked and kind is not MeetingKind.SEPARATE_SESSION else 0,
            invitations_sent_at=invited)

    def attend(self, meeting_id: int, held: bool, members: list[Entry], staff: list[tuple[int, str]]) -> None:
        rng = self.rng
        for member in members:
            if not held:
                attendance = Attendance.EXPECTED
            elif member.status is ContactStatus.ATTENDING:
                attendance = rng.choices((Attendance.ATTENDED, Attendance.ABSENT, Attendance.SENT_APOLOGIES),
                                         (88, 4, 8))[0]
            else:
                attendance = rng.choice((Attendance.ABSENT, Attendance.SENT_APOLOGIES,
                                         Attendance.WRITTEN_CONTRIBUTION))
            self.rows.add(MeetingAttendee, meeting_id=meeting_id, network_member_id=member.member_id,
                          role="Professional" if member.side is Side.PROFESSIONAL else "Family network",
                          attendance=attendance)
        for staff_id, role in staff:
            self.rows.add(MeetingAttendee, meeting_id=meeting_id, staff_id=staff_id, role=role,
                          attendance=Attendance.ATTENDED if held else Attendance.EXPECTED)

    def meetings(self, case_id: int, spec: CaseSpec, family: Family, line: Timeline,
                 staff: Staffing) -> dict[date, int]:
        """Every meeting of the cycle; returns the id of each FGDM meeting or review by its date."""
        rng = self.rng
        both = [(staff.coordinator_id, "Coordinator"), (staff.referrer_id, "Referrer")]
        coordinator = [(staff.coordinator_id, "Coordinator")]
        baseline = self.meeting(case_id, staff, MeetingKind.BASELINE, line.baseline, time(10, 0), 1,
                                note=rng.choice(("Video call", "Children's services office, room 2", "Phone")))
        self.attend(baseline, line.baseline < self.today, [], both)
        people = [m for m in family.members if m.invitable and m.side is not Side.PROFESSIONAL and not m.separately]
        for day in line.visits:
            visit = self.meeting(case_id, staff, MeetingKind.PREPARATION_VISIT, day, time(13, 30), 1.5,
                                 note="Home visit")
            self.attend(visit, day < self.today, rng.sample(people, min(len(people), rng.randint(1, 2))),
                        coordinator)
        by_date: dict[date, int] = {}
        if line.fgdm is None:
            return by_date
        guests = [m for m in family.members if m.invitable and not m.separately
                  and m.status in (ContactStatus.ATTENDING, ContactStatus.INVITED)]
        languages = ", ".join(sorted({m.language for m in guests if m.interpreter}))
        advocate = f"{rng.choice(names.STAFF_FEMALE)} {rng.choice(names.STAFF_FAMILY)} (Exampleshire Advocacy)"
        venue = rng.choice(staff.venues)
        evening = rng.random() < 0.3
        at = time(17, 30) if evening else time(10, 0)
        linked = None
        if line.postponed is not None:
            postponed = line.postponed < self.today and rng.random() < 0.7
            linked = self.meeting(case_id, staff, MeetingKind.FGDM_MEETING, line.postponed, at, 3, venue=venue,
                                  status=MeetingStatus.POSTPONED if postponed else MeetingStatus.CANCELLED,
                                  reason=rng.choice(wording.POSTPONE_REASONS if postponed else wording.CANCEL_REASONS)
                                  .format(mother=family.mother_name), interpreters=languages)
            self.attend(linked, False, guests, both)
        cancelled = not spec.meeting_held and line.closed_on is not None
        fgdm = self.meeting(case_id, staff, MeetingKind.FGDM_MEETING, line.fgdm, at, 3, venue=venue, linked=linked,
                            status=MeetingStatus.CANCELLED if cancelled else None,
                            reason=rng.choice(wording.CANCEL_REASONS) if cancelled else "",
                            interpreters=languages, advocate=advocate)
        held = line.fgdm < self.today and not cancelled
        self.attend(fgdm, held, guests, both)
        by_date[line.fgdm] = fgdm
        for member in family.members:
            if member.separately and member.status is ContactStatus.ATTENDING:
                day = line.fgdm - timedelta(days=2)
                while day.weekday() >= 5:  # the working day before, never the meeting's own day
                    day -= timedelta(days=1)
                elsewhere = staff.venues[(staff.venues.index(venue) + 1) % len(staff.venues)]
                session = self.meeting(case_id, staff, MeetingKind.SEPARATE_SESSION, day, time(11, 0), 1,
                                       venue=elsewhere, linked=fgdm,
                                       interpreters=member.language if member.interpreter else "")
                self.attend(session, day < self.today, [member], coordinator)
        attended = [m for m in guests if m.status is ContactStatus.ATTENDING]
        for day in [*line.reviews, *(d for d in (line.next_review,) if d)]:
            review = self.meeting(case_id, staff, MeetingKind.REVIEW, day, at, 1.5, venue=venue,
                                  interpreters=languages)
            self.attend(review, day < self.today, attended, both)
            by_date[day] = review
        return by_date

    # offers --------------------------------------------------------------------------------------------

    def offers(self, case_id: int, spec: CaseSpec, family: Family, line: Timeline, staff: Staffing) -> None:
        """The s.31ZA offer to every parent and PR holder, or the decision that it is not in the child's interests."""
        rng = self.rng
        lbp = spec.lbp_date
        if lbp is None:
            return
        if spec.exception is ExceptionScope.OFFER:
            self.exception(case_id, ExceptionScope.OFFER, lbp - timedelta(days=rng.randint(0, 5)), staff, family)
            return
        recipients = family.parents_and_pr
        for position, member in enumerate(recipients):
            response = self.response(spec, line, position)
            in_person = rng.random() < 0.15 and lbp + timedelta(days=14) < self.today
            offered = lbp + timedelta(days=rng.randint(7, 14)) if in_person else lbp
            if response is OfferResponse.PENDING and offered < self.today - timedelta(days=7):
                response = OfferResponse.NO_RESPONSE
            if response is OfferResponse.NO_RESPONSE and offered > self.today - timedelta(days=8):
                response = OfferResponse.PENDING
            answered = response in (OfferResponse.ACCEPTED, OfferResponse.DECLINED, OfferResponse.WITHDRAWN)
            self.rows.add(
                FgdmOffer, case_id=case_id, network_member_id=member.member_id, offered_on=offered,
                method=OfferMethod.IN_PERSON if in_person else rng.choice((OfferMethod.LETTER, OfferMethod.LETTER,
                                                                           OfferMethod.EMAIL)),
                in_lbp=not in_person, response=response,
                response_on=min(self.today, offered + timedelta(days=rng.randint(1, 10))) if answered else None,
                notes="Accepted, then withdrew: does not want the paternal family involved."
                if response is OfferResponse.WITHDRAWN else "")
        if spec.exception is ExceptionScope.HOLDING:
            decided = min(self.today, lbp + timedelta(days=rng.randint(14, 40)))
            self.exception(case_id, ExceptionScope.HOLDING, decided, staff, family)

    def response(self, spec: CaseSpec, line: Timeline, position: int) -> OfferResponse:
        rng = self.rng
        if position < len(spec.responses):
            return spec.responses[position]
        if spec.closure is ClosureReason.FAMILY_DECLINED or (
                spec.closure is ClosureReason.PROCEEDINGS_ISSUED and not spec.meeting_held
                and spec.exception is None):
            return rng.choice((OfferResponse.DECLINED, OfferResponse.NO_RESPONSE))
        if position == 0 and (spec.meeting_held or line.fgdm is not None or spec.exception is ExceptionScope.HOLDING):
            return OfferResponse.ACCEPTED
        return rng.choices((OfferResponse.ACCEPTED, OfferResponse.DECLINED, OfferResponse.NO_RESPONSE,
                            OfferResponse.PENDING), (45, 20, 25, 10))[0]

    def exception(self, case_id: int, scope: ExceptionScope, decided: date, staff: Staffing, family: Family) -> None:
        self.rows.add(BestInterestsException, case_id=case_id,
                      case_child_id=family.children[0].case_child_id if len(family.children) == 1 else None,
                      scope=scope, decided_by=f"{staff.manager_name}, FGDM service manager", decided_on=decided,
                      reason=wording.EXCEPTION_REASONS[scope.value])

    # plans ---------------------------------------------------------------------------------------------

    def plans(self, case_id: int, spec: CaseSpec, family: Family, line: Timeline, staff: Staffing,
              meetings: dict[date, int], words: CaseWords) -> tuple[date | None, list[int]]:
        """Plan versions: one from the FGDM meeting and one from each review held.

        Returns the date the first plan was agreed (for the outcome follow-ups) and the latest actions.
        """
        rng = self.rng
        if not spec.meeting_held or line.fgdm is None:
            return None, []
        if spec.stage is CaseStatus.MEETING_HELD:
            if rng.random() < 0.6:
                self.plan(case_id, family, staff, words, version=1, meeting=meetings.get(line.fgdm),
                          status=PlanStatus.DRAFT, decided=None, review=None, previous=None)
            return None, []
        if spec.closure in (ClosureReason.PROCEEDINGS_ISSUED, ClosureReason.FAMILY_MOVED_AWAY):
            status = PlanStatus.NOT_AGREED if spec.closure is ClosureReason.PROCEEDINGS_ISSUED else PlanStatus.AGREED
            self.plan(case_id, family, staff, words, version=1, meeting=meetings.get(line.fgdm), status=status,
                      decided=line.fgdm, review=None, previous=None)
            return (line.fgdm if status is PlanStatus.AGREED else None), []
        reviews = [*line.reviews, *(d for d in (line.next_review,) if d)]
        version, agreed_on = 1, line.fgdm
        if rng.random() < 0.1:
            self.plan(case_id, family, staff, words, version=1, meeting=meetings.get(line.fgdm),
                      status=PlanStatus.NOT_AGREED, decided=line.fgdm, review=None, previous=None)
            agreed_on = min(self.today - timedelta(days=1), line.fgdm + timedelta(days=rng.randint(5, 12)))
            version = 2
        plan_id, actions = self.plan(case_id, family, staff, words, version=version, meeting=meetings.get(line.fgdm),
                                     status=PlanStatus.AGREED, decided=agreed_on,
                                     review=reviews[0] if reviews else None, previous=None)
        first_agreed = agreed_on
        for index, day in enumerate(line.reviews):
            version += 1
            plan_id, actions = self.plan(case_id, family, staff, words, version=version, meeting=meetings.get(day),
                                         status=PlanStatus.AGREED, decided=day,
                                         review=reviews[index + 1] if index + 1 < len(reviews) else None,
                                         previous=(plan_id, actions))
        return first_agreed, actions

    def plan(self, case_id: int, family: Family, staff: Staffing, words: CaseWords, *, version: int,
             meeting: int | None, status: PlanStatus, decided: date | None, review: date | None,
             previous: tuple[int, list[int]] | None) -> tuple[int, list[int]]:
        rng = self.rng
        network = [m for m in family.members if m.invitable and m.side is not Side.PROFESSIONAL]
        leads = [m for m in network if m.status is ContactStatus.ATTENDING and not m.is_parent] or network
        lead = rng.choice(leads) if leads else None
        not_agreed = status is PlanStatus.NOT_AGREED
        reason = rng.choice((NotAgreedReason.FAILS_BOTTOM_LINE, NotAgreedReason.UNSAFE)) if not_agreed else None
        plan_id = self.rows.add(
            FamilyPlan, case_id=case_id, version_no=version, based_on_id=previous[0] if previous else None,
            meeting_id=meeting, status=status, plan_lead_member_id=lead.member_id if lead else None,
            bottom_lines=words.bottom_lines, child_views=words.say(words.choose(rng, wording.CHILD_VIEWS)),
            contingency=words.say(words.choose(rng, wording.CONTINGENCIES)), review_date=review,
            decision_by=f"{staff.referrer_name} (referrer)" if decided else "", decision_on=decided,
            not_agreed_reason=reason, not_agreed_detail=wording.NOT_AGREED_DETAILS[reason.value] if reason else "")
        for position, (question, answer) in enumerate(words.sample(rng, wording.QUESTIONS, rng.randint(2, 4))):
            self.rows.add(PlanQuestion, plan_id=plan_id, position=position, question=words.say(question),
                          answer=words.say(answer))
        start = decided or self.today
        actions: list[int] = []
        carried = rng.sample(previous[1], min(len(previous[1]), rng.randint(2, 5))) if previous else []
        for position in range(rng.randint(4, 11)):
            doer = rng.choice(network) if network and rng.random() < 0.8 else None
            by_when = start + timedelta(days=rng.randint(7, 84))
            if by_when < self.today:
                action_status = rng.choices((ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.DROPPED,
                                             ActionStatus.NOT_STARTED), (60, 15, 10, 15))[0]
            else:
                action_status = rng.choice((ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS))
            checker = rng.choice(network).name if network and rng.random() < 0.5 else f"{staff.referrer_name}"
            actions.append(self.rows.add(
                PlanAction, plan_id=plan_id, position=position, who_member_id=doer.member_id if doer else None,
                who_text=doer.name if doer else rng.choice(wording.PROFESSIONAL_DOERS),
                what=words.say(words.choose(rng, wording.ACTIONS)), by_when=by_when, checked_by=checker,
                status=action_status, carried_from_id=carried[position] if position < len(carried) else None))
        if status is PlanStatus.AGREED and decided is not None:
            sent = london_datetime(decided + timedelta(days=rng.randint(1, 3)), time(10, 0)).astimezone(UTC)
            for member in network:
                if member.status is ContactStatus.ATTENDING and sent <= self.now:
                    self.rows.add(PlanDistribution, plan_id=plan_id, person_id=member.person_id,
                                  recipient_name=member.name, sent_at=sent,
                                  method=rng.choice(("post", "email", "by hand")))
        return plan_id, actions

    # support -------------------------------------------------------------------------------------------

    def support(self, case_id: int, spec: CaseSpec, family: Family, line: Timeline, staff: Staffing,
                actions: list[int]) -> None:
        rng = self.rng
        network = [m for m in family.members if m.invitable and m.side is not Side.PROFESSIONAL]
        if not network:
            return
        items: list[tuple[date, str]] = []
        if line.fgdm is not None and rng.random() < 0.3:
            items.append((max(line.baseline, line.fgdm - timedelta(days=rng.randint(5, 15))), "travel"))
        if spec.meeting_held and line.fgdm is not None and spec.stage is not CaseStatus.MEETING_HELD:
            items += [(line.fgdm + timedelta(days=rng.randint(0, 21)), "")
                      for _ in range(rng.randint(2, self.most_requests))]
        categories, statuses = list(wording.SUPPORT), list(SupportStatus)
        for requested, purpose in items:
            requested = min(requested, self.today)
            index = self.support_made
            self.support_made += 1
            category = ("travel" if purpose else categories[index] if index < len(categories)
                        else rng.choice(categories))
            description, low, high, frequency = wording.SUPPORT[category]
            amount = (Decimal(rng.randint(int(low * 100), int(high * 100))) / 100).quantize(Decimal("0.01"))
            status = statuses[index] if index < len(statuses) else rng.choices(statuses, (15, 30, 45, 10))[0]
            if requested > self.today - timedelta(days=3):
                status = SupportStatus.REQUESTED
            approved = None if status in (SupportStatus.REQUESTED, SupportStatus.DECLINED) else \
                min(self.today, requested + timedelta(days=rng.randint(0, 10)))
            manager = amount > Decimal("500.00")
            start = requested if frequency is not Frequency.ONE_OFF else None
            self.rows.add(
                SupportItem, case_id=case_id, category=category, description=description,
                recipient_member_id=rng.choice(network).member_id,
                plan_action_id=rng.choice(actions) if actions and not purpose and rng.random() < 0.5 else None,
                amount=amount, frequency=frequency, start_date=start,
                end_date=start + timedelta(weeks=rng.randint(4, 26)) if start else None, status=status,
                requested_on=requested,
                approved_by_id=(staff.manager_id if manager else staff.coordinator_id) if approved else None,
                approved_on=approved,
                paid_on=min(self.today, approved + timedelta(days=rng.randint(1, 14)))
                if approved and status is SupportStatus.PAID else None,
                declined_reason=rng.choice(wording.SUPPORT_DECLINED_REASONS)
                if status is SupportStatus.DECLINED else "",
                approval_exception=wording.PRE_MEETING_APPROVAL if purpose and approved else "")

    # outcomes ------------------------------------------------------------------------------------------

    def outcomes(self, family: Family, agreed_on: date | None) -> None:
        """Where each child lives 3, 6 and 12 months after the first agreed plan, once that time has passed."""
        if agreed_on is None:
            return
        rng = self.rng
        for child in family.children:
            if child.date_of_birth is None:
                continue
            for months in (3, 6, 12):
                due = add_months(agreed_on, months)
                if due >= self.today:
                    break
                living = rng.choices(list(LivingArrangement), (72, 18, 7, 3))[0]
                self.rows.add(ChildOutcome, case_child_id=child.case_child_id, months_after=months,
                              recorded_on=min(self.today, due + timedelta(days=rng.randint(0, 14))), living=living,
                              note="" if living is LivingArrangement.AT_HOME else
                              "Living with the maternal grandparents under the family plan."
                              if living is LivingArrangement.WITH_FAMILY_NETWORK else "")
