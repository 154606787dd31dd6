"""Every bad input the tester found gives one line naming it and the fix, exit status 2, and no traceback.

Each was a traceback before: a huge id, --db at a folder, a JSON file, an unsupported scheme or an unreachable
server. `--debug` still shows the traceback for a developer. One run uses the installed program itself.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.cli.boundary import run_fgdm

BAD = {
    "huge id": (["meeting", "ics", "1180591620717411303424"], "less than or equal to 9223372036854775807"),
    "huge person": (["sar", "draft", "--person", "99999999999999999999"], "less than or equal to"),
    "folder as database": (["--db", "{tmp}", "cases"], "cannot open the database file"),
    "json as database": (["--db", "{tmp}/case.json", "cases"], "is not an fgdm database, or it is damaged"),
    "unsupported scheme": (["--db", "mysql://someone@example/fgdm", "cases"], "is not a database fgdm can open"),
    "unreachable server": (["--db", "postgresql://nobody:secret@127.0.0.1:1/fgdm", "cases"],
                           "cannot reach the database server for postgresql://127.0.0.1:1/fgdm"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_input_is_one_line_with_status_2(name, tmp_path):
    args, expected = BAD[name]
    (tmp_path / "case.json").write_text('{"format": "fgdm-case"}', encoding="utf-8")
    ran = run_fgdm(*[arg.format(tmp=tmp_path) for arg in args])
    assert ran.code == 2, ran.stderr
    assert "Traceback" not in ran.stderr and "secret" not in ran.stderr
    assert expected in ran.stderr
    if not ran.stderr.startswith("Usage"):
        assert len(ran.stderr.strip().splitlines()) == 1, ran.stderr


def test_debug_shows_the_traceback_under_the_line(tmp_path):
    (tmp_path / "case.json").write_text("{}", encoding="utf-8")
    plain = subprocess.run([sys.executable, "-m", "fgdm", "--db", str(tmp_path / "case.json"), "cases"],
                           capture_output=True, text=True, check=False)
    debug = subprocess.run([sys.executable, "-m", "fgdm", "--debug", "--db", str(tmp_path / "case.json"), "cases"],
                           capture_output=True, text=True, check=False)
    assert plain.returncode == debug.returncode == 2
    assert "Traceback" not in plain.stderr and "Traceback" in debug.stderr
    assert plain.stderr.strip().splitlines()[-1] == debug.stderr.strip().splitlines()[-1]
