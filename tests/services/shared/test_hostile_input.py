"""Random and hostile values fed to every input model and to the main write paths.

Each call either accepts the input or raises ValidationFailed (or another FgdmError a user can act on):
nothing else escapes, and a refused call leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
from datetime import date
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic.fields import FieldInfo
from sqlalchemy import MetaData, select

import fgdm.services
from fgdm.services import cases, network, support
from fgdm.services.shared.errors import FgdmError, ValidationFailed
from fgdm.services.shared.inputs import MAX_RECORD_ID, Input, RecordId, parse
from tests.factories import make_case

HOSTILE_TEXT = st.sampled_from([
    "", " ", "O'Brien", "Zoë Ñúñez", "محمد عبد الله", "{{ 7*7 }}", "{% for x in y %}", "'; DROP TABLE person; --",
    "a\x00b", "\u202eevil", "🌻" * 300, "x" * 5000, "2026-02-30", "-1", "1e309", "NaN", "null", "<script>",
])
ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
    st.text(max_size=60), HOSTILE_TEXT, st.dates().map(date.isoformat), st.dates(),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


def input_models() -> list[type[Input]]:
    for module in pkgutil.walk_packages(fgdm.services.__path__, "fgdm.services."):
        importlib.import_module(module.name)

    def below(cls: type[Input]) -> list[type[Input]]:
        return [sub for direct in cls.__subclasses__() for sub in (direct, *below(direct))]

    return sorted({m for m in below(Input) if not m.__name__.startswith("_")}, key=lambda m: m.__qualname__)


def fields_of(model: type[Input]) -> st.SearchStrategy[dict[str, Any]]:
    names = [*model.model_fields, "unexpected_field"]
    return st.dictionaries(st.sampled_from(names), ANY_VALUE, max_size=len(names))


@pytest.mark.parametrize("model", input_models(), ids=lambda m: m.__qualname__)
def test_every_input_model_accepts_or_explains(model):
    @settings(max_examples=60, deadline=None)
    @given(fields_of(model))
    def check(data: dict[str, Any]) -> None:
        try:
            parse(model, data)
        except ValidationFailed as refused:
            assert refused.errors and all(message for message in refused.errors.values())

    check()


def database_fingerprint(ctx) -> str:  # type: ignore[no-untyped-def]
    metadata = MetaData()
    metadata.reflect(ctx.session.get_bind())
    digest = hashlib.sha256()
    for name in sorted(metadata.tables):
        for row in sorted(map(repr, ctx.session.exec(select(metadata.tables[name])).all())):
            digest.update(row.encode())
    return digest.hexdigest()


WRITE_PATHS = {
    "create_case": lambda ctx, case, data: cases.create_case(ctx, data),
    "update_case": lambda ctx, case, data: cases.update_case(ctx, case.id, data),
    "add_member": lambda ctx, case, data: network.add_member(ctx, case.id, data),
    "add_support_item": lambda ctx, case, data: support.add_item(ctx, case.id, data),
}
WRITE_MODELS = {"create_case": cases.CaseCreate, "update_case": cases.CaseFields,
                "add_member": network.MemberCreate, "add_support_item": support.SupportItemInput}


@pytest.mark.parametrize("path", sorted(WRITE_PATHS))
def test_refused_writes_leave_the_database_unchanged(ctx, path):
    case = make_case(ctx)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(fields_of(WRITE_MODELS[path]))
    def check(data: dict[str, Any]) -> None:
        before = database_fingerprint(ctx)
        try:
            WRITE_PATHS[path](ctx, case, data)
        except FgdmError:
            assert database_fingerprint(ctx) == before

    check()


def _id_fields(model: type[Input]) -> list[str]:
    return [name for name in model.model_fields if name.endswith("_id")]


def test_every_id_a_form_or_file_names_is_a_record_id() -> None:
    """An id past PostgreSQL's INTEGER made the lookup itself fail ("integer out of range"), not the check."""
    def is_record_id(field: FieldInfo) -> bool:
        return RecordId in get_args(field.annotation) or any(
            validator in field.metadata for validator in get_args(RecordId)[1:])

    plain = [f"{model.__qualname__}.{name}" for model in input_models() for name in _id_fields(model)
             if not is_record_id(model.model_fields[name])]
    assert plain == []


@pytest.mark.parametrize("model", [m for m in input_models() if _id_fields(m)], ids=lambda m: m.__qualname__)
def test_an_id_no_record_can_have_is_refused_naming_the_field(model: type[Input]) -> None:
    for name in _id_fields(model):
        for value in (0, -1, MAX_RECORD_ID + 1, 2**63):
            with pytest.raises(ValidationFailed) as refused:
                parse(model, {name: value})
            assert refused.value.errors[name] == f"{value} is not the id of any record; choose one from the list"


def test_a_referrer_id_past_the_largest_integer_is_refused_and_nothing_changes(ctx) -> None:  # type: ignore[no-untyped-def]
    case = make_case(ctx)
    before = database_fingerprint(ctx)
    with pytest.raises(ValidationFailed) as refused:
        cases.update_case(ctx, case.id, {"referrer_id": MAX_RECORD_ID + 1})
    assert "referrer_id" in refused.value.errors
    assert database_fingerprint(ctx) == before
