"""Home reads its data once when the workbench starts, and again each time it is shown after another screen."""

from __future__ import annotations

import gc
import threading

import pytest
from textual import events
from textual.css.stylesheet import Stylesheet
from textual.geometry import Size
from textual.widgets import Static

from fgdm.services import cases, home, support
from fgdm.services.home import _lists as home_lists
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import PermissionDenied
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens import home as home_screen
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.screens.home import HomeScreen
from fgdm.tui.widgets.case_lines import SHOWN, CaseLines
from tests.factories import make_case
from tests.tui.conftest import before_home_reads, settle


async def test_home_is_read_once_on_start_and_again_on_return(filled_workspace: Workspace,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Two reads at start (on mount and on first showing) ran side by side and took twice as long."""
    calls: list[str] = []
    before_home_reads(monkeypatch, lambda ctx, _side_by_side: calls.append(ctx.actor.username))
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(calls) == 1
        app.open_case(1)
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(calls) == 2


async def test_a_slow_first_read_shows_home_at_once_and_fills_it_from_the_same_read(
        filled_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Home waits `FIRST_READ_WAIT` for its data before it is drawn; a slower database must not leave a blank
    terminal, nor start a second read beside the first."""
    monkeypatch.setattr(home_screen, "FIRST_READ_WAIT", 0.05)
    release = threading.Event()
    calls: list[str] = []

    def slow(ctx: ServiceContext, _side_by_side: home.Contexts | None) -> None:
        calls.append(ctx.actor.username)
        release.wait(5)

    before_home_reads(monkeypatch, slow)
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, HomeScreen)
        assert str(app.screen.query_one("#home-greeting", Static).render()) == "Loading…"
        release.set()
        await settle(pilot)
        assert "6 open cases" in str(app.screen.query_one("#home-greeting", Static).render())
        assert len(calls) == 1


async def test_a_first_read_that_fails_is_made_again_through_the_usual_path(
        filled_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The usual path (`run_service`) tells the user when a read fails; a passing failure leaves home working."""
    failures = iter([PermissionDenied("the records are locked for maintenance; try again shortly")])

    def failing_once(_ctx: ServiceContext, _side_by_side: home.Contexts | None) -> None:
        for failure in failures:
            raise failure

    before_home_reads(monkeypatch, failing_once)
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "6 open cases" in str(app.screen.query_one("#home-greeting", Static).render())


async def test_start_up_objects_are_frozen_once_home_has_shown(filled_workspace: Workspace) -> None:
    """Full garbage collections skip what start-up made (fgdm.tui.startup); a second start freezes nothing more."""
    first = FgdmApp(filled_workspace)
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    again = FgdmApp(filled_workspace)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert gc.get_freeze_count() <= frozen  # frozen objects may still be freed; none are added


async def test_home_is_laid_out_once_when_the_terminal_repeats_its_size(filled_workspace: Workspace,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every driver reports the terminal's size once it starts, which Textual passed on to the screen when next
    idle: home, already laid out at that size, was laid out and drawn again (a third of a large service's start)."""
    resizes: list[tuple[int, int]] = []
    handler = HomeScreen._on_resize

    async def counted(screen: HomeScreen, event: events.Resize) -> None:
        resizes.append((event.size.width, event.size.height))
        await handler(screen, event)

    monkeypatch.setattr(HomeScreen, "_on_resize", counted)
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        app.post_message(events.Resize(Size(120, 40), Size(120, 40)))
        await settle(pilot)
        assert resizes.count((120, 40)) <= 1
        assert app.screen.has_class("-wide")
        await pilot.resize_terminal(90, 30)
        await settle(pilot)
        assert (90, 30) in resizes
        assert app.screen.has_class("-narrow"), "a real change of size still reaches the screen"


@pytest.mark.parametrize(("width", "width_class"), [(120, "-wide"), (109, "-narrow"), (110, "-wide")])
async def test_home_is_made_with_the_class_of_the_width_it_opens_at(filled_workspace: Workspace,
                                                                   monkeypatch: pytest.MonkeyPatch, width: int,
                                                                   width_class: str) -> None:
    """Given at the first resize, as Textual gives breakpoint classes, the class styled every widget again."""
    at_compose: list[set[str]] = []
    compose = HomeScreen.compose

    def noted(screen: HomeScreen) -> object:
        at_compose.append(set(screen.classes))
        return compose(screen)

    monkeypatch.setattr(HomeScreen, "compose", noted)
    restyled: list[HomeScreen] = []
    monkeypatch.setattr(HomeScreen, "update_node_styles",
                        lambda screen, animate=True: restyled.append(screen))
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        assert at_compose == [{width_class}]
        assert app.screen.has_class(width_class)
        assert restyled.count(app.screen) <= 1, "styled once when shown, not again when the width class came"


async def test_home_is_shown_without_parsing_every_stylesheet_again(filled_workspace: Workspace,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A screen whose styles are new to the app has Textual parse all of them again and restyle every widget."""
    reparsed: list[str] = []
    reparse = Stylesheet.reparse

    def counted(stylesheet: Stylesheet) -> None:
        reparsed.append("reparse")
        reparse(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.screen.query_one("#home-columns").styles.height.value == 1
        assert reparsed == []


async def test_a_kind_of_action_with_more_than_home_lists_is_counted_as_more(
        filled_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Home lists each kind's first `PER_KIND` lines: the heading and the greeting once counted only those."""
    with filled_workspace.context() as ctx:
        [case] = [each for each in cases.list_cases(ctx).rows if each.reference == "FG-2026-0003"]
        support.add_item(ctx, case.id, {"category": "travel", "amount": "12.00",
                                        "description": "Bus fares to the meeting"})
    monkeypatch.setattr(home_lists, "PER_KIND", 1)
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        greeting = str(app.screen.query_one("#home-greeting", Static).render())
        assert greeting.endswith("· more than 4 needing action")
        actions = app.screen.query_one("#home-actions", CaseLines)
        headings = [str(actions.get_option_at_index(i).prompt) for i in range(actions.option_count)
                    if actions.get_option_at_index(i).disabled]
        assert headings == ["Offer with no answer (1)", "Invitations not sent (1)",
                            "Support awaiting approval (more than 1)", "s.31ZA duty not yet met (1)"]


async def test_home_is_read_side_by_side_at_start_and_on_return(filled_workspace: Workspace,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Both of home's reads (the first, and each on returning) read their halves at once where the store can."""
    given: list[bool] = []
    before_home_reads(monkeypatch, lambda _ctx, side_by_side: given.append(side_by_side is not None))
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert "6 open cases" in str(app.screen.query_one("#home-greeting", Static).render())
    assert given == [True, True]


async def test_home_reads_each_stage_s_first_lines_and_the_rest_when_its_more_line_is_chosen(
        sqlite_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """At start home reads only the lines it shows before a stage's "more" line (a large service's home read
    and drew some 200 lines no one had asked to see); Enter on that line reads the stage whole, and a return
    to home keeps it open."""
    with sqlite_workspace.context() as ctx:
        for number in range(SHOWN + 4):
            make_case(ctx, family_name=f"Family{number:02d}")
    read: list[int] = []
    lines_of = home.StageLines.of
    monkeypatch.setattr(home.StageLines, "of", lambda self, status: read.append(lines_of(self, status)) or read[-1])
    whole = home.stage_cases
    monkeypatch.setattr(home, "stage_cases", lambda ctx, status: read.append(-1) or whole(ctx, status))
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        stages = app.screen.query_one("#home-stages", CaseLines)
        shown = [str(stages.get_option_at_index(i).prompt) for i in range(stages.option_count)]
        assert shown[0] == f"Referred ({SHOWN + 4})"
        assert shown[SHOWN + 1] == "… 4 more: Enter shows them"
        assert read == [SHOWN + 1] * 5, "each of the five stages read to its first lines and one more"
        stages.focus()
        await pilot.press(*["down"] * SHOWN, "enter")
        await settle(pilot)
        shown = [str(stages.get_option_at_index(i).prompt) for i in range(stages.option_count)]
        assert len([p for p in shown if p.startswith("FG-")]) == SHOWN + 4
        assert stages.highlighted == SHOWN + 1
        assert read[5:] == [-1], "the stage read whole once its more line was chosen"
        app.open_case(1)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        stages = app.screen.query_one("#home-stages", CaseLines)
        assert stages.option_count == 1 + SHOWN + 4, "the stage opened stays open, read whole again"
        assert read[6:] == [home.PER_STAGE] + [SHOWN + 1] * 4
