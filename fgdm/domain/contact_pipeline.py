"""The contact pipeline of a network member: identified, contacted, invited, then attending, declined or
excluded. Pure rules, so the services, the TUI's one-key moves and the tests agree on what is allowed.
"""

from __future__ import annotations

from fgdm.domain.enums import ContactStatus

S = ContactStatus

ALLOWED_MOVES: dict[ContactStatus, tuple[ContactStatus, ...]] = {
    S.IDENTIFIED: (S.CONTACTED, S.DECLINED, S.EXCLUDED),
    S.CONTACTED: (S.INVITED, S.DECLINED, S.EXCLUDED),
    S.INVITED: (S.ATTENDING, S.DECLINED, S.EXCLUDED),
    S.ATTENDING: (S.DECLINED, S.EXCLUDED),
    S.DECLINED: (S.CONTACTED, S.INVITED),
    S.EXCLUDED: (S.IDENTIFIED,),
}
"""A person may change their mind after declining; lifting an exclusion starts them again from the top."""

REACHES_OUT: frozenset[ContactStatus] = frozenset({S.CONTACTED, S.INVITED, S.ATTENDING, S.DECLINED})
"""Moves out of 'identified' into these mean someone spoke to the person: that needs the family's consent."""

INVITING: frozenset[ContactStatus] = frozenset({S.INVITED, S.ATTENDING})


class PipelineError(ValueError):
    """A move the pipeline does not allow; the message lists the moves that are."""


def allowed_moves(current: ContactStatus) -> tuple[ContactStatus, ...]:
    return ALLOWED_MOVES[current]


def describe_moves(current: ContactStatus) -> str:
    return ", ".join(f"'{status.label.lower()}'" for status in ALLOWED_MOVES[current])


def check_move(current: ContactStatus, target: ContactStatus) -> None:
    """Raise PipelineError naming the allowed moves when current → target is not one of them."""
    if target is current:
        raise PipelineError(f"the member is already '{current.label.lower()}'; "
                            f"from here they can move to {describe_moves(current)}")
    if target not in ALLOWED_MOVES[current]:
        raise PipelineError(f"cannot move from '{current.label.lower()}' to '{target.label.lower()}'; "
                            f"from '{current.label.lower()}' the allowed moves are {describe_moves(current)}")


def needs_consent(current: ContactStatus, target: ContactStatus) -> bool:
    """True when this move is the first contact with the person, which the family must have agreed to."""
    return current is S.IDENTIFIED and target in REACHES_OUT


def reaches_out_anew(current: ContactStatus, target: ContactStatus) -> bool:
    """True when this move means speaking to the person now: the first contact, or contact again after they
    declined. For someone marked not to be told, such a move needs a reason on record."""
    return target is S.CONTACTED or needs_consent(current, target)


def next_step(current: ContactStatus) -> ContactStatus | None:
    """The ordinary forward move (the TUI's 'advance' key): identified → contacted → invited → attending."""
    return {S.IDENTIFIED: S.CONTACTED, S.CONTACTED: S.INVITED, S.INVITED: S.ATTENDING,
            S.DECLINED: S.CONTACTED, S.EXCLUDED: S.IDENTIFIED}.get(current)


__all__ = [
    "ALLOWED_MOVES",
    "INVITING",
    "REACHES_OUT",
    "PipelineError",
    "allowed_moves",
    "check_move",
    "describe_moves",
    "needs_consent",
    "next_step",
    "reaches_out_anew",
]
