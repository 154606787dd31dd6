"""The quarterly return and service reports, for managers: run it, explain any number, see the trend, export.

Reports read every case, so only managers, administrators and the owner may run them; each export is
written to the audit trail with who made it and for which period.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from fgdm.domain import disclosure
from fgdm.domain.disclosure import PROFESSIONALS, WITHHELD, Fact
from fgdm.domain.enums import StaffRole
from fgdm.domain.periods import Period, PeriodError, between, last_complete_quarter, last_quarters, parse_quarter
from fgdm.files import write_private, write_private_text
from fgdm.i18n import format_day
from fgdm.reports import definitions as report_definitions
from fgdm.reports import outputs
from fgdm.reports.definitions import Definitions, DefinitionsError, Measure
from fgdm.reports.engine import DrillRow, Evaluator, Line, Report, data_as_at_note
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.disclosure_facts import cases_facts
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import read_day, unreal_date

ExportFormat = Literal["csv", "json", "docx"]
TREND_QUARTERS = 8
TREND_MEASURES = ("offers_made", "meetings_after_offer", "meetings_held", "children_supported")
"""The measures charted across the last eight quarters in the manager's summary and the reports screen."""


@dataclass(frozen=True)
class Explanation:
    """A number and the records behind it, for a manager to check before sending the return."""

    period: Period
    line: Line
    rows: list[DrillRow]
    note: str


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    values: dict[str, int | float | None]


def _allowed(ctx: ServiceContext, doing: str) -> None:
    access.require_role(ctx, StaffRole.MANAGER, StaffRole.ADMINISTRATOR, doing=doing)


def choose_period(*, quarter: str | None = None, start: date | None = None, end: date | None = None,
                  today: date) -> Period:
    """A quarter by name, a span of days, or by default the last quarter that has ended."""
    try:
        if quarter and (start or end):
            raise ValidationFailed.one("quarter", "give either a quarter or --from/--to, not both")
        if quarter:
            return parse_quarter(quarter)
        if start or end:
            if not (start and end):
                field = "from" if start is None else "to"
                raise ValidationFailed.one(field, "give both --from and --to (YYYY-MM-DD), or a --quarter")
            for field, day in (("from", start), ("to", end)):
                if (problem := unreal_date(day)) is not None:
                    raise ValidationFailed.one(field, problem)
            return between(start, end)
        return last_complete_quarter(today)
    except PeriodError as error:
        raise ValidationFailed.one("quarter" if quarter else "to", str(error)) from None


PERIOD_EXAMPLE = "write a quarter such as 2026-Q2, or two dates such as 01/07/2026 to 31/07/2026"


def period_from_text(text: str, *, today: date) -> Period:
    """A period as typed on the reports screen: ``2026-Q2``, two dates (``01/07/2026 to 31/07/2026``, as every
    date field takes them, or ISO), or blank (the last quarter that has ended)."""
    text = text.strip()
    if " to " not in text:
        return choose_period(quarter=text or None, today=today)
    first, last = (part.strip() for part in text.split(" to ", 1))
    try:
        start, end = read_day(first, "period"), read_day(last, "period")
    except ValidationFailed:
        raise ValidationFailed.one("period", PERIOD_EXAMPLE) from None
    if start is None or end is None:
        raise ValidationFailed.one("period", PERIOD_EXAMPLE)
    if end < start:
        raise ValidationFailed.one("period", f"it ends on {format_day(end)}, before it starts on "
                                             f"{format_day(start)}: put the earlier date first")
    return choose_period(start=start, end=end, today=today)


def period_words(period: Period) -> str:
    """A period as a person reads it: a quarter by its name, any other span by its days (1 July 2026 to 31 July
    2026); the ISO label stays for files and machines."""
    return period.name or f"{format_day(period.start)} to {format_day(period.end)}"


def period_typed(period: Period) -> str:
    """A period as it is typed back into the period field: 2026-Q2, or 01/07/2026 to 31/07/2026."""
    return period.name or f"{period.start:%d/%m/%Y} to {period.end:%d/%m/%Y}"


def load_definitions(*, offer_unit: str | None = None) -> Definitions:
    try:
        loaded = report_definitions.load()
        return loaded.with_offer_unit(offer_unit) if offer_unit else loaded
    except DefinitionsError as error:
        raise ValidationFailed.one("offer_unit" if offer_unit else "definitions", str(error)) from None


def _evaluator(ctx: ServiceContext, loaded: Definitions | None) -> Evaluator:
    definitions = (loaded or load_definitions()).with_support_categories(ctx.settings.support_categories)
    return Evaluator(ctx.session, definitions, ctx.today())


def list_measures(ctx: ServiceContext, *, offer_unit: str | None = None) -> list[Measure]:
    """Every line of the return with its unit and rule, breakdown lines included."""
    _allowed(ctx, "read the report definitions")
    return _evaluator(ctx, load_definitions(offer_unit=offer_unit)).all_measures()


def quarterly_return(ctx: ServiceContext, period: Period, *, offer_unit: str | None = None) -> Report:
    _allowed(ctx, "run the quarterly return")
    return _evaluator(ctx, load_definitions(offer_unit=offer_unit)).report(period, ctx.now())


def explain(ctx: ServiceContext, measure_id: str, period: Period, *, offer_unit: str | None = None) -> Explanation:
    """The records behind one number, made by the same rule as the number itself."""
    _allowed(ctx, "explain the quarterly return")
    evaluator = _evaluator(ctx, load_definitions(offer_unit=offer_unit))
    try:
        measure = evaluator.find(measure_id.strip())
    except KeyError:
        raise NotFound(f"there is no measure {measure_id!r}; `fgdm report measures` lists them") from None
    line = evaluator.listed(measure, period)
    return Explanation(period=period, line=line, rows=_as_the_rule_allows(ctx, evaluator.drill_rows(line)),
                       note=data_as_at_note(period, ctx.now()))


def _as_the_rule_allows(ctx: ServiceContext, rows: list[DrillRow]) -> list[DrillRow]:
    """The drill-down as the disclosure rule lets a manager see it (the professionals' view): a child's name, the
    parent an offer went to, and names in free text only where the rule allows, case by case."""
    facts_of = cases_facts(ctx.session, (row.case_id for row in rows))
    forbidden_in: dict[int, tuple[str, ...]] = {}
    shown = []
    for row in rows:
        if row.case_id is None:
            shown.append(row)
            continue
        facts = facts_of[row.case_id]
        if row.case_id not in forbidden_in:
            forbidden_in[row.case_id] = disclosure.forbidden_texts(facts, PROFESSIONALS)
        forbidden = forbidden_in[row.case_id]
        child = row.child if row.child_person_id is None or disclosure.may_learn(
            facts, PROFESSIONALS, Fact.PRESENCE, row.child_person_id) else WITHHELD
        detail = disclosure.redact(row.detail, forbidden) if row.member_person_id is None or disclosure.may_learn(
            facts, PROFESSIONALS, Fact.PRESENCE, row.member_person_id) else WITHHELD
        shown.append(replace(row, child=child, detail=detail))
    return shown


def trend(ctx: ServiceContext, period: Period, *, measure_ids: tuple[str, ...] = TREND_MEASURES,
          quarters: int = TREND_QUARTERS, offer_unit: str | None = None) -> list[TrendPoint]:
    """The chosen measures for each of the ``quarters`` quarters ending with the period's, oldest first."""
    _allowed(ctx, "see the trend of the quarterly return")
    evaluator = _evaluator(ctx, load_definitions(offer_unit=offer_unit))
    known = {measure.id for measure in evaluator.all_measures()}
    missing = [measure_id for measure_id in measure_ids if measure_id not in known]
    if missing:
        raise NotFound(f"there is no measure {missing[0]!r}; `fgdm report measures` lists them")
    points = []
    for each in last_quarters(period, quarters):
        report = evaluator.report(each, ctx.now(), measure_ids)
        points.append(TrendPoint(each, {line.measure.id: outputs.plain_value(line) for line in report.lines}))
    return points


def render(ctx: ServiceContext, report: Report, fmt: Literal["csv", "json"]) -> str:
    """The return as CSV or JSON text; recorded in the audit trail as an export."""
    _allowed(ctx, "export the quarterly return")
    text = outputs.to_csv(report) if fmt == "csv" else outputs.to_json(report)
    _record_export(ctx, report.period, fmt, None)
    return text


def write_summary(ctx: ServiceContext, report: Report, path: Path, *, offer_unit: str | None = None) -> Path:
    """The manager's summary as .docx: the return, the note on data as it stands, and an eight-quarter chart."""
    _allowed(ctx, "export the quarterly return")
    points = trend(ctx, report.period, offer_unit=offer_unit)
    labels = {line.measure.id: line.measure.label for line in report.lines}
    series = {labels.get(measure_id, measure_id): [point.values.get(measure_id) for point in points]
              for measure_id in TREND_MEASURES}
    from fgdm.services.reports._summary import summary_document  # python-docx, Pillow, Jinja: for this file alone

    document = summary_document(ctx, report, quarters=[point.period.label for point in points], series=series)
    write_private(path, lambda temporary: document.save(str(temporary)), suffix=".docx")
    _record_export(ctx, report.period, "docx", path)
    return path


def default_filename(period: Period, fmt: str) -> str:
    return f"quarterly-return-{period.label.replace(' ', '_')}.{fmt}"


def export_file(ctx: ServiceContext, period: Period, fmt: ExportFormat, folder: Path | None = None, *,
                offer_unit: str | None = None) -> Path:
    """Write the return (csv, json) or the manager's summary (docx) to ``quarterly-return-PERIOD.FORMAT``.

    The folder is the one given, else the output folder (never the folder fgdm was started in).
    """
    report = quarterly_return(ctx, period, offer_unit=offer_unit)
    target = (folder or ctx.settings.output_folder()) / default_filename(period, fmt)
    if fmt == "docx":
        return write_summary(ctx, report, target, offer_unit=offer_unit)
    text = render(ctx, report, fmt)
    return write_private_text(target, text)


def _record_export(ctx: ServiceContext, period: Period, fmt: str, path: Path | None) -> None:
    with ctx.write() as session:
        audit_trail.record_event(session, action="export", table_name="quarterly_return", record_id=None,
                                 case_id=None, details={"period": period.label, "from": period.start,
                                                        "to": period.end, "format": fmt,
                                                        "file": str(path) if path else "stdout"})


__all__ = ["TREND_MEASURES", "Explanation", "ExportFormat", "TrendPoint", "choose_period", "default_filename",
           "explain", "export_file", "list_measures", "load_definitions", "period_from_text", "quarterly_return",
           "render", "trend", "write_summary"]
