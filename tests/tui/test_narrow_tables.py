"""The Network and Offers tabs at 80×24: every row's name and its key facts are read without scrolling sideways
(the network table once ran to the Language column past the edge, cutting relationships, and the offers table
cut its answers)."""

from __future__ import annotations

from textual.widgets import DataTable

from fgdm.services import network, offers
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from tests.documents.test_letters import build_family as build_offers_family
from tests.services.network.test_network_family import NOT_TO_BE_TOLD, build_family
from tests.tui.conftest import open_case_tab, settle

NARROW = (80, 24)


def cells(table: DataTable[object]) -> list[list[str]]:
    """Each row's cells as the text they show."""
    return [[str(getattr(cell, "plain", cell)) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def fits(table: DataTable[object]) -> bool:
    """Whether the whole table is in view across: nothing to scroll sideways to."""
    return table.max_scroll_x == 0 and table.virtual_size.width <= table.size.width


async def test_the_network_table_fits_80_columns_with_every_name_whole(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
        members = network.network_picture(ctx, family.case.id).network
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=NARROW) as pilot:
        await open_case_tab(app, pilot, family.case.id, "2")
        table = app.screen.query_one("#network-table", DataTable)
        assert fits(table), (table.virtual_size, table.size)
        rows = cells(table)
        names = {name for row in rows for name in row}
        assert {member.name for member in members} <= names, rows
        told = next(row for row in rows if NOT_TO_BE_TOLD in row)
        assert any("NOT TO BE TOLD" in cell for cell in told), told
        assert any(any("ADDRESS CONFIDENTIAL" in cell for cell in row) for row in rows), rows
        assert any(cell.startswith("Maternal grandm") for row in rows for cell in row), rows  # cut, if at all, late


async def test_the_offers_table_fits_80_columns_with_each_answer_and_its_day(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_offers_family(ctx)
        parties = offers.case_offers(ctx, family.case.id).parties
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=NARROW) as pilot:
        await open_case_tab(app, pilot, family.case.id, "4")
        table = app.screen.query_one("#offers-table", DataTable)
        await pilot.press("f")                                  # record the offer to the first parent
        await settle(pilot, 1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")                                  # and their answer, accepted today
        await settle(pilot, 1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = app.screen.query_one("#offers-table", DataTable)
        rows = cells(table)
        assert fits(table), (table.virtual_size, table.size, rows)
        assert [row[0].split("\n")[0] for row in rows] == [party.name for party in parties]
        assert any(row[0].endswith("\n(not to be told)") for row in rows), rows
        assert "Accepted " in rows[0][-1] and rows[0][-1].endswith(str(app.today().year)), rows


async def test_a_wide_terminal_shows_the_network_table_in_full(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_case_tab(app, pilot, family.case.id, "2")
        table = app.screen.query_one("#network-table", DataTable)
        labels = [str(column.label) for column in table.ordered_columns]
        assert labels == ["Side", "Name", "Status", "Safety", "PR", "Relationship", "Language"], (labels, table.size)
        assert fits(table) and not any("…" in cell for row in cells(table) for cell in row), cells(table)
