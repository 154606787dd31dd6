"""The report services: who may run them, choosing the period, explaining a number, the trend, exports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from fgdm.domain.enums import OfferResponse
from fgdm.domain.periods import parse_quarter
from fgdm.models import AuditEvent
from fgdm.services import reports
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import NotFound, PermissionDenied, ValidationFailed
from tests.factories import make_staff
from tests.reports.builder import Builder

Q2 = parse_quarter("2026-Q2")


def _two_offers(ctx: ServiceContext) -> None:
    b = Builder(ctx)
    case = b.case(children=2, family="Ní Bhriain", lbp="2026-08-03")
    b.offer(case, b.member(case, relationship="mother"), on="2026-07-03", response=OfferResponse.ACCEPTED)
    b.offer(case, b.member(case, relationship="father"), on="2026-08-03")
    b.commit()


@pytest.mark.parametrize("role", ["coordinator", "referrer"])
def test_only_managers_and_administrators_run_reports(workspace: Workspace, role: str) -> None:
    with workspace.context() as owner:
        make_staff(owner, "pat", role=role)
        make_staff(owner, "mo", role="manager")
    with workspace.context("pat") as ctx:
        for call in (lambda: reports.quarterly_return(ctx, Q2), lambda: reports.explain(ctx, "offers_made", Q2),
                     lambda: reports.trend(ctx, Q2), lambda: reports.list_measures(ctx)):
            with pytest.raises(PermissionDenied, match="only a manager or administrator"):
                call()
    with workspace.context("mo") as ctx:
        assert reports.quarterly_return(ctx, Q2).line("offers_made").value == 0


@pytest.mark.parametrize(("kwargs", "field", "message"), [
    ({"quarter": "2026-Q2", "start": date(2026, 7, 1)}, "quarter", "not both"),
    ({"start": date(2026, 7, 1)}, "to", "give both --from and --to"),
    ({"end": date(2026, 7, 1)}, "from", "give both --from and --to"),
    ({"quarter": "Q2"}, "quarter", "for example 2026-Q2"),
    ({"start": date(2026, 9, 1), "end": date(2026, 7, 1)}, "to", "swap --from and --to"),
])
def test_a_bad_period_names_the_field_and_the_fix(kwargs: dict, field: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        reports.choose_period(today=date(2026, 11, 23), **kwargs)
    assert message in raised.value.errors[field]


def test_the_default_period_is_the_last_quarter_that_has_ended() -> None:
    assert reports.choose_period(today=date(2026, 11, 23)) == Q2
    span = reports.choose_period(start=date(2026, 7, 1), end=date(2026, 7, 31), today=date(2026, 11, 23))
    assert (span.start, span.end, span.label) == (date(2026, 7, 1), date(2026, 7, 31), "2026-07-01 to 2026-07-31")


def test_explain_lists_the_records_behind_the_number(ctx: ServiceContext) -> None:
    _two_offers(ctx)
    found = reports.explain(ctx, "offers_made", Q2)
    assert found.line.value == len(found.rows) == 2
    assert [(row.reference, row.family_name, row.on) for row in found.rows] == [
        ("FG-0001", "Ní Bhriain", date(2026, 7, 3)), ("FG-0001", "Ní Bhriain", date(2026, 8, 3))]
    assert "as they stand at 23 November 2026" in found.note
    by_child = reports.explain(ctx, "offers_made", Q2, offer_unit="children")
    assert [row.child for row in by_child.rows] == ["Child1-1 Ní Bhriain", "Child1-2 Ní Bhriain"]


def test_explain_an_unknown_measure_says_where_to_find_them(ctx: ServiceContext) -> None:
    with pytest.raises(NotFound, match="fgdm report measures"):
        reports.explain(ctx, "offers_maed", Q2)


def test_an_unknown_offer_unit_is_refused(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationFailed, match="choose one of: offers, parents, children, families"):
        reports.quarterly_return(ctx, Q2, offer_unit="households")


def test_the_trend_covers_eight_quarters_oldest_first(ctx: ServiceContext) -> None:
    _two_offers(ctx)
    points = reports.trend(ctx, parse_quarter("2026-Q3"))
    assert [point.period.label for point in points][0::7] == ["2024-Q4", "2026-Q3"]
    assert [point.values["offers_made"] for point in points] == [0, 0, 0, 0, 0, 0, 2, 0]


def test_an_export_is_written_to_the_audit_trail(ctx: ServiceContext) -> None:
    _two_offers(ctx)
    text = reports.render(ctx, reports.quarterly_return(ctx, Q2), "json")
    assert json.loads(text)["measures"][0]["value"] == 2
    event = ctx.session.exec(select(AuditEvent).where(AuditEvent.action == "export")).one()
    assert event.table_name == "quarterly_return"
    assert json.loads(event.changes)["period"] == "2026-Q2"


def test_a_councils_own_definitions_file_replaces_the_shipped_one(ctx: ServiceContext, tmp_path: Path) -> None:
    _two_offers(ctx)
    shipped = Path(reports.load_definitions().source).read_text(encoding="utf-8")
    (tmp_path / "measures.toml").write_text(shipped.replace('offer_unit = "offers"', 'offer_unit = "families"'),
                                            encoding="utf-8")
    report = reports.quarterly_return(ctx, Q2)
    assert report.line("offers_made").value == 1
    assert report.line("offers_made").measure.unit == "families"


def test_a_broken_definitions_file_names_the_file_and_the_fix(ctx: ServiceContext, tmp_path: Path) -> None:
    (tmp_path / "measures.toml").write_text('[settings]\noffer_unit = "offers"\n[[measure]]\nid = "x"\n'
                                            'label = "X"\nsection = "S"\nrule = "guesswork"\nunit = "offers"\n'
                                            'kind = "flow"\nexplanation = "?"\n', encoding="utf-8")
    with pytest.raises(ValidationFailed, match=r"measures.toml: measure x: rule 'guesswork' is not implemented"):
        reports.quarterly_return(ctx, Q2)


def test_export_file_writes_each_format_to_the_chosen_folder(ctx: ServiceContext, tmp_path: Path) -> None:
    _two_offers(ctx)
    written = {fmt: reports.export_file(ctx, Q2, fmt, tmp_path / "returns") for fmt in ("csv", "json", "docx")}
    assert written["csv"].name == "quarterly-return-2026-Q2.csv"
    assert "offers_made" in written["csv"].read_text(encoding="utf-8")
    assert json.loads(written["json"].read_text(encoding="utf-8"))["measures"][0]["value"] == 2
    assert written["docx"].stat().st_size > 0
