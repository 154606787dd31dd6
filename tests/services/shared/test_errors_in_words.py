"""A service's error as the user reads it: a sentence with the field's label, never a key or a validator's phrase."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fgdm.services.shared.errors import ValidationFailed
from fgdm.services.shared.inputs import Input, parse


class Payment(Input):
    amount: Decimal
    paid_on: date


@pytest.mark.parametrize(("errors", "said"), [
    ({"family_name": "is required"}, "Family name is required."),
    ({"children.0.date_of_birth": "give the child's date of birth, or the due date for an unborn baby"},
     "Date of birth: Give the child's date of birth, or the due date for an unborn baby."),
    ({"input": "only a manager may approve more than £500"}, "Only a manager may approve more than £500."),
    ({"warning.coordinator_double_booked": "The coordinator is double-booked: Cerys Davies is at the FGDM "
                                           "meeting for FG-2026-0001 from 26 November 2026, 10:00."},
     "The coordinator is double-booked: Cerys Davies is at the FGDM meeting for FG-2026-0001 from "
     "26 November 2026, 10:00."),
    ({"la_child_id": "has a space in it"}, "Child's id in the case system has a space in it."),
    ({"template": "network[1].name is not allowed here"}, "Template: network[1].name is not allowed here."),
])
def test_each_message_is_a_sentence_with_the_field_s_label(errors: dict[str, str], said: str) -> None:
    assert ValidationFailed(errors).in_words() == said


def test_validator_phrases_become_the_coordinator_s_words() -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse(Payment, {"amount": "1,25", "paid_on": "31/02/2026"})
    said = caught.value.in_words()
    assert said == ("Amount is not an amount of money fgdm can read: write it as 1250.50 or £1,250.50. "
                    "Paid on is not a day in the calendar (that month has no such day): write it as DD/MM/YYYY, "
                    "for example 23/11/2026.")
    assert parse(Payment, {"amount": "£1,250.50", "paid_on": "23/11/2026"}) == Payment(
        amount=Decimal("1250.50"), paid_on=date(2026, 11, 23))
