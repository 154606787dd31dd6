"""The genogram laid out by Graphviz's dot, checked over random family networks from the layout itself (the
JSON `fgdm network show --format json` prints): everyone placed once, generations on their own rows, parents
above their children, no two slots sharing a cell, partners side by side, every child under its parents'
line, no two sibship bars drawn over each other, and no sibship interleaved with another."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fgdm.documents import genogram_engine
from fgdm.domain import genogram
from fgdm.domain.enums import Gender, RelationshipKind, Side
from fgdm.domain.network_picture import MemberEntry, NetworkPicture, TieEntry
from tests.conftest import need_external

K = RelationshipKind
NAMES = st.text(alphabet=st.sampled_from("abcdefghij KLMNOPQ-'ŁóźطارقЁж"), min_size=1, max_size=40).filter(
    lambda name: name.strip())


@pytest.fixture(autouse=True)
def dot_installed() -> None:
    if genogram_engine.dot_path() is None:
        need_external("Graphviz dot", "install graphviz to lay out genograms")


@st.composite
def families(draw: st.DrawFn) -> NetworkPicture:
    """A family of up to four generations: couples (some with an ex before), children of a couple or of one
    parent, up to two marriages in a generation between its children (two families marrying into each other,
    once or twice, or one family into two others), and friends outside the tree."""
    members: list[MemberEntry] = []
    ties: list[TieEntry] = []
    partnered: set[int] = set()

    def person(generation: int, *, child: bool = False) -> int:
        person_id = len(members) + 1
        born = draw(st.one_of(st.none(), st.integers(1930 + 25 * (generation + 3), 1950 + 25 * (generation + 3))))
        members.append(MemberEntry(person_id, draw(NAMES), member_id=None if child else person_id, is_child=child,
                                   gender=draw(st.sampled_from(list(Gender))), deceased=draw(st.booleans()),
                                   date_of_birth=date(born, 1, 1) if born else None,
                                   side=draw(st.sampled_from([Side.MATERNAL, Side.PATERNAL, None]))))
        return person_id

    def couple(first: int, generation: int) -> list[int]:
        """The parents children can hang from: this person alone, or with a partner (and an ex before), the
        couple sometimes with a third parent of the children (a step-parent or guardian) drawn apart."""
        if draw(st.integers(0, 3)) == 0:
            return [first]
        partner = person(generation)
        ties.append(TieEntry(first, partner, draw(st.sampled_from(sorted(genogram.PARTNER_KINDS)))))
        partnered.update((first, partner))
        parents = [first, partner]
        if draw(st.booleans()):
            ex = person(generation)
            ties.append(TieEntry(ex, first, draw(st.sampled_from([K.FORMER_PARTNER_OF, K.DIVORCED_FROM]))))
            partnered.add(ex)
            parents = draw(st.sampled_from([[first, partner], [ex, first], [first]]))
        if len(parents) == 2 and draw(st.integers(0, 4)) == 0:
            parents = [*parents, person(generation)]
        return parents

    depth = draw(st.integers(1, 3))
    generation = -depth
    parent_sets = [couple(person(generation), generation) for _ in range(draw(st.integers(1, 3)))]
    for generation in range(-depth + 1, 1):
        children: list[int] = []
        for parents in parent_sets:
            for _ in range(draw(st.integers(0 if generation < 0 else 1, 3))):
                child = person(generation, child=generation == 0)
                ties.extend(TieEntry(parent, child, K.PARENT_OF) for parent in parents)
                children.append(child)
        if generation < 0:
            parent_sets = []
            for _ in range(draw(st.integers(0, 2))):
                single = [c for c in children if c not in partnered]
                if len(single) < 2:
                    break
                pair = draw(st.lists(st.sampled_from(single), min_size=2, max_size=2, unique=True))
                ties.append(TieEntry(pair[0], pair[1], K.MARRIED_TO))
                partnered.update(pair)
                parent_sets.append(pair)
            parent_sets += [couple(c, generation) for c in children if c not in partnered]
            if not parent_sets:
                parent_sets = [[person(generation)]]
    for _ in range(draw(st.integers(0, 2))):
        members.append(MemberEntry(len(members) + 1, draw(NAMES), member_id=len(members) + 1,
                                   side=Side.FRIENDS_COMMUNITY, relationship_to_child="Family friend"))
    return NetworkPicture("FG-2026-0001", "Test", tuple(members), tuple(ties))


def check_layout(picture: NetworkPicture, placed: genogram.GenogramLayout) -> None:
    people = placed.people
    assert set(people) | {m.person_id for m in placed.others} == {m.person_id for m in picture.members}
    assert not set(people) & {m.person_id for m in placed.others}, "nobody is both in the tree and outside it"
    for tie in picture.ties:
        assert (tie.from_person_id in people) == (tie.to_person_id in people), "a family tie keeps both in the tree"
    assert all(not m.is_child for m in placed.others), "the children are always in the tree"
    rows: dict[int, set[int]] = {}
    for person in people.values():
        rows.setdefault(person.row, set()).add(person.y)
        assert person.generation == placed.generations[person.row]
    assert all(len(ys) == 1 for ys in rows.values()), "a generation is one row"
    tops = [next(iter(rows[row])) for row in sorted(rows)]
    assert tops == sorted(set(tops)), "rows go down the page generation by generation"
    for row in rows:
        slots = sorted((p.left, p.right) for p in people.values() if p.row == row)
        for (_, right), (left, _) in pairwise(slots):
            assert right < left, "no two people's symbols or labels share a cell"
    for person in people.values():
        assert all(genogram.text_width(line) <= person.width - 2 for line in person.label), "labels fit the slot"
    for line in placed.lines:
        if line.kind == "partner":
            first, second = people[line.from_ids[0]], people[line.to_ids[0]]
            assert first.y == second.y
            between = [p for p in people.values() if p.row == first.row and first.x < p.x < second.x]
            assert not between, "partners are side by side"
    bars: dict[tuple[int, ...], tuple[int, int, int]] = {}
    for line in placed.lines:
        if line.kind != "descent":
            continue
        child = people[line.to_ids[0]]
        parents = [people[p] for p in line.from_ids]
        (anchor, _), (_, bar), (under, _), end = line.points
        assert all(parent.y < child.y and parent.row == child.row - 1 for parent in parents), "parents above"
        assert end == (child.x, child.y) and under == child.x, "the line comes down onto the child"
        assert min(p.x for p in parents) <= anchor <= max(p.x for p in parents), "the line leaves the parents"
        assert max(parent.y + parent.height for parent in parents) <= bar < child.y, "the bar is between the rows"
        low, high = min(anchor, child.x), max(anchor, child.x)
        seen = bars.get(line.from_ids, (bar, low, high))
        assert seen[0] == bar, "one bar for one sibship"
        bars[line.from_ids] = (bar, min(seen[1], low), max(seen[2], high))
    for (one, (bar_a, low_a, high_a)), (other, (bar_b, low_b, high_b)) in pairwise(sorted(bars.items())):
        if one != other and bar_a == bar_b:
            assert high_a + 1 < low_b or high_b + 1 < low_a, "two sibship bars never run over each other"
    check_sibships_together(placed)
    for bar_a, low_a, high_a in bars.values():
        for bar_b, low_b, high_b in bars.values():
            if (bar_a, low_a, high_a) != (bar_b, low_b, high_b) and bar_a == bar_b:
                assert high_a + 1 < low_b or high_b + 1 < low_a, "two sibship bars never run over each other"


def check_sibships_together(placed: genogram.GenogramLayout) -> None:
    """No sibship interleaves with another: between a sibship's first and last child stands nobody but its own
    children and the partners drawn in one chain with one of them (a child married into another family stands
    beside their spouse, who may be a child of that family); and a couple who are children of two families
    stand each on their own family's side."""
    chain = {person_id: {person_id} for person_id in placed.people}
    for line in placed.lines:
        if line.kind == "partner":
            joined = chain[line.from_ids[0]] | chain[line.to_ids[0]]
            for person_id in joined:
                chain[person_id] = joined
    sibships: dict[tuple[int, ...], list[int]] = {}
    for line in placed.lines:
        if line.kind == "descent":
            sibships.setdefault(line.from_ids, []).append(line.to_ids[0])
    for children in sibships.values():
        xs = [placed.people[child].x for child in children]
        row = placed.people[children[0]].row
        for person in placed.row_of(row):
            if min(xs) < person.x < max(xs):
                assert chain[person.member.person_id] & set(children), "sibships never interleave"
    family_of = {child: parents for parents, children in sibships.items() for child in children}
    for line in placed.lines:
        left, right = line.from_ids[0], line.to_ids[0]
        if line.kind == "partner" and len(chain[left]) == 2 and {left, right} <= family_of.keys() \
                and family_of[left] != family_of[right]:
            assert leaning(placed, sibships[family_of[left]], left) <= leaning(
                placed, sibships[family_of[right]], right), "a couple from two families stand each on their own side"


def leaning(placed: genogram.GenogramLayout, children: list[int], person_id: int) -> int:
    """How many more of these children stand right of the person than left of them."""
    x = placed.people[person_id].x
    return sum(placed.people[c].x > x for c in children) - sum(placed.people[c].x < x for c in children)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(families())
def test_dot_lays_out_any_family_by_the_rules(picture: NetworkPicture) -> None:
    placed = genogram_engine.genogram_layout(picture)
    assert placed.engine == "dot"
    check_layout(picture, placed)


@settings(max_examples=100, deadline=None)
@given(families())
def test_without_dot_the_packer_keeps_the_same_rules(picture: NetworkPicture) -> None:
    check_layout(picture, genogram.layout(picture))


def test_without_dot_the_genogram_is_packed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(genogram_engine, "dot_path", lambda: None)
    picture = NetworkPicture("R", "F", (MemberEntry(1, "Ada", is_child=True),
                                        MemberEntry(2, "Joy", member_id=2, relationship_to_child="Mother")),
                             (TieEntry(2, 1, K.PARENT_OF),))
    placed = genogram_engine.genogram_layout(picture)
    assert placed.engine == "packed" and placed.people[2].y < placed.people[1].y
