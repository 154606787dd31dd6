"""Keys are handled in the order they were typed, even when an earlier key opens a form or moves the focus.

Textual hands each key to the focused widget as it arrives, and runs a key's action (Tab's "next field",
`n`'s "new case") only once the key has come back up to the app unhandled. A coordinator who types `n`,
the family name, Tab, the child's name … without waiting therefore had the name typed into the screen
behind (`/` in a date opened the case search and the workbench failed) and the child's name into the
family name. So a key that has an action holds every key typed after it until its action has run; when the
action opens a form, until the form's first field has the focus. Held keys are then handled in order. A
form that never arrives (its read failed) lets them go when the failure is reported, or after
`HOLD_AT_MOST` seconds, so no key is ever kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

HOLD_AT_MOST = 3.0
"""Seconds a key is held at most: longer than any form's read on a busy database."""

FOCUS_KEYS = frozenset({"tab", "shift+tab"})
"""The keys with an action that a field being typed in passes on rather than handles itself."""


class TypeAhead:
    """The keys held behind an action still to run (or a form on its way), and the letting go of them."""

    def __init__(self, app: App[object]) -> None:
        self._app = app
        self._held: list[events.Key] | None = None
        self._opener: events.Key | None = None
        self._opener_back = False
        self._form_coming = False
        self._timer: Timer | None = None

    def arrived(self, event: events.Event) -> bool:
        """Look at an event as the app receives it: True when it is a key to keep for later."""
        if not isinstance(event, events.Key):
            return False
        if self._held is not None:
            if event is self._opener:  # the key whose action is awaited, back up unhandled: let it run
                self._opener_back = True
                return False
            self._held.append(events.Key(event.key, event.character))
            return True
        if not event.is_forwarded and self._has_action(event.key):
            self._start()
            self._opener = event
        return False

    def handled(self, event: events.Event) -> None:
        """After the app has handled an event: the awaited key's action has run, so let the rest go."""
        if event is self._opener and self._opener_back:
            self._opener, self._opener_back = None, False
            if not self._form_coming:
                self.release()

    def form_coming(self) -> None:
        """A form is on its way: hold the keys until it has the focus (`release`)."""
        self._start()
        self._form_coming = True

    def release(self) -> None:
        """Let the held keys go once the app's queue reaches this point.

        Everything already waiting there is handled first: a focus asked for just before (Textual sets it
        later, not at once) and any key still arriving, which is held as well and so keeps its place.
        """
        if self._held is None:
            return
        self._form_coming = False
        self._opener, self._opener_back = None, False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._app.call_later(self._replay)

    def _start(self) -> None:
        if self._held is None:
            self._held = []
            self._timer = self._app.set_timer(HOLD_AT_MOST, self.release, name="type-ahead")

    def _has_action(self, key: str) -> bool:
        """Whether the key will run an action once it comes back up (a field takes typing itself)."""
        binding = self._app.active_bindings.get(key)
        if binding is None or binding.binding.priority:
            return False
        return key in FOCUS_KEYS or not isinstance(self._app.focused, (Input, TextArea))

    async def _replay(self) -> None:
        if self._opener is not None or self._form_coming:
            return  # a held key opened another hold while waiting its turn: that one lets them go
        held, self._held = self._held or [], None
        while held:
            key = held.pop(0)
            await self._app.on_event(key)
            if self._held is not None:  # that key's action holds what follows it in turn
                self._held.extend(held)
                return
