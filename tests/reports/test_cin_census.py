"""The CIN census module 5: exported from the records through `fgdm report cin-module5`, merged into a
census-shaped document, and validated as the census does: element names and order, and every rule."""

from __future__ import annotations

import copy
import csv
import io
import stat
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.domain.enums import OfferResponse
from fgdm.models import PreProceedingsEpisode
from fgdm.reports import cin_census
from fgdm.reports.cin_census import Block, CensusFileError, census_year, check, read_xml
from fgdm.services import offers
from tests.reports.builder import Builder, day

runner = CliRunner()
YEAR = census_year("2026-27")

CENSUS_ORDER = ["PPStartDate", "LBPSentDate", "FGDMMeetingOffer", "FGDMMeetingFac", "InitialPPMeetingDate",
                "ReviewMeetingsCount", "StepDecisionDate", "PPOutcome", "CourtAppDate", "LetterInitCPDate"]
"""<PreProceedingsandFGDM>'s items in the census's order (csc-validator-be-cin, ingress.py and
fake_data/CIN_Census_2026.xml), written out here so the test does not take the order from the code it tests."""


def _sibling_family(ctx) -> None:
    """A case of two children with different fathers: Child1-1 (Dad One, offered in the letter, accepted, meeting
    held) and Child1-2 (Dad Two, offered, declined). Mum offered, declined. Then a case whose child has no
    LAchildID."""
    b = Builder(ctx)
    case = b.case(children=2, lbp="2026-06-10", application="2026-11-20")
    first, second = b.children(case)
    mum, dad_one, dad_two = (b.member(case, relationship=name) for name in ("mother", "father", "stepfather"))
    b.offer(case, mum, on="2026-06-10", in_lbp=True, response=OfferResponse.DECLINED)
    b.offer(case, dad_one, on="2026-06-10", in_lbp=True, response=OfferResponse.ACCEPTED)
    b.offer(case, dad_two, on="2026-06-10", in_lbp=True, response=OfferResponse.DECLINED)
    b.meeting(case, on="2026-07-01")
    b.commit()
    from fgdm.services import network
    for parent, child in ((mum, first), (mum, second), (dad_one, first), (dad_two, second)):
        network.add_relationship(ctx, case.id, {"from_person_id": parent.person_id,
                                                "to_person_id": child.person_id, "kind": "parent_of"})
    for child, la_id in ((first, "CH0000001"), (second, "CH0000002")):
        offers.set_la_child_id(ctx, case.id, child.id, la_id)
        offers.record_episode(ctx, case.id, {"case_child_id": child.id, "pp_start_date": "2026-06-01",
                                             "initial_pp_meeting_date": "2026-06-20", "review_meetings_count": 2,
                                             "step_decision_date": "2026-11-02", "pp_outcome": "A",
                                             "letter_init_cp_date": "2026-11-23"})
    other = b.case(children=1, lbp="2026-09-01")
    b.commit()
    offers.record_episode(ctx, other.id, {"case_child_id": b.children(other)[0].id, "pp_start_date": "2026-08-20"})


@pytest.fixture
def exported(sqlite_workspace, sqlite_url, tmp_path):
    with sqlite_workspace.context() as ctx:
        _sibling_family(ctx)
    target = tmp_path / "module5.xml"
    result = runner.invoke(app, ["--db", sqlite_url, "report", "cin-module5", "--year", "2026-27", "-o",
                                 str(target)])
    assert result.exit_code == 0, result.output
    return result, target


def _census_document(module5: str) -> str:
    """The council's census file with fgdm's module 5 merged in: each child's other CIN details (referral,
    assessments...) are the case system's; the module 5 blocks go inside the child's <CINdetails>."""
    source = ET.fromstring(module5)
    message = ET.Element("Message")
    message.append(source.find("Header"))
    children = ET.SubElement(message, "Children")
    for exported_child in source.iterfind("Children/Child"):
        child = ET.SubElement(children, "Child")
        child.append(exported_child.find("ChildIdentifiers"))
        ET.SubElement(ET.SubElement(child, "ChildCharacteristics"), "Ethnicity").text = "WBRI"
        details = ET.SubElement(child, "CINdetails")
        ET.SubElement(details, "CINreferralDate").text = "2026-05-01"
        ET.SubElement(details, "ReferralSource").text = "1A"
        details.extend(exported_child.find("CINdetails"))
    return ET.tostring(message, encoding="unicode")


def test_the_export_is_census_shaped_and_passes_every_check(exported) -> None:
    result, target = exported
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Problem: FG-0002 Child2-1 Nowak has pre-proceedings data in 2026-27 but no LAchildID" in result.output
    text = target.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2027-03-31"
    assert [c.findtext("ChildIdentifiers/LAchildID") for c in root.iterfind("Children/Child")] == [
        "CH0000001", "CH0000002"]
    first, second = (c.find("CINdetails/PreProceedingsandFGDM") for c in root.iterfind("Children/Child"))
    assert [item.tag for item in first] == CENSUS_ORDER
    assert {item.tag: item.text for item in first} == {
        "PPStartDate": "2026-06-01", "LBPSentDate": "2026-06-10", "FGDMMeetingOffer": "1", "FGDMMeetingFac": "1",
        "InitialPPMeetingDate": "2026-06-20", "ReviewMeetingsCount": "2", "StepDecisionDate": "2026-11-02",
        "PPOutcome": "A", "CourtAppDate": "2026-11-20", "LetterInitCPDate": "2026-11-23"}
    # The family's meeting was about both children: facilitated after the offer to child 2's own parents too.
    assert second.findtext("FGDMMeetingFac") == "1"
    year, blocks = read_xml(_census_document(text))
    assert year == YEAR and len(blocks) == 2
    assert check(blocks, year) == []


def test_the_csv_has_a_row_per_block_with_the_census_names(exported, sqlite_url) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "report", "cin-module5", "--year", "2026-27", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["LAchildID", *CENSUS_ORDER]
    assert [(row["LAchildID"], row["FGDMMeetingFac"]) for row in rows] == [("CH0000001", "1"), ("CH0000002", "1")]


GOOD = {"PPStartDate": "2026-06-01", "LBPSentDate": "2026-06-10", "FGDMMeetingOffer": "1", "FGDMMeetingFac": "1",
        "InitialPPMeetingDate": "2026-06-20", "ReviewMeetingsCount": "2", "StepDecisionDate": "2026-11-02",
        "PPOutcome": "A", "CourtAppDate": "2026-11-20", "LetterInitCPDate": "2026-11-23"}
BREAKS = {
    "9005": {"PPStartDate": "2026-03-31", "LBPSentDate": None},
    "9006": {"LBPSentDate": "2026-05-30"},
    "9007": {"FGDMMeetingOffer": None, "FGDMMeetingFac": None},
    "9008": {"InitialPPMeetingDate": "2027-04-01"},
    "9009": {"StepDecisionDate": "2026-05-31"},
    "9010Q": {"FGDMMeetingFac": None},
    "9011": {"PPOutcome": "D"},
    "9012": {"CourtAppDate": "2026-11-01", "LetterInitCPDate": None},
    "9013": {"LetterInitCPDate": "2026-11-19"},
    "9015Q": {"ReviewMeetingsCount": None},
    "9000Q": {"PPStartDate": None},
}


def _document(items: dict[str, str | None]) -> str:
    """A census document with one child and one block holding these items (None left out)."""
    header = cin_census.header(YEAR, la_code="999", made_at=__import__("datetime").datetime(2027, 4, 2),
                               release="test")
    message = ET.Element("Message")
    message.append(header)
    message.append(ET.Element("Children"))
    message[1].extend(cin_census.child_elements([Block("CH9", items)]))
    return ET.tostring(message, encoding="unicode")


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_a_fixture_breaking_one_rule_is_reported_with_that_code_alone(code) -> None:
    items = {**GOOD, **BREAKS[code]}
    year, blocks = read_xml(_document(items))
    findings = check(blocks, year)
    assert [finding.code for finding in findings] == [code]
    [finding] = findings
    rule = cin_census.definitions().rule(code)
    assert finding.is_error == (not code.endswith("Q")) and finding.message == rule.message
    assert (finding.la_child_id, finding.block) == ("CH9", 0)


def test_the_good_fixture_passes_and_a_return_with_no_module_5_is_queried() -> None:
    assert check(read_xml(_document(GOOD))[1], YEAR) == []
    assert [finding.code for finding in check([], YEAR)] == ["8995Q"]


def test_names_and_order_are_checked_when_a_census_document_is_read() -> None:
    root = ET.fromstring(_document(GOOD))
    block = root.find("Children/Child/CINdetails/PreProceedingsandFGDM")
    swapped = copy.deepcopy(root)
    moved = swapped.find("Children/Child/CINdetails/PreProceedingsandFGDM")
    first = moved[0]
    moved.remove(first)
    moved.append(first)
    with pytest.raises(CensusFileError, match="not in the census's order"):
        read_xml(ET.tostring(swapped, encoding="unicode"))
    ET.SubElement(block, "FGDMOffered").text = "1"
    with pytest.raises(CensusFileError, match="FGDMOffered"):
        read_xml(ET.tostring(root, encoding="unicode"))


def test_the_check_command_tells_errors_from_queries(sqlite_workspace, sqlite_url) -> None:
    with sqlite_workspace.context() as ctx:
        b = Builder(ctx)
        case = b.case(children=1, lbp="2026-06-10")
        b.offer(case, on="2026-06-10", in_lbp=True)
        [child] = b.children(case)
        b._add(PreProceedingsEpisode(case_id=case.id, case_child_id=child.id, pp_start_date=day("2026-06-01"),
                                     lbp_sent_date=day("2026-05-20"), initial_pp_meeting_date=day("2026-06-20")))
        b.commit()
        offers.set_la_child_id(ctx, case.id, child.id, "CH7")
    result = runner.invoke(app, ["--db", sqlite_url, "report", "cin-module5", "--year", "2026-27", "--check"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("ERROR 9006  CH7 block 1") for line in lines), lines
    assert any(line.startswith("QUERY 9010Q CH7 block 1") for line in lines), lines
    assert any(line.startswith("QUERY 9015Q CH7 block 1") for line in lines), lines
    assert "1 errors, 2 queries" in result.output
