"""The separate-session father, at the command line: nothing addressed to him carries the family meeting's
venue or time, or the mother's address kept from him; his own session's letter and .ics work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.documents.network_map import document_text
from fgdm.services.shared.context import ServiceContext
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, add_venue, schedule

runner = CliRunner()
MAIN_VENUE, MAIN_ADDRESS = "Harbour Family Centre", "5 Quay Street, Exampleton, EX3 1QQ"
MOTHER_HOME = "14 Larch Close, Exampleton, EX4 2LC"


@dataclass
class Scenario:
    reference: str
    main: int
    session: int
    mother: int
    father: int


def build(ctx: ServiceContext) -> Scenario:
    coordinator = make_staff(ctx, "cdavies", name="Cerys Davies", email="cerys@example.org")
    case = make_case(ctx, coordinator_id=coordinator.id, referral_date="2026-11-01")
    mother = add_member(ctx, case, "Ruth", "Penhallow", address=MOTHER_HOME, email="ruth@example.org",
                        relationship="Mother")
    father = add_member(ctx, case, "Dan", "Penhallow", attends_separately=True, address="9 Far Road, Elsewhere",
                        email="dan@example.org", relationship="Father")
    centre = add_venue(ctx, MAIN_VENUE, MAIN_ADDRESS)
    library = add_venue(ctx, "Exampleton Library", "1 Book Street, Exampleton")
    main = schedule(ctx, case, day="2026-12-03", start="10:00", end="13:00", venue_id=centre,
                    network_member_ids=[mother.id])
    session = schedule(ctx, case, kind="separate_session", separate_from=main.id, day="2026-12-01", start="14:30",
                       end="15:30", venue_id=library, network_member_ids=[father.id])
    return Scenario(case.reference, main.id, session.id, mother.person_id, father.person_id)


def run(url: str, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--db", url, *args])


def _never(text: str) -> None:
    for secret in (MAIN_VENUE, "Quay Street", "3 December 2026", "10:00", "Larch Close"):
        assert secret.casefold() not in text.casefold(), secret


def test_the_father_hears_only_of_his_own_session(sqlite_workspace, sqlite_url, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        scenario = build(ctx)
    kept = run(sqlite_url, "network", "confidential", "set", "--case", scenario.reference, "--what", "address",
               "--of", str(scenario.mother), "--from", str(scenario.father))
    assert kept.exit_code == 0, kept.output
    assert "Address of Ruth Penhallow: kept from Dan Penhallow" in kept.stdout
    father = str(scenario.father)

    letter = run(sqlite_url, "letter", "invitation", "--case", scenario.reference, "--to", father,
                 "-o", str(tmp_path / "father.docx"))
    assert letter.exit_code == 0, letter.output
    text = "\n".join(p.text for p in Document(str(tmp_path / "father.docx")).paragraphs)
    assert "Exampleton Library" in text and "1 December 2026" in text and "14:30" in text
    _never(text)
    named = run(sqlite_url, "letter", "invitation", "--case", scenario.reference, "--to", father,
                "--meeting", str(scenario.session), "-o", str(tmp_path / "named.docx"))
    assert named.exit_code == 0, named.output
    main = run(sqlite_url, "letter", "invitation", "--case", scenario.reference, "--to", father,
               "--meeting", str(scenario.main), "-o", str(tmp_path / "main.docx"))
    assert main.exit_code != 0 and "may not learn this meeting" in f"{main.output}{main.exception}"
    assert not (tmp_path / "main.docx").exists()

    ics = run(sqlite_url, "meeting", "ics", str(scenario.session), "--for", father, "-o", str(tmp_path / "s.ics"))
    assert ics.exit_code == 0, ics.output
    calendar = (tmp_path / "s.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Exampleton Library" in calendar and "DTSTART;TZID=Europe/London:20261201T143000" in calendar
    _never(calendar)
    refused = run(sqlite_url, "meeting", "ics", str(scenario.main), "--for", father, "-o", str(tmp_path / "m.ics"))
    assert refused.exit_code != 0 and not (tmp_path / "m.ics").exists()

    printed = run(sqlite_url, "network", "print", "--case", scenario.reference, "--for", father,
                  "-o", str(tmp_path / "map.docx"))
    assert printed.exit_code == 0, printed.output
    map_text = document_text(Document(str(tmp_path / "map.docx")))
    assert "Dan Penhallow" in map_text and "Ruth Penhallow" in map_text
    _never(map_text)
    aunt_view = run(sqlite_url, "network", "list", "--case", scenario.reference, "--for", str(scenario.mother),
                    "--format", "json")
    assert aunt_view.exit_code == 0, aunt_view.output
    assert MOTHER_HOME in aunt_view.stdout and "9 Far Road" in aunt_view.stdout


def test_the_fathers_subject_access_answer_waits_for_a_managers_review(sqlite_workspace, sqlite_url) -> None:
    """He must not meet the family and the mother's address is kept from him: the answer the rule redacts for him
    is read by a manager before it goes, as for someone not to be told."""
    with sqlite_workspace.context() as ctx:
        scenario = build(ctx)
    kept = run(sqlite_url, "network", "confidential", "set", "--case", scenario.reference, "--what", "address",
               "--of", str(scenario.mother), "--from", str(scenario.father))
    assert kept.exit_code == 0, kept.output
    drafted = run(sqlite_url, "sar", "draft", "--person", str(scenario.father))
    assert drafted.exit_code == 0, drafted.output
    assert ": for review." in drafted.stderr, drafted.stderr
    number = drafted.stderr.split()[1]
    shown = run(sqlite_url, "sar", "show", number)
    assert f"Dan Penhallow takes part by a separate session, apart from the family, in {scenario.reference}." \
        in shown.stdout + shown.stderr
    assert f"An address or a meeting is kept from Dan Penhallow in {scenario.reference}." in shown.stdout + shown.stderr
