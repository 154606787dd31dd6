"""The coordinators' vocabulary as closed sets, so counts never depend on free text."""

from __future__ import annotations

from enum import StrEnum
from functools import cache


@cache
def _label_from(value: str) -> str:
    """Made once per value: a quarterly return labels tens of thousands of records."""
    return value.replace("_", " ").capitalize()


class LabelledEnum(StrEnum):
    """A closed set whose members know their British English label for screens and documents."""

    @property
    def label(self) -> str:
        return _label_from(self.value)


class CaseStatus(LabelledEnum):
    REFERRED = "referred"
    PREPARING = "preparing"
    MEETING_HELD = "meeting_held"
    PLAN_AGREED = "plan_agreed"
    REVIEWING = "reviewing"
    CLOSED = "closed"


class ClosureReason(LabelledEnum):
    PLAN_COMPLETED = "plan_completed"
    FAMILY_DECLINED = "family_declined"
    REFERRAL_WITHDRAWN = "referral_withdrawn"
    NOT_IN_BEST_INTERESTS = "not_in_best_interests"
    PROCEEDINGS_ISSUED = "proceedings_issued"
    FAMILY_MOVED_AWAY = "family_moved_away"
    OTHER = "other"


class LegalStatus(LabelledEnum):
    FAMILY_HELP = "family_help"
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION = "child_protection"
    PRE_PROCEEDINGS = "pre_proceedings"
    LOOKED_AFTER = "looked_after"

    @property
    def label(self) -> str:
        return {"family_help": "Family help", "child_in_need": "Child in need",
                "child_protection": "Child protection", "pre_proceedings": "Pre-proceedings",
                "looked_after": "Looked after"}[self.value]


class Gender(LabelledEnum):
    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"
    UNKNOWN = "unknown"


class Side(LabelledEnum):
    MATERNAL = "maternal"
    PATERNAL = "paternal"
    FRIENDS_COMMUNITY = "friends_community"
    PROFESSIONAL = "professional"

    @property
    def label(self) -> str:
        return {"maternal": "Maternal", "paternal": "Paternal",
                "friends_community": "Friends and community", "professional": "Professionals"}[self.value]


class ContactStatus(LabelledEnum):
    IDENTIFIED = "identified"
    CONTACTED = "contacted"
    INVITED = "invited"
    ATTENDING = "attending"
    DECLINED = "declined"
    EXCLUDED = "excluded"


class ConfidentialFact(LabelledEnum):
    """What can be kept from a named member: a person's address, or a meeting's venue or its date and time."""

    ADDRESS = "address"
    VENUE = "venue"
    TIME = "time"

    @property
    def label(self) -> str:
        return {"address": "Address", "venue": "Venue", "time": "Date and time"}[self.value]


class RelationshipKind(LabelledEnum):
    PARENT_OF = "parent_of"
    PARTNER_OF = "partner_of"
    MARRIED_TO = "married_to"
    FORMER_PARTNER_OF = "former_partner_of"
    DIVORCED_FROM = "divorced_from"
    SIBLING_OF = "sibling_of"
    HALF_SIBLING_OF = "half_sibling_of"
    STEP_PARENT_OF = "step_parent_of"
    GUARDIAN_OF = "guardian_of"
    FRIEND_OF = "friend_of"
    OTHER = "other"


class TieQuality(LabelledEnum):
    """How close a relationship or an ecomap link is; drawn with line styles."""

    CLOSE = "close"
    ORDINARY = "ordinary"
    DISTANT = "distant"
    CONFLICTUAL = "conflictual"
    STRESSFUL = "stressful"


class MeetingKind(LabelledEnum):
    BASELINE = "baseline"
    PREPARATION_VISIT = "preparation_visit"
    FGDM_MEETING = "fgdm_meeting"
    REVIEW = "review"
    SEPARATE_SESSION = "separate_session"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"baseline": "Baseline with referrer", "preparation_visit": "Preparation visit",
                "fgdm_meeting": "FGDM meeting", "review": "Review meeting",
                "separate_session": "Separate session", "other": "Other"}[self.value]


class MeetingStatus(LabelledEnum):
    PLANNED = "planned"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class Attendance(LabelledEnum):
    EXPECTED = "expected"
    ATTENDED = "attended"
    ABSENT = "absent"
    SENT_APOLOGIES = "sent_apologies"
    WRITTEN_CONTRIBUTION = "written_contribution"


class OfferMethod(LabelledEnum):
    LETTER = "letter"
    IN_PERSON = "in_person"
    PHONE = "phone"
    EMAIL = "email"


class OfferResponse(LabelledEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NO_RESPONSE = "no_response"
    WITHDRAWN = "withdrawn"


class ExceptionScope(LabelledEnum):
    """What a best-interests decision excuses under s.31ZA: making the offer, or holding the meeting."""

    OFFER = "offer"
    HOLDING = "holding"


class PreProceedingsOutcome(LabelledEnum):
    """How pre-proceedings ended: the CIN census codeset CS131. Its wording is the census's and lives in
    ``fgdm/reports/cin_census.toml`` with its source; screens show that wording, never the letter."""

    A = "A"
    B = "B"
    C = "C"


class LetterKind(LabelledEnum):
    OFFER = "offer"
    INVITATION = "invitation"
    OUTCOME = "outcome"


class PlanStatus(LabelledEnum):
    DRAFT = "draft"
    AGREED = "agreed"
    NOT_AGREED = "not_agreed"


class NotAgreedReason(LabelledEnum):
    FAILS_BOTTOM_LINE = "fails_bottom_line"
    UNSAFE = "unsafe"
    UNCLEAR = "unclear"


class ActionStatus(LabelledEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Frequency(LabelledEnum):
    ONE_OFF = "one_off"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class SupportStatus(LabelledEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    PAID = "paid"
    DECLINED = "declined"


class StaffRole(LabelledEnum):
    """What a member of staff may do in fgdm (access control), separate from their job."""

    COORDINATOR = "coordinator"
    MANAGER = "manager"
    ADMINISTRATOR = "administrator"
    REFERRER = "referrer"


class Qualification(LabelledEnum):
    SOCIAL_WORK_QUALIFIED = "social_work_qualified"
    ALTERNATIVELY_QUALIFIED = "alternatively_qualified"


class Employer(LabelledEnum):
    LOCAL_AUTHORITY = "local_authority"
    OTHER = "other"


class LivingArrangement(LabelledEnum):
    """Where a child lives at a follow-up point, for the outcome measures."""

    AT_HOME = "at_home"
    WITH_FAMILY_NETWORK = "with_family_network"
    LOOKED_AFTER = "looked_after"
    OTHER = "other"


class AgencyKind(LabelledEnum):
    SCHOOL = "school"
    HEALTH = "health"
    SOCIAL_CARE = "social_care"
    COMMUNITY = "community"
    FAITH = "faith"
    HOUSING = "housing"
    POLICE = "police"
    OTHER = "other"
