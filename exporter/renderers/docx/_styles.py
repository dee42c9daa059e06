"""The Word styles, fonts and settings of a document, all taken from the Theme.

Each role becomes one style written from scratch (no property inherited from python-docx's
template): East Asian and Latin families on ``ascii``/``hAnsi``/``eastAsia``/``cs`` with no
theme-font attribute left to override them, ``zh-CN`` East Asian language, sizes, spacing,
first-line indents in both twips and characters (LibreOffice reads only the twips, Word
prefers the characters), and outline levels on the headings so the navigation pane and
the TOC field find them. See shared/design/typesetting.md §2 for the measurements behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from ...theme import Role, Theme
from ._xml import w

#: Word's alignment values for the theme's.
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}
#: Theme-font attributes: any of them beats an explicit family, so they are removed.
_THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
TOC_LEVELS = 4
#: Template styles Word expects to find: the defaults for runs, tables and lists.
_KEEP_TEMPLATE_STYLES = frozenset({"DefaultParagraphFont", "TableNormal", "NoList"})
#: The language of Latin runs (w:lang w:val). Measured: with zh-CN here LibreOffice broke
#: lines inside numbers ("2 / 014年"); the East Asian language stays the theme's.
LATIN_LANGUAGE = "en-US"


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph or character style: its id, UI name, role and structural extras."""

    style_id: str
    name: str
    role: str
    kind: str = "paragraph"
    based_on: str | None = "Normal"
    outline_level: int | None = None
    #: Left indent in characters of the role's size (TOC entries step in by level).
    indent_chars: float = 0.0
    #: A right tab with dot leader at the text edge (TOC entries' page numbers).
    toc_tab: bool = False
    #: Keep the role's first-line indent (body text) or set none (titles, cells, TOC).
    first_line: bool = True
    #: Take the alignment of this role instead (the TOC title sits like the title).
    align_from: str | None = None
    #: At least one body line of space before (sets the TOC apart from what precedes it).
    line_before: bool = False


#: Role → style. Built-in names (Title, heading 1, Caption, toc 1 …) where Word has one,
#: so Word's own features (navigation pane, TOC levels, captions) recognise them.
STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", "Normal", "body", based_on=None),
    StyleSpec("Title", "Title", "title", first_line=False),
    StyleSpec("Subtitle", "Subtitle", "subtitle", first_line=False),
    StyleSpec("ReportMeta", "Report Meta", "meta", first_line=False),
    StyleSpec("Issuer", "Issuer", "issuer", first_line=False),
    *(StyleSpec(f"Heading{n}", f"heading {n}", f"heading{n}", outline_level=n - 1)
      for n in range(1, 5)),
    StyleSpec("Lead", "Lead", "lead"),
    StyleSpec("LeadChar", "Lead Char", "lead", kind="character", based_on=None),
    StyleSpec("TableHeader", "Table Header", "table_header", first_line=False),
    StyleSpec("TableBody", "Table Body", "table_body", first_line=False),
    StyleSpec("Caption", "caption", "caption", first_line=False),
    StyleSpec("Header", "header", "header", first_line=False),
    StyleSpec("Footer", "footer", "footer", first_line=False),
    StyleSpec("FooterPageNumber", "Footer Page Number", "page_number", based_on="Footer",
              first_line=False),
    StyleSpec("TOCHeading", "TOC Heading", "heading1", first_line=False, align_from="title",
              line_before=True),
    *(StyleSpec(f"TOC{n}", f"toc {n}", "body", indent_chars=float(n - 1), toc_tab=True,
                first_line=False) for n in range(1, TOC_LEVELS + 1)),
)


def twips(points: float) -> int:
    return round(points * 20)


def font_slots(rpr: etree._Element, role: Role) -> None:
    """Name the role's families on all four slots: the East Asian chain's first family on
    ``eastAsia``, the Latin chain's first on ``ascii``/``hAnsi``/``cs``."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = w("rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    latin, east = role.latin_fonts[0], role.fonts[0]
    for attr, family in (("ascii", latin), ("hAnsi", latin), ("eastAsia", east), ("cs", latin)):
        rfonts.set(qn(f"w:{attr}"), family)


def run_properties(role: Role, language: str) -> etree._Element:
    """``w:rPr`` for a role, children in schema order."""
    rpr = w("rPr")
    font_slots(rpr, role)
    if role.bold:
        w("b", rpr)
        w("bCs", rpr)
    if role.italic:
        w("i", rpr)
        w("iCs", rpr)
    w("color", rpr, val=role.color)
    if role.char_spacing:
        w("spacing", rpr, val=twips(role.char_spacing))
    half_points = round(role.size * 2)
    w("sz", rpr, val=half_points)
    w("szCs", rpr, val=half_points)
    w("lang", rpr, val=LATIN_LANGUAGE, eastAsia=language, bidi="ar-SA")
    return rpr


def paragraph_properties(spec: StyleSpec, role: Role, theme: Theme) -> etree._Element:
    """``w:pPr`` for a paragraph style, children in schema order."""
    ppr = w("pPr")
    if role.keep_with_next:
        w("keepNext", ppr)
    if spec.toc_tab:
        w("tab", w("tabs", ppr), val="right", leader="dot", pos=twips(theme.page.frame_width))
    if role.line_spacing_rule == "exact":
        line, rule = twips(role.line_spacing), "exact"
    else:
        line, rule = round(role.line_spacing * 240), "auto"
    before = max(role.space_before, theme.role("body").leading if spec.line_before else 0.0)
    w("spacing", ppr, before=twips(before), after=twips(role.space_after),
      line=line, lineRule=rule)
    chars = role.first_line_indent if spec.first_line else 0.0
    left = twips(role.left_indent + spec.indent_chars * role.size)
    w("ind", ppr, left=left, leftChars=round(spec.indent_chars * 100),
      firstLine=twips(chars * role.size), firstLineChars=round(chars * 100))
    w("jc", ppr, val=_JC[theme.role(spec.align_from or spec.role).align])
    if spec.outline_level is not None:
        w("outlineLvl", ppr, val=spec.outline_level)
    return ppr


def apply_theme(document: Document, theme: Theme) -> None:
    """Write the theme into styles.xml (defaults and every role's style) and settings.xml."""
    styles = document.styles.element
    body = theme.role("body")
    _document_defaults(styles, body, theme.language)
    written = {spec.style_id for spec in STYLES}
    for element in list(styles.iterfind(qn("w:style"))):
        # The template's other styles (dozens of table looks) go, but for Word's defaults.
        if element.get(qn("w:styleId")) not in written | _KEEP_TEMPLATE_STYLES:
            styles.remove(element)
    for rfonts in list(styles.iter(qn("w:rFonts"))):
        font_slots(rfonts.getparent(), body)
    for link in list(document.part.numbering_part.element.iter(qn("w:pStyle"))):
        link.getparent().remove(link)  # the template's list levels named removed styles
    for spec in STYLES:
        _write_style(styles, spec, theme)
    _settings(document, theme)


def complete_styles(document: Document, theme: Theme, provided: set[str]) -> None:
    """On an office's reference document: write from the theme only the styles it does
    not provide, and ask Word to refresh fields on open (the contents); its defaults,
    styles and settings otherwise stay as the office made them."""
    styles = document.styles.element
    for spec in STYLES:
        if spec.style_id not in provided:
            _write_style(styles, spec, theme)
    _update_fields(document.settings.element)


def _document_defaults(styles: etree._Element, body: Role, language: str) -> None:
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    defaults = w("docDefaults")
    styles.insert(0, defaults)
    rpr = w("rPr", w("rPrDefault", defaults))
    font_slots(rpr, body)
    w("lang", rpr, val=LATIN_LANGUAGE, eastAsia=language, bidi="ar-SA")
    w("spacing", w("pPr", w("pPrDefault", defaults)), before=0, after=0)


def _write_style(styles: etree._Element, spec: StyleSpec, theme: Theme) -> None:
    """Replace (or add) the style ``spec.style_id`` with one built only from the theme."""
    for old in styles.iterfind(qn("w:style")):
        if old.get(qn("w:styleId")) == spec.style_id:
            styles.remove(old)
    role = theme.role(spec.role)
    style = w("style", styles, type=spec.kind, styleId=spec.style_id)
    if spec.style_id == "Normal":
        style.set(qn("w:default"), "1")
    w("name", style, val=spec.name)
    if spec.based_on:
        w("basedOn", style, val=spec.based_on)
    if spec.kind == "paragraph" and spec.style_id != "Normal":
        w("next", style, val="Normal")
    w("qFormat", style)
    if spec.kind == "paragraph":
        style.append(paragraph_properties(spec, role, theme))
    style.append(run_properties(role, theme.language))


def _settings(document: Document, theme: Theme) -> None:
    """themeFontLang → the theme's language; Word refreshes fields (TOC pages) on open."""
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), LATIN_LANGUAGE)
        lang.set(qn("w:eastAsia"), theme.language)
    _update_fields(settings)


def _update_fields(settings: etree._Element) -> None:
    """``w:updateFields`` on, so Word fills in the contents' page numbers on open."""
    for old in settings.iterfind(qn("w:updateFields")):
        settings.remove(old)
    update = w("updateFields", val="true")
    # Schema order (CT_Settings): updateFields comes just before w:compat.
    anchor = settings.find(qn("w:compat"))
    if anchor is not None:
        anchor.addprevious(update)
    else:
        settings.insert(0, update)
