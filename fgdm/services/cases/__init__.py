"""Cases: the referral, the children on it, moving a case through its stages, and finding it again."""

from fgdm.services.cases._casework import (
    CaseCreate,
    CaseDetail,
    CaseFields,
    CasePage,
    CaseSort,
    CaseSummary,
    add_child,
    advance_stage,
    case_record,
    children_of,
    close_case,
    create_case,
    find_case,
    get_case,
    list_cases,
    reopen_case,
    update_case,
)
from fgdm.services.cases._reads import latest_actions, network_names

__all__ = [
    "CaseCreate",
    "CaseDetail",
    "CaseFields",
    "CasePage",
    "CaseSort",
    "CaseSummary",
    "add_child",
    "advance_stage",
    "case_record",
    "children_of",
    "close_case",
    "create_case",
    "find_case",
    "get_case",
    "latest_actions",
    "list_cases",
    "network_names",
    "reopen_case",
    "update_case",
]
