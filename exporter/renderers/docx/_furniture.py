"""The furniture of a 公文 (GB/T 9704-2012) from the office's settings.

版头 (§7.2): 份号, 密级和保密期限 and 紧急程度 at the top left (3号黑体 for the latter
two), the issuer's name in red 小标宋 centred, the 发文字号 centred under it (or flush
left, indented one character, with 签发人 at the right when a signer is given), then a red
rule as wide as the type area 4 mm below. Without an issuer there is no 版头 naming
anybody. After the body: the issuer's name and the 成文日期 four characters in from the
right (§7.3.5). 版记 (§7.4): 抄送 and then 印发机关 and 印发日期 in 4号仿宋, each one
character in from the edges, between rules as wide as the type area (the outer ones
0.35 mm, the one between 0.25 mm).
"""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

from ...document import DocumentSettings, office_name
from ...selection import chinese_date
from ...theme import Role, Theme
from ._styles import font_slots, twips
from ._xml import paragraph, run_text, text_run, w

#: Rule widths in eighths of a point: the red 版头 rule, the 版记's outer and inner rules.
RED_RULE = 12
OUTER_RULE = 8
INNER_RULE = 6
#: The 版记 is set in 4号 (14 pt); the 成文日期 sits four characters in from the right.
IMPRINT_SIZE = 14.0
DATE_INDENT_CHARS = 4
#: 4 mm between 发文字号 and the red rule, in points.
RULE_GAP = 11.3
#: From the type area's top to the issuer's name: 35 mm, 80 mm for a 上行文 (GB/T 9704
#: §7.2.3), in points.
ISSUER_DROP = 35 * 72 / 25.4
UPWARD_DROP = 80 * 72 / 25.4


def masthead(body: etree._Element, settings: DocumentSettings, theme: Theme) -> bool:
    """Append the 版头; True when it ends with the red rule (the title then keeps its two
    lines' distance from it)."""
    mark = theme.role("heading1")  # 黑体 in the official theme
    marks = 0
    if settings.copy_number:
        _plain(body, settings.copy_number, theme.role("body"), theme)
        marks += 1
    if settings.classification:
        term = f"★{settings.classification_term}" if settings.classification_term else ""
        _plain(body, f"{settings.classification}{term}", mark, theme)
        marks += 1
    if settings.urgency:
        _plain(body, settings.urgency, mark, theme)
        marks += 1
    if not settings.issuer:
        return False
    # the name's top edge 35 mm under the type area's (80 mm for a 上行文, which names
    # its signer), less the lines the marks above take
    drop = (UPWARD_DROP if settings.signer else ISSUER_DROP) - marks * theme.role("body").leading
    before = twips(max(drop, 0.0))
    rules = [_border("bottom", RED_RULE, theme.color("rule"), space=RULE_GAP)
             ] if theme.red_rule else []
    if not settings.doc_number and not settings.signer:
        paragraph("Issuer", settings.issuer, body, [*rules, w("spacing", before=before)])
        return bool(rules)
    paragraph("Issuer", settings.issuer, body, [w("spacing", before=before, after=twips(
        theme.role("body").leading))])
    number = run_text(settings.doc_number)
    body_role = theme.role("body")
    if settings.signer:
        width = twips(theme.page.frame_width - body_role.size)
        _plain(body, f"{number}\t签发人：{run_text(settings.signer)}", body_role, theme, ppr=[
            *rules, _tabs(width), w("ind", left=twips(body_role.size),
                                  right=twips(body_role.size), firstLine=0, firstLineChars=0)])
    else:
        _plain(body, number, body_role, theme, align="center", ppr=rules)
    return bool(rules)


def signature(body: etree._Element, settings: DocumentSettings, theme: Theme) -> None:
    """The issuer's name and the briefing's date after the body, right-aligned four
    characters in from the edge (nothing when neither is set)."""
    role = theme.role("body")
    lines = [line for line in (office_name(settings.issuer),
                               settings.date and chinese_date(settings.date)) if line]
    for index, line in enumerate(lines):
        ppr = [w("ind", right=twips(DATE_INDENT_CHARS * role.size), firstLine=0,
                 firstLineChars=0)]
        if index == 0:
            ppr.insert(0, w("spacing", before=twips(role.leading * 2)))
        _plain(body, line, role, theme, align="right", ppr=ppr)


def imprint(body: etree._Element, settings: DocumentSettings, theme: Theme) -> None:
    """The 版记: 抄送, then 印发机关 and 印发日期, between rules (nothing when none is set)."""
    printed = settings.printed_by or settings.printed_date
    if not settings.cc and not printed:
        return
    role = theme.role("body")
    one_char = twips(IMPRINT_SIZE)
    indent = w("ind", left=one_char, right=one_char, firstLine=0, firstLineChars=0)
    color = theme.color("text")
    spacer = w("p", body)  # the 版记 stands apart from the body
    w("keepNext", w("pPr", spacer))
    if settings.cc:
        borders = [_border("top", OUTER_RULE, color)]
        if not printed:
            borders.append(_border("bottom", OUTER_RULE, color))
        cc = run_text(settings.cc).rstrip("。")
        _plain(body, f"抄送：{cc}。", role, theme, size=IMPRINT_SIZE,
               ppr=[w("keepNext"), _merge(borders), _deep(indent)])
    if printed:
        top = (INNER_RULE if settings.cc else OUTER_RULE)
        borders = [_border("top", top, color), _border("bottom", OUTER_RULE, color)]
        date = f"{chinese_date(settings.printed_date)}印发" if settings.printed_date else ""
        _plain(body, f"{run_text(settings.printed_by)}\t{date}", role, theme,
               size=IMPRINT_SIZE, ppr=[_merge(borders),
                                       _tabs(twips(theme.page.frame_width) - 2 * one_char),
                                       _deep(indent)])


def _plain(body: etree._Element, text: str, role: Role, theme: Theme, *,
           align: str = "left", size: float | None = None,
           ppr: list[etree._Element] | None = None) -> etree._Element:
    """A Normal paragraph with no first-line indent, its text in ``role``'s faces and
    weight at ``size`` (default the role's); a tab in ``text`` becomes a ``w:tab``."""
    props = list(ppr or [])
    if not any(child.tag == w("ind").tag for child in props):
        props.append(w("ind", firstLine=0, firstLineChars=0))
    props.append(w("jc", val="both" if align == "justify" else align))
    run_props = w("rPr")
    font_slots(run_props, role)
    if role.bold:
        w("b", run_props)
    half_points = round((size or role.size) * 2)
    w("sz", run_props, val=half_points)
    w("szCs", run_props, val=half_points)
    props.append(run_props)
    p = paragraph("Normal", parent=body, ppr=_ordered(props))
    for index, piece in enumerate(text.split("\t")):
        if index:
            w("tab", w("r", p))
        if piece := run_text(piece):
            text_run(piece, p).insert(0, _deep(run_props))
    return p


def _ordered(props: list[etree._Element]) -> list[etree._Element]:
    """``w:pPr`` children in schema order (keepNext, pBdr, tabs, spacing, ind, jc, rPr)."""
    order = ["keepNext", "pBdr", "tabs", "spacing", "ind", "jc", "rPr"]
    return sorted(props, key=lambda el: order.index(etree.QName(el).localname))


def _border(side: str, eighths: int, color: str, space: float = 1.0) -> etree._Element:
    border = w("pBdr")
    w(side, border, val="single", sz=eighths, space=round(space), color=color)
    return border


def _merge(borders: list[etree._Element]) -> etree._Element:
    """One ``w:pBdr`` holding the sides of several (top before bottom, as the schema
    orders them)."""
    merged = w("pBdr")
    for border in borders:
        merged.extend(list(border))
    return merged


def _tabs(position: int) -> etree._Element:
    tabs = w("tabs")
    w("tab", tabs, val="right", pos=position)
    return tabs


def _deep(element: etree._Element) -> etree._Element:
    """A copy of ``element`` (one built element can have one parent only)."""
    return etree.fromstring(etree.tostring(element))
