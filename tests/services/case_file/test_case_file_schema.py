"""The shipped schema, the models and the exporter agree: a column added to a model cannot slip past the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import String

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
from fgdm.models.types import EnumText
from fgdm.services.case_file import BOOKKEEPING, PLAIN_FIELDS, TRANSLATED_COLUMNS, case_file_schema, schema_problems

DOCUMENTATION = Path(__file__).parents[3] / "docs" / "case-file.md"

SECTIONS = {"case": Case, "staff": Staff, "venue": Venue, "person": Person, "relationship": Relationship,
            "child": CaseChild, "outcome": ChildOutcome, "pre_proceedings": PreProceedingsEpisode,
            "member": NetworkMember, "agency": Agency,
            "meeting": Meeting, "attendee": MeetingAttendee, "warning_override": WarningOverride,
            "offer": FgdmOffer, "exception": BestInterestsException, "letter": LetterRecord, "plan": FamilyPlan,
            "question": PlanQuestion, "action": PlanAction, "distribution": PlanDistribution,
            "support_item": SupportItem, "confidential": ConfidentialFrom}


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The non-null branch of a property, with its $ref followed."""
    if "anyOf" in node:
        node = next(option for option in node["anyOf"] if option.get("type") != "null")
    if "$ref" in node:
        return schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def test_the_shipped_schema_is_a_valid_draft_2020_12_schema():
    schema = case_file_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("model", list(PLAIN_FIELDS), ids=lambda model: model.__name__)
def test_every_column_is_carried_or_deliberately_translated(model):
    columns = {column.name for column in model.__table__.columns}
    covered = set(PLAIN_FIELDS[model]) | TRANSLATED_COLUMNS.get(model, frozenset()) | BOOKKEEPING
    assert columns - covered == set(), "add the new column to case_file_spec, the schema and docs/case-file.md"
    assert covered - columns == set()


@pytest.mark.parametrize(("section", "model"), list(SECTIONS.items()))
def test_each_section_matches_its_table(section, model):
    schema = case_file_schema()
    properties = schema["$defs"][section]["properties"]
    assert set(PLAIN_FIELDS[model]) <= set(properties)
    for name in PLAIN_FIELDS[model]:
        column = model.__table__.c[name]
        accepted = _resolve(schema, properties[name])
        if isinstance(column.type, EnumText):
            assert accepted["enum"] == [member.value for member in column.type.enum_class], name
        elif isinstance(column.type, String) and column.type.length:
            assert accepted["maxLength"] == column.type.length, name
        nullable = "anyOf" in properties[name] or "null" in properties[name].get("type", [])
        assert nullable == column.nullable, name


def test_a_wrong_format_or_version_is_named():
    problems = schema_problems({"format": "csv", "version": 2, "case": {}, "people": [], "children": [],
                                "network": []})
    assert problems["$.format"] == 'must be "fgdm-case", not "csv"'
    assert problems["$.version"] == "must be 1, not 2"
    assert problems["$.children"] == "must hold at least 1 entry"
    assert problems["$.case.reference"] == "is required"


def test_calendar_dates_that_do_not_exist_are_refused():
    problems = schema_problems({"format": "fgdm-case", "version": 1, "people": [], "network": [],
                                "case": {"uid": "u", "reference": "R", "family_name": "F",
                                         "referral_date": "2026-02-30", "lbp_date": "2026-13-01"},
                                "children": [{"person_id": 1}]})
    assert problems["$.case.referral_date"].startswith("'2026-02-30' is not a real date")
    assert problems["$.case.lbp_date"].endswith("for example 2026-11-23, or null")


def test_the_documentation_has_a_row_for_every_field():
    text = DOCUMENTATION.read_text(encoding="utf-8")
    for name, definition in case_file_schema()["$defs"].items():
        if "properties" not in definition:
            continue
        assert f"\n### {name}\n" in text, name
        table = text.split(f"\n### {name}\n", 1)[1].split("\n### ", 1)[0]
        missing = [field for field in definition["properties"] if f"| `{field}` |" not in table]
        assert missing == [], f"docs/case-file.md, section {name}"
