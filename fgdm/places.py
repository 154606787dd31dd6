"""Where fgdm keeps and finds things (the data folder, the config file, the records), and who the config names
as the user: read with the standard library and platformdirs alone.

The settings model (`fgdm.config`) builds on these. The workbench's first frame reads the records before that
model (pydantic) is imported (`fgdm.services.home.glance`), so where the records are and who is asking are
worked out here by the same rules, highest first: the command line, an ``FGDM_*`` variable, the config file,
the default.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "fgdm"

POLICY = (
    "service_name", "council_name", "template_dir", "support_budget_per_quarter", "support_budget_by_quarter",
    "support_categories", "support_approval_threshold", "offer_response_working_days", "meeting_target_weeks",
    "retention_years_after_18", "retention_looked_after_age", "local_solicitors", "la_code",
)
"""The council's policy: kept in the database, changed only by an administrator, never by a variable or file."""


def data_dir() -> Path:
    """Where the embedded database and backups live unless configured otherwise."""
    override = os.environ.get("FGDM_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    override = os.environ.get("FGDM_CONFIG")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def documents_dir() -> Path:
    """The user's documents folder (XDG_DOCUMENTS_DIR on Linux, Documents elsewhere), where people look for
    what a program wrote for them: never the folder fgdm happened to be started in."""
    return Path(platformdirs.user_documents_dir())


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'fgdm.sqlite3'}"


def demo_database_url() -> str:
    return f"sqlite:///{data_dir() / 'fgdm-demo.sqlite3'}"


def chosen_database_url(db: str | None, demo: bool) -> str | None:
    """The records that ``--db`` (a URL, or a SQLite file's path) or ``--demo`` choose; None if neither does."""
    if db and "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    if demo and not db:
        return demo_database_url()
    return db or None


class NotPlain(ValueError):
    """The config cannot be read by these plain rules (a file that does not parse, a value of another kind): the
    settings model reads it and says what is wrong."""


def _environment(name: str) -> str | None:
    """An ``FGDM_*`` variable, its name in any case, as the settings model reads the environment."""
    wanted = f"FGDM_{name.upper()}"
    found = [value for key, value in os.environ.items() if key.upper() == wanted]
    if len(found) > 1:
        raise NotPlain(f"{wanted} is set more than once")
    return found[0] if found else None


def _config() -> dict[str, object]:
    """The config file's values, read and parsed once for all the settings a start asks of it."""
    path = config_file()
    if not path.is_file():
        return {}
    import tomllib  # only where there is a file to read: `fgdm --version` needs none

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise NotPlain(str(error)) from None


def _config_value(config: dict[str, object], name: str) -> str | None:
    value = config.get(name)
    if value is not None and not isinstance(value, str):
        raise NotPlain(f"{name} in {config_file()} is not text")
    return value


def local_setting(name: str, given: str | None, config: dict[str, object]) -> str | None:
    """One personal setting by the settings model's order: given on the command line, else the environment,
    else the config file's values (``config``); None where none sets it. Raises `NotPlain` where the model must
    be asked."""
    if given is not None:
        return given
    found = _environment(name)
    return found if found is not None else _config_value(config, name)


def output_folder(output_dir: str | Path | None) -> Path:
    """Where generated files go: the folder set, else ``fgdm`` in the user's documents folder."""
    return (Path(output_dir) if output_dir else documents_dir() / APP_NAME).expanduser().absolute()


def _no_policy_outside_the_database(config: dict[str, object]) -> None:
    """A policy key in the environment or the config file is ignored with a warning the settings model gives:
    a start that must say so is not plain."""
    policy_variables = {f"FGDM_{key.upper()}" for key in POLICY}
    if any(name.upper() in policy_variables for name in os.environ) or set(config) & set(POLICY):
        raise NotPlain("a policy key is set outside the database")


def records_and_user(db: str | None, demo: bool, user: str | None) -> tuple[str, str, Path]:
    """The database URL, the username and the output folder the settings model would give for these options.

    Raises `NotPlain` where the model must be asked: it reads the same sources and says what it ignores."""
    config = _config()
    _no_policy_outside_the_database(config)
    url = local_setting("database_url", chosen_database_url(db, demo), config)
    if url == "":
        raise NotPlain("the database URL is set to nothing")
    return (url or default_database_url(), local_setting("user", user, config) or "",
            output_folder(local_setting("output_dir", None, config)))
