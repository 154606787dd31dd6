"""Whole-process measures: what a person feels, from pressing Enter after `fgdm ...` to reading the answer.

Each runs the installed `fgdm` command as a new process, so the interpreter starting, every import, opening the
records and the work itself are all counted, against a floor process run in turn with it: `python -c pass` for
the command line, a bare Textual app showing a 50-row table (`bench/bare_app.py`) for the workbench.
"""

from __future__ import annotations

import compileall
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from bare_app import FIRST_ROW
from measures import Bench, Result, settings_for
from measures_documents import offer_recipient
from sqlalchemy import text
from terminal import seconds_until_shown

import fgdm
from fgdm.domain.periods import last_complete_quarter
from fgdm.services import case_file

BARE_APP = Path(__file__).with_name("bare_app.py")
EMPTY = (sys.executable, "-c", "pass")
HOME_SHOWN = "needing action"
"""Home's greeting ends with this only once it shows all the service's data ("Loading…" before, and "reading
what needs action…" while it shows its first look)."""
FIRST_LOOK_SHOWN = "open cases ("
"""Home's greeting says how many open cases are whose (and so my cases by stage are drawn) from its first look."""


@cache
def fgdm_command() -> list[str]:
    """The `fgdm` a coordinator types: the console script beside this interpreter, as installed.

    Installed means with fgdm's modules compiled to bytecode, as pip compiles a package when it installs it (and
    Python caches on first import). A checkout run with PYTHONDONTWRITEBYTECODE set, as the shared machine's
    sessions are, has none: every process measured compiled some hundred of fgdm's modules from source, 100 to
    200 ms a command that no installed fgdm spends. Compiled here once per run, into the checkout's (ignored)
    `__pycache__` folders; a module changed since is compiled again.
    """
    compileall.compile_dir(Path(fgdm.__file__).parent, quiet=1)
    script = Path(sys.executable).with_name("fgdm")
    return [str(script)] if script.exists() else [sys.executable, "-m", "fgdm"]


def _on_records(bench: Bench) -> list[str]:
    """`fgdm` on the bench's records, as the user the bench acts as."""
    user = settings_for(bench.url).user
    return [*fgdm_command(), "--db", bench.url, *(["--user", user] if user else [])]


def _run(command: Sequence[str]) -> None:
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")


def _timed(command: Sequence[str]) -> float:
    started = time.perf_counter()
    _run(command)
    return time.perf_counter() - started


def _process_pair(bench: Bench, name: str, command: Sequence[str], floor: Sequence[str], target: str, *,
                  max_ratio: float | None = None, max_ms: float | None = None, note: str = "") -> Result:
    runs = bench.pair_runs(lambda: _run(command), lambda: _run(floor))
    return bench.result_of(name, runs, target, max_ratio=max_ratio, max_ms=max_ms, note=note)


def version(bench: Bench) -> Result:
    """`fgdm --version` against starting Python and doing nothing."""
    return _process_pair(bench, "fgdm --version, whole process", [*fgdm_command(), "--version"], EMPTY,
                         "<= 6x and <= 300 ms", max_ratio=6.0, max_ms=300.0)


def help_text(bench: Bench) -> Result:
    """`fgdm --help` (every command listed with its summary) against starting Python and doing nothing."""
    return _process_pair(bench, "fgdm --help, whole process", [*fgdm_command(), "--help"], EMPTY,
                         "<= 6x and <= 300 ms", max_ratio=6.0, max_ms=300.0)


def _workbench_until(bench: Bench, shown: str, name: str, note: str) -> Result:
    """`fgdm` typed in a terminal until its screen shows ``shown``, against a bare Textual app process until its
    50-row table shows; both in a real pseudo-terminal of 120 x 40."""
    command = _on_records(bench)
    runs = bench.pair_runs(lambda: seconds_until_shown(command, shown) * 1000,
                           lambda: seconds_until_shown([sys.executable, str(BARE_APP)], FIRST_ROW) * 1000,
                           timed_by_action=True)
    return bench.result_of(name, runs, "<= 1.5x", max_ratio=1.5, note=note)


def workbench_first_look(bench: Bench) -> Result:
    """`fgdm` until home's first look shows my cases by stage (read before the records are opened)."""
    return _workbench_until(bench, FIRST_LOOK_SHOWN, "fgdm to home's first look, whole process",
                            "in a pseudo-terminal, exec to my cases by stage on screen")


def workbench_start(bench: Bench) -> Result:
    """`fgdm` until home shows all its data: what needs action and the meetings as well."""
    return _workbench_until(bench, HOME_SHOWN, "fgdm to home with data, whole process",
                            "in a pseudo-terminal, exec to data on screen")


def _case_with_offer(bench: Bench) -> tuple[str, int]:
    """The first case (by id) with an offer letter to write, and the parent it goes to, found through the CLI's
    own service so the command measured never fails on the case chosen."""
    ctx = bench.context()
    case_id, person_id = offer_recipient(bench, ctx)
    with bench.workspace.engine.connect() as connection:
        reference = connection.execute(text("SELECT reference FROM fgdm_case WHERE id = :id"),
                                       {"id": case_id}).scalar_one()
    return reference, person_id


def cli_commands(bench: Bench) -> list[Result]:
    """Four commands a coordinator or a script runs on the large service, each a whole process."""
    reference, person_id = _case_with_offer(bench)
    records = _on_records(bench)
    quarter = last_complete_quarter(bench.context().today())
    letter = bench.scratch / "offer-cli.docx"
    commands = {
        "fgdm cases --format json": [*records, "cases", "--format", "json"],
        "fgdm duty --case": [*records, "duty", "--case", reference],
        "fgdm letter offer": [*records, "letter", "offer", "--case", reference, "--to", str(person_id),
                              "-o", str(letter), "--force"],
        "fgdm report quarterly": [*records, "report", "quarterly"],
    }
    notes = {"fgdm duty --case": reference, "fgdm letter offer": f"{reference}, person {person_id}",
             "fgdm report quarterly": f"{quarter.start} to {quarter.end}"}
    return [_process_pair(bench, f"{name}, whole process", command, EMPTY, "<= 1 s", max_ms=1000.0,
                          note=notes.get(name, ""))
            for name, command in commands.items()]


IMPORTED = 1_000


def import_process(bench: Bench) -> Result:
    """`fgdm import` of 1,000 case files exported from the large service, each run into a new empty database of
    the bench's back end: the rate a person sees, start to finish."""
    ctx = bench.context()
    folder = bench.scratch / "case-files"
    folder.mkdir(exist_ok=True)
    with bench.workspace.engine.connect() as connection:
        ids = connection.execute(text("SELECT id FROM fgdm_case ORDER BY id LIMIT :n"), {"n": IMPORTED}).scalars()
        files = []
        for case_id in ids:
            path = folder / f"{case_id}.json"
            path.write_text(json.dumps(case_file.export_case(ctx, case_id)), encoding="utf-8")
            files.append(str(path))
    timings = []
    for run in range(max(3, bench.repeat // 2)):
        with bench.empty_database(f"import_{run}") as url:
            timings.append(_timed([*fgdm_command(), "--db", url, "import", *files]) * 1000)
    ms = sorted(timings)[len(timings) // 2]
    rate = len(files) / (ms / 1000)
    where = "SQLite" if bench.workspace.is_sqlite else "PostgreSQL"
    return Result(f"fgdm import {len(files):,} case files, whole process", ms, None, ">= 300 cases/s",
                  min_rate=300.0, rate=rate, spread=f"{min(timings):.0f}–{max(timings):.0f}",
                  note=f"{rate:,.0f} cases/s into an empty {where} database")


__all__ = ["cli_commands", "help_text", "import_process", "version", "workbench_first_look", "workbench_start"]
