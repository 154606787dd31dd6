"""The command line: thin commands that call services, print data to stdout and messages to stderr."""

from __future__ import annotations

import typer

from fgdm import __version__
from fgdm.cli import audit as audit_cli
from fgdm.cli import backup as backup_cli
from fgdm.cli import case_file as case_file_cli
from fgdm.cli import cases as cases_cli
from fgdm.cli import db as db_cli
from fgdm.cli import demo as demo_cli
from fgdm.cli import errors
from fgdm.cli import letters as letters_cli
from fgdm.cli import meetings as meetings_cli
from fgdm.cli import network as network_cli
from fgdm.cli import offers as offers_cli
from fgdm.cli import plans as plans_cli
from fgdm.cli import records as records_cli
from fgdm.cli import reports as reports_cli
from fgdm.cli import settings as settings_cli
from fgdm.cli import staff as staff_cli
from fgdm.cli import support as support_cli
from fgdm.cli.common import CliState, open_tui, refuse_replacing

app = typer.Typer(
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
    refuse_replacing(context)
    context.obj = CliState(db=db, demo=demo, user=user)
    if context.invoked_subcommand is None:
        open_tui(context.obj)


app.add_typer(db_cli.app, name="db")
meetings_cli.register(app)
offers_cli.register(app)
app.add_typer(letters_cli.app, name="letter")
app.add_typer(plans_cli.app, name="plan")
app.add_typer(network_cli.app, name="network")
app.add_typer(support_cli.app, name="support")
app.add_typer(reports_cli.app, name="report")
app.add_typer(staff_cli.app, name="staff")
app.add_typer(settings_cli.app, name="settings")
app.command("cases")(cases_cli.list_cases)
app.command("demo")(demo_cli.demo_command)
app.command("export")(case_file_cli.export_command)
app.command("import")(case_file_cli.import_command)
app.command("audit")(audit_cli.audit_command)
app.add_typer(backup_cli.backup_app, name="backup")
app.command("sar")(records_cli.sar_command)
app.add_typer(records_cli.retention_app, name="retention")
app.command("restore")(backup_cli.restore_command)


def main() -> None:
    """Run the CLI: every error becomes one line on stderr and a non-zero exit, never a traceback."""
    errors.run(app)
