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
from fgdm.services.offers._pre_proceedings import (
    EpisodeView,
    list_episodes,
    outcome_words,
    record_episode,
    remove_episode,
    set_la_child_id,
    update_episode,
)
from fgdm.services.shared.duty_facts import ChildDuty

__all__ = [
    "ANSWERS",
    "ChildDuty",
    "EpisodeView",
    "ExceptionView",
    "OfferView",
    "case_offers",
    "duty_status",
    "list_episodes",
    "list_exceptions",
    "list_offers",
    "outcome_words",
    "record_care_application",
    "record_episode",
    "record_exception",
    "record_offer",
    "record_response",
    "remove_episode",
    "remove_exception",
    "set_la_child_id",
    "update_episode",
    "update_offer",
    "withdraw",
]
