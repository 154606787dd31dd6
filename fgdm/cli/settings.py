"""`fgdm settings`: the council's policy, read by anyone and changed only by an administrator."""

from __future__ import annotations

import typer

from fgdm.cli.common import FORMAT, OutputFormat, json_text, service_context
from fgdm.i18n import format_day
from fgdm.services import settings as council
from fgdm.services.shared.clock import to_london

app = typer.Typer(help="The council's settings: thresholds, budgets, retention, support categories, letters.",
                  no_args_is_help=True)


def _line(view: council.SettingView) -> str:
    origin = (f"set by {view.changed_by or 'an administrator'} on {format_day(to_london(view.changed_at).date())}"
              if view.changed_at is not None else "fgdm's default")
    return f"{view.key:<28} {view.text or '(none)'}  [{origin}]"


@app.command("show")
def show_command(context: typer.Context, output: OutputFormat = FORMAT) -> None:
    """Every council setting with its value, and whether an administrator chose it."""
    with service_context(context) as ctx:
        views = council.list_settings(ctx)
    if output is OutputFormat.JSON:
        typer.echo(json_text([{"key": v.key, "label": v.label, "description": v.description, "value": v.value,
                               "chosen": v.chosen} for v in views]))
        return
    for view in views:
        typer.echo(_line(view))


@app.command("set", context_settings={"ignore_unknown_options": True})
def set_command(context: typer.Context, key: str = typer.Argument(..., help="The setting, e.g. "
                                                                        "support_approval_threshold"),
                value: str = typer.Argument(..., help="The new value, e.g. 750 or '{\"travel\": \"Travel\"}'"),
                ) -> None:
    """Change a council setting for everyone (administrators only); recorded in the audit trail."""
    with service_context(context) as ctx:
        view = council.set_setting(ctx, key, value)
    typer.echo(_line(view))


@app.command("reset")
def reset_command(context: typer.Context, key: str = typer.Argument(...)) -> None:
    """Go back to fgdm's default for one setting (administrators only); recorded in the audit trail."""
    with service_context(context) as ctx:
        view = council.reset_setting(ctx, key)
    typer.echo(_line(view))
