"""`fgdm offer episode/edit-episode/remove-episode`: a child's pre-proceedings episodes changed and removed from
the command line, and a derived item overridden with a reason that the census export and checks then show."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from fgdm.domain.enums import OfferResponse
from fgdm.models import Case
from fgdm.services import offers
from tests.cli.boundary import Ran, run_fgdm
from tests.reports.builder import Builder


@pytest.fixture
def family(sqlite_workspace, sqlite_url):
    """A case with its letter before proceedings of 10 June 2026, the mother offered in it; the child CH5."""
    with sqlite_workspace.context() as ctx:
        b = Builder(ctx)
        case = b.case(children=1, lbp="2026-06-10")
        b.offer(case, on="2026-06-10", in_lbp=True, response=OfferResponse.DECLINED)
        [child] = b.children(case)
        b.commit()
        offers.set_la_child_id(ctx, case.id, child.id, "CH5")
        reference = case.reference
    return sqlite_workspace, sqlite_url, reference, child.id


def fgdm(url: str, *args: str) -> Ran:
    """`fgdm` as run from a shell, through its error boundary."""
    return run_fgdm("--db", url, *args)


def episodes(url: str, reference: str) -> list[dict]:
    result = fgdm(url, "offer", "episodes", "--case", reference, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def test_an_episode_is_recorded_changed_item_by_item_and_removed(family) -> None:
    _workspace, url, reference, child_id = family
    made = fgdm(url, "offer", "episode", "--case", reference, "--child", str(child_id), "--decided", "2026-06-01",
                "--initial-meeting", "2026-06-20", "--reviews", "1", "--notes", "legal planning meeting")
    assert made.code == 0, made.stderr
    [episode] = episodes(url, reference)
    changed = fgdm(url, "offer", "edit-episode", "--case", reference, "--episode", str(episode["episode"]),
                   "--outcome", "B", "--step-decision", "2026-09-01", "--reviews", "clear")
    assert changed.code == 0, changed.stderr
    [after] = episodes(url, reference)
    items = dict(zip(["PPStartDate", "LBPSentDate", "FGDMMeetingOffer", "FGDMMeetingFac", "InitialPPMeetingDate",
                      "ReviewMeetingsCount", "StepDecisionDate", "PPOutcome", "CourtAppDate", "LetterInitCPDate"],
                     after["items"], strict=True))
    assert (items["PPOutcome"], items["StepDecisionDate"], items["ReviewMeetingsCount"]) == ("B", "2026-09-01", "")
    assert (items["InitialPPMeetingDate"], items["LBPSentDate"]) == ("2026-06-20", "2026-06-10")
    assert after["outcome"].startswith("Stepped down")
    removed = fgdm(url, "offer", "remove-episode", "--case", reference, "--episode", str(episode["episode"]))
    assert removed.code == 0, removed.stderr
    assert "Removed pre-proceedings episode" in removed.stderr
    assert episodes(url, reference) == []


def test_an_episode_of_another_case_or_no_change_is_refused_and_nothing_changes(family) -> None:
    workspace, url, reference, child_id = family
    fgdm(url, "offer", "episode", "--case", reference, "--child", str(child_id), "--decided", "2026-06-01")
    with workspace.context() as ctx:
        other = Builder(ctx).case(children=1)
        ctx.session.commit()
        other_reference = other.reference
    [episode] = episodes(url, reference)
    wrong = fgdm(url, "offer", "edit-episode", "--case", other_reference, "--episode", str(episode["episode"]),
                 "--outcome", "A")
    assert wrong.code == 1 and f"Case {other_reference} has no pre-proceedings episode" in wrong.stderr
    empty = fgdm(url, "offer", "edit-episode", "--case", reference, "--episode", str(episode["episode"]))
    assert empty.code == 1 and "Nothing to change" in empty.stderr
    bad = fgdm(url, "offer", "edit-episode", "--case", reference, "--episode", str(episode["episode"]),
               "--outcome", "D", "--reviews", "2")
    assert bad.code == 1 and bad.stderr.startswith("fgdm: --outcome is not one of the choices")
    assert episodes(url, reference) == [episode]


def test_a_derived_item_is_overridden_only_with_a_reason_and_the_census_shows_it(family) -> None:
    _workspace, url, reference, child_id = family
    fgdm(url, "offer", "episode", "--case", reference, "--child", str(child_id), "--decided", "2026-06-01")
    [episode] = episodes(url, reference)
    assert episode["derived"] == ["FGDMMeetingFac", "FGDMMeetingOffer", "LBPSentDate"]
    unexplained = fgdm(url, "offer", "edit-episode", "--case", reference, "--episode", str(episode["episode"]),
                       "--letter-sent", "2026-06-12", "--offered-in-letter", "no")
    assert unexplained.code == 1
    assert unexplained.stderr.startswith("fgdm: --reason is required where what you record differs from the case's "
                                         "records (Date the letter before proceedings was sent: the case's records "
                                         "say 10 June 2026; ")
    assert episodes(url, reference) == [episode]
    explained = fgdm(url, "offer", "edit-episode", "--case", reference, "--episode", str(episode["episode"]),
                     "--letter-sent", "2026-06-12", "--offered-in-letter", "no",
                     "--reason", "the letter on file is a draft; the sent copy is dated 12 June and has no offer")
    assert explained.code == 0, explained.stderr
    [after] = episodes(url, reference)
    assert after["overridden"] == {"LBPSentDate": "2026-06-10", "FGDMMeetingOffer": "1"}
    table = fgdm(url, "offer", "episodes", "--case", reference)
    assert "12 June 2026 (overridden: the case's records say 10 June 2026; the letter on file" in table.stdout
    check = fgdm(url, "report", "cin-module5", "--year", "2026-27", "--check")
    assert ("Override: CH5 (" in check.stderr and "LBPSentDate 2026-06-12 where the case's records say 2026-06-10; "
            "FGDMMeetingOffer 0 where the case's records say 1; reason: the letter on file is a draft") in check.stderr
    assert "1 blocks with an override" in check.stderr
    exported = fgdm(url, "report", "cin-module5", "--year", "2026-27")
    assert "<LBPSentDate>2026-06-12</LBPSentDate>" in exported.stdout
    assert "<FGDMMeetingOffer>0</FGDMMeetingOffer>" in exported.stdout
    assert "Override: CH5" in exported.stderr
    back = fgdm(url, "offer", "edit-episode", "--case", reference, "--episode", str(episode["episode"]),
                "--letter-sent", "clear", "--offered-in-letter", "clear")
    assert back.code == 0, back.stderr
    assert episodes(url, reference)[0]["overridden"] == {}


def test_a_parent_of_tie_without_the_parent_flag_is_named_by_the_duty_and_the_census_checks(family) -> None:
    """The tie says Dad is the child's parent; the network marks him neither parent nor PR holder. Neither the duty
    nor the census counts an offer to him, and both say so, naming what to correct."""
    workspace, url, reference, child_id = family
    fgdm(url, "offer", "episode", "--case", reference, "--child", str(child_id), "--decided", "2026-06-01")
    with workspace.context() as ctx:
        b = Builder(ctx)
        case = b.session.exec(select(Case).where(Case.reference == reference)).one()
        [child] = b.children(case)
        b.tie(b.member(case, parent=False, pr=False, relationship="father"), child)
        b.commit()
    duty = fgdm(url, "duty", "--case", reference)
    assert duty.code == 0, duty.stderr
    said = "recorded as Child1-1 Nowak's parent (a 'parent of' tie) but not marked as a parent or holder of " \
           "parental responsibility in the network"
    assert f"  ! Father Nowak {said}" in duty.stdout
    check = fgdm(url, "report", "cin-module5", "--year", "2026-27", "--check")
    assert f"WARN  fgdm  CH5 ({reference}) FGDMMeetingOffer: Father Nowak {said}" in check.stdout
    assert "1 with a warning from fgdm" in check.stderr
