"""Letters to the family: the s.31ZA offer, the invitation to the meeting and the letter after it, each for one
recipient.
"""

from fgdm.services.letters._letters import (
    GeneratedLetter,
    LetterView,
    generate_letter,
    generate_pending_offers,
    letter_language,
    letter_languages,
    letter_meeting_fields,
    letter_person_fields,
    letter_warnings,
    list_letters,
)

__all__ = [
    "GeneratedLetter",
    "LetterView",
    "generate_letter",
    "generate_pending_offers",
    "letter_language",
    "letter_languages",
    "letter_meeting_fields",
    "letter_person_fields",
    "letter_warnings",
    "list_letters",
]
