"""The gettext catalogs: complete, in step with the templates and the interface, and honest about review."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from fgdm.documents.rendering import shipped_templates_dir
from fgdm.domain import genogram
from fgdm.domain.disclosure import WITHHELD
from fgdm.i18n import format_day, format_money, has_translation, locales_dir, translations
from fgdm.services.letters import letter_language, letter_languages

ROOT = Path(__file__).parents[2]
LANGUAGES = ["cy", "pl", "ur"]
DOMAINS = {"letters": ["templates/letters"], "tui": ["fgdm/tui"],
           "calendar": ["fgdm/services/meetings/_invitations.py"]}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


def catalog(language: str, domain: str):  # type: ignore[no-untyped-def]
    with (locales_dir() / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as po:
        return read_po(po, locale=language, domain=domain)


def template(domain: str):  # type: ignore[no-untyped-def]
    with (locales_dir() / f"{domain}.pot").open("rb") as pot:
        return read_po(pot)


def ids(messages) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.id if isinstance(m.id, str) else m.id[0] for m in messages if m.id}


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_pot_is_in_step_with_the_sources(tmp_path, domain) -> None:
    """Re-extract as the translator's workflow does: a message added to a template must reach the .pot."""
    fresh = tmp_path / f"{domain}.pot"
    keywords = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2"] if domain == "tui" else []
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), *keywords,
                                "-o", str(fresh), *(str(ROOT / p) for p in DOMAINS[domain])])
    with fresh.open("rb") as pot:
        assert ids(read_po(pot)) == ids(template(domain))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_is_translated_with_the_same_placeholders(domain, language) -> None:
    translated = catalog(language, domain)
    assert ids(translated) == ids(template(domain))
    for message in translated:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings), f"{language} {domain}: {message.id!r} is not translated"
        wanted = {p for source in sources for p in PLACEHOLDER.findall(source)}
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= wanted, (message.id, string)
            assert set(PLACEHOLDER.findall(string)) >= set(PLACEHOLDER.findall(sources[0])) - {"{count}"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_machine_translations_say_they_need_a_qualified_translator(domain, language) -> None:
    text = (locales_dir() / language / "LC_MESSAGES" / f"{domain}.po").read_text(encoding="utf-8")
    header = text.split('msgid ""')[0]
    assert "needs review by a qualified translator" in header
    assert "Last-Translator: machine translation, needs review by a qualified translator" in text


def test_the_offer_paragraph_is_translated_for_every_shipped_language() -> None:
    offer = ("Before we apply to the court for a care order or a supervision order for %(children)s, the law "
             "(section 31ZA of the Children Act 1989) says that we must offer you a family group decision making "
             "meeting. We are offering you that meeting now. This offer is part of the letter before proceedings.")
    for language in LANGUAGES:
        translated = translations(language, "letters").gettext(offer)
        assert translated != offer and "31ZA" in translated and "1989" in translated


def test_languages_offered_and_the_english_fallback() -> None:
    assert letter_languages() == ["en_GB", "cy", "pl", "ur"]
    assert letter_language(None, "cy") == ("cy", [])
    assert letter_language("pl", "cy") == ("pl", [])
    assert letter_language(None, "en_US") == ("en_GB", [])
    used, notices = letter_language(None, "ti")
    assert used == "en_GB" and "Tigrinya (ti)" in notices[0] and "in English" in notices[0]
    assert has_translation("pl_PL", "letters") and not has_translation("so", "letters")


def test_babel_formats_for_the_letter_locale() -> None:
    day = date(2026, 11, 23)
    assert format_day(day, "en_GB") == "23 November 2026"
    assert format_day(day, "cy") == "23 Tachwedd 2026"
    assert format_day(day, "pl") == "23 listopada 2026"
    assert format_money(Decimal("1250"), "en_GB") == "£1,250.00"


def test_templates_are_found_beside_the_locales() -> None:
    assert (shipped_templates_dir() / "letters" / "offer.j2").is_file()
    assert shipped_templates_dir().parent == locales_dir().parent


HAND_KEPT = ["plans", "maps"]
"""Catalogs whose .pot is kept by hand beside the code that uses it (docs/translation.md)."""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", HAND_KEPT)
def test_hand_kept_catalogs_are_complete_and_say_they_are_machine_made(domain, language) -> None:
    translated = catalog(language, domain)
    assert ids(translated) == ids(template(domain))
    for message in translated:
        if message.id:
            assert message.string, f"{language} {domain}: {message.id!r} is not translated"
            assert set(PLACEHOLDER.findall(message.string)) == set(PLACEHOLDER.findall(message.id)), message.id
    test_machine_translations_say_they_need_a_qualified_translator(domain, language)


def test_every_word_the_network_map_prints_is_in_its_catalog() -> None:
    """Render the map's text twin through a catalog that records each message asked for."""
    from gettext import NullTranslations

    from fgdm.documents.network_map import network_map_text
    from fgdm.domain.network_picture import make_shareable
    from tests.domain.test_genogram import family

    asked: set[str] = set()

    class Recording(NullTranslations):
        language = "en_GB"

        def gettext(self, message: str) -> str:
            asked.add(message)
            return message

    for picture in (family(), make_shareable(family())):
        network_map_text(picture, date(2026, 11, 23), Recording())
    names = [member.name for member in family().members] + [WITHHELD]
    free_text = {message for message in asked if any(name in message for name in names)}
    assert asked - free_text <= ids(template("maps")) | ids(template("plans"))
    assert {"Genogram", "Network members", genogram.LEGEND, "Maternal", "No"} <= asked, "the recording works"
