"""The genogram: generations as rows, partners joined, children below, drawn in text with standard symbols.

The layout (who sits in which row and column, which lines join whom) is computed once here, in display
columns, and both the terminal text and the printed image (`fgdm.documents.drawing`) are drawn from it.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import deque
from dataclasses import dataclass, field

from fgdm.domain.enums import Gender, RelationshipKind, Side, TieQuality
from fgdm.domain.network_picture import MemberEntry, NetworkPicture, TieEntry

K = RelationshipKind
PARENT_KINDS = frozenset({K.PARENT_OF, K.STEP_PARENT_OF, K.GUARDIAN_OF})
PARTNER_KINDS = frozenset({K.PARTNER_OF, K.MARRIED_TO, K.FORMER_PARTNER_OF, K.DIVORCED_FROM})
SAME_GENERATION_KINDS = PARTNER_KINDS | {K.SIBLING_OF, K.HALF_SIBLING_OF}

SYMBOLS = {Gender.MALE: "□", Gender.FEMALE: "○", Gender.NON_BINARY: "◇", Gender.UNKNOWN: "◇"}
DECEASED = "✕"
CHILD_MARK = "║"
TIE_CHARS = {TieQuality.CLOSE: "═", TieQuality.ORDINARY: "─", TieQuality.DISTANT: "┄",
             TieQuality.CONFLICTUAL: "~", TieQuality.STRESSFUL: "≈"}
PARTNER_MARKS = {K.MARRIED_TO: "⚭", K.FORMER_PARTNER_OF: "/", K.DIVORCED_FROM: "//"}
LEGEND = ("□ male   ○ female   ◇ unknown or non-binary   ✕ deceased   ║○ name║ the child   "
          "⚭ married   / separated   // divorced   "
          "═ close   ─ ordinary   ┄ distant   ~ conflictual   ≈ stressful")
GAP = 4

# Words coordinators write in "relationship to the child", and the generation they imply (child = 0).
_GENERATION_WORDS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("great-grand", "great grand"), -3),
    (("grand", "nan", "granny", "grandad", "gran", "great-aunt", "great aunt", "great-uncle", "great uncle"), -2),
    (("mother", "father", "mum", "dad", "parent", "aunt", "uncle"), -1),
    (("sister", "brother", "sibling", "cousin"), 0),
    (("niece", "nephew", "son", "daughter"), 1),
)


def text_width(text: str) -> int:
    """Display columns: East Asian wide characters and emoji take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


class Canvas:
    """A grid of display cells that text is written into, so wide characters keep columns aligned."""

    def __init__(self) -> None:
        self.rows: dict[int, dict[int, str]] = {}

    def put(self, row: int, column: int, text: str) -> None:
        cells = self.rows.setdefault(row, {})
        for char in text:
            width = text_width(char)
            if width == 0 and column > 0:
                cells[column - 1] = cells.get(column - 1, " ") + char
                continue
            cells[column] = char
            for extra in range(1, width):
                cells[column + extra] = ""
            column += max(width, 1)

    def cross(self, row: int, column: int) -> None:
        """A vertical line through this cell, crossing any horizontal one already there."""
        current = self.rows.get(row, {}).get(column, " ")
        self.put(row, column, "┼" if current == "─" else "│" if current in (" ", "│") else current)

    def lines(self) -> list[str]:
        if not self.rows:
            return []
        out = []
        for row in range(max(self.rows) + 1):
            cells = self.rows.get(row, {})
            width = max(cells) + 1 if cells else 0
            out.append("".join(cells.get(column, " ") for column in range(width)).rstrip())
        return out


def junction(*, up: bool, down: bool, left: bool, right: bool) -> str:
    """The box-drawing character joining lines in the given directions."""
    return {
        (True, True, True, True): "┼", (True, True, False, False): "│", (True, True, True, False): "┤",
        (True, True, False, True): "├", (True, False, True, True): "┴", (True, False, True, False): "┘",
        (True, False, False, True): "└", (False, True, True, True): "┬", (False, True, True, False): "┐",
        (False, True, False, True): "┌", (True, False, False, False): "│", (False, True, False, False): "│",
    }.get((up, down, left, right), "─")


def person_token(member: MemberEntry) -> str:
    """□ John Bell, ○✕ Grace Okafor (deceased), ║○ Ada Okafor║ (the child)."""
    symbol = SYMBOLS[member.gender] + (DECEASED if member.deceased else "")
    token = f"{symbol} {member.name}"
    return f"{CHILD_MARK}{token}{CHILD_MARK}" if member.is_child else token


def partner_joiner(kind: RelationshipKind, quality: TieQuality) -> str:
    line = TIE_CHARS[quality]
    return f"{line}{line}{PARTNER_MARKS.get(kind, line)}{line}{line}"


@dataclass(frozen=True)
class PlacedPerson:
    member: MemberEntry
    row: int
    start: int
    """First display column of the person's token."""
    symbol_x: int
    """Display column of the person's symbol: where lines to them attach."""


@dataclass(frozen=True)
class PartnerLink:
    left_person_id: int
    right_person_id: int
    kind: RelationshipKind
    quality: TieQuality


@dataclass(frozen=True)
class Descent:
    """Children in row `row + 1` hanging from the point `anchor_x` under their parents in `row`."""

    row: int
    anchor_x: int
    child_xs: tuple[int, ...]
    parent_ids: tuple[int, ...]
    child_ids: tuple[int, ...]


@dataclass
class GenogramLayout:
    generations: list[int] = field(default_factory=list)
    """The generation of each row relative to the child (0), top row first."""
    placed: dict[int, PlacedPerson] = field(default_factory=dict)
    partners: list[PartnerLink] = field(default_factory=list)
    descents: list[Descent] = field(default_factory=list)
    others: list[MemberEntry] = field(default_factory=list)
    """Members with no place in the family tree (friends, professionals, unlinked relatives)."""

    def row_of(self, row: int) -> list[PlacedPerson]:
        return sorted((p for p in self.placed.values() if p.row == row), key=lambda p: p.start)


def generation_from_words(relationship_to_child: str) -> int | None:
    text = relationship_to_child.casefold()
    for words, generation in _GENERATION_WORDS:
        if any(word in text for word in words):
            return generation
    return None


def _edges(ties: tuple[TieEntry, ...], ids: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Neighbours with the generation step to them: +1 to a child, -1 to a parent, 0 to partner or sibling."""
    edges: dict[int, list[tuple[int, int]]] = {person_id: [] for person_id in ids}
    for tie in ties:
        a, b = tie.from_person_id, tie.to_person_id
        if a not in ids or b not in ids or a == b:
            continue
        step = 1 if tie.kind in PARENT_KINDS else 0 if tie.kind in SAME_GENERATION_KINDS else None
        if step is None:
            continue
        edges[a].append((b, step))
        edges[b].append((a, -step))
    return edges


def assign_generations(picture: NetworkPicture) -> dict[int, int]:
    """Generation per person: along ties from the children first, then from what the coordinator wrote."""
    ids = {member.person_id for member in picture.members}
    edges = _edges(picture.ties, ids)
    generation: dict[int, int] = {}

    def spread(seed: int, value: int) -> None:
        generation[seed] = value
        queue = deque([seed])
        while queue:
            current = queue.popleft()
            for neighbour, step in edges[current]:
                if neighbour not in generation:
                    generation[neighbour] = generation[current] + step
                    queue.append(neighbour)

    for child in picture.children:
        if child.person_id not in generation:
            spread(child.person_id, 0)
    for member in picture.network:
        if member.person_id in generation or member.side is Side.PROFESSIONAL:
            continue
        guess = generation_from_words(member.relationship_to_child)
        if guess is None and member.is_parent:
            guess = -1
        if guess is not None:
            spread(member.person_id, guess)
    return generation


def _units(people: list[MemberEntry], links: dict[frozenset[int], TieEntry]) -> list[list[MemberEntry]]:
    """People of one row grouped into chains of partners (an ex, the person, their new partner)."""
    by_id = {person.person_id: person for person in people}
    neighbours: dict[int, list[int]] = {pid: [] for pid in by_id}
    for pair in links:
        a, b = tuple(pair)
        if a in by_id and b in by_id:
            neighbours[a].append(b)
            neighbours[b].append(a)
    seen: set[int] = set()
    units = []
    for person in people:
        if person.person_id in seen:
            continue
        component = _component(person.person_id, neighbours)
        start = min(component, key=lambda pid: (len(neighbours[pid]) != 1, _order_key(by_id[pid])))
        chain: list[int] = []
        stack = [start]
        while stack:
            current = stack.pop()
            if current in chain:
                continue
            chain.append(current)
            stack.extend(sorted((n for n in neighbours[current] if n not in chain),
                                key=lambda pid: _order_key(by_id[pid]), reverse=True))
        seen.update(chain)
        units.append([by_id[pid] for pid in chain])
    return units


def _component(start: int, neighbours: dict[int, list[int]]) -> set[int]:
    found = {start}
    stack = [start]
    while stack:
        for neighbour in neighbours[stack.pop()]:
            if neighbour not in found:
                found.add(neighbour)
                stack.append(neighbour)
    return found


_SIDE_ORDER = {Side.MATERNAL: 0, Side.PATERNAL: 1, None: 2, Side.FRIENDS_COMMUNITY: 3, Side.PROFESSIONAL: 4}


def _order_key(member: MemberEntry) -> tuple[int, str, str]:
    born = member.date_of_birth.isoformat() if member.date_of_birth else "9999"
    return (_SIDE_ORDER[member.side], born, member.name.casefold())


def layout(picture: NetworkPicture) -> GenogramLayout:
    """Place every family member of the picture; anyone with no generation goes to `others`."""
    generation = assign_generations(picture)
    result = GenogramLayout(generations=sorted(set(generation.values())))
    result.others = [m for m in picture.network if m.person_id not in generation]
    partner_ties = {frozenset((t.from_person_id, t.to_person_id)): t for t in picture.ties
                    if t.kind in PARTNER_KINDS and t.from_person_id != t.to_person_id}
    parents_of: dict[int, list[int]] = {}
    for tie in picture.ties:
        if tie.kind in PARENT_KINDS:
            parents_of.setdefault(tie.to_person_id, []).append(tie.from_person_id)
    for row, value in enumerate(result.generations):
        people = sorted((m for m in picture.members if generation.get(m.person_id) == value), key=_order_key)
        units = _units(people, partner_ties)
        anchored = [(_anchor(unit, parents_of, result, row), unit) for unit in units]
        anchored.sort(key=lambda item: (item[0] is None, item[0] or 0))
        _place_row(result, row, anchored, partner_ties, parents_of)
    return result


def _anchor(unit: list[MemberEntry], parents_of: dict[int, list[int]], result: GenogramLayout,
            row: int) -> int | None:
    """The column under the parents (in the row above) of the first person in the unit who has any."""
    for member in unit:
        xs = [result.placed[p].symbol_x for p in parents_of.get(member.person_id, [])
              if p in result.placed and result.placed[p].row == row - 1]
        if xs:
            return (min(xs) + max(xs)) // 2
    return None


def _unit_text(unit: list[MemberEntry], partner_ties: dict[frozenset[int], TieEntry]) -> list[tuple[str, int | None]]:
    """The unit as pieces of text; each person's piece carries their id, joiners carry None."""
    pieces: list[tuple[str, int | None]] = []
    for index, member in enumerate(unit):
        if index:
            tie = partner_ties.get(frozenset((unit[index - 1].person_id, member.person_id)))
            pieces.append((f" {partner_joiner(tie.kind, tie.quality)} " if tie else " " * GAP, None))
        pieces.append((person_token(member), member.person_id))
    return pieces


def _place_row(result: GenogramLayout, row: int, anchored: list[tuple[int | None, list[MemberEntry]]],
               partner_ties: dict[frozenset[int], TieEntry], parents_of: dict[int, list[int]]) -> None:
    cursor = 0
    groups: list[tuple[int | None, list[list[MemberEntry]]]] = []
    for anchor, unit in anchored:
        if groups and groups[-1][0] == anchor and anchor is not None:
            groups[-1][1].append(unit)
        else:
            groups.append((anchor, [unit]))
    for anchor, units in groups:
        texts = [_unit_text(unit, partner_ties) for unit in units]
        width = sum(text_width(piece) for pieces in texts for piece, _ in pieces) + GAP * (len(texts) - 1)
        start = cursor if anchor is None else max(cursor, anchor - width // 2)
        for unit, pieces in zip(units, texts, strict=True):
            for piece, person_id in pieces:
                if person_id is not None:
                    member = next(m for m in unit if m.person_id == person_id)
                    symbol_x = start + (len(CHILD_MARK) if member.is_child else 0)
                    result.placed[person_id] = PlacedPerson(member=member, row=row, start=start, symbol_x=symbol_x)
                start += text_width(piece)
            start += GAP
            for left, right in itertools.pairwise(unit):
                tie = partner_ties.get(frozenset((left.person_id, right.person_id)))
                if tie:
                    result.partners.append(PartnerLink(left.person_id, right.person_id, tie.kind, tie.quality))
        cursor = start
    _add_descents(result, row, parents_of)


def _add_descents(result: GenogramLayout, row: int, parents_of: dict[int, list[int]]) -> None:
    """One descent per set of parents in the row above, joining all of their children in this row."""
    families: dict[tuple[int, ...], list[PlacedPerson]] = {}
    for placed in result.row_of(row):
        parents = tuple(sorted(p for p in parents_of.get(placed.member.person_id, [])
                               if p in result.placed and result.placed[p].row == row - 1))
        if parents:
            families.setdefault(parents, []).append(placed)
    for parents, children in families.items():
        xs = [result.placed[p].symbol_x for p in parents]
        result.descents.append(Descent(row=row - 1, anchor_x=(min(xs) + max(xs)) // 2,
                                       child_xs=tuple(c.symbol_x for c in children), parent_ids=parents,
                                       child_ids=tuple(c.member.person_id for c in children)))


def _lanes(descents: list[Descent]) -> list[int]:
    """A line for each descent's bar, so bars that would overlap are drawn one under the other."""
    taken: list[list[tuple[int, int]]] = []
    lanes = []
    for descent in descents:
        span = (min((*descent.child_xs, descent.anchor_x)), max((*descent.child_xs, descent.anchor_x)))
        lane = 0
        while lane < len(taken) and any(span[0] <= b + 1 and a - 1 <= span[1] for a, b in taken[lane]):
            lane += 1
        if lane == len(taken):
            taken.append([])
        taken[lane].append(span)
        lanes.append(lane)
    return lanes


def render_text(result: GenogramLayout, *, with_legend: bool = True) -> list[str]:
    """The genogram as lines of text: each row of people, then the lines down to their children."""
    canvas = Canvas()
    line = 0
    for row in range(len(result.generations)):
        for placed in result.row_of(row):
            canvas.put(line, placed.start, person_token(placed.member))
        for link in result.partners:
            left = result.placed[link.left_person_id]
            if left.row == row:
                joiner_start = left.start + text_width(person_token(left.member)) + 1
                canvas.put(line, joiner_start, partner_joiner(link.kind, link.quality))
        descents = [d for d in result.descents if d.row == row]
        lanes = _lanes(descents)
        depth = max(lanes, default=-1) + 1
        for descent, lane in zip(descents, lanes, strict=True):
            _draw_bar(canvas, line + 2 + lane, descent)
        for descent, lane in zip(descents, lanes, strict=True):
            for step in range(lane + 1):
                canvas.cross(line + 1 + step, descent.anchor_x)
            for step in range(lane + 1, depth):
                for x in descent.child_xs:
                    canvas.cross(line + 2 + step, x)
        line += 2 + depth
    lines = canvas.lines()
    if result.others:
        lines += ["", "Also in the network: " + ", ".join(person_token(m) for m in result.others)]
    if with_legend:
        lines += ["", LEGEND]
    return lines


def _draw_bar(canvas: Canvas, line: int, descent: Descent) -> None:
    low = min((*descent.child_xs, descent.anchor_x))
    high = max((*descent.child_xs, descent.anchor_x))
    for x in range(low, high + 1):
        char = junction(up=x == descent.anchor_x, down=x in descent.child_xs, left=x > low, right=x < high)
        canvas.put(line, x, char)


def genogram_text(picture: NetworkPicture) -> str:
    return "\n".join(render_text(layout(picture)))


__all__ = ["LEGEND", "Canvas", "Descent", "GenogramLayout", "PartnerLink", "PlacedPerson", "genogram_text",
           "junction", "layout", "person_token", "render_text", "text_width"]
