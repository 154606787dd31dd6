"""What the command line says is said in a coordinator's words: dates as 23/11/2026 or 23 November 2026, money
as £1,250.50, messages as sentences with the field's label; never a code, a column name or a validator's
phrase. Run as a person runs it (a process, its stderr read whole)."""

from __future__ import annotations

import subprocess
import sys

from fgdm.services.shared.context import Workspace
from tests.factories import make_case

NEVER = ("Input should be", "Value error", "warning.", "input:", "YYYY-MM-DD", "_date", "_id", "decimal")
"""Validator phrases, error paths and column names a coordinator was once shown."""


def fgdm(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fgdm", "--db", url, *args], capture_output=True, text=True,
                          check=False)


def assert_in_words(text: str) -> None:
    for phrase in NEVER:
        assert phrase not in text, f"{phrase!r} shown: {text}"


def test_money_and_dates_are_read_and_shown_as_a_coordinator_writes_them(sqlite_workspace: Workspace,
                                                                        sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        reference = make_case(ctx).reference
    added = fgdm(sqlite_url, "support", "add", "--case", reference, "--category", "travel", "--description",
                 "Taxi to the meeting", "--amount", "£1,250.50", "--start", "23/11/2026")
    assert added.returncode == 0, added.stderr
    listed = fgdm(sqlite_url, "support", "list", "--case", reference).stdout
    assert "£1,250.50" in listed and "23 November 2026" in listed
    assert_in_words(listed)

    refused = fgdm(sqlite_url, "support", "add", "--case", reference, "--category", "travel", "--description",
                   "Taxi", "--amount", "1,25", "--start", "31/11/2026")
    assert refused.returncode == 1
    [line] = refused.stderr.strip().splitlines()
    assert line == ("fgdm: Amount is not an amount of money fgdm can read: write it as 1250.50 or £1,250.50. "
                    "Start date is not a day in the calendar (that month has no such day): write it as "
                    "DD/MM/YYYY, for example 23/11/2026.")
    assert_in_words(line)


def test_a_scheduling_warning_is_a_sentence_with_how_to_accept_it(sqlite_workspace: Workspace,
                                                                  sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        reference = make_case(ctx, referral_date="2026-11-02").reference
    refused = fgdm(sqlite_url, "meeting", "schedule", reference, "--kind", "baseline", "--day", "28/11/2026",
                   "--start", "10:00", "--end", "11:00")
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert lines == ['The meeting falls on a Saturday. To accept it: --override weekend="your reason"',
                     "Not saved: accept each warning with its reason, or change the meeting."]
    accepted = fgdm(sqlite_url, "meeting", "schedule", reference, "--kind", "baseline", "--day", "28/11/2026",
                    "--start", "10:00", "--end", "11:00", "--override", "weekend=Grandmother works weekdays")
    assert accepted.returncode == 0, accepted.stderr
    assert_in_words(accepted.stderr)
