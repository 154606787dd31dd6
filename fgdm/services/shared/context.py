"""How the TUI and CLI reach the records: a Workspace opens short ServiceContexts, one per use case.

Nothing above the services layer holds a session. A context carries the session, who is acting and
the clock, so every service call is checked, audited and testable with a frozen time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, select

from fgdm.config import Settings, config_file_policy, get_settings
from fgdm.domain.enums import StaffRole
from fgdm.models import CouncilSetting, Staff
from fgdm.services.shared import attention, audit_trail, concurrency, council_policy
from fgdm.services.shared.clock import Clock, london_today, system_clock
from fgdm.services.shared.errors import FgdmError, PermissionDenied
from fgdm.store.engine import make_engine
from fgdm.store.migrate import needs_upgrade, upgrade
from fgdm.store.roles import session_login
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
        self.base_settings = settings or get_settings()
        self.settings = self.base_settings
        self._policy: council_policy.PolicyRows = ()
        self.clock = clock
        self.engine = engine or make_engine(self.settings.database_url)
        self.backup_made = None
        self.policy_moved: list[str] = []
        with self.engine.connect() as connection:
            self.login = None if self.is_sqlite else session_login(connection)
        if migrate and needs_upgrade(self.engine):
            if not self.is_owner_login:
                raise FgdmError("the database needs upgrading to this version of fgdm; ask an administrator to "
                                "run fgdm db upgrade with the database owner's login")
            self.backup_made = upgrade(self.engine, backup=self.settings.auto_backup)
            self.policy_moved = move_config_policy(self)
        with self.engine.connect() as connection:
            rows = council_policy.policy_rows(connection)
        self._reads_policy = rows is not None
        self._follow_policy(rows or ())
        if migrate:
            attention.bring_up_to_date(self.engine, clock=clock, settings=self.settings)

    def _follow_policy(self, rows: council_policy.PolicyRows) -> None:
        if rows != self._policy:
            self.settings = council_policy.effective(self.base_settings, rows)
            self._policy = rows

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
        if self.login is not None and not self.login[1]:
            return self._member_logged_in(session, self.login[0], username)
        if not username:
            if not self.is_sqlite and session.exec(select(Staff.id)).first() is not None:
                raise PermissionDenied("choose who you are with --user or FGDM_USER: a shared database "
                                       "needs a named member of staff")
            return OWNER_ACTOR
        return _active_staff(session, username, f"no active member of staff has the username {username!r}; "
                                                "check --user or FGDM_USER, or ask an administrator to add you")

    @staticmethod
    def _member_logged_in(session: Session, login: str, username: str | None) -> Actor:
        """On PostgreSQL a member of staff is whoever the server says is connected; naming another is refused."""
        if username and username.strip().lower() != login:
            raise PermissionDenied(f"you are logged in to the database as {login}; fgdm acts as the member of staff "
                                   f"you log in as, so it cannot act as {username}")
        return _active_staff(session, login, f"the database login {login} is not an active member of staff in "
                                             "fgdm; ask an administrator to add you (fgdm staff add)")

    @property
    def is_owner_login(self) -> bool:
        """Whether this connection may set up and upgrade the database: SQLite's file owner, or PostgreSQL's
        database owner (or a superuser). A member of staff's own login is not."""
        return self.login is None or self.login[1]

    @contextmanager
    def context(self, username: str | None = None) -> Iterator[ServiceContext]:
        with Session(self.engine, expire_on_commit=False) as session:
            if self._reads_policy:
                self._follow_policy(council_policy.policy_rows(session.connection()) or ())
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


def _active_staff(session: Session, username: str, refusal: str) -> Actor:
    """The active member of staff with this username as the actor, or PermissionDenied with ``refusal``."""
    staff = session.exec(select(Staff).where(Staff.username == username)).first()
    if staff is None or not staff.active:
        raise PermissionDenied(refusal)
    return Actor(username=staff.username, role=staff.role, staff_id=staff.id, name=staff.name)


def move_config_policy(workspace: Workspace) -> list[str]:
    """Move the council's policy out of the config file into the database, once: at the upgrade that makes
    the table, when nothing has been chosen there yet. Recorded in the audit trail as the owner's change. A
    value the settings' rules refuse stays behind (it is ignored with the usual warning, so fgdm's default
    holds until an administrator sets it). Returns the keys moved, for the message that says so."""
    found = config_file_policy()
    if not found:
        return []
    with Session(workspace.engine, expire_on_commit=False) as session:
        if council_policy.policy_rows(session.connection()):
            return []
        session.info["clock"] = workspace.clock
        session.info["actor"] = OWNER
        audit_trail.attach(session)
        settings, moved = workspace.base_settings, []
        for key, value in found.items():
            try:
                settings = council_policy.with_setting(settings, key, value)
            except ValidationError:
                continue
            session.add(CouncilSetting(key=key, value=council_policy.as_json(getattr(settings, key))))
            moved.append(key)
        session.commit()
    return sorted(moved)


__all__ = ["OWNER_ACTOR", "Actor", "FgdmError", "ServiceContext", "Workspace"]
