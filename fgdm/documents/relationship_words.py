"""Relationship words in the family's language, including the compound ones coordinators write.

A coordinator writes "Cousin (maternal side)", "Mother's former partner", "Paternal grandmother (special
guardian of Ada)", "Youth worker, Wexcombe Scouts" or "Member of Al-Noor Mosque". The whole phrase is looked
up first; otherwise it is taken apart at its brackets, its comma and a final "of NAME", each known part is
translated (a "… of %(name)s" phrase keeps the name), and names and organisations stay as written. What the
catalog does not know stays in English, as the coordinator wrote it.
"""

from __future__ import annotations

import re
from gettext import NullTranslations

from fgdm.i18n import translations

_BRACKETED = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<inside>[^()]+)\)$")
_OF_NAME = re.compile(r"^(?P<words>.+?\bof)\s+(?P<name>\S.*)$")


class DocumentWords(NullTranslations):
    """A document's own catalog, falling back to the plans catalog, where the relationship words live."""

    def __init__(self, language: str, domain: str) -> None:
        super().__init__()
        self.language = language
        self.own = translations(language, domain)
        self.shared = translations(language, "plans")

    def gettext(self, message: str) -> str:
        found = self.own.gettext(message)
        return found if found != message else self.shared.gettext(message)


def relationship_words(label: str, words: NullTranslations) -> str:
    """The label in the catalog's language, part by part where the whole phrase is not in it."""
    text = " ".join(label.split())
    if not text:
        return text
    whole = words.gettext(text)
    if whole != text:
        return whole
    bracketed = _BRACKETED.match(text)
    if bracketed:
        return f"{relationship_words(bracketed['head'], words)} ({relationship_words(bracketed['inside'], words)})"
    if ", " in text:
        head, rest = text.split(", ", 1)
        return f"{relationship_words(head, words)}, {relationship_words(rest, words)}"
    of_name = _OF_NAME.match(text)
    if of_name:
        pattern = f"{of_name['words']} %(name)s"
        translated = words.gettext(pattern)
        if translated != pattern:
            return translated % {"name": of_name["name"]}
    return text


__all__ = ["DocumentWords", "relationship_words"]
