"""The schema revision this version of fgdm works with, readable without importing the database layer."""

HEAD_REVISION = "0020"
"""The newest migration in `migrations/versions`. A migration added without raising this fails
`tests/store/test_migrations.py`, which reads the head from the folder as Alembic does."""

VERSION_TABLE = "alembic_version"
"""Where Alembic keeps the revision a database is at."""
