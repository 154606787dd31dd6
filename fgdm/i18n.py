"""Babel in one place: dates, money and numbers always formatted with an explicit locale.

The process locale is never consulted, so a letter printed on a machine set to American English still
reads "23 November 2026" and "£1,250.00".
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.numbers import format_currency, format_decimal

DEFAULT_LOCALE = "en_GB"
LONDON_TZ = "Europe/London"


def locale_for(language: str | None) -> Locale:
    """The Babel locale for a stored language code, falling back to British English."""
    try:
        return Locale.parse(language or DEFAULT_LOCALE)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LOCALE)


def format_day(value: date | None, language: str | None = DEFAULT_LOCALE) -> str:
    """'23 November 2026' in en_GB; the long date form of the locale elsewhere."""
    if value is None:
        return ""
    return babel_format_date(value, format="long", locale=locale_for(language))


def format_day_short(value: date | None, language: str | None = DEFAULT_LOCALE) -> str:
    """'23 Nov 2026' in en_GB, for tables where space is short."""
    if value is None:
        return ""
    return babel_format_date(value, format="medium", locale=locale_for(language))


def format_time_of_day(value: datetime, language: str | None = DEFAULT_LOCALE) -> str:
    """'10:00' in England, whatever zone the instant was stored in."""
    return babel_format_time(value, format="short", tzinfo=_london(), locale=locale_for(language))


def format_instant(value: datetime | None, language: str | None = DEFAULT_LOCALE) -> str:
    """'23 November 2026, 10:00' in England's local time."""
    if value is None:
        return ""
    locale = locale_for(language)
    day = babel_format_date(value.astimezone(_london()), format="long", locale=locale)
    return f"{day}, {format_time_of_day(value, language)}"


def format_money(amount: Decimal | None, language: str | None = DEFAULT_LOCALE) -> str:
    """'£1,250.00': always pounds sterling, in the locale's number style."""
    if amount is None:
        return ""
    return format_currency(amount, "GBP", locale=locale_for(language))


def format_number(value: int | Decimal, language: str | None = DEFAULT_LOCALE) -> str:
    return format_decimal(value, locale=locale_for(language))


def _london() -> ZoneInfo:
    return ZoneInfo(LONDON_TZ)


__all__ = ["format_day", "format_day_short", "format_instant", "format_money", "format_number",
           "format_time_of_day", "locale_for"]
