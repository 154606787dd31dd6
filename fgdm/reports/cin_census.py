"""The CIN census module 5 as a document: its blocks, the census's checks on them, and XML and CSV.

The checks read a block's items as the census file holds them (text), so the same checks run on what fgdm is
about to export and on any census-shaped XML document read back (``read_xml``): a test, or a council's census
team, can check the merged file as the DfE will. What each item means, CS131's wording and each check's code,
kind and message are data, in ``cin_census.toml`` beside this module.
"""

from __future__ import annotations

import csv
import io
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from fgdm.domain.cin_module5 import Module5
from fgdm.domain.enums import PreProceedingsOutcome
from fgdm.domain.periods import Period, PeriodError, financial_year

DEFINITIONS = Path(__file__).with_name("cin_census.toml")
BLOCK = "PreProceedingsandFGDM"
LA_CHILD_ID_LENGTH = 10
"""The longest LAchildID the census takes."""


@dataclass(frozen=True)
class Item:
    element: str
    code: str
    kind: str
    meaning: str
    source: str


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str
    scope: str
    element: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.kind == "error"


@dataclass(frozen=True)
class CensusDefinitions:
    items: tuple[Item, ...]
    rules: tuple[Rule, ...]
    cs131: dict[str, str]
    cs131_source: str

    @property
    def elements(self) -> tuple[str, ...]:
        return tuple(item.element for item in self.items)

    def meaning_of(self, element: str) -> str:
        """What an item means, in the census's words (for a message naming it)."""
        return next(item.meaning for item in self.items if item.element == element)

    def rule(self, code: str) -> Rule:
        return next(rule for rule in self.rules if rule.code == code)

    def outcome_label(self, outcome: PreProceedingsOutcome | None) -> str:
        """CS131's words for an outcome (never the letter alone), or empty."""
        return self.cs131.get(outcome.value, outcome.value) if outcome is not None else ""


@cache
def definitions() -> CensusDefinitions:
    raw = tomllib.loads(DEFINITIONS.read_text(encoding="utf-8"))
    cs131 = dict(raw["cs131"])
    source = cs131.pop("source")
    return CensusDefinitions(items=tuple(Item(**item) for item in raw["item"]),
                             rules=tuple(Rule(**rule) for rule in raw["rule"]), cs131=cs131, cs131_source=source)


def census_year(text: str) -> Period:
    """``2026-27`` (or ``2026``) as the census year 1 April 2026 to 31 March 2027."""
    first = text.strip().split("-", 1)[0]
    if not (first.isdigit() and len(first) == 4):
        raise PeriodError(f"{text!r} is not a census year: write it as 2026-27 (1 April 2026 to 31 March 2027)")
    year = financial_year(int(first))
    rest = text.strip()[5:]
    if rest and rest not in (f"{(year.end.year) % 100:02d}", str(year.end.year)):
        raise PeriodError(f"{text!r} is not a census year: the year after {first} is {year.end.year}; write "
                          f"{year.name}")
    return year


def text_value(value: Any) -> str | None:
    """An item as the census file writes it: dates YYYY-MM-DD, flags 1/0, counts as digits, CS131's letter."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, PreProceedingsOutcome):
        return value.value
    return str(value)


@dataclass(frozen=True)
class Block:
    """One <PreProceedingsandFGDM>: the child's LAchildID, the items as text (the census's element names, in its
    order, None where left out), and where it came from so a screen can open the case."""

    la_child_id: str
    items: dict[str, str | None]
    case_id: int | None = None
    case_reference: str = ""
    child_name: str = ""
    derived: frozenset[str] = field(default=frozenset())
    overridden: dict[str, str | None] = field(default_factory=dict)
    """Items the coordinator recorded over what the records say, by element, with what the records say (text)."""
    override_reason: str = ""
    warnings: tuple[str, ...] = ()
    """fgdm's own warnings on the records behind the block (not the census's checks): see `module5_facts`."""

    @classmethod
    def of(cls, la_child_id: str, block: Module5, *, as_at: date, **where: Any) -> Block:
        """The block as the census would have it on its reference date ``as_at``: what happened after it (a
        past year's episode that went on into the next) is not in that year's return."""
        elements = definitions().elements
        values = (None if isinstance(v, date) and v > as_at else v for v in block.values())
        return cls(la_child_id, dict(zip(elements, (text_value(v) for v in values), strict=True)),
                   derived=block.derived,
                   overridden={element: text_value(said) for element, said in block.overridden.items()}, **where)


@dataclass(frozen=True)
class Finding:
    """A check a block (or the return) fails: the DfE's code, error or query, its message, and where."""

    code: str
    kind: str
    message: str
    element: str
    la_child_id: str = ""
    block: int | None = None
    """The block's place among the child's blocks (0 first), or None for the return as a whole."""
    case_id: int | None = None
    case_reference: str = ""

    @property
    def is_error(self) -> bool:
        return self.kind == "error"


def _day(text: str | None) -> date | None:
    """An item's date, or None when absent or not a date (a malformed date fails its rule's range test)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return date.min


def _outside(day: date | None, year: Period) -> bool:
    return day is not None and not year.contains(day)


def _before(day: date | None, earlier: date | None) -> bool:
    return day is not None and earlier is not None and day < earlier


def _block_failures(items: dict[str, str | None], year: Period) -> list[str]:
    """The codes of the block rules the items fail, in the census's order of rules."""
    start, lbp = _day(items.get("PPStartDate")), _day(items.get("LBPSentDate"))
    step, court = _day(items.get("StepDecisionDate")), _day(items.get("CourtAppDate"))
    letter, initial = _day(items.get("LetterInitCPDate")), _day(items.get("InitialPPMeetingDate"))
    outcome = items.get("PPOutcome")
    failing = {
        "9005": _outside(start, year),
        "9006": lbp is not None and (_outside(lbp, year) or _before(lbp, start)),
        "9007": lbp is not None and items.get("FGDMMeetingOffer") is None,
        "9008": _outside(initial, year),
        "9009": step is not None and (_outside(step, year) or _before(step, start)),
        "9010Q": items.get("FGDMMeetingOffer") == "1" and items.get("FGDMMeetingFac") is None,
        "9011": outcome is not None and outcome not in definitions().cs131,
        "9012": court is not None and (_outside(court, year) or _before(court, step)),
        "9013": letter is not None and (_outside(letter, year) or _before(letter, court)),
        "9015Q": initial is not None and items.get("ReviewMeetingsCount") is None,
        "9000Q": start is None,
    }
    return [rule.code for rule in definitions().rules if failing.get(rule.code)]


def check(blocks: Sequence[Block], year: Period) -> list[Finding]:
    """Every check the census applies to module 5, on these blocks of the year's return."""
    found: list[Finding] = []
    places: dict[str, int] = {}
    for block in blocks:
        place = places[block.la_child_id] = places.get(block.la_child_id, -1) + 1
        for code in _block_failures(block.items, year):
            rule = definitions().rule(code)
            found.append(Finding(code, rule.kind, rule.message, rule.element, block.la_child_id, place,
                                 block.case_id, block.case_reference))
    if not blocks:
        rule = definitions().rule("8995Q")
        found.append(Finding(rule.code, rule.kind, rule.message, ""))
    return found


# ---------------------------------------------------------------- XML and CSV

def _children(blocks: Iterable[Block]) -> dict[str, list[Block]]:
    by_child: dict[str, list[Block]] = {}
    for block in blocks:
        by_child.setdefault(block.la_child_id, []).append(block)
    return by_child


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def header(year: Period, *, la_code: str, made_at: datetime, release: str) -> ET.Element:
    """The census file's <Header>: the collection, its year and reference date, and fgdm as the source."""
    element = ET.Element("Header")
    details = ET.SubElement(element, "CollectionDetails")
    _text(details, "Collection", "CIN")
    _text(details, "Year", str(year.end.year))
    _text(details, "ReferenceDate", year.end.isoformat())
    source = ET.SubElement(element, "Source")
    for tag, value in (("SourceLevel", "L"), ("LEA", la_code), ("SoftwareCode", "fgdm"), ("Release", release),
                       ("SerialNo", "001"), ("DateTime", made_at.replace(microsecond=0).isoformat())):
        _text(source, tag, value)
    return element


def child_elements(blocks: Iterable[Block]) -> list[ET.Element]:
    """One <Child> per child: <ChildIdentifiers><LAchildID> and a <CINdetails> holding the child's blocks, each
    item in the census's order and left out where blank."""
    children = []
    for la_child_id, own in _children(blocks).items():
        child = ET.Element("Child")
        _text(ET.SubElement(child, "ChildIdentifiers"), "LAchildID", la_child_id)
        details = ET.SubElement(child, "CINdetails")
        for block in own:
            element = ET.SubElement(details, BLOCK)
            for name in definitions().elements:
                value = block.items.get(name)
                if value is not None:
                    _text(element, name, value)
        children.append(child)
    return children


def to_xml(blocks: Sequence[Block], year: Period, *, la_code: str, made_at: datetime, release: str) -> str:
    """A census-shaped <Message>: the header and the children with module 5 data, for the census team to merge."""
    message = ET.Element("Message")
    message.append(header(year, la_code=la_code, made_at=made_at, release=release))
    ET.SubElement(message, "Children").extend(child_elements(blocks))
    ET.indent(message)
    return ET.tostring(message, encoding="unicode", xml_declaration=True) + "\n"


def to_csv(blocks: Sequence[Block]) -> str:
    """One row per block: LAchildID then the census's element names as columns, blanks left empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("LAchildID", *definitions().elements))
    for block in blocks:
        writer.writerow((block.la_child_id, *(block.items.get(name) or "" for name in definitions().elements)))
    return buffer.getvalue()


class CensusFileError(ValueError):
    """A census document whose module 5 is not shaped as the census specifies; the message says where."""


def read_xml(text: str) -> tuple[Period, list[Block]]:
    """The year (from the header's ReferenceDate) and every module 5 block of a census-shaped document, checking
    that each block holds only the census's elements, each once, in the census's order."""
    root = ET.fromstring(text)
    reference = root.findtext("Header/CollectionDetails/ReferenceDate")
    if root.tag != "Message" or reference is None:
        raise CensusFileError("not a CIN census document: it needs <Message><Header><CollectionDetails>"
                              "<ReferenceDate>")
    year = census_year(str(date.fromisoformat(reference).year - 1))
    order = {name: place for place, name in enumerate(definitions().elements)}
    blocks = []
    for child in root.iterfind("Children/Child"):
        la_child_id = child.findtext("ChildIdentifiers/LAchildID") or ""
        for block in child.iterfind(f"CINdetails/{BLOCK}"):
            names = [item.tag for item in block]
            unknown = [name for name in names if name not in order]
            if unknown:
                raise CensusFileError(f"child {la_child_id}: <{BLOCK}> holds <{unknown[0]}>, which module 5 "
                                      "does not have")
            places = [order[name] for name in names]
            if places != sorted(set(places)):
                raise CensusFileError(f"child {la_child_id}: <{BLOCK}>'s items are not in the census's order "
                                      f"({', '.join(definitions().elements)})")
            blocks.append(Block(la_child_id, {item.tag: (item.text or "").strip() for item in block}))
    return year, blocks
