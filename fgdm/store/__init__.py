"""Where records live: engines, sessions and the Alembic migrations that own the schema."""
