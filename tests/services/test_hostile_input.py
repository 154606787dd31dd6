"""Random and hostile values fed to every input model and to the main write paths.

Each call either accepts the input or raises ValidationFailed (or another FgdmError a user can act on):
nothing else escapes, and a refused call leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import MetaData, select

import fgdm.services
from fgdm.services import cases, network, support
from fgdm.services.errors import FgdmError, ValidationFailed
from fgdm.services.inputs import Input, parse
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
    for module in pkgutil.iter_modules(fgdm.services.__path__):
        importlib.import_module(f"fgdm.services.{module.name}")

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
