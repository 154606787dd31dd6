"""Neutral venues kept in one reusable list: name, address and access notes."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from sqlmodel import select

from fgdm.models import Venue
from fgdm.services.shared import access
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import Input, parse


class VenueInput(Input):
    name: str = Field(min_length=1, max_length=200)
    address: str = ""
    access_notes: str = ""
    active: bool = True


_ALL = select(Venue).order_by(Venue.name)
_ACTIVE = _ALL.where(Venue.active == True)  # noqa: E712
"""Built once: the Meetings tab lists the active venues on every opening of a case."""


def list_venues(ctx: ServiceContext, *, active_only: bool = True) -> list[Venue]:
    return list(ctx.session.exec(_ACTIVE if active_only else _ALL).all())


def get_venue(ctx: ServiceContext, venue_id: int) -> Venue:
    venue = ctx.session.get(Venue, venue_id)
    if venue is None:
        raise NotFound(f"there is no venue with id {venue_id}; `fgdm venue list` shows them")
    return venue


def _unique_name(ctx: ServiceContext, name: str, venue_id: int | None) -> None:
    clash = ctx.session.exec(select(Venue.id).where(Venue.name == name)).first()
    if clash is not None and clash != venue_id:
        raise ValidationFailed.one("name", f"a venue called {name!r} already exists; choose it from the list")


def add_venue(ctx: ServiceContext, data: VenueInput | dict[str, Any]) -> Venue:
    access.require_coordinator(ctx, doing="add a venue")
    values = parse(VenueInput, data)
    with ctx.write() as session:
        _unique_name(ctx, values.name, None)
        venue = Venue(**values.model_dump())
        session.add(venue)
    return venue


def update_venue(ctx: ServiceContext, venue_id: int, data: VenueInput | dict[str, Any]) -> Venue:
    access.require_coordinator(ctx, doing="change a venue")
    values = parse(VenueInput, data)
    with ctx.write():
        venue = get_venue(ctx, venue_id)
        _unique_name(ctx, values.name, venue_id)
        for name, value in values.model_dump().items():
            setattr(venue, name, value)
    return venue


__all__ = ["VenueInput", "add_venue", "get_venue", "list_venues", "update_venue"]
