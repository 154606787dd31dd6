"""How the TUI and CLI reach the records: a Workspace opens short ServiceContexts, one per use case.

Nothing above the services layer holds a session. A context carries the session, who is acting and
the clock, so every service call is checked, audited and testable with a frozen time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, select

from fgdm.config import Settings, get_settings
from fgdm.domain.enums import StaffRole
from fgdm.models import Staff
from fgdm.services.shared import attention, audit_trail, concurrency
from fgdm.services.shared.clock import Clock, london_today, system_clock
from fgdm.services.shared.errors import FgdmError, PermissionDenied
from fgdm.store.engine import make_engine
from fgdm.store.migrate import needs_upgrade, upgrade
from fgdm.store.statistics import refresh_if_stale

OWNER = "owner"


@dataclass(frozen=True)
class Actor:
    """Who is acting.

    The owner is the single user of an embedded SQLite file (who can read the file anyway), or whoever
    sets up a shared database before any staff exist; everyone else is a named member of staff.
    """

    username: str
    role: StaffRole
    staff_id: int | None = None
    name: str = ""

    @property
    def is_owner(self) -> bool:
        return self.username == OWNER and self.staff_id is None

    @property
    def sees_every_case(self) -> bool:
        return self.is_owner or self.role in (StaffRole.MANAGER, StaffRole.ADMINISTRATOR)


OWNER_ACTOR = Actor(username=OWNER, role=StaffRole.ADMINISTRATOR, name="Local user")


@dataclass
class ServiceContext:
    session: Session
    actor: Actor
    clock: Clock = system_clock
    settings: Settings = field(default_factory=get_settings)
    _depth: int = 0

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return london_today(self.clock)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One atomic change: committed when the outermost block ends, rolled back whole on any error."""
        self._depth += 1
        try:
            try:
                yield self.session
                if self._depth == 1:
                    self.session.commit()
                else:
                    self.session.flush()
            except StaleDataError:
                raise concurrency.conflict_from_race(self.session) from None
        except BaseException:
            if self._depth == 1:
                self.session.rollback()
            raise
        finally:
            self._depth -= 1


class Workspace:
    """An open records store: the engine, settings and clock that contexts are made from."""

    def __init__(self, settings: Settings | None = None, *, clock: Clock = system_clock,
                 engine: Engine | None = None, migrate: bool = True) -> None:
        self.settings = settings or get_settings()
        self.clock = clock
        self.engine = engine or make_engine(self.settings.database_url)
        self.backup_made = None
        if migrate and needs_upgrade(self.engine):
            self.backup_made = upgrade(self.engine, backup=self.settings.auto_backup)
        if migrate:
            attention.bring_up_to_date(self.engine, clock=clock, settings=self.settings)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def reads_side_by_side(self) -> bool:
        """Whether two contexts can read at once: not an in-memory SQLite store, whose one connection is shared."""
        return not isinstance(self.engine.pool, StaticPool)

    def resolve_actor(self, session: Session, username: str | None = None) -> Actor:
        username = username if username is not None else self.settings.user
        if not username:
            if not self.is_sqlite and session.exec(select(Staff.id)).first() is not None:
                raise PermissionDenied("choose who you are with --user or FGDM_USER: a shared database "
                                       "needs a named member of staff")
            return OWNER_ACTOR
        staff = session.exec(select(Staff).where(Staff.username == username)).first()
        if staff is None or not staff.active:
            raise PermissionDenied(f"no active member of staff has the username {username!r}; "
                                   "check --user or FGDM_USER, or ask an administrator to add you")
        return Actor(username=staff.username, role=staff.role, staff_id=staff.id, name=staff.name)

    @contextmanager
    def context(self, username: str | None = None) -> Iterator[ServiceContext]:
        with Session(self.engine, expire_on_commit=False) as session:
            session.info["clock"] = self.clock
            actor = self.resolve_actor(session, username)
            session.info["actor"] = actor.username
            audit_trail.attach(session)
            concurrency.attach(session)
            attention.attach(session, self.settings)
            yield ServiceContext(session=session, actor=actor, clock=self.clock, settings=self.settings)

    def dispose(self) -> None:
        """Close the store, first gathering SQLite's statistics if the service has outgrown them."""
        refresh_if_stale(self.engine)
        self.engine.dispose()


__all__ = ["OWNER_ACTOR", "Actor", "FgdmError", "ServiceContext", "Workspace"]
