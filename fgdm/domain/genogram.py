"""The genogram by McGoldrick and Gerson's conventions: generations on rows, partners side by side, each couple's
children under them on one sibship line in birth order, non-kin outside the tree.

`graph` groups a generation's people into units (a person, or a chain of partners drawn side by side, so
partners are always next to each other) and the children of one couple into a sibship. A layout engine places
the units left to right: Graphviz's `dot` with one rank per generation (`dot_source`; run by
`fgdm.documents.genogram_engine`), or `pack` where dot is not installed. `arrange` turns that placement into
the one layout every drawing uses, in text cells: the terminal draws it cell for cell, the printed image
scales it, and `fgdm network show --format json` prints it (`layout_json`).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

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


NAME_COLUMNS = 16
"""A name wraps onto a second line at this many columns (and is cut with … after two lines)."""
SLOT_PADDING = 2
PARTNER_GAP = 7
"""Columns between partners: room for the partnership line's marks, with the line to their children in the
middle."""
UNIT_GAP = 3
"""Columns between units of one row: dot's node separation, and the least the packer leaves."""
DOT_COLUMN = 0.1
"""Inches per text column in the graph given to dot (node widths and separation are whole columns)."""
PARTNER_LINE = {K.MARRIED_TO: "─", K.PARTNER_OF: "╌", K.FORMER_PARTNER_OF: "─", K.DIVORCED_FROM: "─"}
"""Married: solid; living together unmarried: dashed; separated and divorced: solid, crossed by / or //."""
SEPARATION_MARKS = {K.FORMER_PARTNER_OF: "/", K.DIVORCED_FROM: "//"}
CELL_SYMBOLS = {
    (Gender.MALE, False): "□", (Gender.FEMALE, False): "○", (Gender.NON_BINARY, False): "◇",
    (Gender.UNKNOWN, False): "◇", (Gender.MALE, True): "⊠", (Gender.FEMALE, True): "⊗",
    (Gender.NON_BINARY, True): "◈", (Gender.UNKNOWN, True): "◈",
}
"""One cell per symbol, so lines meet it exactly: a deceased person's symbol is crossed."""
CHILD_CELL_SYMBOLS = {Gender.MALE: "▣", Gender.FEMALE: "◉", Gender.NON_BINARY: "◈", Gender.UNKNOWN: "◈"}
"""The child the work is about: a doubled outline."""
LEGEND = ("□ male   ○ female   ◇ unknown or non-binary   ⊠ ⊗ deceased   ▣ ◉ the child   "
          "─ married   ╌ living together   / separated   // divorced   "
          "under a couple: ═ close   ┄ distant   ~ conflictual   ≈ stressful")


def cut_to_width(text: str, columns: int) -> str:
    """The text, cut with … so it takes at most `columns` display columns."""
    if text_width(text) <= columns:
        return text
    kept = ""
    for char in text:
        if text_width(kept + char) > columns - 1:
            break
        kept += char
    return kept + "…"


def name_lines(name: str) -> list[str]:
    """The name on one line, or wrapped at a space onto two; what does not fit two lines is cut with …."""
    lines: list[str] = []
    for word in name.split() or [""]:
        if lines and text_width(lines[-1]) + 1 + text_width(word) <= NAME_COLUMNS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [cut_to_width(line, NAME_COLUMNS) for line in lines]


BORN = "b. {year}"
"""The year of birth under a symbol (a catalog's msgid: a printed map gives it in the family's language)."""


def label_lines(member: MemberEntry, words: Callable[[str], str] = str) -> tuple[str, ...]:
    """What is written under a symbol: the name, and the year of birth where it is known."""
    lines = name_lines(member.name)
    if member.date_of_birth:
        lines.append(words(BORN).format(year=member.date_of_birth.year))
    return tuple(lines)


def in_words(result: GenogramLayout, words: Callable[[str], str]) -> GenogramLayout:
    """The layout with each label's year of birth in a catalog's words (the places stay as laid out)."""
    return replace(result, people={pid: replace(p, label=label_lines(p.member, words))
                                   for pid, p in result.people.items()})


def cell_symbol(member: MemberEntry) -> str:
    if member.is_child:
        return CHILD_CELL_SYMBOLS[member.gender]
    return CELL_SYMBOLS[(member.gender, member.deceased)]


def slot_width(member: MemberEntry) -> int:
    """Columns a person takes in their row: their widest label line and a little room either side."""
    return max((text_width(line) for line in label_lines(member)), default=1) + SLOT_PADDING


@dataclass(frozen=True)
class PartnerLink:
    left_person_id: int
    right_person_id: int
    kind: RelationshipKind
    quality: TieQuality


@dataclass(frozen=True)
class Unit:
    """People of one row drawn side by side with nothing between them: one person, or a chain of partners."""

    key: str
    row: int
    members: tuple[MemberEntry, ...]
    offsets: tuple[int, ...]
    """Column of each member's symbol from the unit's left edge."""
    width: int


@dataclass(frozen=True)
class Sibship:
    """The children in row `row + 1` of the same parents in row `row`, in birth order."""

    key: str
    row: int
    parent_ids: tuple[int, ...]
    child_ids: tuple[int, ...]


@dataclass(frozen=True)
class GenogramGraph:
    """What is to be placed: the rows, their units in a first order, and the sibships hanging between rows."""

    generations: tuple[int, ...]
    units: tuple[Unit, ...]
    sibships: tuple[Sibship, ...]
    partners: tuple[PartnerLink, ...]
    others: tuple[MemberEntry, ...]

    def unit_of(self) -> dict[int, Unit]:
        return {member.person_id: unit for unit in self.units for member in unit.members}

    def members(self) -> dict[int, MemberEntry]:
        return {member.person_id: member for unit in self.units for member in unit.members}


@dataclass(frozen=True)
class PlacedPerson:
    """A person's symbol at column `x` of text row `y`, their label under it, inside a slot of
    `width` × `height` cells centred on the symbol."""

    member: MemberEntry
    generation: int
    row: int
    x: int
    y: int
    width: int
    height: int
    label: tuple[str, ...]

    @property
    def left(self) -> int:
        return self.x - self.width // 2

    @property
    def right(self) -> int:
        """The last column of the slot."""
        return self.left + self.width - 1


@dataclass(frozen=True)
class Line:
    """A partnership line (`partner`) or a line of descent from parents to one child (`descent`), as points
    in text cells; a descent runs down from the parents, along its sibship bar, and down to the child."""

    kind: str
    from_ids: tuple[int, ...]
    to_ids: tuple[int, ...]
    points: tuple[tuple[int, int], ...]
    relationship: RelationshipKind
    quality: TieQuality = TieQuality.ORDINARY


@dataclass(frozen=True)
class GenogramLayout:
    generations: tuple[int, ...]
    """The generation of each row relative to the child (0), top row first."""
    people: dict[int, PlacedPerson]
    lines: tuple[Line, ...]
    others: tuple[MemberEntry, ...]
    """Members outside the family tree (friends, professionals, relatives with no tie or word to place them)."""
    engine: str
    """"dot" when Graphviz placed the units, "packed" when fgdm's own packer did."""

    @property
    def width(self) -> int:
        return max((person.right + 1 for person in self.people.values()), default=0)

    @property
    def height(self) -> int:
        return max((person.y + person.height for person in self.people.values()), default=0)

    def row_of(self, row: int) -> list[PlacedPerson]:
        return sorted((p for p in self.people.values() if p.row == row), key=lambda p: p.x)


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



def _make_unit(row: int, members: list[MemberEntry]) -> Unit:
    offsets, left = [], 0
    for index, member in enumerate(members):
        if index:
            left += PARTNER_GAP
        width = slot_width(member)
        offsets.append(left + width // 2)
        left += width
    return Unit(key=f"u{members[0].person_id}", row=row, members=tuple(members), offsets=tuple(offsets),
                width=left)


def graph(picture: NetworkPicture) -> GenogramGraph:
    """The family as units per row and sibships between rows; anyone with no generation is outside the tree."""
    generation = assign_generations(picture)
    generations = tuple(sorted(set(generation.values())))
    row_of = {person_id: generations.index(value) for person_id, value in generation.items()}
    partner_ties = {frozenset((t.from_person_id, t.to_person_id)): t for t in picture.ties
                    if t.kind in PARTNER_KINDS and t.from_person_id != t.to_person_id
                    and t.from_person_id in row_of and row_of[t.from_person_id] == row_of.get(t.to_person_id)}
    units: list[Unit] = []
    for row, value in enumerate(generations):
        people = sorted((m for m in picture.members if generation.get(m.person_id) == value), key=_order_key)
        units += [_make_unit(row, chain) for chain in _units(people, partner_ties)]
    partners = []
    for unit in units:
        for index, (left, right) in enumerate(itertools.pairwise(unit.members)):
            tie = partner_ties.get(frozenset((left.person_id, right.person_id)))
            if tie:
                partners.append(PartnerLink(left.person_id, right.person_id, tie.kind, tie.quality))
            for other in unit.members[index + 2:]:
                tie = partner_ties.get(frozenset((left.person_id, other.person_id)))
                if tie:
                    partners.append(PartnerLink(left.person_id, other.person_id, tie.kind, tie.quality))
    members = {m.person_id: m for m in picture.members}
    families: dict[tuple[int, ...], list[int]] = {}
    for child in sorted((m for m in picture.members if m.person_id in row_of), key=_birth_key):
        parents = tuple(sorted({t.from_person_id for t in picture.ties if t.kind in PARENT_KINDS
                                and t.to_person_id == child.person_id and t.from_person_id in row_of
                                and row_of[t.from_person_id] == row_of[child.person_id] - 1}))
        if parents:
            families.setdefault(parents, []).append(child.person_id)
    unit_index = {m.person_id: (index, unit.offsets[unit.members.index(m)])
                  for index, unit in enumerate(units) for m in unit.members}

    def hangs_from(parents: tuple[int, ...]) -> tuple[int, float]:
        """Sibships in the order they hang from their parents' units, left to right (dot keeps it)."""
        places = [unit_index[p] for p in parents]
        return (min(place[0] for place in places), sum(place[1] for place in places) / len(places))

    sibships = tuple(Sibship(key=f"s{index}", row=row_of[parents[0]], parent_ids=parents, child_ids=tuple(children))
                     for index, (parents, children) in enumerate(sorted(families.items(),
                                                                         key=lambda item: hangs_from(item[0]))))
    others = tuple(members[pid] for pid in members if pid not in row_of and not members[pid].is_child)
    return GenogramGraph(generations, tuple(units), sibships, tuple(partners), others)


def _birth_key(member: MemberEntry) -> tuple[str, str]:
    return (member.date_of_birth.isoformat() if member.date_of_birth else "9999", member.name.casefold())


def dot_source(family: GenogramGraph) -> str:
    """The graph for Graphviz's dot: one rank per generation (held in place by an invisible chain of row
    markers), a point per sibship in the rank between its parents and children, children in birth order
    (ordering=out), and units as fixed-size boxes as wide as their people's labels."""
    out = ["digraph genogram {",
           f"  graph [nodesep={UNIT_GAP * DOT_COLUMN:.2f}, ranksep=0.3, ordering=out, splines=false];",
           '  node [shape=box, fixedsize=true, height=0.3, label=""];',
           "  edge [arrowhead=none];"]
    rows = len(family.generations)
    markers = [f"r{row}" + ("" if half == 0 else "h") for row in range(rows) for half in (0, 1)][:-1]
    for marker in markers:
        out.append(f"  {marker} [width=0.01, style=invis];")
    if len(markers) > 1:
        out.append("  " + " -> ".join(markers) + " [style=invis];")
    for row in range(rows):
        units = " ".join(f"{unit.key} [width={unit.width * DOT_COLUMN:.2f}];" for unit in family.units
                         if unit.row == row)
        out.append(f"  {{ rank=same; r{row}; {units} }}")
        points = " ".join(f"{s.key} [width=0.01, shape=point];" for s in family.sibships if s.row == row)
        if points:
            out.append(f"  {{ rank=same; r{row}h; {points} }}")
    unit_of = family.unit_of()
    for sibship in family.sibships:
        for key in dict.fromkeys(unit_of[parent].key for parent in sibship.parent_ids):
            out.append(f"  {key} -> {sibship.key} [weight=8, tailport={_port(sibship, family, key)}];")
        for key in dict.fromkeys(unit_of[child].key for child in sibship.child_ids):
            out.append(f"  {sibship.key} -> {key} [weight=4];")
    out.append("}")
    return "\n".join(out) + "\n"


def _port(sibship: Sibship, family: GenogramGraph, key: str) -> str:
    """The side of the parents' box the children's line leaves from (dot's ports are compass points): so a
    mother's children from her first partnership are pulled under the left of the chain, not its middle."""
    unit = next(u for u in family.units if u.key == key)
    offsets = {m.person_id: offset for m, offset in zip(unit.members, unit.offsets, strict=True)}
    couple = _couple(sibship, family)
    xs = [offsets[p] for p in couple or () if p in offsets] or [offsets[p] for p in sibship.parent_ids
                                                                 if p in offsets]
    where = (min(xs) + max(xs)) / 2 / unit.width
    return "sw" if where < 1 / 3 else "se" if where > 2 / 3 else "s"


def lefts_from_dot_plain(plain: str) -> dict[str, int]:
    """Each unit's left column from dot's `-Tplain` output (`node name x y width height ...`, in inches)."""
    lefts = {}
    for line in plain.splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0] == "node" and parts[1].startswith("u"):
            x, width = float(parts[2]), float(parts[4])
            lefts[parts[1]] = round((x - width / 2) / DOT_COLUMN)
    return lefts


def pack(family: GenogramGraph) -> dict[str, int]:
    """Left columns without a layout engine: row by row, each unit as near under its parents as the units
    already placed to its left allow, sibships in birth order."""
    lefts: dict[str, int] = {}
    symbol_x: dict[int, int] = {}
    sibship_of = {child: s for s in family.sibships for child in s.child_ids}
    for row in range(len(family.generations)):
        wanted: list[tuple[float, int, Unit]] = []
        for order, unit in enumerate(u for u in family.units if u.row == row):
            anchors = [_anchor_column(sibship_of[m.person_id], symbol_x) for m in unit.members
                       if m.person_id in sibship_of]
            wanted.append((anchors[0] if anchors else float("inf"), order, unit))
        cursor = 0
        for anchor, _, unit in sorted(wanted, key=lambda item: (item[0], item[1])):
            left = cursor if anchor == float("inf") else max(cursor, round(anchor) - unit.width // 2)
            lefts[unit.key] = left
            for member, offset in zip(unit.members, unit.offsets, strict=True):
                symbol_x[member.person_id] = left + offset
            cursor = left + unit.width + UNIT_GAP
    return lefts


def _anchor_column(sibship: Sibship, symbol_x: dict[int, int]) -> float:
    xs = [symbol_x[parent] for parent in sibship.parent_ids if parent in symbol_x]
    return (min(xs) + max(xs)) / 2 if xs else float("inf")


def arrange(family: GenogramGraph, lefts: dict[str, int], engine: str) -> GenogramLayout:
    """The layout from the units' left columns: rows kept apart (no two slots share a cell, whatever the
    engine said), rows of text under each other, and every line as points."""
    placed_lefts: dict[str, int] = {}
    facing_away: list[Unit] = []
    for row in range(len(family.generations)):
        cursor = None
        placed = sorted((u for u in family.units if u.row == row), key=lambda u: (lefts.get(u.key, 0), u.key))
        ordered = sibships_together(family, placed)
        facing_away += _facing_away(family, ordered)
        for unit in ordered:
            left = lefts.get(unit.key, 0) if cursor is None else max(lefts.get(unit.key, 0), cursor)
            placed_lefts[unit.key] = left
            cursor = left + unit.width + 1
    family = _turned(family, facing_away)
    shift = min(placed_lefts.values(), default=0)
    xs = {member.person_id: placed_lefts[unit.key] - shift + offset
          for unit in family.units for member, offset in zip(unit.members, unit.offsets, strict=True)}
    rows = len(family.generations)
    label_rows = [max((len(label_lines(m)) for u in family.units if u.row == row for m in u.members), default=1)
                  for row in range(rows)]
    bars = {s.key: (min((*[xs[c] for c in s.child_ids], _anchor(s, family, xs))),
                    max((*[xs[c] for c in s.child_ids], _anchor(s, family, xs)))) for s in family.sibships}
    lanes = {}
    for row in range(rows):
        lanes.update(_lanes([s for s in family.sibships if s.row == row], bars))
    tops, top = [], 0
    for row in range(rows):
        tops.append(top)
        depth = max((lanes[s.key] + 1 for s in family.sibships if s.row == row), default=0)
        top += 1 + label_rows[row] + 1 + depth + 1
    people = {}
    for unit in family.units:
        for member in unit.members:
            label = label_lines(member)
            people[member.person_id] = PlacedPerson(
                member=member, generation=family.generations[unit.row], row=unit.row, x=xs[member.person_id],
                y=tops[unit.row], width=slot_width(member), height=1 + len(label), label=label)
    lines = [Line("partner", (link.left_person_id,), (link.right_person_id,),
                  ((xs[link.left_person_id], tops[people[link.left_person_id].row]),
                   (xs[link.right_person_id], tops[people[link.right_person_id].row])), link.kind, link.quality)
             for link in family.partners]
    for sibship in family.sibships:
        anchor = _anchor(sibship, family, xs)
        parents = [people[p] for p in sibship.parent_ids]
        start = parents[0].y if _couple(sibship, family) else parents[0].y + parents[0].height - 1
        bar = tops[sibship.row] + 1 + label_rows[sibship.row] + 1 + lanes[sibship.key]
        for child in sibship.child_ids:
            points = ((anchor, start), (anchor, bar), (xs[child], bar), (xs[child], people[child].y))
            lines.append(Line("descent", sibship.parent_ids, (child,), points, K.PARENT_OF))
    return GenogramLayout(family.generations, people, tuple(lines), family.others, engine)


def sibships_together(family: GenogramGraph, units: list[Unit]) -> list[Unit]:
    """One row's units, given left to right as the engine placed them, in an order where no sibship interleaves
    with another: the partner chains holding a sibship's children stand next to each other.

    Units joined through sibships (a child of one family married to a child of another) form a block, kept
    where the engine put it. Inside a block the sibships follow one another along the marriages between them,
    each one's children in the engine's order (birth order), except that a child married into the next
    sibship stands at the end that meets it. Where the marriages between a row's sibships form a line (each
    family marries into at most two others, and never round in a ring) every sibship is kept together; a
    ring cannot be drawn on one line, and its sibships are then kept in the engine's order."""
    index = {unit.key: position for position, unit in enumerate(units)}
    unit_of = family.unit_of()
    holds = {s.key: sorted({unit_of[c].key for c in s.child_ids} & index.keys(), key=index.__getitem__)
             for s in family.sibships}
    holds = {key: held for key, held in holds.items() if held}
    block_of = {key: key for key in index}

    def root(key: str) -> str:
        while block_of[key] != key:
            key = block_of[key]
        return key

    for held in holds.values():
        for key in held[1:]:
            block_of[root(key)] = root(held[0])
    blocks: dict[str, list[str]] = {}
    for unit in units:
        blocks.setdefault(root(unit.key), []).append(unit.key)
    by_key = {unit.key: unit for unit in units}
    ordered: list[Unit] = []
    for block in sorted(blocks.values(), key=lambda keys: sum(index[k] for k in keys) / len(keys)):
        sibships = [key for key, held in holds.items() if held[0] in block]
        ordered += [by_key[key] for key in (_block_order(sibships, holds, index) if len(sibships) > 1 else block)]
    return ordered


def _facing_away(family: GenogramGraph, ordered: list[Unit]) -> list[Unit]:
    """The couples of one row, each partner a child of a different family, who stand on each other's family's
    side: turned round, each stands at the end of their own sibship, beside their brothers and sisters."""
    sibship_of = {child: sibship for sibship in family.sibships for child in sibship.child_ids}
    where = {sibship.key: [index for index, unit in enumerate(ordered) for member in unit.members
                           if sibship_of.get(member.person_id) is sibship] for sibship in family.sibships}
    turn = []
    for here, unit in enumerate(ordered):
        families = [sibship_of.get(member.person_id) for member in unit.members]
        if len(families) != 2 or families[0] is None or families[1] is None or families[0] == families[1]:
            continue
        if _leaning(where[families[0].key], here) > _leaning(where[families[1].key], here):
            turn.append(unit)
    return turn


def _leaning(places: list[int], here: int) -> int:
    """How many more of a family's children stand right of place `here` in the row than left of it."""
    return sum(place > here for place in places) - sum(place < here for place in places)


def _turned(family: GenogramGraph, units: list[Unit]) -> GenogramGraph:
    """The family with these couples drawn the other way round: a couple's width is the same either way, so
    where the unit was placed stands."""
    if not units:
        return family
    turned = {unit.key: replace(unit, members=unit.members[::-1],
                                offsets=_make_unit(unit.row, list(unit.members[::-1])).offsets) for unit in units}
    pairs = {frozenset(member.person_id for member in unit.members) for unit in units}
    partners = tuple(replace(link, left_person_id=link.right_person_id, right_person_id=link.left_person_id)
                     if frozenset((link.left_person_id, link.right_person_id)) in pairs else link
                     for link in family.partners)
    return replace(family, units=tuple(turned.get(unit.key, unit) for unit in family.units), partners=partners)


def _block_order(sibships: list[str], holds: dict[str, list[str]], index: dict[str, int]) -> list[str]:
    """The units of a block of sibships joined by marriages, sibship after sibship along the marriages."""
    neighbours = {key: sorted(other for other in sibships if other != key and set(holds[key]) & set(holds[other]))
                  for key in sibships}

    def middle(key: str) -> float:
        return sum(index[unit] for unit in holds[key]) / len(holds[key])

    ends = [key for key in sibships if len(neighbours[key]) == 1]
    in_a_line = (len(ends) == 2 and all(len(n) <= 2 for n in neighbours.values())
                 and sum(map(len, neighbours.values())) == 2 * (len(sibships) - 1))
    sequence = [min(ends, key=middle)] if in_a_line else sorted(sibships, key=middle)
    while len(sequence) < len(sibships):
        sequence.append(next(key for key in neighbours[sequence[-1]] if key not in sequence))
    placed: list[str] = []
    for position, key in enumerate(sequence):
        following = set(holds[sequence[position + 1]]) if position + 1 < len(sequence) else set()
        placed += sorted((unit for unit in holds[key] if unit not in placed),
                         key=lambda unit: (unit in following, index[unit]))
    return placed


def _couple(sibship: Sibship, family: GenogramGraph) -> tuple[int, int] | None:
    """The two parents drawn as partners side by side, whose partnership line the children hang from."""
    for link in family.partners:
        pair = {link.left_person_id, link.right_person_id}
        if pair <= set(sibship.parent_ids):
            return link.left_person_id, link.right_person_id
    return None


def _anchor(sibship: Sibship, family: GenogramGraph, xs: dict[int, int]) -> int:
    """Where the line to the children leaves the parents: the middle of the gap between a couple (on their
    partnership line, clear of both labels), else under the parents."""
    couple = _couple(sibship, family)
    if couple is None:
        pair = [xs[p] for p in sibship.parent_ids]
        return (min(pair) + max(pair)) // 2
    members = family.members()
    return gap_middle(xs[couple[0]], slot_width(members[couple[0]]), xs[couple[1]], slot_width(members[couple[1]]))


def gap_middle(left_x: int, left_width: int, right_x: int, right_width: int) -> int:
    """The middle column between two slots side by side (each given by its symbol's column and its width)."""
    low, high = sorted(((left_x, left_width), (right_x, right_width)))
    first_right = low[0] - low[1] // 2 + low[1] - 1
    second_left = high[0] - high[1] // 2
    return (first_right + second_left) // 2


def _lanes(sibships: list[Sibship], bars: dict[str, tuple[int, int]]) -> dict[str, int]:
    """A lane (text row) for each sibship bar, so bars whose spans would touch are drawn one under another."""
    taken: list[list[tuple[int, int]]] = []
    lanes = {}
    for sibship in sorted(sibships, key=lambda s: bars[s.key]):
        low, high = bars[sibship.key]
        lane = 0
        while lane < len(taken) and any(low <= b + 1 and a - 1 <= high for a, b in taken[lane]):
            lane += 1
        if lane == len(taken):
            taken.append([])
        taken[lane].append((low, high))
        lanes[sibship.key] = lane
    return lanes


def layout(picture: NetworkPicture) -> GenogramLayout:
    """The layout packed by fgdm itself, with no layout engine (see `fgdm.documents.genogram_engine`)."""
    family = graph(picture)
    return arrange(family, pack(family), "packed")


def render_text(result: GenogramLayout, *, with_legend: bool = True) -> list[str]:
    """The layout drawn cell for cell: lines in box-drawing characters, symbols, labels under them."""
    canvas = Canvas()
    for line in result.lines:
        if line.kind == "descent":
            _draw_descent(canvas, line)
    for line in result.lines:
        if line.kind == "partner":
            first, second = result.people[line.from_ids[0]], result.people[line.to_ids[0]]
            gap = (first.right + 1, second.left - 1) if second.left - first.right > 3 else None
            _draw_partners(canvas, line, gap)
    for person in result.people.values():
        canvas.put(person.y, person.x, cell_symbol(person.member))
        for index, text in enumerate(person.label, start=1):
            canvas.put(person.y + index, person.x - text_width(text) // 2, text)
    lines = canvas.lines()
    if result.others:
        lines += ["", "Also in the network: " + ", ".join(person_token(m) for m in result.others)]
    if with_legend:
        lines += ["", LEGEND]
    return lines


def _link(canvas: Canvas, row: int, column: int, *, up: bool = False, down: bool = False, left: bool = False,
          right: bool = False) -> None:
    """Join a line into this cell, merging with any box-drawing line already there. A line that only passes
    across another (one straight down, the other straight along) is not joined to it: the vertical is drawn
    whole and the bar broken, as the printed drawing leaves a gap, so a crossing never reads as a child."""
    current = canvas.rows.get(row, {}).get(column, " ")
    have = _DIRECTIONS.get(current, (False, False, False, False))
    if (up, down, left, right) in _PASSES and have in _PASSES and have != (up, down, left, right):
        canvas.put(row, column, "│")
        return
    canvas.put(row, column, junction(up=up or have[0], down=down or have[1], left=left or have[2],
                                     right=right or have[3]))


_DIRECTIONS = {char: tuple(key) for key, char in {
    (True, True, True, True): "┼", (True, True, False, False): "│", (True, True, True, False): "┤",
    (True, True, False, True): "├", (True, False, True, True): "┴", (True, False, True, False): "┘",
    (True, False, False, True): "└", (False, True, True, True): "┬", (False, True, True, False): "┐",
    (False, True, False, True): "┌", (False, False, True, True): "─"}.items()}


_PASSES = ((True, True, False, False), (False, False, True, True))


def _draw_descent(canvas: Canvas, line: Line) -> None:
    (ax, start), (_, bar), (cx, _), (_, child_y) = line.points
    for row in range(start + 1, bar):
        _link(canvas, row, ax, up=True, down=True)
    _link(canvas, bar, ax, up=True, left=cx < ax, right=cx > ax)
    for column in range(min(ax, cx) + 1, max(ax, cx)):
        _link(canvas, bar, column, left=True, right=True)
    _link(canvas, bar, cx, down=True, left=cx > ax, right=cx < ax)
    for row in range(bar + 1, child_y):
        _link(canvas, row, cx, up=True, down=True)


def _draw_partners(canvas: Canvas, line: Line, gap: tuple[int, int] | None) -> None:
    """The partnership line between the symbols; its quality drawn alongside in the row under it, in the
    `gap` between the two people's labels (first and last column), never instead of the line."""
    (left, row), (right, _) = line.points
    middle = (left + right) // 2 if gap is None else (gap[0] + gap[1]) // 2
    for column in range(left + 1, right):
        canvas.put(row, column, PARTNER_LINE[line.relationship])
    marks = SEPARATION_MARKS.get(line.relationship, "")
    if marks:
        canvas.put(row, middle - 1 - len(marks), marks)
    if line.quality is not TieQuality.ORDINARY and gap is not None:
        for column in (*range(gap[0] + 1, middle - 1), *range(middle + 2, gap[1])):
            canvas.put(row + 1, column, TIE_CHARS[line.quality])
    if canvas.rows.get(row + 1, {}).get(middle) == "│":
        _link(canvas, row, middle, left=True, right=True, down=True)


def layout_json(result: GenogramLayout) -> dict[str, Any]:
    """The layout for other tools: every person's symbol and slot in text cells, and every line's points."""
    return {
        "view": "genogram", "engine": result.engine, "units": "text cells (x: columns, y: rows)",
        "width": result.width, "height": result.height,
        "nodes": [{"person_id": p.member.person_id, "name": p.member.name, "generation": p.generation,
                   "row": p.row, "x": p.x, "y": p.y, "left": p.left, "width": p.width, "height": p.height,
                   "label": list(p.label), "gender": p.member.gender.value, "deceased": p.member.deceased,
                   "is_child": p.member.is_child}
                  for p in sorted(result.people.values(), key=lambda p: (p.row, p.x))],
        "lines": [{"kind": line.kind, "relationship": line.relationship.value, "quality": line.quality.value,
                   "from": list(line.from_ids), "to": list(line.to_ids), "points": [list(pt) for pt in line.points]}
                  for line in result.lines],
        "outside_the_tree": [{"person_id": m.person_id, "name": m.name} for m in result.others],
    }


PARTNERSHIP_WORDS = {K.PARTNER_OF: "living together", K.MARRIED_TO: "married", K.FORMER_PARTNER_OF: "separated",
                     K.DIVORCED_FROM: "divorced"}


def describe(result: GenogramLayout, words: Callable[[str], str] = str) -> list[str]:
    """The genogram in sentences, row by row: the alternative text of the printed drawing, its wording through
    `words` (a catalog's gettext) so it reads in the document's language."""
    deceased = words("(deceased)")
    names = {pid: p.member.name + (f" {deceased}" if p.member.deceased else "") for pid, p in result.people.items()}
    sentences = []
    for row in range(len(result.generations)):
        people = ", ".join(names[p.member.person_id] for p in result.row_of(row))
        sentences.append(words("Row {row}: {people}.").format(row=row + 1, people=people))
    for line in result.lines:
        if line.kind == "partner":
            kind = words(PARTNERSHIP_WORDS[line.relationship])
            if line.quality is not TieQuality.ORDINARY:
                kind += ", " + words(line.quality.label.lower())
            sentences.append(words("{first} and {second}: {kind}.").format(
                first=names[line.from_ids[0]], second=names[line.to_ids[0]], kind=kind))
    children: dict[tuple[int, ...], list[str]] = {}
    for line in result.lines:
        if line.kind == "descent":
            children.setdefault(line.from_ids, []).append(names[line.to_ids[0]])
    for parents, kids in children.items():
        sentences.append(words("Children of {parents}: {children}.").format(
            parents=words(" and ").join(names[p] for p in parents), children=", ".join(kids)))
    return sentences


def genogram_text(result: GenogramLayout) -> str:
    return "\n".join(render_text(result))


__all__ = ["LEGEND", "Canvas", "GenogramGraph", "GenogramLayout", "Line", "PartnerLink", "PlacedPerson",
           "arrange", "cell_symbol", "describe", "dot_source", "gap_middle", "genogram_text", "graph", "junction",
           "layout", "layout_json", "lefts_from_dot_plain", "pack", "person_token", "render_text", "sibships_together",
           "text_width"]
