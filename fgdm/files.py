"""The one writer of every file fgdm makes (letter, plan, map, report, calendar, case file, backup).

Each file is written owner-only (0600) into a temporary file beside the target and renamed over it, so a
killed process never leaves a half-written file and an existing file is never truncated in place. The live
database (and its -wal, -shm and -journal files) is never a target; a symbolic link is replaced, never
followed; and when a command asks for it (`-o` without `--force`) an existing file is refused.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Protocol

from fgdm.store.engine import live_database_files

_may_replace: ContextVar[bool] = ContextVar("may_replace", default=True)


class OutputRefused(Exception):
    """The target of a write is the live database, or an existing file the user did not ask to replace."""


class Saveable(Protocol):
    def save(self, path: str) -> object: ...


@contextmanager
def replacing(allowed: bool) -> Iterator[None]:
    """Within the block, refuse (False) or allow (True) replacing files that already exist."""
    token = _may_replace.set(allowed)
    try:
        yield
    finally:
        _may_replace.reset(token)


def allow_replacing() -> None:
    """From here on in this run, replace existing files (the command line's --force)."""
    _may_replace.set(True)


def check_target(path: Path, *, databases: Iterable[Path] = ()) -> None:
    """Refuse the live database (and `databases`, about to be opened), and an existing file or link unless
    replacing is allowed."""
    absolute = Path(os.path.abspath(path))
    live = live_database_files() | {Path(os.path.abspath(db)).with_name(Path(db).name + tail)
                                    for db in databases for tail in ("", "-wal", "-shm", "-journal")}
    if absolute in live or (absolute.exists() and absolute.resolve() in live):
        raise OutputRefused(f"{path} is the database fgdm is using (or one of its -wal/-shm files): "
                            "write the output to another file")
    if absolute.is_dir() and not absolute.is_symlink():
        raise OutputRefused(f"{path} is a folder: give a file name inside it")
    if (absolute.exists() or absolute.is_symlink()) and not _may_replace.get():
        raise OutputRefused(f"{path} already exists: choose a new file name, or add --force to replace it")


def private_folder(path: Path) -> Path:
    """Make `path` and any missing folders above it owner-only (0700), whatever the umask; a folder that
    already exists is left as its owner set it."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    return path


def output_folder(path: Path) -> Path:
    """A folder named for a command's output (a batch of letters, a subject access answer), made owner-only; a
    file of that name (the live database among them) is refused, never written into."""
    absolute = Path(os.path.abspath(path))
    if absolute in live_database_files():
        raise OutputRefused(f"{path} is the database fgdm is using (or one of its -wal/-shm files): give a folder "
                            "for the output")
    if absolute.exists() and not absolute.is_dir():
        raise OutputRefused(f"{path} is a file: give a folder for the output")
    return private_folder(absolute)


def write_private(path: Path, fill: Callable[[Path], object], *, suffix: str = "") -> Path:
    """Have `fill` write a temporary file beside `path`, then rename it over `path` (never truncating it)."""
    check_target(path)
    private_folder(path.parent)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix or ".fgdm-tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        os.chmod(temporary, 0o600)
        fill(temporary)
        os.chmod(temporary, 0o600)
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def save_private(document: Saveable, path: Path) -> Path:
    """Save a python-docx document so that no other user on the machine can read it."""
    return write_private(path, lambda temporary: document.save(str(temporary)), suffix=path.suffix)


def write_private_text(path: Path, content: str) -> Path:
    return write_private(path, lambda temporary: temporary.write_text(content, encoding="utf-8"))


def write_private_bytes(path: Path, content: bytes) -> Path:
    return write_private(path, lambda temporary: temporary.write_bytes(content))
