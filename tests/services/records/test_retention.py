"""Retention: which cases are due, and an erasure that removes personal data but keeps the counts."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest
from sqlalchemy import MetaData, select

from fgdm.domain.enums import (
    ContactMethod,
    DocumentKind,
    LegalStatus,
    MeetingKind,
    MeetingStatus,
    OfferResponse,
    Side,
)
from fgdm.domain.retention import RetentionRule, case_keep_until, keep_until
from fgdm.models import AuditEvent, CaseDocument, CaseNote, FgdmOffer, Meeting, NetworkMember, Person
from fgdm.services import cases, records
from fgdm.services.shared.errors import ValidationFailed
from tests.factories import make_case

RULE = RetentionRule(years_after_18=6, looked_after_age=75)


def test_retention_dates_by_record_class():
    assert keep_until(date(2000, 2, 29), LegalStatus.CHILD_IN_NEED, RULE) == date(2024, 2, 29)
    assert keep_until(date(2000, 2, 29), LegalStatus.LOOKED_AFTER, RULE) == date(2075, 2, 28)
    assert keep_until(date(2000, 5, 1), LegalStatus.LOOKED_AFTER, RULE) == date(2075, 5, 1)
    assert case_keep_until([(date(1990, 1, 1), LegalStatus.FAMILY_HELP),
                            (date(1995, 1, 1), LegalStatus.CHILD_IN_NEED)], RULE) == date(2019, 1, 1)


def _closed_case(ctx, family, born, status="child_in_need"):
    case = make_case(ctx, family_name=family, referral_date="2010-01-05",
                     children=[{"given_name": f"{family} child", "date_of_birth": born, "legal_status": status}])
    cases.close_case(ctx, case.id, "plan_completed")
    return case


def _add_member(ctx, case, person, **facts):
    with ctx.write() as session:
        session.add(NetworkMember(case_id=case.id, person_id=person.id, side=Side.MATERNAL, **facts))


def test_review_lists_only_closed_cases_past_every_childs_date(ctx):
    due = _closed_case(ctx, "Old", "1990-01-01")
    _closed_case(ctx, "Kept", "1990-01-01", status="looked_after")
    make_case(ctx, family_name="Open", children=[{"given_name": "A", "date_of_birth": "1990-01-01"}])
    assert [d.reference for d in records.review(ctx)] == [due.reference]
    assert records.review(ctx)[0].keep_until == date(2014, 1, 1)


def test_erasure_removes_personal_data_and_keeps_counts(ctx):
    case = _closed_case(ctx, "Pryce-Ò'Hara", "1990-01-01")
    with ctx.write() as session:
        grandmother = Person(uid=str(uuid.uuid4()), given_name="Gwenllian", family_name="Pryce",
                             address="1 Chapel St, Llanfair", phone="07700 900777")
        mother = Person(uid=str(uuid.uuid4()), given_name="Mererid", family_name="Ò'Hara",
                        address="3 Quay Rd, Porthmor", address_confidential=True)
        session.add_all([grandmother, mother])
    _add_member(ctx, case, grandmother)
    _add_member(ctx, case, mother, is_parent=True, parental_responsibility=True, notes="Mererid fears Gwenllian")
    other_case = make_case(ctx, family_name="Pryce", children=[{"given_name": "Cai", "date_of_birth": "2019-01-01"}])
    _add_member(ctx, other_case, grandmother)
    mother_member = ctx.session.exec(select(NetworkMember).where(NetworkMember.person_id == mother.id)).one()[0]
    with ctx.write() as session:
        session.add(FgdmOffer(case_id=case.id, network_member_id=mother_member.id, offered_on=date(2010, 2, 1),
                              in_lbp=True, response=OfferResponse.ACCEPTED))
        session.add(Meeting(case_id=case.id, kind=MeetingKind.FGDM_MEETING, status=MeetingStatus.HELD,
                            starts_at=ctx.now(), ends_at=ctx.now(), ical_uid="m1@fgdm", notes="Mererid cried",
                            held_on=date(2010, 3, 1)))
        session.add(CaseNote(case_id=case.id, noted_on=date(2010, 2, 2), who="Mother", method=ContactMethod.PHONE,
                             agreed="Mererid rang, upset"))
        session.add(CaseDocument(case_id=case.id, kind=DocumentKind.LETTER, title="Offer letter", recipient="Mererid",
                                 path="/letters/Pryce-Ò'Hara-offer.docx"))

    with pytest.raises(ValidationFailed, match="type the case reference"):
        records.erase(ctx, case.id, confirm_reference="yes")
    counts = records.erase(ctx, case.id, confirm_reference=case.reference)
    assert counts["people_erased"] == 2 and counts["people_kept_for_other_cases"] == 1

    everything = _all_text(ctx)
    for secret in ("Mererid", "Ò'Hara", "3 Quay Rd", "Pryce-Ò'Hara child", "fears", "cried"):
        assert secret not in everything, secret
    assert "Gwenllian" in everything, "the grandmother is still in another open case"
    assert ctx.session.exec(select(FgdmOffer)).one()[0].response is OfferResponse.ACCEPTED
    assert ctx.session.exec(select(Meeting)).one()[0].held_on == date(2010, 3, 1)
    erasure = ctx.session.exec(select(AuditEvent).where(AuditEvent.action == "retention_erase")).one()[0]
    assert json.loads(erasure.changes)["reference"] == case.reference
    with pytest.raises(ValidationFailed, match="already erased"):
        records.erase(ctx, case.id, confirm_reference=case.reference)


def test_erasure_refuses_a_case_not_yet_due(ctx):
    case = _closed_case(ctx, "Young", "2015-01-01")
    with pytest.raises(ValidationFailed, match="not due"):
        records.erase(ctx, case.id, confirm_reference=case.reference)


def _all_text(ctx) -> str:
    metadata = MetaData()
    metadata.reflect(ctx.session.get_bind())
    parts = []
    for table in metadata.tables.values():
        for row in ctx.session.exec(select(table)).all():
            parts.extend(str(value) for value in row)
    return "\n".join(parts)
