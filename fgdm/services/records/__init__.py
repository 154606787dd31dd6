"""Keeping the records: the case's history, backups and restores, retention and erasure, subject access, and checks
on the kept records.
"""

from fgdm.services.records._backup import backup, full_export, restore
from fgdm.services.records._history import HistoryEntry, case_history
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
    "upgrade_schema",
]
