"""Keeping the records: the case's history, backups and restores, retention and erasure, subject access, and checks
on the kept records.
"""

from fgdm.services.records._backup import BackupCheck, backup, full_export, table_export, verify_backup
from fgdm.services.records._history import HistoryEntry, case_history
from fgdm.services.records._restore import restore
from fgdm.services.records._retention import erase, review
from fgdm.services.records._schema_version import (
    SchemaUpgrade,
    SchemaVersion,
    schema_version,
    set_up_roles,
    upgrade_schema,
)
from fgdm.services.records._subject_access import export
from fgdm.services.records._upkeep import check_attention, repair_attention

__all__ = [
    "BackupCheck",
    "HistoryEntry",
    "SchemaUpgrade",
    "SchemaVersion",
    "backup",
    "case_history",
    "check_attention",
    "erase",
    "export",
    "full_export",
    "repair_attention",
    "restore",
    "review",
    "schema_version",
    "set_up_roles",
    "table_export",
    "upgrade_schema",
    "verify_backup",
]
