"""Staff of the service: who coordinates, who refers, who manages, and how they count in the workforce."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from fgdm.domain.enums import Employer, Qualification, StaffRole
from fgdm.models.base import Record, enum_field


class Staff(Record, table=True):
    __tablename__ = "staff"

    username: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=200)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    job_title: str = Field(default="", max_length=120)
    team: str = Field(default="", max_length=120)
    organisation: str = Field(default="", max_length=200)
    role: StaffRole = enum_field(StaffRole, StaffRole.COORDINATOR)
    qualification: Qualification = enum_field(Qualification, Qualification.ALTERNATIVELY_QUALIFIED)
    employer: Employer = enum_field(Employer, Employer.LOCAL_AUTHORITY)
    manager_id: int | None = Field(default=None, foreign_key="staff.id")
    started_on: date | None = None
    left_on: date | None = None
    active: bool = True


class CaseShare(Record, table=True):
    """A case opened to a coordinator who is not allocated to it (cover, co-working)."""

    __tablename__ = "case_share"

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    staff_id: int = Field(foreign_key="staff.id", index=True)
