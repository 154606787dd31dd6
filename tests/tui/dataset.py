"""A small fixed service for TUI tests and snapshots, built through the services as a user would.

Deterministic: fixed names and dates relative to the frozen clock (Monday 23 November 2026), so the
snapshots only change when the screens do. Names carry accents and apostrophes on purpose.
"""

from __future__ import annotations

from typing import Any

from fgdm.services import cases, meetings, network, offers, support
from fgdm.services.shared.context import ServiceContext
from tests.factories import make_staff

COORDINATOR = "sam"

CASES: tuple[dict[str, Any], ...] = (
    {"family_name": "Okafor", "referral_date": "2026-09-01", "lbp_date": "2026-11-02",
     "children": [{"given_name": "Ada", "date_of_birth": "2018-05-04", "legal_status": "pre_proceedings"},
                  {"given_name": "Chidi", "date_of_birth": "2020-02-11", "legal_status": "pre_proceedings"}]},
    {"family_name": "Ó Briain", "referral_date": "2026-10-12",
     "children": [{"given_name": "Zoë", "date_of_birth": "2015-07-19", "legal_status": "child_in_need"}]},
    {"family_name": "O'Neill", "referral_date": "2026-08-03",
     "children": [{"given_name": "Liam", "date_of_birth": "2012-01-30", "legal_status": "child_protection"}]},
    {"family_name": "Kowalski", "referral_date": "2026-06-15",
     "children": [{"given_name": "Mateusz", "date_of_birth": "2016-03-03", "legal_status": "family_help"}]},
    {"family_name": "Khan", "referral_date": "2026-11-16",
     "children": [{"given_name": "Ayesha", "date_of_birth": "2019-09-09", "legal_status": "child_in_need"},
                  {"given_name": "Bilal", "due_date": "2027-02-01", "legal_status": "child_in_need"}]},
    {"family_name": "Evans", "referral_date": "2026-04-20",
     "children": [{"given_name": "Megan", "date_of_birth": "2011-12-12", "legal_status": "looked_after"}]},
)

STAGES = (0, 1, 2, 3, 0, 4)
"""How many times each case above is advanced: Referred, Preparing, Meeting held, Plan agreed, Reviewing."""


def build(ctx: ServiceContext) -> dict[str, int]:
    """Staff, six cases at different stages, a stale offer, an uninvited meeting and a support request.

    Returns the case ids by family name, and the ids of the "fgdm_meeting" and the "support_item".
    """
    sam = make_staff(ctx, COORDINATOR, name="Sam Patel")
    jo = make_staff(ctx, "jo", name="Jo Nowak")
    rhi = make_staff(ctx, "rhi", role="referrer", name="Rhiannon Evans")
    ids: dict[str, int] = {}
    for index, (data, advances) in enumerate(zip(CASES, STAGES, strict=True)):
        coordinator = jo.id if index == 3 else sam.id
        case = cases.create_case(ctx, {**data, "coordinator_id": coordinator, "referrer_id": rhi.id,
                                       "referral_reason": "Concerns about home conditions; family want to help"})
        for _ in range(advances):
            cases.advance_stage(ctx, case.id)
        ids[data["family_name"]] = case.id
    okafor = ids["Okafor"]
    mother = network.add_member(ctx, okafor, {"given_name": "Grace", "family_name": "Okafor", "is_parent": True,
                                              "parental_responsibility": True, "relationship_to_child": "mother",
                                              "side": "maternal"})
    network.add_member(ctx, okafor, {"given_name": "Emeka", "family_name": "Okafor", "is_parent": True,
                                     "parental_responsibility": True, "relationship_to_child": "father",
                                     "side": "paternal"})
    offers.record_offer(ctx, okafor, {"network_member_id": mother.id, "offered_on": "2026-11-09", "in_lbp": True})
    ids["fgdm_meeting"] = meetings.schedule_meeting(ctx, ids["Ó Briain"], {"kind": "fgdm_meeting", "day": "2026-11-30",
                                                      "start_time": "10:00", "end_time": "13:00",
                                                      "location_note": "Riverside Family Centre"},
                              overrides={"fgdm_meeting_late": "fixture"}).id
    ids["support_item"] = support.add_item(ctx, ids["O'Neill"], {"category": "travel", "amount": "45.60",
                                                                 "description": "Bus fares for grandparents"}).id
    return ids
