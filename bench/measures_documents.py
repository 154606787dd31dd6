"""Document measures: an offer letter and a printed family plan, against python-docx doing the least it can."""

from __future__ import annotations

from docx import Document
from measures import Bench, Result
from sqlalchemy import text

from fgdm.domain.enums import LetterKind
from fgdm.services import letters, plans
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import FgdmError


def offer_recipient(bench: Bench, ctx: ServiceContext) -> tuple[int, int]:
    """The first case (by id) whose offer letter can be written, and a parent it goes to."""
    with bench.workspace.engine.connect() as connection:
        candidates = connection.execute(text(
            "SELECT DISTINCT m.case_id, m.person_id FROM network_member m JOIN fgdm_case c ON c.id = m.case_id "
            "WHERE c.lbp_date IS NOT NULL AND c.coordinator_id IS NOT NULL AND c.status != 'closed' "
            "AND (m.is_parent OR m.parental_responsibility) ORDER BY m.case_id, m.person_id LIMIT 200")).all()
    for case_id, person_id in candidates:
        try:
            letters.generate_letter(ctx, case_id, person_id, LetterKind.OFFER, output=bench.scratch / "probe.docx")
        except FgdmError:
            continue
        return case_id, person_id
    raise RuntimeError("no case in this database can have an offer letter; regenerate it")


def offer_letter(bench: Bench) -> Result:
    """One offer letter written and recorded, against saving a blank document."""
    ctx = bench.context()
    case_id, person_id = offer_recipient(bench, ctx)
    target = bench.scratch / "offer.docx"

    def fgdm_way() -> object:
        return letters.generate_letter(ctx, case_id, person_id, LetterKind.OFFER, output=target)

    def floor() -> object:
        Document().save(str(bench.scratch / "blank.docx"))
        return None

    return Result("one offer letter .docx", *bench.pair(fgdm_way, floor), "<= 4x", max_ratio=4.0,
                  note=f"case id {case_id}")


def _plan_with_actions(bench: Bench, actions: int) -> tuple[int, int, int]:
    """A draft plan with the most actions up to `actions`, grown to `actions` through the plans service,
    as (case id, version, plan id): generated plans have fewer, and a coordinator's may have more."""
    with bench.workspace.engine.connect() as connection:
        case_id, version_no, plan_id, found = connection.execute(text(
            "SELECT p.case_id, p.version_no, p.id, count(*) FROM family_plan p JOIN plan_action a ON a.plan_id = p.id "
            "WHERE p.status = 'draft' GROUP BY p.id, p.case_id, p.version_no HAVING count(*) <= :actions "
            "ORDER BY count(*) DESC, p.id LIMIT 1"), {"actions": actions}).one()._tuple()
    with bench.workspace.context() as ctx:
        for number in range(found + 1, actions + 1):
            plans.add_action(ctx, plan_id, {"who_text": "Health visitor", "what": f"Visit at home, week {number}",
                                            "checked_by": "Coordinator"})
    return case_id, version_no, plan_id


def family_plan(bench: Bench) -> Result:
    """One printed plan, against its actions read by SQL and written as a table directly with python-docx."""
    ctx = bench.context()
    case_id, version_no, plan_id = _plan_with_actions(bench, 20)
    target = bench.scratch / "plan.docx"

    def fgdm_way() -> object:
        return plans.print_plan(ctx, case_id, target, version_no=version_no)

    def floor() -> object:
        with bench.workspace.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT coalesce(p.given_name || ' ' || p.family_name, a.who_text), a.what, a.by_when, "
                "a.checked_by, a.status FROM plan_action a LEFT JOIN network_member m ON m.id = a.who_member_id "
                "LEFT JOIN person p ON p.id = m.person_id WHERE a.plan_id = :plan ORDER BY a.position"),
                {"plan": plan_id}).all()
        document = Document()
        table = document.add_table(rows=1, cols=5)
        table.style = "Light Grid Accent 1"                 # by name, as anyone writing python-docx would
        for cell, heading in zip(table.rows[0].cells, ("Who", "What", "By when", "Checked by", "Progress"),
                                 strict=True):
            cell.text = heading
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = "" if value is None else str(value)
        document.save(str(bench.scratch / "table.docx"))
        return None

    with bench.workspace.engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM plan_action WHERE plan_id = :p"),
                                   {"p": plan_id}).scalar_one()
    return Result("one family plan .docx", *bench.pair(fgdm_way, floor), "<= 2x", max_ratio=2.0,
                  note=f"case id {case_id} v{version_no}, {count} actions")


__all__ = ["family_plan", "offer_letter", "offer_recipient"]
