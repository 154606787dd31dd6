"""The case's forms: a new case from a referral, editing the overview, and closing with a reason.

Each is a `FormScreen` built from field lists here; the choices that come from the database (staff) are
read in a worker before the form opens, so opening a form never blocks the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual.dom import DOMNode

from fgdm.domain.enums import ClosureReason, Gender, LegalStatus
from fgdm.models import Case, Staff
from fgdm.services import cases
from fgdm.services import staff as staff_service
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.widgets.form import FormField, FormScreen
from fgdm.tui.widgets.service_call import FORM_OPEN, run_service, workbench

Choices = list[tuple[str, Any]]


def staff_choices(staff: list[Staff]) -> Choices:
    return [(f"{member.name} ({member.role.label.lower()})", member.id) for member in staff]


def legal_status_choices() -> Choices:
    return [(status.label, status.value) for status in LegalStatus]


def closure_choices() -> Choices:
    return [(reason.label, reason.value) for reason in ClosureReason]


def _staff_fields(staff: Choices) -> list[FormField]:
    return [FormField("coordinator_id", "Coordinator", "choice", staff),
            FormField("referrer_id", "Referrer", "choice", staff)]


def new_case_fields(staff: Choices) -> list[FormField]:
    return [
        FormField("family_name", "Family name", required=True),
        FormField("referral_date", "Referral date", "date", required=True),
        FormField("child_given_name", "Child's first name", required=True,
                  aliases=("children.0.given_name", "children")),
        FormField("child_family_name", "Child's surname if different", aliases=("children.0.family_name",)),
        FormField("child_date_of_birth", "Child's date of birth", "date",
                  aliases=("children.0.date_of_birth", "children.0")),
        FormField("child_due_date", "Or due date (unborn baby)", "date", aliases=("children.0.due_date",)),
        FormField("child_legal_status", "Child's legal status", "choice", legal_status_choices(), required=True,
                  aliases=("children.0.legal_status",)),
        FormField("referral_reason", "Reason for referral", "long_text"),
        *_staff_fields(staff),
        FormField("lbp_date", "Letter before proceedings on", "date"),
    ]


def overview_fields(staff: Choices) -> list[FormField]:
    referral, consent, court, needs = "The referral", "Consent", "Pre-proceedings", "The family's needs"
    return [
        FormField("family_name", "Family name", required=True, section=referral),
        FormField("referral_date", "Referral date", "date", required=True, section=referral),
        FormField("referral_reason", "Reason for referral", "long_text", section=referral),
        FormField("desired_outcome", "Desired outcome", "long_text", section=referral),
        *(replace(field, section=referral) for field in _staff_fields(staff)),
        FormField("consent_to_refer_by", "Consent to refer given by", section=consent),
        FormField("consent_to_refer_on", "Consent to refer given on", "date", section=consent),
        FormField("consent_to_share_by", "Consent to share given by", section=consent),
        FormField("consent_to_share_on", "Consent to share given on", "date", section=consent),
        FormField("lbp_date", "Letter before proceedings on", "date", section=court),
        FormField("care_application_date", "Care application made on", "date", section=court),
        FormField("bottom_lines", "Bottom lines", "long_text", section=court,
                  hint="What must happen for the children to stay safe, as the family is told"),
        FormField("language", "Language", hint="A language code: en_GB, cy, pl, ur…", section=needs),
        FormField("interpreter_needed", "Interpreter needed", "flag", section=needs),
        FormField("cultural_needs", "Cultural needs", "long_text", section=needs),
        FormField("access_needs", "Access needs", "long_text", section=needs),
    ]


def child_fields() -> list[FormField]:
    return [
        FormField("given_name", "First name", required=True),
        FormField("family_name", "Surname if different"),
        FormField("date_of_birth", "Date of birth", "date"),
        FormField("due_date", "Or due date (unborn baby)", "date"),
        FormField("gender", "Gender", "choice", [(gender.label, gender.value) for gender in Gender]),
        FormField("legal_status", "Legal status", "choice", legal_status_choices(), required=True),
    ]


def child_values(child: cases.ChildView) -> dict[str, Any]:
    return {"given_name": child.given_name, "family_name": child.family_name, "date_of_birth": child.date_of_birth,
            "due_date": child.due_date, "gender": child.gender.value, "legal_status": child.legal_status.value}


def new_child_function(case_id: int) -> Callable[[ServiceContext, dict[str, Any], int | None], Any]:
    def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Any:
        return cases.add_child(ctx, case_id, {key: value for key, value in values.items()
                                              if value not in (None, "")})
    return save


def update_child_function(child: cases.ChildView) -> Callable[[ServiceContext, dict[str, Any], int | None], Any]:
    def save(ctx: ServiceContext, values: dict[str, Any], version: int | None) -> Any:
        return cases.update_child(ctx, child.case_child_id, values, expected_version=version)
    return save


def create_from_form(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Case:
    """Turn the flat form (one child) into the service's case input."""
    child = {"given_name": values["child_given_name"], "family_name": values["child_family_name"],
             "date_of_birth": values["child_date_of_birth"], "due_date": values["child_due_date"],
             "legal_status": values["child_legal_status"] or LegalStatus.FAMILY_HELP.value}
    data = {key: value for key, value in values.items() if not key.startswith("child_") and value not in (None, "")}
    data["family_name"] = values["family_name"]
    data["referral_date"] = values["referral_date"]
    data["children"] = [{key: value for key, value in child.items() if value not in (None, "")}]
    return cases.create_case(ctx, data)


def overview_values(case: Case) -> dict[str, Any]:
    return {field.name: getattr(case, field.name) for field in overview_fields([])}


def open_new_case_form(node: DOMNode, on_created: Callable[[Case | None], object]) -> None:
    def opened(staff: list[Staff]) -> None:
        form = FormScreen("New case", new_case_fields(staff_choices(staff)), create_from_form,
                          initial={"referral_date": workbench(node).today(),
                                   "child_legal_status": LegalStatus.FAMILY_HELP.value},
                          saved_message=lambda case: f"Case {case.reference} opened for the {case.family_name} "
                                                     "family",
                          intro="Start with the family and one child; add brothers and sisters, or a baby on the "
                                "way, on the case's Overview tab (c).")
        node.app.push_screen(form, on_created)

    run_service(node, staff_service.list_staff, opened, group=FORM_OPEN)


def open_overview_form(node: DOMNode, case_id: int, on_saved: Callable[[Case | None], object]) -> None:
    def read(ctx: ServiceContext) -> tuple[list[Staff], dict[str, Any], int]:
        case = cases.case_record(ctx, case_id)
        return staff_service.list_staff(ctx), overview_values(case), case.version

    def load(ctx: ServiceContext) -> tuple[dict[str, Any], int | None]:
        case = cases.case_record(ctx, case_id)
        return overview_values(case), case.version

    def save(ctx: ServiceContext, values: dict[str, Any], version: int | None) -> Case:
        return cases.update_case(ctx, case_id, values, expected_version=version)

    def opened(read_result: tuple[list[Staff], dict[str, Any], int]) -> None:
        staff, initial, version = read_result
        form = FormScreen("Edit the overview", overview_fields(staff_choices(staff)), save, initial=initial,
                          version=version, load=load, send_only_changes=True,
                          saved_message=lambda case: f"Case {case.reference} saved")
        node.app.push_screen(form, on_saved)

    run_service(node, read, opened, group=FORM_OPEN)


def close_case_form(case: Case) -> FormScreen:
    def save(ctx: ServiceContext, values: dict[str, Any], version: int | None) -> Case:
        return cases.close_case(ctx, case.id, values["closure_reason"] or "", values["closure_note"] or "",
                                expected_version=version)

    return FormScreen(f"Close case {case.reference}", [
        FormField("closure_reason", "Reason for closing", "choice", closure_choices(), required=True),
        FormField("closure_note", "Note (needed for 'other')", "long_text"),
    ], save, version=case.version, saved_message=lambda closed: f"Case {closed.reference} closed")
