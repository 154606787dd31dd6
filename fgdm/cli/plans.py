"""`fgdm plan ...`: the family plan for scripting, from the first draft to the printed, agreed copy.

Actions are named by their number in the plan's table (1, 2, 3...), as on the printed plan.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from fgdm.cli.common import CASE, FORCE, MAX_ID, OutputFormat, case_id_of, json_text, service_context
from fgdm.domain.enums import NotAgreedReason
from fgdm.i18n import format_day, format_instant
from fgdm.services import plans
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed

app = typer.Typer(help="The family plan: versions, actions, the referrer's decision, printing.",
                  no_args_is_help=True)

VERSION = typer.Option(None, "--version", min=1, max=MAX_ID, help="The plan version number (default: the latest).")
ACTION = typer.Option(..., "--action", min=1, max=MAX_ID, help="The action's number in the plan's table, from 1.")




def _latest_id(ctx: ServiceContext, reference: str) -> int:
    return plans.find_version(ctx, case_id_of(ctx, reference)).id  # type: ignore[return-value]


def _action_id(ctx: ServiceContext, reference: str, number: int) -> int:
    actions = plans.get_plan(ctx, case_id_of(ctx, reference)).actions
    if not 1 <= number <= len(actions):
        raise ValidationFailed.one("action", f"give a number from 1 to {len(actions)}; `fgdm plan show` lists them"
                                   if actions else "the plan has no actions yet; add one with `fgdm plan add-action`")
    return actions[number - 1].action.id  # type: ignore[return-value]


def _as_json(detail: plans.PlanDetail, changed: plans.PlanChanges) -> dict[str, Any]:
    plan = detail.plan
    return {"case": detail.case.reference, "version": plan.version_no, "status": plan.status.value,
            "decision_by": plan.decision_by, "decision_on": plan.decision_on.isoformat() if plan.decision_on else None,
            "not_agreed_reason": plan.not_agreed_reason.value if plan.not_agreed_reason else None,
            "not_agreed_detail": plan.not_agreed_detail, "plan_lead": detail.plan_lead,
            "bottom_lines": plan.bottom_lines, "child_views": plan.child_views, "contingency": plan.contingency,
            "review_date": plan.review_date.isoformat() if plan.review_date else None,
            "questions": [{"question": q.question, "answer": q.answer} for q in detail.questions],
            "actions": [{"number": n, "who": v.who, "what": v.action.what, "checked_by": v.action.checked_by,
                         "by_when": v.action.by_when.isoformat() if v.action.by_when else None,
                         "status": v.action.status.value} for n, v in enumerate(detail.actions, 1)],
            "changes": {"added": changed.added, "removed": changed.removed, "done": changed.done}}


def _print_text(detail: plans.PlanDetail, changed: plans.PlanChanges) -> None:
    plan = detail.plan
    decided = f" by {plan.decision_by} on {format_day(plan.decision_on)}" if plan.decision_on else ""
    typer.echo(f"{detail.case.reference} plan version {plan.version_no}: {plan.status.label}{decided}")
    if plan.not_agreed_reason:
        typer.echo(f"Not agreed: {plan.not_agreed_reason.label}. {plan.not_agreed_detail}")
    typer.echo(f"Plan lead: {detail.plan_lead or '-'}    Review: {format_day(plan.review_date) or '-'}")
    for number, question in enumerate(detail.questions, 1):
        typer.echo(f"Q{number}. {question.question}\n    {question.answer or '(no answer yet)'}")
    for number, view in enumerate(detail.actions, 1):
        by_when = format_day(view.action.by_when) or "no date"
        typer.echo(f"{number:>2}. [{view.action.status.label}] {view.who}: {view.action.what} (by {by_when}"
                   + (f", checked by {view.action.checked_by})" if view.action.checked_by else ")"))
    for label, items in (("Added", changed.added), ("Removed", changed.removed), ("Done", changed.done)):
        if plan.based_on_id and items:
            typer.echo(f"{label} since the last version: " + "; ".join(items))


@app.command("show")
def show(context: typer.Context, case: str = CASE, version: int = VERSION,
         output: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", help="text for people, json for scripts.")
         ) -> None:
    """Show a plan version: its decision, questions, actions and what changed since the last version."""
    with service_context(context) as ctx:
        detail = plans.get_plan(ctx, case_id_of(ctx, case), version)
        changed = plans.changes(ctx, detail.plan.id)  # type: ignore[arg-type]
    if output is OutputFormat.JSON:
        typer.echo(json_text(_as_json(detail, changed)))
    else:
        _print_text(detail, changed)


@app.command("versions")
def versions(context: typer.Context, case: str = CASE) -> None:
    """List every version of the plan and its decision."""
    with service_context(context) as ctx:
        found = plans.list_versions(ctx, case_id_of(ctx, case))
    for plan in found:
        decided = f"{plan.decision_by}, {format_day(plan.decision_on)}" if plan.decision_on else ""
        typer.echo(f"{plan.version_no:>3}  {plan.status.label:<11}  {decided}")


@app.command("start")
def start(context: typer.Context, case: str = CASE) -> None:
    """Start the first plan, or a review version copying the last agreed one."""
    with service_context(context) as ctx:
        plan = plans.start_version(ctx, case_id_of(ctx, case))
    typer.echo(f"Started plan version {plan.version_no} of {case} (draft)", err=True)


@app.command("set")
def set_fields(
    context: typer.Context, case: str = CASE,
    plan_lead_member: int = typer.Option(None, "--plan-lead-member", min=1, max=MAX_ID,
                                         help="Network member id of the plan lead."),
    bottom_lines: str = typer.Option(None, "--bottom-lines", help="The referrer's bottom lines."),
    child_views: str = typer.Option(None, "--child-views", help="The child's views, in their own words."),
    contingency: str = typer.Option(None, "--contingency", help="What happens if the plan breaks down."),
    review_date: str = typer.Option(None, "--review-date", help="The review date, DD/MM/YYYY."),
) -> None:
    """Change the draft plan's lead, bottom lines, child's views, contingency or review date."""
    values = {"plan_lead_member_id": plan_lead_member, "bottom_lines": bottom_lines, "child_views": child_views,
              "contingency": contingency, "review_date": review_date}
    with service_context(context) as ctx:
        plans.update_plan(ctx, _latest_id(ctx, case), {k: v for k, v in values.items() if v is not None})
    typer.echo("Plan saved", err=True)


@app.command("add-action")
def add_action(
    context: typer.Context, case: str = CASE,
    what: str = typer.Option(..., "--what", help="What will be done."),
    who: str = typer.Option("", "--who", help="Who will do it, in words (a professional, or a name)."),
    who_member: int = typer.Option(None, "--who-member", min=1, max=MAX_ID,
                                   help="Or: the network member id of who will do it."),
    by_when: str = typer.Option(None, "--by", help="By when, DD/MM/YYYY."),
    checked_by: str = typer.Option("", "--checked-by", help="Who checks it is done."),
) -> None:
    """Add an action at the end of the draft plan's table."""
    with service_context(context) as ctx:
        plans.add_action(ctx, _latest_id(ctx, case), {"what": what, "who_text": who, "who_member_id": who_member,
                                                      "by_when": by_when, "checked_by": checked_by})
        count = len(plans.get_plan(ctx, case_id_of(ctx, case)).actions)
    typer.echo(f"Added action {count}", err=True)


@app.command("duplicate-action")
def duplicate_action(context: typer.Context, case: str = CASE, action: int = ACTION) -> None:
    """Copy an action to just below itself."""
    with service_context(context) as ctx:
        plans.duplicate_action(ctx, _action_id(ctx, case, action))
    typer.echo(f"Copied action {action} to {action + 1}", err=True)


@app.command("move-action")
def move_action(context: typer.Context, case: str = CASE, action: int = ACTION,
                by: int = typer.Option(..., "--by", help="Places to move: negative is up, positive is down.")) -> None:
    """Move an action up or down the table."""
    with service_context(context) as ctx:
        plans.move_action(ctx, _action_id(ctx, case, action), by)
    typer.echo("Action moved", err=True)


@app.command("done")
def done(context: typer.Context, case: str = CASE, action: int = ACTION) -> None:
    """Mark an action done."""
    with service_context(context) as ctx:
        plans.mark_done(ctx, _action_id(ctx, case, action))
    typer.echo(f"Action {action} done", err=True)


@app.command("remove-action")
def remove_action(context: typer.Context, case: str = CASE, action: int = ACTION) -> None:
    """Remove an action from the draft plan."""
    with service_context(context) as ctx:
        plans.remove_action(ctx, _action_id(ctx, case, action))
    typer.echo(f"Action {action} removed", err=True)


@app.command("add-question")
def add_question(context: typer.Context, case: str = CASE,
                 question: str = typer.Option(..., "--question", help="The question the family was asked."),
                 answer: str = typer.Option("", "--answer", help="The family's answer.")) -> None:
    """Add a question and the family's answer."""
    with service_context(context) as ctx:
        plans.add_question(ctx, _latest_id(ctx, case), {"question": question, "answer": answer})
    typer.echo("Question added", err=True)


QUESTION_NUMBER = typer.Option(..., "--question", min=1, max=MAX_ID,
                               help="The question's number, as `fgdm plan show` lists it.")


def _question(ctx: ServiceContext, case: str, number: int) -> tuple[int, int]:
    """The latest version's id and the id of its question with this number, or a message naming the range."""
    detail = plans.get_plan(ctx, case_id_of(ctx, case))
    if not 1 <= number <= len(detail.questions):
        raise ValidationFailed.one("question", f"give a number from 1 to {len(detail.questions)}"
                                   if detail.questions else "the plan has no questions yet")
    return detail.plan.id, detail.questions[number - 1].id  # type: ignore[return-value]


@app.command("answer")
def answer(context: typer.Context, case: str = CASE, question: int = QUESTION_NUMBER,
           text: str = typer.Option(..., "--answer", help="The family's answer.")) -> None:
    """Record the family's answer to one of the questions."""
    with service_context(context) as ctx:
        plan_id, question_id = _question(ctx, case, question)
        plans.answer_questions(ctx, plan_id, {question_id: text})
    typer.echo(f"Answer {question} saved", err=True)


@app.command("reword")
def reword(context: typer.Context, case: str = CASE, question: int = QUESTION_NUMBER,
           text: str = typer.Option(..., "--text", help="The question as the family was asked it; empty removes "
                                                        "an unanswered question.")) -> None:
    """Change a question's wording, or remove an unanswered question."""
    with service_context(context) as ctx:
        plan_id, question_id = _question(ctx, case, question)
        plans.reword_questions(ctx, plan_id, {question_id: text})
    typer.echo(f"Question {question} {'saved' if text.strip() else 'removed'}", err=True)


@app.command("agree")
def agree(context: typer.Context, case: str = CASE,
          by: str = typer.Option("", "--by", help="The referrer who agreed it (default: the case's referrer)."),
          on: str = typer.Option(None, "--on", help="When, DD/MM/YYYY (default: today).")) -> None:
    """Record that the referrer agreed the draft plan; it becomes read-only."""
    with service_context(context) as ctx:
        plan = plans.record_agreement(ctx, _latest_id(ctx, case), decided_by=by, decided_on=on)
    typer.echo(f"Plan version {plan.version_no} agreed by {plan.decision_by}", err=True)


@app.command("not-agreed")
def not_agreed(context: typer.Context, case: str = CASE,
               reason: NotAgreedReason = typer.Option(..., "--reason", help="Why the plan was not agreed."),
               detail: str = typer.Option(..., "--detail", help="What the plan would need, in the referrer's words."),
               by: str = typer.Option("", "--by", help="The referrer (default: the case's referrer)."),
               on: str = typer.Option(None, "--on", help="When, DD/MM/YYYY (default: today).")) -> None:
    """Record that the referrer did not agree the draft plan, and why."""
    with service_context(context) as ctx:
        plan = plans.record_not_agreed(ctx, _latest_id(ctx, case), reason=reason, detail=detail, decided_by=by,
                                       decided_on=on)
    typer.echo(f"Plan version {plan.version_no} not agreed", err=True)


@app.command("print")
def print_plan(
    context: typer.Context, case: str = CASE, version: int = VERSION,
    lang: str = typer.Option(None, "--lang", help="Language code, e.g. cy (default: the family's language)."),
    output: Path = typer.Option(None, "-o", "--output", help="Where to write the .docx (default: "
                                "CASE-plan-vN.docx in the output folder)."),
    force: bool = FORCE,
    pdf: bool = typer.Option(False, "--pdf", help="Also convert it to PDF with LibreOffice."),
) -> None:
    """Write the family's copy of the plan as .docx (and PDF), without anything they must not see."""
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        target = output if output is not None else plans.default_output(ctx, case_id, version)
        printed = plans.print_plan(ctx, case_id, target, version_no=version, language=lang, pdf=pdf)
    typer.echo(str(printed.docx.absolute()))
    if printed.pdf:
        typer.echo(str(printed.pdf.absolute()))
    if printed.pdf_problem:
        typer.echo(f"fgdm: no PDF: {printed.pdf_problem}", err=True)
    if printed.withheld:
        typer.echo("Withheld from the family's copy (check and edit): " + ", ".join(printed.withheld), err=True)
    if lang and printed.language != lang:
        typer.echo(f"No {lang} translation of the plan yet; printed in English", err=True)


@app.command("sent")
def sent(context: typer.Context, case: str = CASE, version: int = VERSION,
         to_member: list[int] = typer.Option([], "--to-member", help="Network member id sent a copy (repeat)."),
         to: list[str] = typer.Option([], "--to", help="Anyone else sent a copy, by name (repeat)."),
         everyone: bool = typer.Option(False, "--everyone-who-took-part",
                                       help="Every network member who came to the plan's meeting or wrote in."),
         method: str = typer.Option("post", "--method", help="How: post, email, by hand...")) -> None:
    """Record who the plan was sent to (now)."""
    with service_context(context) as ctx:
        plan = plans.find_version(ctx, case_id_of(ctx, case), version)
        rows = plans.record_distribution(ctx, plan.id, member_ids=to_member, names=to,  # type: ignore[arg-type]
                                         method=method, everyone_who_took_part=everyone)
    typer.echo(f"Recorded {len(rows)} copies of version {plan.version_no} sent", err=True)


@app.command("sent-list")
def sent_list(context: typer.Context, case: str = CASE, version: int = VERSION) -> None:
    """Who a plan version was sent to, and when."""
    with service_context(context) as ctx:
        plan = plans.find_version(ctx, case_id_of(ctx, case), version)
        rows = plans.list_distribution(ctx, plan.id)  # type: ignore[arg-type]
    for row in rows:
        typer.echo(f"{format_instant(row.sent_at)}  {row.method:<8}  {row.recipient_name}")
