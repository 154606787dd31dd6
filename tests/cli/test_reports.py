"""`fgdm report`, run as a manager would run it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from docx import Document
from typer.testing import CliRunner

from fgdm.cli import app
from tests.reports.builder import Builder
from tests.reports.dataset import build_sample

runner = CliRunner()


def test_the_quarterly_return_prints_a_table_csv_and_json(sqlite_workspace, sqlite_url) -> None:
    with sqlite_workspace.context() as ctx:
        build_sample(ctx, seed=7, cases=20)
    table = runner.invoke(app, ["--db", sqlite_url, "report", "quarterly", "--quarter", "2026-Q2"])
    assert table.exit_code == 0, table.output
    assert table.stdout.startswith("FGDM quarterly return, 2026-Q2: 1 July 2026 to 30 September 2026")
    assert "Counted from the records as they stand at" in table.stdout
    as_csv = runner.invoke(app, ["--db", sqlite_url, "report", "quarterly", "-q", "2026-Q2", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    as_json = runner.invoke(app, ["--db", sqlite_url, "report", "quarterly", "-q", "2026-Q2", "--format", "json"])
    measures = json.loads(as_json.stdout)["measures"]
    assert [row["measure"] for row in rows] == [item["id"] for item in measures]
    assert {row["period"] for row in rows} == {"2026-Q2"}


def test_a_period_by_dates_and_counting_offers_per_family(sqlite_workspace, sqlite_url) -> None:
    with sqlite_workspace.context() as ctx:
        b = Builder(ctx)
        case = b.case(children=2, family="Nguyễn", lbp="2026-07-14")
        for relationship in ("mother", "father", "grandmother"):
            b.offer(case, b.member(case, relationship=relationship), on="2026-07-14")
        b.commit()
    base = ["--db", sqlite_url, "report", "quarterly", "--from", "2026-07-14", "--to", "2026-07-14", "--format", "json"]
    by_offer = json.loads(runner.invoke(app, base).stdout)
    by_family = json.loads(runner.invoke(app, [*base, "--offer-unit", "families"]).stdout)
    assert by_offer["period"]["name"] == "2026-07-14 to 2026-07-14"
    assert by_offer["measures"][0]["value"] == 3 and by_family["measures"][0]["value"] == 1
    assert by_family["measures"][0]["unit"] == "families"


def test_explain_lists_the_cases_behind_a_number(sqlite_workspace, sqlite_url) -> None:
    with sqlite_workspace.context() as ctx:
        b = Builder(ctx)
        case = b.case(family="O'Connell-Ştefan", lbp="2026-08-01")
        b.offer(case, on="2026-08-01")
        b.meeting(case, on="2026-09-01")
        b.commit()
    result = runner.invoke(app, ["--db", sqlite_url, "report", "explain", "meetings_after_offer", "-q", "2026-Q2"])
    assert result.exit_code == 0, result.output
    assert "FGDM meetings held after an s.31ZA offer (meetings_after_offer), 2026-Q2: 1" in result.stdout
    assert "FG-0001  O'Connell-Ştefan" in result.stdout
    assert "1 records. Counted from the records as they stand at" in result.stdout
    as_json = json.loads(runner.invoke(app, ["--db", sqlite_url, "report", "explain", "meetings_after_offer",
                                             "-q", "2026-Q2", "--format", "json"]).stdout)
    assert as_json["records"][0]["Case"] == "FG-0001" and as_json["records"][0]["Date"] == "2026-09-01"


def test_the_docx_summary_is_written_where_asked(sqlite_workspace, sqlite_url, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        build_sample(ctx, seed=7, cases=10)
    target = tmp_path / "out" / "q2.docx"
    result = runner.invoke(app, ["--db", sqlite_url, "report", "quarterly", "-q", "2026-Q2", "--format", "docx",
                                 "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Wrote the manager's summary for 2026-Q2" in result.stderr
    paragraphs = [p.text for p in Document(str(target)).paragraphs]
    assert "The last 8 quarters" in paragraphs
    assert paragraphs[:2] == ["FGDM quarterly return", "Exampleshire County Council · Family Group Decision "
                                                       "Making Service"], "whose return it is, under the title"


def test_measures_lists_every_rule(sqlite_url) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "report", "measures"])
    assert result.exit_code == 0, result.output
    assert "offers_made  [offers, flow]  FGDM meetings offered at or before the letter before proceedings" in (
        result.stdout)
    assert "  support_paid.travel  (Travel)" in result.stdout


def test_follow_ups_are_listed_and_recorded(sqlite_workspace, sqlite_url) -> None:
    with sqlite_workspace.context() as ctx:
        b = Builder(ctx)
        case = b.case(family="Kowalski")
        b.plan(case, on="2025-01-10")
        b.commit()
        child_id = b.children(case)[0].id
    listed = runner.invoke(app, ["--db", sqlite_url, "report", "follow-ups"])
    assert f"FG-0001  child {child_id} Child1-1 Kowalski: 3-month follow-up 10 April 2025" in listed.stdout
    recorded = runner.invoke(app, ["--db", sqlite_url, "report", "record-follow-up", str(child_id), "--months", "3",
                                   "--living", "with_family_network", "--on", "2025-04-20"])
    assert recorded.exit_code == 0, recorded.output
    assert "3-month follow-up 10 April 2025" not in runner.invoke(
        app, ["--db", sqlite_url, "report", "follow-ups"]).stdout


def test_a_bad_quarter_is_one_line_on_stderr(sqlite_url) -> None:
    result = subprocess.run([sys.executable, "-m", "fgdm", "--db", sqlite_url, "report", "quarterly", "-q",
                             "2026-Q5"], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "fgdm: Quarter 5 does not exist: use Q1 (April–June) to Q4 (January–March)."]


def test_a_period_in_the_year_1_is_refused_naming_the_date(sqlite_url) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "report", "quarterly", "--from", "0001-1-1", "--to", "2026-1-1"])
    assert str(result.exception).startswith("from: 01/01/1 is outside 01/01/1900 to ")
    assert str(result.exception).endswith("; check the year")
