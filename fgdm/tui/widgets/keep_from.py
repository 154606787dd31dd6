"""Tick boxes for "keep this from named members", shared by the Network tab (a member's address, `f`) and the
Meetings tab (a meeting's venue and time, `f`): one tick per member, saved as keep and clear calls in one change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fgdm.domain.enums import ConfidentialFact
from fgdm.services import network
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.widgets.form import FormField

SaveFunction = Callable[[ServiceContext, dict[str, Any], int | None], list[network.ConfidentialView]]


def kept_key(fact: ConfidentialFact, person_id: int) -> str:
    """The tick's field name: the fact and the member it is kept from."""
    return f"{fact.value}_from_{person_id}"


def keep_from_fields(fact: ConfidentialFact, people: Sequence[tuple[int, str]], label: Callable[[str], str], *,
                     section: str = "") -> list[FormField]:
    """A tick for each (person id, name): `label` words it from the name ("Keep the venue from Dan")."""
    return [FormField(kept_key(fact, person_id), label(name), "flag", section=section if index == 0 else "")
            for index, (person_id, name) in enumerate(people)]


def _kept(kept: Sequence[network.ConfidentialView], fact: ConfidentialFact, person_id: int | None,
          meeting_id: int | None) -> set[int]:
    return {view.hidden_from_person_id for view in kept
            if view.fact is fact and view.person_id == person_id and view.meeting_id == meeting_id}


def keep_from_initial(kept: Sequence[network.ConfidentialView], facts: Sequence[ConfidentialFact], *,
                      person_id: int | None = None, meeting_id: int | None = None) -> dict[str, Any]:
    """The ticks as they stand: who each fact is kept from now."""
    return {kept_key(fact, hidden): True for fact in facts for hidden in _kept(kept, fact, person_id, meeting_id)}


def kept_from_names(kept: Sequence[network.ConfidentialView], fact: ConfidentialFact, *, person_id: int | None = None,
                    meeting_id: int | None = None) -> list[str]:
    """Who the fact is kept from, by name, as a tab's detail panel lists them."""
    return [view.hidden_from for view in kept
            if view.fact is fact and view.person_id == person_id and view.meeting_id == meeting_id]


def keep_from_function(case_id: int, kept: Sequence[network.ConfidentialView], facts: Sequence[ConfidentialFact], *,
                       person_id: int | None = None, meeting_id: int | None = None) -> SaveFunction:
    """Save the ticks in one change: keep each fact from those newly ticked, no longer from those unticked."""
    before = {fact: _kept(kept, fact, person_id, meeting_id) for fact in facts}

    def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> list[network.ConfidentialView]:
        with ctx.write():
            for fact in facts:
                prefix = f"{fact.value}_from_"
                ticked = {int(name.removeprefix(prefix)) for name, value in values.items()
                          if name.startswith(prefix) and value}
                if ticked - before[fact]:
                    network.keep_confidential(ctx, case_id, fact, person_id=person_id, meeting_id=meeting_id,
                                              hidden_from=sorted(ticked - before[fact]))
                if before[fact] - ticked:
                    network.clear_confidential(ctx, case_id, fact, person_id=person_id, meeting_id=meeting_id,
                                               hidden_from=sorted(before[fact] - ticked))
        return network.confidential_list(ctx, case_id)
    return save


__all__ = ["keep_from_fields", "keep_from_function", "keep_from_initial", "kept_from_names", "kept_key"]
