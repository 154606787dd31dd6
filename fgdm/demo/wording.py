"""The words of the demo service: referral reasons, bottom lines, plan actions and support requests.

Written the way coordinators write them, so the demo reads like a real caseload; `{child}`, `{mother}` and
similar placeholders are filled by the generator with the case's own names.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from fgdm.domain.enums import Frequency

T = TypeVar("T", str, tuple[str, str])


@dataclass(frozen=True)
class CaseWords:
    """The names a case's wording mentions, and which wording fits it (no risk named where there is none)."""

    child: str
    mother: str
    risk: str
    """Who the family must be kept safe from, or "" when nobody is."""
    baby: bool
    bottom_lines: str = ""
    """The council's non-negotiables for this case, chosen once and repeated in every plan version."""

    def fits(self, text: str | tuple[str, str]) -> bool:
        joined = " ".join(text) if isinstance(text, tuple) else text
        return (bool(self.risk) or "{risk}" not in joined) and (self.baby or "baby" not in joined.lower())

    def choose(self, rng: random.Random, texts: Sequence[T]) -> T:
        return rng.choice([text for text in texts if self.fits(text)])

    def sample(self, rng: random.Random, texts: Sequence[T], count: int) -> list[T]:
        fitting = [text for text in texts if self.fits(text)]
        return rng.sample(fitting, min(count, len(fitting)))

    def say(self, text: str) -> str:
        said = text.format(child=self.child, mother=self.mother, risk=self.risk)
        return said[:1].upper() + said[1:]

REFERRAL_REASONS = (
    "Concerns about neglect: {child} often arrives at school hungry and in unwashed clothes. {mother} agrees "
    "the family could help more.",
    "Domestic abuse by {risk}; {mother} has moved to a safe address with the children and wants her "
    "family around her.",
    "{mother}'s mental health has deteriorated since the birth of the youngest child; the family want to "
    "share the care.",
    "Parental alcohol misuse; {child} has been left alone in the evenings on several occasions.",
    "The letter before proceedings was sent after the child protection plan did not bring enough change; "
    "the family network may be able to offer care.",
    "An unborn baby: older siblings were removed in the past and the family want to show they can keep "
    "this baby safe.",
    "{child} is caring for a parent with a long-term illness and is missing school.",
    "Conflict between {child} and {mother}; {child} has been staying with friends and going missing.",
    "Overcrowded and unsafe housing; the family need a plan while the housing application is decided.",
    "{risk} is returning from prison; the family want to plan contact that keeps the children safe.",
)
DESIRED_OUTCOMES = (
    "A family plan that keeps the children safely at home with support from the wider family.",
    "Identify who in the network could care for the children if they cannot stay at home.",
    "A safe plan for the baby's first months, agreed before the birth.",
    "Regular respite at weekends so {mother} can attend treatment.",
    "Better school attendance and a trusted adult for {child} to go to.",
)
BOTTOM_LINES = (
    "The children must not be left in the care of {risk} at any time.",
    "{child} must attend school every day unless ill; absence must be explained to the school the same day.",
    "No alcohol or drugs to be used by anyone caring for the children.",
    "The children's address must not be shared with anyone outside this plan.",
    "The baby must sleep in a cot, never in the adults' bed.",
    "Any contact with {risk} is supervised by an adult agreed by the social worker.",
)
QUESTIONS = (
    ("How will the family make sure {child} gets to school every day?",
     "Nan takes {child} on Mondays to Wednesdays; an aunt on Thursdays and Fridays. Anyone who cannot "
     "will ring the next person on the list."),
    ("Who will look after the children if {mother} needs to go into hospital?",
     "The maternal grandparents, with the paternal aunt covering weekends."),
    ("How will the family keep the children safe from {risk}?",
     "Nobody will tell {risk} where the children live; contact only at the family centre."),
    ("What support does {mother} need to manage the evenings and bedtimes?",
     "A friend will come round three evenings a week for the first month."),
    ("How will the family know if the plan is not working, and what will they do?",
     "Weekly family catch-up on Sundays; the plan lead rings the social worker if two actions slip."),
)
CHILD_VIEWS = (
    "{child} said: \"I want to keep living with Mum and see Nan at weekends.\"",
    "{child} drew a picture of everyone at the meeting and wanted their grandad to sit next to them.",
    "{child} told their advocate they feel safest at their aunt's house and want to stay at the same school.",
    "{child} is too young to share views; their health visitor described a settled, smiling baby.",
    "{child} wrote a letter read out at the meeting: \"Please don't shout. I like it when we eat together.\"",
)
CONTINGENCIES = (
    "If the plan breaks down, the children will stay with the maternal grandparents while the family "
    "meets again within two weeks.",
    "If {mother} is unwell, the paternal aunt will move in for up to a week and the social worker is told "
    "the same day.",
    "If {risk} comes to the house, the family call the police and the plan lead tells the social worker.",
    "If school attendance drops below 90% for two weeks, the family reconvene with the coordinator.",
)
ACTIONS = (
    "Take {child} to school on Mondays and Tuesdays",
    "Pick the children up from school on Thursdays",
    "Have the children for tea every Wednesday",
    "Look after the children every other weekend so {mother} can rest",
    "Go with {mother} to her GP appointment",
    "Help {mother} register with the alcohol recovery service",
    "Ring {mother} every evening to check in",
    "Decorate the children's bedroom and fit the new beds",
    "Take {child} to football training on Saturdays",
    "Attend the parenting course at the family centre",
    "Set up a family group chat and share the rota",
    "Supervise contact with the children's father at the family centre",
    "Apply for the housing transfer with support from the housing officer",
    "Make a safety plan with the domestic abuse worker",
    "Arrange the school nurse appointment for {child}",
    "Check the car seat is fitted properly before the first weekend",
)
PROFESSIONAL_DOERS = ("Social worker", "Family support worker", "Health visitor", "School designated safeguarding lead",
                      "Domestic abuse worker")

EXCLUSION_REASONS = (
    "Presence would put the mother at risk: police information shared at the baseline about violence.",
    "Made threats towards the maternal grandmother during a preparation visit.",
    "Bail conditions prevent contact with the mother; invited to send a written contribution instead.",
    "Under the influence of alcohol at both preparation visits; the coordinator judged the meeting unsafe.",
)
NOT_TOLD_REASONS = (
    "Must not learn of the meeting or the children's address: history of violence towards the mother.",
    "The mother fears this person will come to the venue; the network agreed not to tell them.",
)
SEPARATE_SESSION_NOTES = (
    "Attends a separate session before the meeting; their views are shared during information sharing.",
    "Contributes by a separate session because the mother does not feel safe in the same room.",
)
POSTPONE_REASONS = (
    "The interpreter could not attend; rebooked with the agreement of the family.",
    "{mother} was admitted to hospital the day before.",
    "Snow closed the venue.",
    "The paternal grandparents asked for more time to arrange travel.",
)
CANCEL_REASONS = (
    "The family withdrew their consent to the meeting.",
    "The referral was withdrawn by the social worker.",
    "Not enough of the network could attend; the coordinator will rebook after preparation.",
)
CLOSURE_NOTES = {
    "plan_completed": "Review agreed the plan is working and no further meeting is needed.",
    "family_declined": "The parents declined the meeting after preparation; the offer remains open.",
    "referral_withdrawn": "The social worker withdrew the referral after the child protection conference.",
    "not_in_best_interests": "The council decided an FGDM meeting is not in the child's best interests.",
    "proceedings_issued": "Care proceedings issued; the family plan was shared with the court team.",
    "family_moved_away": "The family moved out of the county; the case was passed to the new council.",
    "other": "The child turned 18 before the meeting could be held.",
}
NOT_AGREED_DETAILS = {
    "fails_bottom_line": "The plan has the children staying overnight with their father, which breaches a "
                         "bottom line.",
    "unsafe": "No adult in the plan can collect the children after school on two days a week.",
    "unclear": "The actions did not say who checks them or by when.",
}
EXCEPTION_REASONS = {
    "offer": "Offering a meeting would alert the father, who the police say poses a serious risk to the "
             "mother; the offer is not in the child's best interests.",
    "holding": "The network identified at preparation includes no one who could safely care for the children, "
               "and delaying the application would leave them at risk.",
}

SUPPORT: dict[str, tuple[str, Decimal, Decimal, Frequency]] = {
    "travel": ("Train fares for the grandparents to attend the meeting", Decimal("18.40"),
                             Decimal("96.00"), Frequency.ONE_OFF),
    "childcare": ("After-school club while the plan lead works", Decimal("45.00"),
                                Decimal("140.00"), Frequency.WEEKLY),
    "beds_and_furniture": ("Bunk beds and mattresses for the children's room", Decimal("180.00"),
                                         Decimal("620.00"), Frequency.ONE_OFF),
    "car_seat": ("Car seat so the aunt can drive the youngest to appointments",
                               Decimal("65.00"), Decimal("180.00"), Frequency.ONE_OFF),
    "uniform": ("School uniform and shoes", Decimal("38.50"), Decimal("150.00"), Frequency.ONE_OFF),
    "appliances": ("Washing machine for the grandparents' house", Decimal("220.00"),
                                 Decimal("460.00"), Frequency.ONE_OFF),
    "activities": ("Football club membership", Decimal("12.00"), Decimal("40.00"), Frequency.MONTHLY),
    "bought_in_support": ("Sessions with a family support worker in the evenings",
                                        Decimal("300.00"), Decimal("1200.00"), Frequency.ONE_OFF),
    "loss_of_earnings": ("Unpaid leave for the aunt to care for the children for two weeks",
                                       Decimal("420.00"), Decimal("1650.00"), Frequency.ONE_OFF),
    "housing_deposit": ("Deposit for a larger flat so the grandmother can move in",
                                      Decimal("650.00"), Decimal("1500.00"), Frequency.ONE_OFF),
    "other": ("Mobile phone credit so the mother can stay in touch with the plan lead",
                            Decimal("10.00"), Decimal("25.00"), Frequency.MONTHLY),
}
SUPPORT_DECLINED_REASONS = (
    "Available free through the school's uniform exchange.",
    "Above the approval limit without a meeting having identified the need.",
    "Already funded by the housing team.",
)
PRE_MEETING_APPROVAL = "Approved before the meeting so that the grandparents can attend it."
