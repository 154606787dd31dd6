"""Keys are handled in the order they were typed, even when an earlier key opens a form or moves the focus.

Textual hands each key to the focused widget as it arrives, and runs a key's action (Tab's "next field",
`n`'s "new case") only once the key has come back up to the app unhandled. A coordinator who types `n`,
the family name, Tab, the child's name … without waiting therefore had the name typed into the screen
behind (`/` in a date opened the case search and the workbench failed) and the child's name into the
family name. So a key that has an action holds every key typed after it until its action has run, with all
it set going: the reads and saves it started (and those their results start), a tab it showed until the
tab's table has the focus, a form it opened until the form's first field has the focus. Held keys are then
handled in order. A key bound above the fields (ctrl+s, ctrl+q) first waits for the focused field to take
the keys typed before it, so a form saves what was typed. Whatever is awaited, no key is held for longer
than `HOLD_AT_MOST` seconds.
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
    """The keys held behind an action still to run (or what it set going), and the letting go of them."""

    def __init__(self, app: App[object]) -> None:
        self._app = app
        self._held: list[events.Key] | None = None
        self._opener: events.Key | None = None
        self._opener_back = False
        self._focus_coming = False
        self._work = 0
        self._round = 0
        self._waited: list[events.Key] = []
        self._timer: Timer | None = None

    def arrived(self, event: events.Event) -> bool:
        """Look at an event as the app receives it: True when it is a key to keep for later."""
        if not isinstance(event, events.Key):
            return False
        if self._held is not None:
            if event is self._opener:  # the key whose action is awaited, back up unhandled: let it run
                self._opener_back = True
                return False
            if event.is_forwarded:  # typed before the awaited key, back up unhandled: its turn is now
                return False
            self._held.append(events.Key(event.key, event.character))
            return True
        if any(event is waited for waited in self._waited):
            self._waited = [waited for waited in self._waited if waited is not event]
            return False
        if event.is_forwarded:
            return False
        if self._is_priority(event.key):
            self._wait_for_the_field(event)
            return True
        if self._has_action(event.key):
            self._start()
            self._opener = event
        return False

    def handled(self, event: events.Event) -> None:
        """After the app has handled an event: the awaited key's action has run, so let the rest go."""
        if event is self._opener and self._opener_back:
            self._opener, self._opener_back = None, False
            self._let_go_when_ready()

    def focus_coming(self) -> None:
        """A form, or a tab's table, is about to take the focus: hold the keys until it has (`release`)."""
        self._start()
        self._focus_coming = True

    def release(self) -> None:
        """The focus awaited has been asked for: let the held keys go once the app's queue reaches this point.

        Everything already waiting there is handled first: the focus asked for just before (Textual sets it
        later, not at once) and any key still arriving, which is held as well and so keeps its place.
        """
        self._focus_coming = False
        self._let_go_when_ready()

    def work_started(self) -> int | None:
        """A read or save is starting: when keys are held, they wait for it too. Returns what to hand to
        `work_done` once its result has been handled; None when no key waits for it."""
        if self._held is None:
            return None
        self._work += 1
        return self._round

    def work_done(self, waited: int | None) -> None:
        """A read or save that keys waited for has ended and its result has been handled (one waited for by
        keys since let go, after `HOLD_AT_MOST`, no longer counts)."""
        if waited is None or waited != self._round or not self._work:
            return
        self._work -= 1
        self._let_go_when_ready()

    def _let_go_when_ready(self) -> None:
        """Let go once nothing is awaited, when the app's queue reaches this point: after the focus an action
        asked for and the callbacks already due (a form closing hands its result to the tab, which reads
        again, and those reads are awaited in turn)."""
        if self._held is not None and self._opener is None and not self._focus_coming and not self._work:
            self._app.call_later(self._replay)

    def _give_up(self) -> None:
        """Held for `HOLD_AT_MOST`: whatever was awaited, the keys go now."""
        self._timer = None
        self._opener, self._opener_back, self._focus_coming, self._work = None, False, False, 0
        self._round += 1
        self._app.call_later(self._replay)

    def _start(self) -> None:
        if self._held is None:
            self._held = []
            self._timer = self._app.set_timer(HOLD_AT_MOST, self._give_up, name="type-ahead")

    def _wait_for_the_field(self, event: events.Key) -> None:
        """Hold a key bound above the fields until the focused widget has taken the keys sent to it before."""
        self._start()
        waiting = events.Key(event.key, event.character)
        self._held = [waiting]
        self._waited.append(waiting)  # when its turn comes it goes straight to its binding
        self._focus_coming = True
        taking = self._app.focused or self._app.screen
        taking.call_later(self.release)

    def _is_priority(self, key: str) -> bool:
        binding = self._app.active_bindings.get(key)
        return binding is not None and binding.binding.priority

    def _has_action(self, key: str) -> bool:
        """Whether the key will run an action once it comes back up (a field takes typing itself)."""
        binding = self._app.active_bindings.get(key)
        if binding is None or binding.binding.priority:
            return False
        return key in FOCUS_KEYS or not isinstance(self._app.focused, (Input, TextArea))

    async def _replay(self) -> None:
        if self._held is None or self._opener is not None or self._focus_coming or self._work:
            return  # a held key opened another hold while waiting its turn: that one lets them go
        held, self._held = self._held, None
        self._round += 1
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        while held:
            key = held.pop(0)
            await self._app.on_event(key)
            if self._held is not None:  # that key's action holds what follows it in turn
                self._held.extend(held)
                return
