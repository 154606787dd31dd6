"""An enum column writes each member's value as plain text, found by dictionary, and refuses anything else as the
enum itself would."""

from __future__ import annotations

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from fgdm.domain.enums import StaffRole
from fgdm.models.types import EnumText


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.psycopg.dialect()], ids=["sqlite", "postgresql"])
def test_members_and_their_text_bind_as_the_enum_would_and_others_are_refused(dialect):
    column = EnumText(StaffRole)
    process = column.dialect_impl(dialect).bind_processor(dialect)
    for member in StaffRole:
        for value in (member, member.value):
            bound = process(value)
            assert bound == StaffRole(value).value == column.process_bind_param(value, dialect)
            assert type(bound) is str
    assert process(None) is None
    for wrong in ("nobody", 1, ["manager"]):
        with pytest.raises(ValueError, match="is not a valid StaffRole"):
            process(wrong)
