"""A reusable form as a modal screen: fields from a list, saving through a service in a worker.

Every form in fgdm (a case, a network member, a meeting, a plan action, a support item) is a `FormScreen`
given its fields, its starting values and a `save` function; the form shows the service's
`ValidationFailed` messages under the fields they name, asks before discarding changes, offers reload or
reapply on a `Conflict`, and notifies on success. It is dismissed with what `save` returned, or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import Conflict, FgdmError, ValidationFailed, as_sentence, field_label, field_sentence
from fgdm.tui.actions import bindings_for
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.conflict import ConflictChoice, ConflictDialog
from fgdm.tui.widgets.service_call import run_service

FieldKind = Literal["text", "long_text", "date", "choice", "flag"]
SaveFunction = Callable[[ServiceContext, dict[str, Any], int | None], Any]
LoadFunction = Callable[[ServiceContext], tuple[dict[str, Any], int | None]]

REQUIRED_NOTE = "Fields marked * are required."
WARNINGS_HEADING = "To save as it is, say why each warning is accepted; or change the fields it names."

_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


@dataclass(frozen=True)
class FormField:
    """One field: `name` is the service's field name, so its validation message lands beside it."""

    name: str
    label: str
    kind: FieldKind = "text"
    choices: Sequence[tuple[str, Any]] = ()
    required: bool = False
    placeholder: str = ""
    aliases: Sequence[str] = ()
    """Other names the service may use for this field in an error (e.g. "children.0.given_name")."""
    hint: str = ""
    """A line under the field saying what to write, drawn apart from the label so the two never run together."""
    section: str = ""
    """A heading drawn above this field: the first field of each part of a long form names its part."""
    warnings_block: bool = False
    """The reason for accepting warnings: hidden until the service's warnings name it, then shown with the
    warnings listed above it and focused, so the coordinator reads what they accept where they type why."""

    @property
    def widget_id(self) -> str:
        return f"field-{self.name}"


def read_date(text: str) -> str | None:
    """Blank is no date; 23/11/2026 is read as 2026-11-23; anything else goes to the service as typed, so
    its message explains what is wrong (31/02/2026 becomes 2026-02-31: "day value is outside the month")."""
    text = text.strip()
    if not text:
        return None
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return text


def _as_sentence(text: str) -> str:
    """An intro ends its sentence before the next one starts (a translated intro may come without its stop)."""
    text = text.strip()
    return text if text.endswith((".", "?", "!", ":")) else f"{text}."


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


class FormScreen(ModalScreen[Any]):
    """A modal form; construct it with fields, initial values and a save function."""

    CSS_PATH = Path(__file__).with_name("form.tcss")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
    ACTION_SCOPE = "form"
    BINDINGS = bindings_for("form")
    HOLDS_TYPE_AHEAD = True
    """Keys typed before the first field has the focus wait for it (`fgdm.tui.type_ahead`)."""

    def __init__(self, title: str, fields: Sequence[FormField], save: SaveFunction, *,
                 initial: dict[str, Any] | None = None, version: int | None = None,
                 load: LoadFunction | None = None, send_only_changes: bool = False,
                 saved_message: Callable[[Any], str] = lambda _result: "Saved",
                 intro: str = "") -> None:
        super().__init__(classes="form-screen")
        self.form_title = title
        self.fields = list(fields)
        self.save_function = save
        self.load_function = load
        self.initial = {field.name: (initial or {}).get(field.name) for field in self.fields}
        self.version = version
        self.send_only_changes = send_only_changes
        self.saved_message = saved_message
        self.intro = intro
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield Static(self.form_title, id="form-title", markup=False)
            intro = " ".join(_as_sentence(part) for part in (
                self.intro, REQUIRED_NOTE if any(f.required for f in self.fields) else "") if part)
            if intro:
                yield Static(intro, id="form-intro", markup=False)
            yield Static(id="form-errors", classes="field-error", markup=False)
            with VerticalScroll(id="form-fields"):
                section = ""
                for field in self.fields:
                    if field.section and field.section != section:
                        section = field.section
                        yield Static(section, classes="form-section", markup=False)
                    with Vertical(classes="form-field", id=f"row-{field.name}"):
                        if field.warnings_block:
                            yield Static(id=f"error-{field.name}", classes="field-error field-warnings",
                                         markup=False)
                        with Horizontal(classes="field-line"):
                            yield Static(field.label + (" *" if field.required else ""), classes="field-label",
                                         markup=False)
                            yield self._editor(field)
                        if field.hint:
                            yield Static(field.hint, classes="field-hint", markup=False)
                        if not field.warnings_block:
                            yield Static(id=f"error-{field.name}", classes="field-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary")
                yield Button("Cancel (esc)", id="form-cancel")

    def _editor(self, field: FormField) -> Widget:
        value = self.initial.get(field.name)
        if field.kind == "long_text":
            return TextArea(_as_text(value), id=field.widget_id, classes="field-long-text", soft_wrap=True,
                            compact=True)
        if field.kind == "choice":
            return Select(list(field.choices), value=value if value is not None else Select.NULL,
                          allow_blank=not field.required or value is None, id=field.widget_id, prompt="Choose…",
                          compact=True)
        if field.kind == "flag":
            return Checkbox("", value=bool(value), id=field.widget_id, compact=True)
        placeholder = field.placeholder or ("DD/MM/YYYY, e.g. 23/11/2026" if field.kind == "date" else "")
        return Input(_as_text(value), placeholder=placeholder, id=field.widget_id, compact=True)

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False
        for field in self.fields:
            if field.warnings_block:
                self.query_one(f"#row-{field.name}").display = False
        first = next((field for field in self.fields if not field.warnings_block), None)
        if first is not None:
            self.query_one(f"#{first.widget_id}").focus()
        type_ahead = getattr(self.app, "type_ahead", None)  # the workbench's; a bare app hosting a form has none
        if type_ahead is not None:
            type_ahead.release()

    def read_value(self, field: FormField) -> Any:
        """The field's value as the service takes it: text trimmed, blank dates None."""
        widget = self.query_one(f"#{field.widget_id}")
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, Checkbox):
            return widget.value
        assert isinstance(widget, Input)
        return read_date(widget.value) if field.kind == "date" else widget.value

    def values(self) -> dict[str, Any]:
        return {field.name: self.read_value(field) for field in self.fields}

    def changed_values(self) -> dict[str, Any]:
        """Fields whose value differs from what the form opened with (compared as the user sees them)."""
        changed = {}
        for field in self.fields:
            value = self.read_value(field)
            before = self.initial.get(field.name)
            if field.kind == "flag":
                differs = bool(value) != bool(before)
            elif field.kind == "choice":
                differs = value != before
            elif field.kind == "date":
                differs = value != read_date(_as_text(before))
            else:
                differs = _as_text(value).strip() != _as_text(before).strip()
            if differs:
                changed[field.name] = value
        return changed

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Keep the focused field's whole row in view (its warnings, hint and message too), not only its editor."""
        row = next((node for node in event.widget.ancestors if isinstance(node, Widget)
                    and node.has_class("form-field")), None)
        if row is not None:
            self.call_after_refresh(self.query_one("#form-fields", VerticalScroll).scroll_to_widget, row,
                                    animate=False)

    def has_unsaved_changes(self) -> bool:
        """Whether leaving (Esc, or quitting the workbench) would lose typing, so it asks first."""
        return bool(self.changed_values())

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under the field it names (a warnings block lists its warnings above its reason); any
        the form cannot place go above the fields; the first field named takes the focus."""
        for error in self.query(".field-error"):
            assert isinstance(error, Static)
            error.update("")
            error.display = False
        placed: dict[str, list[str]] = {}
        unplaced = []
        for key, message in errors.items():
            field = self._field_for(key)
            if field is None:
                unplaced.append(field_sentence(field_label(key), message))
            elif field.warnings_block:
                placed.setdefault(field.name, []).append(f"• {as_sentence(message)}")
            else:
                placed.setdefault(field.name, []).append(field_sentence(field.label, message))
        for field in self.fields:
            if field.name not in placed:
                continue
            if field.warnings_block:
                self.query_one(f"#row-{field.name}").display = True
                placed[field.name].insert(0, WARNINGS_HEADING)
            error = self.query_one(f"#error-{field.name}", Static)
            error.update("\n".join(placed[field.name]))
            error.display = True
        general = self.query_one("#form-errors", Static)
        general.update("\n".join(unplaced))
        general.display = bool(unplaced)
        first = next((field for field in self.fields if field.name in placed), None)
        if first is not None:
            self.query_one(f"#{first.widget_id}").focus()

    def _field_for(self, key: str) -> FormField | None:
        for field in self.fields:
            if key == field.name or key in field.aliases:
                return field
        return None

    def action_save(self) -> None:
        if self.saving:
            return
        unchosen = {field.name: "is required: choose one from the list" for field in self.fields
                    if field.kind == "choice" and field.required and self.read_value(field) is None}
        if unchosen:
            self.show_errors(unchosen)
            return
        values = self.changed_values() if self.send_only_changes else self.values()
        if self.send_only_changes and not values:
            self.notify("Nothing has changed.", title=self.form_title)
            self.dismiss(None)
            return
        self._submit(values, self.version)

    def _submit(self, values: dict[str, Any], version: int | None) -> None:
        self.saving = True
        run_service(self, lambda ctx: self.save_function(ctx, values, version), self._saved,
                    failed=lambda error: self._failed(error, values), group="form-save")

    def _saved(self, result: Any) -> None:
        self.saving = False
        self.notify(self.saved_message(result), title="Saved")
        self.dismiss(result)

    def _failed(self, error: FgdmError, values: dict[str, Any]) -> None:
        self.saving = False
        if isinstance(error, ValidationFailed):
            self.show_errors(error.errors)
        elif isinstance(error, Conflict):
            self.app.push_screen(ConflictDialog(error), lambda choice: self._resolve(choice, values))
        else:
            self.show_errors({"": error.in_words()})

    def _resolve(self, choice: ConflictChoice | None, values: dict[str, Any]) -> None:
        if choice == "reapply":
            self._submit(values, None)
        elif choice == "reload" and self.load_function is not None:
            run_service(self, self.load_function, self._reloaded, group="form-load")

    def _reloaded(self, loaded: tuple[dict[str, Any], int | None]) -> None:
        initial, self.version = loaded
        self.initial = {field.name: initial.get(field.name) for field in self.fields}
        for field in self.fields:
            self._set_value(field, self.initial[field.name])
        self.notify("Showing the saved values; make your change again if it is still needed.",
                    title="Reloaded")

    def _set_value(self, field: FormField, value: Any) -> None:
        widget = self.query_one(f"#{field.widget_id}")
        if isinstance(widget, TextArea):
            widget.text = _as_text(value)
        elif isinstance(widget, Select):
            widget.value = value if value is not None else Select.NULL
        elif isinstance(widget, Checkbox):
            widget.value = bool(value)
        elif isinstance(widget, Input):
            widget.value = _as_text(value)

    def action_cancel(self) -> None:
        if not self.has_unsaved_changes():
            self.dismiss(None)
            return
        self.app.push_screen(Confirmation("Discard your changes to this form?", yes="Discard", no="Keep editing"),
                             lambda discard: self.dismiss(None) if discard else None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        elif event.button.id == "form-cancel":
            self.action_cancel()
