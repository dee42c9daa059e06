"""The Word document: a briefing (default) or the whole report (``--full``).

Layout, top to bottom: the title block (the office's 版头 from ``options.settings`` when
the theme has an issuer line, see :mod:`._furniture`), the
key-figures table (``choice.headline``: pinned, then ``selection.headline_figures``), a table of contents field, then every
section under a heading style tied to its outline level, followed by either the lead
sentences of its paragraphs (briefing) or all of them (full), and the section's figures
in a compact table, the appendix's sections (附件) after the body's; ``--full`` adds the
preamble and the notes (名词解释).

Fonts: each role names the *first* family of its theme chain on every slot. A Word file
embeds no fonts and Word substitutes a missing family itself, so the document names the
face an office is expected to have (仿宋_GB2312, 方正小标宋简体 in ``official``), and
fontTable.xml records the next family of the chain as ``w:altName`` for substitution.

Determinism: no wall-clock time anywhere. Core properties and zip entry times come from
``options.document_time`` (SOURCE_DATE_EPOCH, else the briefing's or the report's date;
an undated report's file carries no date), so two builds of any input match byte for
byte; the zip is rewritten with fixed entry times in python-docx's (stable) part order.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from io import BytesIO
from typing import BinaryIO
from zipfile import ZIP_STORED, ZipFile

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from lxml import etree  # type: ignore[import-untyped]

from ...choice import headline, to_properties
from ...document import DocumentSettings, document_author, office_name
from ...model import Figure, Report, Section, display_title
from ...selection import (
    COLUMN_HEADERS,
    TABLE_WORDS,
    chinese_date,
    format_period,
    format_role,
    format_value,
    section_summary,
    speaker_line,
)
from ...theme import Theme
from .._kinsoku import can_break
from .._office import PinnedZip
from ..options import UNDATED_ZIP_TIME, RenderOptions
from ._compat import drop_dates, replace_blob, story_element, write_package
from ._fonts import embed_fonts, with_embedded_faces
from ._furniture import imprint, masthead, signature
from ._reference import adopt_styles, has_headers_or_footers, open_reference, sample_body
from ._styles import TOC_LEVELS, apply_theme, complete_styles, twips
from ._xml import (
    bookmark,
    em_width,
    field_runs,
    page_break,
    paragraph,
    run_text,
    table,
    text_run,
    w,
)

#: The document's own words (the report's language is Chinese).
LABELS: dict[str, str] = {"key_figures": "主要指标", "toc": "目  录", "notes": "名词解释",
                          "furniture": "抄送：。印发签发人★年月日—（）", "preamble": "导语"}
COLUMNS = (*(COLUMN_HEADERS[field] for field in ("id", "metric", "value", "period")),
           TABLE_WORDS.column("role"))
#: Share of the text width for the id, metric, value, period and role columns.
_COLUMN_SHARES = (0.10, 0.40, 0.22, 0.18, 0.10)
#: Columns that hold numbers: never wrapped (see ``_xml.table``).
_NUMBER_COLUMNS = (0, 2, 3)
_TEMPLATE_EXTRAS = ("stylesWithEffects", "metadata/thumbnail")
_CORE_LIMIT = 255  # python-docx refuses longer core-property strings
#: A header logo is as tall as this many lines of header text.
_LOGO_LINES = 2


def render(report: Report, theme: Theme, options: RenderOptions, out: BinaryIO) -> None:
    """Write ``report`` as a .docx to ``out``: the briefing, or everything with --full."""
    settings = options.settings
    theme = with_embedded_faces(theme, options.embedded_fonts)
    header = run_text(theme.header_text or settings.title or display_title(report.meta))
    # Headers and footers first: python-docx searches the whole body for each one.
    if options.reference_doc is not None:
        document = open_reference(options.reference_doc, "--reference-doc")
        complete_styles(document, theme, adopt_styles(document))
        if not has_headers_or_footers(document):
            _headers_footers(document, theme, header)
    else:
        document = _themed_template(theme)
        _headers_footers(document, theme, header)
    # The body is built as plain lxml elements (python-docx's element classes cost a
    # Python object per node) and moved into the document in one go.
    content = etree.Element(qn("w:body"))
    key_figures = headline(report, options.choice)  # the table and the keywords
    _Builder(report, theme, options.full, settings, key_figures).build(content)
    body = document.element.body
    section_properties = body.find(qn("w:sectPr"))
    section_properties.addprevious(content)
    for element in list(content):
        section_properties.addprevious(element)
    body.remove(content)
    _font_table(document, theme)
    embed_fonts(document, options.embedded_fonts)
    _core_properties(document, report, theme, options, options.document_time(report),
                     key_figures)
    _custom_properties(document, to_properties(options.choice))
    _save(document, out, options.zip_time(report))


class _Builder:
    """Appends the body of the document, collecting headings for the TOC first."""

    def __init__(self, report: Report, theme: Theme, full: bool,
                 settings: DocumentSettings, key_figures: list[Figure]) -> None:
        self.report, self.theme, self.full, self.settings = report, theme, full, settings
        self.key_figures = key_figures
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
        signature(body, self.settings, self.theme)
        imprint(body, self.settings, self.theme)

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
        """The 版头 (only with an issuer: the report's own body never heads the office's
        briefing), the briefing's title two lines under the red rule, then the report's
        title (when the briefing has its own), subtitle, speaker and date."""
        meta, theme, settings = self.report.meta, self.theme, self.settings
        ruled = masthead(body, settings, theme) if theme.issuer_line else False
        title = settings.title or display_title(meta)
        if title:
            spacing = [w("spacing", before=twips(theme.role("body").leading * 2))] if ruled else []
            self._balanced("Title", "title", title, body, spacing)
        for line in (display_title(meta) if settings.title else None, meta.subtitle):
            if line:
                self._balanced("Subtitle", "subtitle", line, body)
        speaker = speaker_line(meta, issuer_shown=False)
        if speaker:
            paragraph("ReportMeta", speaker, body)
        if meta.date:
            paragraph("ReportMeta", f"（{run_text(chinese_date(meta.date))}）", body)

    def _balanced(self, style: str, role: str, text: str, body: etree._Element,
                  ppr: list[etree._Element] | None = None) -> None:
        """A title paragraph whose lines Word would leave one character alone on the
        last: set with line breaks that share the text evenly instead (GB/T 9704 wants
        multi-line titles balanced), each at a legal break (避头尾)."""
        p = paragraph(style, parent=body, ppr=ppr or [])
        pieces = balanced_lines(run_text(text), self.width / 20 / self.theme.role(role).size)
        for index, piece in enumerate(pieces):
            if index:
                w("br", w("r", p))
            text_run(piece, p)

    # --- figures ----------------------------------------------------------------------

    def _key_figures(self, body: etree._Element) -> None:
        if not self.key_figures:
            return
        paragraph("Caption", LABELS["key_figures"], body)
        body.append(self._figure_table(self.key_figures))

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
                     stripe=stripe, numbers=_NUMBER_COLUMNS,
                     body_size=self.theme.role("table_body").size)

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


def balanced_lines(text: str, per_line: float) -> list[str]:
    """``text`` as whole lines of at most ``per_line`` ems (a wide character is one em,
    others half of one) when its last line would otherwise hold one em or less; else
    as one piece, which Word wraps itself."""
    ems = [em_width(char) for char in text]
    total = sum(ems)
    lines = math.ceil(total / per_line) if per_line > 0 else 1
    if lines < 2 or total - (lines - 1) * per_line > 1.0:
        return [text]
    pieces: list[str] = []
    start, used, goal = 0, 0.0, total / lines
    for index in range(1, len(text)):
        used += ems[index - 1]
        if used >= goal * (len(pieces) + 1) - 1e-9 and len(pieces) < lines - 1:
            cut = index
            while cut > start + 1 and not can_break(text, cut):
                cut -= 1
            if cut > start + 1 or can_break(text, cut):
                pieces.append(text[start:cut])
                start = cut
    return [*pieces, text[start:]]


def _open_field(p: etree._Element, instruction: str) -> None:
    """Begin a field spanning several paragraphs (the TOC): begin, code, separate."""
    w("fldChar", w("r", p), fldCharType="begin", dirty="true")
    instr = w("instrText", w("r", p))
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    w("fldChar", w("r", p), fldCharType="separate")


# --- page, header, footer ---------------------------------------------------------------


def _page_setup(document: Document, theme: Theme) -> None:
    """Paper, margins and header/footer distances of the theme."""
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


def _headers_footers(document: Document, theme: Theme, title: str) -> None:
    """The title (or the theme's header text) in the header, not on the first page,
    which carries the title block, and the page number in the footer."""
    section = document.sections[0]
    document.settings.odd_and_even_pages_header_footer = theme.page_number_position == "outer"
    section.different_first_page_header_footer = True
    outer = theme.page_number_position == "outer"
    _fill(story_element(section.first_page_header), [paragraph("Header")])
    _fill(story_element(section.header), [paragraph("Header", title)])
    _fill(story_element(section.first_page_footer), [_page_number(theme, odd=True)])
    _fill(story_element(section.footer), [_page_number(theme, odd=True)])
    if outer:
        _fill(story_element(section.even_page_header), [paragraph("Header", title)])
        _fill(story_element(section.even_page_footer), [_page_number(theme, odd=False)])
    if theme.logo:
        headers = [section.header] + ([section.even_page_header] if outer else [])
        for header in headers:  # the first page carries the title block, not the logo
            run = header.paragraphs[0].runs[0] if header.paragraphs[0].runs else None
            logo = header.paragraphs[0].add_run()
            logo.add_picture(theme.logo, height=Pt(theme.role("header").size * _LOGO_LINES))
            if run is not None:  # the logo before the text, a space between
                run.element.addprevious(logo.element)
                logo.add_text(" ")


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


#: Themed templates prepared in this process (:func:`_themed_template`), newest last.
_TEMPLATES: list[tuple[Theme, bytes]] = []
#: Themes whose templates stay prepared: a batch renders with one or two.
_TEMPLATES_KEPT = 4


def _themed_template(theme: Theme) -> Document:
    """A new document on python-docx's template with ``theme``'s styles, settings and
    page set-up. The template is prepared once per theme in a process and kept as an
    uncompressed package, reopened for each document: preparing it (reading the
    template's 60 styles, writing the theme's) took ~13 ms a report, reopening the
    prepared one takes ~1.5 ms, and its parts come back as the same XML."""
    data = next((kept for known, kept in _TEMPLATES if known == theme), None)
    if data is None:
        document = docx.Document()
        _drop_template_extras(document)
        apply_theme(document, theme)
        _page_setup(document, theme)
        buffer = BytesIO()
        with ZipFile(buffer, "w", ZIP_STORED) as archive:
            write_package(document, archive)
        data = buffer.getvalue()
        _TEMPLATES.append((theme, data))
        del _TEMPLATES[:-_TEMPLATES_KEPT]
    return docx.Document(BytesIO(data))


def _drop_template_extras(document: Document) -> None:
    """Remove the template's thumbnail (a picture of another document) and its
    stylesWithEffects copy of the styles, which would contradict the theme."""
    for rels in (document.part.package.rels, document.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(_TEMPLATE_EXTRAS):
                rels.pop(rid)


def _core_properties(document: Document, report: Report, theme: Theme,
                     options: RenderOptions, stamp: datetime | None,
                     key_figures: list[Figure]) -> None:
    """Title, author (the issuing office, never the speaker), dates (none when the
    report is undated), keywords from the headline figures."""
    meta, settings = report.meta, options.settings
    props = document.core_properties

    def short(value: str | None) -> str:
        return run_text(value)[:_CORE_LIMIT]

    props.title = short(settings.title or display_title(meta))
    props.subject = short(display_title(meta) if settings.title else meta.subtitle)
    props.author = short(document_author(report, settings))
    props.keywords = short("；".join(f.metric for f in key_figures))
    props.category = short(office_name(settings.issuer) or meta.organization or meta.publisher)
    props.comments = short(meta.source_name)
    props.language = theme.language
    props.last_modified_by = short(f"exporter {options.tool_version}".strip())
    props.revision = 1
    if stamp is None:
        drop_dates(props)
    else:
        props.created = props.modified = stamp.replace(tzinfo=None)


_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: The format id every user-defined custom property carries.
_USER_PROPERTY = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def _custom_properties(document: Document, properties: dict[str, str]) -> None:
    """``docProps/custom.xml`` holding ``properties`` as text (the content chosen, read
    back by ``check``); nothing when there are none. A reference document's own custom
    properties describe the template, not this briefing: they go."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            package.rels.pop(rid)
    if not properties:
        return
    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    for pid, (name, value) in enumerate(sorted(properties.items()), start=2):
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property", fmtid=_USER_PROPERTY,
                                pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = run_text(value) or " "
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _save(document: Document, out: BinaryIO, stamp: datetime) -> None:
    """``Document.save`` with fixed zip entry times, compressing each part once (the
    package written part by part by :func:`._compat.write_package`)."""
    with PinnedZip(out, stamp) as archive:
        write_package(document, archive)


def reference_document(theme: Theme, out: BinaryIO) -> None:
    """Write the default reference document (``exporter styles --reference-doc``): the
    theme's styles, page set-up, header and footer, and one sample paragraph per style,
    for an office to edit in Word and pass back with ``--reference-doc``."""
    document = _themed_template(theme)
    _headers_footers(document, theme, run_text(theme.header_text) or "页眉")
    content = etree.Element(qn("w:body"))
    sample_body(content)
    section_properties = document.element.body.find(qn("w:sectPr"))
    for element in list(content):
        section_properties.addprevious(element)
    _font_table(document, theme)
    props = document.core_properties
    props.title, props.author, props.comments = "reference", "exporter", ""
    props.revision = 1
    drop_dates(props)
    _save(document, out, UNDATED_ZIP_TIME)


def check_reference(data: bytes, source: str) -> None:
    """Raise an InputError naming ``source`` unless ``data`` is a usable reference."""
    open_reference(data, source)
