"""The key bar shows the keys that work where the focus is, as Textual's Footer did; a click presses one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input

from fgdm.tui.widgets.key_bar import KeyBar


class KeysApp(App[None]):
    BINDINGS = [Binding("h", "go('home')", "Home", tooltip="Go to the home screen"),
                Binding("question_mark,f1", "help", "Help"),
                Binding("r", "refresh_cases", "Refresh"),
                Binding("ctrl+t", "go('theme')", "Light/dark", show=False)]

    def __init__(self, *, refresh_works: bool = True) -> None:
        super().__init__()
        self.went: list[str] = []
        self.rang = 0
        self.refresh_works = refresh_works

    def compose(self) -> ComposeResult:
        yield Input(id="name")
        yield KeyBar()

    def action_go(self, where: str) -> None:
        self.went.append(where)

    def action_help(self) -> None:
        self.went.append("help")

    def action_refresh_cases(self) -> None:
        self.went.append("refreshed")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "refresh_cases" and not self.refresh_works else True

    def bell(self) -> None:
        self.rang += 1


def bar_text(app: App[None]) -> str:
    """The bar's line as last drawn (not rendered afresh: a bar that missed a change would still show the old)."""
    return app.query_one(KeyBar).render_line(0).text


def offset_of(app: App[None], label: str) -> tuple[int, int]:
    return bar_text(app).index(label), 0


@asynccontextmanager
async def unfocused(app: KeysApp, width: int = 80) -> AsyncIterator[Pilot[None]]:
    """The app running with nothing focused, so the bar shows the app's own keys."""
    async with app.run_test(size=(width, 10)) as pilot:
        app.set_focus(None)
        await pilot.pause()
        yield pilot


async def test_each_action_shows_its_first_key_and_the_palette_sits_at_the_right() -> None:
    app = KeysApp()
    async with unfocused(app):
        text = bar_text(app)
        assert text.startswith(" h Home  ? Help  r Refresh ")
        assert "f1" not in text, "Help's second key is not shown again"
        assert "Light/dark" not in text, "a binding not meant to be shown stays out"
        assert text.endswith("▏^p palette ") and len(text) == 80


async def test_keys_that_run_out_of_room_are_left_out_whole_and_help_and_the_palette_key_stay_in_view() -> None:
    app = KeysApp()
    async with unfocused(app, 30):
        assert bar_text(app) == " h Home    ? Help ▏^p palette "


async def test_the_bar_follows_the_focus() -> None:
    app = KeysApp()
    async with unfocused(app, 100) as pilot:
        assert bar_text(app).startswith(" h Home  ? Help ")
        app.query_one(Input).focus()
        await pilot.pause()
        assert bar_text(app).startswith(" f1 Help "), "keys a text box takes for typing leave the bar; f1 stands in"
        assert "Home" not in bar_text(app)


async def test_a_click_on_a_key_or_its_description_presses_it() -> None:
    app = KeysApp()
    async with unfocused(app) as pilot:
        await pilot.click(KeyBar, offset=offset_of(app, "Help"))
        await pilot.click(KeyBar, offset=offset_of(app, " r "))
        assert app.went == ["help", "refreshed"]


async def test_a_key_that_does_nothing_here_is_dimmed_and_a_click_on_it_rings_the_bell() -> None:
    app = KeysApp(refresh_works=False)
    async with unfocused(app) as pilot:
        bar = app.query_one(KeyBar)
        refresh = next(span for span in bar.render().spans if "Refresh" in str(bar.render())[span.start:span.end])
        assert "dim" in str(refresh.style)
        await pilot.click(KeyBar, offset=offset_of(app, "Refresh"))
        assert app.went == [] and app.rang == 1


async def test_the_pointer_over_a_key_shows_its_tooltip() -> None:
    app = KeysApp()
    async with unfocused(app) as pilot:
        await pilot.hover(KeyBar, offset=offset_of(app, "Home"))
        assert app.query_one(KeyBar).tooltip == "Go to the home screen"
        await pilot.hover(KeyBar, offset=offset_of(app, "Help"))
        assert app.query_one(KeyBar).tooltip == "Help"
