"""Council policy lives in the database: a variable or the config file changes no decision, an administrator's
`settings set` does, and each change is in the audit trail with its old and new value."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from fgdm.config import POLICY, Settings, ignored_policy, load_settings, setting_descriptions
from fgdm.models import AuditEvent, CouncilSetting
from fgdm.services import settings as council
from fgdm.services.shared.context import Workspace
from fgdm.services.shared.errors import PermissionDenied, ValidationFailed
from fgdm.store.engine import make_engine
from fgdm.store.migrate import upgrade
from tests.factories import make_staff

# A valid value for each policy key that differs from fgdm's default, as a variable and as TOML.
OTHER = {
    "service_name": ("Family Network Meetings", '"Family Network Meetings"'),
    "council_name": ("Borsetshire Council", '"Borsetshire Council"'),
    "template_dir": ("/tmp", '"/tmp"'),
    "support_budget_per_quarter": ("999999", "999999"),
    "support_budget_by_quarter": ('{"2026-Q4": 1}', '{"2026-Q4" = 1}'),
    "support_categories": ('{"anything": "Anything"}', '{anything = "Anything"}'),
    "support_approval_threshold": ("1000000", "1000000"),
    "offer_response_working_days": ("60", "60"),
    "meeting_target_weeks": ("99", "99"),
    "retention_years_after_18": ("0", "0"),
    "retention_looked_after_age": ("18", "18"),
    "local_solicitors": ('["Anyone, 1 Any Street, 01632 960000"]', '["Anyone, 1 Any Street, 01632 960000"]'),
    "la_code": ("999", '"999"'),
}


def used_by_services(database_url: str, key: str) -> object:
    """The value a service reads, in a workspace opened as a user's own start would open it (settings loaded
    from the environment and the config file)."""
    workspace = Workspace(load_settings(database_url=database_url))
    try:
        with workspace.context() as ctx:
            return getattr(ctx.settings, key)
    finally:
        workspace.dispose()


def test_every_policy_key_has_a_value_to_try():
    assert set(OTHER) == set(POLICY)


@pytest.mark.parametrize("key", POLICY)
def test_a_policy_key_in_the_environment_changes_nothing(key, database_url, monkeypatch):
    default = getattr(Settings(), key)
    monkeypatch.setenv(f"FGDM_{key.upper()}", OTHER[key][0])
    assert used_by_services(database_url, key) == default
    assert any(line.startswith(f"FGDM_{key.upper()} is ignored") and f"fgdm settings set {key} VALUE" in line
               for line in ignored_policy())


@pytest.mark.parametrize("key", POLICY)
def test_a_policy_key_in_the_config_file_changes_nothing_once_the_database_holds_policy(
        key, database_url, monkeypatch, tmp_path: Path):
    default = getattr(Settings(), key)
    config = tmp_path / "config.toml"
    config.write_text(f"{key} = {OTHER[key][1]}\n" if not OTHER[key][1].startswith("{")
                      else f"[{key}]\n{OTHER[key][1][1:-1].replace(', ', chr(10))}\n", encoding="utf-8")
    monkeypatch.setenv("FGDM_CONFIG", str(config))
    assert used_by_services(database_url, key) == default
    assert any(line.startswith(f"{key} in {config} is ignored") for line in ignored_policy())


def test_an_administrator_sets_a_setting_for_everyone_and_it_is_audited(workspace: Workspace):
    with workspace.context() as owner:
        make_staff(owner, "ada", "administrator")
        make_staff(owner, "cora", "coordinator")
    with workspace.context("cora") as ctx, pytest.raises(PermissionDenied, match="only an administrator"):
        council.set_setting(ctx, "support_approval_threshold", "1000000")
    with workspace.context("ada") as ctx:
        view = council.set_setting(ctx, "support_approval_threshold", "£1,250.50")
        assert (view.value, view.chosen, view.changed_by) == ("1250.50", True, "ada")
        council.set_setting(ctx, "support_approval_threshold", "750")
    with workspace.context("cora") as ctx:  # another member of staff's next action sees it
        assert ctx.settings.support_approval_threshold == Decimal("750.00")
        events = ctx.session.exec(select(AuditEvent).where(AuditEvent.table_name == "council_setting")
                                  .order_by(AuditEvent.id)).all()
    assert [(e.actor, e.action) for e in events] == [("ada", "create"), ("ada", "update")]
    assert json.loads(events[1].changes)["value"] == ['"1250.50"', '"750.00"']


@pytest.mark.parametrize(("key", "text", "words"), [
    ("support_approval_threshold", "-5", "give an amount in pounds of 0 or more"),
    ("support_approval_threshold", "ten pounds", "give an amount in pounds, e.g. 500"),
    ("retention_years_after_18", "-60", "give a whole number from 0 to 100"),
    ("retention_looked_after_age", "3", "give an age in years from 18 to 120"),
    ("support_categories", '{"Gym": "Gym"}', "is not a usable code"),
    ("support_categories", "travel", "write it as JSON"),
    ("template_dir", "/no/such/folder", "there is no folder /no/such/folder"),
    ("nonsense", "1", "there is no council setting 'nonsense'"),
])
def test_a_value_that_cannot_be_used_is_one_clear_line_and_nothing_changes(ctx, key, text, words):
    with pytest.raises(ValidationFailed) as caught:
        council.set_setting(ctx, key, text)
    assert words in str(caught.value)
    assert "Input should" not in str(caught.value)
    assert ctx.session.exec(select(CouncilSetting)).all() == []


def test_reset_goes_back_to_the_default(ctx):
    council.set_setting(ctx, "meeting_target_weeks", "10")
    assert council.reset_setting(ctx, "meeting_target_weeks").value == 8
    assert ctx.settings.meeting_target_weeks == 8


def test_the_upgrade_moves_the_config_files_policy_into_the_database_once(tmp_path: Path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('support_approval_threshold = 750\n[support_categories]\ntravel = "Travel"\n'
                      'gym = "Gym membership"\n', encoding="utf-8")
    monkeypatch.setenv("FGDM_CONFIG", str(config))
    url = f"sqlite:///{tmp_path / 'before.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine, "0008", backup=False)
    engine.dispose()
    workspace = Workspace(Settings(database_url=url))
    try:
        assert workspace.policy_moved == ["support_approval_threshold", "support_categories"]
        with workspace.context() as ctx:
            assert ctx.settings.support_approval_threshold == Decimal("750.00")
            assert list(ctx.settings.support_categories) == ["travel", "gym"]
            moved = ctx.session.exec(select(AuditEvent.actor).where(AuditEvent.table_name == "council_setting")).all()
            assert moved == ["owner", "owner"]
            council.set_setting(ctx, "support_approval_threshold", "600")
    finally:
        workspace.dispose()
    again = Workspace(Settings(database_url=url))
    try:
        assert again.policy_moved == []
        with again.context() as ctx:
            assert ctx.settings.support_approval_threshold == Decimal("600.00")
    finally:
        again.dispose()


def test_every_setting_is_described_by_the_docstring_written_under_it() -> None:
    descriptions = setting_descriptions()
    assert set(descriptions) == set(Settings.model_fields)
    assert descriptions["user"] == "Username of the member of staff using fgdm; decides what they may see and do."
    assert descriptions["local_solicitors"].startswith("Council policy: the local children law solicitors every "
                                                       "offer letter lists, one entry each")
