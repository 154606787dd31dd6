"""The Network tab: the family network grouped by side, the contact pipeline one key per move, and the
genogram and ecomap drawn in text.

`m` adds a member (offering to link someone already on file), enter edits, delete removes (after asking).
The pipeline: space moves to the next step; c contacted, i invited, t attending, d declined, b excluded,
u lifts an exclusion. Safety is checked before anything is sent: nobody not to be told is ever invited,
exclusion asks for a reason and who decided, and contact before the family's consent asks why.
`g` switches between the members, the genogram, the ecomap, and the relationships and agencies (where
delete removes the highlighted one); `k` records consent; `w` a relationship;
`y` an agency; `j` merges a duplicate record of the highlighted person; `p` prints the map.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import ScrollableContainer, Vertical
from textual.content import Content
from textual.widgets import ContentSwitcher, DataTable, Static

from fgdm.documents.network_map import language_label
from fgdm.domain import contact_pipeline, ecomap
from fgdm.domain.enums import ConfidentialFact, ContactStatus, Side
from fgdm.domain.genogram import GenogramLayout
from fgdm.domain.network_picture import MemberEntry, NetworkPicture
from fgdm.i18n import format_day
from fgdm.services import network
from fgdm.services.network import DuplicateCandidate, merge_people
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.screens import network_forms as forms
from fgdm.tui.screens.network_duplicates import NEW_PERSON, DuplicateChoice
from fgdm.tui.widgets.case_tab import CaseTab
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.form import FormField, FormScreen
from fgdm.tui.widgets.genogram_view import diagram, genogram_diagram
from fgdm.tui.widgets.keep_from import keep_from_fields, keep_from_function, keep_from_initial, kept_from_names
from fgdm.tui.widgets.service_call import run_service
from fgdm.tui.widgets.written import show_written

S = ContactStatus
MOVE_KEYS: dict[ContactStatus, str] = {S.CONTACTED: "c", S.INVITED: "i", S.ATTENDING: "t", S.DECLINED: "d",
                                       S.EXCLUDED: "b", S.IDENTIFIED: "u"}
VIEWS = ("network-members", "network-genogram", "network-ecomap", "network-ties")
VIEW_TITLES = {"network-members": "Members", "network-genogram": "Genogram", "network-ecomap": "Ecomap",
               "network-ties": "Relationships and agencies (delete removes the highlighted one)"}
FOCUS = {"network-members": "#network-table", "network-ties": "#network-ties-table"}

register(
    Action("network.add", "network", "m", "add_member", "Add member",
           "Add someone to the network, or link a person already on file"),
    Action("network.edit", "network", "enter", "edit_member", "Edit", "Change the highlighted member", show=False),
    Action("network.remove", "network", "delete", "remove_member", "Remove",
           "Remove the highlighted member (asks first; anyone with history is kept)", show=False),
    Action("network.next", "network", "space", "next_step", "Next step",
           "Move the highlighted member to the next step: contacted, invited, attending"),
    *(Action(f"network.move.{status.value}", "network", key, f"move('{status.value}')", status.label,
             f"Record the highlighted member as {status.label.lower()}", show=False)
      for status, key in MOVE_KEYS.items()),
    Action("network.merge", "network", "j", "merge_duplicate", "Merge duplicate",
           "Find records of the highlighted person elsewhere on file and merge one into theirs", show=False),
    Action("network.view", "network", "g", "switch_view", "Genogram/ecomap",
           "Switch between the member list, the genogram and the ecomap"),
    Action("network.consent", "network", "k", "consent", "Consent",
           "Record who consented to the network being contacted, and when"),
    Action("network.relationship", "network", "w", "add_relationship", "Relationship",
           "Record a relationship between two people (parent of, partner of...)", show=False),
    Action("network.agency", "network", "y", "add_agency", "Agency", "Add an agency to the ecomap", show=False),
    Action("network.keep_from", "network", "f", "keep_from", "Keep address from",
           "Keep the highlighted member's address from named members of the network", show=False),
    Action("network.print", "network", "p", "print_map", "Print map",
           "Write the network map (.docx): the coordinator's copy or the shareable copy"),
)


@dataclass
class NetworkTabData:
    picture: NetworkPicture
    members: list[MemberEntry]
    kept: list[network.ConfidentialView]
    """What is kept from named members (addresses, meetings' venues and times)."""
    genogram: GenogramLayout | None = None
    """Laid out when the genogram is first shown: laying it out (Graphviz, in a process of its own) took two
    thirds of opening a case, for a view most openings never show."""

    def address_kept_from(self, member: MemberEntry) -> list[str]:
        return kept_from_names(self.kept, ConfidentialFact.ADDRESS, person_id=member.person_id)


def _order(member: MemberEntry) -> tuple[int, str]:
    return (list(Side).index(member.side) if member.side else len(Side), member.name.casefold())


def badges(member: MemberEntry, kept_from: int = 0) -> Content:
    """The safety markers as badges a coordinator cannot miss."""
    return Content(" ").join(badge_list(member, kept_from))


def badge_list(member: MemberEntry, kept_from: int = 0, *, narrow: bool = False) -> list[Content]:
    """Each safety marker a badge; in a narrow terminal the lesser ones in fewer words (the panel under the
    table says them in full)."""
    parts = []
    if member.not_to_be_told:
        parts.append(Content.from_markup("[bold reverse $error] NOT TO BE TOLD [/]"))
    if member.address_confidential:
        parts.append(Content.from_markup("[bold reverse $warning] ADDRESS CONFIDENTIAL [/]"))
    if member.contact_status is S.EXCLUDED:
        parts.append(Content.from_markup("[bold $error]Excluded[/]"))
    if kept_from:
        kept = f"Kept from {kept_from}" if narrow else f"Address kept from {kept_from}"
        parts.append(Content.from_markup(f"[bold $warning]{kept}[/]"))
    if member.attends_separately:
        parts.append(Content.from_markup(f"[$text-muted]{'Separate' if narrow else 'Separate session'}[/]"))
    return parts


SHORT_SIDES = {Side.MATERNAL: "Maternal", Side.PATERNAL: "Paternal", Side.FRIENDS_COMMUNITY: "Friends",
               Side.PROFESSIONAL: "Professional"}

MIN_RELATIONSHIP = 12
"""The fewest columns the relationship is cut to before the side gives up its column."""

CELL_PADDING = 2
"""What each column of a table adds to its text: a space either side."""


def shorten(text: str, width: int) -> str:
    """At most `width` characters, the cut marked with an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def language(member: MemberEntry) -> str:
    """Shown only where it matters: a language other than English, or an interpreter."""
    return language_label(member) if member.interpreter_needed or not member.language.startswith("en") else ""


def summary(picture: NetworkPicture) -> Content:
    counts: dict[ContactStatus, int] = {}
    for member in picture.network:
        if member.contact_status is not None:
            counts[member.contact_status] = counts.get(member.contact_status, 0) + 1
    people = len(picture.network)
    tally = ", ".join(f"{n} {status.label.lower()}" for status, n in counts.items())
    line = Content(f"{people} {'person' if people == 1 else 'people'} in the network" + (f": {tally}. " if tally
                                                                                           else ". "))
    if picture.consent_on is None:
        return line + Content.from_markup("[bold $warning]Consent to contact the network is not recorded[/]: "
                                          "press k to record it.")
    return line + Content(f"Consent to contact: {picture.consent_by}, {format_day(picture.consent_on)}.")


def detail(member: MemberEntry, picture: NetworkPicture, kept_from: Sequence[str] = ()) -> Content:
    """Everything about the highlighted member, with the moves open to them and their keys."""
    status = member.contact_status or S.IDENTIFIED
    moves = ", ".join(f"{MOVE_KEYS[m]} {m.label.lower()}" for m in contact_pipeline.allowed_moves(status))
    name = member.name + (" (deceased)" if member.deceased else "")
    about = " · ".join(p for p in (member.relationship_to_child, member.side.label if member.side else "",
                                   member.household) if p)
    lines = [Content.styled(name, "bold") + Content(f"  {about}"), Content(f"Status: {status.label}  ·  next: {moves}")]
    contact = "  ·  ".join(p for p in (member.phone, member.email) if p)
    if contact:
        lines.append(Content(f"Contact: {contact}"))
    if member.address:
        lines.append(Content(f"Address: {member.address}" + ("  (confidential)" if member.address_confidential
                                                              else "")))
    if kept_from:
        lines.append(Content(f"Address kept from: {', '.join(kept_from)} (f to change)"))
    roles = [label for flag, label in ((member.is_parent, "Parent"),
                                       (member.parental_responsibility, "Holds parental responsibility")) if flag]
    if roles:
        lines.append(Content(" · ".join(roles)))
    if language(member):
        lines.append(Content(f"Language: {language(member)}"))
    if badges(member):
        lines.append(Content("Safety: ") + badges(member))
    if member.excluded_reason:
        lines.append(Content(f"Excluded: {member.excluded_reason} (decided by {member.excluded_by})"))
    if member.notes:
        lines.append(Content(f"Notes: {member.notes}"))
    return Content("\n").join(lines)


class MemberColumns:
    """The member table's columns and their widths: every column in full where the terminal is wide enough;
    otherwise sides in a word, the lesser badges shortened and one to a line, the language left to the panel
    under the table and the relationship cut to the room left (the side giving way when even that is short)."""

    def __init__(self, data: NetworkTabData, *, narrow: bool) -> None:
        members = data.members
        self.sides = SHORT_SIDES if narrow else {side: side.label for side in Side}
        # DataTable does not measure styled content, so the badge column is sized from the plain text.
        self.badges = {m.person_id: badge_list(m, len(data.address_kept_from(m)), narrow=narrow) for m in members}
        if not narrow:
            self.badges = {person: [Content(" ").join(parts)] for person, parts in self.badges.items()}
        measured = {
            "Side": max((len(self.sides[m.side]) for m in members if m.side), default=0),
            "Name": max((len(m.name) for m in members), default=0),
            "Status": max((len(m.contact_status.label) for m in members if m.contact_status), default=0),
            "Safety": max((len(line.plain) for lines in self.badges.values() for line in lines), default=0),
            "PR": 2,
            "Relationship": max((len(m.relationship_to_child) for m in members), default=0),
            "Language": max((len(language(m)) for m in members), default=0)}
        if narrow:
            del measured["Language"]
        self.widths = {label: max(width, len(label)) for label, width in measured.items()}

    @property
    def width(self) -> int:
        return sum(width + CELL_PADDING for width in self.widths.values())

    def fit(self, room: int) -> None:
        """Cut the relationship to the room left; below `MIN_RELATIONSHIP` the side's column goes first."""
        left = room - (self.width - self.widths["Relationship"] - CELL_PADDING) - CELL_PADDING
        if left < min(self.widths["Relationship"], MIN_RELATIONSHIP):  # the side is in the panel under the table
            left += self.widths.pop("Side") + CELL_PADDING
        self.widths["Relationship"] = max(min(left, self.widths["Relationship"]), MIN_RELATIONSHIP)


class NetworkTab(CaseTab):
    ACTION_SCOPE = "network"
    BINDINGS = bindings_for("network")

    def __init__(self, case_id: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(case_id, id=id, classes=classes)
        self.data: NetworkTabData | None = None
        self._laid_out_for = 0
        """The room across (in cells) the member table was last laid out for."""

    def compose(self) -> ComposeResult:
        yield Static(id="network-summary")
        yield Static(id="network-view-title", markup=False)
        with ContentSwitcher(initial=VIEWS[0], id="network-views"):
            with Vertical(id="network-members"):
                yield DataTable(id="network-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="network-detail")
            with ScrollableContainer(id="network-genogram", can_focus=True):
                yield Static(id="network-genogram-text")
            with ScrollableContainer(id="network-ecomap", can_focus=True):
                yield Static(id="network-ecomap-text")
            with Vertical(id="network-ties"):
                yield DataTable(id="network-ties-table", cursor_type="row", zebra_stripes=True)

    def fetch(self, ctx: ServiceContext) -> NetworkTabData:
        picture = network.network_picture(ctx, self.case_id)
        return NetworkTabData(picture=picture, members=sorted(picture.network, key=_order),
                              kept=network.confidential_list(ctx, self.case_id))

    def show(self, data: NetworkTabData) -> None:
        self.data = data
        table = self.query_one("#network-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        room = self._laid_out_for = self._room()
        layout = MemberColumns(data, narrow=False)
        if layout.width > room:  # the terminal is narrower than the whole table: fit it to the room there is
            layout = MemberColumns(data, narrow=True)
            layout.fit(room)
        for label, width in layout.widths.items():
            table.add_column(label, width=width)
        previous_side = None
        for member in data.members:
            side = layout.sides[member.side] if member.side and member.side is not previous_side else ""
            previous_side = member.side
            lines = layout.badges[member.person_id]
            cells = {"Side": side, "Name": member.name,
                     "Status": member.contact_status.label if member.contact_status else "",
                     "Safety": Content("\n").join(lines), "PR": "PR" if member.parental_responsibility else "",
                     "Relationship": shorten(member.relationship_to_child, layout.widths["Relationship"]),
                     "Language": language(member)}
            table.add_row(*(cells[label] for label in layout.widths), key=str(member.member_id),
                          height=max(len(lines), 1))
        if data.members:
            table.move_cursor(row=min(row, len(data.members) - 1))
        self.query_one("#network-summary", Static).update(summary(data.picture))
        self._draw_genogram()
        self.query_one("#network-ecomap-text", Static).update(
            diagram(ecomap.render_text(ecomap.layout(data.picture))))
        self._show_ties(data.picture)
        self._show_view_title()
        self._show_detail()
        self.call_after_refresh(self._refit)

    def _room(self) -> int:
        table = self.query_one("#network-table", DataTable)
        return self.width_across() - table.styles.scrollbar_size_vertical - CELL_PADDING

    def _refit(self) -> None:
        """Lay the member table out again if the room it was laid out for is not the room there is now: the data
        can arrive before the tab has its final width, and a table fitted to a passing width kept it."""
        if self.data is not None and self._room() != self._laid_out_for:
            self.show(self.data)

    def _draw_genogram(self) -> None:
        """Lay out the genogram of the data shown, if the genogram is what shows and it is not laid out yet."""
        data = self.data
        if data is None or self.query_one(ContentSwitcher).current != "network-genogram":
            return
        drawing = self.query_one("#network-genogram-text", Static)
        if data.genogram is not None:
            drawing.update(genogram_diagram(data.genogram))
            return
        drawing.update("Drawing the genogram…")

        def laid_out(layout: GenogramLayout) -> None:
            if self.data is data:  # not replaced by a newer read meanwhile
                data.genogram = layout
                drawing.update(genogram_diagram(layout))

        run_service(self, lambda ctx: network.genogram_layout(ctx, self.case_id, picture=data.picture), laid_out,
                    group="network-genogram")

    def on_resize(self) -> None:
        """The member table is laid out for the width there is: draw it again when the width changes."""
        self._refit()

    def _show_ties(self, picture: NetworkPicture) -> None:
        table = self.query_one("#network-ties-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns("Tie", "Quality")
        names = {member.person_id: member.name for member in picture.members}
        for tie in picture.ties:
            table.add_row(f"{names[tie.from_person_id]} · {tie.kind.label.lower()} · {names[tie.to_person_id]}",
                          tie.quality.label, key=f"relationship-{tie.relationship_id}")
        for agency in picture.agencies:
            table.add_row(f"{agency.name} ({agency.kind.label})", agency.tie.label, key=f"agency-{agency.agency_id}")
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _show_view_title(self) -> None:
        current = self.query_one(ContentSwitcher).current or VIEWS[0]
        empty = self.data is not None and not self.data.members
        hint = "No members yet: press m to add the first." if empty else "g: switch view"
        self.query_one("#network-view-title", Static).update(f"{VIEW_TITLES[current]}  ·  {hint}")

    def _show_detail(self) -> None:
        member = self.current()
        self.query_one("#network-detail", Static).update(
            detail(member, self.data.picture, self.data.address_kept_from(member)) if member and self.data
            else Content(""))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_member()

    def current(self) -> MemberEntry | None:
        if self.data is None or not self.data.members:
            return None
        table = self.query_one("#network-table", DataTable)
        return self.data.members[min(table.cursor_row, len(self.data.members) - 1)]

    def _chosen(self) -> MemberEntry | None:
        member = self.current()
        if member is None:
            self.notify("There is nobody in the network yet: press m to add someone.", severity="warning")
        return member

    def _form(self, title: str, fields: list[FormField], save: Any, *, then: Any = None, **options: Any) -> None:
        self.app.push_screen(FormScreen(title, fields, save, **options), then or self._after)

    def _after(self, result: Any) -> None:
        if result is not None:
            self.case_changed()

    def _call(self, call: Any, done_message: str) -> None:
        def done(_result: Any) -> None:
            self.notify(done_message)
            self.case_changed()
        run_service(self, call, done, group="network-change")

    # Members --------------------------------------------------------------------------------------------

    def action_add_member(self) -> None:
        self._form("Add a network member", forms.MEMBER_FIELDS, forms.add_member_function(self.case_id),
                   then=self._added, saved_message=lambda r: "Possible duplicate: choose below"
                   if isinstance(r, forms.DuplicateFound) else "Added to the network")

    def _added(self, result: Any) -> None:
        if not isinstance(result, forms.DuplicateFound):
            self._after(result)
            return
        name = " ".join(str(result.values.get(k) or "") for k in ("given_name", "family_name")).strip()
        self.app.push_screen(DuplicateChoice(name, result.candidates), lambda choice: self._link(result, choice))

    def _link(self, found: forms.DuplicateFound, choice: int | str | None) -> None:
        if choice is None:
            return
        person_id = None if choice == NEW_PERSON else int(choice)
        message = "Added as a new person" if person_id is None else "Linked the person already on file"
        self._call(lambda ctx: forms.add_chosen(ctx, self.case_id, found, person_id), message)

    def action_edit_member(self) -> None:
        member = self._chosen()
        if member is None or member.member_id is None:
            return
        member_id = member.member_id

        def open_form(loaded: tuple[dict[str, Any], int | None]) -> None:
            values, version = loaded
            self._form(f"Edit {member.name}", forms.MEMBER_FIELDS, forms.edit_member_function(member_id),
                       initial=values, version=version, send_only_changes=True,
                       load=lambda ctx: forms.member_values(ctx, member_id),
                       saved_message=lambda _r: f"{member.name} saved")
        run_service(self, lambda ctx: forms.member_values(ctx, member_id), open_form, group="network-load")

    def action_remove_member(self) -> None:
        if self.query_one(ContentSwitcher).current == "network-ties":
            self._remove_tie()
            return
        member = self._chosen()
        if member is None or member.member_id is None:
            return
        member_id = member.member_id

        def answer(remove: bool | None) -> None:
            if remove:
                self._call(lambda ctx: network.remove_member(ctx, member_id), f"{member.name} removed")
        self.app.push_screen(Confirmation(f"Remove {member.name} from this network? Use this for someone added "
                                          "by mistake; record anyone else as declined or excluded instead.",
                                          yes="Remove", no="Keep"), answer)

    def action_merge_duplicate(self) -> None:
        member = self._chosen()
        if member is None or member.member_id is None:
            return
        member_id = member.member_id

        def offer(found: list[DuplicateCandidate]) -> None:
            if not found:
                self.notify(f"Nobody else on file looks like {member.name}.", severity="information")
                return
            self.app.push_screen(DuplicateChoice(member.name, found, merging=True), confirm)

        def confirm(choice: int | str | None) -> None:
            if isinstance(choice, int):
                self.app.push_screen(
                    Confirmation(f"Merge that record into {member.name}? This cannot be undone from here.",
                                 yes="Merge", no="Cancel"),
                    lambda yes: self._call(lambda ctx: merge_people(ctx, member.person_id, choice),
                                           f"Merged into {member.name}") if yes else None)

        run_service(self, lambda ctx: forms.duplicates_of(ctx, member_id), offer, group="network-load")

    def _remove_tie(self) -> None:
        table = self.query_one("#network-ties-table", DataTable)
        if not table.row_count:
            self.notify("No relationships or agencies yet: w adds a relationship, y an agency.", severity="warning")
            return
        key = str(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)
        label = str(table.get_row_at(table.cursor_row)[0])
        kind, record_id = key.rsplit("-", 1)

        def remove(ctx: ServiceContext) -> None:
            if kind == "agency":
                network.remove_agency(ctx, int(record_id))
            else:
                network.remove_relationship(ctx, self.case_id, int(record_id))

        self.app.push_screen(Confirmation(f"Remove {label}?", yes="Remove", no="Keep"),
                             lambda yes: self._call(remove, f"Removed {label}") if yes else None)

    # The contact pipeline ---------------------------------------------------------------------------------

    def action_next_step(self) -> None:
        member = self._chosen()
        if member is None:
            return
        target = contact_pipeline.next_step(member.contact_status or S.IDENTIFIED)
        if target is None:
            self.notify(f"{member.name} is attending: there is no further step.", severity="information")
            return
        self.action_move(target.value)

    def action_move(self, target_value: str) -> None:
        member = self._chosen()
        if member is None or member.member_id is None or self.data is None:
            return
        target, current = ContactStatus(target_value), member.contact_status or S.IDENTIFIED
        try:
            contact_pipeline.check_move(current, target)
        except contact_pipeline.PipelineError as error:
            self.notify(f"{member.name}: {error}.", severity="warning", title="Not allowed")
            return
        if target in contact_pipeline.INVITING and member.not_to_be_told:
            self.notify(f"{member.name} is marked not to be told of the meeting, so they can never be invited or "
                        "attend. Offer a separate session or a written contribution instead.", severity="error",
                        title="Safety")
            return
        save = forms.move_function(member.member_id, target)
        no_consent = contact_pipeline.needs_consent(current, target) and self.data.picture.consent_on is None
        if member.not_to_be_told and contact_pipeline.reaches_out_anew(current, target):
            self._form(f"Contact {member.name}, marked not to be told?",
                       forms.NOT_TOLD_FIELDS + (forms.OVERRIDE_FIELDS if no_consent else []), save,
                       intro=f"{member.name} is marked not to be told of the meeting. Say why they must be "
                             "contacted anyway: the reason goes into the audit trail.",
                       saved_message=lambda _r: f"{member.name} {target.label.lower()}")
        elif target is S.EXCLUDED:
            self._form(f"Exclude {member.name}", forms.EXCLUSION_FIELDS, save,
                       intro="Exclusion needs a reason and who decided. Consider a separate session or a "
                             "written contribution.", saved_message=lambda _r: f"{member.name} excluded")
        elif no_consent:
            self._form(f"Contact {member.name} before consent?", forms.OVERRIDE_FIELDS, save,
                       intro="The family's consent to contact their network is not recorded. Record it with k, "
                             "or say why this contact cannot wait.",
                       saved_message=lambda _r: f"{member.name} {target.label.lower()}")
        else:
            self._call(lambda ctx: save(ctx, {}, None), f"{member.name} {target.label.lower()}")

    # The case's network as a whole --------------------------------------------------------------------------

    def action_switch_view(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        switcher.current = VIEWS[(VIEWS.index(switcher.current or VIEWS[0]) + 1) % len(VIEWS)]
        self._show_view_title()
        self._draw_genogram()
        current = switcher.current or VIEWS[0]
        self.query_one(FOCUS.get(current, f"#{current}")).focus()

    def action_consent(self) -> None:
        self._form("Consent to contact the network", forms.CONSENT_FIELDS, forms.consent_function(self.case_id),
                   initial=forms.consent_initial(self.fgdm.today()), saved_message=lambda _r: "Consent recorded")

    def action_add_relationship(self) -> None:
        if self.data is None or len(self.data.picture.members) < 2:
            self.notify("Add at least one member first.", severity="warning")
            return
        self._form("Add a relationship", forms.relationship_fields(self.data.picture),
                   forms.relationship_function(self.case_id), saved_message=lambda _r: "Relationship recorded")

    def action_add_agency(self) -> None:
        self._form("Add an agency", forms.AGENCY_FIELDS, forms.agency_function(self.case_id),
                   saved_message=lambda _r: "Agency added")

    def action_keep_from(self) -> None:
        member = self._chosen()
        if member is None or self.data is None:
            return
        address = ConfidentialFact.ADDRESS
        fields = keep_from_fields(address, [(other.person_id, other.name) for other in self.data.picture.network
                                            if other.person_id != member.person_id],
                                  lambda name: f"Keep {member.name}'s address from {name}")
        if not fields:
            self.notify("Add another member first: an address is kept from named members.", severity="warning")
            return
        self._form(f"Keep {member.name}'s address from", fields,
                   keep_from_function(self.case_id, self.data.kept, [address], person_id=member.person_id),
                   initial=keep_from_initial(self.data.kept, [address], person_id=member.person_id),
                   saved_message=lambda _r: f"Who may learn {member.name}'s address is saved")

    def action_print_map(self) -> None:
        self.app.push_screen(FormScreen("Print the network map", forms.PRINT_FIELDS,
                                        forms.print_function(self.case_id), initial={"shareable": True},
                                        saved_message=forms.printed_message), self._printed)

    def _printed(self, printed: network.PrintedMap | None) -> None:
        if printed is None:
            return
        show_written(self.app, forms.printed_message(printed), [
            path for path in (printed.docx, printed.pdf) if path is not None],
            [printed.pdf_problem] if printed.pdf_problem else [])
        self.case_changed()
