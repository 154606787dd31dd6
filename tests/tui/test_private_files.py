"""Every workbench action that writes a file is run by a test under umask 022 that finds the files and folders
owner-only. An action that writes a file says so in its help ("Write ...", "Export ...", a file kind); a new
one fails here until `WRITERS` names the test that runs it."""

from __future__ import annotations

import inspect
import re

import tests.tui.test_meetings
import tests.tui.test_network
import tests.tui.test_offers
import tests.tui.test_plan
import tests.tui.test_reports
import tests.tui.test_working_week
from fgdm.tui import actions

WRITES = re.compile(r"^(Write|Export)\b|\.ics\b|\.docx\b|\bCSV\b|\bJSON\b|\bPDF\b|\bcalendar file\b")

WRITERS = {
    "diary.export": tests.tui.test_meetings.test_hold_the_fgdm_meeting_and_see_the_review_clock_and_diary,
    "meetings.invitation": tests.tui.test_meetings.test_schedule_see_double_booking_override_and_export,
    "network.print": tests.tui.test_network.test_print_the_shareable_map_from_the_tab,
    "offers.letter": tests.tui.test_offers.test_record_offers_answers_and_letters_with_the_keyboard,
    "offers.pending_letters": tests.tui.test_offers.test_record_offers_answers_and_letters_with_the_keyboard,
    "plan.print": tests.tui.test_plan.test_type_agree_review_and_print_with_the_keyboard,
    "reports.csv": tests.tui.test_reports.test_export_writes_the_return_to_the_output_folder,
    "reports.json": tests.tui.test_reports.test_export_writes_the_return_to_the_output_folder,
    "reports.docx": tests.tui.test_reports.test_export_writes_the_return_to_the_output_folder,
    "documents.reprint":
        tests.tui.test_working_week.test_a_printed_map_is_said_until_closed_then_listed_and_reprinted_from_documents,
}
"""Each workbench action that writes a file, and the test that runs it and checks the modes."""


def test_every_workbench_action_that_writes_a_file_is_run_under_umask_022() -> None:
    writing = {action.id for action in actions.every_action() if WRITES.search(action.help or action.description)}
    assert writing == set(WRITERS), writing ^ set(WRITERS)
    for test in WRITERS.values():
        assert "umask_022" in inspect.signature(test).parameters, test.__name__
        assert "not_owner_only(" in inspect.getsource(test), test.__name__
