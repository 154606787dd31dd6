"""The options every command shares (--db, --demo, --user), kept as the root command parses them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fgdm.config import Settings


@dataclass
class CliState:
    db: str | None = None
    demo: bool = False
    user: str | None = None

    def settings(self) -> Settings:
        """The settings these options choose; read only when a command needs the records."""
        from fgdm.config import demo_database_url, load_settings

        url = self.db
        if url and "://" not in url:
            url = f"sqlite:///{Path(url).expanduser().resolve()}"
        if self.demo and not url:
            url = demo_database_url()
        return load_settings(database_url=url, user=self.user)
