"""The HTML reader: a report page as a government site or news portal publishes it.

The page is decoded by its declared encoding (BOM, the server's charset, ``<meta
charset>``; GB2312 and GBK read as their superset GB18030), parsed with lxml, stripped of
its furniture (scripts, navigation, breadcrumbs, share bars, related links, comments,
footers: by element and by the class and id names sites give them), and the element that
holds most of the page's running Chinese text is taken as the report. Its blocks
(``<p>``, ``<div>``, ``<br>``, headings, list items, cells) become lines for the text
pipeline; the page's own fields (``ArticleTitle``, ``PubDate``, ``ContentSource``,
``Author``, ``<title>``) become its metadata. lxml was chosen over trafilatura and
readability-lxml by measurement (``bench/bench_readers.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import InputError
from . import _meta
from ._extracted import Extracted
from ._lines import CJK, clean

if TYPE_CHECKING:
    from lxml.html import HtmlElement  # type: ignore[import-untyped]

#: Largest HTML page read: far above any report page, far below what would stall the parser.
MAX_PAGE = 16 * 2**20
#: Elements never part of a report's text.
_CODE_TAGS = frozenset(("script", "style", "noscript", "iframe", "button", "select", "input",
                        "textarea", "svg", "canvas", "template", "object", "embed", "video",
                        "audio", "map", "head"))
#: Elements of page furniture, dropped unless they hold most of the page's text.
_FURNITURE_TAGS = frozenset(("nav", "header", "footer", "aside", "form"))
#: Class or id words that mark page furniture (matched at the start of a word).
_FURNITURE = re.compile(
    r"(?:^|[\s_\-])(nav|menu|breadcrumb|crumb|bread|position|location|weizhi|dqwz|share|bdshare"
    r"|jiathis|footer|foot|copyright|comment|pinglun|related|relate|xgxw|xgwz|recommend|sidebar"
    r"|side|toolbar|tool|print|login|search|banner|qrcode|ewm|erweima|advert|ads|fenxiang"
    r"|pager|pagination|header|topbar|top-bar)", re.IGNORECASE)
_BLOCK_TAGS = frozenset((
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
    "td", "th", "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "center",
    "hr", "address", "figure", "figcaption", "caption", "tbody", "thead", "body", "html",
))
_CJK_CHAR = re.compile(f"[{CJK}]")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]{2,20})",
                           re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: The site's name (and channel) after a page title: 标题_中国政府网, 标题--时政--人民网.
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|--|\s[-—–]\s)\s*[^_|｜]{1,30}?(?:(?:[_|｜]|--)[^_|｜]{1,30})*$")
_SOURCE_LABEL = re.compile(r"^(来源|稿源|出处|信息来源)\s*[:：]\s*")
#: A subtree grows the report when its running text is this much more than the best block's.
_GROWTH = 1.25

_TITLE_FIELDS = ("articletitle", "title", "og:title", "dc.title")
_DATE_FIELDS = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time",
                "dc.date", "date", "publish_time", "releasedate")
_SOURCE_FIELDS = ("contentsource", "source", "og:site_name", "sitename", "dc.publisher")
_AUTHOR_FIELDS = ("author", "dc.creator", "article:author")


def read_html(data: bytes, name: str, charset: str | None = None) -> Extracted:
    """Body lines and page fields of an HTML report page."""
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree

    if len(data) > MAX_PAGE:
        raise InputError(f"HTML page is {len(data):,} bytes, over the limit of {MAX_PAGE:,} "
                         "for one page (a report page is rarely over 2 MB)", source=name)
    text = _XML_DECL.sub("", decode_html(data, name, charset))
    try:
        document = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML page: {exc}", source=name) from None
    extracted = _page_fields(document)
    body = document.find("body")
    if body is None:
        body = document
    _drop_furniture(body)
    extracted.lines = list(_lines(_report_root(body)))
    return extracted


def decode_html(data: bytes, name: str, charset: str | None = None) -> str:
    """The page's text, decoded as its BOM, the server or its ``<meta>`` declares."""
    from .decode import decode_text, python_codec

    for encoding in (charset, _declared(data)):
        codec = python_codec(encoding) if encoding else None
        if not codec:
            continue
        try:
            return data.decode(codec).replace("\ufeff", "")
        except (LookupError, UnicodeDecodeError):
            continue
    return decode_text(data, name)


def _declared(data: bytes) -> str | None:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None  # decode_text reads the BOM
    match = _META_CHARSET.search(data[:65536])
    return match.group(1).decode("ascii") if match else None


def _page_fields(document: HtmlElement) -> Extracted:
    """Title, date, source and author from ``<meta>`` fields and ``<title>``."""
    found: dict[str, str] = {}
    for meta in document.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        value = clean(meta.get("content") or "")
        if key and value and key not in found:
            found[key] = value
    title_element = document.find(".//title")
    page_title = clean(title_element.text_content()) if title_element is not None else ""
    title = _first(found, _TITLE_FIELDS) or _SITE_SUFFIX.sub("", page_title) or None
    date = _first(found, _DATE_FIELDS)
    return Extracted(title=title, published=_meta.iso_date(date) if date else None,
                     publisher=_SOURCE_LABEL.sub("", _first(found, _SOURCE_FIELDS) or "") or None,
                     author=_first(found, _AUTHOR_FIELDS))


def _first(found: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((found[key] for key in keys if found.get(key)), None)


def _drop_furniture(body: HtmlElement) -> None:
    """Remove scripts and comments, then navigation, hidden elements and those whose class
    or id names furniture, unless such an element holds most of the page's Chinese text
    (a site that wraps its article in ``<div id="printContent">`` or ``<header>``)."""
    from lxml import etree

    code = [element for element in body.iter()
            if element.tag is etree.Comment or element.tag is etree.ProcessingInstruction
            or isinstance(element.tag, str) and element.tag.lower() in _CODE_TAGS]
    for element in code:
        element.drop_tree()
    total = len(_CJK_CHAR.findall(body.text_content()))
    doomed = []
    for element in body.iter():
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in ("body", "html"):
            continue
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        hidden = (element.get("hidden") is not None
                  or "display:none" in (element.get("style") or "").replace(" ", "").lower())
        if tag in _FURNITURE_TAGS or hidden or (marks.strip() and _FURNITURE.search(marks)):
            share = len(_CJK_CHAR.findall(element.text_content()))
            if share * 2 <= total:
                doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _report_root(body: HtmlElement) -> HtmlElement:
    """The element holding the report: the container with the most running Chinese text
    of its own, grown to an ancestor while that adds a good share more (a report split
    into several containers)."""
    own: dict[HtmlElement, int] = {}
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag == "a":
            continue
        count = len(_CJK_CHAR.findall(element.text or ""))
        for child in element:
            if child.tail:
                count += len(_CJK_CHAR.findall(child.tail))
        if count:
            container = element
            while container.tag not in _BLOCK_TAGS or container.tag in ("p", "span", "font",
                                                                          "strong", "li", "b"):
                parent = container.getparent()
                if parent is None:
                    break
                container = parent
            own[container] = own.get(container, 0) + count
    if not own:
        return body
    totals: dict[HtmlElement, int] = {}
    for container, count in own.items():
        node = container
        while node is not None:
            totals[node] = totals.get(node, 0) + count
            node = node.getparent()
    best = max(own, key=lambda element: own[element])
    while best is not body:
        parent = best.getparent()
        if parent is None or totals.get(parent, 0) < totals[best] * _GROWTH:
            break
        best = parent
    return best


def _lines(root: HtmlElement) -> Iterator[str]:
    """Lines of text in reading order: each block element and ``<br>`` ends a line."""
    parts: list[str] = []

    def flush() -> str | None:
        line = clean("".join(parts))
        parts.clear()
        return line or None

    stack: list[tuple[HtmlElement, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if closing:
            if block and (line := flush()):
                yield line
            if element.tail and element is not root:
                parts.append(element.tail)
            continue
        if block and (line := flush()):
            yield line
        if tag and element.text:
            parts.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    if line := flush():
        yield line
