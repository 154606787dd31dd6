"""`fgdm support ...`: support package items per case, and the service-wide budget per quarter."""

from __future__ import annotations

import typer

from fgdm.cli.common import CASE, FORMAT, MAX_ID, OutputFormat, case_id_of, json_text, service_context
from fgdm.domain.enums import Frequency
from fgdm.i18n import format_day, format_money
from fgdm.services import plans, support
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed

app = typer.Typer(help="Family network support packages: items, approval, payment and the budget.",
                  no_args_is_help=True)

ITEM = typer.Option(..., "--item", min=1, max=MAX_ID, help="The item's id, as `fgdm support list` shows it.")






def _item_id(ctx: ServiceContext, reference: str, item_id: int) -> int:
    """The item, checked to belong to the case named, so a mistyped id cannot touch another family's item."""
    case_id = case_id_of(ctx, reference)
    if item_id not in {view.item.id for view in support.list_items(ctx, case_id)}:
        raise NotFound(f"case {reference} has no support item {item_id}; `fgdm support list` shows them")
    return item_id


def _dates(view: support.SupportItemView) -> str:
    item = view.item
    if item.frequency is Frequency.ONE_OFF:
        return format_day(support.schedule_of(item).start)
    return f"{item.frequency.label.lower()} {format_day(item.start_date)} to {format_day(item.end_date)}"


@app.command("list")
def list_items(context: typer.Context, case: str = CASE, output: OutputFormat = FORMAT) -> None:
    """List a case's support items and its totals: requested, approved, paid and committed."""
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        found = support.case_support(ctx, case_id)
    views, totals = found.items, found.totals
    if output is OutputFormat.JSON:
        typer.echo(json_text({
            "case": case,
            "items": [{"id": v.item.id, "category": v.item.category, "category_label": v.category,
                       "description": v.item.description, "recipient": v.recipient, "action": v.action,
                       "amount": str(v.item.amount),
                       "frequency": v.item.frequency.value, "total": str(v.total), "status": v.item.status.value,
                       "start_date": v.item.start_date.isoformat() if v.item.start_date else None,
                       "end_date": v.item.end_date.isoformat() if v.item.end_date else None,
                       "approved_by": v.approved_by, "approval_exception": v.item.approval_exception,
                       "declined_reason": v.item.declined_reason} for v in views],
            "totals": {name: str(getattr(totals, name))
                       for name in ("requested", "approved", "paid", "committed", "declined")},
        }))
        return
    for v in views:
        typer.echo(f"{v.item.id:>5}  {v.item.status.label:<9}  {v.category:<18}  "
                   f"{format_money(v.item.amount):>11}  {_dates(v)}  {v.item.description}"
                   + (f" (for {v.recipient})" if v.recipient else ""))
    typer.echo(f"Requested {format_money(totals.requested)}; approved {format_money(totals.approved)}; "
               f"paid {format_money(totals.paid)}; committed {format_money(totals.committed)}")


@app.command("add")
def add(
    context: typer.Context, case: str = CASE,
    category: str = typer.Option(..., "--category",
                                 help="What kind of support: a code from `fgdm support categories`."),
    description: str = typer.Option(..., "--description", help="What it is for."),
    amount: str = typer.Option(..., "--amount", help="Pounds and pence; per payment for weekly or monthly."),
    frequency: Frequency = typer.Option(Frequency.ONE_OFF, "--frequency", help="one_off, weekly or monthly."),
    start: str = typer.Option(None, "--start", help="Date of a one-off, or the first payment, DD/MM/YYYY."),
    end: str = typer.Option(None, "--end", help="Last payment of a recurring item, DD/MM/YYYY."),
    recipient_member: int = typer.Option(None, "--recipient-member", min=1, max=MAX_ID,
                                         help="Network member id it is for."),
    action: int = typer.Option(None, "--action", min=1, max=MAX_ID,
                               help="Number of the plan action it serves (latest version)."),
) -> None:
    """Record a request for support; it waits for approval."""
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        action_id = None
        if action is not None:
            actions = plans.get_plan(ctx, case_id).actions
            if not 1 <= action <= len(actions):
                raise ValidationFailed.one("action", "give the number of an action in the latest plan version")
            action_id = actions[action - 1].action.id
        item = support.add_item(ctx, case_id, {
            "category": category, "description": description, "amount": amount, "frequency": frequency,
            "start_date": start, "end_date": end, "recipient_member_id": recipient_member,
            "plan_action_id": action_id})
    typer.echo(str(item.id))


@app.command("approve")
def approve(context: typer.Context, case: str = CASE, item: int = ITEM,
            exception: str = typer.Option("", "--exception", help="Why it is approved before a meeting "
                                                                 "identified the need.")) -> None:
    """Approve a requested item (above the threshold: managers only)."""
    with service_context(context) as ctx:
        support.approve_item(ctx, _item_id(ctx, case, item), exception_reason=exception)
    typer.echo(f"Item {item} approved", err=True)


@app.command("pay")
def pay(context: typer.Context, case: str = CASE, item: int = ITEM,
        on: str = typer.Option(None, "--on", help="When it was paid, DD/MM/YYYY (default: today).")) -> None:
    """Record that an approved item was paid."""
    with service_context(context) as ctx:
        support.pay_item(ctx, _item_id(ctx, case, item), paid_on=on)
    typer.echo(f"Item {item} paid", err=True)


@app.command("decline")
def decline(context: typer.Context, case: str = CASE, item: int = ITEM,
            reason: str = typer.Option(..., "--reason", help="Why, so the family can be told.")) -> None:
    """Decline a requested or approved item, with the reason."""
    with service_context(context) as ctx:
        support.decline_item(ctx, _item_id(ctx, case, item), reason=reason)
    typer.echo(f"Item {item} declined", err=True)


@app.command("categories")
def categories(context: typer.Context, output: OutputFormat = FORMAT) -> None:
    """The kinds of support this service offers (set under [support_categories] in config.toml)."""
    with service_context(context) as ctx:
        offered = support.categories(ctx)
    if output is OutputFormat.JSON:
        typer.echo(json_text([{"code": code, "label": label} for code, label in offered]))
        return
    for code, label in offered:
        typer.echo(f"{code:<24} {label}")


@app.command("budget")
def budget(context: typer.Context,
           quarter: str = typer.Option(..., "--quarter", help="Financial quarter, e.g. 2026-Q3 (April-June is Q1)."),
           output: OutputFormat = FORMAT) -> None:
    """The service-wide support spend in one financial quarter, against the quarter's budget."""
    with service_context(context) as ctx:
        view = support.budget_view(ctx, quarter)
    if output is OutputFormat.JSON:
        typer.echo(json_text({
            "quarter": str(view.quarter), "first_day": view.quarter.first_day.isoformat(),
            "last_day": view.quarter.last_day.isoformat(), "budget": str(view.budget),
            "approved": str(view.approved), "paid": str(view.paid), "requested": str(view.requested),
            "remaining": str(view.remaining),
            "cases": [{"reference": line.reference, "approved": str(line.approved), "paid": str(line.paid),
                       "requested": str(line.requested)} for line in view.lines],
            "categories": [{"category": kind.category, "approved": str(kind.approved), "paid": str(kind.paid),
                            "requested": str(kind.requested)} for kind in view.categories]}))
        return
    typer.echo(f"{view.quarter}: {format_day(view.quarter.first_day)} to {format_day(view.quarter.last_day)}")
    for line in view.lines:
        typer.echo(f"{line.reference:<16} approved {format_money(line.approved):>11}  "
                   f"paid {format_money(line.paid):>11}  requested {format_money(line.requested):>11}")
    for kind in view.categories:
        typer.echo(f"{kind.category:<24} approved {format_money(kind.approved):>11}  "
                   f"paid {format_money(kind.paid):>11}  requested {format_money(kind.requested):>11}")
    typer.echo(f"Budget {format_money(view.budget)}; approved {format_money(view.approved)}; "
               f"paid {format_money(view.paid)}; awaiting decision {format_money(view.requested)}; "
               f"remaining {format_money(view.remaining)}")
