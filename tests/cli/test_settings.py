"""Settings from the command line: a config.toml fgdm cannot use is one line naming the file and the fix; the
council's policy in it is ignored with a line naming the command that changes it; `fgdm settings` sets it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def fgdm(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "FGDM_DATA_DIR": str(tmp_path / "data"),
                   "FGDM_CONFIG": str(tmp_path / "config.toml"), **env}
    return subprocess.run([sys.executable, "-m", "fgdm", "--db", str(tmp_path / "fgdm.sqlite3"), *args],
                          capture_output=True, text=True, env=environment, check=False)


def test_a_local_setting_that_cannot_be_used_is_one_line_naming_the_file_and_fix(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('auto_backup = "sometimes"\n', encoding="utf-8")
    result = fgdm(tmp_path, "cases")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"fgdm: a setting in {tmp_path / 'config.toml'} or an FGDM_* variable cannot be used: "
                           "auto_backup:")


def test_policy_in_the_config_file_or_environment_is_ignored_with_the_command_that_changes_it(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[support_categories]\n"Gym Membership" = "Gym"\n', encoding="utf-8")
    result = fgdm(tmp_path, "support", "categories", FGDM_RETENTION_YEARS_AFTER_18="-60")
    assert result.returncode == 0, result.stderr
    assert sorted(result.stderr.splitlines()) == [
        "fgdm: FGDM_RETENTION_YEARS_AFTER_18 is ignored: retention years after 18 is council policy, kept in the "
        "database; an administrator changes it with: fgdm settings set retention_years_after_18 VALUE",
        f"fgdm: support_categories in {tmp_path / 'config.toml'} is ignored: support categories is council policy, "
        "kept in the database; an administrator changes it with: fgdm settings set support_categories VALUE",
    ]
    assert "travel" in result.stdout


def test_settings_set_and_show(tmp_path: Path) -> None:
    assert fgdm(tmp_path, "settings", "set", "support_approval_threshold", "£1,250.50").returncode == 0
    negative = fgdm(tmp_path, "settings", "set", "retention_years_after_18", "-60")
    assert negative.returncode != 0
    assert negative.stderr.strip() == ("fgdm: Retention years after 18: Give a whole number from 0 to 100 "
                                       "(you wrote '-60').")
    shown = fgdm(tmp_path, "settings", "show").stdout.splitlines()
    assert any(line.startswith("support_approval_threshold   £1,250.50  [set by owner on ") for line in shown)
    assert any(line.startswith("retention_years_after_18     6  [fgdm's default]") for line in shown)
