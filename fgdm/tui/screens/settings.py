"""The council's settings: the approval threshold, budgets, retention, support categories, names on letters.

Everyone may read them here (they decide what the workbench allows); Enter on one opens a form to change it,
which only an administrator's save passes, every change in the audit trail. They are the database's, not any
one person's environment or config file, so this screen and `fgdm settings` are the only ways to change them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from fgdm.i18n import format_day
from fgdm.services import settings as council
from fgdm.services.shared.clock import to_london
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.screens.home import shown_folder
from fgdm.tui.widgets.form import FormField, FormScreen
from fgdm.tui.widgets.key_bar import KeyBar
from fgdm.tui.widgets.service_call import run_service, workbench

register(
    Action("settings.reset", "settings", "r", "reset", "Default", "Go back to fgdm's default for this setting"),
    Action("settings.back", "settings", "escape", "back", "Back", "Return to the previous screen"),
)


def origin(view: council.SettingView) -> str:
    """Who chose the value and when, or that it is fgdm's own."""
    if view.changed_at is None:
        return "fgdm's default"
    return f"{view.changed_by or 'an administrator'}, {format_day(to_london(view.changed_at).date())}"



def setting_fields(view: council.SettingView) -> list[FormField]:
    """One setting's field: the support categories (a mapping) as long text, the rest as a line."""
    return [FormField(view.key, view.label, "long_text" if isinstance(view.value, dict) else "text")]

class SettingsScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("settings.tcss")
    ACTION_SCOPE = "settings"
    BINDINGS = bindings_for("settings")

    def __init__(self) -> None:
        super().__init__()
        self.views: dict[str, council.SettingView] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("The council's settings apply to everyone. Enter changes the one under the cursor "
                     "(administrators); r goes back to fgdm's default.", id="settings-intro", markup=False)
        yield DataTable(id="settings-table", cursor_type="row", zebra_stripes=True)
        yield Static(f"Yours, on this computer: generated files are written to "
                     f"{shown_folder(workbench(self).workspace.settings.output_folder())} (output_dir in "
                     "config.toml, or FGDM_OUTPUT_DIR, changes it).", id="settings-output", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Council settings"
        self.query_one(DataTable).add_columns("Setting", "Value", "Chosen by")
        self.load()

    def load(self) -> None:
        run_service(self, council.list_settings, self.show, group="settings")

    def show(self, views: list[council.SettingView]) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.views = {view.key: view for view in views}
        for view in views:
            table.add_row(*(Text(cell) for cell in (view.label, view.text or "(none)", origin(view))), key=view.key)
        table.move_cursor(row=min(row, len(views) - 1))
        table.focus()

    def _current(self) -> council.SettingView | None:
        table = self.query_one(DataTable)
        if not self.views:
            return None
        return self.views[str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        view = self.views[str(event.row_key.value)]

        def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> council.SettingView:
            return council.set_setting(ctx, view.key, str(values.get(view.key) or ""))

        form = FormScreen(f"Change: {view.label}", setting_fields(view), save,
                          initial={view.key: view.text}, saved_message=lambda _: "Setting changed for everyone",
                          intro=f"{view.description} Now {view.text or '(none)'} ({origin(view)}). Amounts in "
                                "pounds; the support categories as code and label pairs in braces, as shown.")
        self.app.push_screen(form, lambda changed: self.load() if changed is not None else None)

    def action_reset(self) -> None:
        view = self._current()
        if view is not None:
            run_service(self, lambda ctx: council.reset_setting(ctx, view.key), lambda _: self.load(),
                        group="settings")

    def action_back(self) -> None:
        self.app.pop_screen()


def open_settings(app: App[None]) -> None:
    """The app's ``action_open_settings`` (F10) calls this."""
    app.push_screen(SettingsScreen())
