"""Alembic environment: runs against the engine fgdm hands it, never one built from an ini file."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import fgdm.models  # noqa: F401  (registers every table on the metadata)
from fgdm.store.schema_compare import compare_type, include_object, render_item

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # pysqlite commits DDL statement by statement unless a transaction is opened explicitly;
            # this makes a killed migration leave the schema as it was.
            connection.exec_driver_sql("BEGIN")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_item=render_item,
            compare_type=compare_type,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
