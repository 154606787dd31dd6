"""The command palette (ctrl+p): every registered action live on this screen, and finding a case or person.

Actions come from the one registry in `fgdm.tui.actions`; an action is live when its scope is "app", the
current screen's `ACTION_SCOPE`, or the `ACTION_SCOPE` of a widget on the current screen. Typing two or
more characters also searches the cases (reference, children, family and network member names) and
offers to open each match.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from fgdm.tui.actions import Action, all_actions

if TYPE_CHECKING:
    from fgdm.services import cases
    from fgdm.tui.app import FgdmApp

CASE_HITS = 8


class FgdmCommands(Provider):
    @property
    def fgdm(self) -> FgdmApp:
        return cast("FgdmApp", self.app)

    def live_actions(self) -> Iterator[tuple[Action, DOMNode]]:
        """Each palette action whose owner is on screen, with the node it runs on."""
        owners: dict[str, DOMNode] = {"app": self.app}
        screen_scope = getattr(self.screen, "ACTION_SCOPE", None)
        if screen_scope:
            owners[screen_scope] = self.screen
        for widget in self.screen.query("*"):
            scope = getattr(widget, "ACTION_SCOPE", None)
            if scope and scope not in owners:
                owners[scope] = widget
        for action in all_actions():
            owner = owners.get(action.scope)
            if action.palette and owner is not None:
                yield action, owner

    def _run(self, action: Action, owner: DOMNode) -> None:
        self.app.call_later(self.app.run_action, action.action, owner)

    async def discover(self) -> Hits:
        for action, owner in self.live_actions():
            yield DiscoveryHit(action.description, partial(self._run, action, owner), help=action.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action, owner in self.live_actions():
            score = max(matcher.match(action.description), matcher.match(action.help) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(action.description), partial(self._run, action, owner),
                          help=action.help)
        if len(query.strip()) < 2:
            return
        found = await asyncio.to_thread(self._find_cases, query)
        for row in found:
            label = f"Open {row.reference}: {row.children or row.family_name} ({row.status.label})"
            yield Hit(0.5, label, partial(self.fgdm.open_case, row.id), text=label,
                      help=f"{row.family_name} family · coordinator {row.coordinator or 'unallocated'}")

    def _find_cases(self, query: str) -> list[cases.CaseSummary]:
        """Cases matching the words typed; the cases service is imported with the first search, not at start."""
        from fgdm.services import cases

        with self.fgdm.service_context() as ctx:
            return cases.list_cases(ctx, search=query, limit=CASE_HITS).rows
