"""The form's reading of dates as coordinators type them."""

from __future__ import annotations

import pytest

from fgdm.tui.widgets.form import read_date


@pytest.mark.parametrize(("typed", "sent"), [
    ("", None), ("   ", None), ("2026-11-23", "2026-11-23"), ("23/11/2026", "2026-11-23"),
    ("3/4/2019", "2019-04-03"), ("03.04.2019", "2019-04-03"), ("31/02/2019", "2019-02-31"),
    ("next Tuesday", "next Tuesday"),
])
def test_dates_are_read_day_first_and_anything_else_goes_to_the_service(typed: str, sent: str | None) -> None:
    assert read_date(typed) == sent
