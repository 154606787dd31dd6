"""Write a new Alembic revision from the difference between the models and the migrations' head.

Usage: python tools/make_migration.py "what changed"

It upgrades a scratch SQLite database to head and autogenerates against it, so nobody's real records
are touched. Revisions are numbered 0001, 0002...; released revisions are never edited. Review the file
it writes (autogenerate cannot see triggers, grants or data moves) before committing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from fgdm.store.engine import make_engine
from fgdm.store.migrate import MIGRATIONS, alembic_config


def main() -> None:
    message = " ".join(sys.argv[1:]) or "schema change"
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'scratch.sqlite3'}")
        config = alembic_config(engine)
        config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
        command.upgrade(config, "head")
        versions = MIGRATIONS / "versions"
        next_id = f"{len(list(versions.glob('[0-9][0-9][0-9][0-9]_*.py'))) + 1:04d}"
        command.revision(config, message=message, autogenerate=True, rev_id=next_id)
        engine.dispose()


if __name__ == "__main__":
    main()
