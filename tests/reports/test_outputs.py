"""The return as CSV, JSON, a table and a manager's .docx summary, each read back; goldens for a fixed dataset."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from docx import Document
from PIL import Image

from fgdm.domain.periods import parse_quarter
from fgdm.reports import outputs
from fgdm.reports.chart import bar_chart_png
from fgdm.services import reports
from fgdm.services.shared.context import ServiceContext
from tests.reports.dataset import build_sample

GOLDEN = Path(__file__).with_name("golden")


def _check_golden(name: str, text: str) -> None:
    """Compare with the stored file; UPDATE_GOLDEN=1 rewrites it (then read the diff before committing)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_csv_and_json_match_the_goldens_on_every_database(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=7, cases=40)
    report = reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    _check_golden("sample-2026-Q2.csv", reports.render(ctx, report, "csv"))
    _check_golden("sample-2026-Q2.json", reports.render(ctx, report, "json"))


def test_csv_reads_back_with_every_line_and_says_when_it_was_counted(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=3, cases=12)
    report = reports.quarterly_return(ctx, parse_quarter("2026-Q1"))
    rows = list(csv.DictReader(io.StringIO(outputs.to_csv(report))))
    assert [row["measure"] for row in rows] == [line.measure.id for line in report.lines]
    assert {row["counted_from_records_as_at"] for row in rows} == {"2026-11-23T10:00:00+00:00"}
    assert {row["period"] for row in rows} == {"2026-Q1"}
    spend = next(row for row in rows if row["measure"] == "support_paid")
    assert spend["value"] == f"{report.line('support_paid').value:.2f}"


def test_json_reads_back_with_exact_money_and_the_note(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=3, cases=12)
    report = reports.quarterly_return(ctx, parse_quarter("2026-Q1"))
    document = json.loads(outputs.to_json(report))
    assert document["period"] == {"name": "2026-Q1", "from": "2026-04-01", "to": "2026-06-30"}
    assert "as they stand at 23 November 2026, 10:00" in document["note"]
    by_id = {item["id"]: item for item in document["measures"]}
    assert by_id["support_approved"]["value"] == f"{report.line('support_approved').value:.2f}"
    assert by_id["offers_made"]["records"] == by_id["offers_made"]["value"]


def test_the_table_leaves_out_empty_categories_and_ends_with_the_note(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=3, cases=12)
    report = reports.quarterly_return(ctx, parse_quarter("2026-Q1"))
    text = outputs.to_table(report)
    assert text.startswith("FGDM quarterly return, 2026-Q1: 1 April 2026 to 30 June 2026\n")
    assert "Counted from the records as they stand at 23 November 2026, 10:00." in text
    category_rows = [row for row in text.splitlines() if row.startswith("    ")]
    with_records = [line for line in report.lines if line.measure.category and line.rows]
    assert len(category_rows) == len(with_records) > 0
    assert all(outputs.shown(line) in text for line in report.lines if not line.measure.category)


def test_the_managers_summary_opens_with_the_return_the_note_and_a_chart(sqlite_workspace, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        build_sample(ctx, seed=7, cases=40)
        report = reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
        path = reports.write_summary(ctx, report, tmp_path / "summary.docx")
    document = Document(str(path))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "FGDM quarterly return" in text
    assert "2026-Q2: 1 July 2026 to 30 September 2026" in text
    assert "as they stand at 23 November 2026, 10:00" in text
    cells = {row.cells[0].text: row.cells[2].text for table in document.tables for row in table.rows}
    assert cells["FGDM meetings offered at or before the letter before proceedings"] == str(
        report.line("offers_made").value)
    assert cells["Support package spend approved"] == outputs.shown(report.line("support_approved"))
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 1
    chart = Image.open(io.BytesIO(images[0].blob))
    assert chart.size == (1400, 700)


def test_the_chart_draws_bars_in_proportion() -> None:
    png = bar_chart_png("Offers", ["2026-Q1", "2026-Q2"], {"Offers made": [5, 10], "Meetings": [None, 0]})
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colour = (0x1f, 0x5f, 0x8b)
    columns = [x for x in range(image.width) if any(image.getpixel((x, y)) == colour for y in range(60, 530))]
    heights = {}
    for x in (columns[0], columns[-1]):
        heights[x] = sum(image.getpixel((x, y)) == colour for y in range(0, image.height))
    first, last = heights[columns[0]], heights[columns[-1]]
    assert abs(last - 2 * first) <= 2, (first, last)


def test_the_demo_service_return_matches_the_goldens(ctx: ServiceContext) -> None:
    """The demo generator with a fixed seed: a change to the generator or to a rule shows here as a diff.

    After a deliberate change, regenerate with UPDATE_GOLDEN=1 and read the diff of the numbers before committing.
    """
    from fgdm import demo

    demo.generate_service(ctx, seed=2026, cases=60)
    report = reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    _check_golden("demo-seed-2026-2026-Q2.csv", outputs.to_csv(report))
    _check_golden("demo-seed-2026-2026-Q2.json", outputs.to_json(report))
