"""The CIN census module 5's reads: the Offers tab of a case with pre-proceedings episodes, and the census
return over every case with one, each against plain SQL reading the same rows (no derivation, no duty)."""

from __future__ import annotations

from measures import Bench, Result
from sqlalchemy import text

from fgdm.services import reports
from fgdm.tui.case_tabs.offers import OffersTab

WITH_EPISODES = "SELECT case_id FROM pre_proceedings_episode"

CENSUS_SQL = (
    "SELECT e.*, p.la_child_id FROM pre_proceedings_episode e JOIN case_child cc ON cc.id = e.case_child_id "
    "JOIN person p ON p.id = cc.person_id",
    f"SELECT * FROM fgdm_case WHERE id IN ({WITH_EPISODES})",
    "SELECT m.*, p.given_name, p.family_name FROM network_member m JOIN person p ON p.id = m.person_id "
    f"WHERE m.case_id IN ({WITH_EPISODES}) AND (m.is_parent OR m.parental_responsibility)",
    f"SELECT * FROM fgdm_offer WHERE case_id IN ({WITH_EPISODES})",
    f"SELECT * FROM best_interests_exception WHERE case_id IN ({WITH_EPISODES})",
    f"SELECT case_id, kind, status, held_on, starts_at FROM meeting WHERE case_id IN ({WITH_EPISODES})",
    "SELECT cc.*, p.given_name, p.family_name FROM case_child cc JOIN person p ON p.id = cc.person_id "
    f"WHERE cc.case_id IN ({WITH_EPISODES})",
    "SELECT r.* FROM relationship r JOIN network_member m ON m.person_id = r.from_person_id "
    f"WHERE m.case_id IN ({WITH_EPISODES}) AND r.kind IN ('parent_of', 'guardian_of')",
)
"""What the census return reads, as plain SQL: the episodes and the facts of their cases."""

OFFERS_TAB_SQL = (
    "SELECT * FROM fgdm_case WHERE id = :case_id",
    "SELECT m.*, p.given_name, p.family_name FROM network_member m JOIN person p ON p.id = m.person_id "
    "WHERE m.case_id = :case_id AND (m.is_parent OR m.parental_responsibility)",
    "SELECT cc.*, p.given_name, p.family_name FROM case_child cc JOIN person p ON p.id = cc.person_id "
    "WHERE cc.case_id = :case_id",
    "SELECT * FROM fgdm_offer WHERE case_id = :case_id",
    "SELECT * FROM best_interests_exception WHERE case_id = :case_id",
    "SELECT case_id, kind, status, held_on, starts_at FROM meeting WHERE case_id = :case_id",
    "SELECT r.* FROM relationship r JOIN network_member m ON m.person_id = r.from_person_id "
    "WHERE m.case_id = :case_id AND r.kind IN ('parent_of', 'guardian_of')",
    "SELECT e.*, p.la_child_id FROM pre_proceedings_episode e JOIN case_child cc ON cc.id = e.case_child_id "
    "JOIN person p ON p.id = cc.person_id WHERE e.case_id = :case_id",
    "SELECT * FROM letter_record WHERE case_id = :case_id",
)
"""What the Offers tab reads of one case, as plain SQL."""


def cin_module5(bench: Bench) -> list[Result]:
    """The Offers tab of the pre-proceedings case with the most network members, and the census return for the
    census year of today, each against plain SQL of the same rows."""
    ctx = bench.context()
    with bench.workspace.engine.connect() as connection:
        case_id, episodes = connection.execute(text(
            "SELECT e.case_id, count(DISTINCT e.id) FROM pre_proceedings_episode e JOIN network_member m "
            "ON m.case_id = e.case_id GROUP BY e.case_id ORDER BY count(m.id) DESC, e.case_id LIMIT 1")).one()._tuple()
        cases = connection.execute(text(f"SELECT count(DISTINCT case_id) FROM ({WITH_EPISODES}) e")).scalar_one()
    tab = OffersTab(case_id)
    today = ctx.today()
    year = reports.census_year(str(today.year if today.month >= 4 else today.year - 1))

    def offers_tab() -> object:
        return tab.fetch(ctx)

    def offers_floor() -> object:
        with bench.workspace.engine.connect() as connection:
            return [connection.execute(text(sql), {"case_id": case_id}).all() for sql in OFFERS_TAB_SQL]

    def census() -> object:
        return reports.cin_module5(ctx, year)

    def census_floor() -> object:
        with bench.workspace.engine.connect() as connection:
            return [connection.execute(text(sql)).all() for sql in CENSUS_SQL]

    blocks = len(census().blocks)
    return [Result("Offers tab of a case with pre-proceedings", *bench.pair(offers_tab, offers_floor), "<= 3x",
                   max_ratio=3.0, note=f"case id {case_id}, {episodes} episodes"),
            Result("CIN census module 5, whole return", *bench.pair(census, census_floor), "<= 3x", max_ratio=3.0,
                   note=f"{year.label}: {blocks} blocks from {cases} cases with episodes")]


__all__ = ["cin_module5"]
