"""The Network tab's forms: fields and save functions, kept apart from the tab that opens them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fgdm.domain.enums import AgencyKind, ContactStatus, Gender, RelationshipKind, Side, TieQuality
from fgdm.domain.network_picture import NetworkPicture
from fgdm.services import network
from fgdm.services.network import DuplicateCandidate, PossibleDuplicate, find_duplicates
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.widgets.form import FormField


def _choices(enum: Any) -> list[tuple[str, Any]]:
    return [(member.label, member) for member in enum]


_WHO, _SAFETY, _CONTACT, _NOTES = "Who they are", "Keeping people safe", "Contact", "Link to the child and notes"
MEMBER_FIELDS = [
    FormField("given_name", "First name", required=True, section=_WHO),
    FormField("family_name", "Family name", section=_WHO),
    FormField("known_as", "Known as", section=_WHO),
    FormField("relationship_to_child", "Relationship to the child", placeholder="for example, Maternal aunt",
              section=_WHO),
    FormField("side", "Side", "choice", _choices(Side), section=_WHO),
    FormField("gender", "Gender", "choice", _choices(Gender), section=_WHO),
    FormField("date_of_birth", "Date of birth", "date", section=_WHO),
    FormField("deceased", "Deceased", "flag", section=_WHO),
    FormField("household", "Household", placeholder="who lives together, for example Mother's home", section=_WHO),
    FormField("is_parent", "A parent of the child", "flag", section=_WHO),
    FormField("parental_responsibility", "Holds parental responsibility", "flag", section=_WHO),
    FormField("not_to_be_told", "Not to be told of the meeting", "flag", section=_SAFETY,
              hint="Never invited, and never named to the family"),
    FormField("address_confidential", "Address confidential", "flag", section=_SAFETY,
              hint="Never printed in anything shared"),
    FormField("attends_separately", "Attends a separate session", "flag", section=_SAFETY),
    FormField("phone", "Phone", section=_CONTACT),
    FormField("email", "Email", section=_CONTACT),
    FormField("address", "Address", "long_text", section=_CONTACT),
    FormField("preferred_language", "Preferred language", placeholder="en_GB, cy, pl, ur…", section=_CONTACT),
    FormField("interpreter_needed", "Needs an interpreter", "flag", section=_CONTACT),
    FormField("tie", "Link to the child (ecomap)", "choice", _choices(TieQuality), section=_NOTES),
    FormField("notes", "Notes", "long_text", section=_NOTES),
]

EXCLUSION_FIELDS = [
    FormField("reason", "Why they are excluded", "long_text", required=True),
    FormField("decided_by", "Who decided", required=True, placeholder="for example, the team manager"),
]
NOT_TOLD_FIELDS = [FormField("reason", "Why contact someone marked not to be told", "long_text", required=True)]
OVERRIDE_FIELDS = [FormField("consent_override_reason", "Why contact them before consent is recorded",
                             "long_text", required=True)]
CONSENT_FIELDS = [FormField("network_contact_consent_by", "Who consented", required=True,
                            placeholder="for example, Joy Okafor (mother)"),
                  FormField("network_contact_consent_on", "When", "date", required=True)]
AGENCY_FIELDS = [FormField("name", "Agency", required=True), FormField("kind", "Kind", "choice", _choices(AgencyKind)),
                 FormField("tie", "Link to the child", "choice", _choices(TieQuality)),
                 FormField("contact", "Contact (coordinator's copy only)"),
                 FormField("sensitive", "Sensitive: left out of every shareable copy (a police domestic abuse unit, "
                                        "a refuge)", "flag")]
PRINT_FIELDS = [FormField("shareable", "Shareable copy for the family: no contact details, no addresses, nobody "
                                       "not to be told", "flag"),
                FormField("pdf", "Also make a PDF (needs LibreOffice)", "flag")]


@dataclass
class DuplicateFound:
    """The form's values, and the people on file they may describe; the tab asks which to use."""

    values: dict[str, Any]
    candidates: list[DuplicateCandidate]


def add_member_function(case_id: int):  # type: ignore[no-untyped-def]
    def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Any:
        try:
            return network.add_member(ctx, case_id, values)
        except PossibleDuplicate as duplicate:
            return DuplicateFound(values, duplicate.candidates)
    return save


def add_chosen(ctx: ServiceContext, case_id: int, found: DuplicateFound, person_id: int | None) -> Any:
    """Link the chosen person (keeping their stored details), or add a new person on purpose."""
    if person_id is None:
        return network.add_member(ctx, case_id, found.values, allow_duplicate=True)
    membership = {k: v for k, v in found.values.items() if k in network.MEMBERSHIP_FIELDS and v is not None}
    return network.add_member(ctx, case_id, membership, link_person_id=person_id)


def member_values(ctx: ServiceContext, member_id: int) -> tuple[dict[str, Any], int | None]:
    member, person = network.get_member(ctx, member_id)
    values = {field.name: getattr(person, field.name, None) for field in MEMBER_FIELDS if hasattr(person, field.name)}
    values |= {field.name: getattr(member, field.name) for field in MEMBER_FIELDS if hasattr(member, field.name)}
    return values, member.version


def duplicates_of(ctx: ServiceContext, member_id: int) -> list[DuplicateCandidate]:
    """Other records on file that look like this member's person: candidates to merge into them."""
    _member, person = network.get_member(ctx, member_id)
    return find_duplicates(ctx, given_name=person.given_name, family_name=person.family_name,
                           date_of_birth=person.date_of_birth, phone=person.phone, exclude_person_id=person.id)


def edit_member_function(member_id: int):  # type: ignore[no-untyped-def]
    def save(ctx: ServiceContext, values: dict[str, Any], version: int | None) -> Any:
        return network.update_member(ctx, member_id, values, expected_version=version)
    return save


def move_function(member_id: int, target: ContactStatus):  # type: ignore[no-untyped-def]
    def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Any:
        return network.move_member(ctx, member_id, target, **values)
    return save


def consent_function(case_id: int):  # type: ignore[no-untyped-def]
    def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Any:
        return network.record_contact_consent(ctx, case_id, consented_by=values["network_contact_consent_by"] or "",
                                              consented_on=values["network_contact_consent_on"] or "")
    return save


def relationship_fields(picture: NetworkPicture) -> list[FormField]:
    people = [(member.name + (" (child)" if member.is_child else ""), member.person_id) for member in picture.members]
    return [FormField("from_person_id", "From", "choice", people, required=True),
            FormField("kind", "is", "choice", _choices(RelationshipKind), required=True),
            FormField("to_person_id", "of / to", "choice", people, required=True),
            FormField("quality", "Quality of the tie", "choice", _choices(TieQuality))]


def relationship_function(case_id: int):  # type: ignore[no-untyped-def]
    def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Any:
        chosen = {k: v for k, v in values.items() if v is not None}
        return network.add_relationship(ctx, case_id, chosen)
    return save


def agency_function(case_id: int):  # type: ignore[no-untyped-def]
    def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Any:
        return network.add_agency(ctx, case_id, {k: v for k, v in values.items() if v is not None})
    return save


def print_function(case_id: int):  # type: ignore[no-untyped-def]
    def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> network.PrintedMap:
        return network.print_network_map(ctx, case_id, shareable=bool(values["shareable"]),
                                               pdf=bool(values["pdf"]))
    return save


def printed_message(printed: network.PrintedMap) -> str:
    written = "The shareable map was written" if printed.shareable else "The coordinator's map was written"
    notes = [note[0].upper() + note[1:] + "." for note in (printed.language_note, printed.pdf_problem) if note]
    return " ".join([written + ".", *notes]) if notes else written


def consent_initial(today: date) -> dict[str, Any]:
    return {"network_contact_consent_on": today}


__all__ = ["AGENCY_FIELDS", "CONSENT_FIELDS", "EXCLUSION_FIELDS", "MEMBER_FIELDS", "NOT_TOLD_FIELDS", "OVERRIDE_FIELDS",
           "PRINT_FIELDS",
           "DuplicateFound", "add_chosen", "add_member_function", "agency_function", "consent_function",
           "consent_initial", "duplicates_of", "edit_member_function", "member_values", "move_function",
           "print_function", "printed_message", "relationship_fields", "relationship_function"]
