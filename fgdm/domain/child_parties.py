"""Whose offer each child's s.31ZA duty needs: that child's own parents and the people with parental
responsibility for that child, read from the recorded relationships.

s.31ZA is per child: siblings with different fathers have different people to offer. A network member marked as a
parent is a parent of the children they have a recorded ``parent_of`` tie to; a holder of parental responsibility
holds it for their own children and for those they have a ``guardian_of`` tie to. Where none of a member's ties
to the case's children is recorded, fgdm cannot tell which children are theirs and keeps the cautious reading:
they are a party for every child of the case, and the child's status says so. The same holds for a member marked
as a parent whose only recorded tie is ``guardian_of``: their own children are not recorded, so they are not left
out of every child's duty. Duty, counts, letters and the CIN census all ask this module, so they cannot disagree
about who is a child's parent.

The flag and the tie can disagree the other way: someone in the network with a ``parent_of`` tie to a child but
marked neither a parent nor a holder of parental responsibility. fgdm does not guess which is wrong (the tie may
be a birth father whose parenthood is disputed, the flag may be forgotten): they are no party, and the child's
status and the census checks name them (`unmarked`) so the coordinator corrects one or the other.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from fgdm.domain.enums import RelationshipKind

TIES = (RelationshipKind.PARENT_OF, RelationshipKind.GUARDIAN_OF)
"""The relationships that say whose child someone is: read from the member to the child."""


@dataclass(frozen=True)
class Member:
    """A parent or PR holder of a case, as the per-child rule needs them."""

    member_id: int
    person_id: int
    name: str
    is_parent: bool
    parental_responsibility: bool


@dataclass(frozen=True)
class ChildParties:
    """Which members are a party for one child, and the members counted only because their children are not
    recorded (the cautious reading), for the status to say why."""

    member_ids: tuple[int, ...]
    unrecorded: tuple[str, ...]
    unmarked: tuple[str, ...] = ()
    """Network members recorded by a ``parent_of`` tie as this child's parent but marked neither a parent nor a
    holder of parental responsibility: no offer to them is asked for, nor counted."""

    def note(self) -> str:
        """Why members are counted for this child without a recorded tie; empty when none are."""
        if not self.unrecorded:
            return ""
        names = ", ".join(self.unrecorded)
        return (f"{names} counted for this child because which children are theirs is not recorded (record a "
                "'parent of' or 'guardian of' tie to count each child's own parents only)")

    def unmarked_warning(self, child_name: str) -> str:
        """What to correct where a tie says parent and the network does not; empty when nothing disagrees."""
        if not self.unmarked:
            return ""
        names = ", ".join(self.unmarked)
        return (f"{names} recorded as {child_name}'s parent (a 'parent of' tie) but not marked as a parent or "
                "holder of parental responsibility in the network, so no offer to them is asked for or counted; "
                "mark them a parent in the network, or remove the tie")


def parties_by_child(members: Iterable[Member], child_person_ids: Mapping[int, int],
                     ties: Collection[tuple[int, int, RelationshipKind]],
                     unmarked: Mapping[int, str] | None = None) -> dict[int, ChildParties]:
    """For each child (case child id to its person id), the members who are a party for that child.

    ``ties`` are (from person, to person, kind) of the kinds in ``TIES``; ``unmarked`` names, by person, the
    network members marked neither a parent nor a PR holder (only those with a tie are looked at). With one child
    every member is a party for them, and nothing is unrecorded: the cautious reading and the exact one agree."""
    members = list(members)
    children = set(child_person_ids.values())
    parent_of: dict[int, set[int]] = {}
    guardian_of: dict[int, set[int]] = {}
    for source, target, kind in ties:
        if target in children:
            (parent_of if kind is RelationshipKind.PARENT_OF else guardian_of).setdefault(source, set()).add(target)
    several = len(children) > 1
    result: dict[int, ChildParties] = {}
    for child_id, child_person in child_person_ids.items():
        ids: list[int] = []
        unrecorded: list[str] = []
        for member in members:
            own = parent_of.get(member.person_id, set())
            held = guardian_of.get(member.person_id, set())
            if not own and (member.is_parent or not held):
                ids.append(member.member_id)
                if several:
                    unrecorded.append(member.name)
                continue
            if (member.is_parent and child_person in own) or (
                    member.parental_responsibility and child_person in own | held):
                ids.append(member.member_id)
        named = tuple(name for person, name in (unmarked or {}).items() if child_person in parent_of.get(person, ()))
        result[child_id] = ChildParties(tuple(ids), tuple(unrecorded), named)
    return result
