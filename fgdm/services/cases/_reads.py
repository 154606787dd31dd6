"""Reads of one case shared by the plan and support services, for a case the caller has already checked.

The Plan and Support tabs each need every network member's name (for actions, the plan lead and support
recipients) and the list of those who may be named to the family (to choose from); one query as columns
gives both, where reading members and people as records twice cost more than the rest of either tab.
Support items serve the latest plan version's actions, which both services read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from fgdm.domain.enums import ContactStatus
from fgdm.models import FamilyPlan, NetworkMember, Person, PlanAction, person_name
from fgdm.services.shared.lookups import columns

# Built once, the case a parameter: these run on every opening of a case, and building a select took about as
# long as running it.
_NAMES = (select(NetworkMember.id, Person.given_name, Person.family_name, NetworkMember.not_to_be_told,
                 NetworkMember.contact_status).join(Person, Person.id == NetworkMember.person_id)
          .where(NetworkMember.case_id == bindparam("case_id"))
          .order_by(Person.given_name, Person.family_name, col(NetworkMember.id)))
_LATEST_ACTIONS = (
    select(PlanAction.id, PlanAction.what)
    .where(PlanAction.plan_id == select(FamilyPlan.id).where(FamilyPlan.case_id == bindparam("case_id"))
           .order_by(col(FamilyPlan.version_no).desc()).limit(1).scalar_subquery())
    .order_by(PlanAction.position, PlanAction.id))


@dataclass(frozen=True)
class NetworkNames:
    names: dict[int, str]
    """Every member's name, by network member id."""
    nameable: list[tuple[int, str]]
    """(id, name) of the members who may be named in the family's plan (not to be told and excluded people
    left out), by name: what `plans.nameable_members` gives."""


def network_names(session: Session, case_id: int) -> NetworkNames:
    """The names of a case's network; the caller has already checked that the actor may open the case."""
    rows = columns(session, _NAMES, {"case_id": case_id})
    names = {member_id: person_name(given, family) for member_id, given, family, _hidden, _status in rows}
    return NetworkNames(names=names, nameable=[
        (member_id, names[member_id]) for member_id, _given, _family, hidden, status in rows
        if not hidden and status is not ContactStatus.EXCLUDED])


def latest_actions(session: Session, case_id: int) -> list[tuple[int, str]]:
    """(id, what) of the latest plan version's actions, in order: what a support item may serve."""
    return [(action_id, what) for action_id, what in columns(session, _LATEST_ACTIONS, {"case_id": case_id})]


__all__ = ["NetworkNames", "latest_actions", "network_names"]
