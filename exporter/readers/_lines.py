"""Line-level helpers of the text reader: blank clean-up, punctuation, web-page furniture.

Reports scraped from government sites carry page furniture (breadcrumbs, print and font
controls, share buttons, copyright lines, related-link lists) between and around the
body. These predicates recognise it by its form, never by the wording of one report.
"""

from __future__ import annotations

import re

#: Characters that make a line Chinese text (ideographs, CJK and full-width punctuation).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_TEXT = f"{CJK}\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026"

_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def clean(line: str) -> str:
    """One line with invisible characters removed and every run of blanks (full-width
    space and NBSP included: ``str.split`` splits at every Unicode whitespace) made a
    single space, trimmed at both ends."""
    return " ".join(_INVISIBLE.sub("", line).split())


def clean_lines(text: str) -> list[str]:
    """``text``'s lines, each as :func:`clean` makes it: one pass over the whole text for
    the invisible characters, then ``str.split`` per line, which finds the blanks at C
    speed (a regular expression for them tests each character against a class, and took
    twice as long)."""
    return [" ".join(line.split()) for line in _INVISIBLE.sub("", text).split("\n")]


_ASCII_MARKS = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_M = f"[{re.escape(''.join(_ASCII_MARKS))}]"
#: The marks as alternatives of their own: sre skips ahead only to a branch that opens
#: with a literal.
_EACH_MARK = "|".join(map(re.escape, _ASCII_MARKS))
_PARENS = re.compile(r"[()]")
_SPACE_BY_MARK = re.compile(f"(?<=[，；：！？（）、。]) +(?=[{_CJK_TEXT}\\w])"
                            f"|(?<=[{_CJK_TEXT}\\w]) +(?=[，；：！？（）、。])")
#: A blank a page or PDF leaves between Chinese text and a number, or a number and its
#: unit (新增就业 5870 万人, 增长21.4 %, 2011 年 3 月): the report writes them together.
_SPACE_BY_NUMBER = re.compile(f"(?<=[0-9０-９]) +(?=[{_CJK_TEXT}%％])|(?<=[{_CJK_TEXT}]) +(?=[0-9０-９])")
_HAS_CJK = re.compile(f"[{CJK}]")


def _turning_marks(at_end: bool) -> re.Pattern[str]:
    """An ASCII mark, with a space on either side, that turns full-width: Chinese text
    before it (before its leading space, which it takes unless a mark just took it) or
    after it (after its trailing space, which it always takes), or, with ``at_end``, the
    end of the text. It opens with a literal space or mark, so the engine skips to
    those at C speed, and a split on it turns every mark of a line with no Python call
    per mark."""
    end = "|\\Z" if at_end else ""
    return re.compile(
        rf"((?: (?<!{_M} ){_M}|{_EACH_MARK})"
        rf"(?:(?:(?<=[{_CJK_TEXT}] {_M})|(?<=[{_CJK_TEXT}]{_M})) ?| ?(?:(?=[{_CJK_TEXT}]){end})))")


_TURNING_MARKS = _turning_marks(at_end=False)
_TURNING_MARKS_AT_END = _turning_marks(at_end=True)
#: What each text the patterns above match turns into: its mark, full-width, alone.
_FULL_WIDTH = {lead + mark + trail: full for mark, full in _ASCII_MARKS.items()
               for lead in ("", " ") for trail in ("", " ")}


def has_cjk(text: str) -> bool:
    """True when ``text`` holds at least one Chinese character."""
    return _HAS_CJK.search(text) is not None


def normalize_punct(text: str) -> str:
    """ASCII , ; : ! ? ( ) next to Chinese text made full-width, as the report means them,
    and the blanks between Chinese text, numbers and their units dropped.

    Marks between two digits (``1,000``, ``07:41``) stay; a mark ending Chinese text turns
    too (增长3%!); a pair of parentheses turns full-width when it encloses or touches
    Chinese text. Linear in the length of ``text``.
    """
    parts = (_TURNING_MARKS_AT_END if has_cjk(text) else _TURNING_MARKS).split(text)
    if len(parts) > 1:
        parts[1::2] = [_FULL_WIDTH[mark] for mark in parts[1::2]]
        text = "".join(parts)
    if "(" in text or ")" in text:
        text = _full_width_parens(text)
    if " " not in text:
        return text
    return _SPACE_BY_NUMBER.sub("", _SPACE_BY_MARK.sub("", text))


def _full_width_parens(text: str) -> str:
    turned: list[int] = []
    opened: list[int] = []
    for match in _PARENS.finditer(text):
        at = match.start()
        if match.group() == "(":
            opened.append(at)
            continue
        if not opened:
            continue
        start = opened.pop()
        # Chinese inside the pair, or just before or after it: one search over all three.
        if _HAS_CJK.search(text, max(0, start - 1), at + 2) is not None:
            turned += (start, at)
    if not turned:
        return text
    # The text rebuilt from slices between the turned marks: a list of every character
    # joined again cost three times the whole rest of the punctuation pass.
    parts: list[str] = []
    last = 0
    for at in sorted(turned):
        parts += (text[last:at], _FULL_WIDTH_PARENS[text[at]])
        last = at + 1
    parts.append(text[last:])
    return "".join(parts)


_FULL_WIDTH_PARENS = {"(": "（", ")": "）"}


# --- web-page furniture -------------------------------------------------------------------

#: Words that, alone or together on a line, are page controls rather than text.
_CONTROL_WORDS = frozenset((
    "下载", "打印", "全屏", "收藏", "分享", "分享到", "字号", "字体", "大", "中", "小", "加大", "还原", "减小", "默认",
    "标准", "超大", "放大", "缩小", "关闭", "打印本页", "打印此页", "关闭窗口", "关闭本页", "返回", "返回顶部", "返回首页",
    "顶部", "正文", "繁体", "简体", "繁", "简", "无障碍", "扫一扫", "扫一扫在手机打开当前页", "纠错", "我要纠错", "评论",
    "点赞", "微信", "微博", "朋友圈", "QQ", "QQ空间", "qq", "收藏本页", "保存", "打印文章", "分享至", "语音播报", "阅读",
    "朗读", "视力保护色", "浏览次数", "二维码", "手机版", "上一篇", "下一篇",
))

_BRACKETS = re.compile(r"[\[\]【】<>《》〔〕()（）|｜:：]")
_BREADCRUMB = re.compile(r"^(当前位置|您的位置|你的位置|您现在的位置|所在位置|当前页面)\s*[:：]?"
                         r"|首页\s*[>＞»›/]|[>＞»›]\s*正文$"
                         r"|^(?:导语|导读)\s*[:：]")  # a site's lead-in (导语：…一文来源于网友上传)
_NOISE = re.compile(r"^[^\w\u3400-\u9fff]*$")
_COPYRIGHT = re.compile(r"版权所有|[Cc]opyright|©|ICP备|ICP证|备案号|备案编号|网站标识码|公网安备"
                        r"|^(网站地图|联系我们|主办单位|承办单位|技术支持|主办|承办)\s*[:：|｜]?")
_FOOTER = re.compile(
    r"^[\[【(（]?\s*(责任编辑|责编|编辑[:：]|审核[:：]|校对[:：]|相关链接|相关附件|相关报道|相关新闻"
    r"|相关阅读|相关文章|相关文件|延伸阅读|推荐阅读|打印本页|关闭窗口|打印此页|扫一扫|分享到"
    r"|上一篇|下一篇|附件[:：]|【打印】|【关闭】)")
_HASH_ID = re.compile(r"^[0-9a-f]{16,64}[:：]?$")


def is_noise(line: str) -> bool:
    """A line with no letter, digit or Chinese character (``[``, ``-->``, ``***``)."""
    return _NOISE.match(line) is not None


def is_controls(line: str) -> bool:
    """A line of page controls only: 下载 打印 全屏, 【字体：大 中 小】, [关闭] [打印]."""
    if len(line) > 80:
        return False
    words = _BRACKETS.sub(" ", line).split()
    return bool(words) and all(word in _CONTROL_WORDS for word in words)


def is_breadcrumb(line: str) -> bool:
    """当前位置：首页 > 正文 and other navigation trails."""
    return len(line) <= 120 and _BREADCRUMB.search(line) is not None


def is_copyright(line: str) -> bool:
    """版权所有, ICP备案 and the other lines of a site's footer."""
    return len(line) <= 100 and _COPYRIGHT.search(line) is not None


def is_footer_start(line: str) -> bool:
    """A line that only ever follows the body: 责任编辑, 相关链接, 打印本页, a hash id."""
    return (_FOOTER.match(line) is not None or is_copyright(line)
            or _HASH_ID.match(line) is not None)


def is_furniture(line: str) -> bool:
    """Any line of page furniture that carries no metadata."""
    return is_noise(line) or is_controls(line) or is_breadcrumb(line)
