"""How fgdm writes a person's name: one rule for the records, the screens and the first frame."""

from __future__ import annotations


def person_name(given: str, family: str) -> str:
    """A person's name as fgdm shows it, for a record or for the two columns read without one."""
    return f"{given} {family}".strip()
