"""The case file: one whole case as versioned JSON, out of one database and into another, all or nothing."""

from fgdm.services.case_file._export import build_case_file
from fgdm.services.case_file._schema import case_file_schema, has_nul, schema_problems, sound_check
from fgdm.services.case_file._spec import BOOKKEEPING, PLAIN_FIELDS, TRANSLATED_COLUMNS
from fgdm.services.case_file._transfer import ImportResult, export_case, import_case_files

__all__ = [
    "BOOKKEEPING",
    "PLAIN_FIELDS",
    "TRANSLATED_COLUMNS",
    "ImportResult",
    "build_case_file",
    "case_file_schema",
    "export_case",
    "has_nul",
    "import_case_files",
    "schema_problems",
    "sound_check",
]
