"""Babel in one place: translations, dates, money and numbers, always with an explicit locale.

The process locale is never consulted, so a letter printed on a machine set to American English still
reads "23 November 2026" and "£1,250.00". Translations are gettext catalogs under `locales/`, one domain
per area (``letters``, ``plans``, ``tui``...), read from the .po files directly so there are no compiled
files to keep in step.
"""

from __future__ import annotations

import gettext
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.numbers import format_currency, format_decimal

DEFAULT_LOCALE = "en_GB"
LONDON_TZ = "Europe/London"


def locales_dir() -> Path:
    """The shipped catalogs: beside the package when installed, at the repository top in a checkout."""
    shipped = Path(__file__).parent / "_shipped" / "locales"
    return shipped if shipped.is_dir() else Path(__file__).parent.parent / "locales"


def catalog_path(language: str, domain: str) -> Path | None:
    """The .po file for a language, trying the full code (pt_BR) then the bare language (pt)."""
    for code in (language, language.split("_")[0]):
        path = locales_dir() / code / "LC_MESSAGES" / f"{domain}.po"
        if path.is_file():
            return path
    return None


@cache
def translations(language: str | None, domain: str) -> gettext.NullTranslations:
    """Translations for a language and domain; English (the msgids themselves) where none exists."""
    code = language or DEFAULT_LOCALE
    path = catalog_path(code, domain) if not code.startswith("en") else None
    if path is None:
        return gettext.NullTranslations()
    # Babel's catalog readers (and the email and gettext parsers they bring) only where a translation is read:
    # the workbench's first frame is in English.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        catalog = read_po(po, locale=code.split("_")[0], domain=domain)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def has_translation(language: str | None, domain: str) -> bool:
    code = language or DEFAULT_LOCALE
    return code.startswith("en") or catalog_path(code, domain) is not None


INTERFACE_DOMAIN = "tui"
_interface = {"language": DEFAULT_LOCALE}


def set_interface_language(language: str | None) -> None:
    """Choose the workbench's own language (the ``tui`` catalog); English where no catalog exists."""
    _interface["language"] = language or DEFAULT_LOCALE


def interface_language() -> str:
    return _interface["language"]


def _(message: str) -> str:
    """The interface's wording in the chosen language: ``from fgdm.i18n import _`` in the TUI."""
    return translations(_interface["language"], INTERFACE_DOMAIN).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Singular or plural by the language's own rule ("1 offer", "2 offers"; Welsh has six forms)."""
    return translations(_interface["language"], INTERFACE_DOMAIN).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined (a constant); translate it with _() when shown."""
    return message


@cache
def locale_for(language: str | None) -> Locale:
    """The Babel locale for a stored language code, falling back to British English.

    Parsed once per code: home and the reports format hundreds of dates and amounts at a time."""
    try:
        return Locale.parse(language or DEFAULT_LOCALE)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LOCALE)


@lru_cache(maxsize=4096)
def _day_in_words(value: date, form: str, language: str | None) -> str:
    """A day put into words once: home, lists and reports show a few dozen days hundreds of times (30 µs each)."""
    return babel_format_date(value, format=form, locale=locale_for(language))


def format_day(value: date | None, language: str | None = DEFAULT_LOCALE) -> str:
    """'23 November 2026' in en_GB; the long date form of the locale elsewhere."""
    if value is None:
        return ""
    return _day_in_words(value, "long", language)


def format_day_short(value: date | None, language: str | None = DEFAULT_LOCALE) -> str:
    """'23 Nov 2026' in en_GB, for tables where space is short."""
    if value is None:
        return ""
    return _day_in_words(value, "medium", language)


@lru_cache(maxsize=1024)
def _time_in_words(value: time, language: str | None) -> str:
    """A clock time put into words once: meetings start at a few dozen times of day."""
    return babel_format_time(value, format="short", locale=locale_for(language))


def _in_london(value: datetime) -> datetime:
    """The instant in England's local time; one without a zone is taken as UTC, as Babel takes it."""
    return (value if value.tzinfo is not None else value.replace(tzinfo=UTC)).astimezone(_london())


def format_time_of_day(value: datetime, language: str | None = DEFAULT_LOCALE) -> str:
    """'10:00' in England, whatever zone the instant was stored in."""
    return _time_in_words(_in_london(value).time(), language)


def format_instant(value: datetime | None, language: str | None = DEFAULT_LOCALE) -> str:
    """'23 November 2026, 10:00' in England's local time."""
    if value is None:
        return ""
    local = _in_london(value)
    return f"{_day_in_words(local.date(), 'long', language)}, {_time_in_words(local.time(), language)}"


def format_money(amount: Decimal | None, language: str | None = DEFAULT_LOCALE) -> str:
    """'£1,250.00': always pounds sterling, in the locale's number style."""
    if amount is None:
        return ""
    return _money_in_words(amount, language)


@lru_cache(maxsize=4096)
def _money_in_words(amount: Decimal, language: str | None) -> str:
    """Babel takes about 40 µs an amount, and home's and the budget's lists repeat the same few amounts.
    Amounts equal as numbers (1250.0 and 1250.00) share a line: in pounds and pence they read the same."""
    return format_currency(amount, "GBP", locale=locale_for(language))


def format_number(value: int | Decimal, language: str | None = DEFAULT_LOCALE) -> str:
    return format_decimal(value, locale=locale_for(language))


def _london() -> ZoneInfo:
    return ZoneInfo(LONDON_TZ)


__all__ = ["N_", "_", "format_day", "format_day_short", "format_instant", "format_money", "format_number",
           "format_time_of_day", "interface_language", "locale_for", "ngettext", "set_interface_language"]
