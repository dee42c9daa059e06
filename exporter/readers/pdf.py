"""The PDF reader: a report's text layer, read with pypdfium2, re-joined into paragraphs.

PDFium gives each page's text as positioned runs; runs on one baseline make a line. Lines
that repeat at the top or bottom of most pages (running headers and footers) and page
numbers are dropped. A line that reaches the right margin continues on the next line (or
page) unless the next is indented or starts a heading, and lines are joined without the
spaces a layout puts between Chinese and Latin characters. A PDF without a text layer (a
scan) is refused with the advice to OCR it. pypdfium2 was chosen over pdfminer.six and
pypdf by measurement (``bench/bench_readers.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import InputError
from ._extracted import Extracted
from ._headings import match_label

if TYPE_CHECKING:
    from pypdfium2 import PdfTextPage

#: Most pages a report may have (a hostile file can hold millions of empty ones).
MAX_PAGES = 3000
#: Fewest characters a text layer has on average per page before the PDF counts as a scan.
_MIN_CHARS_PER_PAGE = 5
#: Share of pages a top or bottom line must repeat on to be a running header or footer.
_RUNNING_SHARE = 0.4
#: Spaces beside a character outside ASCII (Chinese, full-width, Ⅱ, ∶): a layout's gap,
#: never the report's text.
_LAYOUT_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +(?=\S)|(?<=\S) +(?=[^\x00-\x7f])")
#: A space PDFium inferred from a gap (marked here by NUL) stays only between two letters.
_INFERRED_WORD_SPACE = re.compile(r"(?<=[A-Za-z])\x00+(?=[A-Za-z])")
_PAGE_NUMBER = re.compile(r"^[-—–－\s·]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*(共\s*)?\d{1,4}\s*页?)?"
                          r"[-—–－\s·]*$|^(page|p\.)\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
#: What opens a line and may have been carried whole from the line before, which then
#: broke early: a run of Latin letters, digits and the punctuation that may not start a
#: line (6.8%、12.3%、), or a character with such punctuation or with the opening mark
#: that may not end a line, each with any opening bracket or quote.
_UNBREAKABLE_LEAD = re.compile(r"([（“‘《〈「『(\[]?)(.)([，。、；：！？”’）》」』%]+|[（“‘《〈「『]*)")
_LATIN_LEAD = re.compile(r"[（“‘《〈「『(\[]?[!-~０-９](?:[!-~０-９％‰．]|[，。、；：！？”’）》」』])*")
#: Share of lines indented past the body's left edge from which a layout counts as one
#: that indents first lines, and how many line heights short of the margin a line may
#: then end and still continue.
_INDENTED_SHARE = 0.08
_INDENTED_SLACK = 6.0
_SENTENCE_END = tuple("。！？；：!?;:")


@dataclass
class _Line:
    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


def read_pdf(data: bytes, name: str) -> Extracted:
    """Paragraph lines and the document title of a PDF report with a text layer."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        problem = str(exc)
        if "password" in problem.lower():
            raise InputError("PDF is encrypted: give a copy without a password", source=name) from None
        raise InputError(f"is not a readable PDF ({problem})", source=name) from None
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise InputError(f"PDF has {count:,} pages, over the limit of {MAX_PAGES:,}",
                             source=name)
        pages = []
        for index in range(count):
            try:
                page = document[index]
                textpage = page.get_textpage()
            except pdfium.PdfiumError as exc:
                raise InputError(f"PDF page {index + 1} cannot be read ({exc})",
                                 source=name) from None
            pages.append(_page_lines(textpage))
            textpage.close()
            page.close()
        title = (document.get_metadata_dict().get("Title") or "").strip() or None
    finally:
        document.close()
    characters = sum(len(line.text) for lines in pages for line in lines)
    if characters < _MIN_CHARS_PER_PAGE * max(count, 1):
        raise InputError(f"PDF has no text layer ({characters} characters on {count} pages): "
                         "it is a scan; run OCR on it first (e.g. ocrmypdf -l chi_sim)",
                         source=name)
    body = _drop_running(pages)
    return Extracted(lines=_paragraphs(body), title=title)


def _page_lines(textpage: PdfTextPage) -> list[_Line]:
    """The page's characters gathered into lines by their height on the page and put in
    order along each line by their position: a PDF may draw a line's quotes or Latin
    characters (another font) after its Chinese ones, or even after the next line's."""
    from pypdfium2 import raw

    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    lines: list[_Line] = []
    chars: list[list[tuple[float, str]]] = []
    for index, char in enumerate(text):
        if char in "\r\n":
            continue
        if char == " " and raw.FPDFText_IsGenerated(textpage, index) == 1:
            char = "\x00"
        try:
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
        except Exception:  # noqa: BLE001 - a generated space has no box of its own
            if chars and chars[-1] and char in " \x00":
                chars[-1].append((chars[-1][-1][0] + 0.01, char))
            continue
        middle = (top + bottom) / 2
        at = next((n for n in range(len(lines) - 1, max(len(lines) - 4, -1), -1)
                   if lines[n].bottom <= middle <= lines[n].top), None)
        if at is None:
            lines.append(_Line("", left, right, top, bottom))
            chars.append([])
            at = len(lines) - 1
        found = lines[at]
        found.left, found.right = min(found.left, left), max(found.right, right)
        chars[at].append((left, char))
    for line, placed in zip(lines, chars, strict=True):
        placed.sort(key=lambda item: item[0])
        text = _INFERRED_WORD_SPACE.sub(" ", "".join(char for _, char in placed))
        line.text = _LAYOUT_SPACE.sub("", text.replace("\x00", "")).strip()
    return [line for line in lines if line.text]


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def _drop_running(pages: list[list[_Line]]) -> list[_Line]:
    """All pages' lines in order, without page numbers and running headers and footers."""
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({_running_key(line.text) for line in (*lines[:2], *lines[-2:])})
    needed = max(3, int(len(pages) * _RUNNING_SHARE))
    running = {key for key, seen in edges.items() if seen >= needed}
    kept: list[_Line] = []
    for lines in pages:
        edge = {id(line) for line in (*lines[:2], *lines[-2:])}
        for line in lines:
            if id(line) in edge and (_PAGE_NUMBER.match(line.text)
                                     or _running_key(line.text) in running):
                continue
            kept.append(line)
    return kept


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Lines re-joined into paragraphs: a line reaching the right margin continues unless
    the next is indented or opens a heading after a finished sentence. Where the layout
    indents its paragraphs' first lines, the indent is the surer sign, and a line ending
    a little short of the margin (the layout kept a number whole) continues too."""
    if not lines:
        return []
    rights = sorted(line.right for line in lines if len(line.text) >= 8) or [lines[0].right]
    margin = rights[int(len(rights) * 0.9) - 1 if len(rights) > 1 else 0]
    lefts = Counter(round(line.left) for line in lines)
    body_left = lefts.most_common(1)[0][0]
    indented = sum(1 for line in lines if _indented(line, body_left))
    slack = _INDENTED_SLACK if indented >= max(5, len(lines) * _INDENTED_SHARE) else 0.0
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and _continues(previous, line, margin - slack * line.height,
                                               body_left):
            out[-1] = _join(out[-1], line.text)
        else:
            out.append(line.text)
        previous = line
    return out


def _indented(line: _Line, body_left: float) -> bool:
    return line.left > body_left + 1.5 * line.height


def _continues(previous: _Line, line: _Line, margin: float, body_left: float) -> bool:
    width = 0.0
    latin = _LATIN_LEAD.match(line.text)
    lead = _UNBREAKABLE_LEAD.match(line.text)
    if latin is not None:
        width = sum(0.55 if char.isascii() else 1.0 for char in latin.group())
    elif lead is not None and (lead.group(1) or lead.group(3)):
        width = len(lead.group())
    full = previous.right >= margin - (1.2 + width) * previous.height
    if not full or _indented(line, body_left):
        return False
    return not (previous.text.endswith(_SENTENCE_END) and match_label(line.text) is not None)


def _join(before: str, after: str) -> str:
    """Two pieces of one paragraph, with a space only between two Latin words."""
    if before[-1:].isascii() and after[:1].isascii() and before[-1:].isalnum() \
            and after[:1].isalnum():
        return f"{before} {after}"
    return before + after
