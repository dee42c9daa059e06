"""The plain-text reader: a scraped report's text → :class:`~exporter.model.Report`.

The text falls into three zones. The *header* (before the greeting, the first heading or
the first prose line) yields the metadata: title, subtitle, speaker, dates, source. The
*body* runs to the first line that only ever follows a body (责任编辑, 相关链接, 打印本页,
版权所有, a 名词解释 glossary, the title repeated); furniture and photo captions inside it
are dropped, the rest becomes the preamble and the heading tree. The *footer* gives the
glossary's notes and any metadata the page puts last. Figures are not read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Meta, Note, Paragraph, Report, Section
from ..sentences import first_sentence
from . import _meta, _regions
from ._headings import (
    BARE,
    MAX_SIBLING_TITLE,
    MAX_TITLE,
    Label,
    Outline,
    bare_title,
    match_label,
    split_heading,
)
from ._lines import (
    clean_lines,
    has_cjk,
    is_copyright,
    is_footer_start,
    is_furniture,
    normalize_punct,
)

#: Longest opening sentence that still works as a paragraph's topic sentence.
MAX_LEAD = 40

_NOTES_MARKER = re.compile(r"^[【\[]?(名词解释|名词注释|名词说明|注释|注解|附注|注)[】\]]?\s*[:：]?$")
_NOTE_LABEL = re.compile(r"^(\d{1,3}\s*[.．、]|[（(]\d{1,3}[)）]|\[\d{1,3}\]|注\d{1,3}[:：]?)\s*")
_NO_START = "，。、；：！？”’）》」』%"
_NO_END = "，、“‘（《—"
_LEAD_BREAKS = re.compile(r"[，,；;：:]")
#: Characters a paragraph ends with; a body line ending otherwise runs on into the next.
_PARAGRAPH_END = "。！？!?；;：:…”’」』）)》】"
#: A lone opening bracket on its own line belongs to the line after it (（ / 三）…).
_OPENERS = ("（", "(", "“", "《", "【")
_APPENDIX = re.compile(r"^(?P<label>(?:附件|附录|附表)\s*[0-9０-９一二三四五六七八九十]{0,3})\s*[:：]?"
                       r"\s*(?P<title>[^。！？]{0,40})$")
_DOWNLOAD = re.compile(r"\.(?:docx?|xlsx?|pdf|wps|zip|rar|txt|jpe?g|png)\b|下载", re.IGNORECASE)
_SENTENCE_MARK = re.compile(r"[。！？]")


@dataclass
class _Found:
    """Metadata candidates gathered from every zone before they are settled into Meta."""

    title: str | None = None
    title_line: str | None = None
    subtitle: str | None = None
    subtitle_line: str | None = None
    date: str | None = None
    published: str | None = None
    publisher: str | None = None
    copyright: str | None = None
    speaker: _meta.Speaker | None = None
    captions: list[_meta.Caption] = field(default_factory=list)
    source_pending: bool = False

    def take_fields(self, line: str, limit: int) -> bool:
        """Record a 发布时间/来源 line; True when ``line`` was one."""
        if len(line) > limit:
            return False
        found = _meta.fields(line)
        if found is None:
            return False
        if "published" in found:
            self.published = self.published or found["published"]
        if "publisher" in found:
            if found["publisher"]:
                self.publisher = self.publisher or normalize_punct(found["publisher"])
            else:
                self.source_pending = self.publisher is None
        return True

    def take_page_line(self, line: str) -> bool:
        """Record metadata a page may put anywhere (source, copyright, caption); True when
        ``line`` was such a line and is no body text."""
        if self.source_pending:
            self.source_pending = False
            if len(line) <= 40 and not _meta.bare_date(line):
                self.publisher = normalize_punct(line)
                return True
        if self.take_fields(line, 60):
            return True
        if is_copyright(line):
            self.copyright = self.copyright or _meta.copyright_holder(line)
            return True
        found = _meta.caption(line)
        if found is not None:
            self.captions.append(found)
            return True
        return False


def parse_text(text: str, *, name: str | None = None) -> Report:
    """Read a report's decoded text into the model (figures left empty)."""
    lines = clean_lines(text)
    found = _Found()
    start = _body_start(lines)
    _read_header(lines[:start], found)
    builder = _Builder()
    end = _read_body(lines, start, found, builder)
    notes = _read_footer(lines[end:], found)
    report = Report(preamble=builder.preamble, sections=builder.sections, notes=notes,
                    appendix=builder.appendix)
    report.meta = _settle_meta(found, builder, name)
    _assign_ids(report)
    return report


# --- zones ---------------------------------------------------------------------------------


def _is_page_meta(line: str) -> bool:
    """Header lines that carry metadata or furniture rather than text."""
    return (is_furniture(line) or is_copyright(line) or _meta.fields(line) is not None
            or _meta.bare_date(line) is not None or _meta.paren_date(line) is not None
            or _meta.paren_date_name(line) is not None
            or _meta.caption(line) is not None or _meta.subtitle(line) is not None
            or _meta.speaker_line(_meta.split_trailing_date(line)[0]) is not None
            or _meta.post_line(line) is not None)


def _body_start(lines: list[str]) -> int:
    """Index of the body's first line: the greeting, a first heading, or the first prose."""
    for index, line in enumerate(lines):
        if not line:
            continue
        if _meta.is_greeting(line):
            return index
        if _is_page_meta(line):
            continue
        label = match_label(line)
        if label is not None and label.number == 1 and split_heading(label.rest):
            return index
        if _SENTENCE_MARK.search(line) or len(line) > 80:
            return index
    return 0


def _read_header(lines: list[str], found: _Found) -> None:
    """Metadata from the lines above the body; whatever else is there is furniture.

    A bare date with a time of day is the publication stamp; without one it is the date
    of delivery once a subtitle or speaker has been read (a byline), else publication.
    The title is the last title-like line before the subtitle, else the first one.
    """
    titles: list[str] = []
    byline = open_subtitle = False
    post: _meta.Speaker | None = None  # a post alone on its line, awaiting the name
    for line in lines:
        if not line or is_furniture(line) or found.take_page_line(line):
            continue
        stamp = _meta.bare_date(line)
        if stamp:
            date, has_time = stamp
            if byline and not has_time and found.date is None:
                found.date = date
            else:
                found.published = found.published or date
            continue
        delivered = _meta.paren_date(line)
        if delivered:
            found.date = found.date or delivered
            continue
        dated_name = _meta.paren_date_name(line)
        if dated_name:  # （2005年1月27日 张三）
            found.date = found.date or dated_name[0]
            found.speaker = found.speaker or _meta.Speaker(dated_name[1], "", None)
            byline = True
            continue
        if open_subtitle and found.subtitle and _meta.closes_subtitle(line):
            found.subtitle += normalize_punct(line)
            found.date = found.date or _meta.iso_date(found.subtitle)
            open_subtitle = False
            continue
        sub, speaker_after = _meta.subtitle_and_speaker(line) or (None, None)
        if sub is None:
            sub = _meta.subtitle(line)
        if sub:
            found.subtitle_line = found.subtitle_line or line
            found.subtitle = found.subtitle or normalize_punct(sub[0])
            found.date = found.date or sub[1]
            found.speaker = found.speaker or speaker_after
            open_subtitle = "在" in sub[0] and not _meta.closes_subtitle(sub[0])
            byline = True
            continue
        core, dated = _meta.split_trailing_date(line)  # 县长 赵某(2020年1月8日)
        speaker = _meta.speaker_line(core)
        name = _meta.is_name(line) if (byline and titles) or post else None
        if speaker or name:
            if name and post:  # 省长 / 张三: the post the line before named
                speaker = _meta.Speaker(name, post.title, post.organization)
            found.speaker = found.speaker or speaker or _meta.Speaker(name or "", "", None)
            found.date = found.date or (dated if speaker else None)
            byline, post = True, None
            continue
        post = _meta.post_line(line) if titles or byline else None
        if post:
            continue
        if not byline and has_cjk(line) and len(line) <= 80 and not _meta.is_aside(line):
            glued = _meta.title_and_speaker(line) if " " in line else None
            if glued:  # …政府工作报告 西安市人民政府市长陈宝根
                line, found.speaker = glued[0], found.speaker or glued[1]
            titles.append(line)
    if titles:
        line = titles[-1] if found.subtitle else titles[0]
        found.title, found.title_line = _meta.clean_title(normalize_punct(line)), line
    elif found.subtitle and found.subtitle_line and _meta.names_speech(found.subtitle_line):
        # 在全省教育工作会议上的讲话, the only line above the speech: its title
        found.title, found.title_line = found.subtitle, found.subtitle_line
        found.subtitle = None


def _read_body(lines: list[str], start: int, found: _Found, builder: _Builder) -> int:
    """Feed the body to ``builder``; return the index where the footer begins."""
    body, end = _body_lines(lines, start, found)
    for index, line in enumerate(body):
        before = body[index - 1] if index else None
        after = body[index + 1: index + 4]
        appendix = _appendix_start(line, after, builder)
        if appendix is not None:
            builder.open_appendix(*appendix)
        elif builder.appendix and builder.appendix[-1].title == "" and bare_title(line):
            builder.appendix[-1].title = normalize_punct(line)
        elif _is_bare_heading(line, before, after[:1], builder):
            builder.bare_heading(line)
        else:
            builder.add(line)
    return end


def _body_lines(lines: list[str], start: int, found: _Found) -> tuple[list[str], int]:
    """The body's lines from ``start`` without furniture and page metadata, a lone
    opening bracket or label joined to the line it was broken from; and where the footer
    begins."""
    title = found.title_line
    greeting = lines[start] if _meta.is_greeting(lines[start]) else None
    body: list[str] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if not line:
            continue
        if _NOTES_MARKER.match(line) or is_footer_start(line) \
                and _appendix_marker(line, _next_line(lines, index)) is None \
                or body and (line == title or _repeats_greeting(line, greeting)):
            return _without_dangling_marker(body), index
        if is_furniture(line) and line not in _OPENERS or found.take_page_line(line) \
                or _meta.bare_date(line):
            continue
        if body and (body[-1] in _OPENERS or _label_alone(body[-1])):
            body[-1] += line
        else:
            body.append(line)
    return _without_dangling_marker(body), len(lines)


def _label_alone(line: str) -> bool:
    """A numbering label on a line of its own (一、 / （二）), whose title is on the next."""
    if len(line) > 6:
        return False
    label = match_label(line)
    return label is not None and not label.rest


def _without_dangling_marker(body: list[str]) -> list[str]:
    """``body`` without a last line that only numbers an attachment (附件2) whose content
    is not body text: a glossary the footer reads, or nothing at all."""
    if body:
        marker = _appendix_marker(body[-1])
        if marker is not None and not marker.group("title"):
            body.pop()
    return body


def _next_line(lines: list[str], index: int) -> str:
    """The first non-empty line after ``index`` (empty at the end)."""
    return next((lines[at] for at in range(index + 1, len(lines)) if lines[at]), "")


def _appendix_marker(line: str, following: str = "") -> re.Match[str] | None:
    """附件 / 附件1 / 附件一：title — the line that opens an attachment after the body; a
    file offered for download (附件：某某.pdf, or 附件： over a list of files) is page
    furniture, not an attachment."""
    match = _APPENDIX.match(line)
    if match is None or _DOWNLOAD.search(line):
        return None
    if not match.group("title") and _DOWNLOAD.search(following):
        return None
    return match


def _appendix_start(line: str, after: list[str], builder: _Builder) -> tuple[str, str] | None:
    """``(label, title)`` when ``line`` opens an attachment after the body: a 附件 line
    (its title on it or on the next line), or — once the body has numbered top-level
    sections — a title line after which that top-level numbering starts again at one
    (2026年省十件民生实事 followed by 一、…十、)."""
    if not (builder.sections or builder.preamble):
        return None
    marker = _appendix_marker(line, after[0] if after else "")
    if marker is not None:
        return marker.group("label").replace(" ", ""), normalize_punct(marker.group("title"))
    top = builder.outline.top_style()
    if top is None or top == BARE or builder.appendix or not bare_title(line):
        return None
    for following in after:
        label = match_label(following)
        if label is not None:
            if label.style == top and label.number == 1:
                return "", normalize_punct(line)
            return None
    return None


def _is_bare_heading(line: str, before: str | None, after: list[str],
                     builder: _Builder) -> bool:
    """An unnumbered top-level heading: a short line of its own between a complete
    paragraph and the text it heads (a paragraph or a numbered heading), that names one
    of the report's parts (过去五年工作回顾, 2026年工作安排, 加强政府自身建设): an
    unnumbered subheading (主要预期目标) never closes the numbered tree."""
    if builder.appendix or before is None or not bare_title(line) or _meta.is_greeting(line):
        return False
    if not builder.last_was_text or not _ends_paragraph(before) or not after:
        return False
    if not _meta.names_report_part(line):
        return False
    nxt = after[0]
    return match_label(nxt) is not None or (
        _SENTENCE_MARK.search(nxt) is not None and nxt[0] not in _NO_START
        and not bare_title(nxt))


def _ends_paragraph(text: str) -> bool:
    """True when ``text`` ends as a paragraph does (。！？ or a closing mark after one)."""
    return text.rstrip()[-1:] in _PARAGRAPH_END


def _repeats_greeting(line: str, greeting: str | None) -> bool:
    """The opening greeting (各位代表：) again after the body: the page repeating itself."""
    return greeting is not None and greeting.endswith(("：", ":")) and line.startswith(greeting)


def _read_footer(lines: list[str], found: _Found) -> list[Note]:
    """Notes of a glossary in the footer; metadata of its page lines; the rest dropped."""
    notes: list[Note] = []
    raw: list[list[str]] = []
    in_notes = False
    for line in lines:
        if not line:
            continue
        if _NOTES_MARKER.match(line):
            in_notes = True
            continue
        if in_notes and is_footer_start(line):
            in_notes = False
        if in_notes:
            start = _NOTE_LABEL.match(line)
            if start is not None:
                raw.append([start.group(1).strip(), line[start.end():]])
            elif raw:
                raw[-1][1] = _join(raw[-1][1], line)
            continue
        if not is_furniture(line):
            found.take_page_line(line)
    for label, text in raw:
        notes.append(_note(label, normalize_punct(text)))
    return notes


def _join(before: str, after: str) -> str:
    """Two pieces of one broken line, with a space only between two Latin words (PM and
    2.5 join as PM2.5)."""
    if before and after and before[-1].isascii() and after[0].isascii() \
            and before[-1].isalpha() and after[0].isalpha():
        return f"{before} {after}"
    return before + after


def _note(label: str, text: str) -> Note:
    """``1.“两重”：是指…`` → label 1., term 两重, text 是指…."""
    colon = re.search(r"[:：]", text[:48])
    if colon is None:
        return Note(label=label, term=None, text=text)
    term = text[: colon.start()].strip()
    if len(term) >= 2 and term[0] in "“\"「" and term[-1] in "”\"」" \
            and not re.search(r"[“”\"「」]", term[1:-1]):
        term = term[1:-1]
    return Note(label=label, term=term or None, text=text[colon.end():].strip())


# --- body --------------------------------------------------------------------------------


class _Builder:
    """Collects the preamble, the heading tree and any attachments from body lines in
    order. An attachment is read by a builder of its own into its appendix section, its
    headings one level below it."""

    def __init__(self, base_level: int = 0, preamble: list[Paragraph] | None = None,
                 sections: list[Section] | None = None) -> None:
        self.preamble: list[Paragraph] = [] if preamble is None else preamble
        self.sections: list[Section] = [] if sections is None else sections
        self.appendix: list[Section] = []
        self.base_level = base_level
        self.outline = Outline()
        self.path: list[Section] = []
        self.last_was_text = False
        #: The last paragraph is a heading-like line of its own (an unnumbered subheading),
        #: which the next line does not continue.
        self.alone = False
        self._attachment: _Builder | None = None

    def add(self, line: str) -> None:
        """One body line: a heading (with any run-in text), or a paragraph, or the rest
        of a paragraph broken across lines."""
        if self._attachment is not None:
            self._attachment.add(line)
            return
        if self._heading(line):
            return
        text = normalize_punct(line)
        target = self.path[-1].paragraphs if self.path else self.preamble
        if self.last_was_text and target and (text[0] in _NO_START
                                              or target[-1].text[-1] in _NO_END
                                              or _runs_on(target[-1].text) and not self.alone):
            target[-1].text = _join(target[-1].text, text)
            self.alone = False
            return
        target.append(Paragraph(id="", text=text))
        self.last_was_text = True
        self.alone = bare_title(text)

    def bare_heading(self, line: str) -> None:
        """An unnumbered top-level heading."""
        self._open(Label(BARE, 0, "", line), 1, normalize_punct(line), "")

    def open_appendix(self, label: str, title: str) -> None:
        """Start an attachment; the lines after it belong to it."""
        section = Section(id="", label=label, title=title, level=self.base_level + 1)
        self.appendix.append(section)
        self._attachment = _Builder(self.base_level + 1, section.paragraphs, section.sections)

    def _heading(self, line: str) -> bool:
        label = match_label(line)
        if label is None:
            return False
        limit = MAX_SIBLING_TITLE if self.outline.continues(label) else MAX_TITLE
        parts = split_heading(label.rest, limit)
        if parts is None:
            return False
        title, body = parts
        level = self.outline.place(label, standalone=not body)
        if level is None:
            return False
        self._open(label, level, normalize_punct(title), body)
        return True

    def _open(self, label: Label, level: int, title: str, body: str) -> None:
        self.outline.enter(label, level)
        section = Section(id="", label=label.text, title=title, level=self.base_level + level)
        del self.path[level - 1:]
        (self.path[-1].sections if self.path else self.sections).append(section)
        self.path.append(section)
        self.last_was_text = False
        if body:
            section.paragraphs.append(Paragraph(id="", text=normalize_punct(body)))
            self.last_was_text = True


def _runs_on(text: str) -> bool:
    """A paragraph that stops mid-sentence (…发展的 / 以PM) continues on the next line; a
    salutation without its colon (同志们) and a numbered line that is no heading do not."""
    return not (_ends_paragraph(text) or _meta.is_greeting(text) or match_label(text))


# --- metadata and ids ----------------------------------------------------------------------


def _settle_meta(found: _Found, builder: _Builder, name: str | None) -> Meta:
    """Meta from the gathered candidates: header lines first, then captions, then the body."""
    meta = Meta(title=found.title, subtitle=found.subtitle, date=found.date,
                published=found.published, publisher=found.publisher or found.copyright,
                source_name=name)
    speaker = found.speaker
    month_day: tuple[int, int] | None = None
    caption_year: int | None = None
    for caption in found.captions:
        same = caption.speaker is not None and speaker is not None \
            and caption.speaker.name == speaker.name and not speaker.title
        speaker = caption.speaker if same else speaker or caption.speaker
        meta.title = meta.title or caption.title
        if caption.month_day and month_day is None:
            month_day, caption_year = caption.month_day, caption.year
    first_text = " ".join(p.text for p in (builder.preamble or _first_paragraphs(builder))[:3])
    meta.title = meta.title or _meta.self_named(first_text)
    behalf = _meta.on_behalf(first_text)
    if speaker is not None:
        meta.speaker = speaker.name
        meta.speaker_title = normalize_punct(speaker.title) if speaker.title else None
        byline_body = (None if speaker.organization in _regions.PLACE_WORDS  # 自治区代主席:
                       else speaker.organization)  # a place word names no body
        meta.organization = _meta.organization(byline_body, behalf)
    else:
        meta.organization = behalf
    outline = [(section.title, _section_text(section)) for section in builder.sections]
    inferred = _meta.year_from_outline(outline)
    if meta.date is None and month_day is not None:
        year = caption_year or _stated_year(meta) or inferred
        if year is not None:
            meta.date = f"{year:04d}-{month_day[0]:02d}-{month_day[1]:02d}"
    meta.year = _stated_year(meta) or inferred
    body = first_text + "".join(text for _, text in outline)
    meta.region = (_regions.region_named(meta.organization) or _regions.region_named(meta.title)
                   or _regions.region_named(meta.subtitle)
                   or _regions.region_named(meta.speaker_title)
                   or _regions.region_in_body(body))
    meta.level = _regions.level_of(meta.region) or _regions.relative_level(meta.organization)
    named = _regions.full_body(meta.organization, meta.region)  # 浙江省省长: the place alone
    meta.organization = (_regions.government_of(meta.region, meta.speaker_title)
                         if named is None or named == meta.region else None) or named
    meta.kind = _meta.report_kind(meta.title, *(c.title for c in found.captions), first_text)
    return meta


def _stated_year(meta: Meta) -> int | None:
    """The year the report states: of its date, title, subtitle, else its publication."""
    if meta.date:
        return int(meta.date[:4])
    year = (_meta.bulletin_year(meta.title) or _meta.stated_year(meta.title)
            or _meta.stated_year(meta.subtitle))
    return year or (int(meta.published[:4]) if meta.published else None)


def _section_text(section: Section) -> str:
    """A section's paragraphs and those of its subsections, in reading order."""
    parts = [p.text for p in section.paragraphs]
    parts += [_section_text(child) for child in section.sections]
    return "".join(parts)


def _first_paragraphs(builder: _Builder) -> list[Paragraph]:
    return builder.sections[0].paragraphs if builder.sections else []


def _assign_ids(report: Report) -> None:
    """p1, p2… in the preamble; s1, s1.2… for sections and a1, a1.2… for attachments;
    <section>.p<n> for their paragraphs."""
    for number, paragraph in enumerate(report.preamble, 1):
        paragraph.id = f"p{number}"
        paragraph.lead = lead_sentence(paragraph.text)

    def visit(sections: list[Section], prefix: str) -> None:
        for number, section in enumerate(sections, 1):
            section.id = f"{prefix}{number}"
            for index, paragraph in enumerate(section.paragraphs, 1):
                paragraph.id = f"{section.id}.p{index}"
                paragraph.lead = lead_sentence(paragraph.text)
            visit(section.sections, f"{section.id}.")

    visit(report.sections, "s")
    visit(report.appendix, "a")


def lead_sentence(text: str) -> str | None:
    """The paragraph's opening sentence when it is a topic sentence: short, ending in 。,
    free of commas and colons, and followed by more text (高端产业形成发展新优势。)."""
    sentence = first_sentence(text[: MAX_LEAD * 4])
    if sentence is None or not sentence.endswith("。") or len(sentence) > MAX_LEAD:
        return None
    if _LEAD_BREAKS.search(sentence) or not has_cjk(sentence):
        return None
    return sentence
