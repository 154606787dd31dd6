"""A child's pre-proceedings episodes and their id in the council's case system, for the CIN census module 5.

The coordinator records what only they know (the decision to start pre-proceedings, the initial and review
meetings, the step decision and outcome, the letter initiating proceedings); fgdm derives the rest from the
case (`fgdm.services.shared.module5_facts`), and the panel shows both so the census holds no surprises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import Field
from sqlmodel import select

from fgdm.domain.cin_module5 import Module5
from fgdm.domain.enums import PreProceedingsOutcome
from fgdm.i18n import format_day
from fgdm.models import CaseChild, Person, PreProceedingsEpisode
from fgdm.reports.cin_census import LA_CHILD_ID_LENGTH, definitions
from fgdm.services.shared import access, module5_facts
from fgdm.services.shared.concurrency import check_version
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import Input, RecordId, parse


class EpisodeChanges(Input):
    """What the coordinator records of an episode; every item may be left blank, as the census allows."""

    pp_start_date: date | None = None
    initial_pp_meeting_date: date | None = None
    review_meetings_count: int | None = Field(default=None, ge=0, le=99)
    step_decision_date: date | None = None
    pp_outcome: PreProceedingsOutcome | None = None
    letter_init_cp_date: date | None = None
    lbp_sent_date: date | None = None
    fgdm_meeting_offer: bool | None = None
    fgdm_meeting_fac: bool | None = None
    court_app_date: date | None = None
    override_reason: str = ""
    """Why a derived item recorded here differs from what the case's records say."""
    notes: str = ""


RECORDED = tuple(EpisodeChanges.model_fields)
"""What the coordinator records of an episode, as the form and the CLI name it."""


class EpisodeInput(EpisodeChanges):
    case_child_id: RecordId


@dataclass(frozen=True)
class EpisodeView:
    """An episode as the panel shows it: the child, the census block, which items fgdm derived, and CS131's
    words for the outcome."""

    id: int
    version: int
    case_child_id: int
    child_name: str
    la_child_id: str | None
    block: Module5
    outcome_words: str
    notes: str
    override_reason: str
    recorded: dict[str, Any]
    """The episode's own columns (what the coordinator recorded, blank where fgdm derives), for an edit form."""


_ORDER = (("step_decision_date", "pp_start_date", "the decision to start pre-proceedings"),
          ("lbp_sent_date", "pp_start_date", "the decision to start pre-proceedings"),
          ("letter_init_cp_date", "court_app_date", "the court application"))
"""(later, earlier, the earlier's words): dates the census requires in this order, refused when recorded out of it."""


def _check(ctx: ServiceContext, row: PreProceedingsEpisode) -> None:
    """Refuse dates in the future or out of the census's order, and an override without its reason."""
    errors: dict[str, str] = {}
    for name in ("pp_start_date", "initial_pp_meeting_date", "step_decision_date", "letter_init_cp_date",
                 "lbp_sent_date", "court_app_date"):
        day = getattr(row, name)
        if day is not None and day > ctx.today():
            errors[name] = "cannot be in the future: record it once it has happened"
    for later, earlier, words in _ORDER:
        first, second = getattr(row, earlier), getattr(row, later)
        if first is not None and second is not None and second < first and later not in errors:
            errors[later] = f"is before {words}; check both dates"
    if errors:
        raise ValidationFailed(errors)
    if not row.override_reason.strip():
        _reason_needed(ctx, row)


def _reason_needed(ctx: ServiceContext, row: PreProceedingsEpisode) -> None:
    """An item recorded over what the records say needs the coordinator's reason: the census team will ask."""
    ctx.session.flush()
    block = next(facts.block for facts in module5_facts.episodes_of(ctx.session, [row.case_id])
                 if facts.episode.id == row.id)
    if block.overridden:
        says = "; ".join(f"{definitions().meaning_of(element)}: the case's records say "
                         f"{_said(value)}" for element, value in block.overridden.items())
        raise ValidationFailed.one("override_reason", f"is required where what you record differs from the "
                                                      f"case's records ({says}); say why, or leave those blank")


def _said(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return format_day(value) if isinstance(value, date) else str(value)


def _child_of(ctx: ServiceContext, case_id: int, case_child_id: int) -> CaseChild:
    child = ctx.session.get(CaseChild, case_child_id)
    if child is None or child.case_id != case_id:
        raise ValidationFailed.one("case_child_id", f"case has no child with id {case_child_id}; choose one of "
                                                    "the case's children")
    return child


def record_episode(ctx: ServiceContext, case_id: int, data: EpisodeInput | dict[str, Any]) -> PreProceedingsEpisode:
    """Record a pre-proceedings episode of one child of the case (a child can have several)."""
    with ctx.write() as session:
        access.case_for_write(ctx, case_id)
        values = parse(EpisodeInput, data)
        _child_of(ctx, case_id, values.case_child_id)
        row = PreProceedingsEpisode(case_id=case_id, **values.model_dump())
        session.add(row)
        _check(ctx, row)
    return row


def _episode(ctx: ServiceContext, episode_id: int) -> PreProceedingsEpisode:
    row = ctx.session.get(PreProceedingsEpisode, episode_id)
    if row is None:
        raise NotFound(f"there is no pre-proceedings episode {episode_id}; `fgdm offer episodes --case REF` lists "
                       "them")
    access.case_for_write(ctx, row.case_id)
    return row


def update_episode(ctx: ServiceContext, episode_id: int, data: EpisodeChanges | dict[str, Any], *,
                   expected_version: int | None = None) -> PreProceedingsEpisode:
    """Change what was recorded; the items named change, and one given as None is cleared."""
    changes = parse(EpisodeChanges, data).model_dump(exclude_unset=True)
    with ctx.write():
        row = _episode(ctx, episode_id)
        check_version(row, "The pre-proceedings episode", expected_version, changes)
        for name, value in changes.items():
            setattr(row, name, value)
        _check(ctx, row)
    return row


def remove_episode(ctx: ServiceContext, episode_id: int, *, expected_version: int | None = None) -> None:
    """Remove an episode recorded in error; the audit trail keeps what it said."""
    with ctx.write() as session:
        row = _episode(ctx, episode_id)
        check_version(row, "The pre-proceedings episode", expected_version, {})
        session.delete(row)


def episode_views(found: list[module5_facts.EpisodeFacts]) -> list[EpisodeView]:
    words = definitions()
    return [EpisodeView(id=f.episode.id or 0, version=f.episode.version, case_child_id=f.case_child_id,
                        child_name=f.child_name, la_child_id=f.la_child_id, block=f.block,
                        outcome_words=words.outcome_label(f.block.pp_outcome), notes=f.episode.notes,
                        override_reason=f.episode.override_reason,
                        recorded={name: getattr(f.episode, name) for name in RECORDED})
            for f in found]


def list_episodes(ctx: ServiceContext, case_id: int) -> list[EpisodeView]:
    """The case's episodes, each child's in order, with the census block fgdm will export for each."""
    access.case_for_read(ctx, case_id)
    return episode_views(module5_facts.episodes_of(ctx.session, [case_id]))


def outcome_words() -> dict[str, str]:
    """CIN census codeset CS131 in words, by code, for a form's choices: coordinators choose words, not letters."""
    return dict(definitions().cs131)


def set_la_child_id(ctx: ServiceContext, case_id: int, case_child_id: int, la_child_id: str | None) -> Person:
    """Record (or clear, with empty) a child's id in the council's case system, the census's LAchildID: up to
    10 characters, and no other child's."""
    value = (la_child_id or "").strip() or None
    if value is not None and len(value) > LA_CHILD_ID_LENGTH:
        raise ValidationFailed.one("la_child_id", f"is longer than the census's {LA_CHILD_ID_LENGTH} characters; "
                                                  "use the case system's id")
    if value is not None and (any(character.isspace() for character in value) or "\x00" in value):
        raise ValidationFailed.one("la_child_id", "has a space in it; copy the child's id from the case system "
                                                  "exactly")
    with ctx.write() as session:
        access.case_for_write(ctx, case_id)
        child = _child_of(ctx, case_id, case_child_id)
        person = session.get(Person, child.person_id)
        assert person is not None
        if value is not None:
            holder = session.exec(select(Person).where(Person.la_child_id == value, Person.id != person.id)).first()
            if holder is not None:
                raise ValidationFailed.one("la_child_id", f"{value} is already {holder.full_name}'s id in the case "
                                                          "system; each child has their own")
        person.la_child_id = value
    return person


__all__ = ["RECORDED", "EpisodeChanges", "EpisodeInput", "EpisodeView", "list_episodes", "outcome_words",
           "record_episode", "remove_episode", "set_la_child_id", "update_episode"]
