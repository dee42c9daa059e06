"""The Word document: a briefing (default) or the whole report (``--full``).

Layout, top to bottom: the title block (with the theme's issuer line and red rule), the
key-figures table (``selection.headline_figures``), a table of contents field, then every
section under a heading style tied to its outline level, followed by either the lead
sentences of its paragraphs (briefing) or all of them (full), and the section's figures
in a compact table, the appendix's sections (附件) after the body's; ``--full`` adds the
preamble and the notes (名词解释).

Fonts: each role names the *first* family of its theme chain on every slot. A Word file
embeds no fonts and Word substitutes a missing family itself, so the document names the
face an office is expected to have (仿宋_GB2312, 方正小标宋简体 in ``official``), and
fontTable.xml records the next family of the chain as ``w:altName`` for substitution.

Determinism: no wall-clock time anywhere. Core properties and zip entry times come from
``options.build_time`` (SOURCE_DATE_EPOCH, or 2000-01-01 UTC when it is unset) —
the same fixed date whatever the report says, so two builds of any input match byte for
byte; the zip is rewritten with fixed entry times in python-docx's (stable) part order.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import BinaryIO

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree  # type: ignore[import-untyped]

from ...model import Figure, Report, Section, display_title
from ...selection import (
    COLUMN_HEADERS,
    TABLE_WORDS,
    chinese_date,
    document_author,
    format_period,
    format_role,
    format_value,
    headline_figures,
    section_summary,
    speaker_line,
)
from ...theme import Theme
from .. import RenderOptions
from .._package import PinnedZip
from ._compat import replace_blob, story_element, write_package
from ._styles import TOC_LEVELS, apply_theme, twips
from ._xml import bookmark, field_runs, page_break, paragraph, run_text, table, text_run, w

#: The document's own words (the report's language is Chinese).
LABELS: dict[str, str] = {"key_figures": "主要指标", "toc": "目  录", "notes": "名词解释",
                          "preamble": "导语"}
COLUMNS = (*(COLUMN_HEADERS[field] for field in ("id", "metric", "value", "period")),
           TABLE_WORDS.column("role"))
#: Share of the text width for the id, metric, value, period and role columns.
_COLUMN_SHARES = (0.10, 0.40, 0.22, 0.18, 0.10)
#: The red rule under the issuer line: 1.5 pt (Word border widths are eighths of a point).
_RULE_EIGHTHS = 12
_TEMPLATE_EXTRAS = ("stylesWithEffects", "metadata/thumbnail")
_CORE_LIMIT = 255  # python-docx refuses longer core-property strings


def render(report: Report, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """Write ``report`` as a .docx to ``out``: the briefing, or everything with --full."""
    document = docx.Document()
    _drop_template_extras(document)
    apply_theme(document, theme)
    # Headers and footers first: python-docx searches the whole body for each one.
    _page_setup(document, theme, run_text(display_title(report.meta)))
    # The body is built as plain lxml elements (python-docx's element classes cost a
    # Python object per node) and moved into the document in one go.
    content = etree.Element(qn("w:body"))
    _Builder(report, theme, options.full).build(content)
    body = document.element.body
    section_properties = body.find(qn("w:sectPr"))
    section_properties.addprevious(content)
    for element in list(content):
        section_properties.addprevious(element)
    body.remove(content)
    _font_table(document, theme)
    stamp = options.build_time
    _core_properties(document, report, theme, options, stamp)
    _save(document, out, stamp)


class _Builder:
    """Appends the body of the document, collecting headings for the TOC first."""

    def __init__(self, report: Report, theme: Theme, full: bool) -> None:
        self.report, self.theme, self.full = report, theme, full
        self.by_section = report.figures_by_section()
        self.bookmarks: dict[str, tuple[int, str]] = {}
        self.width = twips(theme.page.frame_width)

    def build(self, body: etree._Element) -> None:
        entries = self._headings()
        self._title_block(body)
        self._key_figures(body)
        self._toc(body, entries)
        if self.full:
            page_break(body)
            for para in self.report.preamble:
                self._body_paragraph(body, para.text, para.lead)
            leftover = self.by_section.get(None, [])
            if leftover:
                body.append(self._figure_table(leftover))
                paragraph("Normal", parent=body)
        elif self._preamble_heading():
            self._section(body, self._preamble_section())
        for section, _ in self.report.walk_with_appendix():
            self._section(body, section)
        if self.full and self.report.notes:
            self._heading(body, 1, LABELS["notes"], "notes")
            for note in self.report.notes:
                term = f"{note.term}：" if note.term and not note.text.startswith(note.term) else ""
                self._body_paragraph(body, f"{note.label}{term}{note.text}", None)

    # --- headings and TOC ------------------------------------------------------------

    def _headings(self) -> list[tuple[int, str, str]]:
        """(level, text, bookmark) for every heading, numbering the bookmarks in order."""
        entries = [(1, LABELS["preamble"], "")] if self._preamble_heading() else []
        entries += [(min(s.level, TOC_LEVELS), run_text(s.heading), s.id)
                    for s, _ in self.report.walk_with_appendix()]
        if self.full and self.report.notes:
            entries.append((1, LABELS["notes"], "notes"))
        result = []
        for number, (level, text, key) in enumerate(entries, start=1):
            name = f"_Toc{number:08d}"
            self.bookmarks[key] = (number, name)
            result.append((level, text, name))
        return result

    def _preamble_heading(self) -> bool:
        """Whether the briefing gives the preamble a heading of its own: when figures
        stand in it, which, as a section's, need a table under a heading (as in the PDF)."""
        return not self.full and bool(self.by_section.get(None))

    def _preamble_section(self) -> Section:
        """The preamble as a top-level section with the empty id (its figures' key is
        None), so the briefing summarises it and tables its figures as any section's."""
        return Section(id="", label="", title=LABELS["preamble"], level=1,
                       paragraphs=self.report.preamble)

    def _heading(self, body: etree._Element, level: int, text: str, key: str) -> None:
        p = paragraph(f"Heading{min(level, TOC_LEVELS)}", text, body)
        number, name = self.bookmarks[key]
        bookmark(p, number, name)

    def _toc(self, body: etree._Element, entries: list[tuple[int, str, str]]) -> None:
        """A TOC field whose cached result already lists every heading as a link, marked
        dirty (and settings ask Word to update fields) so Word fills in page numbers."""
        if not entries:
            return
        paragraph("TOCHeading", LABELS["toc"], body)
        for index, (level, text, name) in enumerate(entries):
            p = paragraph(f"TOC{level}", parent=body)
            if index == 0:
                _open_field(p, f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u')
            link = w("hyperlink", p, anchor=name, history=1)
            text_run(text, link)
            if index == len(entries) - 1:
                w("fldChar", w("r", p), fldCharType="end")

    # --- title block ------------------------------------------------------------------

    def _title_block(self, body: etree._Element) -> None:
        meta, theme = self.report.meta, self.theme
        issuer = run_text(meta.organization or meta.publisher)
        rule = _rule_border(theme) if theme.red_rule else []
        if theme.issuer_line and issuer:
            paragraph("Issuer", issuer, body, rule)
        elif rule:
            paragraph("Issuer", "", body, rule)
        title = display_title(meta)
        if title:
            spacing = [w("spacing", before=twips(theme.role("body").leading))] if rule else []
            paragraph("Title", title, body, spacing)
        if meta.subtitle:
            paragraph("Subtitle", meta.subtitle, body)
        speaker = speaker_line(meta, issuer_shown=theme.issuer_line and bool(issuer))
        if speaker:
            paragraph("ReportMeta", speaker, body)
        if meta.date:
            paragraph("ReportMeta", f"（{run_text(chinese_date(meta.date))}）", body)

    # --- figures ----------------------------------------------------------------------

    def _key_figures(self, body: etree._Element) -> None:
        figures = headline_figures(self.report)
        if not figures:
            return
        paragraph("Caption", LABELS["key_figures"], body)
        body.append(self._figure_table(figures))

    def _figure_table(self, figures: list[Figure]) -> etree._Element:
        widths = [round(self.width * share) for share in _COLUMN_SHARES]
        widths[-1] = self.width - sum(widths[:-1])
        rows = [list(COLUMNS)] + [
            [f.id, f.metric or "—", format_value(f), format_period(f.period) or "—",
             format_role(f)]
            for f in figures]
        colors = self.theme.colors
        stripe = colors["table_stripe"] if colors["table_stripe"] != "FFFFFF" else None
        return table(rows, widths, header_style="TableHeader", body_style="TableBody",
                     border=colors["table_border"], header_fill=colors["table_header_fill"],
                     stripe=stripe)

    # --- sections ---------------------------------------------------------------------

    def _section(self, body: etree._Element, section: Section) -> None:
        self._heading(body, section.level, run_text(section.heading), section.id)
        if self.full:
            for para in section.paragraphs:
                self._body_paragraph(body, para.text, para.lead)
        else:
            for sentence in section_summary(section):
                paragraph("Lead", sentence, body)
        figures = self.by_section.get(section.id or None)  # "": the preamble's
        if figures:
            body.append(self._figure_table(figures))
            paragraph("Normal", parent=body)

    def _body_paragraph(self, body: etree._Element, text: str, lead: str | None) -> None:
        """A body paragraph; its opening lead sentence, if any, in the Lead Char style."""
        text, lead = run_text(text), run_text(lead)
        p = paragraph("Normal", parent=body)
        if lead and text.startswith(lead) and len(lead) < len(text):
            text_run(lead, p, "LeadChar")
            text_run(text[len(lead):], p)
        elif text:
            text_run(text, p)


def _open_field(p: etree._Element, instruction: str) -> None:
    """Begin a field spanning several paragraphs (the TOC): begin, code, separate."""
    w("fldChar", w("r", p), fldCharType="begin", dirty="true")
    instr = w("instrText", w("r", p))
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    w("fldChar", w("r", p), fldCharType="separate")


def _rule_border(theme: Theme) -> list[etree._Element]:
    """A bottom border in the rule colour, the red line under a briefing's issuer."""
    border = w("pBdr")
    w("bottom", border, val="single", sz=_RULE_EIGHTHS, space=4, color=theme.color("rule"))
    return [border]


# --- page, header, footer ---------------------------------------------------------------


def _page_setup(document: Document, theme: Theme, title: str) -> None:
    """Paper, margins and header/footer distances; the title in the header (not on the
    first page, which carries the title block) and the page number in the footer."""
    page = theme.page
    section = document.sections[0]
    section.page_width, section.page_height = Twips(twips(page.width)), Twips(twips(page.height))
    section.top_margin, section.bottom_margin = (Twips(twips(page.margin_top)),
                                                 Twips(twips(page.margin_bottom)))
    section.left_margin, section.right_margin = (Twips(twips(page.margin_left)),
                                                 Twips(twips(page.margin_right)))
    section.header_distance = Twips(twips(page.header_distance))
    section.footer_distance = Twips(twips(page.footer_distance))
    section.gutter = Twips(0)
    section.different_first_page_header_footer = True
    outer = theme.page_number_position == "outer"
    _fill(story_element(section.first_page_header), [paragraph("Header")])
    _fill(story_element(section.header), [paragraph("Header", title)])
    _fill(story_element(section.first_page_footer), [_page_number(theme, odd=True)])
    _fill(story_element(section.footer), [_page_number(theme, odd=True)])
    if outer:
        _fill(story_element(section.even_page_header), [paragraph("Header", title)])
        _fill(story_element(section.even_page_footer), [_page_number(theme, odd=False)])


def _fill(part_element: etree._Element, paragraphs: list[etree._Element]) -> None:
    for child in list(part_element):
        part_element.remove(child)
    for p in paragraphs:
        part_element.append(p)


def _page_number(theme: Theme, odd: bool) -> etree._Element:
    """The footer line: the theme's page-number form with PAGE / NUMPAGES fields, placed
    per theme.page_number_position (outer: right on odd pages, left on even ones, one
    character in from the edge, as GB/T 9704 §7.5 sets it)."""
    one_char = twips(theme.role("page_number").size)
    position = theme.page_number_position
    if position == "outer":
        side = "right" if odd else "left"
        props = [w("ind", **{side: one_char}), w("jc", val=side)]
    else:
        props = [w("jc", val=position)]
    p = paragraph("FooterPageNumber", ppr=props)
    for piece in re.split(r"(\{page\}|\{pages\})", theme.page_number_format):
        if piece == "{page}":
            field_runs(p, "PAGE", "1")
        elif piece == "{pages}":
            field_runs(p, "NUMPAGES", "1")
        elif piece:
            text_run(run_text(piece), p)
    return p


def _font_table(document: Document, theme: Theme) -> None:
    """Declare every family the styles name, with the chain's next family as altName."""
    font_part = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    root = etree.fromstring(font_part.blob)
    known = {f.get(qn("w:name")) for f in root.iterfind(qn("w:font"))}
    for role in theme.roles.values():
        for chain in (role.fonts, role.latin_fonts):
            if chain[0] in known:
                continue
            known.add(chain[0])
            font = w("font", root, name=chain[0])
            if len(chain) > 1:
                w("altName", font, val=",".join(chain[1:]))
            w("charset", font, val="86")
            w("family", font, val="auto")
            w("pitch", font, val="variable")
    replace_blob(font_part, etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                           standalone=True))


# --- package ----------------------------------------------------------------------------


def _drop_template_extras(document: Document) -> None:
    """Remove the template's thumbnail (a picture of another document) and its
    stylesWithEffects copy of the styles, which would contradict the theme."""
    for rels in (document.part.package.rels, document.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(_TEMPLATE_EXTRAS):
                rels.pop(rid)


def _core_properties(document: Document, report: Report, theme: Theme,
                     options: RenderOptions, stamp: datetime) -> None:
    meta = report.meta
    props = document.core_properties

    def short(value: str | None) -> str:
        return run_text(value)[:_CORE_LIMIT]

    props.title = short(display_title(meta))
    props.subject = short(meta.subtitle)
    props.author = short(document_author(meta))
    props.keywords = short("；".join(f.metric for f in headline_figures(report)))
    props.category = short(meta.organization or meta.publisher)
    props.comments = short(meta.source_name)
    props.language = theme.language
    props.last_modified_by = short(f"exporter {options.tool_version}".strip())
    props.revision = 1
    props.created = props.modified = stamp.replace(tzinfo=None)


def _save(document: Document, out: BinaryIO, stamp: datetime) -> None:
    """``Document.save`` with fixed zip entry times, compressing each part once (the
    package written part by part by :func:`._compat.write_package`)."""
    with PinnedZip(out, stamp) as archive:
        write_package(document, archive)
