"""Right-to-left documents (Urdu, Arabic...): paragraph, run and table direction in Word's own markup.

Setting only the text's direction leaves headings on the left and table columns in English order; Word
and LibreOffice need paragraphs' ``w:bidi``, runs' ``w:rtl`` with the complex-script language (both set
once on the Normal style, which the others are based on), and each table's ``w:bidiVisual`` so the first
column sits on the right, where a right-to-left reader starts.
"""

from __future__ import annotations

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
