"""`fgdm report`: the quarterly return, the records behind any number, and the follow-ups that are due."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import typer

from fgdm.cli.common import FORCE, FORMAT, MAX_ID, OutputFormat, check_output, json_text, service_context
from fgdm.domain.enums import LivingArrangement
from fgdm.domain.periods import Period
from fgdm.files import write_private_text
from fgdm.i18n import format_day
from fgdm.reports import outputs
from fgdm.services import follow_ups as outcomes
from fgdm.services import reports
from fgdm.services.shared.context import ServiceContext

app = typer.Typer(help="The quarterly return and service reports, with the records behind each number.",
                  no_args_is_help=True, rich_markup_mode=None)


class ReturnFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    DOCX = "docx"


class OfferUnit(StrEnum):
    OFFERS = "offers"
    PARENTS = "parents"
    CHILDREN = "children"
    FAMILIES = "families"


QUARTER = typer.Option(None, "--quarter", "-q", help="Financial-year quarter, e.g. 2026-Q2 (July–September 2026). "
                                                     "Default: the last quarter that has ended.")
DAY_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FROM = typer.Option(None, "--from", formats=DAY_FORMATS, help="First day of a period (DD/MM/YYYY), with --to.")
TO = typer.Option(None, "--to", formats=DAY_FORMATS, help="Last day of a period (DD/MM/YYYY), with --from.")
UNIT = typer.Option(None, "--offer-unit", help="Count each offer (offers), each parent or PR holder once "
                                               "(parents), each child or each family, instead of the definitions "
                                               "file's setting.")


def _period(ctx: ServiceContext, quarter: str | None, start: datetime | None, end: datetime | None) -> Period:
    return reports.choose_period(quarter=quarter, start=start.date() if start else None,
                                 end=end.date() if end else None, today=ctx.today())


@app.command("quarterly")
def quarterly(
    context: typer.Context,
    quarter: str = QUARTER,
    start: datetime = FROM,
    end: datetime = TO,
    output_format: ReturnFormat = typer.Option(ReturnFormat.TABLE, "--format", help="table to read; csv or json "
                                               "for the return; docx for a manager's summary with a chart."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file (docx default: "
                                "quarterly-return-PERIOD.docx in the output folder)."),
    force: bool = FORCE,
    offer_unit: OfferUnit = UNIT,
) -> None:
    """The quarterly return for a quarter or any period, as the records stand now."""
    unit = offer_unit.value if offer_unit else None
    with service_context(context) as ctx:
        period = _period(ctx, quarter, start, end)
        check_output(context, output)
        report = reports.quarterly_return(ctx, period, offer_unit=unit)
        if output_format is ReturnFormat.DOCX:
            target = (output or ctx.settings.output_folder() / reports.default_filename(period, "docx")).absolute()
            reports.write_summary(ctx, report, target, offer_unit=unit)
            typer.echo(f"Wrote the manager's summary for {period.label} to {target}", err=True)
            return
        if output_format is ReturnFormat.TABLE:
            text = outputs.to_table(report)
        else:
            text = reports.render(ctx, report, output_format.value)  # type: ignore[arg-type]
    if output is not None:
        write_private_text(output, text)
        typer.echo(f"Wrote the return for {period.label} to {output.absolute()}", err=True)
    else:
        typer.echo(text, nl=False)


@app.command("explain")
def explain(
    context: typer.Context,
    measure: str = typer.Argument(..., help="A measure id from `fgdm report measures`, e.g. offers_made or "
                                            "support_paid.travel."),
    quarter: str = QUARTER,
    start: datetime = FROM,
    end: datetime = TO,
    output_format: OutputFormat = FORMAT,
    offer_unit: OfferUnit = UNIT,
) -> None:
    """List the cases and records behind one number of the return."""
    with service_context(context) as ctx:
        period = _period(ctx, quarter, start, end)
        found = reports.explain(ctx, measure, period, offer_unit=offer_unit.value if offer_unit else None)
    if output_format is OutputFormat.JSON:
        table = outputs.drill_table(found.rows)
        typer.echo(json_text({"measure": found.line.measure.id, "label": found.line.measure.label,
                              "period": period.label, "value": outputs.shown(found.line),
                              "note": found.note, "records": [dict(zip(table[0], row, strict=True))
                                                             for row in table[1:]]}))
        return
    typer.echo(outputs.to_drill_text(found.line, found.rows, found.note, period.label), nl=False)


@app.command("measures")
def measures(context: typer.Context, offer_unit: OfferUnit = UNIT) -> None:
    """Every measure: its id, what it counts, and its rule in plain words."""
    with service_context(context) as ctx:
        listed = reports.list_measures(ctx, offer_unit=offer_unit.value if offer_unit else None)
    for measure in listed:
        if measure.category:
            typer.echo(f"  {measure.id}  ({measure.category_label})")
            continue
        typer.echo(f"{measure.id}  [{measure.unit}, {measure.kind}]  {measure.label}")
        typer.echo(f"    {measure.explanation}")


@app.command("follow-ups")
def follow_ups(context: typer.Context,
               within: int = typer.Option(0, "--within", min=0, max=MAX_ID,
                                          help="Also list those due within this many days.")
               ) -> None:
    """Follow-ups of where each child lives (3, 6, 12 months after the first agreed plan) that are due."""
    with service_context(context) as ctx:
        due = outcomes.due_follow_ups(ctx, within_days=within)
    if not due:
        typer.echo("No follow-ups are due.", err=True)
        return
    for item in due:
        when = f"{item.days_overdue} days overdue" if item.days_overdue else "due"
        typer.echo(f"{item.reference}  child {item.case_child_id} {item.child_name}: {item.months}-month "
                   f"follow-up {format_day(item.due_on)} ({when})")


@app.command("record-follow-up")
def record_follow_up(
    context: typer.Context,
    child: int = typer.Argument(..., min=1, max=MAX_ID, help="The child's id, as `fgdm report follow-ups` lists it."),
    months: int = typer.Option(..., "--months", min=1, max=MAX_ID, help="3, 6 or 12."),
    living: LivingArrangement = typer.Option(..., "--living", help="Where the child lives now."),
    on: datetime = typer.Option(None, "--on", formats=DAY_FORMATS, help="Date learned (default today)."),
    note: str = typer.Option("", "--note", help="Anything the next reader should know."),
) -> None:
    """Record where a child lives at a follow-up point."""
    recorded_on: date | None = on.date() if on else None
    with service_context(context) as ctx:
        outcome = outcomes.record_outcome(ctx, {"case_child_id": child, "months_after": months, "living": living,
                                                "recorded_on": recorded_on, "note": note})
    typer.echo(f"Recorded the {outcome.months_after}-month follow-up: {outcome.living.label.lower()}", err=True)


class CensusFormat(StrEnum):
    XML = "xml"
    CSV = "csv"


@app.command("cin-module5")
def cin_module5(
    context: typer.Context,
    year: str = typer.Option(..., "--year", help="The census year, e.g. 2026-27 (1 April 2026 to 31 March 2027)."),
    output_format: CensusFormat = typer.Option(CensusFormat.XML, "--format", help="xml (census-shaped, for the "
                                               "census team to merge) or csv (one row per block)."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file (readable by you only)."),
    force: bool = FORCE,
    check: bool = typer.Option(False, "--check", help="Run the census's module 5 checks instead of exporting: "
                                                      "errors and queries, each with its DfE code."),
) -> None:
    """The CIN census module 5 (pre-proceedings and FGDM): each child's blocks, or the census's checks on them."""
    with service_context(context) as ctx:
        check_output(context, None if check else output)
        found = reports.cin_module5(ctx, reports.census_year(year))
        text = "" if check else reports.write_cin_module5(ctx, found, output_format.value, output)  # type: ignore[arg-type]
    for child in found.without_id:
        typer.echo(f"Problem: {child.case_reference} {child.child_name} has pre-proceedings data in "
                   f"{found.year.label} but no LAchildID; record it (`fgdm offer child-id`) to include them",
                   err=True)
    for block in found.overrides:
        said = "; ".join(f"{element} {block.items.get(element) or 'blank'} where the case's records say "
                         f"{value}" for element, value in block.overridden.items())
        typer.echo(f"Override: {block.la_child_id} ({block.case_reference} {block.child_name}): {said}; reason: "
                   f"{block.override_reason or 'none recorded: add one with `fgdm offer edit-episode --reason`'}",
                   err=True)
    if check:
        for finding in found.findings:
            where = f"{finding.la_child_id} block {finding.block + 1} ({finding.case_reference}) " if (
                finding.block is not None) else "the return: "
            typer.echo(f"{finding.kind.upper():5} {finding.code:5} {where}{finding.element or ''}: {finding.message}")
        for block in found.warned:
            for warning in block.warnings:
                typer.echo(f"WARN  fgdm  {block.la_child_id} ({block.case_reference}) FGDMMeetingOffer: {warning}")
        typer.echo(f"{len(found.errors)} errors, {len(found.queries)} queries, {len(found.without_id)} children "
                   f"without an LAchildID, {len(found.overrides)} blocks with an override, {len(found.warned)} with a "
                   f"warning from fgdm, {len(found.blocks)} "
                   f"blocks for {found.year.label}.", err=True)
        if found.errors or found.without_id:
            raise typer.Exit(1)
        return
    if output is not None:
        typer.echo(f"Wrote module 5 for {found.year.label}: {len(found.blocks)} blocks to {output}", err=True)
    else:
        typer.echo(text, nl=False)
