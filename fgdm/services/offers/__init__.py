"""The s.31ZA offers: offers to parents and everyone with parental responsibility, answers, best-interests
decisions and each child's duty.
"""

from fgdm.services.offers._offers import (
    ANSWERS,
    ExceptionView,
    OfferView,
    case_offers,
    duty_status,
    list_exceptions,
    list_offers,
    record_care_application,
    record_exception,
    record_offer,
    record_response,
    remove_exception,
    update_offer,
    withdraw,
)
from fgdm.services.shared.duty_facts import ChildDuty

__all__ = [
    "ANSWERS",
    "ChildDuty",
    "ExceptionView",
    "OfferView",
    "case_offers",
    "duty_status",
    "list_exceptions",
    "list_offers",
    "record_care_application",
    "record_exception",
    "record_offer",
    "record_response",
    "remove_exception",
    "update_offer",
    "withdraw",
]
