"""Whose offer each child's s.31ZA duty needs: that child's own parents and the people with parental
responsibility for that child, read from the recorded relationships.

s.31ZA is per child: siblings with different fathers have different people to offer. A network member marked as a
parent is a parent of the children they have a recorded ``parent_of`` tie to; a holder of parental responsibility
holds it for their own children and for those they have a ``guardian_of`` tie to. Where none of a member's ties
to the case's children is recorded, fgdm cannot tell which children are theirs and keeps the cautious reading:
they are a party for every child of the case, and the child's status says so. Duty, counts and letters all ask
this module, so they cannot disagree about who is a child's parent.
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

    def note(self) -> str:
        """Why members are counted for this child without a recorded tie; empty when none are."""
        if not self.unrecorded:
            return ""
        names = ", ".join(self.unrecorded)
        return (f"{names} counted for this child because which children are theirs is not recorded (record a "
                "'parent of' or 'guardian of' tie to count each child's own parents only)")


def parties_by_child(members: Iterable[Member], child_person_ids: Mapping[int, int],
                     ties: Collection[tuple[int, int, RelationshipKind]]) -> dict[int, ChildParties]:
    """For each child (case child id to its person id), the members who are a party for that child.

    ``ties`` are (from person, to person, kind) of the kinds in ``TIES``. With one child every member is a party
    for them, and nothing is unrecorded: the cautious reading and the exact one agree."""
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
            if not own and not held:
                ids.append(member.member_id)
                if several:
                    unrecorded.append(member.name)
                continue
            if (member.is_parent and child_person in own) or (
                    member.parental_responsibility and child_person in own | held):
                ids.append(member.member_id)
        result[child_id] = ChildParties(tuple(ids), tuple(unrecorded))
    return result
