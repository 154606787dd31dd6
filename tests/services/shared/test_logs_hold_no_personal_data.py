"""Logs never contain personal data, even with SQL statement logging switched on for diagnostics.

(SQLAlchemy's DEBUG level prints result rows by design; docs/security.md says never to use it on real records.)
"""

from __future__ import annotations

import logging

import pytest

from fgdm.services import cases
from fgdm.services.shared.errors import ValidationFailed
from tests.factories import make_case

SECRET_NAME = "Perpetua Quillfeather"


def test_sql_logging_and_failures_never_carry_names(ctx, caplog):
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    caplog.set_level(logging.DEBUG, logger="fgdm")
    ctx.session.close()  # a connection decides whether to log when it is checked out
    case = make_case(ctx, family_name=SECRET_NAME,
                     children=[{"given_name": SECRET_NAME, "date_of_birth": "2019-01-01"}])
    cases.update_case(ctx, case.id, {"referral_reason": f"{SECRET_NAME} lives at 7 Hidden Way"})
    cases.list_cases(ctx, search=SECRET_NAME)
    with pytest.raises(ValidationFailed):
        make_case(ctx, reference=case.reference)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "INSERT INTO fgdm_case" in logged, "SQL logging was on, so statements were logged"
    assert SECRET_NAME.casefold() not in logged.casefold()
    assert "Hidden Way" not in logged
