"""One settings model for the whole tool; every field can be set by an FGDM_* environment variable.

Precedence, highest first: explicit arguments (e.g. ``--db``), environment variables, the TOML config
file (``FGDM_CONFIG`` or ``config.toml`` in the user config directory), then these defaults.
"""

from __future__ import annotations

import os
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from fgdm.domain.support_categories import DEFAULT_SUPPORT_CATEGORIES, code_problem
from fgdm.domain.support_money import Quarter

APP_NAME = "fgdm"


def data_dir() -> Path:
    """Where the embedded database and backups live unless configured otherwise."""
    override = os.environ.get("FGDM_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    override = os.environ.get("FGDM_CONFIG")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'fgdm.sqlite3'}"


def demo_database_url() -> str:
    return f"sqlite:///{data_dir() / 'fgdm-demo.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FGDM_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    """SQLAlchemy URL of the records store: SQLite (the default, one file) or postgresql+psycopg://."""

    user: str = ""
    """Username of the member of staff using fgdm; decides what they may see and do."""

    service_name: str = "Family Group Decision Making Service"
    """The service's name as printed on letters and plans."""

    council_name: str = "Exampleshire County Council"
    """The council's name as printed on letters and plans."""

    template_dir: Path | None = None
    """A council's own folder of letter and plan templates; falls back to the shipped ones per file."""

    local_solicitors: list[str] = Field(default_factory=list)
    """Council policy: the local children law solicitors every offer letter lists, one entry each ("Name,
    address, telephone"). Without them the letter gives the national Find a Solicitor line, and fgdm warns."""

    output_dir: Path | None = None
    """Where generated letters and plans are written when no path is given."""

    support_budget_per_quarter: Decimal = Decimal("25000.00")
    """The support package budget for one quarter, for the service-wide budget view."""

    support_budget_by_quarter: dict[str, Decimal] = Field(default_factory=dict)
    """Budgets for particular quarters that differ from the usual one, e.g. ``"2026-Q4" = 30000``."""

    support_categories: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_SUPPORT_CATEGORIES))
    """The kinds of support the service funds (``[support_categories]``, code = label), in the forms' order."""

    support_approval_threshold: Decimal = Decimal("500.00")
    """Support items above this amount need a manager's approval."""

    offer_response_working_days: int = 5
    """Working days after an offer before it shows as needing action."""

    meeting_target_weeks: int = 8
    """Weeks from referral by which the FGDM meeting should be held."""

    retention_years_after_18: int = 6
    """Child in need and similar records: kept until the child's 18th birthday plus this many years."""

    retention_looked_after_age: int = 75
    """Looked after records: kept until the child's birthday at this age."""

    auto_backup: bool = True
    """Copy the SQLite file aside before every migration."""

    @field_validator("support_categories")
    @classmethod
    def _usable_categories(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("list at least one kind of support under [support_categories]")
        for code, label in value.items():
            problem = code_problem(code)
            if problem:
                raise ValueError(problem)
            if not label.strip():
                raise ValueError(f"support category {code!r} has no label; give it one, e.g. {code} = \"Travel\"")
        return {code: label.strip() for code, label in value.items()}

    @field_validator("support_budget_by_quarter")
    @classmethod
    def _quarters(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        budgets = {}
        for text, amount in value.items():
            budgets[str(Quarter.parse(text))] = amount
            if amount < 0:
                raise ValueError(f"the budget for {text} is negative; give the amount in pounds, e.g. 30000")
        return budgets

    def support_budget(self, quarter: Quarter) -> Decimal:
        """The budget set for that quarter, or the usual quarterly budget."""
        return self.support_budget_by_quarter.get(str(quarter), self.support_budget_per_quarter)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file()))


class SettingsError(ValueError):
    """A setting in config.toml or the environment that fgdm cannot use, named with the fix."""


def _checked(**values: Any) -> Settings:
    try:
        return Settings(**values)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(part) for part in item['loc'])}: "
                             f"{str(item['msg']).removeprefix('Value error, ')}" for item in error.errors())
        raise SettingsError(f"a setting in {config_file()} or an FGDM_* variable cannot be used: {problems}") \
            from None


@cache
def get_settings() -> Settings:
    return _checked()


def load_settings(**overrides: Any) -> Settings:
    """Fresh settings with explicit overrides (command-line options), bypassing the cache."""
    return _checked(**{k: v for k, v in overrides.items() if v is not None})
