"""`fgdm offer ...` and `fgdm duty`: the s.31ZA offers and each child's duty status, for scripting."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date

import typer

from fgdm.cli.common import CASE, FORMAT, MAX_ID, OutputFormat, case_id_of, json_text, service_context
from fgdm.domain.enums import ExceptionScope, OfferMethod, OfferResponse
from fgdm.i18n import format_day
from fgdm.services import offers
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed

app = typer.Typer(help="Offers of an FGDM meeting under s.31ZA: record them, their answers and exceptions.",
                  no_args_is_help=True)

OFFER = typer.Option(..., "--offer", min=1, max=MAX_ID, help="The offer's id, as `fgdm offer list` shows it.")
ON = typer.Option(None, "--on", help="The date, as DD/MM/YYYY (default: today).")


def _offer_id(ctx: ServiceContext, case_id: int, reference: str, offer_id: int) -> int:
    """The offer, checked to belong to the case named, so a mistyped id cannot touch another family's."""
    if offer_id not in {v.offer_id for v in offers.list_offers(ctx, case_id)}:
        raise NotFound(f"case {reference} has no current offer {offer_id}; `fgdm offer list` shows them")
    return offer_id


def member_for_person(ctx: ServiceContext, case_id: int, reference: str, person_id: int) -> int:
    for view in offers.list_offers(ctx, case_id):
        if view.person_id == person_id:
            return view.network_member_id
    raise NotFound(f"person {person_id} is not a parent or PR holder in case {reference}; `fgdm offer list` "
                   "shows who is")


@app.command("list")
def list_command(context: typer.Context, case: str = CASE, output: OutputFormat = FORMAT) -> None:
    """Each parent and PR holder with their offer, and the best-interests decisions recorded."""
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        views = offers.list_offers(ctx, case_id)
        decisions = offers.list_exceptions(ctx, case_id)
    if output is OutputFormat.JSON:
        typer.echo(json_text({
            "case": case,
            "offers": [{"person_id": v.person_id, "name": v.name, "role": v.role, "offer_id": v.offer_id,
                        "offered_on": v.offered_on.isoformat() if v.offered_on else None,
                        "method": v.method.value if v.method else None, "in_lbp": v.in_lbp,
                        "response": v.response.value if v.response else None,
                        "response_on": v.response_on.isoformat() if v.response_on else None,
                        "not_to_be_told": v.not_to_be_told} for v in views],
            "exceptions": [{"id": d.id, "scope": d.scope.value, "child": d.child_name, "decided_by": d.decided_by,
                            "decided_on": d.decided_on.isoformat(), "reason": d.reason} for d in decisions],
        }))
        return
    if not views:
        typer.echo("No parent or PR holder is recorded in this case's network.", err=True)
    for v in views:
        offered = (f"offer {v.offer_id}: {format_day(v.offered_on)} ({v.method.label.lower()})"
                   f"{' in the LBP' if v.in_lbp else ', NOT in the LBP'}; {v.response.label.lower()}"
                   + (f" on {format_day(v.response_on)}" if v.response_on else "")
                   if v.offer_id and v.method and v.response else "not offered yet")
        flag = " [not to be told of the meeting]" if v.not_to_be_told else ""
        typer.echo(f"person {v.person_id:>4}  {v.name} ({v.role}){flag}: {offered}")
    for d in decisions:
        typer.echo(f"exception {d.id}: {d.scope.label.lower()} for {d.child_name}, "
                   f"decided by {d.decided_by} on {format_day(d.decided_on)}: {d.reason}")


@app.command("record")
def record_command(
    context: typer.Context, case: str = CASE,
    to: int = typer.Option(..., "--to", min=1, max=MAX_ID,
                           help="The parent's or PR holder's person id, as `fgdm offer list` shows."),
    on: str = ON,
    method: OfferMethod = typer.Option(OfferMethod.LETTER, "--method", help="How the offer was made."),
    not_in_lbp: bool = typer.Option(False, "--not-in-lbp", help="The offer was not in the letter before "
                                                                 "proceedings (it then does not count)."),
    notes: str = typer.Option("", "--notes", help="Anything to keep with the offer."),
) -> None:
    """Record that a parent or PR holder was offered an FGDM meeting."""
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        member_id = member_for_person(ctx, case_id, case, to)
        offer = offers.record_offer(ctx, case_id, {"network_member_id": member_id, "offered_on": on,
                                                   "method": method, "in_lbp": not not_in_lbp, "notes": notes})
    typer.echo(f"Recorded offer {offer.id} of {format_day(offer.offered_on)}.", err=True)


@app.command("respond")
def respond_command(
    context: typer.Context, case: str = CASE, offer: int = OFFER,
    response: OfferResponse = typer.Option(..., "--response", help="accepted, declined, no_response or withdrawn."),
    on: str = ON, note: str = typer.Option("", "--note", help="What was said, briefly."),
) -> None:
    """Record the answer to an offer."""
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        row = offers.record_response(ctx, _offer_id(ctx, case_id, case, offer), response, on=on,
                                     note=note)
    typer.echo(f"Offer {row.id}: {row.response.label.lower()} on {format_day(row.response_on)}.", err=True)


@app.command("withdraw")
def withdraw_command(context: typer.Context, case: str = CASE, offer: int = OFFER, on: str = ON,
                     note: str = typer.Option("", "--note", help="What was said, briefly.")) -> None:
    """Record that someone who accepted has taken their acceptance back."""
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        row = offers.withdraw(ctx, _offer_id(ctx, case_id, case, offer), on=on, note=note)
    typer.echo(f"Offer {row.id}: withdrawn on {format_day(row.response_on)}.", err=True)


@app.command("exception")
def exception_command(
    context: typer.Context, case: str = CASE,
    scope: ExceptionScope = typer.Option(..., "--scope", help="offer: no offer is to be made; holding: the "
                                                              "meeting is not to be held."),
    decided_by: str = typer.Option(..., "--decided-by", help="Who made the decision, with their role."),
    decided_on: str = typer.Option(..., "--decided-on", help="When, as DD/MM/YYYY."),
    reason: str = typer.Option(..., "--reason", help="Why, in a sentence the court can read."),
    child: int = typer.Option(None, "--child", min=1, max=MAX_ID,
                              help="One child's id (default: every child of the case)."),
) -> None:
    """Record that an offer, or holding the meeting, is not in a child's best interests."""
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        row = offers.record_exception(ctx, case_id, {"scope": scope, "decided_by": decided_by,
                                                     "decided_on": decided_on,
                                                     "reason": reason, "case_child_id": child})
    typer.echo(f"Recorded best-interests decision {row.id}.", err=True)


@app.command("remove-exception")
def remove_exception_command(context: typer.Context, case: str = CASE,
                             exception: int = typer.Option(..., "--exception", min=1, max=MAX_ID,
                                                           help="The decision's id.")) -> None:
    """Remove a best-interests decision recorded in error (the audit trail keeps it)."""
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        if exception not in {d.id for d in offers.list_exceptions(ctx, case_id)}:
            raise NotFound(f"case {case} has no best-interests decision {exception}")
        offers.remove_exception(ctx, exception)
    typer.echo(f"Removed best-interests decision {exception}.", err=True)


@app.command("application")
def application_command(
    context: typer.Context, case: str = CASE,
    on: str = typer.Option(None, "--on", help="The date the care or supervision order application was made."),
    clear: bool = typer.Option(False, "--clear", help="Remove a date recorded in error."),
) -> None:
    """Record the date of the care or supervision order application."""
    if (on is None) == (not clear):
        raise ValidationFailed.one("on", "give --on DD/MM/YYYY, or --clear to remove the date")
    with service_context(context) as ctx:
        row = offers.record_care_application(ctx, case_id_of(ctx, case), on)
    said = format_day(row.care_application_date) if row.care_application_date else "cleared"
    typer.echo(f"Care application date for {case}: {said}.", err=True)


def duty_command(context: typer.Context, case: str = CASE, output: OutputFormat = FORMAT) -> None:
    """Each child's s.31ZA status (met, pending, excepted or breached) and why."""
    with service_context(context) as ctx:
        statuses = offers.duty_status(ctx, case_id_of(ctx, case))
    if output is OutputFormat.JSON:
        typer.echo(json_text([{"child": s.child_name, "case_child_id": s.case_child_id, "state": s.state.value,
                               "reason": s.reason, "missing": [{"what": m.what,
                                                                "by": m.by.isoformat() if m.by else None}
                                                               for m in s.missing],
                               "accepted_by": s.accepted_by, "warnings": s.warnings} for s in statuses]))
        return
    for s in statuses:
        typer.echo(f"{s.child_name} (child {s.case_child_id}): {s.state.label.upper()}: {s.reason}")
        for step in s.missing:
            typer.echo(f"  - {step.what}" + (f" by {format_day(step.by)}" if step.by else ""))
        for warning in s.warnings:
            typer.echo(f"  ! {warning}")


def _day_text(value: object) -> str:
    """An item as the census file writes it: dates YYYY-MM-DD, flags 1 or 0, blank where left out."""
    if isinstance(value, bool):
        return "1" if value else "0"
    return value.isoformat() if hasattr(value, "isoformat") else ("" if value is None else str(value))


def _yes_no(flag: bool | None) -> str:
    return "not yet known" if flag is None else ("yes" if flag else "no")


def _words(value: object) -> str:
    if isinstance(value, date):
        return format_day(value)
    return _yes_no(value) if value is None or isinstance(value, bool) else str(value)


def _said(element: str, value: object, view: offers.EpisodeView) -> str:
    """An item as the census will say it, with the case's own value beside it where the coordinator overrode it."""
    if element not in view.block.overridden:
        return _words(value)
    return (f"{_words(value)} (overridden: the case's records say {_words(view.block.overridden[element])}; "
            f"{view.override_reason or 'no reason given'})")


@app.command("episodes")
def episodes_command(context: typer.Context, case: str = CASE, output: OutputFormat = FORMAT) -> None:
    """Each child's pre-proceedings episodes, as the CIN census module 5 will report them."""
    with service_context(context) as ctx:
        views = offers.list_episodes(ctx, case_id_of(ctx, case))
    if output is OutputFormat.JSON:
        typer.echo(json_text([{"episode": v.id, "child": v.child_name, "la_child_id": v.la_child_id,
                               "outcome": v.outcome_words, "derived": sorted(v.block.derived),
                               "items": [_day_text(value) for value in v.block.values()],
                               "overridden": {element: _day_text(said) for element, said
                                              in v.block.overridden.items()},
                               "override_reason": v.override_reason} for v in views]))
        return
    if not views:
        typer.echo("No pre-proceedings episode is recorded for this case's children.", err=True)
    for v in views:
        block = v.block
        typer.echo(f"episode {v.id}: {v.child_name} (LAchildID {v.la_child_id or 'not recorded'}): decision "
                   f"{format_day(block.pp_start_date) if block.pp_start_date else 'not recorded'}; letter "
                   f"{_said('LBPSentDate', block.lbp_sent_date, v) if block.lbp_sent_date else 'none'}; offered in "
                   f"the letter {_said('FGDMMeetingOffer', block.fgdm_meeting_offer, v)}; meeting after it "
                   f"{_said('FGDMMeetingFac', block.fgdm_meeting_fac, v)}; court application "
                   f"{_said('CourtAppDate', block.court_app_date, v) if block.court_app_date else 'none'}; "
                   f"outcome {v.outcome_words or 'not recorded'}")


CLEAR = "clear"
"""Given for an item of `edit-episode`: that item is cleared (a derived item goes back to the case's records)."""
_ITEM_HELP = " Give 'clear' to `edit-episode` to clear it."
_DERIVED_HELP = " Leave it out to take it from the case's records; recording a different value needs --reason."


_ITEMS = {"decided": "pp_start_date", "initial_meeting": "initial_pp_meeting_date",
          "reviews": "review_meetings_count", "step_decision": "step_decision_date", "outcome": "pp_outcome",
          "letter_init": "letter_init_cp_date", "letter_sent": "lbp_sent_date",
          "offered_in_letter": "fgdm_meeting_offer", "facilitated": "fgdm_meeting_fac",
          "court_application": "court_app_date", "reason": "override_reason", "notes": "notes"}
"""Each episode option (its Python name) and the service's name for the item."""
_OPTIONS = {item: "--" + option.replace("_", "-") for option, item in _ITEMS.items()}


def _episode_options(parameters: Mapping[str, object]) -> dict[str, object]:
    """The items given on the command line (among a command's parameters), by the service's names, 'clear' as
    None."""
    return {_ITEMS[option]: None if value == CLEAR else value for option, value in parameters.items()
            if option in _ITEMS and value is not None}


@contextmanager
def _named_as_options() -> Iterator[None]:
    """A refused episode names the option to change (--reason), not the service's field."""
    try:
        yield
    except ValidationFailed as error:
        raise ValidationFailed({_OPTIONS.get(field, field): message for field, message in error.errors.items()}
                               ) from None


DECIDED = typer.Option(None, "--decided", help="Date pre-proceedings was decided (DD/MM/YYYY)." + _ITEM_HELP)
INITIAL = typer.Option(None, "--initial-meeting", help="First pre-proceedings meeting." + _ITEM_HELP)
REVIEWS = typer.Option(None, "--reviews", help="Review meetings held after the initial one (a number)." + _ITEM_HELP)
STEP = typer.Option(None, "--step-decision", help="Decision to step up or down." + _ITEM_HELP)
OUTCOME = typer.Option(None, "--outcome", help="A, B or C (codeset CS131: `fgdm offer episodes` shows it in "
                                               "words)." + _ITEM_HELP)
LETTER_INIT = typer.Option(None, "--letter-init", help="Letter telling parents proceedings are issued." + _ITEM_HELP)
LETTER_SENT = typer.Option(None, "--letter-sent", help="Letter before proceedings sent (DD/MM/YYYY)." + _DERIVED_HELP)
OFFERED = typer.Option(None, "--offered-in-letter", help="yes or no: an FGDM meeting was offered in the letter."
                       + _DERIVED_HELP)
FACILITATED = typer.Option(None, "--facilitated", help="yes or no: an FGDM meeting was held after that offer."
                           + _DERIVED_HELP)
COURT = typer.Option(None, "--court-application", help="Court application submitted (DD/MM/YYYY)." + _DERIVED_HELP)
REASON = typer.Option(None, "--reason", help="Why a value given above differs from the case's records.")
NOTES = typer.Option(None, "--notes", help="Anything to keep with the episode.")
EPISODE = typer.Option(..., "--episode", min=1, max=MAX_ID, help="The episode's id, as `fgdm offer episodes` shows.")


def _episode_of(ctx: ServiceContext, case_id: int, reference: str, episode_id: int) -> offers.EpisodeView:
    """The episode, checked to belong to the case named, so a mistyped id cannot touch another family's."""
    found = next((view for view in offers.list_episodes(ctx, case_id) if view.id == episode_id), None)
    if found is None:
        raise NotFound(f"case {reference} has no pre-proceedings episode {episode_id}; `fgdm offer episodes "
                       f"--case {reference}` lists them")
    return found


@app.command("episode")
def episode_command(
    context: typer.Context,
    case: str = CASE,
    child: int = typer.Option(..., "--child", help="The child's id, as `fgdm duty --case REF` shows it (child N)."),
    decided: str = DECIDED, initial_meeting: str = INITIAL, reviews: str = REVIEWS, step_decision: str = STEP,
    outcome: str = OUTCOME, letter_init: str = LETTER_INIT, letter_sent: str = LETTER_SENT,
    offered_in_letter: str = OFFERED, facilitated: str = FACILITATED, court_application: str = COURT,
    reason: str = REASON, notes: str = NOTES,
) -> None:
    """Record a child's pre-proceedings episode (what fgdm cannot derive from the case)."""
    data = _episode_options(locals())
    with service_context(context) as ctx, _named_as_options():
        row = offers.record_episode(ctx, case_id_of(ctx, case), {"case_child_id": child, **data})
    typer.echo(f"Recorded pre-proceedings episode {row.id}", err=True)


@app.command("edit-episode")
def edit_episode_command(
    context: typer.Context, case: str = CASE, episode: int = EPISODE,
    decided: str = DECIDED, initial_meeting: str = INITIAL, reviews: str = REVIEWS, step_decision: str = STEP,
    outcome: str = OUTCOME, letter_init: str = LETTER_INIT, letter_sent: str = LETTER_SENT,
    offered_in_letter: str = OFFERED, facilitated: str = FACILITATED, court_application: str = COURT,
    reason: str = REASON, notes: str = NOTES,
) -> None:
    """Change what was recorded of a pre-proceedings episode: only the items given change."""
    data = _episode_options(locals())
    if not data:
        raise ValidationFailed.one("episode", "nothing to change: give the items to change, e.g. --outcome B")
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        found = _episode_of(ctx, case_id, case, episode)
        with _named_as_options():
            offers.update_episode(ctx, found.id, data, expected_version=found.version)
    typer.echo(f"Changed pre-proceedings episode {episode}", err=True)


@app.command("remove-episode")
def remove_episode_command(context: typer.Context, case: str = CASE, episode: int = EPISODE) -> None:
    """Remove a pre-proceedings episode recorded in error (the audit trail keeps it)."""
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        found = _episode_of(ctx, case_id, case, episode)
        offers.remove_episode(ctx, found.id, expected_version=found.version)
    typer.echo(f"Removed pre-proceedings episode {episode} of {found.child_name}", err=True)


@app.command("child-id")
def child_id_command(context: typer.Context, case: str = CASE,
                     child: int = typer.Option(..., "--child", help="The child's id, as `fgdm duty --case REF` "
                                                                    "shows it (child N)."),
                     la_child_id: str = typer.Argument(..., help="The child's id in the case system (up to 10 "
                                                                  "characters; empty to clear).")) -> None:
    """Record a child's LAchildID: their id in the council's case system, for the CIN census."""
    with service_context(context) as ctx:
        offers.set_la_child_id(ctx, case_id_of(ctx, case), child, la_child_id)
    typer.echo(f"Recorded LAchildID {la_child_id or '(cleared)'}", err=True)
