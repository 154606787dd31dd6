"""One settings model for the whole tool: what is personal or local, and the council's policy.

Personal and local settings (the database, the data and output folders, who you are on a single-user
SQLite file) come from, highest first: explicit arguments (e.g. ``--db``), ``FGDM_*`` environment variables,
the TOML config file (``FGDM_CONFIG`` or ``config.toml`` in the user config directory), then the defaults.

Council policy (``POLICY``: thresholds, budgets, retention, support categories, the names on letters) is kept
in the database and changed only by an administrator (``fgdm settings set``), so that nobody can loosen a
rule for themselves by setting a variable. A policy key found in the environment or the config file is
ignored, and ``ignored_policy()`` names each one for a one-line warning.
"""

from __future__ import annotations

import ast
import inspect
from decimal import Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from fgdm.domain.support_categories import DEFAULT_SUPPORT_CATEGORIES, code_problem
from fgdm.domain.support_money import Quarter
from fgdm.places import (
    APP_NAME,
    POLICY,
    config_file,
    data_dir,
    default_database_url,
    demo_database_url,
    documents_dir,
    output_folder,
)


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

    la_code: str = ""
    """The council's three-digit local authority (LEA) number, written in the CIN census header (<LEA>)."""

    template_dir: Path | None = None
    """A council's own folder of letter and plan templates; falls back to the shipped ones per file."""

    local_solicitors: list[str] = Field(default_factory=list)
    """Council policy: the local children law solicitors every offer letter lists, one entry each ("Name,
    address, telephone"). Without them the letter gives the national Find a Solicitor line, and fgdm warns."""

    output_dir: Path | None = None
    """The one folder generated letters, plans, maps, invitations and exports go to when no path is given
    (default: fgdm in your documents folder); yours, not the council's, so it may be set here."""

    def output_folder(self) -> Path:
        """Where generated files go: the folder set here, else ``fgdm`` in the user's documents folder."""
        return output_folder(self.output_dir)

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

    @field_validator("support_budget_per_quarter", "support_approval_threshold")
    @classmethod
    def _amount(cls, value: Decimal) -> Decimal:
        if value < 0 or value.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ValueError("give an amount in pounds of 0 or more, with at most two decimal places, e.g. 500")
        return value.quantize(Decimal("0.01"))

    @field_validator("offer_response_working_days", "meeting_target_weeks", "retention_years_after_18")
    @classmethod
    def _count(cls, value: int) -> int:
        if not 0 <= value <= 100:
            raise ValueError("give a whole number from 0 to 100")
        return value

    @field_validator("retention_looked_after_age")
    @classmethod
    def _age(cls, value: int) -> int:
        if not 18 <= value <= 120:
            raise ValueError("give an age in years from 18 to 120")
        return value

    @field_validator("service_name", "council_name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip() or len(value) > 200:
            raise ValueError("give the name as printed on letters, at most 200 characters")
        return value.strip()

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
        return (init_settings, _LocalOnly(settings_cls, env_settings, "the environment"),
                _LocalOnly(settings_cls, TomlConfigSettingsSource(settings_cls, toml_file=config_file()),
                           str(config_file())))


@cache
def setting_descriptions() -> dict[str, str]:
    """Each setting's description: the docstring written under it in `Settings`.

    Read from this module's source the first time a description is asked for (`fgdm settings show` and the
    settings screen). Pydantic's `use_attribute_docstrings` did the same reading and parsing as the class was
    made, some 20 ms of every command's start, though nothing else reads the descriptions.
    """
    body = ast.parse(inspect.getsource(Settings)).body[0].body  # type: ignore[attr-defined]
    return {field.target.id: inspect.cleandoc(docstring.value.value)
            for field, docstring in pairwise(body)
            if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
            and isinstance(docstring, ast.Expr) and isinstance(docstring.value, ast.Constant)
            and isinstance(docstring.value.value, str)}


_ignored: dict[str, str] = {}


class _LocalOnly(PydanticBaseSettingsSource):
    """A settings source with the council's policy taken out: what it held is noted for a warning."""

    def __init__(self, settings_cls: type[BaseSettings], inner: PydanticBaseSettingsSource, where: str) -> None:
        super().__init__(settings_cls)
        self._inner = inner
        self._where = where

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        values = self._inner()
        for key in [key for key in values if key in POLICY]:
            del values[key]
            named = f"FGDM_{key.upper()}" if self._where == "the environment" else f"{key} in {self._where}"
            _ignored[key] = (f"{named} is ignored: {key.replace('_', ' ')} is council policy, kept in the "
                             f"database; an administrator changes it with: fgdm settings set {key} VALUE")
        return values


def ignored_policy() -> list[str]:
    """One line for each policy key found in the environment or the config file (and not used)."""
    return list(_ignored.values())


def config_file_policy() -> dict[str, Any]:
    """The policy keys of the config file as they were written, for moving them into the database once."""
    values = TomlConfigSettingsSource(Settings, toml_file=config_file())()
    return {key: value for key, value in values.items() if key in POLICY}


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


__all__ = ["APP_NAME", "POLICY", "Settings", "SettingsError", "config_file", "config_file_policy", "data_dir",
           "default_database_url", "demo_database_url", "documents_dir", "get_settings", "ignored_policy",
           "load_settings"]
