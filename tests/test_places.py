"""Where the records are, who is asking and where files go, worked out without the settings model, must be what
the settings model gives, or say that only the model can tell (`NotPlain`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fgdm.cli.state import CliState
from fgdm.places import NotPlain, records_and_user

CASES = [
    ({}, "", CliState()),
    ({}, "", CliState(db="records.sqlite3", user="jo")),
    ({}, "", CliState(demo=True)),
    ({"FGDM_DATABASE_URL": "postgresql://jo@db.example/fgdm", "FGDM_USER": "jo"}, "", CliState()),
    ({"fgdm_user": "Zoë O'Brien"}, "", CliState()),
    ({"FGDM_USER": "jo"}, 'user = "sam"\ndatabase_url = "sqlite:///from-config.sqlite3"\n', CliState(user="ash")),
    ({}, 'user = "sam"\noutput_dir = "~/letters"\n', CliState(db="sqlite:///given.sqlite3")),
    ({"FGDM_OUTPUT_DIR": "/srv/letters"}, 'output_dir = "~/letters"\n', CliState()),
]


@pytest.mark.parametrize(("environment", "config", "state"), CASES)
def test_the_plain_reading_is_the_settings_model_s(environment: dict[str, str], config: str, state: CliState,
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FGDM_OUTPUT_DIR", raising=False)
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    monkeypatch.setenv("FGDM_CONFIG", str(path))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings = state.settings()
    assert records_and_user(state.db, state.demo, state.user) == (settings.database_url, settings.user,
                                                                   settings.output_folder())


@pytest.mark.parametrize(("environment", "config"), [
    ({"FGDM_COUNCIL_NAME": "Elsewhere Council"}, ""),
    ({}, 'offer_response_working_days = 2\n'),
    ({}, 'user = ["not", "text"]\n'),
    ({}, 'user = "unterminated\n'),
    ({"FGDM_DATABASE_URL": ""}, ""),
])
def test_what_only_the_settings_model_can_tell_is_left_to_it(environment: dict[str, str], config: str,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Policy set outside the database (warned about), a value of another kind, a file that does not parse."""
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    monkeypatch.setenv("FGDM_CONFIG", str(path))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(NotPlain):
        records_and_user(None, False, None)
