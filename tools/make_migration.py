"""Write a new Alembic revision from the difference between the models and the migrations' head.

Usage: python tools/make_migration.py "what changed"
       python tools/make_migration.py --initial   (rewrite 0001 while nothing has been released)
It upgrades a scratch SQLite database to head and autogenerates against it, so nobody's real records
are touched. Review the file it writes before committing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from fgdm.store.engine import make_engine
from fgdm.store.migrate import MIGRATIONS, alembic_config


def main() -> None:
    initial = sys.argv[1:] == ["--initial"]
    message = "initial schema" if initial else " ".join(sys.argv[1:]) or "schema change"
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'scratch.sqlite3'}")
        config = alembic_config(engine)
        if initial:
            for old in (MIGRATIONS / "versions").glob("0001_*.py"):
                old.unlink()
        else:
            command.upgrade(config, "head")
        versions = Path(config.get_main_option("script_location") or "") / "versions"
        next_id = f"{len(list(versions.glob('[0-9][0-9][0-9][0-9]_*.py'))) + 1:04d}"
        config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
        command.revision(config, message=message, autogenerate=True, rev_id=next_id)
        engine.dispose()


if __name__ == "__main__":
    main()
