"""The root command: its options, and each sub-command by name (`fgdm.cli.lazy`).

Each sub-command is imported only when it is run: `fgdm --version` and `fgdm --help` import typer and nothing
of the services, the database layer or the document libraries.
"""

from __future__ import annotations

import typer

from fgdm import __version__
from fgdm.cli import errors
from fgdm.cli.lazy import LazyCommand, LazyGroup
from fgdm.cli.state import CliState
from fgdm.tui.startup import start_up_over


class FgdmGroup(LazyGroup):
    """fgdm's commands, in the order `fgdm --help` lists them, each with the module that implements it."""

    LAZY = {
        "duty": LazyCommand("fgdm.cli.offers", "duty_command",
                            "Each child's s.31ZA status (met, pending, excepted or breached) and why."),
        "cases": LazyCommand("fgdm.cli.cases", "list_cases",
                             "List cases: reference, children, stage and coordinator."),
        "demo": LazyCommand("fgdm.cli.demo", "demo_command",
                            "Fill a database with a fictional FGDM service: the separate demo database unless --db "
                            "names another."),
        "export": LazyCommand("fgdm.cli.case_file", "export_command",
                              "Export one whole case as a JSON case file (see docs/case-file.md)."),
        "import": LazyCommand("fgdm.cli.case_file", "import_command",
                              "Import case files, all or nothing: any problem in any file is listed and nothing is "
                              "written."),
        "audit": LazyCommand("fgdm.cli.audit", "audit_command",
                             "Show who changed what in a case, and when (newest first)."),
        "backup": LazyCommand("fgdm.cli.backup", "backup_app",
                              "Back up the records (`fgdm backup -o FILE`), or check a backup (`verify FILE`)."),
        "sar": LazyCommand("fgdm.cli.records", "sar_app",
                           "Subject access requests: draft the answer, review it where needed, then release it."),
        "restore": LazyCommand("fgdm.cli.backup", "restore_command",
                               "Restore a backup into an empty database (the one --db or FGDM_DATABASE_URL names)."),
        "db": LazyCommand("fgdm.cli.db", "app", "Look after the records database."),
        "meeting": LazyCommand("fgdm.cli.meetings", "meeting_app",
                               "Meetings: schedule, move, hold, cancel, invitations (.ics), reminders."),
        "diary": LazyCommand("fgdm.cli.meetings", "diary_app", "A coordinator's diary as one calendar file."),
        "offer": LazyCommand("fgdm.cli.offers", "app",
                             "Offers of an FGDM meeting under s.31ZA: record them, their answers and exceptions."),
        "letter": LazyCommand("fgdm.cli.letters", "app",
                              "Letters to the family from the council's templates, in the recipient's language."),
        "plan": LazyCommand("fgdm.cli.plans", "app",
                            "The family plan: versions, actions, the referrer's decision, printing."),
        "child": LazyCommand("fgdm.cli.children", "app",
                             "The children a case is about: add a sibling or an unborn baby, edit, remove."),
        "network": LazyCommand("fgdm.cli.network", "app",
                               "The family network: members, contact pipeline, genogram, ecomap and the printed map."),
        "note": LazyCommand("fgdm.cli.notes", "app",
                            "The case's notes and contact log: who, how, what was agreed, when to follow up."),
        "documents": LazyCommand("fgdm.cli.documents", "app",
                                 "The documents written for a case (letters, plans, maps, invitations, exports); "
                                 "reprint any."),
        "week": LazyCommand("fgdm.cli.week", "week_command",
                            "This week's meetings, visits, follow-ups due and tasks in your cases."),
        "support": LazyCommand("fgdm.cli.support", "app",
                               "Family network support packages: items, approval, payment and the budget."),
        "report": LazyCommand("fgdm.cli.reports", "app",
                              "The quarterly return and service reports, with the records behind each number."),
        "staff": LazyCommand("fgdm.cli.staff", "app",
                             "Staff who use fgdm, their roles, and sharing a case with a colleague."),
        "settings": LazyCommand("fgdm.cli.settings", "app",
                                "The council's settings: thresholds, budgets, retention, support categories, letters."),
        "retention": LazyCommand("fgdm.cli.records", "retention_app",
                                 "The retention schedule: review what is due, erase after confirmation."),
    }


app = typer.Typer(
    cls=FgdmGroup,
    help="fgdm: the family group decision making coordinator's workbench. Run with no command to open it.",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fgdm {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    context: typer.Context,
    db: str = typer.Option(None, "--db", help="Database URL or SQLite file path (default: FGDM_DATABASE_URL, "
                                             "then the file in your data folder)."),
    demo: bool = typer.Option(False, "--demo", help="Use the separate demo database that `fgdm demo` fills."),
    user: str = typer.Option(None, "--user", help="Your staff username (default: FGDM_USER or the config)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="On an error, print the traceback under the one-line message."),
) -> None:
    """Open the workbench, or run one of the commands below."""
    if debug:
        errors.show_tracebacks()
    errors.note_database(db)
    if context.invoked_subcommand is not None:
        from fgdm.cli.common import refuse_replacing

        refuse_replacing(context)
    context.obj = CliState(db=db, demo=demo, user=user)
    if context.invoked_subcommand is not None:
        start_up_over()  # the sub-command is imported: what remains is its work
    else:
        from fgdm.cli.workbench import open_tui

        open_tui(context.obj)
