"""Money is put into words once per amount and language (`fgdm.i18n.format_money` caches Babel's answer)."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency
from hypothesis import given
from hypothesis import strategies as st

from fgdm.i18n import format_money, locale_for

LANGUAGES = st.sampled_from(["en_GB", "cy", "pl", "ur"])


@given(st.integers(min_value=-10**9, max_value=10**9), st.integers(min_value=0, max_value=3), LANGUAGES)
def test_an_amount_reads_as_babel_writes_it_whatever_form_it_came_in(pence: int, places: int,
                                                                     language: str) -> None:
    """The same sum as 1250, 1250.0 or 1250.000 is one entry of the cache: each must read as Babel writes it."""
    amount = (Decimal(pence) / 100).quantize(Decimal(1).scaleb(-places)) if places else Decimal(pence // 100)
    for form in (amount, amount.quantize(Decimal("0.01")), Decimal(str(amount)) + Decimal("0.000")):
        assert format_money(form, language) == format_currency(form, "GBP", locale=locale_for(language))
