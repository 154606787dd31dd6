"""The installed `fgdm` in a real pseudo-terminal, driven by keys and read as a person reads the screen.

pexpect gives the program a terminal of its own, so Textual runs its real driver; pyte plays the terminal
emulator and turns what the program writes into the rows a coordinator would see. A journey presses keys,
waits for a text to show and asserts on the screen: nothing reaches into the program from the side.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pexpect
import pyte

KEYS = {
    "enter": "\r", "tab": "\t", "shift+tab": "\x1b[Z", "escape": "\x1b", "space": " ",
    "up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D",
    "home": "\x1b[H", "end": "\x1b[F", "pageup": "\x1b[5~", "pagedown": "\x1b[6~",
    "backspace": "\x7f", "delete": "\x1b[3~",
    "ctrl+s": "\x13", "ctrl+q": "\x11", "ctrl+p": "\x10", "ctrl+u": "\x15", "ctrl+a": "\x01", "ctrl+e": "\x05",
    "f1": "\x1bOP", "f2": "\x1bOQ", "f8": "\x1b[19~", "f9": "\x1b[20~", "ctrl+k": "\x0b", "f10": "\x1b[21~",
}
"""What a terminal sends for each key a journey names (xterm's sequences)."""


class NotShown(AssertionError):
    """The screen never showed what the journey waited for: the message carries the screen as it was."""


def installed_fgdm() -> str:
    """The `fgdm` a coordinator would run: the one installed beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).with_name("fgdm")
    found = str(beside) if beside.exists() else shutil.which("fgdm")
    if found is None:
        raise RuntimeError("fgdm is not installed: run pip install -e . first")
    return found


class Terminal:
    """One program on a screen of `columns` x `rows`; every method acts or reads as a person at the keyboard."""

    def __init__(self, command: Sequence[str], *, columns: int = 80, rows: int = 24,
                 env: Mapping[str, str] | None = None, cwd: str | Path | None = None) -> None:
        self.columns, self.rows = columns, rows
        self._screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self._screen)
        environment = {**os.environ, **(env or {}), "TERM": "xterm-256color", "COLUMNS": str(columns),
                       "LINES": str(rows)}
        self._child = pexpect.spawn(command[0], list(command[1:]), env=environment, cwd=str(cwd) if cwd else None,
                                    dimensions=(rows, columns), timeout=30)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def text(self) -> str:
        """The screen as rows of text, the way capture-pane shows it."""
        return "\n".join(line.rstrip() for line in self._screen.display)

    def _drain(self, timeout: float) -> None:
        """Read what is there; nothing yet, or the program having ended, is left for the next wait to say."""
        with contextlib.suppress(pexpect.TIMEOUT, pexpect.EOF, OSError):
            self._stream.feed(self._child.read_nonblocking(65_536, timeout=timeout))

    def settle(self, quiet: float = 0.3, limit: float = 10.0) -> None:
        """Read until the program has written nothing for `quiet` seconds: the screen a person would now see."""
        ended = time.monotonic() + limit
        while time.monotonic() < ended:
            try:
                self._stream.feed(self._child.read_nonblocking(65_536, timeout=quiet))
            except (pexpect.TIMEOUT, pexpect.EOF, OSError):
                return

    def wait_for(self, shown: str | re.Pattern[str], timeout: float = 30.0) -> str:
        """Wait until the screen shows `shown` (text, or a pattern) and return the screen then."""
        ended = time.monotonic() + timeout
        while True:
            screen = self.text
            if (shown.search(screen) if isinstance(shown, re.Pattern) else shown in screen):
                return screen
            if time.monotonic() > ended:
                raise NotShown(f"the screen never showed {shown!r} in {timeout:.0f} s; it showed:\n{screen}")
            try:
                self._stream.feed(self._child.read_nonblocking(65_536, timeout=0.1))
            except pexpect.TIMEOUT:
                continue
            except (pexpect.EOF, OSError) as ended_early:  # the program ended: its terminal closed
                raise NotShown(f"fgdm ended before showing {shown!r}; its last screen:\n{self.text}") from ended_early

    def wait_gone(self, text: str, timeout: float = 30.0) -> str:
        """Wait until `text` has left the screen (a form closed, a message went)."""
        ended = time.monotonic() + timeout
        while text in self.text:
            if time.monotonic() > ended:
                raise NotShown(f"{text!r} stayed on the screen for {timeout:.0f} s:\n{self.text}")
            self._drain(0.1)
        return self.text

    def press(self, *keys: str, pause: float = 0.05) -> None:
        """Press named keys (enter, tab, ctrl+s, down …) or single characters, one after another."""
        for key in keys:
            self._child.send(KEYS.get(key, key))
            self._drain(pause)

    def type(self, text: str) -> None:
        """Type text as characters, the way a person fills a field."""
        self._child.send(text)
        self._drain(0.05)

    def close(self) -> None:
        """Quit as a person would (ctrl+q, answering a question if one is asked), then make sure it ended."""
        if self._child.isalive():
            self._child.send(KEYS["ctrl+q"])
            try:
                self._child.expect(pexpect.EOF, timeout=5)
            except pexpect.TIMEOUT:
                self._child.terminate(force=True)
        self._child.close()
