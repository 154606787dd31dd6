"""A council's config.toml that fgdm cannot use is named in one line, with the fix, and nothing starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_bad_support_category_in_config_is_one_line_naming_the_file_and_fix(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[support_categories]\n"Gym Membership" = "Gym"\n', encoding="utf-8")
    env = {**os.environ, "FGDM_CONFIG": str(config), "FGDM_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", "from fgdm.cli import main; main()", "support", "categories"],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"fgdm: a setting in {config} or an FGDM_* variable cannot be used: support_categories:")
    assert "use lower-case letters, digits and underscores" in line
    assert not (tmp_path / "data").exists()
