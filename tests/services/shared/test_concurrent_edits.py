"""No lost updates: two real sessions (two Workspaces, two connections) editing the same case."""

from __future__ import annotations

import pytest

from fgdm.config import Settings
from fgdm.services import cases
from fgdm.services.shared.context import Workspace
from fgdm.services.shared.errors import Conflict
from tests.factories import make_case


def test_second_save_of_a_stale_record_fails_with_both_values(database_url, clock):
    first = Workspace(Settings(database_url=database_url), clock=clock)
    second = Workspace(Settings(database_url=database_url), clock=clock)
    try:
        with first.context() as ctx_a:
            case = make_case(ctx_a, family_name="Kowalski")
        with first.context() as ctx_a, second.context() as ctx_b:
            seen_by_a = cases.get_case(ctx_a, case.id).case.version
            seen_by_b = cases.get_case(ctx_b, case.id).case.version
            cases.update_case(ctx_a, case.id, {"family_name": "Kowalska"}, expected_version=seen_by_a)
            with pytest.raises(Conflict) as caught:
                cases.update_case(ctx_b, case.id, {"family_name": "Kowalsky"}, expected_version=seen_by_b)
        assert caught.value.differences == {"family_name": ("Kowalska", "Kowalsky")}
        assert "Reload it, or reapply your change" in str(caught.value)
        with second.context() as ctx_b:
            assert cases.get_case(ctx_b, case.id).case.family_name == "Kowalska"
    finally:
        first.dispose()
        second.dispose()


def test_race_between_check_and_write_is_caught_by_the_version_column(database_url, clock):
    """Both sessions load the row before either writes: the database-level guard refuses the second."""
    first = Workspace(Settings(database_url=database_url), clock=clock)
    second = Workspace(Settings(database_url=database_url), clock=clock)
    try:
        with first.context() as ctx_a:
            case = make_case(ctx_a)
        with first.context() as ctx_a, second.context() as ctx_b:
            row_a = cases.get_case(ctx_a, case.id).case
            row_b = cases.get_case(ctx_b, case.id).case
            ctx_b.session.commit()
            row_a.family_name = "Adebayo"
            ctx_a.session.commit()
            with pytest.raises(Conflict, match="changed by someone else"), ctx_b.write():
                row_b.family_name = "Adeyemi"
        with second.context() as ctx_b:
            assert cases.get_case(ctx_b, case.id).case.family_name == "Adebayo"
    finally:
        first.dispose()
        second.dispose()
