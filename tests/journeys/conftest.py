"""Journeys run the installed `fgdm` as a coordinator would: a database of their own, staff added by the
council's administrator beforehand (as `fgdm staff add` does), then keys only."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.journeys.terminal import Terminal, installed_fgdm

STAFF = (
    ("a.okafor", "Adaeze Okafor", "coordinator", "a.okafor@example.org"),
    ("m.evans", "Megan Evans", "manager", "m.evans@example.org"),
    ("r.patel", "Ravi Patel", "referrer", "r.patel@example.org"),
)


def pytest_configure(config: pytest.Config) -> None:
    """`-m journey` runs the journeys alone (each drives the installed fgdm for a minute or more)."""
    config.addinivalue_line("markers", "journey: drives the installed fgdm in a real pseudo-terminal, by keys")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/journeys is a journey, so `-m journey` selects them and `-m "not journey"` skips."""
    for item in items:
        if "tests/journeys/" in item.nodeid:
            item.add_marker(pytest.mark.journey)


@pytest.fixture
def service(tmp_path: Path) -> dict[str, str]:
    """A new service's environment: its own data folder and config, with three members of staff on file."""
    env = {"FGDM_DATA_DIR": str(tmp_path / "data"), "FGDM_CONFIG": str(tmp_path / "config.toml"),
           "HOME": str(tmp_path / "home")}
    (tmp_path / "home").mkdir()
    for username, name, role, email in STAFF:
        subprocess.run([installed_fgdm(), "staff", "add", username, "--name", name, "--role", role,
                        "--email", email], env={**_base_env(), **env}, check=True, capture_output=True)
    return env


def _base_env() -> dict[str, str]:
    import os

    return {name: value for name, value in os.environ.items() if not name.startswith("FGDM_")}


@pytest.fixture
def workbench(service: dict[str, str], tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """Open the workbench as a member of staff at a given size; every terminal opened is closed after."""
    opened: list[Terminal] = []

    def open_workbench(user: str = "a.okafor", *, columns: int = 80, rows: int = 24) -> Terminal:
        terminal = Terminal([installed_fgdm(), "--user", user], columns=columns, rows=rows,
                            env={**_base_env(), **service}, cwd=tmp_path)
        opened.append(terminal)
        return terminal

    yield open_workbench
    for terminal in opened:
        terminal.close()
