"""The record of what needs attention: brought up to date at a start, and never left behind by a save.

Every test that saves anything also checks the whole record against the rules afresh (`tests/conftest.py`);
these cover what that check cannot: the start after migration 0008 or a change of rules, and two saves to one
case at the same moment on PostgreSQL.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlmodel import Session, select

from fgdm.config import Settings
from fgdm.domain.duty import DutyState
from fgdm.models import ChildAttention, NetworkMember, Person
from fgdm.services import network, offers, records
from fgdm.services.shared import attention
from fgdm.services.shared.clock import london_today
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.store.engine import make_engine
from fgdm.store.migrate import downgrade, upgrade
from tests.factories import make_case
from tests.tui import dataset


def _unmatched(workspace: Workspace) -> list[str]:
    with Session(workspace.engine) as session:
        return attention.unmatched(session, today=london_today(workspace.clock), settings=workspace.settings)


def _states(workspace: Workspace) -> dict[int, DutyState]:
    with Session(workspace.engine) as session:
        return dict(session.exec(select(ChildAttention.case_child_id, ChildAttention.duty_state)).all())


def test_the_start_after_migration_0008_works_out_every_child(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'fgdm.sqlite3'}")
    workspace = Workspace(engine=engine, clock=clock)
    with workspace.context() as ctx:
        dataset.build(ctx)
    worked_out = _states(workspace)
    assert DutyState.PENDING in worked_out.values()
    downgrade(engine, "0007")
    upgrade(engine, backup=False)
    with Session(engine) as session:
        assert len(attention.outdated_cases(session)) == 6  # every case, marked by the migration for the start
    started = Workspace(engine=engine, clock=clock)
    with Session(engine) as session:
        assert attention.outdated_cases(session) == []
    assert _states(started) == worked_out
    assert _unmatched(started) == []
    engine.dispose()


def test_a_start_works_out_again_what_older_rules_worked_out(workspace: Workspace,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with workspace.context() as ctx:
        dataset.build(ctx)
    with workspace.engine.begin() as connection:
        connection.execute(text("UPDATE child_attention SET duty_state = 'met', duty_reason = 'as the old rules said', "
                                "rules = :rules"), {"rules": attention.RULES})
    assert _unmatched(workspace)  # what the old rules said, under the same number: not noticed
    monkeypatch.setattr(attention, "RULES", attention.RULES + 1)
    Workspace(workspace.settings, clock=workspace.clock, engine=workspace.engine)
    assert _unmatched(workspace) == []


def _two_parents(ctx: ServiceContext) -> tuple[int, list[int]]:
    case = make_case(ctx, lbp_date="2026-11-02")
    parents = [network.add_member(ctx, case.id, {"given_name": given, "family_name": "Nowak", "is_parent": True,
                                                 "parental_responsibility": True, "relationship_to_child": role})
               for given, role in (("Ewa", "mother"), ("Piotr", "father"))]
    return case.id, [parent.id for parent in parents]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_offers_saved_to_one_case_at_once_both_reach_the_record(workspace: Workspace) -> None:
    """The second save waits for the first to commit before working the case out: otherwise it would work it
    out without the first's offer, and write over the first's record once the first let go of it."""
    with workspace.context() as ctx:
        case_id, (mother, father) = _two_parents(ctx)
    failures: list[BaseException] = []

    def second_save() -> None:
        try:
            with workspace.context() as other:
                offers.record_offer(other, case_id, {"network_member_id": father, "offered_on": "2026-11-09"})
        except BaseException as error:  # reported by the test's own thread below
            failures.append(error)

    saving = threading.Thread(target=second_save)

    def meanwhile(_session: Any) -> None:
        saving.start()
        time.sleep(0.5)  # the second save runs as far as it can while the first is between working out and commit

    with workspace.context() as first:
        event.listen(first.session, "before_commit", meanwhile)  # after attention's own, which it follows
        offers.record_offer(first, case_id, {"network_member_id": mother, "offered_on": "2026-11-09"})
    saving.join(timeout=10)
    assert not saving.is_alive() and failures == []
    with workspace.context() as ctx:
        assert [duty.state for duty in offers.duty_status(ctx, case_id)] == [DutyState.PENDING]
        assert "waiting for answers" in offers.duty_status(ctx, case_id)[0].reason
    assert _unmatched(workspace) == []


def test_a_save_that_fails_leaves_the_record_as_it_was(ctx: ServiceContext, workspace: Workspace) -> None:
    case_id, (mother, _father) = _two_parents(ctx)
    before = _states(workspace)
    with pytest.raises(Exception, match="cannot be in the future"):
        offers.record_offer(ctx, case_id, {"network_member_id": mother, "offered_on": "2027-01-01"})
    assert _states(workspace) == before
    assert ctx.session.info.get("attention_changed_cases") is None


def test_a_bulk_writer_names_its_cases(workspace: Workspace) -> None:
    """Rows inserted without the session's records reach the record only when their cases are named."""
    settings = Settings(database_url=str(workspace.engine.url))
    with workspace.context() as ctx:
        case_id, _parents = _two_parents(ctx)
    with workspace.engine.begin() as connection:
        connection.execute(text("DELETE FROM child_attention"))
    assert _unmatched(workspace)
    with Session(workspace.engine) as session:
        session.info["clock"] = workspace.clock
        attention.attach(session, settings)
        attention.changed(session, [case_id])
        session.commit()
    assert _unmatched(workspace) == []


def test_an_administrator_checks_the_record_and_works_it_out_again(ctx: ServiceContext,
                                                                   workspace: Workspace) -> None:
    dataset.build(ctx)
    ctx.session.rollback()  # read afresh below, after the edit made outside fgdm
    with workspace.engine.begin() as connection:
        connection.execute(text("UPDATE child_attention SET follow_up_due_on = NULL, duty_state = 'met'"))
    assert records.check_attention(ctx)
    assert records.repair_attention(ctx) == 6
    assert records.check_attention(ctx) == []


def test_renaming_a_parent_who_accepted_reaches_the_record_of_every_case_they_are_in(
        ctx: ServiceContext, workspace: Workspace) -> None:
    """A duty's reason names whoever accepted the offer ("accepted by Ewa Nowak"). The name lives on the person,
    who may be a parent in another family's case too: renamed through one case, the other's record must follow."""
    first_case, (mother, _father) = _two_parents(ctx)
    second_case = make_case(ctx, family_name="Nowak-Lis", lbp_date="2026-11-02").id
    person_id = ctx.session.get(NetworkMember, mother).person_id
    again = network.add_member(ctx, second_case, {"is_parent": True, "parental_responsibility": True,
                                                  "relationship_to_child": "mother"}, link_person_id=person_id)
    offer = offers.record_offer(ctx, second_case, {"network_member_id": again.id, "offered_on": "2026-11-09"})
    offers.record_response(ctx, offer.id, "accepted", on="2026-11-10")
    network.update_member(ctx, mother, {"given_name": "Eva"})
    assert "accepted by Eva Nowak" in offers.duty_status(ctx, second_case)[0].reason
    assert _unmatched(workspace) == []
    with ctx.write() as session:  # a change to the person alone, no case record touched
        session.get(Person, person_id).given_name = "Ewelina"
    assert "accepted by Ewelina Nowak" in offers.duty_status(ctx, second_case)[0].reason
    assert first_case != second_case
    assert _unmatched(workspace) == []
