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
from alembic.config import Config

from fgdm.store.engine import make_engine
from fgdm.store.migrate import MIGRATIONS, alembic_config


def main() -> None:
    initial = sys.argv[1:] == ["--initial"]
    message = "initial schema" if initial else " ".join(sys.argv[1:]) or "schema change"
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'scratch.sqlite3'}")
        config = alembic_config(engine)
        versions = MIGRATIONS / "versions"
        config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
        if initial:
            _rewrite_initial(config, versions, Path(scratch))
        else:
            command.upgrade(config, "head")
            next_id = f"{len(list(versions.glob('[0-9][0-9][0-9][0-9]_*.py'))) + 1:04d}"
            command.revision(config, message=message, autogenerate=True, rev_id=next_id)
        engine.dispose()


def _rewrite_initial(config: Config, versions: Path, scratch: Path) -> None:
    """Regenerate 0001 from the models, setting later (hand-written, non-model) revisions aside meanwhile."""
    later = sorted(p for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py") if not p.name.startswith("0001_"))
    for path in later:
        path.rename(scratch / path.name)
    try:
        for old in versions.glob("0001_*.py"):
            old.unlink()
        command.revision(config, message="initial schema", autogenerate=True, rev_id="0001")
    finally:
        for path in later:
            (scratch / path.name).rename(versions / path.name)


if __name__ == "__main__":
    main()
