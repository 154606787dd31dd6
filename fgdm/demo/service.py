"""A realistic, entirely fictional FGDM service, generated deterministically from a seed.

Used by `fgdm demo` (about 60 cases over the last five financial quarters) and by the benchmarks
(12,000 cases over ten years). The same seed and the same "today" give the same rows, ids and uuids.
Rows are built in memory and bulk inserted a few hundred cases at a time; the hard cases coordinators
meet (confidential addresses, people not to be told, excluded members, several PR holders, interpreters,
grandparents shared by two sibling groups, every s.31ZA offer response and exception) are always present.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from fgdm.config import Settings, demo_database_url
from fgdm.demo import names, wording
from fgdm.demo.casework import CaseSpec, Casework, Staffing, Timeline, add_months, plan_timeline
from fgdm.demo.family import Family, FamilyBuilder, FamilyRequest, Lineage, add_agencies
from fgdm.demo.pre_proceedings import add_episodes
from fgdm.demo.rows import Rows
from fgdm.demo.wording import CaseWords
from fgdm.domain.enums import (
    CaseStatus,
    ClosureReason,
    Employer,
    ExceptionScope,
    LegalStatus,
    OfferResponse,
    Qualification,
    StaffRole,
)
from fgdm.models import Case, CaseShare, Staff, Venue
from fgdm.services import cases as cases_service
from fgdm.services.shared import access, attention, audit_trail
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import FgdmError, ValidationFailed
from fgdm.store.engine import sqlite_path

CHUNK = 400
"""Cases built and written together: enough for fast batches, few enough to keep memory small."""

STAGE_WEIGHTS = {CaseStatus.REFERRED: 7, CaseStatus.PREPARING: 15, CaseStatus.MEETING_HELD: 7,
                 CaseStatus.PLAN_AGREED: 14, CaseStatus.REVIEWING: 15, CaseStatus.CLOSED: 42}
CLOSURE_WEIGHTS = {ClosureReason.PLAN_COMPLETED: 45, ClosureReason.FAMILY_DECLINED: 15,
                   ClosureReason.REFERRAL_WITHDRAWN: 10, ClosureReason.NOT_IN_BEST_INTERESTS: 6,
                   ClosureReason.PROCEEDINGS_ISSUED: 12, ClosureReason.FAMILY_MOVED_AWAY: 8, ClosureReason.OTHER: 4}
AGE_DAYS = {CaseStatus.REFERRED: (0, 9), CaseStatus.PREPARING: (10, 62), CaseStatus.MEETING_HELD: (35, 75),
            CaseStatus.PLAN_AGREED: (45, 120), CaseStatus.REVIEWING: (110, 420)}
CLOSED_MIN_AGE = {ClosureReason.PLAN_COMPLETED: 130, ClosureReason.FAMILY_DECLINED: 25,
                  ClosureReason.REFERRAL_WITHDRAWN: 10, ClosureReason.NOT_IN_BEST_INTERESTS: 20,
                  ClosureReason.PROCEEDINGS_ISSUED: 75, ClosureReason.FAMILY_MOVED_AWAY: 75, ClosureReason.OTHER: 20}
LEGAL_WEIGHTS = {LegalStatus.FAMILY_HELP: 25, LegalStatus.CHILD_IN_NEED: 30, LegalStatus.CHILD_PROTECTION: 35,
                 LegalStatus.LOOKED_AFTER: 10}
CULTURAL_NEEDS = {"pakistani": "Avoid Friday prayer times; halal food at the meeting.",
                  "somali": "Avoid Friday prayer times; halal food; a female interpreter for the grandmother.",
                  "arabic": "Avoid Friday prayer times; halal food at the meeting.",
                  "punjabi": "Vegetarian food; the family would like to meet at the gurdwara community room.",
                  "welsh": "Letters and the plan in Welsh as well as English.",
                  "polish": "Catholic family: avoid Sunday mornings."}
RESOURCES = "Family network support package; advocacy for the children; interpreters; travel costs to meetings."

R = OfferResponse
HARD_CASES: tuple[tuple[CaseStatus, int, dict[str, object]], ...] = (
    (CaseStatus.REFERRED, 2, dict(pre_proceedings=True, responses=(R.PENDING, R.PENDING),
                                  heritage=("polish", "british"), own_language=True, surnames=("Wójcik", None),
                                  unborn=True)),
    (CaseStatus.PREPARING, 30, dict(pre_proceedings=True, responses=(R.ACCEPTED, R.NO_RESPONSE), confidential=True,
                                    not_told=True, separately=True, heritage=("welsh", "british"), own_language=True,
                                    census_gaps=("reviews",))),
    (CaseStatus.MEETING_HELD, 50, dict(pre_proceedings=True, responses=(R.ACCEPTED, R.DECLINED), excluded=True,
                                       heritage=("pakistani", "pakistani"), own_language=True,
                                       census_gaps=("decision",))),
    (CaseStatus.PLAN_AGREED, 70, dict(pre_proceedings=True, responses=(R.ACCEPTED, R.ACCEPTED, R.ACCEPTED),
                                      special_guardian=True, heritage=("romanian", "romanian"), own_language=True)),
    (CaseStatus.PLAN_AGREED, 90, dict(share_grandparents=True, heritage=("british", "caribbean"))),
    (CaseStatus.REVIEWING, 200, dict(heritage=("somali", "somali"), own_language=True, confidential=True)),
    (CaseStatus.REVIEWING, 260, dict(heritage=("punjabi", "punjabi"), own_language=True, excluded=True,
                                     pre_proceedings=True, responses=(R.ACCEPTED, R.NO_RESPONSE))),
    (CaseStatus.CLOSED, 150, dict(closure=ClosureReason.FAMILY_DECLINED, pre_proceedings=True,
                                  responses=(R.WITHDRAWN, R.DECLINED))),
    (CaseStatus.CLOSED, 120, dict(closure=ClosureReason.NOT_IN_BEST_INTERESTS, pre_proceedings=True,
                                  exception=ExceptionScope.OFFER)),
    (CaseStatus.CLOSED, 180, dict(closure=ClosureReason.PROCEEDINGS_ISSUED, pre_proceedings=True,
                                  exception=ExceptionScope.HOLDING, responses=(R.ACCEPTED, R.DECLINED))),
    (CaseStatus.CLOSED, 240, dict(closure=ClosureReason.PROCEEDINGS_ISSUED, pre_proceedings=True,
                                  responses=(R.NO_RESPONSE, R.DECLINED))),
    (CaseStatus.CLOSED, 415, dict(closure=ClosureReason.PLAN_COMPLETED, heritage=("arabic", "irish"),
                                  own_language=True, surnames=(None, "O'Neill"), not_told=True, days_to_meeting=28)),
)
"""Cases that must exist whatever the seed: (stage, days since referral, features)."""


@dataclass(frozen=True)
class DemoSummary:
    """What was generated, for the command's closing message and the benchmark log."""

    seed: int
    cases: int
    stages: dict[str, int]
    rows: dict[str, int]
    example_reference: str
    administrator: str
    first_day: date

    def __str__(self) -> str:
        shown = ("staff", "person", "network_member", "meeting", "fgdm_offer", "family_plan", "plan_action",
                 "support_item")
        return f"{self.cases:,} cases (seed {self.seed}): " + ", ".join(
            f"{self.rows.get(table, 0):,} {table.replace('_', ' ')}" for table in shown)


@dataclass
class StaffMember:
    id: int
    username: str
    name: str
    started_on: date
    left_on: date | None = None


@dataclass
class Service:
    coordinators: list[StaffMember]
    referrers: list[StaffMember]
    manager: StaffMember
    administrator: str
    venues: list[int]


def window_start(today: date, quarters: int) -> date:
    """The first day of the financial quarter `quarters - 1` quarters before today's."""
    quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    return add_months(quarter_start, -3 * (quarters - 1))


def generate_service(ctx: ServiceContext, *, seed: int = 1, cases: int = 60,
                     progress: Callable[[int], None] | None = None, large_service: bool = False) -> DemoSummary:
    """Fill an empty database with a fictional service: `cases` cases over the last five quarters.

    `large_service` spreads them over ten years with up to 60 staff, as the benchmarks need.
    `progress` is called with the number of cases written after each batch.
    """
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="fill a database with demo data")
    if cases < 1:
        raise ValidationFailed.one("cases", "must be at least 1, for example 60")
    if ctx.session.exec(select(Case.id).limit(1)).first() is not None:
        raise ValidationFailed.one("database", "already holds cases: demo data goes only into an empty database. "
                                   "Leave out --db to use the separate demo database, or name a new file")
    rng = random.Random(seed)
    today, now = ctx.today(), ctx.now()
    first_day = window_start(today, 40 if large_service else 5)
    with ctx.write() as session:
        rows = Rows(session, now)
        service = _service(rng, rows, session, first_day, cases)
        rows.write()
        specs = _specs(rng, cases, today, first_day)
        generator = _CaseGenerator(rng, rows, today, now, service, large_service=large_service)
        for start in range(0, len(specs), CHUNK):
            for spec in specs[start:start + CHUNK]:
                generator.build(spec)
            rows.write()
            if progress is not None:
                progress(len(specs[start:start + CHUNK]))
        rows.advance_sequences()
        attention.changed(session, session.exec(select(Case.id)).all())
        summary = DemoSummary(seed=seed, cases=cases, stages=dict(generator.stages), rows=dict(rows.counts),
                              example_reference=generator.example_reference, administrator=service.administrator,
                              first_day=first_day)
        audit_trail.record_event(session, action="demo_generated", table_name="fgdm_case", record_id=None,
                                 case_id=None, details={"seed": seed, "cases": cases, "rows": summary.rows,
                                                        "large_service": large_service})
    return summary


# staff and venues -------------------------------------------------------------------------------------------

def _service(rng: random.Random, rows: Rows, session: Session, first_day: date, cases: int) -> Service:
    """Staff (coordinators, a manager, an administrator, referrers with teams) and reusable venues."""
    taken = set(session.exec(select(Staff.username)).all())
    total = min(60, 20 + cases // 300)

    def add(name: str, role: StaffRole, job: str, *, team: str = "Family Group Decision Making Service",
            organisation: str = "Exampleshire County Council", qualified: bool = True,
            employer: Employer = Employer.LOCAL_AUTHORITY, domain: str = names.COUNCIL_DOMAIN,
            manager: StaffMember | None = None, started: date | None = None, left: date | None = None) -> StaffMember:
        username = base = names.email_local(*name.split(" ", 1))
        suffix = 1
        while username in taken:
            suffix += 1
            username = f"{base}{suffix}"
        taken.add(username)
        started = started or first_day - timedelta(days=rng.randint(200, 3000))
        staff_id = rows.add(
            Staff, username=username, name=name, email=f"{username}@{domain}",
            phone=names.phone(rng.randrange(1000), mobile=False), job_title=job, team=team,
            organisation=organisation, role=role, employer=employer,
            qualification=Qualification.SOCIAL_WORK_QUALIFIED if qualified else Qualification.ALTERNATIVELY_QUALIFIED,
            manager_id=manager.id if manager else None, started_on=started, left_on=left, active=left is None)
        return StaffMember(staff_id, username, name, started, left)

    people = _staff_names(rng, total)
    manager = add(people.pop(), StaffRole.MANAGER, "FGDM service manager")
    administrator = add(people.pop(), StaffRole.ADMINISTRATOR, "Business support officer", qualified=False)
    coordinators = []
    for index in range(max(6, round(total * 0.35))):
        charity = index % 3 == 2
        coordinators.append(add(
            people.pop(), StaffRole.COORDINATOR, "Senior FGDM coordinator" if index == 0 else "FGDM coordinator",
            qualified=index % 2 == 0, manager=manager,
            employer=Employer.OTHER if charity else Employer.LOCAL_AUTHORITY,
            organisation="Family Voices Exampleshire (charity)" if charity else "Exampleshire County Council",
            started=first_day + timedelta(days=120) if index == 2 else None,
            left=first_day + timedelta(days=80) if index == 1 else None))
    team_managers = [add(people.pop(), StaffRole.REFERRER, "Team manager", team=team)
                     for team in names.REFERRING_TEAMS[:2]]
    referrers = [
        add(people.pop(), StaffRole.REFERRER, "Health visitor", team="Health Visiting, Kingsmere",
            organisation="Exampleshire Community Health NHS Trust", qualified=False, employer=Employer.OTHER,
            domain=names.HEALTH_DOMAIN),
        add(people.pop(), StaffRole.REFERRER, "Designated safeguarding lead", team="Pastoral team",
            organisation=names.SCHOOLS[0], qualified=False, employer=Employer.OTHER, domain="school.example"),
        add(people.pop(), StaffRole.REFERRER, "Family help lead practitioner", team="Brackenford Family Help Team",
            qualified=False),
    ]
    while people:
        team_manager = rng.choice(team_managers)
        referrers += [add(people.pop(), StaffRole.REFERRER, "Social worker",
                          team=rng.choice(names.REFERRING_TEAMS), manager=team_manager)]
    venues = _venues(rows, session, 12 if cases >= 1000 else 8)
    return Service(coordinators=coordinators, referrers=referrers, manager=manager,
                   administrator=administrator.username, venues=venues)


def _staff_names(rng: random.Random, total: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < total:
        given = rng.choice(names.STAFF_FEMALE + names.STAFF_MALE)
        name = f"{given} {rng.choice(names.STAFF_FAMILY)}"
        if name not in chosen:
            chosen.append(name)
    return chosen


def _venues(rows: Rows, session: Session, count: int) -> list[int]:
    existing = {name: venue_id for venue_id, name in session.exec(select(Venue.id, Venue.name)).all()}
    return [existing.get(name) or rows.add(Venue, name=name, address=address, access_notes=notes)
            for name, address, notes in names.VENUES[:count]]


# case specifications ----------------------------------------------------------------------------------------

def _specs(rng: random.Random, cases: int, today: date, first_day: date) -> list[CaseSpec]:
    """Every case's stage and referral date, oldest first; ages are spread evenly within each stage."""
    window = max(30, (today - first_day).days)
    specs = [_hard_spec(rng, stage, min(age, window), features, today)
             for stage, age, features in HARD_CASES[:cases]]
    stages = _share_out(max(0, cases - len(specs)), STAGE_WEIGHTS)
    for stage in CaseStatus:
        count = stages.count(stage)
        for order in range(count):
            closure = rng.choices(list(CLOSURE_WEIGHTS), list(CLOSURE_WEIGHTS.values()))[0] \
                if stage is CaseStatus.CLOSED else None
            low, high = AGE_DAYS.get(stage, (CLOSED_MIN_AGE[closure] if closure else 0, window))
            high = max(low + 1, min(high, window))
            age = low + int((order + rng.random()) / count * (high - low))
            specs.append(_random_spec(rng, stage, closure, today - timedelta(days=age)))
    return sorted(specs, key=lambda spec: spec.referral_date)


def _share_out(total: int, weights: dict[CaseStatus, int]) -> list[CaseStatus]:
    """`total` stages in proportion to their weights (largest remainders), so small services have every stage."""
    scale = total / sum(weights.values())
    counts = {stage: int(weight * scale) for stage, weight in weights.items()}
    by_remainder = sorted(weights, key=lambda stage: weights[stage] * scale - counts[stage], reverse=True)
    for stage in by_remainder[:total - sum(counts.values())]:
        counts[stage] += 1
    return [stage for stage, count in counts.items() for _ in range(count)]


def _hard_spec(rng: random.Random, stage: CaseStatus, age: int, features: dict[str, object], today: date) -> CaseSpec:
    spec = CaseSpec(stage=stage, referral_date=today - timedelta(days=age), **features)  # type: ignore[arg-type]
    spec.meeting_held = _meeting_held(rng, spec, forced=True)
    if spec.pre_proceedings:
        spec.lbp_date = spec.referral_date - timedelta(days=1 if stage is CaseStatus.REFERRED else 5)
    return spec


def _random_spec(rng: random.Random, stage: CaseStatus, closure: ClosureReason | None, referral: date) -> CaseSpec:
    exception = None
    pre_proceedings = closure in (ClosureReason.NOT_IN_BEST_INTERESTS, ClosureReason.PROCEEDINGS_ISSUED) \
        or rng.random() < 0.22
    if closure is ClosureReason.NOT_IN_BEST_INTERESTS:
        exception = ExceptionScope.OFFER if rng.random() < 0.7 else ExceptionScope.HOLDING
    elif closure is ClosureReason.PROCEEDINGS_ISSUED and rng.random() < 0.2:
        exception = ExceptionScope.HOLDING
    separately = rng.random() < 0.07
    spec = CaseSpec(
        stage=stage, referral_date=referral, closure=closure, pre_proceedings=pre_proceedings, exception=exception,
        confidential=separately or rng.random() < 0.08, not_told=rng.random() < 0.07, excluded=rng.random() < 0.08,
        separately=separately, special_guardian=rng.random() < 0.05, share_grandparents=rng.random() < 0.08,
        heritage=(_heritage(rng), _heritage(rng)))
    spec.meeting_held = _meeting_held(rng, spec, forced=False)
    if pre_proceedings:
        spec.lbp_date = referral - timedelta(days=rng.randint(0, 21))
    return spec


def _heritage(rng: random.Random) -> str:
    return rng.choices(list(names.HERITAGE_WEIGHTS), list(names.HERITAGE_WEIGHTS.values()))[0]


def _meeting_held(rng: random.Random, spec: CaseSpec, *, forced: bool) -> bool:
    if spec.stage in (CaseStatus.MEETING_HELD, CaseStatus.PLAN_AGREED, CaseStatus.REVIEWING):
        return True
    if spec.stage is not CaseStatus.CLOSED or spec.exception is not None:
        return False
    if spec.closure is ClosureReason.PLAN_COMPLETED:
        return True
    if spec.closure is ClosureReason.PROCEEDINGS_ISSUED:
        return not forced and rng.random() < 0.55
    return spec.closure is ClosureReason.FAMILY_MOVED_AWAY and rng.random() < 0.6


# one case ---------------------------------------------------------------------------------------------------

class _CaseGenerator:
    """Builds cases in date order, numbering references per year and remembering families to share."""

    def __init__(self, rng: random.Random, rows: Rows, today: date, now: datetime, service: Service, *,
                 large_service: bool = False) -> None:
        self.rng = rng
        self.rows = rows
        self.today = today
        self.service = service
        self.families = FamilyBuilder(rng, rows, today)
        self.casework = Casework(rng, rows, today, now, most_requests=7 if large_service else 6)
        self.numbers: Counter[int] = Counter()
        self.lineages: list[Lineage] = []
        self.stages: Counter[str] = Counter()
        self.example_reference = ""
        self.example_has_guardian = False

    def staffing(self, spec: CaseSpec, closed_on: date | None) -> Staffing:
        rng, service = self.rng, self.service
        eligible = [c for c in service.coordinators if c.started_on <= spec.referral_date
                    and (c.left_on is None or (closed_on is not None and closed_on <= c.left_on))]
        coordinator = rng.choice(eligible or [c for c in service.coordinators if c.left_on is None])
        referrer = rng.choice(service.referrers)
        return Staffing(coordinator_id=coordinator.id, coordinator_name=coordinator.name, referrer_id=referrer.id,
                        referrer_name=referrer.name, manager_id=service.manager.id,
                        manager_name=service.manager.name, venues=service.venues)

    def build(self, spec: CaseSpec) -> None:
        rng, rows = self.rng, self.rows
        line = plan_timeline(rng, spec, self.today)
        staff = self.staffing(spec, line.closed_on)
        year = spec.referral_date.year
        self.numbers[year] += 1
        reference = f"FG-{year}-{self.numbers[year]:04d}"
        case_id = rows.add(Case, uid=self.families.uid(), reference=reference, family_name="",
                           referral_date=spec.referral_date)
        case_row = rows.pending[Case][-1]
        family = self.family(spec, case_id, staff)
        add_agencies(rng, rows, case_id, domestic_abuse=spec.confidential or spec.separately)
        words = self.words(family)
        meetings = self.casework.meetings(case_id, spec, family, line, staff)
        if spec.pre_proceedings:
            self.casework.offers(case_id, spec, family, line, staff)
            add_episodes(rows, case_id, spec, family, line, self.today)
        agreed_on, actions = self.casework.plans(case_id, spec, family, line, staff, meetings, words)
        self.casework.support(case_id, spec, family, line, staff, actions)
        self.casework.outcomes(family, agreed_on)
        if rng.random() < 0.03:
            others = [c for c in self.service.coordinators if c.id != staff.coordinator_id and c.left_on is None]
            rows.add(CaseShare, case_id=case_id, staff_id=rng.choice(others).id)
        case_row.update(self.case_fields(spec, line, staff, family, words),
                        search_text=" ".join([reference, family.family_name, *family.search_names]).casefold())
        self.stages[spec.stage.value] += 1
        if not self.example_reference or (spec.special_guardian and not self.example_has_guardian):
            self.example_reference = reference
            self.example_has_guardian = spec.special_guardian

    def family(self, spec: CaseSpec, case_id: int, staff: Staffing) -> Family:
        """The case's family; some share the maternal grandparents of a recent case."""
        rng = self.rng
        maternal, paternal = spec.heritage or ("british", "british")
        legal = LegalStatus.PRE_PROCEEDINGS if spec.pre_proceedings else \
            rng.choices(list(LEGAL_WEIGHTS), list(LEGAL_WEIGHTS.values()))[0]
        shared = rng.choice(self.lineages[-50:]) if spec.share_grandparents and self.lineages else None
        family = self.families.build(FamilyRequest(
            case_id=case_id, referral_date=spec.referral_date, network_size=min(30, max(6, round(rng.gauss(15, 5.5)))),
            maternal=maternal, paternal=paternal, legal_status=legal, prepared=spec.prepared,
            met=spec.meeting_held, coordinator_name=staff.coordinator_name, confidential=spec.confidential,
            not_told=spec.not_told, excluded=spec.excluded, separately=spec.separately,
            special_guardian=spec.special_guardian, own_language=spec.own_language, surnames=spec.surnames,
            unborn=spec.unborn, shared_with=shared))
        if family.lineage is not None and shared is None:
            self.lineages.append(family.lineage)
        return family

    def words(self, family: Family) -> CaseWords:
        """What the case's texts may mention: a risk only where there is one, a baby only where there is one."""
        youngest = family.children[-1]
        baby = youngest.date_of_birth is None or (self.today - youngest.date_of_birth).days < 400
        words = CaseWords(child=family.children[0].given, mother=family.mother_name, risk=family.risk_name,
                          baby=baby)
        lines = "\n".join(words.say(text) for text in words.sample(self.rng, wording.BOTTOM_LINES, 2))
        return replace(words, bottom_lines=lines)

    def case_fields(self, spec: CaseSpec, line: Timeline, staff: Staffing, family: Family,
                    words: CaseWords) -> dict[str, object]:
        """The referral, consents, s.31ZA dates and needs, consistent with the case's timeline."""
        rng, today = self.rng, self.today
        mother = family.role("mother")
        consent_by = f"{mother.name} (mother)" if mother else ""
        past = [day for day in (line.last_event, line.closed_on) if day and day <= today]
        heritage = family.lineage.heritage if family.lineage else "british"
        return dict(
            family_name=family.family_name, status=spec.stage, closure_reason=spec.closure,
            closure_note=wording.CLOSURE_NOTES[spec.closure.value] if spec.closure else "",
            closed_on=line.closed_on, status_changed_on=max(past) if past else spec.referral_date,
            referral_reason=words.say(words.choose(rng, wording.REFERRAL_REASONS)),
            desired_outcome=words.say(words.choose(rng, wording.DESIRED_OUTCOMES)),
            referrer_id=staff.referrer_id, coordinator_id=staff.coordinator_id,
            consent_to_refer_by=consent_by, consent_to_refer_on=spec.referral_date,
            consent_to_share_by=consent_by, consent_to_share_on=min(today, line.baseline),
            network_contact_consent_by=consent_by if spec.prepared else "",
            network_contact_consent_on=min(today, line.baseline) if spec.prepared else None,
            lbp_date=spec.lbp_date,
            care_application_date=line.closed_on if spec.closure is ClosureReason.PROCEEDINGS_ISSUED else None,
            bottom_lines=words.bottom_lines,
            questions_for_family="\n".join(words.say(q) for q, _ in words.sample(rng, wording.QUESTIONS, 2)),
            resources_on_offer=RESOURCES, language=mother.language if mother else "en_GB",
            interpreter_needed=any(m.interpreter for m in family.members),
            cultural_needs=CULTURAL_NEEDS.get(heritage, ""))


def demo_workspace_with(reference: str, *, user: str = "") -> Workspace | None:
    """The separate demo database, opened, if it exists and holds this case; None otherwise.

    Used to tell someone whose case is not in their records that it is a demo case. The demo file is
    opened without migrating it, so an old or damaged demo file simply counts as not holding the case.
    """
    url = demo_database_url()
    if not Path(url.removeprefix("sqlite:///")).is_file():
        return None
    workspace = Workspace(Settings(database_url=url, user=user), migrate=False)
    try:
        with workspace.context() as ctx:
            cases_service.find_case(ctx, reference)
        return workspace
    except (FgdmError, SQLAlchemyError):
        workspace.dispose()
        return None


def discard_database(database_url: str) -> Path | None:
    """Remove an earlier demo database file (with its WAL and shared memory), so a new seed starts from nothing.

    Returns the file removed, or None when there was none (or the demo database is not a SQLite file).
    """
    path = sqlite_path(database_url)
    if path is None:
        return None
    found = path.exists()
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    return path if found else None
