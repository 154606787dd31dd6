"""Run the command line in this process exactly as `fgdm` runs it: through its error boundary, exit status and all."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from functools import cache

import click
import typer

from fgdm.cli import app, errors


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    stderr: str


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8", errors="replace")  # type: ignore[attr-defined]


@cache
def _command() -> click.Command:
    """The click command typer builds from the app, built once (typer builds it afresh on every call)."""
    return typer.main.get_command(app)


def run_fgdm(*args: str) -> Ran:
    """`fgdm ARGS` in-process: what it printed on each stream and the status it exited with."""
    out, err = _stream(), _stream()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            errors.run(lambda: _command().main(args=list(args), prog_name="fgdm"))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return Ran(code, _text(out), _text(err))
