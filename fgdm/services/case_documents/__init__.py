"""A case's documents: the letters, plans, maps, invitations and exports written for it, to open or reprint."""

from fgdm.services.case_documents._documents import (
    DocumentView,
    get_document,
    list_documents,
    reprint,
    write_case_file,
)

__all__ = [
    "DocumentView",
    "get_document",
    "list_documents",
    "reprint",
    "write_case_file",
]
