"""Reading measures: opening a case with all its tabs' data, and the quarterly return, each against plain SQL."""

from __future__ import annotations

from measures import Bench, Result
from sqlalchemy import text

from fgdm.domain.periods import last_complete_quarter
from fgdm.services import network, reports
from fgdm.tui.case_tabs import CASE_TABS

OPEN_CASE_SQL = (
    "SELECT * FROM fgdm_case WHERE id = :case_id",
    "SELECT * FROM case_child cc JOIN person p ON p.id = cc.person_id WHERE cc.case_id = :case_id",
    "SELECT * FROM child_outcome o JOIN case_child cc ON cc.id = o.case_child_id WHERE cc.case_id = :case_id",
    "SELECT * FROM network_member m JOIN person p ON p.id = m.person_id WHERE m.case_id = :case_id",
    "SELECT r.* FROM relationship r JOIN network_member m ON m.person_id = r.from_person_id "
    "WHERE m.case_id = :case_id",
    "SELECT * FROM meeting WHERE case_id = :case_id",
    "SELECT a.* FROM meeting_attendee a JOIN meeting m ON m.id = a.meeting_id WHERE m.case_id = :case_id",
    "SELECT * FROM fgdm_offer WHERE case_id = :case_id",
    "SELECT * FROM best_interests_exception WHERE case_id = :case_id",
    "SELECT * FROM letter_record WHERE case_id = :case_id",
    "SELECT * FROM family_plan WHERE case_id = :case_id",
    "SELECT a.* FROM plan_action a JOIN family_plan p ON p.id = a.plan_id WHERE p.case_id = :case_id",
    "SELECT q.* FROM plan_question q JOIN family_plan p ON p.id = q.plan_id WHERE p.case_id = :case_id",
    "SELECT d.* FROM plan_distribution d JOIN family_plan p ON p.id = d.plan_id WHERE p.case_id = :case_id",
    "SELECT * FROM support_item WHERE case_id = :case_id",
    "SELECT * FROM audit_event WHERE case_id = :case_id ORDER BY at DESC",
    "SELECT * FROM staff WHERE active",
    "SELECT * FROM venue WHERE active",
    # The tabs and lists added since (issues 20, 22 and 24): the contact log, the documents written, what is
    # kept from named members, the warnings accepted with a reason and the pre-proceedings episodes.
    "SELECT * FROM case_note WHERE case_id = :case_id",
    "SELECT * FROM case_document WHERE case_id = :case_id",
    "SELECT * FROM confidential_from WHERE case_id = :case_id",
    "SELECT o.* FROM warning_override o JOIN meeting m ON m.id = o.meeting_id WHERE m.case_id = :case_id",
    "SELECT * FROM pre_proceedings_episode WHERE case_id = :case_id",
)


def case_with_members(bench: Bench, members: int) -> int:
    """The largest network (most plans first), grown to `members` people through the network service."""
    with bench.workspace.engine.connect() as connection:
        case_id, found = connection.execute(text(
            "SELECT m.case_id, count(*) FROM network_member m GROUP BY m.case_id HAVING count(*) <= :members "
            "ORDER BY count(*) DESC, (SELECT count(*) FROM family_plan p WHERE p.case_id = m.case_id) DESC, "
            "m.case_id LIMIT 1"), {"members": members}).one()._tuple()
    with bench.workspace.context() as ctx:
        for number in range(found, members):
            network.add_member(ctx, case_id, {"given_name": f"Bench{number}", "family_name": "Friend",
                                              "side": "friends_community"}, allow_duplicate=True)
    return case_id


def open_case(bench: Bench) -> Result:
    """Open a case: every tab's fetch (the Overview's is also the heading), as the case screen runs them, against
    plain SQL."""
    ctx = bench.context()
    case_id = case_with_members(bench, 40)
    tabs = [spec.widget(case_id) for spec in CASE_TABS]

    def fgdm_way() -> object:
        return [tab.fetch(ctx) for tab in tabs]  # the heading is the Overview tab's read

    def floor() -> object:
        with bench.workspace.engine.connect() as connection:
            return [connection.execute(text(sql), {"case_id": case_id}).all() for sql in OPEN_CASE_SQL]

    with bench.workspace.engine.connect() as connection:
        members = connection.execute(text("SELECT count(*) FROM network_member WHERE case_id = :c"),
                                     {"c": case_id}).scalar_one()
    return Result("open a case, all tabs' data", *bench.pair(fgdm_way, floor), "<= 3x",
                  max_ratio=3.0, note=f"case id {case_id}, {members} network members")


def _quarter_counts_sql(start: str, end: str) -> list[tuple[str, dict[str, str]]]:
    """One aggregate query per rule of the return, over the same tables and days as the rule reads."""
    days = {"start": start, "end": end}
    return [(sql, days) for sql in (
        "SELECT response, in_lbp, count(*) FROM fgdm_offer WHERE offered_on BETWEEN :start AND :end "
        "GROUP BY response, in_lbp",
        "SELECT scope, count(*) FROM best_interests_exception WHERE decided_on BETWEEN :start AND :end "
        "GROUP BY scope",
        "SELECT kind, count(*) FROM meeting WHERE status = 'held' AND held_on BETWEEN :start AND :end GROUP BY kind",
        "SELECT count(*) FROM (SELECT case_id, min(held_on) AS first FROM meeting WHERE kind = 'fgdm_meeting' "
        "AND status = 'held' GROUP BY case_id) f WHERE f.first BETWEEN :start AND :end",
        "SELECT count(DISTINCT c.id), count(cc.id) FROM fgdm_case c LEFT JOIN case_child cc ON cc.case_id = c.id "
        "WHERE c.referral_date <= :end AND (c.closed_on IS NULL OR c.closed_on >= :start)",
        "SELECT count(*) FROM family_plan WHERE status = 'agreed' AND decision_on BETWEEN :start AND :end",
        "SELECT category, count(*), sum(amount) FROM support_item WHERE approved_on BETWEEN :start AND :end "
        "GROUP BY category",
        "SELECT category, count(*), sum(amount) FROM support_item WHERE paid_on BETWEEN :start AND :end "
        "GROUP BY category",
        "SELECT months_after, living, count(*) FROM child_outcome WHERE recorded_on BETWEEN :start AND :end "
        "GROUP BY months_after, living",
        "SELECT role, count(*) FROM staff WHERE active GROUP BY role",
    )]


def quarterly_return(bench: Bench) -> Result:
    """Every measure of the return for the last complete quarter, against one aggregate query per rule."""
    ctx = bench.context()
    period = last_complete_quarter(ctx.today())
    queries = _quarter_counts_sql(period.start.isoformat(), period.end.isoformat())

    def fgdm_way() -> object:
        return reports.quarterly_return(ctx, period)

    def floor() -> object:
        with bench.workspace.engine.connect() as connection:
            return [connection.execute(text(sql), days).all() for sql, days in queries]

    lines = len(fgdm_way().lines)
    return Result("quarterly return, all measures", *bench.pair(fgdm_way, floor), "<= 3x and <= 1 s",
                  max_ratio=3.0, max_ms=1000.0, note=f"{period.start} to {period.end}, {lines} lines")


__all__ = ["case_with_members", "open_case", "quarterly_return"]
