"""SQLModel tables, one module per aggregate. Importing this package registers every table."""

from fgdm.models.attention import ChildAttention
from fgdm.models.audit import AuditEvent
from fgdm.models.case import Case, CaseChild, ChildOutcome
from fgdm.models.casework import CaseDocument, CaseNote
from fgdm.models.council import CouncilSetting
from fgdm.models.meeting import Meeting, MeetingAttendee, Venue, WarningOverride
from fgdm.models.network import Agency, ConfidentialFrom, NetworkMember, Person, Relationship, person_name
from fgdm.models.offer import BestInterestsException, FgdmOffer, LetterRecord
from fgdm.models.plan import FamilyPlan, PlanAction, PlanDistribution, PlanQuestion
from fgdm.models.pre_proceedings import PreProceedingsEpisode
from fgdm.models.staff import CaseShare, Staff
from fgdm.models.subject_access import SubjectAccessDraft
from fgdm.models.support import SupportItem

__all__ = [
    "Agency", "AuditEvent", "BestInterestsException", "Case", "CaseChild", "CaseDocument", "CaseNote", "CaseShare",
    "ChildAttention", "ChildOutcome", "ConfidentialFrom", "CouncilSetting", "FamilyPlan", "FgdmOffer", "LetterRecord",
    "Meeting", "MeetingAttendee", "NetworkMember", "Person", "PlanAction", "PlanDistribution", "PlanQuestion",
    "PreProceedingsEpisode", "Relationship", "Staff", "SubjectAccessDraft", "SupportItem", "Venue", "WarningOverride",
    "person_name",
]
