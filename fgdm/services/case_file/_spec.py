"""Which columns of each table travel in a case file as plain values, and how each value is written.

The exporter and the importer both read this one table, so the two directions cannot drift apart.
Columns left out of a section are either file-local references (ids, usernames, venue names) that the
exporter and importer translate by hand, or bookkeeping that belongs to one database (id, version,
created_at, updated_at, search_text, merged_into_id, a staff member's manager).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Date

from fgdm.models import (
    Agency,
    BestInterestsException,
    Case,
    CaseChild,
    ChildOutcome,
    ConfidentialFrom,
    FamilyPlan,
    FgdmOffer,
    LetterRecord,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    PlanAction,
    PlanDistribution,
    PlanQuestion,
    PreProceedingsEpisode,
    Relationship,
    Staff,
    SupportItem,
    Venue,
    WarningOverride,
)
from fgdm.models.types import Money, UTCDateTime

FORMAT = "fgdm-case"
VERSION = 1

PLAIN_FIELDS: dict[type, tuple[str, ...]] = {
    Case: ("uid", "reference", "family_name", "status", "closure_reason", "closure_note", "closed_on",
           "status_changed_on", "referral_date", "referral_reason", "desired_outcome", "consent_to_refer_by",
           "consent_to_refer_on", "consent_to_share_by", "consent_to_share_on", "network_contact_consent_by",
           "network_contact_consent_on", "lbp_date", "care_application_date", "bottom_lines",
           "questions_for_family", "resources_on_offer", "language", "interpreter_needed", "cultural_needs",
           "access_needs", "erased_at"),
    Staff: ("username", "name", "email", "phone", "job_title", "team", "organisation", "role", "qualification",
            "employer", "started_on", "left_on", "active"),
    Venue: ("name", "address", "access_notes", "active"),
    Person: ("uid", "given_name", "family_name", "known_as", "gender", "date_of_birth", "deceased", "phone",
             "email", "address", "address_confidential", "preferred_language", "interpreter_needed",
             "access_needs", "la_child_id", "erased_at"),
    Relationship: ("kind", "quality", "notes"),
    CaseChild: ("legal_status", "due_date", "position"),
    ChildOutcome: ("months_after", "recorded_on", "living", "note"),
    PreProceedingsEpisode: ("pp_start_date", "initial_pp_meeting_date", "review_meetings_count",
                            "step_decision_date", "pp_outcome", "letter_init_cp_date", "lbp_sent_date",
                            "fgdm_meeting_offer", "fgdm_meeting_fac", "court_app_date", "override_reason", "notes"),
    NetworkMember: ("relationship_to_child", "side", "household", "is_parent", "parental_responsibility",
                    "contact_status", "status_changed_on", "excluded_reason", "excluded_by",
                    "consent_override_reason", "not_to_be_told", "attends_separately", "tie", "notes"),
    Agency: ("name", "kind", "tie", "contact", "sensitive"),
    Meeting: ("kind", "status", "starts_at", "ends_at", "location_note", "interpreter_languages",
              "interpreter_booked", "advocate_name", "private_family_time", "status_reason", "held_on",
              "ical_uid", "ical_sequence", "invitations_sent_at", "moved_from_starts_at", "moved_from_ends_at",
              "notes"),
    MeetingAttendee: ("role", "attendance"),
    WarningOverride: ("code", "reason", "decided_by"),
    FgdmOffer: ("offered_on", "method", "in_lbp", "response", "response_on", "notes"),
    BestInterestsException: ("scope", "decided_by", "decided_on", "reason"),
    LetterRecord: ("kind", "template_name", "template_version", "language", "generated_at", "generated_by",
                   "filename"),
    FamilyPlan: ("version_no", "status", "bottom_lines", "child_views", "contingency", "review_date",
                 "decision_by", "decision_on", "not_agreed_reason", "not_agreed_detail"),
    PlanQuestion: ("position", "question", "answer"),
    PlanAction: ("position", "who_text", "what", "by_when", "checked_by", "status"),
    PlanDistribution: ("recipient_name", "sent_at", "method"),
    SupportItem: ("category", "description", "amount", "frequency", "start_date", "end_date", "status",
                  "requested_on", "approved_on", "paid_on", "declined_reason", "approval_exception"),
    ConfidentialFrom: ("fact", "decided_by"),
}
"""Per table, the columns copied as they are (after the conversions below), in the order they are written."""

BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at"})

TRANSLATED_COLUMNS: dict[type, frozenset[str]] = {
    Case: frozenset({"referrer_id", "coordinator_id", "search_text"}),
    Staff: frozenset({"manager_id"}),
    Person: frozenset({"merged_into_id"}),
    Relationship: frozenset({"from_person_id", "to_person_id"}),
    CaseChild: frozenset({"case_id", "person_id"}),
    ChildOutcome: frozenset({"case_child_id"}),
    PreProceedingsEpisode: frozenset({"case_id", "case_child_id"}),
    NetworkMember: frozenset({"case_id", "person_id"}),
    Agency: frozenset({"case_id"}),
    Meeting: frozenset({"case_id", "coordinator_id", "venue_id", "linked_meeting_id"}),
    MeetingAttendee: frozenset({"meeting_id", "network_member_id", "staff_id"}),
    WarningOverride: frozenset({"meeting_id"}),
    FgdmOffer: frozenset({"case_id", "network_member_id"}),
    BestInterestsException: frozenset({"case_id", "case_child_id"}),
    LetterRecord: frozenset({"case_id", "person_id"}),
    FamilyPlan: frozenset({"case_id", "based_on_id", "meeting_id", "plan_lead_member_id"}),
    PlanQuestion: frozenset({"plan_id"}),
    PlanAction: frozenset({"plan_id", "who_member_id", "carried_from_id"}),
    PlanDistribution: frozenset({"plan_id", "person_id"}),
    SupportItem: frozenset({"case_id", "recipient_member_id", "plan_action_id", "approved_by_id"}),
    ConfidentialFrom: frozenset({"case_id", "person_id", "meeting_id", "hidden_from_person_id"}),
}
"""Columns written as file-local references or deliberately left out; a test proves every column is covered."""


def to_json(value: Any) -> Any:
    """A column value as the file holds it: ISO dates and instants, money as a decimal string, enum values."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def _instant(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("has no UTC offset")
    return value


def _converter(column_type: Any) -> Callable[[Any], Any] | None:
    if isinstance(column_type, UTCDateTime):
        return _instant
    if isinstance(column_type, Money):
        return Decimal
    if isinstance(column_type, Date):
        return date.fromisoformat
    return None


CONVERTERS: dict[type, dict[str, Callable[[Any], Any]]] = {
    model: {name: converter for name in names
            if (converter := _converter(model.__table__.c[name].type)) is not None}  # type: ignore[attr-defined]
    for model, names in PLAIN_FIELDS.items()
}


def plain_values(record: Any) -> dict[str, Any]:
    """The plain fields of a row, ready for json.dumps."""
    return {name: to_json(getattr(record, name)) for name in PLAIN_FIELDS[type(record)]}


def model_values(model: type, item: dict[str, Any]) -> dict[str, Any]:
    """The plain fields of a file entry as column values; the entry has passed the schema already.

    Enum values stay as their text: the column type turns text into its enum member on the way in, so
    converting here as well would do it twice for every row of an import.
    """
    converters = CONVERTERS[model]
    values: dict[str, Any] = {}
    for name in PLAIN_FIELDS[model]:
        if name not in item:
            continue
        value = item[name]
        converter = converters.get(name)
        values[name] = converter(value) if converter is not None and value is not None else value
    return values
