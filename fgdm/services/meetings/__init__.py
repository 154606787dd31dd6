"""Meetings of the FGDM cycle: scheduling and its warnings, bank holidays, venues, the diary and calendar
invitations.
"""

from fgdm.services.meetings._checks import WarningsNeedOverride
from fgdm.services.meetings._holidays import bank_holidays, update_bank_holidays, update_path
from fgdm.services.meetings._invitations import (
    Service,
    default_ics_path,
    diary_ics,
    invitation_event,
    meeting_ics,
    save_meeting_ics,
    write_file,
)
from fgdm.services.meetings._scheduling import (
    cancel_meeting,
    invitable_members,
    local_instant,
    mark_held,
    mark_invitations_sent,
    member_facts,
    move_meeting,
    postpone_meeting,
    record_attendance,
    replan_meeting,
    schedule_meeting,
    update_meeting,
)
from fgdm.services.meetings._venues import add_venue, list_venues, update_venue
from fgdm.services.meetings._views import (
    Invitee,
    MeetingView,
    StaffChoice,
    case_meetings,
    diary,
    gaps_of,
    get_meeting,
    list_meetings,
    review_due,
    upcoming_with_gaps,
)

__all__ = [
    "Invitee",
    "MeetingView",
    "Service",
    "StaffChoice",
    "WarningsNeedOverride",
    "add_venue",
    "bank_holidays",
    "cancel_meeting",
    "case_meetings",
    "default_ics_path",
    "diary",
    "diary_ics",
    "gaps_of",
    "get_meeting",
    "invitable_members",
    "invitation_event",
    "list_meetings",
    "list_venues",
    "local_instant",
    "mark_held",
    "mark_invitations_sent",
    "meeting_ics",
    "member_facts",
    "move_meeting",
    "postpone_meeting",
    "record_attendance",
    "replan_meeting",
    "review_due",
    "save_meeting_ics",
    "schedule_meeting",
    "upcoming_with_gaps",
    "update_bank_holidays",
    "update_meeting",
    "update_path",
    "update_venue",
    "write_file",
]
