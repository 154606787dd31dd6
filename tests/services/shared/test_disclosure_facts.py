"""The rule's facts of many cases read together are each case's facts read alone: a report drill-down reads a
quarter's cases at once, and a fact kept in one case must not leak into, or go missing from, another."""

from __future__ import annotations

from fgdm.domain.enums import ConfidentialFact
from fgdm.services import meetings, network
from fgdm.services.shared.disclosure_facts import case_facts, cases_facts
from tests.cli.test_separate_session import build
from tests.factories import make_case
from tests.meetings_support import add_member, schedule


def test_many_cases_read_together_are_each_case_read_alone(sqlite_workspace) -> None:  # type: ignore[no-untyped-def]
    with sqlite_workspace.context() as ctx:
        first = build(ctx)
        other = make_case(ctx, family_name="Nowak", referral_date="2026-11-01")
        aunt, uncle = add_member(ctx, other, "Ewa", "Nowak"), add_member(ctx, other, "Piotr", "Nowak")
        review = schedule(ctx, other, day="2026-12-08", start="10:00", end="12:00", network_member_ids=[aunt.id])
        case_ids = [meetings.get_meeting(ctx, first.main).meeting.case_id, other.id]
        network.keep_confidential(ctx, case_ids[0], ConfidentialFact.ADDRESS, person_id=first.mother,
                                  hidden_from=[first.father])
        network.keep_confidential(ctx, other.id, ConfidentialFact.VENUE, meeting_id=review.id,
                                  hidden_from=[uncle.person_id])
        together = cases_facts(ctx.session, case_ids)
        alone = {case_id: case_facts(ctx.session, case_id) for case_id in case_ids}
    assert together == alone
    assert together[case_ids[0]].person(first.mother).address_hidden_from == {first.father}
    assert together[other.id].session(review.id).venue_hidden_from == {uncle.person_id}
    assert together[other.id].session(first.main) is None and together[other.id].person(first.father) is None
