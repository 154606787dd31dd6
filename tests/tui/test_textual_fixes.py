"""Textual's drawing caches go with their widgets (https://github.com/Textualize/textual/issues/6665)."""

from __future__ import annotations

import gc

from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.style import Style
from textual.widgets import Label

from fgdm.tui.app import FgdmApp


class Rebuilding(App[None]):
    def compose(self) -> ComposeResult:
        yield Vertical(id="cards")


def _style_caches() -> int:
    gc.collect()
    return sum(isinstance(found, StylesCache) for found in gc.get_objects())


async def test_removed_widgets_leave_no_drawing_behind() -> None:
    """Forty cards drawn and removed ten times: the removed cards' style caches (each with every line it drew)
    were kept by Textual's cache of background colours, up to 1,024 of them."""
    assert FgdmApp  # importing the workbench applies the fix
    app = Rebuilding()
    async with app.run_test(size=(60, 50)) as pilot:
        cards = app.query_one("#cards")
        await cards.mount_all([Label(f"card {n}") for n in range(40)])
        await pilot.pause()
        before = _style_caches()
        for round_ in range(10):
            await cards.remove_children()
            await cards.mount_all([Label(f"card {round_}.{n}") for n in range(40)])
            await pilot.pause()
        assert _style_caches() - before < 40


def test_the_fix_keeps_textuals_colours() -> None:
    base, background = Color(10, 20, 30), Color(200, 0, 0, 0.5)
    assert StylesCache.get_inner_outer(base, background) == (Style(background=base + background),
                                                              Style(background=base))
