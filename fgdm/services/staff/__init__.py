"""Staff: who may use fgdm and in which role, how they count in the workforce, and sharing a case with a colleague."""

from fgdm.services.staff._staff import (
    add_staff,
    create_login,
    list_staff,
    share_case,
    shared_with,
    staff_ids,
    unshare_case,
    update_staff,
)

__all__ = [
    "add_staff",
    "create_login",
    "list_staff",
    "share_case",
    "shared_with",
    "staff_ids",
    "unshare_case",
    "update_staff",
]
