"""Right-to-left documents (Urdu, Arabic...): paragraph, run and table direction in Word's own markup.

Setting only the text's direction leaves headings on the left and table columns in English order; Word
and LibreOffice need paragraphs' ``w:bidi``, runs' ``w:rtl`` with the complex-script language (both set
once on the Normal style, which the others are based on), and each table's ``w:bidiVisual`` so the first
column sits on the right, where a right-to-left reader starts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from fgdm.i18n import locale_for

_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
               "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_BIDI_VISUAL = ("w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
                      "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                      "w:tblCaption", "w:tblDescription", "w:tblPrChange")
"""Where each element goes in its parent: Word rejects a document whose properties are out of schema order."""


LRI, PDI = "\u2066", "\u2069"
"""Left-to-right isolate and its end: what is between them is laid out left to right as one unit, whatever
the paragraph's direction, and does not reorder the text around it."""

_STARTS = frozenset({"L", "EN"})
_STOPS = frozenset({"R", "AL", "AN", "B", "S", "LRI", "RLI", "FSI", "PDI"})
_TRAILING = frozenset({"WS", "ON", "CS", "ES", "ET", "NSM", "BN"})
_CLOSING = {")": "(", "]": "[", "»": "«", "”": "“", "’": "‘", "\"": "\"", "'": "'"}


def _bidi(character: str) -> str:
    """The character's bidirectional class; Arabic-script punctuation (the Urdu comma and full stop) counts
    as right to left, since it belongs to the right-to-left text around it."""
    if "\u0600" <= character <= "\u06ff" or "\ufb50" <= character <= "\ufeff":
        return "AL"
    return unicodedata.bidirectional(character) or "ON"


def _left_to_right_spans(text: str) -> Iterator[tuple[int, int]]:
    """Each stretch of left-to-right text: from a Latin letter or a digit (or a currency sign or plus before
    one) to the last character before right-to-left text that belongs with it. Inside a stretch, spaces,
    full stops and commas join the words and numbers of an address or a phone number; at its end, only a
    closing bracket or quote whose opening one is inside, or everything when the text ends there."""
    index, length = 0, len(text)
    while index < length:
        kind = _bidi(text[index])
        signs_a_number = kind in ("ET", "ES") and index + 1 < length and _bidi(text[index + 1]) == "EN"
        if kind not in _STARTS and not signs_a_number:
            index += 1
            continue
        end = index + 1
        while end < length and _bidi(text[end]) not in _STOPS:
            end += 1
        if end < length:
            while end > index + 1 and _bidi(text[end - 1]) in _TRAILING and not _closes(text, index, end - 1):
                end -= 1
        else:
            while end > index + 1 and text[end - 1].isspace():
                end -= 1
        yield index, end
        index = end


def _closes(text: str, start: int, position: int) -> bool:
    """Whether the bracket or quote at `position` closes one opened inside the stretch."""
    closing = text[position]
    opening = _CLOSING.get(closing)
    if opening is None:
        return False
    inside = text[start:position]
    if opening == closing:
        return inside.count(closing) % 2 == 1
    return inside.count(opening) > inside.count(closing)


def isolate_left_to_right(text: str) -> str:
    """The text with every left-to-right stretch (a Latin name, an address, a postcode, a phone number, an
    email, an amount of money, a date in digits) wrapped in a left-to-right isolate, so a right-to-left
    paragraph shows "01632 960944" and "£747.01" in their own order. Text already isolated is returned as
    it is."""
    if not text or LRI in text:
        return text
    pieces, position = [], 0
    for start, end in _left_to_right_spans(text):
        if text[start:end].isdigit():
            continue  # a lone number keeps its order anyway: "23 نومبر، 2026" needs no isolates
        pieces += [text[position:start], LRI, text[start:end], PDI]
        position = end
    return "".join(pieces) + text[position:] if pieces else text


def _texts(document: DocxDocument) -> Iterator[object]:
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    for part in parts:
        yield from part.iter(qn("w:t"))


def is_right_to_left(language: str) -> bool:
    return locale_for(language).character_order == "right-to-left"


def _language_tag(language: str) -> str:
    locale = locale_for(language)
    return f"{locale.language}-{locale.territory}" if locale.territory else locale.language


def make_right_to_left(document: DocxDocument, language: str) -> None:
    """Turn a whole finished document right to left: through the Normal style, which every paragraph and
    run inherits (headings, lists and table text are based on it), and each table's column order.

    Setting the style once, rather than marking each of hundreds of paragraphs and runs, keeps a long
    plan as quick to write in Urdu as in English.
    """
    normal = document.styles["Normal"].element
    normal.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    run_properties = normal.get_or_add_rPr()
    run_properties.insert_element_before(OxmlElement("w:rtl"), *_AFTER_RTL)
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.insert_element_before(lang, *_AFTER_LANG)
    lang.set(qn("w:bidi"), _language_tag(language))
    for table in document.tables:
        table._tbl.tblPr.insert_element_before(OxmlElement("w:bidiVisual"), *_AFTER_BIDI_VISUAL)
    for element in _texts(document):
        element.text = isolate_left_to_right(element.text or "")  # type: ignore[attr-defined]
