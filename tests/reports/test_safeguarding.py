"""Nothing a report prints, down to the drill-down, carries a person's address or contact details, nor the
name of someone who is not to be told."""

from __future__ import annotations

from fgdm.domain.enums import OfferResponse
from fgdm.domain.periods import parse_quarter
from fgdm.models import Person
from fgdm.reports import outputs
from fgdm.services import reports
from fgdm.services.shared.context import ServiceContext
from tests.reports.builder import Builder

SECRETS = ("14 Refuge Row, Leeds LS1 1AA", "07700 900123", "safe@example.org")
HIDDEN_NAME = "Zaynab-Rose"


def test_no_address_or_contact_detail_reaches_any_output(ctx: ServiceContext) -> None:
    b = Builder(ctx)
    case = b.case(children=2, family="Hassan")
    mother = b.member(case, relationship="mother")
    record = ctx.session.get(Person, mother.person_id)
    assert record is not None
    record.address, record.phone, record.email = SECRETS
    record.given_name = HIDDEN_NAME
    record.address_confidential = True
    mother.not_to_be_told = True
    b.offer(case, mother, on="2026-07-02", response=OfferResponse.ACCEPTED)
    b.meeting(case, on="2026-08-02")
    b.plan(case, on="2026-08-02")
    b.commit()
    period = parse_quarter("2026-Q2")
    report = reports.quarterly_return(ctx, period)
    printed = [outputs.to_table(report), outputs.to_csv(report), outputs.to_json(report)]
    for line in report.lines:
        found = reports.explain(ctx, line.measure.id, period)
        printed.append(outputs.to_drill_text(found.line, found.rows, found.note, period.label))
    assert any("Hassan" in text for text in printed), "the drill-down names the family, so it was printed"
    for secret in (*SECRETS, HIDDEN_NAME):
        assert not any(secret in text for text in printed), secret
