"""Erasure erases: the erased person's name, address and notes are gone from the database file's raw bytes.

SQLite keeps deleted and overwritten content in free pages, in slack inside pages and in the write-ahead log
unless told otherwise; an audit event about a relationship carries no case id. The test writes through the
services as a coordinator would, erases the case, and reads every byte of the file and its -wal.
"""

from __future__ import annotations

from pathlib import Path

from fgdm.services import cases, network, records
from tests.factories import make_case

SECRETS = ("Zephyrine", "Quillfeather", "17 Larkspur Mews", "hit her with a belt", "fears the winter")


def _raw(database: Path) -> bytes:
    return b"".join(path.read_bytes() for path in (database, database.with_name(database.name + "-wal"))
                    if path.exists())


def test_fgdm_connections_overwrite_deleted_content(sqlite_workspace):
    with sqlite_workspace.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_erased_person_leaves_no_bytes_in_the_file_its_wal_or_free_pages(sqlite_workspace, sqlite_url):
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, family_name="Brightwater", referral_date="2010-01-05",
                         children=[{"given_name": "Orrin", "date_of_birth": "1990-01-01"}])
        child = cases.children_of(ctx, case.id)[0].person_id
        mother = network.add_member(ctx, case.id, {
            "given_name": "Zephyrine", "family_name": "Quillfeather", "is_parent": True,
            "parental_responsibility": True, "address": "17 Larkspur Mews", "notes": "Orrin fears the winter"})
        network.update_member(ctx, mother.id, {"notes": "Orrin fears the winter still"})
        network.add_relationship(ctx, case.id, {"from_person_id": mother.person_id, "to_person_id": child,
                                                "kind": "parent_of", "notes": "hit her with a belt"})
        cases.close_case(ctx, case.id, "plan_completed")
        records.draft_subject_access(ctx, mother.person_id)  # a subject access draft copies her records
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    assert all(secret.encode() in _raw(database) for secret in SECRETS[:2]), "the test wrote nothing to find"
    with sqlite_workspace.context() as ctx:
        records.erase(ctx, case.id, confirm_reference=case.reference)
    raw = _raw(database)  # read while fgdm still holds the database open, as the workbench would
    for secret in SECRETS:
        assert secret.encode() not in raw, f"{secret!r} is still in the database file's bytes"
