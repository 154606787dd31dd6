"""The one registry of user actions: it feeds key bindings, the footer, the help screen and the palette.

Each action belongs to a scope: "app" (anywhere), a screen's scope ("home", "case_list", "case", "form") or
a widget's own scope (a case tab). A class takes its bindings with `BINDINGS = bindings_for("case")` and
defines `action_<name>`; the help screen lists every registered action and the command palette offers the
ones whose scope is live on the current screen. Later features register theirs at import time with
`register(...)` in the module that implements them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    """Something a user can do: `action` is the Textual action name run on the scope's owner."""

    id: str
    scope: str
    keys: str
    action: str
    description: str
    help: str = ""
    show: bool = True
    palette: bool = True
    priority: bool = False

    @property
    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.description, show=self.show, id=self.id,
                       tooltip=self.help or self.description, priority=self.priority)

    @property
    def key_label(self) -> str:
        return ", ".join(key.strip() for key in self.keys.split(","))


SCOPE_TITLES: dict[str, str] = {
    "app": "Anywhere",
    "home": "Home",
    "case_list": "Case list",
    "case": "Case",
    "overview": "Overview",
    "form": "Forms",
    "confirm": "Questions",
    "written": "Files written",
    "conflict": "Saved by someone else",
    "help": "Help",
    "budget": "Budget",
    "diary": "Diary",
    "meetings": "Meetings",
    "network": "Network",
    "offers": "Offers",
    "plan": "Plan",
    "support": "Support",
    "notes": "Notes",
    "documents": "Documents",
    "week": "My week",
    "reports": "Reports",
    "explain": "Explain",
}
"""Each scope's heading in the help screen, in the order it lists them."""

ACTION_MODULES = ("fgdm.tui.screens.budget", "fgdm.tui.screens.case", "fgdm.tui.screens.reports",
                  "fgdm.tui.screens.settings", "fgdm.tui.screens.week", "fgdm.tui.widgets.written")
"""The modules that register the rest of the actions (the case screen imports its tabs, and the meetings tab
the diary). They are imported when first used, so `every_action` imports them to list every action."""

_REGISTRY: dict[str, Action] = {}


def register(*actions: Action) -> None:
    """Add actions; an id registered twice is a programming error, caught at import time."""
    for action in actions:
        if action.id in _REGISTRY:
            raise ValueError(f"action {action.id!r} is registered twice")
        _REGISTRY[action.id] = action


def all_actions() -> list[Action]:
    """The actions registered so far: every one the screens on show (and the app) can run."""
    return list(_REGISTRY.values())


def every_action() -> list[Action]:
    """Every action fgdm has, whether or not its screen was opened yet (for the help screen)."""
    for module in ACTION_MODULES:
        importlib.import_module(module)
    return all_actions()


def in_scope(scope: str) -> list[Action]:
    return [action for action in _REGISTRY.values() if action.scope == scope]


def bindings_for(scope: str) -> list[Binding]:
    return [action.binding for action in in_scope(scope)]


register(
    Action("app.home", "app", "h", "go_home", "Home", "Go to the home screen: your cases and what needs action"),
    Action("app.cases", "app", "l", "case_list", "Cases", "List, search and filter every case you may open"),
    Action("app.find", "app", "slash", "find_case", "Find", "Find a case by reference, child, family or network "
                                                           "member name"),
    Action("app.new_case", "app", "n", "new_case", "New case", "Open a new case from a referral"),
    Action("app.help", "app", "question_mark,f1", "help", "Help", "Show every key and what it does"),
    Action("app.theme", "app", "ctrl+t", "toggle_dark", "Light/dark", "Switch between the light and dark themes",
           show=False),
    Action("app.quit", "app", "ctrl+q", "quit", "Quit", "Leave fgdm", priority=True),
    Action("home.refresh", "home", "r", "refresh", "Refresh", "Reload your cases and what needs action"),
    Action("home.week", "home", "w", "app.open_week", "My week", "Your week: meetings, visits, follow-ups and tasks "
                                                                "due", palette=False),
    Action("case_list.sort", "case_list", "s", "sort_next", "Sort", "Sort by the next column"),
    Action("case_list.reverse", "case_list", "S", "sort_reverse", "Reverse", "Reverse the sort order",
           show=False),
    Action("case_list.filters", "case_list", "f", "focus_filters", "Filters",
           "Move to the coordinator, stage and status filters"),
    Action("case_list.next_page", "case_list", "right_square_bracket", "next_page", "Next page",
           "Show the next page of cases"),
    Action("case_list.previous_page", "case_list", "left_square_bracket", "previous_page", "Previous page",
           "Show the previous page of cases"),
    Action("case_list.back", "case_list", "escape", "back", "Back", "Return to the previous screen", show=False,
           palette=False),
    Action("case.edit", "case", "e", "edit_overview", "Edit", "Edit the referral, consent and dates on the "
                                                             "overview"),
    Action("case.advance", "case", "a", "advance_stage", "Advance stage", "Move the case to its next stage"),
    Action("case.close", "case", "x", "close_case", "Close case", "Close the case with a reason"),
    Action("case.reopen", "case", "o", "reopen_case", "Reopen", "Reopen a closed case at the stage it closed "
                                                                "from"),
    Action("case.reload", "case", "r", "reload", "Reload", "Fetch the case again", show=False),
    Action("case.back", "case", "escape", "back", "Back", "Return to the previous screen"),
    Action("form.save", "form", "ctrl+s", "save", "Save", "Save the form", priority=True),
    Action("form.cancel", "form", "escape", "cancel", "Cancel", "Close the form; asks first if you changed "
                                                              "anything", palette=False),
    Action("confirm.yes", "confirm", "y", "answer(True)", "Yes", "Answer yes to the question", palette=False),
    Action("confirm.no", "confirm", "n,escape", "answer(False)", "No", "Answer no to the question", palette=False),
    Action("conflict.reload", "conflict", "r", "choose('reload')", "Reload", "Show the values saved now; your "
                                                                           "change is dropped", palette=False),
    Action("conflict.reapply", "conflict", "a", "choose('reapply')", "Reapply mine", "Save your values over the "
                                                                                   "ones saved now", palette=False),
    Action("conflict.cancel", "conflict", "escape", "choose('cancel')", "Back to the form", "Return to the form "
                                                                                          "unsaved", palette=False),
    Action("help.close", "help", "escape,q,question_mark,f1", "app.pop_screen", "Close help", "Close this help",
           palette=False),
    # The screens below are opened from anywhere, so their keys are bound on the app from the start; the
    # screens themselves (and their actions) are imported when first opened.
    Action("app.week", "app", "f7", "open_week", "My week",
           "Your week: meetings, visits, follow-ups and tasks due", show=False),
    Action("app.budget", "app", "f8", "open_budget", "Budget",
           "The service's support spend in a financial quarter against its budget (managers)", show=False),
    Action("app.reports", "app", "f9", "open_reports", "Reports",
           "The quarterly return: each measure, its trend, the records behind it, export (managers)", show=False),
    Action("app.settings", "app", "f10", "open_settings", "Settings",
           "The council's settings: threshold, budgets, retention, support categories (administrators change them)",
           show=False),
)
