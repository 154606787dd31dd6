"""The CIN census module 5 return for a census year: its blocks, the children it cannot name, and its checks.

For the council's census team to merge into the CIN census: every child with a pre-proceedings episode that
began in the year (or, with no decision date recorded, has any date in it), one <Child> each. A child with no
LAchildID recorded cannot be put in the census, so is listed as a problem rather than left out unsaid. Like the
quarterly return it reads every case, so only managers and administrators may make it, and each file written
is recorded in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from fgdm import __version__
from fgdm.domain.periods import Period, PeriodError
from fgdm.files import write_private_text
from fgdm.reports import cin_census
from fgdm.reports.cin_census import Block, Finding
from fgdm.services.reports._reports import _allowed
from fgdm.services.shared import audit_trail, module5_facts
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed
from fgdm.services.shared.module5_facts import EpisodeFacts

CensusFormat = Literal["xml", "csv"]


@dataclass(frozen=True)
class ChildWithoutId:
    """A child with pre-proceedings data in the year and no LAchildID: the census cannot take them yet."""

    case_id: int
    case_reference: str
    case_child_id: int
    child_name: str


@dataclass(frozen=True)
class CinReturn:
    year: Period
    blocks: list[Block]
    without_id: list[ChildWithoutId]
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.is_error]

    @property
    def queries(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.is_error]

    @property
    def warned(self) -> list[Block]:
        """The blocks whose records fgdm warns about (not the census's checks): a parent the network does not
        mark, whose offer the block therefore leaves out."""
        return [block for block in self.blocks if block.warnings]

    @property
    def overrides(self) -> list[Block]:
        """The blocks with an item the coordinator recorded over what the records say, for the census team."""
        return [block for block in self.blocks if block.overridden]


def census_year(text: str) -> Period:
    try:
        return cin_census.census_year(text)
    except PeriodError as error:
        raise ValidationFailed.one("year", str(error)) from None


def _in_year(facts: EpisodeFacts, year: Period) -> bool:
    """An episode belongs to the year its decision was made in; with no decision date, to any year it has a
    date in (the census then asks for the date, 9000Q)."""
    block = facts.block
    if block.pp_start_date is not None:
        return year.contains(block.pp_start_date)
    return any(year.contains(value) for value in block.values() if isinstance(value, date))


def cin_module5(ctx: ServiceContext, year: Period) -> CinReturn:
    """The year's module 5: blocks in child order, the children without an LAchildID, and every check."""
    _allowed(ctx, "make the CIN census module 5")
    found = [facts for facts in module5_facts.episodes_of(ctx.session, module5_facts.cases_with_episodes(
        ctx.session)) if _in_year(facts, year)]
    found.sort(key=lambda facts: (facts.la_child_id or "", facts.case_reference, facts.case_child_id))
    blocks = [Block.of(facts.la_child_id, facts.block, as_at=year.end, case_id=facts.case_id,
                       case_reference=facts.case_reference, child_name=facts.child_name,
                       override_reason=facts.episode.override_reason, warnings=facts.warnings)
              for facts in found if facts.la_child_id]
    without: dict[int, ChildWithoutId] = {}
    for facts in found:
        if not facts.la_child_id:
            without.setdefault(facts.case_child_id, ChildWithoutId(facts.case_id, facts.case_reference,
                                                                   facts.case_child_id, facts.child_name))
    return CinReturn(year, blocks, list(without.values()), cin_census.check(blocks, year))


def render_cin_module5(ctx: ServiceContext, found: CinReturn, fmt: CensusFormat) -> str:
    _allowed(ctx, "export the CIN census module 5")
    if fmt == "csv":
        return cin_census.to_csv(found.blocks)
    return cin_census.to_xml(found.blocks, found.year, la_code=ctx.settings.la_code, made_at=ctx.now(),
                             release=__version__)


def write_cin_module5(ctx: ServiceContext, found: CinReturn, fmt: CensusFormat, path: Path | None) -> str:
    """The return as XML or CSV text, written owner-only to ``path`` if given; recorded as an export."""
    text = render_cin_module5(ctx, found, fmt)
    if path is not None:
        write_private_text(path, text)
    with ctx.write() as session:
        audit_trail.record_event(session, action="export", table_name="cin_census_module5", record_id=None,
                                 case_id=None, details={"year": found.year.label, "format": fmt,
                                                        "children": len({b.la_child_id for b in found.blocks}),
                                                        "file": str(path) if path else "stdout"})
    return text


def default_census_filename(year: Period, fmt: str) -> str:
    return f"cin-census-module5-{year.label}.{fmt}"


__all__ = ["CensusFormat", "ChildWithoutId", "CinReturn", "census_year", "cin_module5", "default_census_filename",
           "render_cin_module5", "write_cin_module5"]
