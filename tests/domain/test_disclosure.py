"""The disclosure rule on a small fictional case: a mother whose address is kept from the father, a father who
meets the coordinator in a separate session, a grandfather not to be told, and a police unit that is sensitive."""

from __future__ import annotations

from fgdm.domain.disclosure import (
    COORDINATOR,
    FAMILY,
    PROFESSIONALS,
    WITHHELD,
    AgencyFacts,
    CaseFacts,
    Fact,
    PersonFacts,
    Recipient,
    SessionFacts,
    forbidden_texts,
    leaks,
    may_be_invited,
    may_learn,
    redact,
    reveal,
)
from fgdm.domain.enums import ContactStatus

MOTHER, FATHER, GRANDFATHER, AUNT, CHILD, COUSIN = 1, 2, 3, 4, 5, 6
MAIN, SESSION, REVIEW = 10, 11, 12
SCHOOL, POLICE = 20, 21


def case(**changes: object) -> CaseFacts:
    people = (
        PersonFacts(MOTHER, "Ruth Penhallow", address="4 Quiet Close", phone="07700 900001",
                    address_hidden_from=frozenset({FATHER})),
        PersonFacts(FATHER, "Dan Penhallow", address="9 Far Road", attends_separately=True),
        PersonFacts(GRANDFATHER, "Walter Penhallow", address="1 Old Lane", not_to_be_told=True),
        PersonFacts(AUNT, "Jess Penhallow", address="2 Elm Street"),
        PersonFacts(CHILD, "Milo Penhallow", address="4 Quiet Close", address_confidential=True, is_child=True),
        PersonFacts(COUSIN, "Kit Penhallow", address="3 Ash Row", contact_status=ContactStatus.EXCLUDED),
    )
    sessions = (
        SessionFacts(MAIN, attendee_ids=frozenset({MOTHER, AUNT}), venue_texts=("Harbour Family Centre",),
                     time_texts=("10:00",)),
        SessionFacts(SESSION, attendee_ids=frozenset({FATHER}), separate_from=MAIN,
                     venue_texts=("Town Library",), time_texts=("15:00",)),
        SessionFacts(REVIEW, attendee_ids=frozenset({MOTHER}), venue_hidden_from=frozenset({AUNT}),
                     venue_texts=("Quay Rooms",), time_texts=("11:00",)),
    )
    agencies = (AgencyFacts(SCHOOL, "Harbour Primary"), AgencyFacts(POLICE, "Domestic Abuse Unit", sensitive=True))
    return CaseFacts(people=people, sessions=sessions, agencies=agencies)


def test_the_coordinator_may_learn_everything_the_case_knows() -> None:
    facts = case()
    assert all(may_learn(facts, COORDINATOR, fact, CHILD) for fact in (Fact.ADDRESS, Fact.SAFETY_NOTES))
    assert may_learn(facts, COORDINATOR, Fact.AGENCY, POLICE)
    assert not may_learn(facts, COORDINATOR, Fact.ADDRESS, 999), "what the case does not know is refused"
    assert forbidden_texts(facts, COORDINATOR) == ()


def test_professionals_learn_all_but_an_address_confidential_from_everyone_but_the_coordinator() -> None:
    facts = case()
    assert may_learn(facts, PROFESSIONALS, Fact.ADDRESS, AUNT) and may_learn(facts, PROFESSIONALS, Fact.AGENCY, POLICE)
    assert may_learn(facts, PROFESSIONALS, Fact.PRESENCE, GRANDFATHER)
    assert not may_learn(facts, PROFESSIONALS, Fact.ADDRESS, CHILD)
    assert not may_learn(facts, PROFESSIONALS, Fact.ADDRESS, MOTHER), "her child's confidential address is hers"
    assert forbidden_texts(facts, PROFESSIONALS) == ("4 Quiet Close",)


def test_an_address_kept_from_a_named_person_goes_to_others_but_not_to_them() -> None:
    facts = case()
    assert not may_learn(facts, Recipient.person(FATHER), Fact.ADDRESS, MOTHER)
    assert may_learn(facts, Recipient.person(MOTHER), Fact.ADDRESS, AUNT)
    assert not may_learn(facts, Recipient.person(AUNT), Fact.ADDRESS, MOTHER), "her child's there is confidential"
    assert may_learn(facts, Recipient.person(MOTHER), Fact.ADDRESS, MOTHER)
    assert not may_learn(facts, Recipient.person(AUNT), Fact.ADDRESS, CHILD), "confidential from everyone"
    assert not may_learn(facts, Recipient.person(COUSIN), Fact.ADDRESS, AUNT), "an excluded reader learns none"
    assert not may_learn(facts, FAMILY, Fact.ADDRESS, AUNT), "the family's copy carries no address"


def test_an_address_kept_from_someone_is_kept_whoever_else_lives_there() -> None:
    mother = PersonFacts(MOTHER, "Ruth", address="4 Quiet Close", address_hidden_from=frozenset({FATHER}))
    facts = CaseFacts(people=(mother, PersonFacts(CHILD, "Milo", address="4  quiet close"), PersonFacts(FATHER, "Dan")))
    assert not may_learn(facts, Recipient.person(FATHER), Fact.ADDRESS, CHILD)
    assert may_learn(facts, Recipient.person(MOTHER), Fact.ADDRESS, CHILD)


def test_contact_details_go_to_the_person_themselves_only() -> None:
    facts = case()
    assert may_learn(facts, Recipient.person(MOTHER), Fact.CONTACT_DETAILS, MOTHER)
    assert not may_learn(facts, Recipient.person(AUNT), Fact.CONTACT_DETAILS, MOTHER)


def test_someone_not_to_be_told_is_named_to_nobody_and_learns_nothing_but_their_own_details() -> None:
    facts = case()
    assert not may_learn(facts, FAMILY, Fact.PRESENCE, GRANDFATHER)
    assert not may_learn(facts, Recipient.person(MOTHER), Fact.PRESENCE, GRANDFATHER)
    assert may_learn(facts, Recipient.person(GRANDFATHER), Fact.ADDRESS, GRANDFATHER)
    assert not may_learn(facts, Recipient.person(GRANDFATHER), Fact.PRESENCE, MOTHER)
    assert may_learn(facts, Recipient.person(GRANDFATHER), Fact.PRESENCE, CHILD), "the offer names the children"
    assert not may_learn(facts, Recipient.person(GRANDFATHER), Fact.ADDRESS, CHILD)
    assert not may_learn(facts, Recipient.person(GRANDFATHER), Fact.TIME, MAIN)
    assert not may_learn(facts, Recipient.person(GRANDFATHER), Fact.AGENCY, SCHOOL)
    assert may_learn(facts, FAMILY, Fact.PRESENCE, FATHER)


def test_the_separate_session_father_learns_his_own_session_and_not_the_family_meeting() -> None:
    facts = case()
    father = Recipient.person(FATHER)
    assert may_learn(facts, father, Fact.VENUE, SESSION) and may_learn(facts, father, Fact.TIME, SESSION)
    assert not may_learn(facts, father, Fact.VENUE, MAIN) and not may_learn(facts, father, Fact.TIME, MAIN)
    assert not may_learn(facts, Recipient.person(MOTHER), Fact.VENUE, SESSION), "a session is its attendees'"
    assert not may_learn(facts, FAMILY, Fact.VENUE, MAIN), "the father could receive the family's copy"


def test_a_meeting_venue_kept_from_a_named_invitee() -> None:
    facts = case()
    assert may_learn(facts, Recipient.person(MOTHER), Fact.VENUE, REVIEW)
    assert not may_learn(facts, Recipient.person(AUNT), Fact.VENUE, REVIEW)
    assert may_learn(facts, Recipient.person(AUNT), Fact.TIME, REVIEW)
    assert not may_learn(facts, Recipient.person(COUSIN), Fact.TIME, MAIN), "excluded, not invited"


def test_a_sensitive_agency_stays_with_professionals() -> None:
    facts = case()
    assert may_learn(facts, FAMILY, Fact.AGENCY, SCHOOL)
    assert not may_learn(facts, FAMILY, Fact.AGENCY, POLICE)
    assert not may_learn(facts, Recipient.person(MOTHER), Fact.AGENCY, POLICE)


def test_safety_notes_stay_with_professionals() -> None:
    facts = case()
    assert not may_learn(facts, Recipient.person(COUSIN), Fact.SAFETY_NOTES, COUSIN)
    assert not may_learn(facts, FAMILY, Fact.SAFETY_NOTES, MOTHER)


def test_the_family_may_learn_a_meeting_when_every_reader_may() -> None:
    facts = CaseFacts(people=(PersonFacts(MOTHER, "Ruth"), PersonFacts(AUNT, "Jess")),
                      sessions=(SessionFacts(MAIN, attendee_ids=frozenset({MOTHER})),))
    assert may_learn(facts, FAMILY, Fact.TIME, MAIN)


def test_forbidden_texts_leave_out_what_the_recipient_may_learn_by_another_route() -> None:
    facts = case()
    mother = forbidden_texts(facts, Recipient.person(MOTHER))
    assert "4 Quiet Close" not in mother, "her own address, though her child's is confidential"
    assert "Walter Penhallow" in mother and "Town Library" in mother and "Domestic Abuse Unit" in mother
    father = forbidden_texts(facts, Recipient.person(FATHER))
    assert {"Harbour Family Centre", "10:00", "4 Quiet Close"} <= set(father)
    assert "Town Library" not in father and "Dan Penhallow" not in father


def test_reveal_redact_and_leaks() -> None:
    facts = case()
    assert reveal(facts, Recipient.person(FATHER), Fact.ADDRESS, MOTHER, "4 Quiet Close") == ""
    assert reveal(facts, Recipient.person(MOTHER), Fact.ADDRESS, AUNT, "2 Elm Street") == "2 Elm Street"
    assert redact("Meet at HARBOUR family centre", ("harbour family centre",)) == f"Meet at {WITHHELD}"
    assert leaks("see 4 quiet close", ("4 Quiet Close", "nobody")) == ["4 Quiet Close"]


def test_may_be_invited() -> None:
    people = {p.person_id: p for p in case().people}
    assert may_be_invited(people[MOTHER]) and may_be_invited(people[FATHER])
    assert not may_be_invited(people[GRANDFATHER]) and not may_be_invited(people[COUSIN])


def test_a_recipient_for_a_named_person_or_the_family() -> None:
    assert Recipient.family_or_person(None) == FAMILY
    assert Recipient.family_or_person(MOTHER) == Recipient.person(MOTHER)


def test_someone_not_to_be_told_may_not_learn_of_the_case_itself() -> None:
    facts = case()
    assert not may_learn(facts, Recipient.person(GRANDFATHER), Fact.CASE, 99), "a subject access answer's case"
    assert may_learn(facts, Recipient.person(COUSIN), Fact.CASE, 99), "the excluded are told they are excluded"
    assert all(may_learn(facts, reader, Fact.CASE, 99) for reader in (Recipient.person(MOTHER), FAMILY,
                                                                        PROFESSIONALS, COORDINATOR))
