"""The options every command shares (--db, --demo, --user), kept as the root command parses them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fgdm.places import chosen_database_url

if TYPE_CHECKING:
    from fgdm.config import Settings


@dataclass
class CliState:
    db: str | None = None
    demo: bool = False
    user: str | None = None

    def settings(self) -> Settings:
        """The settings these options choose; read only when a command needs the records."""
        from fgdm.config import load_settings

        return load_settings(database_url=chosen_database_url(self.db, self.demo), user=self.user)
