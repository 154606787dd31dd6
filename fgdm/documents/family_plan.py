"""The printed family plan: a .docx the family keeps, in their language where a translation exists.

It is written directly with python-docx from a ``PlanDocument`` of plain values, so what may be printed
is decided before this module runs (the plans service applies the disclosure rule and checks the
result); this module only lays it out. Fixed wording comes from the ``plans`` gettext catalog, dates and
money from Babel in the plan's language.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from fgdm.documents.direction import is_right_to_left, make_right_to_left
from fgdm.documents.letterhead import base_document
from fgdm.documents.print_layout import add_page_numbers, footer_line, keep_headings_with_next, repeat_header_row
from fgdm.documents.relationship_words import relationship_words
from fgdm.documents.safe_text import set_properties, xml_safe
from fgdm.domain.enums import ActionStatus, Frequency, NotAgreedReason, PlanStatus
from fgdm.files import save_private
from fgdm.i18n import format_day, format_money, translations

TABLE_STYLE = "LightGrid-Accent1"
"""Styles are set by id: python-docx finds a style by name by reading every style in the file, each time."""
MUTED = RGBColor(0x59, 0x59, 0x59)


@dataclass(frozen=True)
class PrintedAction:
    who: str
    what: str
    by_when: date | None
    checked_by: str
    status: ActionStatus


@dataclass(frozen=True)
class PrintedSupport:
    category: str
    """The council's label for the kind of support; translated where the plan catalog has it."""
    description: str
    recipient: str
    amount: Decimal
    frequency: Frequency
    start: date | None
    end: date | None
    total: Decimal


@dataclass(frozen=True)
class PlanDocument:
    """Everything the printed plan shows, already filtered for the family."""

    language: str
    council_name: str
    service_name: str
    family_name: str
    case_reference: str
    children: list[tuple[str, date | None]]
    version_no: int
    status: PlanStatus
    decision_by: str = ""
    decision_on: date | None = None
    not_agreed_reason: NotAgreedReason | None = None
    not_agreed_detail: str = ""
    meeting_on: date | None = None
    attended: list[tuple[str, str]] = field(default_factory=list)
    """Who took part: each name with their relationship to the child, or their role."""
    plan_lead: str = ""
    concerns: str = ""
    """Why the family was referred: the concerns the plan answers."""
    questions: list[tuple[str, str]] = field(default_factory=list)
    bottom_lines: str = ""
    child_views: str = ""
    actions: list[PrintedAction] = field(default_factory=list)
    contingency: str = ""
    support: list[PrintedSupport] = field(default_factory=list)
    review_date: date | None = None
    contingency_contact: str = ""
    """Who to call if the plan breaks down: the coordinator's name, job and telephone."""
    distribution: list[tuple[str, date | None]] = field(default_factory=list)
    """Who a copy was sent to, and when."""
    signatories: list[tuple[str, str]] = field(default_factory=list)
    """The signature rows: each role with the name of the person who signs."""

    def texts(self) -> dict[str, str]:
        """Every piece of free text by field, for the service's last-line safety check."""
        found = {"plan_lead": self.plan_lead, "bottom_lines": self.bottom_lines, "child_views": self.child_views,
                 "contingency": self.contingency,
                 "attended": "\n".join(f"{name}\n{role}" for name, role in self.attended),
                 "concerns": self.concerns, "contingency_contact": self.contingency_contact,
                 "distribution": "\n".join(name for name, _sent in self.distribution),
                 "signatories": "\n".join(name for _role, name in self.signatories),
                 "decision_by": self.decision_by, "not_agreed_detail": self.not_agreed_detail}
        for number, (question, answer) in enumerate(self.questions, 1):
            found[f"question {number}"] = f"{question}\n{answer}"
        for number, action in enumerate(self.actions, 1):
            found[f"action {number}"] = f"{action.who}\n{action.what}\n{action.checked_by}"
        for number, item in enumerate(self.support, 1):
            found[f"support item {number}"] = f"{item.description}\n{item.recipient}"
        return found


class _Writer:
    """Lays out one plan; keeps the translation and locale so every helper formats the same way."""

    def __init__(self, plan: PlanDocument, council_dir: Path | None = None) -> None:
        self.plan = plan
        self._ = translations(plan.language, "plans").gettext
        self.doc: DocxDocument = base_document(council_dir)

    def day(self, value: date | None) -> str:
        return format_day(value, self.plan.language)

    def money(self, value: Decimal) -> str:
        return format_money(value, self.plan.language)

    def paragraph(self, text: str = "", style_id: str | None = None) -> Paragraph:
        paragraph = self.doc.add_paragraph(text)
        if style_id is not None:
            paragraph._p.style = style_id
        return paragraph

    def heading(self, text: str) -> None:
        self.paragraph(text, "Heading1")

    def text_block(self, text: str, *, empty: str, italic: bool = False) -> None:
        lines = [line for line in text.splitlines() if line.strip()]
        if not lines:
            self.doc.add_paragraph().add_run(empty).italic = True
        for line in lines:
            self.doc.add_paragraph().add_run(line).italic = italic

    def table(self, header: list[str], rows: list[list[str]], widths: list[float], *,
              row_height: float | None = None) -> None:
        """A table with a header row and fixed column widths in centimetres (Word and LibreOffice both obey)."""
        table = self._table(1, widths, TABLE_STYLE)
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        if not rows:
            repeat_header_row(table)
            return
        first = table.add_row()
        if row_height is not None:
            first.height = Cm(row_height)
        for cell in first.cells:
            cell.text = ""
        # The other rows are copies of the first, their texts set run by run: python-docx makes each new cell
        # from parsed XML and replaces its paragraph to set its text, a third of a 20-action plan's printing.
        blank = deepcopy(first._tr)
        made = [first._tr] + [deepcopy(blank) for _ in rows[1:]]
        table._tbl.extend(made[1:])
        for tr, values in zip(made, rows, strict=True):
            for tc, text in zip(tr.tc_lst, values, strict=True):
                tc.p_lst[0].r_lst[0].text = text
        repeat_header_row(table)

    def _table(self, rows: int, widths: list[float], style_id: str) -> Table:
        """An empty table with fixed column widths in centimetres; rows added later take the same widths."""
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table._tbl.tblStyle_val = style_id
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
        return table

    def write(self, path: Path) -> Path:
        _ = self._
        plan = self.plan
        keep_headings_with_next(self.doc)
        set_properties(self.doc, title=_("Family plan"), language=plan.language, author=plan.service_name)
        self.title()
        self.details()
        self.heading(_("The concerns"))
        self.text_block(plan.concerns, empty=_("Not recorded."))
        self.heading(_("Who took part"))
        if plan.attended:
            self.table([_("Name"), _("Relationship to the child, or role")],
                       [[name, relationship_words(role, translations(plan.language, "plans"))]
                        for name, role in plan.attended], [8.5, 8.5])
        else:
            self.text_block("", empty=_("Not recorded."))
        self.heading(_("Questions for the family"))
        if not plan.questions:
            self.text_block("", empty=_("No questions were recorded."))
        for question, answer in plan.questions:
            self.doc.add_paragraph().add_run(question).bold = True
            self.text_block(answer, empty=_("No answer recorded."))
        self.heading(_("Bottom lines"))
        self.text_block(plan.bottom_lines, empty=_("None recorded."))
        self.heading(_("The child's views, in their own words"))
        self.text_block(plan.child_views, empty=_("Not recorded."), italic=True)
        self.actions()
        self.heading(_("If the plan breaks down"))
        self.text_block(plan.contingency, empty=_("None recorded."))
        if plan.contingency_contact:
            self.doc.add_paragraph().add_run(_("If the plan breaks down, contact {who}.").format(
                who=plan.contingency_contact)).bold = True
        self.support()
        self.heading(_("Review"))
        self.doc.add_paragraph(_("This plan will be reviewed on {date}.").format(date=self.day(plan.review_date))
                               if plan.review_date else _("The review date has not been set yet."))
        self.distribution()
        self.signatures()
        self.footer()
        if is_right_to_left(plan.language):
            make_right_to_left(self.doc, plan.language)
        return save_private(self.doc, path)

    def title(self) -> None:
        _ = self._
        plan = self.plan
        self.paragraph(_("Family plan"), "Title")
        subtitle = self.doc.add_paragraph()
        subtitle.add_run(_("The {family} family").format(family=plan.family_name)).bold = True
        who = self.doc.add_paragraph(f"{plan.council_name} · {plan.service_name}")
        who.runs[0].font.color.rgb = MUTED
        if plan.status is PlanStatus.DRAFT:
            draft = self.doc.add_paragraph()
            draft.alignment = WD_ALIGN_PARAGRAPH.CENTER
            draft.add_run(_("DRAFT: not yet agreed")).bold = True

    def details(self) -> None:
        _ = self._
        plan = self.plan
        children = "\n".join(
            _("{name}, born {date}").format(name=name, date=self.day(born)) if born else name
            for name, born in plan.children)
        rows = [[_("Child"), children], [_("Reference"), plan.case_reference],
                [_("Plan version"), str(plan.version_no)], [_("Decision"), self.decision()],
                [_("Meeting held on"), self.day(plan.meeting_on) or _("Not recorded")],
                [_("Plan lead"), plan.plan_lead or _("Not chosen yet")],
                [_("Review date"), self.day(plan.review_date) or _("Not set yet")]]
        table = self._table(0, [4.5, 12.5], "TableGrid")
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[0].paragraphs[0].runs[0].bold = True
            cells[1].text = value

    def decision(self) -> str:
        _ = self._
        plan = self.plan
        if plan.status is PlanStatus.AGREED:
            return _("Agreed by {name} on {date}").format(name=plan.decision_by, date=self.day(plan.decision_on))
        if plan.status is PlanStatus.NOT_AGREED:
            reason = _(plan.not_agreed_reason.label) if plan.not_agreed_reason else ""
            return _("Not agreed by {name} on {date}: {reason}. {detail}").format(
                name=plan.decision_by, date=self.day(plan.decision_on), reason=reason,
                detail=plan.not_agreed_detail)
        return _("Draft: waiting for the referrer's decision")

    def actions(self) -> None:
        _ = self._
        self.heading(_("What we will do"))
        if not self.plan.actions:
            self.text_block("", empty=_("No actions recorded."))
            return
        rows = [[str(number), action.who, action.what, self.day(action.by_when), action.checked_by,
                 _(action.status.label)] for number, action in enumerate(self.plan.actions, 1)]
        self.table([_("No."), _("Who"), _("What"), _("By when"), _("Checked by"), _("Progress")], rows,
                   [1.4, 2.9, 4.8, 2.8, 2.5, 2.6])  # "No." is "نمبر", "Abandoned" "Zaniechano": whole

    def support(self) -> None:
        _ = self._
        self.heading(_("Support agreed"))
        if not self.plan.support:
            self.text_block("", empty=_("No support has been agreed."))
            return
        rows = [[_(item.category), item.description, item.recipient, self.how_paid(item),
                 self.money(item.total)] for item in self.plan.support]
        self.table([_("Kind"), _("What for"), _("For whom"), _("Amount"), _("Total")], rows,
                   [2.6, 3.8, 2.6, 4.8, 3.2])  # a total ("1 420,44 GBP") on one line
        total = sum((item.total for item in self.plan.support), Decimal("0.00"))
        summary = _("Total support agreed: {amount}").format(amount=self.money(total))
        self.doc.add_paragraph().add_run(summary).bold = True

    def how_paid(self, item: PrintedSupport) -> str:
        _ = self._
        amount = self.money(item.amount)
        if item.frequency is Frequency.WEEKLY:
            text = _("{amount} a week from {start} to {end}")
        elif item.frequency is Frequency.MONTHLY:
            text = _("{amount} a month from {start} to {end}")
        else:
            return _("{amount} once").format(amount=amount)
        return text.format(amount=amount, start=self.day(item.start), end=self.day(item.end))

    def distribution(self) -> None:
        _ = self._
        self.heading(_("Who this plan was sent to"))
        if not self.plan.distribution:
            self.text_block("", empty=_("Not sent to anyone yet."))
            return
        self.table([_("Name"), _("Sent on")], [[name, self.day(sent)] for name, sent in self.plan.distribution],
                   [11.0, 6.0])

    def signatures(self) -> None:
        _ = self._
        self.heading(_("Signatures"))
        self.doc.add_paragraph(_("By signing, we agree to carry out this plan together.")
                               ).paragraph_format.keep_with_next = True  # with the table, never alone
        rows = [[_(role), name, "", ""] for role, name in self.plan.signatories]
        rows = rows or [[_(role), "", "", ""] for role in ("Plan lead", "Family member", "Referrer", "Coordinator")]
        self.table([_("Role"), _("Name"), _("Signature"), _("Date")], rows, [3.5, 5.0, 5.5, 3.0], row_height=1.2)

    def footer(self) -> None:
        _ = self._
        footer_line(self.doc.sections[0], _("Family plan for the {family} family, version {version}").format(
            family=self.plan.family_name, version=self.plan.version_no))
        add_page_numbers(self.doc.sections[0], self.plan.language)


def write_family_plan(plan: PlanDocument, path: Path, *, council_dir: Path | None = None) -> Path:
    """Write the plan as a .docx at ``path``, on the council's letterhead, and return it; control characters
    are dropped."""
    return _Writer(xml_safe(plan), council_dir).write(path)


__all__ = ["PlanDocument", "PrintedAction", "PrintedSupport", "write_family_plan"]
