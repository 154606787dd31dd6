"""Small checks shared by every input model: the wording of their messages is part of the interface."""

from __future__ import annotations

import re

PHONE = re.compile(r"^[0-9 +()\-]{6,20}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


def clean_text(value: str) -> str:
    """Trim ends only: inner spacing, accents, emoji and right-to-left text are the person's own."""
    return value.strip()


def check_phone(value: str) -> str:
    value = value.strip()
    if value and not PHONE.match(value):
        raise ValueError("use digits, spaces and + ( ) - only, for example 01632 960 123")
    return value


def check_email(value: str) -> str:
    value = value.strip()
    if value and not EMAIL.match(value):
        raise ValueError("is not an email address; write it as name@example.org")
    return value


def check_language(value: str) -> str:
    value = value.strip() or "en_GB"
    if not LANGUAGE.match(value):
        raise ValueError("use a language code such as en_GB, cy, pl or ur")
    return value

