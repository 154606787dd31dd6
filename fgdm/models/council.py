"""The council's policy as records: one row per setting an administrator has chosen."""

from __future__ import annotations

from sqlmodel import Field

from fgdm.models.base import Record, text_field


class CouncilSetting(Record, table=True):
    """A policy value (``fgdm.config.POLICY``) as JSON; a setting with no row takes fgdm's default.

    A record like any other, so every change is in the audit trail with its old and new value.
    """

    __tablename__ = "council_setting"

    key: str = Field(max_length=64, unique=True)
    value: str = text_field("null")
