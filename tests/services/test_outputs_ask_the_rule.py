"""Every shareable output asks the disclosure rule: with the rule made to forbid everything, no output names
anyone, gives a venue or a time. An output that decided on its own (dropped its call to the rule) would still
print them, and its case here fails."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from sqlmodel import select

from fgdm.documents.network_map import document_text
from fgdm.domain import disclosure
from fgdm.domain.disclosure import Fact
from fgdm.domain.enums import OfferResponse, SupportStatus
from fgdm.domain.periods import between
from fgdm.models import FgdmOffer, NetworkMember, SupportItem
from fgdm.reports import outputs
from fgdm.services import letters, meetings, network, plans, reports
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import SafetyBreach
from tests.cli.test_separate_session import Scenario, build

NAMES = ("Ruth Penhallow", "Dan Penhallow")


@pytest.fixture
def scenario(sqlite_workspace) -> Iterator[tuple[ServiceContext, Scenario]]:  # type: ignore[no-untyped-def]
    with sqlite_workspace.context() as ctx:
        yield ctx, build(ctx)


@pytest.fixture
def forbid_everything(monkeypatch: pytest.MonkeyPatch) -> list[Fact]:
    """The rule, answering no to everything and noting what it was asked."""
    asked: list[Fact] = []

    def never(case: disclosure.CaseFacts, recipient: disclosure.Recipient, fact: Fact, about: int) -> bool:
        asked.append(fact)
        return False

    monkeypatch.setattr(disclosure, "may_learn", never)
    return asked


def _case_id(ctx: ServiceContext, s: Scenario) -> int:
    return meetings.get_meeting(ctx, s.main).meeting.case_id


OUTPUTS: dict[str, Callable[[ServiceContext, Scenario, Path], str]] = {
    "family network map": lambda ctx, s, tmp: document_text(Document(str(network.print_network_map(
        ctx, _case_id(ctx, s), tmp / "map.docx", shareable=True).docx))),
    "one person's network map": lambda ctx, s, tmp: document_text(Document(str(network.print_network_map(
        ctx, _case_id(ctx, s), tmp / "mine.docx", for_person_id=s.father).docx))),
    "shareable network list": lambda ctx, s, tmp: " ".join(
        m.name for m in network.shareable_network(ctx, _case_id(ctx, s)).members),
    "invitation letter": lambda ctx, s, tmp: "\n".join(p.text for p in Document(str(letters.generate_letter(
        ctx, _case_id(ctx, s), s.father, "invitation", output=tmp / "letter.docx").path)).paragraphs),
    "professionals' invitation": lambda ctx, s, tmp: meetings.meeting_ics(ctx, s.main).decode(),
    "a member's invitation": lambda ctx, s, tmp: meetings.meeting_ics(ctx, s.session, for_person_id=s.father).decode(),
    "diary export": lambda ctx, s, tmp: meetings.diary_ics(ctx, coordinator=None, first_day=date(2026, 11, 1),
                                                          last_day=date(2026, 12, 31)).decode(),
    "family plan": lambda ctx, s, tmp: _plan_text(ctx, s, tmp),
    "report drill-down": lambda ctx, s, tmp: _drill_text(ctx, s),
}


def _drill_text(ctx: ServiceContext, s: Scenario) -> str:
    """Every drill-down of the quarter, after offers to both parents and a grant whose words name the father."""
    case_id = _case_id(ctx, s)
    with ctx.write() as session:
        for member in session.exec(select(NetworkMember).where(NetworkMember.case_id == case_id)).all():
            member.is_parent = member.parental_responsibility = True
            session.add(FgdmOffer(case_id=case_id, network_member_id=member.id, offered_on=date(2026, 11, 20),
                                  in_lbp=True, response=OfferResponse.ACCEPTED))
        session.add(SupportItem(case_id=case_id, category="travel", description="Train fare for Dan Penhallow",
                                amount=Decimal("12.50"), requested_on=date(2026, 11, 20),
                                approved_on=date(2026, 11, 21), status=SupportStatus.APPROVED))
    period = between(date(2026, 10, 1), date(2026, 12, 31))
    texts = []
    for measure in ("offers_made", "children_supported", "support_approved"):
        found = reports.explain(ctx, measure, period)
        texts.append(outputs.to_drill_text(found.line, found.rows, found.note, period.label))
    return "\n".join(texts)


def test_the_drill_down_names_people_when_the_rule_allows(scenario) -> None:  # type: ignore[no-untyped-def]
    """The manager's drill-down (the professionals' view) does name them: the case above can fail."""
    ctx, s = scenario
    text = _drill_text(ctx, s)
    assert "Ada Okafor" in text and "Train fare for Dan Penhallow" in text and "offer to Father" in text


def _plan_text(ctx: ServiceContext, s: Scenario, tmp: Path) -> str:
    case_id = _case_id(ctx, s)
    plans.start_version(ctx, case_id, meeting_id=s.main)
    return document_text(Document(str(plans.print_plan(ctx, case_id, tmp / "plan.docx").docx)))


@pytest.mark.parametrize("output", sorted(OUTPUTS))
def test_each_output_asks_the_rule(scenario, forbid_everything, tmp_path, output) -> None:  # type: ignore[no-untyped-def]
    ctx, s = scenario
    try:
        text = OUTPUTS[output](ctx, s, tmp_path)
    except SafetyBreach:
        text = ""
    assert forbid_everything, f"the {output} never asked the disclosure rule"
    named = ("Ada Okafor", "offer to Father") if output == "report drill-down" else ()
    for secret in (*NAMES, *named, "Harbour Family Centre", "Exampleton Library", "3 December 2026", "20261203T100000"):
        assert secret not in text, (output, secret)
