"""`fgdm export` and `fgdm import`: the versioned JSON case file on the command line."""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer

from fgdm.cli.common import FORCE, check_output, service_context, state_of
from fgdm.config import demo_database_url
from fgdm.services import case_file, cases
from fgdm.services.shared.context import Workspace
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.reading import reading_of


def _demo_workspace_with(context: typer.Context, reference: str) -> Workspace | None:
    """The demo database, when it is not the one in use and the case asked for is there.

    The demo generator is imported only here, when a case was not found: `fgdm import` and every export of a
    case that is there never need it.
    """
    from fgdm import demo

    state = state_of(context)
    if state.demo or state.settings().database_url == demo_database_url():
        return None
    return demo.demo_workspace_with(reference, user=state.user or "")


def _export(workspace: Workspace, reference: str, output: Path | None) -> dict[str, Any] | Path:
    """The case file, or written to `output` and listed among the case's documents (whose service `fgdm import`
    never needs, so it is imported only here)."""
    from fgdm.services import case_documents

    with workspace.context() as ctx:
        case_id = cases.find_case(ctx, reference).id
        if output is not None:
            return case_documents.write_case_file(ctx, case_id, output)  # type: ignore[arg-type]
        return case_file.export_case(ctx, case_id)  # type: ignore[arg-type]


def export_command(
    context: typer.Context,
    reference: str = typer.Option(..., "--case", help="The case's reference, for example FG-2026-0001."),
    output: Path = typer.Option(None, "-o", "--output", help="Write the case file here instead of to stdout."),
    force: bool = FORCE,
) -> None:
    """Export one whole case as a JSON case file (see docs/case-file.md).

    Reading never mixes records: a case found only in the demo database (when no database was chosen) is
    exported from there, and stderr says so.
    """
    check_output(context, output)
    workspace = Workspace(state_of(context).settings())
    try:
        document = _export(workspace, reference, output)
    except NotFound:
        demo = _demo_workspace_with(context, reference)
        if demo is None:
            raise
        if state_of(context).db or os.environ.get("FGDM_DATABASE_URL"):
            demo.dispose()
            raise NotFound(f"case {reference} is in the demo database, not this one; use "
                           f"`fgdm --demo export --case {reference}`") from None
        try:
            document = _export(demo, reference, output)
        finally:
            demo.dispose()
        typer.echo(f"Case {reference} is not in your records: exported it from the demo database "
                   f"(`fgdm --demo export --case {reference}` says so explicitly).", err=True)
    finally:
        workspace.dispose()
    if isinstance(document, Path):
        typer.echo(f"Exported case {reference} to {document}", err=True)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write((json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    sys.stdout.buffer.flush()


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


class _ProgressBar:
    """One progress bar on stderr per stage of the import: checking the files, then writing them."""

    LABELS = {"checking": "Checking ", "writing": "Importing"}

    def __init__(self) -> None:
        self.bar: Any = None
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = typer.progressbar(length=total, label=self.LABELS.get(stage, stage), file=sys.stderr,
                                         show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _fail(problems: dict[str, str]) -> NoReturn:
    typer.echo(f"fgdm: nothing was imported; fix {'this problem' if len(problems) == 1 else 'these problems'}:",
               err=True)
    for path, message in problems.items():
        typer.echo(f"  {path}: {message}", err=True)
    raise typer.Exit(1)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the files are read and imported, and as it was again after.

    Every file's parsed content (millions of objects) stays in memory for the whole import, and each of the
    collector's passes over the oldest objects walked it all again: a twelfth of a 1,000-file import, to find
    next to nothing (without it the import's peak memory is 3 MB more, of 215).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _imported(context: typer.Context, files: list[Path], as_records: bool) -> case_file.ImportResult:
    """Every file read and imported, all or nothing; any problem ends the command with the list of them."""
    readings = [reading_of(path) for path in files]
    unreadable = {str(path): reading.problem for path, reading in zip(files, readings, strict=True)
                  if reading.problem is not None}
    if unreadable:
        _fail(unreadable)
    progress = _ProgressBar()
    try:
        with service_context(context) as ctx:
            return case_file.import_case_files(ctx, [reading.document for reading in readings],
                                               names=[str(path) for path in files], progress=progress,
                                               as_records=as_records, plain=[reading.plain for reading in readings])
    except ValidationFailed as error:
        _fail(error.errors)
    finally:
        progress.close()


def import_command(
    context: typer.Context,
    files: list[Path] = typer.Argument(..., help="Case files made by `fgdm export` (one or more)."),
    as_records: bool = typer.Option(False, "--as-records", help="Take the decisions in the files (approvals, "
                                    "payments, agreed plans, offer answers) as records (administrators only)."),
) -> None:
    """Import case files, all or nothing: any problem in any file is listed and nothing is written.

    Decisions in a file arrive undecided (support as requests, the latest plan as a draft, offers awaiting an
    answer) unless an administrator imports them --as-records."""
    with _collector_paused():
        result = _imported(context, files, as_records)
    for imported in result.cases:
        typer.echo(f"Imported {imported.reference} ({imported.family_name}): "
                   f"{_count(imported.children, 'child', 'children')}, "
                   f"{_count(imported.network_members, 'network member')}, {_count(imported.meetings, 'meeting')}, "
                   f"{_count(imported.plans, 'plan version')}", err=True)
    typer.echo(f"{_count(len(result.cases), 'case')} imported; {_count(result.people_added, 'person', 'people')} "
               f"added and {result.people_already_known} already known; {_count(result.staff_added, 'member')} "
               f"of staff and {_count(result.venues_added, 'venue')} added", err=True)
    if result.undecided:
        typer.echo("Decisions in the files were not taken as records (an administrator can, with --as-records): "
                   + "; ".join(f"{what} ({count})" for what, count in result.undecided.items()), err=True)
