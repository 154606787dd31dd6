"""Keeping the records: the case's history, backups and restores, retention and erasure, subject access (drafted,
reviewed where a person's safety asks it, then released), and checks on the kept records.
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
from fgdm.services.records._subject_access import (
    SubjectAccessDraftSummary,
    SubjectAccessExport,
    draft_subject_access,
    release_subject_access,
    review_subject_access,
    subject_access_document,
    subject_access_drafts,
)
from fgdm.services.records._upkeep import check_attention, repair_attention

__all__ = [
    "BackupCheck",
    "HistoryEntry",
    "SchemaUpgrade",
    "SchemaVersion",
    "SubjectAccessDraftSummary",
    "SubjectAccessExport",
    "backup",
    "case_history",
    "check_attention",
    "draft_subject_access",
    "erase",
    "full_export",
    "release_subject_access",
    "repair_attention",
    "restore",
    "review",
    "review_subject_access",
    "schema_version",
    "set_up_roles",
    "subject_access_document",
    "subject_access_drafts",
    "table_export",
    "upgrade_schema",
    "verify_backup",
]
