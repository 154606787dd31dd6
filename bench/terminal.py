"""A program started in a real pseudo-terminal and timed until the screen a person reads shows a given text.

pexpect gives the program a terminal of its own (so Textual runs as it does for a coordinator: its real driver,
its real output); pyte plays the part of the terminal emulator, turning what the program writes into the screen
a person would read. The clock runs from just before the program is started until that screen first shows
`shown`: the interpreter starting, every import, the first read and the first frame are all in it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence

import pexpect
import pyte

ROWS, COLUMNS = 40, 120
QUIT = "\x11"
"""ctrl+q, which closes fgdm and the bare Textual app alike once the figure is taken."""


class NeverShown(RuntimeError):
    """The program ended, or ran out of time, before its screen showed what was waited for."""


def seconds_until_shown(command: Sequence[str], shown: str, *, env: Mapping[str, str] | None = None,
                        timeout: float = 60.0) -> float:
    """Seconds from starting `command` in a terminal of ROWS x COLUMNS until its screen shows `shown`."""
    screen = pyte.Screen(COLUMNS, ROWS)
    stream = pyte.ByteStream(screen)
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS),
                   **(env or {})}
    started = time.perf_counter()
    child = pexpect.spawn(command[0], list(command[1:]), env=environment, dimensions=(ROWS, COLUMNS),
                          timeout=timeout)
    try:
        while True:
            try:
                stream.feed(child.read_nonblocking(65_536, timeout=timeout))
            except (pexpect.EOF, pexpect.TIMEOUT) as ended:
                raise NeverShown(f"{' '.join(command)} never showed {shown!r}; its screen:\n"
                                 + "\n".join(screen.display)) from ended
            if any(shown in line for line in screen.display):
                return time.perf_counter() - started
    finally:
        _close(child)


def _close(child: pexpect.spawn) -> None:
    """Quit as a person would, then make sure: a program left running would slow every later figure."""
    if child.isalive():
        child.send(QUIT)
        try:
            child.expect(pexpect.EOF, timeout=10)
        except pexpect.TIMEOUT:
            child.terminate(force=True)
    child.close()
