"""Bulk inserts: reserved ids never clash with other writers; rows read back as the ORM would have written them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from fgdm.domain.enums import StaffRole
from fgdm.models import Staff, Venue
from fgdm.services.shared.bulk_insert import FIRST_POSTGRESQL_BLOCK, BulkInserts, IdPool
from tests.factories import make_staff
from tests.statements import statements

NOW = datetime(2026, 11, 23, 10, 0, 0, 123456, tzinfo=UTC)


def test_reserved_ids_follow_the_rows_on_file_and_an_ordinary_insert_afterwards_takes_another(ctx):
    first = make_staff(ctx, "a.first")
    connection = ctx.session.connection()
    pool = IdPool(connection)
    reserved = [pool.take(Venue) for _ in range(3)] + [pool.take(Staff)]
    assert reserved[:3] == sorted(set(reserved[:3])) and reserved[3] > first.id
    BulkInserts(connection, NOW).insert(Venue, [{"id": venue_id, "name": f"Hall {venue_id}"}
                                                for venue_id in reserved[:3]])
    ctx.session.commit()
    later = Venue(name="Library")
    with ctx.write() as session:
        session.add(later)
    assert later.id not in reserved[:3]
    assert sorted(ctx.session.exec(select(Venue.id)).all()) == sorted([*reserved[:3], later.id])


def test_rows_read_back_with_the_models_defaults_and_types(ctx):
    connection = ctx.session.connection()
    pool = IdPool(connection)
    staff_id = pool.take(Staff)
    BulkInserts(connection, NOW).insert(Staff, [{"id": staff_id, "username": "b.bulk", "name": "B Bulk",
                                                 "role": "manager", "started_on": datetime(2020, 4, 1).date()}])
    ctx.session.commit()
    staff = ctx.session.exec(select(Staff).where(Staff.username == "b.bulk")).one()
    orm = Staff(username="o.orm", name="O Orm")
    assert (staff.id, staff.role, staff.started_on.isoformat()) == (staff_id, StaffRole.MANAGER, "2020-04-01")
    assert (staff.created_at, staff.updated_at, staff.version) == (NOW, NOW, 1)
    assert (staff.active, staff.email, staff.qualification, staff.employer) == (
        orm.active, orm.email, orm.qualification, orm.employer)


def test_ids_are_reserved_in_blocks_that_grow_with_the_import(ctx):
    """One case file needs a few ids of most tables: on PostgreSQL, 2,000 of each of eighteen tables took 100 of
    a single file's 135 ms. Its blocks start small and double up to `POSTGRESQL_BLOCK`; SQLite asks once a
    table for the highest id in use."""
    connection = ctx.session.connection()
    pool = IdPool(connection)
    with statements(ctx) as sent:
        taken = [pool.take(Venue) for _ in range(FIRST_POSTGRESQL_BLOCK * 7 + 1)]
    postgresql = ctx.session.get_bind().dialect.name == "postgresql"
    assert len(sent) == (4 if postgresql else 1), "16, 32, 64, then 128 ids on PostgreSQL"
    assert taken == sorted(set(taken))
