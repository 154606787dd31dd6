"""The duty's state and reason depend on what is recorded, never on the day they are worked out.

`fgdm.services.shared.attention` keeps each child's duty state and reason from the last change to their case and home
lists them from there; that is right only while the rules give the same state and reason whatever today is.
A rule that began to read the day (say, an offer unanswered for a time counting as declined) would make the
kept record go stale between saves, and this test fails.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fgdm.domain.duty import DutyFacts, ExceptionFacts, OfferFacts, Party, child_duty
from fgdm.domain.enums import ExceptionScope, OfferResponse

DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def duty_facts(draw: st.DrawFn) -> DutyFacts:
    parties = [Party(network_member_id=member_id, name=f"Parent {member_id}", is_parent=draw(st.booleans()),
                     parental_responsibility=draw(st.booleans()))
               for member_id in range(1, draw(st.integers(0, 3)) + 1)]
    offers = [OfferFacts(network_member_id=draw(st.integers(1, 4)), offered_on=draw(DAYS), in_lbp=draw(st.booleans()),
                         response=draw(st.sampled_from(OfferResponse)), response_on=draw(st.none() | DAYS))
              for _ in range(draw(st.integers(0, 4)))]
    exceptions = [ExceptionFacts(scope=draw(st.sampled_from(ExceptionScope)), decided_by="Head of Service",
                                 decided_on=draw(DAYS), reason="Not in the child's best interests",
                                 case_child_id=draw(st.sampled_from([None, 1, 2])))
                  for _ in range(draw(st.integers(0, 2)))]
    return DutyFacts(case_child_id=1, in_pre_proceedings=draw(st.booleans()), parties=parties, offers=offers,
                     exceptions=exceptions, fgdm_meetings_held_on=draw(st.lists(DAYS, max_size=2)),
                     lbp_date=draw(st.none() | DAYS), application_date=draw(st.none() | DAYS), today=draw(DAYS),
                     response_working_days=draw(st.integers(1, 20)), meeting_due=draw(st.none() | DAYS))


@given(duty_facts(), st.integers(min_value=1, max_value=2_000))
def test_the_duty_reads_the_same_on_any_later_day(facts: DutyFacts, days_later: int) -> None:
    later = DutyFacts(**{**facts.__dict__, "today": facts.today + timedelta(days=days_later),
                         "response_working_days": facts.response_working_days + 5})
    now, then = child_duty(facts), child_duty(later)
    assert (then.state, then.reason) == (now.state, now.reason)
