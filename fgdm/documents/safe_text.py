"""Text that a Word file can always hold: no control characters, and bounded properties cut safely.

Records may hold text saved before control characters were removed at input (or imported from an older
file); one such character used to stop a whole network map, and a 240-character name stopped a letter
whose title ran past the 255 characters a .docx property may hold.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from enum import Enum
from typing import Any

from docx.document import Document as DocxDocument

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
PROPERTY_LIMIT = 255
"""The longest core property (title, subject, author...) python-docx and Word accept."""


def xml_safe(value: Any) -> Any:
    """The same value with characters a Word file cannot hold removed from every string, in lists, tuples
    and (frozen) dataclasses too."""
    if isinstance(value, str) and not isinstance(value, Enum):
        return _NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: xml_safe(getattr(value, f.name)) for f in fields(value) if f.init})
    return value


def bounded(text: str, limit: int = PROPERTY_LIMIT) -> str:
    """At most `limit` characters, cut at the last space before it where there is one, with an ellipsis."""
    text = " ".join(xml_safe(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def set_properties(document: DocxDocument, *, title: str, language: str, author: str = "") -> None:
    """The document's title, language and author, each within the format's bound."""
    properties = document.core_properties
    properties.title = bounded(title)
    properties.language = language.replace("_", "-")
    if author:
        properties.author = bounded(author)
