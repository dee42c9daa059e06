"""Embedded fonts in the Word briefing (``--embed-fonts``), as ECMA-376 §17.8.1 sets out.

Each font is stored as an obfuscated part (``word/fonts/fontN.odttf``): the first 32 bytes
XORed with a key taken from a GUID, which ``fontTable.xml`` records beside the part's
relationship in ``w:embedRegular``; ``settings.xml`` says the document carries TrueType
fonts (``w:embedTrueTypeFonts``) and only the characters it uses (``w:saveSubsetFonts``).
Word, WPS and LibreOffice then set the text in the same faces as the PDF on any machine.
The GUID is derived from the font's bytes, so rebuilds stay byte-identical.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from ...theme import Theme
from ..options import EmbeddedFont
from ._compat import replace_blob
from ._xml import w

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
#: settings.xml children that come before w:embedTrueTypeFonts (CT_Settings order).
_BEFORE_EMBED = frozenset({
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData"})


def with_embedded_faces(theme: Theme, fonts: Mapping[str, EmbeddedFont]) -> Theme:
    """The theme with each embedded role naming its embedded family first (East Asian
    and Latin slots alike: the PDF sets the whole role in that face), the theme's chain
    after it for Word's substitution."""
    if not fonts:
        return theme
    roles = {name: replace(role, fonts=(fonts[name].family, *role.fonts),
                           latin_fonts=(fonts[name].family, *role.latin_fonts))
             if name in fonts else role for name, role in theme.roles.items()}
    return replace(theme, roles=roles)


def font_key(data: bytes) -> str:
    """A GUID for a font, derived from its bytes: ``{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}``."""
    digest = hashlib.sha256(data).hexdigest()[:32].upper()
    return (f"{{{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-"
            f"{digest[20:]}}}")


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 font obfuscation (its own inverse): the first 32 bytes XORed with the
    GUID's 16 bytes taken from the end of its hex digits to the start."""
    digits = key.strip("{}").replace("-", "")
    xor = bytes(int(digits[i:i + 2], 16) for i in range(30, -2, -2))
    head = bytes(byte ^ xor[i % 16] for i, byte in enumerate(data[:32]))
    return head + data[32:]


def embed_fonts(document: Document, fonts: Mapping[str, EmbeddedFont]) -> None:
    """Store each distinct font once and point the font table's entry for its family at
    it; mark the document as carrying subset TrueType fonts."""
    if not fonts:
        return
    font_part = document.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(font_part.blob)
    entries = {f.get(qn("w:name")): f for f in root.iterfind(qn("w:font"))}
    package = document.part.package
    distinct = {font.family: font for font in fonts.values()}
    for number, (family, font) in enumerate(sorted(distinct.items()), start=1):
        key = font_key(font.data)
        part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT,
                    obfuscate(font.data, key), package)
        rid = font_part.relate_to(part, RT.FONT)
        entry = entries.get(family)
        if entry is None:
            entry = entries[family] = w("font", root, name=family)
        for old in entry.iterfind(qn("w:embedRegular")):
            entry.remove(old)
        embedded = w("embedRegular", entry, fontKey=key)
        embedded.set(f"{_R}id", rid)
    replace_blob(font_part, etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                           standalone=True))
    settings = document.settings.element
    anchor = next((child for child in settings
                   if etree.QName(child).localname not in _BEFORE_EMBED), None)
    for flag in ("embedTrueTypeFonts", "saveSubsetFonts"):
        element = w(flag)
        if anchor is not None:
            anchor.addprevious(element)
        else:
            settings.append(element)
