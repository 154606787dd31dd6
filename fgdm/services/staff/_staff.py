"""Staff: who may use fgdm and in which role, how they count in the workforce, and sharing a case.

Adding or changing staff is an administrator's work; sharing a case (cover, co-working) is for whoever
may change the case.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, field_validator
from sqlmodel import select

from fgdm.domain.enums import Employer, Qualification, StaffRole
from fgdm.domain.validation import check_email, check_phone
from fgdm.models import CaseShare, Staff
from fgdm.services.shared import access
from fgdm.services.shared.concurrency import check_version
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import Input, RecordId, parse
from fgdm.store import roles


class StaffFields(Input):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    job_title: str | None = Field(default=None, max_length=120)
    team: str | None = Field(default=None, max_length=120)
    organisation: str | None = Field(default=None, max_length=200)
    role: StaffRole | None = None
    qualification: Qualification | None = None
    employer: Employer | None = None
    manager_id: RecordId | None = None
    started_on: date | None = None
    left_on: date | None = None
    active: bool | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else check_email(value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else check_phone(value)


class StaffCreate(StaffFields):
    username: str = Field(min_length=2, max_length=64, pattern=r"^[a-z0-9][a-z0-9._-]*$")
    name: str = Field(min_length=1, max_length=200)

    @field_validator("username", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value


def list_staff(ctx: ServiceContext, *, active_only: bool = True) -> list[Staff]:
    """Everyone on the staff list; any member of staff may see it to allocate, refer and invite."""
    query = select(Staff).order_by(Staff.name)
    if active_only:
        query = query.where(Staff.active == True)  # noqa: E712
    return list(ctx.session.exec(query).all())


def _check(ctx: ServiceContext, staff: Staff) -> None:
    errors: dict[str, str] = {}
    if staff.left_on and staff.started_on and staff.left_on < staff.started_on:
        errors["left_on"] = "is before the start date; check both dates"
    if staff.manager_id is not None and (staff.manager_id == staff.id or ctx.session.get(Staff, staff.manager_id)
                                         is None):
        errors["manager_id"] = "choose another member of staff as manager"
    if errors:
        raise ValidationFailed(errors)


def _on_postgresql(ctx: ServiceContext) -> bool:
    return ctx.session.get_bind().dialect.name == "postgresql"


def _check_login_password(ctx: ServiceContext, password: str) -> None:
    """A login is for the team database, and its first password is long enough to be worth having."""
    if not _on_postgresql(ctx):
        raise ValidationFailed.one("password", "logins are for the team database on PostgreSQL; a SQLite file has "
                                               "one user, whoever owns the file")
    if len(password) < 12:
        raise ValidationFailed.one("password", "use at least 12 characters")


def add_staff(ctx: ServiceContext, data: StaffCreate | dict[str, Any], *, password: str | None = None) -> Staff:
    """Add a member of staff (administrators only). On PostgreSQL, given a ``password``, this also creates their
    own database login in their role's group: the record and the login are made together or not at all. Without
    one only the record is made (a referrer who never uses fgdm); `create_login` gives them a login later."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="add staff")
    values = parse(StaffCreate, data)
    if password is not None:
        _check_login_password(ctx, password)
    with ctx.write() as session:
        if session.exec(select(Staff.id).where(Staff.username == values.username)).first() is not None:
            raise ValidationFailed.one("username", f"{values.username} is already used; choose another")
        staff = Staff(**values.model_dump(exclude_none=True))
        session.add(staff)
        session.flush()
        _check(ctx, staff)
        if password is not None:
            _login(roles.create_login, session.connection(), staff.username, password, staff.role)
    return staff


def update_staff(ctx: ServiceContext, staff_id: int, data: StaffFields | dict[str, Any], *,
                 expected_version: int | None = None) -> Staff:
    """Change a member of staff; leaving is recorded with `left_on` and `active=False`, never by deletion."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="change staff records")
    changes = parse(StaffFields, data).model_dump(exclude_unset=True)
    with ctx.write():
        staff = ctx.session.get(Staff, staff_id)
        if staff is None:
            raise NotFound(f"no member of staff has id {staff_id}")
        check_version(staff, f"Staff record of {staff.name}", expected_version, changes)
        for name, value in changes.items():
            if value is None and name in ("name", "role", "qualification", "employer", "active"):
                raise ValidationFailed.one(name, "must not be empty")
            setattr(staff, name, "" if value is None and isinstance(getattr(staff, name), str) else value)
        _check(ctx, staff)
        if changes.get("active") is False and _on_postgresql(ctx):
            _login(roles.disable_login, ctx.session.connection(), staff.username)
    return staff


def create_login(ctx: ServiceContext, username: str, password: str) -> Staff:
    """Give a member of staff already on file their own database login (the team database only): for staff
    brought over from a SQLite file or a case file, who have a record but no login yet."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="give staff a login")
    _check_login_password(ctx, password)
    staff = _staff_by_username(ctx, username)
    with ctx.write() as session:
        _login(roles.create_login, session.connection(), staff.username, password, staff.role)
    return staff


def _login(change: Any, *args: Any) -> None:
    """A change to a database login, the server's refusal as the username's problem (the whole save undone)."""
    try:
        change(*args)
    except roles.LoginProblem as problem:
        raise ValidationFailed.one("username", str(problem)) from None


def _staff_by_username(ctx: ServiceContext, username: str) -> Staff:
    staff = ctx.session.exec(select(Staff).where(Staff.username == username.strip().lower())).first()
    if staff is None or not staff.active:
        raise ValidationFailed.one("username", f"no active member of staff has the username {username!r}")
    return staff


def staff_ids(ctx: ServiceContext, keys: list[str], *, field: str = "staff") -> list[int]:
    """Members of staff named by id or by username, as a script or a coordinator types them, as ids."""
    found = []
    for key in keys:
        text = key.strip()
        query = select(Staff.id).where(Staff.id == int(text)) if text.isdigit() else \
            select(Staff.id).where(Staff.username == text.lower())
        staff_id = ctx.session.exec(query).first()
        if staff_id is None:
            raise ValidationFailed.one(field, f"no member of staff has the id or username {text!r}; "
                                              "`fgdm staff list` shows both")
        found.append(staff_id)
    return found


def share_case(ctx: ServiceContext, case_id: int, username: str) -> CaseShare:
    """Open a case to a colleague who is not allocated to it (cover, co-working)."""
    with ctx.write() as session:
        case = access.case_for_write(ctx, case_id)
        colleague = _staff_by_username(ctx, username)
        existing = session.exec(select(CaseShare).where(CaseShare.case_id == case.id,
                                                        CaseShare.staff_id == colleague.id)).first()
        if existing is not None:
            return existing
        share = CaseShare(case_id=case.id, staff_id=colleague.id)
        session.add(share)
    return share


def unshare_case(ctx: ServiceContext, case_id: int, username: str) -> None:
    with ctx.write() as session:
        case = access.case_for_write(ctx, case_id)
        colleague = _staff_by_username(ctx, username)
        for share in session.exec(select(CaseShare).where(CaseShare.case_id == case.id,
                                                           CaseShare.staff_id == colleague.id)):
            session.delete(share)


def shared_with(ctx: ServiceContext, case_id: int) -> list[Staff]:
    access.case_for_read(ctx, case_id)
    return list(ctx.session.exec(select(Staff).join(CaseShare, CaseShare.staff_id == Staff.id)
                                 .where(CaseShare.case_id == case_id).order_by(Staff.name)).all())
