"""The keys that work here, in one line at the foot of a screen; a click on one presses it.

It shows what Textual's Footer shows (each action's first key and its description, dimmed when it does
nothing here, the command palette's key at the right) as one widget drawn from the screen's bindings. The
Footer is a widget per key, made only once the screen has first been drawn and made again at each change of
focus: at start it laid out and drew home a second time, a sixth of the workbench's start on a large service
(`docs/performance.md`).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

HELP_ACTION = "help"
"""The action whose key the bar keeps in view when other keys are left out: help lists every key."""


class Key(NamedTuple):
    """One key as the bar shows it."""

    key: str
    shown_as: str
    description: str
    enabled: bool
    tooltip: str
    action: str


class KeyBar(Widget):
    """Each action's first key and what it does, from the bindings active where the focus is."""

    DEFAULT_CSS = Path(__file__).with_name("key_bar.tcss").read_text(encoding="utf-8")
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled", "key-bar--separator"}
    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        self.set_reactive(Widget.auto_links, False)  # keys keep their own colours rather than a link's
        self._drawn: dict[str, Key] = {}
        """The keys as last drawn, by key: a click or the pointer finds what the user sees, without asking the
        screen for its bindings again at every move of the mouse."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def keys(self) -> tuple[list[Key], Key | None]:
        """The keys to show in order, and the command palette's key apart (it sits at the right)."""
        shown: dict[str, Key] = {}
        palette: Key | None = None
        for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items():
            entry = Key(binding.key, self.app.get_key_display(binding), binding.description, enabled,
                        tooltip or binding.description, binding.action)
            if key == self.app.COMMAND_PALETTE_BINDING:
                palette = entry if self.app.ENABLE_COMMAND_PALETTE else None
            elif binding.show:
                shown.setdefault(binding.action, entry)
        return list(shown.values()), palette

    def render(self) -> RenderResult:
        """The keys from the left, as many as fit whole, and the palette's key kept in view at the right edge;
        when some keys are left out, the help key (which lists them all) moves beside the palette's."""
        keys, palette = self.keys()
        right = Content("") if palette is None else Content.assemble(
            ("▏", self.get_visual_style("key-bar--separator")), self._part(f"{palette.shown_as} ", palette))
        self._drawn = {} if palette is None else {palette.key: palette}
        parts = [(key, self._part(f" {key.shown_as} ", key)) for key in keys]
        help_key = next((key for key in keys if key.action == HELP_ACTION), None)
        if help_key is not None and sum(part.cell_length for _, part in parts) > self.size.width - right.cell_length:
            right = self._part(f" {help_key.shown_as} ", help_key) + right
            self._drawn[help_key.key] = help_key
            parts = [(key, part) for key, part in parts if key is not help_key]
        room = self.size.width - right.cell_length
        line = Content("")
        for key, part in parts:
            if line.cell_length + part.cell_length > room:
                break
            line += part
            self._drawn[key.key] = key
        return Content.assemble(line.pad_right(max(room - line.cell_length, 0)), right)

    def _part(self, shown_as: str, key: Key) -> Content:
        """A key and its description, both pressing the key when clicked."""
        pressed = Style.from_meta({"@click": f"press({key.key!r})", "key": key.key})
        disabled = () if key.enabled else ("key-bar--disabled",)
        return Content.assemble(
            (shown_as, self.get_visual_style("key-bar--key", *disabled) + pressed),
            (f"{key.description} " if key.description else "",
             self.get_visual_style("key-bar--description", *disabled) + pressed),
        )

    def action_press(self, key: str) -> None:
        drawn = self._drawn.get(key)
        if drawn is None or drawn.enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Each key's tooltip, as the Footer gave one per key widget."""
        drawn = self._drawn.get(event.style.meta.get("key", ""))
        self.tooltip = drawn.tooltip if drawn else None


__all__ = ["Key", "KeyBar"]
