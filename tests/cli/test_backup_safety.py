"""Backup and restore cannot hurt, run as a coordinator runs them: the installed program's one-line errors.

One test runs the installed program itself; the rest run it in-process through the same error boundary.
Each test is a defect a tester found: a backup written over the live database, an export over it, a backup
that followed a symbolic link or replaced a file without asking, and restores of a damaged file, a stranger's
SQLite file, a newer fgdm's backup or a tampered JSON backup that changed the target before failing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fgdm.services import records
from tests.cli.boundary import Ran, run_fgdm
from tests.factories import make_case


def fgdm(*args: str) -> Ran:
    return run_fgdm(*args)


def one_line(result: Ran) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def fingerprint(database: Path) -> dict[str, str]:
    """The bytes of the database file and its companions, as hashes (absent files as "absent")."""
    return {tail: hashlib.sha256(database.with_name(database.name + tail).read_bytes()).hexdigest()
            if database.with_name(database.name + tail).exists() else "absent" for tail in ("", "-wal", "-shm")}


@pytest.fixture
def live(sqlite_workspace, sqlite_url) -> Path:  # type: ignore[no-untyped-def]
    with sqlite_workspace.context() as ctx:
        make_case(ctx, family_name="Okonkwo")
    sqlite_workspace.dispose()
    return Path(sqlite_url.removeprefix("sqlite:///"))


@pytest.mark.parametrize("tail", ["", "-wal", "-shm"])
def test_backup_refuses_the_live_database_and_its_companions(live, tail):
    before = live.read_bytes()
    result = fgdm("--db", str(live), "backup", "-o", f"{live}{tail}", "--force")
    assert result.code == 1
    assert "is the database fgdm is using" in one_line(result)
    assert live.read_bytes()[:100] == before[:100] and live.stat().st_size >= len(before)
    _integrity(live)


def test_export_refuses_the_live_database(live):
    result = fgdm("--db", str(live), "export", "--case", "FG-2026-0001", "-o", str(live), "--force")
    assert result.code == 1 and "is the database fgdm is using" in one_line(result)
    _integrity(live)


def test_an_existing_file_is_replaced_only_with_force_and_never_truncated_in_place(live, tmp_path):
    existing = tmp_path / "precious.txt"
    existing.write_text("keep me", encoding="utf-8")
    refused = fgdm("--db", str(live), "backup", "-o", str(existing))
    assert refused.code == 1 and "already exists" in one_line(refused) and "--force" in one_line(refused)
    assert existing.read_text(encoding="utf-8") == "keep me"
    inode = existing.stat().st_ino
    assert fgdm("--db", str(live), "backup", "-o", str(existing), "--force").code == 0
    assert existing.stat().st_ino != inode, "the file was truncated in place, not replaced"
    assert records.verify_backup(existing).cases == 1


def test_a_symbolic_link_is_replaced_not_followed(live, tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours to overwrite", encoding="utf-8")
    link = tmp_path / "link.backup"
    link.symlink_to(elsewhere)
    assert fgdm("--db", str(live), "backup", "-o", str(link)).code == 1
    assert fgdm("--db", str(live), "backup", "-o", str(link), "--force").code == 0
    assert not link.is_symlink() and elsewhere.read_text(encoding="utf-8") == "not yours to overwrite"


def _integrity(path: Path) -> None:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def _backup(live: Path, tmp_path: Path) -> Path:
    made = tmp_path / "good.backup"
    assert fgdm("--db", str(live), "backup", "-o", str(made)).code == 0
    return made


def _zeroed(backup: Path) -> Path:
    damaged = backup.with_name("zeroed.backup")
    data = bytearray(backup.read_bytes())
    middle = (len(data) // 2) // 4096 * 4096
    data[middle:middle + 4096] = bytes(4096)
    damaged.write_bytes(bytes(data))
    return damaged


def _stranger(tmp_path: Path) -> Path:
    path = tmp_path / "stranger.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE shopping (item TEXT)")
    db.close()
    return path


def _newer(backup: Path) -> Path:
    newer = backup.with_name("newer.backup")
    newer.write_bytes(backup.read_bytes())
    with sqlite3.connect(newer) as db:
        db.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    db.close()
    return newer


def _json(tmp_path: Path, document: object, name: str) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


BAD_BACKUPS = {
    "zeroed": (lambda good, tmp: _zeroed(good), "damaged"),
    "stranger": (lambda good, tmp: _stranger(tmp), "not one fgdm made"),
    "newer": (lambda good, tmp: _newer(good), "newer or unknown version"),
    "truncated": (lambda good, tmp: _truncated(good, tmp), "not valid JSON"),
    "half a file": (lambda good, tmp: _half(good), "damaged"),
    "no cases": (lambda good, tmp: _json(tmp, {"format": "fgdm-backup", "version": 1}, "n.json"), "no list"),
    "tampered": (lambda good, tmp: _json(tmp, {"format": "fgdm-backup", "version": 2, "revision": _head(),
                                               "checksum": "0" * 64, "tables": {"staff": []}}, "x.json"),
                 "checksum does not match"),
    "unknown revision": (lambda good, tmp: _json(tmp, {"format": "fgdm-backup", "version": 2, "revision": "abc",
                                                       "checksum": "", "tables": {}}, "r.json"), "unknown version"),
    "deep": (lambda good, tmp: _deep(tmp), "nested more than"),
}


def _truncated(good: Path, tmp_path: Path) -> Path:
    path = tmp_path / "truncated.json"
    path.write_text('{"format": "fgdm-backup", "version": 2, "tables": {"staff": [', encoding="utf-8")
    return path


def _half(good: Path) -> Path:
    path = good.with_name("half.backup")
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return path


def _deep(tmp_path: Path) -> Path:
    path = tmp_path / "deep.json"
    path.write_text('{"format": "fgdm-backup", "version": 1, "cases": [' + "[" * 1000 + "]" * 1000 + "]}",
                    encoding="utf-8")
    return path


def _head() -> str:
    from fgdm.store.migrate import head_revision

    return head_revision()


@pytest.mark.parametrize("kind", sorted(BAD_BACKUPS))
def test_a_bad_backup_is_refused_and_leaves_the_target_byte_for_byte(live, tmp_path, kind):
    make, expected = BAD_BACKUPS[kind]
    bad = make(_backup(live, tmp_path), tmp_path)
    target = tmp_path / "target.sqlite3"
    assert fgdm("--db", str(target), "cases").code == 0
    before = fingerprint(target)
    verified = fgdm("backup", "verify", str(bad))
    assert verified.code == 1 and expected in one_line(verified)
    restored = fgdm("--db", str(target), "restore", str(bad))
    assert restored.code == 1 and expected in one_line(restored)
    assert fingerprint(target) == before
    assert sorted(p.name for p in tmp_path.iterdir() if "restoring" in p.name or "reading" in p.name) == []


def test_verify_says_what_a_good_backup_holds(live, tmp_path):
    result = subprocess.run([sys.executable, "-m", "fgdm", "backup", "verify", str(_backup(live, tmp_path))],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "is a sound fgdm backup (sqlite" in result.stdout and "1 cases" in result.stdout


def test_every_command_with_an_output_file_takes_the_force_its_refusal_suggests() -> None:
    from tests.cli.test_private_files import _commands

    without = [path for path, options in _commands() if options & {"-o", "--output"} and "--force" not in options]
    assert without == [], f"these say 'add --force to replace it' but take no --force: {without}"


def test_the_census_file_refuses_an_existing_file_until_forced_and_never_the_database(live, tmp_path):
    existing = tmp_path / "module5.xml"
    existing.write_text("last year's", encoding="utf-8")
    refused = fgdm("--db", str(live), "report", "cin-module5", "--year", "2026-27", "-o", str(existing))
    assert refused.code == 1 and "already exists" in one_line(refused) and "--force" in one_line(refused)
    assert existing.read_text(encoding="utf-8") == "last year's"
    replaced = fgdm("--db", str(live), "report", "cin-module5", "--year", "2026-27", "-o", str(existing), "--force")
    assert replaced.code == 0, replaced.stderr
    assert existing.read_text(encoding="utf-8").startswith("<?xml")
    before = fingerprint(live)
    itself = fgdm("--db", str(live), "report", "cin-module5", "--year", "2026-27", "-o", str(live), "--force")
    assert itself.code == 1 and "is the database fgdm is using" in one_line(itself)
    assert fingerprint(live) == before


def test_an_output_folder_is_never_the_database_or_a_file_beside_it(live, tmp_path):
    """`sar release -o` names a folder: the live database (or its -journal, which is not there yet and would
    have been made a folder) and any other file are refused in one line, and nothing is made."""
    (person,) = sqlite3.connect(live).execute("SELECT person_id FROM case_child LIMIT 1").fetchone()
    drafted = fgdm("--db", str(live), "sar", "draft", "--person", str(person))
    assert drafted.code == 0, drafted.stderr
    number = drafted.stderr.split()[1]
    a_file = tmp_path / "answer.txt"
    a_file.write_text("mine", encoding="utf-8")
    for target, said in ((live, "is the database fgdm is using"), (Path(f"{live}-journal"), "is the database"),
                         (a_file, "is a file: give a folder for the output")):
        before = fingerprint(live)
        refused = fgdm("--db", str(live), "sar", "release", number, "-o", str(target), "--force")
        assert refused.code == 1 and said in one_line(refused)
        assert fingerprint(live) == before
    assert not Path(f"{live}-journal").exists() and a_file.read_text(encoding="utf-8") == "mine"
    _integrity(live)
