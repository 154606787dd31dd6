"""Bulk inserts: reserved ids never clash with other writers; rows read back as the ORM would have written them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from fgdm.domain.enums import StaffRole
from fgdm.models import Staff, Venue
from fgdm.services.bulk_insert import IdPool, column_defaults, insert_rows
from tests.factories import make_staff

NOW = datetime(2026, 11, 23, 10, 0, 0, 123456, tzinfo=UTC)


def test_reserved_ids_follow_the_rows_on_file_and_an_ordinary_insert_afterwards_takes_another(ctx):
    first = make_staff(ctx, "a.first")
    connection = ctx.session.connection()
    pool = IdPool(connection)
    reserved = [pool.take(Venue) for _ in range(3)] + [pool.take(Staff)]
    assert reserved[:3] == sorted(set(reserved[:3])) and reserved[3] > first.id
    insert_rows(connection, Venue, column_defaults(Venue, NOW),
                [{"id": venue_id, "name": f"Hall {venue_id}"} for venue_id in reserved[:3]])
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
    insert_rows(connection, Staff, column_defaults(Staff, NOW),
                [{"id": staff_id, "username": "b.bulk", "name": "B Bulk", "role": "manager",
                  "started_on": datetime(2020, 4, 1).date()}])
    ctx.session.commit()
    staff = ctx.session.exec(select(Staff).where(Staff.username == "b.bulk")).one()
    orm = Staff(username="o.orm", name="O Orm")
    assert (staff.id, staff.role, staff.started_on.isoformat()) == (staff_id, StaffRole.MANAGER, "2020-04-01")
    assert (staff.created_at, staff.updated_at, staff.version) == (NOW, NOW, 1)
    assert (staff.active, staff.email, staff.qualification, staff.employer) == (
        orm.active, orm.email, orm.qualification, orm.employer)
