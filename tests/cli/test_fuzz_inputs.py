"""Fuzzing the command line: whatever anyone types or hands it, one clear line and no change from a refusal.

Two property tests, derandomised so CI draws the same examples every run: one fills the commands' arguments
with hostile values (huge and negative ids, impossible dates, the live database, folders, damaged backups,
files nested a thousand deep), the other imports case files with one value replaced by a hostile one. Each
input runs through the same error boundary as the installed `fgdm`. No input may print a traceback or an
"unexpected error", and an input that is refused (non-zero exit) must leave the database exactly as it was.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fgdm import demo
from fgdm.services import case_file, cases
from fgdm.services.shared.context import Workspace
from tests.cli.boundary import Ran, run_fgdm

ARGUMENT_EXAMPLES = 1100
CASE_FILE_EXAMPLES = 1000
FUZZ = settings(max_examples=ARGUMENT_EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


class Store:
    """The fuzzed database and every row it held after the last input."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"
        self.rows = self._dump()

    def _dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, read raw (quicker than through the models, and just as telling)."""
        with sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True) as db:
            names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                  "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            rows = {name: db.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall() for name in names}
        db.close()
        return rows

    def check(self, args: tuple[str, ...], ran: Ran) -> None:
        """No traceback, a known exit status, one line for a failure, and no change from a refused input."""
        shown = f"fgdm {' '.join(args)!r} -> {ran.code}: {ran.stderr[-600:]}"
        assert "Traceback" not in ran.stderr + ran.stdout, shown
        assert "unexpected error" not in ran.stderr, shown
        assert ran.code in (0, 1, 2), shown
        if ran.code != 0:
            assert ran.stderr.strip(), f"refused without saying why: {shown}"
        rows = self._dump()
        if ran.code != 0:
            changed = sorted(name for name in rows if rows[name] != self.rows.get(name))
            assert rows == self.rows, f"a refused input changed {changed}: {shown}"
        self.rows = rows


def _settings(url: str) -> Any:
    from fgdm.config import Settings

    return Settings(database_url=url)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[tuple[Store, Path, dict]]:
    """A small service to fuzz, a folder of hostile files, and one case exported as a case file."""
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "fuzzed.sqlite3"
    path.write_bytes(sqlite_template.read_bytes())
    workspace = Workspace(_settings(f"sqlite:///{path}"))
    with workspace.context() as ctx:
        demo.generate_service(ctx, seed=3, cases=4)
        first = cases.list_cases(ctx).rows[0].reference
        exported = case_file.export_case(ctx, cases.find_case(ctx, first).id)
    workspace.dispose()
    _hostile_files(folder, exported)
    store = Store(path)
    yield store, folder, exported


def _hostile_files(folder: Path, exported: dict[str, Any]) -> None:
    (folder / "deep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    (folder / "truncated.json").write_text('{"format": "fgdm-backup", "version": 2, "tables": {', encoding="utf-8")
    (folder / "no-cases.json").write_text('{"format": "fgdm-backup", "version": 1}', encoding="utf-8")
    (folder / "latin1.json").write_bytes("{\"name\": \"Zoë\"}".encode("latin-1"))
    (folder / "case.json").write_text(json.dumps(exported), encoding="utf-8")
    (folder / "existing.txt").write_text("keep me", encoding="utf-8")
    (folder / "a-folder").mkdir()
    (folder / "stranger.sqlite3").write_bytes(b"SQLite format 3\x00" + bytes(4096))


IDS = st.one_of(st.integers(min_value=-(2**70), max_value=2**70).map(str),
                st.sampled_from(["1", "0", "-1", "2", "9223372036854775807", "9223372036854775808",
                                 "1180591620717411303424", "1e9", "0x10", "", " ", "NaN"]))
WORDS = st.one_of(st.text(max_size=12), st.sampled_from(["FG-2026-0001", "FG-2026-0002", "fg-2026-0001", "",
                                                          "9999-12-31", "0001-01-01", "2026-02-30", "2026-Q9",
                                                          "{{ 7*7 }}", "nul\x00byte", "x" * 300]))
FILES = ["deep.json", "truncated.json", "no-cases.json", "latin1.json", "case.json", "existing.txt", "a-folder",
         "stranger.sqlite3", "missing.json", "fuzzed.sqlite3", "fuzzed.sqlite3-wal", "fuzzed.sqlite3-shm", "new.out"]
DATABASES = ["a-folder", "deep.json", "stranger.sqlite3", "mysql://someone@example/fgdm",
             "postgresql://nobody:secret@127.0.0.1:1/fgdm", "sqlite:////proc/fgdm-cannot-be-here/x.sqlite3"]

COMMANDS: list[tuple[str, ...]] = [
    ("cases", "--format", "W"), ("cases", "--stage", "W"), ("audit", "--case", "W", "--limit", "I"),
    ("export", "--case", "W", "-o", "F"), ("import", "F"), ("import", "F", "F"), ("sar", "draft", "--person", "I"),
    ("sar", "release", "I", "-o", "F"), ("sar", "review", "I", "--reviewed-by", "W", "--on", "W", "--note", "W"),
    ("backup", "-o", "F"), ("backup", "-o", "F", "--force"), ("backup", "verify", "F"), ("restore", "F"),
    ("meeting", "ics", "I", "-o", "F"), ("meeting", "ics", "I", "--for", "I"), ("meeting", "held", "I"),
    ("meeting", "cancel", "I", "--reason", "W"), ("network", "list", "--case", "W"),
    ("network", "remove", "--case", "W", "--member", "I"), ("plan", "show", "--case", "W", "--version", "I"),
    ("plan", "done", "--case", "W", "--action", "I"), ("plan", "move", "--case", "W", "--action", "I", "--by", "I"),
    ("support", "list", "--case", "W"), ("support", "approve", "--case", "W", "--item", "I"),
    ("offer", "list", "--case", "W"), ("offer", "withdraw", "--case", "W", "--offer", "I", "--on", "W"),
    ("staff", "add", "W", "--name", "W"), ("staff", "leave", "W", "--on", "W"),
    ("staff", "share", "--case", "W", "--with", "W"), ("retention", "erase", "--case", "W", "--yes"),
    ("report", "quarterly", "--quarter", "W"), ("report", "quarterly", "--from", "W", "--to", "W"),
    ("report", "explain", "W", "--quarter", "W"), ("report", "outcome", "I", "--months", "I"),
    ("letter", "offer", "--case", "W", "--to", "I", "-o", "F"), ("duty", "--case", "W"),
    ("db", "check"), ("db", "upgrade"),
]


@st.composite
def command_lines(draw: st.DrawFn, folder: Path) -> tuple[str, ...]:
    template = draw(st.sampled_from(COMMANDS))
    values = {"W": WORDS, "I": IDS, "F": st.sampled_from(FILES).map(lambda name: str(folder / name))}
    args = [draw(values[part]) if part in values else part for part in template]
    if draw(st.integers(min_value=0, max_value=19)) == 0:
        database = draw(st.sampled_from(DATABASES))
        return ("--db", database if "://" in database else str(folder / database), *args)
    return tuple(args)


@FUZZ
@given(data=st.data())
def test_no_command_line_prints_a_traceback_or_changes_anything_it_refuses(fuzzed, data):
    store, folder, _ = fuzzed
    args = data.draw(command_lines(folder))
    if args[0] != "--db":
        args = ("--db", store.url, *args)
    ran = run_fgdm(*args)
    store.check(args, ran)


HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=False),
    st.text(max_size=20), st.sampled_from(["", "0001-01-01", "9999-12-31", "2026-02-30", "0001-01-01T00:00:00+00:00",
                                           "-1.00", "1e400", "nul\x00byte", "x" * 3000, "{{ 7*7 }}"]),
    st.lists(st.integers(min_value=-5, max_value=5), max_size=3), st.builds(lambda: [[[[[[[[[[]]]]]]]]]]),
    st.dictionaries(st.sampled_from(["id", "uid", "person_id", "x"]), st.integers(min_value=-1, max_value=3),
                    max_size=2))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document


@settings(FUZZ, max_examples=CASE_FILE_EXAMPLES)
@given(data=st.data())
def test_no_case_file_prints_a_traceback_or_changes_anything_it_refuses(fuzzed, data, tmp_path_factory):
    store, folder, exported = fuzzed
    document = copy.deepcopy(exported)
    document["case"]["reference"] = "FUZZ-" + data.draw(st.uuids()).hex[:12]
    paths = list(_paths(document))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(paths))
        document = _replace(document, path, data.draw(HOSTILE))
        paths = list(_paths(document))
    target = folder / "fuzzed-case.json"
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    args = ("--db", store.url, "import", str(target))
    store.check(args, run_fgdm(*args))
