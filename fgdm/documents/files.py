"""Every generated file (letter, plan, map, report, calendar) is created readable by its owner only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol


class Saveable(Protocol):
    def save(self, path: str) -> object: ...


def private_path(path: Path) -> Path:
    """Create (or truncate) the file with mode 0600 before anything is written into it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    return path


def save_private(document: Saveable, path: Path) -> Path:
    """Save a python-docx or docxtpl document so that no other user on the machine can read it."""
    document.save(str(private_path(path)))
    return path


def write_private_text(path: Path, content: str) -> Path:
    private_path(path).write_text(content, encoding="utf-8")
    return path


def write_private_bytes(path: Path, content: bytes) -> Path:
    private_path(path).write_bytes(content)
    return path
