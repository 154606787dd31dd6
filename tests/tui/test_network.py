"""The Network tab with real key presses: add, link an existing person, the pipeline, safety, remove, print;
and snapshots of the members, the genogram and the ecomap on the 25-person family."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docx import Document
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from fgdm.documents.network_map import document_text
from fgdm.domain.enums import ContactStatus
from fgdm.domain.network_picture import MemberEntry
from fgdm.services import cases, network, records
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.network_duplicates import DuplicateChoice
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.form import FormScreen
from fgdm.tui.widgets.written import WrittenFiles
from tests.conftest import not_owner_only
from tests.factories import make_case
from tests.services.network.test_network_family import CONFIDENTIAL_ADDRESS, NOT_TO_BE_TOLD, build_family
from tests.tui.conftest import open_case_tab, settle
from tests.tui.test_snapshots import SIZES, steps

S = ContactStatus


def members(workspace: Workspace, case_id: int) -> dict[str, MemberEntry]:
    with workspace.context() as ctx:
        return {member.name: member for member in network.network_picture(ctx, case_id).network}


async def open_network_tab(app: FgdmApp, pilot: Pilot[None], case_id: int) -> None:
    await open_case_tab(app, pilot, case_id, "2")              # the Network tab: its member table has the focus
    assert isinstance(app.focused, DataTable)


async def test_add_link_and_move_through_the_pipeline(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        other = make_case(ctx, family_name="Bell")
        grace = network.add_member(ctx, other.id, {"given_name": "Grace", "family_name": "Okafor",
                                                   "date_of_birth": "1958-02-14"})
        case = make_case(ctx)
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_network_tab(app, pilot, case.id)
        await pilot.press("m")                                 # add a member: the form opens on the first name
        await settle(pilot, 1)
        await pilot.press(*"Siân", "tab", *"O'Neill", "ctrl+s")
        await settle(pilot)
        assert set(members(sqlite_workspace, case.id)) == {"Siân O'Neill"}

        await pilot.press("m")                                 # the same grandmother as in the Bell case
        await settle(pilot, 1)
        await pilot.press(*"Grace", "tab", *"Okafor", "tab", "tab", *"Grandmother", "tab", "tab", "tab",
                          *"14/02/1958", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DuplicateChoice)         # offered the person already on file
        await pilot.press("enter")                             # link her (the first choice)
        await settle(pilot)
        linked = members(sqlite_workspace, case.id)["Grace Okafor"]
        assert linked.person_id == grace.person_id and linked.relationship_to_child == "Grandmother"

        await pilot.press("home", "c")                         # contact Grace: no consent recorded yet
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)              # so the reason is asked for
        await pilot.press(*"She rang us to offer help", "ctrl+s")
        await settle(pilot)
        await pilot.press("i")                                 # invited
        await settle(pilot)
        await pilot.press("t")                                 # attending
        await settle(pilot)
        grace_now = members(sqlite_workspace, case.id)["Grace Okafor"]
        assert grace_now.contact_status is S.ATTENDING

        await pilot.press("k")                                 # record the family's consent (date: today)
        await settle(pilot, 1)
        await pilot.press(*"Joy Okafor (mother)", "ctrl+s")
        await settle(pilot)
        with sqlite_workspace.context() as ctx:
            assert cases.get_case(ctx, case.id).case.network_contact_consent_by == "Joy Okafor (mother)"
        await pilot.press("down", "space")                     # Siân: the next step, no question asked now
        await settle(pilot)
        assert members(sqlite_workspace, case.id)["Siân O'Neill"].contact_status is S.CONTACTED

        await pilot.press("b")                                 # exclude Siân: reason and who decided
        await settle(pilot, 1)
        await pilot.press(*"Risk to the mother", "tab", *"Team manager", "ctrl+s")
        await settle(pilot)
        sian = members(sqlite_workspace, case.id)["Siân O'Neill"]
        assert (sian.contact_status, sian.excluded_by) == (S.EXCLUDED, "Team manager")

        await pilot.press("t")                                 # attending straight from excluded: refused
        await settle(pilot)
        assert members(sqlite_workspace, case.id)["Siân O'Neill"].contact_status is S.EXCLUDED


async def test_not_to_be_told_is_never_invited_from_the_tab(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        network.record_contact_consent(ctx, case.id, consented_by="Joy", consented_on=case.referral_date)
        father = network.add_member(ctx, case.id, {"given_name": "Tunde", "not_to_be_told": True})
        network.move_member(ctx, father.id, "contacted", reason="The police asked us to serve a notice on him.")
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_network_tab(app, pilot, case.id)
        table = app.screen.query_one("#network-table", DataTable)
        assert "NOT TO BE TOLD" in str(table.get_row_at(0)[3])
        await pilot.press("i")                                 # invite: warned, nothing sent
        await settle(pilot)
        assert any("never be invited" in str(n.message) for n in app._notifications)
        assert members(sqlite_workspace, case.id)["Tunde"].contact_status is S.CONTACTED


async def test_the_next_step_for_someone_not_to_be_told_asks_why_and_the_audit_trail_keeps_it(
        sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        network.record_contact_consent(ctx, case.id, consented_by="Joy", consented_on=case.referral_date)
        network.add_member(ctx, case.id, {"given_name": "Tunde", "not_to_be_told": True})
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_network_tab(app, pilot, case.id)
        await pilot.press("space")                             # the next step: contacted, so the reason is asked
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen) and "marked not to be told" in app.screen.form_title
        await pilot.press("ctrl+s")                            # no reason: the form stays, nothing moves
        await settle(pilot)
        assert members(sqlite_workspace, case.id)["Tunde"].contact_status is S.IDENTIFIED
        await pilot.press(*"The court ordered that he is told of the hearing", "ctrl+s")
        await settle(pilot)
        assert members(sqlite_workspace, case.id)["Tunde"].contact_status is S.CONTACTED
    with sqlite_workspace.context() as ctx:
        history = records.case_history(ctx, case.id)
    assert any(entry.action == "contacted though not to be told"
               and "The court ordered that he is told of the hearing" in entry.summary for entry in history)


async def test_remove_asks_first(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        network.add_member(ctx, case.id, {"given_name": "Mistake"})
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_network_tab(app, pilot, case.id)
        await pilot.press("delete")
        await settle(pilot, 1)
        assert isinstance(app.screen, Confirmation)
        await pilot.press("n")                                 # keep
        await settle(pilot)
        assert set(members(sqlite_workspace, case.id)) == {"Mistake"}
        await pilot.press("delete", "y")                       # remove
        await settle(pilot)
        assert members(sqlite_workspace, case.id) == {}


async def test_print_the_shareable_map_from_the_tab(sqlite_workspace: Workspace,
                                                    documents_in_a_home_of_its_own: Path,
                                                    umask_022: None) -> None:
    with sqlite_workspace.context() as ctx:
        case_id = build_family(ctx).case.id
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_network_tab(app, pilot, case_id)
        await pilot.press("p")                                 # print: the shareable copy is ticked already
        await settle(pilot, 1)
        await pilot.press("ctrl+s")
        folder = documents_in_a_home_of_its_own
        for _ in range(150):                                   # drawing and writing take a while on a busy machine
            await settle(pilot, 1)
            if not isinstance(app.screen, FormScreen):
                break
            await pilot.pause(0.2)
        assert not isinstance(app.screen, FormScreen), "the print form is still open"
        [printed] = folder.glob("*-shareable-*.docx")
        assert isinstance(app.screen, WrittenFiles)            # its whole path, until closed
        assert str(app.screen.query_one("#written-paths", Static).render()) == str(printed)
    text = document_text(Document(str(printed)))
    assert "Grace Okafor" in text and NOT_TO_BE_TOLD not in text and CONFIDENTIAL_ADDRESS not in text
    assert not_owner_only(printed.parent) == {}                # the folder it made and the map: the user's alone


SnapCompare = Callable[..., bool]


@pytest.fixture
def family_workspace(sqlite_workspace: Workspace) -> Iterator[Workspace]:
    with sqlite_workspace.context() as ctx:
        build_family(ctx)
    yield sqlite_workspace


@pytest.mark.parametrize("size", SIZES)
def test_network_tab_snapshot(snap_compare: SnapCompare, family_workspace: Workspace, size: tuple[int, int]) -> None:
    # l: the case list; enter, enter: open FG-2026-0001; 2: the Network tab, its members' table focused
    assert snap_compare(FgdmApp(family_workspace), terminal_size=size,
                        run_before=steps("l", "enter", "2"))


def test_genogram_snapshot(snap_compare: SnapCompare, family_workspace: Workspace) -> None:
    # as above, then g: the genogram
    assert snap_compare(FgdmApp(family_workspace), terminal_size=(160, 40),
                        run_before=steps("l", "enter", "2", "g"))


def test_ecomap_snapshot(snap_compare: SnapCompare, family_workspace: Workspace) -> None:
    # as above, then g, g: the ecomap
    assert snap_compare(FgdmApp(family_workspace), terminal_size=(160, 40),
                        run_before=steps("l", "enter", "2", "g", "g"))


async def test_merge_a_duplicate_found_later(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        other = make_case(ctx, family_name="Bell")
        old = network.add_member(ctx, other.id, {"given_name": "Grace", "phone": "01632 960 123"})
        case = make_case(ctx)
        new = network.add_member(ctx, case.id, {"given_name": "Grace", "phone": "+44 1632 960123"},
                                 allow_duplicate=True)
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_network_tab(app, pilot, case.id)
        await pilot.press("j")                                 # look for other records of Grace
        await settle(pilot)
        assert isinstance(app.screen, DuplicateChoice)
        await pilot.press("enter")                             # the record in the Bell case
        await settle(pilot, 1)
        await pilot.press("y")                                 # confirm the merge
        await settle(pilot)
    assert [m.person_id for m in members(sqlite_workspace, other.id).values()] == [new.person_id]
    with sqlite_workspace.context() as ctx:
        from fgdm.models import Person

        assert ctx.session.get(Person, old.person_id).merged_into_id == new.person_id


async def test_relationships_and_agencies_are_added_and_removed(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        network.add_member(ctx, case.id, {"given_name": "Joy", "relationship_to_child": "Mother"})
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_network_tab(app, pilot, case.id)
        await pilot.press("y")                                 # add an agency
        await settle(pilot, 1)
        await pilot.press(*"Riverside Primary", "ctrl+s")
        await settle(pilot)
        with sqlite_workspace.context() as ctx:
            assert [a.name for a in network.network_picture(ctx, case.id).agencies] == ["Riverside Primary"]
        await pilot.press("g", "g", "g")                       # to the relationships and agencies
        await settle(pilot)
        assert "Riverside Primary (Other)" in str(app.screen.query_one("#network-ties-table", DataTable)
                                                  .get_row_at(0)[0])
        await pilot.press("delete", "y")                       # remove it, after asking
        await settle(pilot)
        with sqlite_workspace.context() as ctx:
            assert network.network_picture(ctx, case.id).agencies == ()


async def test_the_genogram_is_drawn_with_lines_and_pans_at_80_by_24(family_workspace: Workspace) -> None:
    with family_workspace.context() as ctx:
        case_id = cases.find_case(ctx, "FG-2026-0001").id
        laid_out = network.genogram_layout(ctx, case_id)
    app = FgdmApp(family_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network_tab(app, pilot, case_id)
        await pilot.press("g")                                 # the genogram
        await settle(pilot)
        view = app.screen.query_one("#network-genogram")
        text = str(app.screen.query_one("#network-genogram-text").render())
        assert any(set(line) & set("┌┐┬┴│") for line in text.splitlines()), "drawn with lines"
        assert "◉" in text and "Ada Okafor" in text
        assert laid_out.width > view.size.width and view.max_scroll_x > 0, "wider than 80 columns: it pans"
        assert app.focused is view
        for _ in range(20):
            await pilot.press("right")                         # pan right, as a person reads along a row
        await pilot.press("down", "down", "down")
        await settle(pilot)
        assert view.scroll_x > 0 and view.scroll_y > 0


def test_the_print_message_says_when_the_familys_map_had_to_be_in_english() -> None:
    from pathlib import Path

    from fgdm.tui.screens.network_forms import printed_message

    chosen, note = network.map_language("ti", None, shareable=True)
    printed = network.PrintedMap(docx=Path("map.docx"), shareable=True, language=chosen, language_note=note)
    message = printed_message(printed)
    assert message.startswith("The shareable map was written. The network map has no translation for ti")
    assert printed_message(network.PrintedMap(docx=Path("map.docx"), shareable=False)) == (
        "The coordinator's map was written")


async def test_keep_an_address_from_a_named_member_from_the_tab(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        network.add_member(ctx, case.id, {"given_name": "Amara", "family_name": "Okafor", "address": "3 Ash Row"})
        network.add_member(ctx, case.id, {"given_name": "Zeb", "family_name": "Okafor"})
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_network_tab(app, pilot, case.id)         # Amara is highlighted first
        await pilot.press("f")                               # keep her address from: a tick for Zeb
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("space", "ctrl+s")
        await settle(pilot, 2)
        assert not isinstance(app.screen, FormScreen)
        detail = str(app.screen.query_one("#network-detail", Static).render())
        assert "Address kept from: Zeb Okafor" in detail
    with sqlite_workspace.context() as ctx:
        [kept] = network.confidential_list(ctx, case.id)
    assert (kept.about, kept.hidden_from) == ("Amara Okafor", "Zeb Okafor")
