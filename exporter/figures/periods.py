"""The ``period`` of a figure: the year or span its number is for.

The rules follow ``spec/figures.md`` ("The report's year", "Period frames"),
applied from the narrowest scope outwards:

1. the figure's own clause: a ``从A…到B`` pair (A in a part of the frame's year,
   ``从上半年…``, stays in it), the government's term (``本届政府``, no period),
   ``年均`` over a stated span, a span it states (``连续5年``, ``5年内`` and ``5年增长``
   bound to that clause, ``十二五时期``, ``2023年至2025年``, ``今后五年``, ``2022年以来``
   → 2022 to the year before the report), a year it states (``今年``, ``明年``,
   ``新的一年``, ``去年``, ``今明两年``, ``“十四五”末`` → its last year);
2. earlier clauses of the sentence up to a ``；`` (and the lead of a list after a colon):
   a span, then a year — but not past a clause in the perfect (``2015年成立了…，
   已推动落地…6项``: the year dates the founding);
3. the paragraph's frame, set by a sentence of it opening with ``五年来``,
   ``过去一年``, ``“十二五”时期，`` … or by the paragraph's own opening;
4. a cumulative total (``累计``) with no span stated in its paragraph runs to the
   end of the frame; a cumulative change (``累计下降14%``) is a change over the frame;
5. the frame carried over the report (:func:`paragraph_frames`): set by a
   heading naming a time (its first-named period when it names two: a year, a
   plan, ``今年``, ``过去一年``, ``过去五年``, ``今后五年``), an unnumbered heading
   line or a paragraph opening with a time or presenting a plan (``编制了“十五五”
   规划纲要``), and kept across paragraphs and subsections until the next one.

Background that no time bounds (``14亿多人口`` outside a review) has none. Years
inside brackets and quotes (plan titles such as ``(2014-2017年)``) and comparison
bases (``比去年``, ``较“十三五”末``) never set a period.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from ..plans import CN_DIGITS, PLAN_NAME, plan_named, plan_span
from .change import CHANGE_WORDS
from .clauses import clause_bounds, mask
from .roles import is_background

__all__ = ["Frame", "opening_frame", "paragraph_frames", "period_for"]

Span = tuple[int, int]


class Frame(NamedTuple):
    """The period in force over a paragraph, and whether the paragraph states it itself: a
    ``累计`` total then runs over the span rather than to its last year. A lead line
    before the paragraph (``这五年，…。`` on its own) frames it but states nothing in it."""

    span: Span
    stated_here: bool
    #: The frame of the headings over the paragraph (a review's five years), which a
    #: paragraph opening with one of its years (``2016年，…``) narrows but does not end.
    heading: Span | None = None

_PLAN_QUOTED = re.compile(r"[“\"](十[一二三四五六七八九]?|[三四五六七八九])五[”\"]")
_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)[0-9]{2})年(?!代)")
_RANGE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年?\s*[-—–~至到]\s*((?:19|20)[0-9]{2})年")
_RELATIVE = {"今年": 0, "本年": 0, "当年": 0, "新的一年": 0, "去年": -1, "上年": -1, "前年": -2,
             "明年": 1}
_RELATIVE_RE = re.compile("|".join(_RELATIVE))
_SHORT_NUM = r"(?<![0-9０-９])[0-9０-９]{1,2}|[一二两三四五六七八九十]+"
_RECENT_SPAN = re.compile(rf"(?:过去的?|近|这)?({_SHORT_NUM})年(?:来|以来)")
_PAST_SPAN = re.compile(rf"(?:过去的?|这|近)({_SHORT_NUM})年")
_SINCE_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)[0-9]{2})年以来")
_THIS_AND_NEXT = re.compile(r"今明两年")
#: A yearly average, as written (年均, 年平均, 平均每年, 五年平均增长): a rate over a span.
_YEARLY_AVERAGE = re.compile(r"年均|年平均|平均每年|(?<=年)平均(?=增长|提高|下降|增速)")
#: ``连续5年``, ``5年内``, and a duration heading a change (``5年增长18.7%``, ``3年翻一番``,
#: ``五年平均增长``):
#: spans ending at the frame's end. ``11.23年提高到10.8年`` is no span.
_RUN_SPAN = re.compile(
    rf"连续({_SHORT_NUM})年|({_SHORT_NUM})年(?:内|间)"
    rf"|(?<![.．])({_SHORT_NUM})年(?=累计|平均|(?:增长|提高|下降|降低|减少|增加)(?![到至])|翻|$)")
_UNRESOLVED = re.compile(r"今年|去年|明年|本年|新的一年|今明两年|过去的?一年|一年来")
_PAST_YEAR = re.compile(r"(?:刚刚)?过去的?一年|一年来")
_COMPARISON = re.compile(r"(?:比|较|高于|低于|高出|快于|慢于)[“\"]?(?:十[一二三四五六七八九]?|[三四五六七八九])五[”\"]?(?:时期|期间|期末|末)?"
                         r"|(?:是|相当于)[“\"]?(?:十[一二三四五六七八九]?|[三四五六七八九])五[”\"]?(?:时期|期间|期末|末)?的"
                         r"|(?:比|较)(?:19|20)[0-9]{2}年|(?:比|较|同比|与)(?:[“\"][^”\"]*[”\"]|[^，,；;。、0-9０-９])*?(?:期间|时期|年末|年底|年)(?:同期)?")
_BASE_YEAR = re.compile(r"是((?:19|20)[0-9]{2})年的?[近约超逾]?$")
_FROM_YEAR_TO = re.compile(r"(?:从|自)((?:19|20)[0-9]{2})年.*?(?:到|至)((?:19|20)[0-9]{2})年")
_NAMING_OF = re.compile(r"[0-9０-９近约超逾不]")
_DIGIT = re.compile(r"[0-9０-９]")
_FROM = re.compile(r"(?:由|从)")
#: A part of a year (``从上半年的…``, ``由年初的…``): the from-end lies in the frame's year.
_WITHIN_YEAR = re.compile(r"上半年|下半年|年初|年中|前三季度|[一二三四1-4]季度|(?<![0-9])[0-9]{1,2}月")
_TO = re.compile(r"(?:提高到|提高至|增加到|增长到|增至|降至|下降到|下降至|降低到|减少到|上升到|升至|扩大到|转为"
                 r"|(?:整合|合并|精简|调整|压减|缩减|减少|增加|提高|下降|降低|优化)为|到|至)")


class _ClauseStarts(NamedTuple):
    """A pattern ``(?:^|[MARKS])BODY`` cut in two, since no engine skip works on a pattern
    that may start anywhere: ``head`` is BODY at the text's start, ``after_mark``
    [MARKS]BODY, which opens with a class the engine skips to at C speed."""

    head: re.Pattern[str]
    after_mark: re.Pattern[str]

    @classmethod
    def of(cls, marks: str, body: str) -> _ClauseStarts:
        """The two patterns of ``(?:^|[marks])body``."""
        return cls(re.compile(body), re.compile(f"[{marks}]{body}"))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of ``(?:^|[MARKS])BODY`` in ``text``, as its finditer gives them."""
        head = self.head.match(text)
        if head is not None:
            yield head
        yield from self.after_mark.finditer(text, head.end() if head is not None else 0)

    def first(self, text: str) -> re.Match[str] | None:
        """The first match, as the whole pattern's search gives it."""
        return next(self.finditer(text), None)


def period_for(
    sentence: str,
    start: int,
    end: int,
    *,
    report_year: int | None,
    headings: Sequence[str] = (),
    paragraph: str = "",
    carried: Frame | None = None,
) -> str | None:
    """Period of the figure ``sentence[start:end]``: ``"2015"``, ``"2011-2015"`` or None.

    ``carried`` is the frame in force over the paragraph (:func:`paragraph_frames`);
    without it, the innermost of ``headings`` that names a time frames the paragraph."""
    frame = _paragraph_frame(sentence, paragraph, report_year)
    section = carried.span if carried else _heading_frame(tuple(headings), report_year)
    headed = not carried.stated_here if carried else True
    context = frame or section
    masked = _clean(sentence)
    c_start, _ = clause_bounds(sentence, start, end)
    clause_left = masked[c_start:start]
    sentence_left = masked[:c_start]
    last_part = max(sentence_left.rfind("；"), sentence_left.rfind(";"))
    carrying_left = sentence_left[last_part + 1:]
    if last_part > 0:  # a list after a colon (目标是：A；B；C): the lead dates every item
        colon = max(sentence_left.rfind("：", 0, last_part), sentence_left.rfind(":", 0, last_part))
        carrying_left = sentence_left[:colon + 1] + carrying_left if colon >= 0 else carrying_left
    anchor = context[1] if context else (report_year - 1 if report_year else None)

    pair = _from_to(masked, c_start, start, end, context, report_year)
    if pair:
        return pair
    paired = _paired_year(clause_left)
    if paired:
        return paired
    if _TERM.search(clause_left) and not _YEAR.search(clause_left):
        return None  # 本届政府减少审批事项三分之一: the term's goal, which no year bounds
    if ("以来" in carrying_left + clause_left or "一个时期" in carrying_left + clause_left
            or "一段时" in carrying_left + clause_left) and _UNDATED_SPAN.search(
                carrying_left + clause_left) and not _YEAR.search(clause_left):
        return None  # 新时代以来，…3次亲临考察; 今后一个时期，…: a span the text dates by no year
    if _YEARLY_AVERAGE.search(clause_left) or "年均" in masked[start:end]:
        stated = _span_in(sentence_left + clause_left, anchor, report_year)
        span = _stated_range(masked) or (stated if stated and stated[0] != stated[1] else None) or (
            frame if frame and frame[0] != frame[1] else None) or (
            section if section and section[0] != section[1] else None) or _averaged_over(
            sentence_left + clause_left, context, carried.heading if carried else None)
        if span:
            return _fmt(span)
    stated = _stated_base(sentence, c_start, start)
    if stated:
        return _fmt(stated)
    base = _comparison_base(sentence, start)
    if base is not None:
        year_end = _year_in(_clause_openings(sentence_left), context, report_year)
        end_year = year_end[1] if year_end else anchor
        if end_year is not None:
            return _fmt((base, end_year))
    if report_year is None and _UNRESOLVED.search(clause_left + _clause_openings(carrying_left)):
        return None  # 今年 in an undated report: no frame may stand in for it
    if "已" in clause_left and _SO_FAR.first(clause_left):  # its own clause says 已:
        carried_here = ""  # nothing carries
    elif "已" not in carrying_left:  # no 已 before it: every opening carries
        carried_here = _clause_openings(carrying_left)
    else:  # only the openings after the last 已 of the clauses before carry
        so_far = [m.end() for m in _SO_FAR.finditer(carrying_left)]
        carried_here = _clause_openings(carrying_left[so_far[-1]:] if so_far else carrying_left)
    for scope in (clause_left, carried_here):
        span = _span_in(scope, anchor, report_year)
        if span:
            return _fmt(span)
        year = _year_in(scope, context, report_year)
        if year:
            return _fmt(year)
    if context and is_background(sentence, start, end) and (
            report_year is None or context[1] >= report_year):
        return None  # 14亿多人口 in a plan: no time bounds it
    if frame:
        return _fmt(frame)
    if section:
        if (headed and _runs_to_its_year(masked, c_start, start, end)
                and not _CUMULATIVE_CHANGE.search(clause_left)
                and not _states_span(masked[:start], frame, paragraph, report_year)):
            return str(section[1])
        return _fmt(section)
    return None


#: ``能耗累计下降14%``: a change accumulated over the frame, which is its period; only a
#: cumulative total (``累计开行1.7万列``) is dated by the year it runs to.
_CHANGE_VERB = r"(?:下降|降低|减少|压降|压减|增长|提高|上升|增加)"
_CUMULATIVE_CHANGE = re.compile(rf"累计{_CHANGE_VERB}了?[超近约逾]?$")
#: A 累计 that totals (and dates the clauses it carries), not one that accumulates a change.
_CUMULATIVE_TOTAL = re.compile(rf"累计(?!{_CHANGE_VERB})")


def _runs_to_its_year(masked: str, c_start: int, start: int, end: int) -> bool:
    """Whether a 累计 totals the figure: in its own clause, or in a clause before it in the
    sentence that it carries to (``累计认定8000余个…，政府采购金额超过500亿元``) — never to a
    clause with a verb of its own (``…，建成国家级绿色工厂136家``) nor to a change or a
    share (``…，设施产量占比分别提高15个百分点``), which the frame dates."""
    if _CUMULATIVE_TOTAL.search(masked, c_start, end):
        return True
    if not _CUMULATIVE_TOTAL.search(masked, 0, c_start):
        return False
    own = masked[c_start:start].lstrip("，,、；; ")
    return not (_OWN_VERB.match(own) or _CHANGE_OR_SHARE.search(masked, c_start, end))


#: A verb that opens a clause of its own doing (建成, 培育 …), and a change or share.
_OWN_VERB = re.compile(r"(?:新)?(?:建成|建设|培育|创建|认定|引进|打造|实施|开工|完成|实现|形成|获批|入选|"
                       r"开通|投运|推动|新增|新建)")
_CHANGE_OR_SHARE = re.compile("|".join(CHANGE_WORDS) + r"|占比|比重|比例|[率%％]|个百分点|倍")


#: Years listed before 分别 (``2024年、2025年分别新建学校30所、40所``): the k-th figure of
#: the list after it is for the k-th year.
_YEAR_LIST = re.compile(r"((?:19|20)[0-9]{2})年?(?:(?:、|和|与|及)((?:19|20)[0-9]{2})年?)+"
                        r"[^、，,；;。0-9０-９]{0,20}?分别")
_A_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_LIST_SEP = re.compile(r"[0-9０-９][^、和，,；;。0-9０-９]{0,6}[、和]")


def _paired_year(clause_left: str) -> str | None:
    """The year a 分别 list pairs the figure with, else None."""
    m = _YEAR_LIST.search(clause_left)
    if m is None:
        return None
    years = _A_YEAR.findall(m.group(0))
    index = len(_LIST_SEP.findall(clause_left, m.end()))
    return years[index] if index < len(years) else None


#: The government's term (``本届政府``): a time the text does not date.
_TERM = re.compile(r"本届(?:政府|任期)")
#: Spans that run from an era, not a year (新时代以来, 党的十八大以来), or to no stated end
#: (今后一个时期): the text states no year, so a figure over one has no period a frame
#: could give it.
_UNDATED_SPAN = re.compile(r"(?:新时代|十[八九]大|二十大|改革开放|新中国成立)以来"
                           r"|(?:今后|未来)(?:一个时期|一段时期|一段时间)")
#: A clause in the perfect (``已推动落地…6项``) states where things stand by now: a
#: year opening a clause before it (``2015年支持成立了…``) dates neither it nor the
#: clauses after it.
_CLAUSE_MARKS = "，,；;：:"
_SO_FAR = _ClauseStarts.of(_CLAUSE_MARKS, r"\s*(?:已经|已)")
#: A span of years written out (``2023年至2025年``, ``2021—2025年``).
_YEARS_SPAN = r"(?:19|20)[0-9]{2}年?\s*[-—–~至到]\s*(?:19|20)[0-9]{2}年"
_OPENING = _ClauseStarts.of(_CLAUSE_MARKS,
    rf"\s*(?:力争|确保|预计|计划|建议|提出|确定|拟定了?)?(?:截至|截止|到|在|于|自|从)?(?:{_YEARS_SPAN}|(?:19|20)[0-9]{{2}}年(?:底|末|以来)?|今明两年|今年|明年|新的一年|去年|上年"
    rf"|(?:刚刚)?过去的?一年|一年来|(?:{_SHORT_NUM})年(?:来|以来)|(?:过去的?|这|近)(?:{_SHORT_NUM})年"
    rf"|(?:未来|今后)(?:{_SHORT_NUM})年"
    rf"|[“\"]?(?:十[一二三四五六七八九]?|[三四五六七八九])五[”\"]?(?:时期|期间|以来|末))"
)


def _clause_openings(text: str) -> str:
    """The time phrases that open clauses of text: only these carry to later clauses."""
    if _YEAR_CHAR not in text and _PLAN_CHAR not in text:
        return ""  # every opening names a year (年) or a plan (五)
    return "，".join(m.group(0).lstrip("，,；;：: ") for m in _OPENING.finditer(text))


def _states_span(sentence_left: str, frame: Span | None, paragraph: str,
                 report_year: int | None) -> bool:
    """Whether a span of years is stated for a ``累计`` total: earlier in its sentence, by
    a frame within its paragraph, or by the paragraph's opening (the total then runs
    over that span, not to its last year)."""
    if _span_in(sentence_left, 1, report_year) is not None:
        return True
    opening = opening_frame(paragraph, report_year)
    return any(span is not None and span[0] != span[1] for span in (frame, opening))


def _fmt(span: Span) -> str:
    return str(span[0]) if span[0] == span[1] else f"{span[0]}-{span[1]}"


@lru_cache(maxsize=512)
def _clean(text: str) -> str:
    """Brackets, quoted titles and comparison bases masked out (same length).
    Quoted plan names (“十二五”) stay readable. Every comparison base holds a 五 (of its
    plan), or a 年 or 期 (of its year or span word): a text with none is not scanned for
    one, a scan that at each 比 and 与 reads on to the clause's end."""
    out = mask(text)
    plans = [(m.start(), m.end()) for m in _PLAN_QUOTED.finditer(text)]
    if plans:  # most texts quote no plan: their mask stays as it is
        pieces: list[str] = []
        last = 0
        for a, b in plans:  # slices joined: a list of every character cost more
            pieces += (out[last:a], text[a:b])
            last = b
        out = "".join(pieces) + out[last:]
    if "年" not in out and "期" not in out and "五" not in out:
        return out  # most sentences: no comparison base can be there to mask
    return _COMPARISON.sub(lambda m: "□" * len(m.group(0)), out)


def _number(token: str) -> int:
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + CN_DIGITS.get(token[1:], 0)
    if token.endswith("十"):
        return 10 * CN_DIGITS.get(token[0], 1)
    if "十" in token:
        tens, ones = token.split("十", 1)
        return 10 * CN_DIGITS.get(tens, 1) + CN_DIGITS.get(ones, 0)
    return CN_DIGITS.get(token, 0)


def _plan(text: str) -> Span | None:
    return plan_named(text) if _PLAN_CHAR in text else None


#: Every span and year pattern after the plan names (``_RANGE`` … ``_RUN_SPAN``, ``_YEAR``,
#: ``_RELATIVE_RE``, ``_PAST_YEAR``) writes 年, every plan name (``_PLAN``) 五: a text
#: without them is not searched.
_YEAR_CHAR = "年"
_PLAN_CHAR = "五"


def _span_in(text: str, anchor: int | None, report_year: int | None) -> Span | None:
    """A span the text states: a plan name, ``五年来``/``过去五年``, ``连续N年``, ``N年内``,
    ``2011-2015年`` or ``从2010年…到2015年``."""
    plan = _plan(text)
    if plan or _YEAR_CHAR not in text:
        return plan
    stated = _stated_range(text)
    if stated:
        return stated
    coming = _COMING_SPAN.search(text)
    if coming and report_year and _number(coming.group(1)) > 1:
        return (report_year, report_year + _number(coming.group(1)) - 1)
    since = _SINCE_YEAR.search(text)
    if since and report_year and int(since.group(1)) < report_year:
        return (int(since.group(1)), report_year - 1)
    if report_year and _THIS_AND_NEXT.search(text):
        return (report_year, report_year + 1)
    for pattern in (_RECENT_SPAN, _PAST_SPAN):
        m = pattern.search(text)
        if m and report_year:
            n = _number(m.group(1))
            if n > 1:
                return (report_year - n, report_year - 1)
    m = _RUN_SPAN.search(text)
    if m and anchor:
        n = _number(m.group(1) or m.group(2) or m.group(3))
        if n > 1:
            return (anchor - n + 1, anchor)
    return None


def _averaged_over(text: str, context: Span | None, heading: Span | None) -> Span | None:
    """The years a yearly average runs over when its text names one year only: from the
    year a from-to starts at (``由2010年的77亿元增加到161亿元，年均增长8.4%``), else from
    the start of the headings' span that holds that year (``2016年，…年均增长8.5%`` in a
    review of 2012-2016), to the year in force; an average is never of one year."""
    if context is None:
        return None
    end = context[1]
    since = _FROM_YEAR.search(text)
    if since and int(since.group(1)) < end:
        return (int(since.group(1)), end)
    if heading and heading[0] < end <= heading[1]:
        return (heading[0], end)
    return None


#: The year a from-to starts at (``由2010年的``, ``从2010年``).
_FROM_YEAR = re.compile(r"(?:由|从|自)((?:19|20)[0-9]{2})年")


def _stated_range(text: str) -> Span | None:
    m = _RANGE.search(text)
    if m:
        return (int(m.group(1)), int(m.group(2)))
    m = _FROM_YEAR_TO.search(text)
    if m:
        return (int(m.group(1)), int(m.group(2)))
    return None


def _year_in(text: str, context: Span | None, report_year: int | None) -> Span | None:
    """The last year the text states as a time (not ``面向2030年的``, not in a title)."""
    if _YEAR_CHAR not in text:
        return None
    best: tuple[int, int] | None = None  # (position, year)
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        after = text[m.end() : m.end() + 2]
        if before.endswith(("面向", "迈向")):
            continue
        if after.startswith("的") and len(after) > 1 and not _NAMING_OF.match(after[1]):
            continue  # ``2030年的科技创新重大项目``: a year naming a thing, not a time
        best = (m.start(), int(m.group(1)))
    for m in _RELATIVE_RE.finditer(text):
        word = m.group(0)
        if word == "上年" and context:
            year = context[1] - 1
        elif word == "当年" and context:  # 占当年…: the year the text speaks of, not the report's
            year = context[1]
        elif report_year is None:
            continue
        else:
            year = report_year + _RELATIVE[word]
        if best is None or m.start() > best[0]:
            best = (m.start(), year)
    for m in _PAST_YEAR.finditer(text):
        if report_year and (best is None or m.start() > best[0]):
            best = (m.start(), report_year - 1)
    return (best[1], best[1]) if best else None


def _from_to(masked: str, c_start: int, start: int, end: int, context: Span | None,
             report_year: int | None) -> str | None:
    """``从A增至B`` / ``由A提高到B``: A is the level before the frame, B its end."""
    between = _since_from(masked, c_start, start)
    if between is None:
        return None  # no from-to: most clauses
    clause_end = clause_bounds(masked, start, end)[1]
    to = list(_TO.finditer(between))
    if to and _DIGIT.search(between, 0, to[-1].start()):
        year = _year_in(between[to[-1].end() :], context, report_year)
        if year:
            return _fmt(year)
        return str(context[1]) if context else None
    if not to and _TO.search(masked, end, clause_end):  # the from-end: A
        year = _year_in(between, context, report_year)
        if year:
            return _fmt(year)
        if context and _WITHIN_YEAR.search(between):
            return str(context[1])  # ``从上半年5.5%降到5.3%``: earlier in the same year
        return str(context[0] - 1) if context else None
    return None


def _since_from(masked: str, c_start: int, start: int) -> str | None:
    """The clause's text between its last 从/由 and the figure at ``start``; None when the
    clause has no 从/由 before the figure."""
    left = masked[c_start:start]
    if "由" not in left and "从" not in left:
        return None
    return left[list(_FROM.finditer(left))[-1].end():]


def inferred_from_end(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence[start:end]`` is the from-end of ``从A增至B`` whose year the text
    leaves unsaid (``经营主体从689万户增至951万户``, not ``从2010年的…``): the frame alone dates
    it, so a table names that year beside its label."""
    if "由" not in sentence[:start] and "从" not in sentence[:start]:
        return False  # most figures: no from-to before them
    masked = _clean(sentence)
    c_start, clause_end = clause_bounds(masked, start, end)
    between = _since_from(masked, c_start, start)
    return (between is not None and not _TO.search(between)  # the from-end, as _from_to reads it
            and _TO.search(masked, end, clause_end) is not None
            and not _YEAR.search(between) and not _WITHIN_YEAR.search(between)
            and not _RELATIVE_RE.search(between))


def _stated_base(sentence: str, c_start: int, start: int) -> Span | None:
    """``2025年总量比2020年增加…``, ``到2020年…比2010年翻一番``: a change over a base year
    up to a year the text states spans the two; None when no end year is stated (a change
    ``较2020年`` in a five-year review takes the review's span)."""
    base = _STATED_BASE.search(sentence, c_start, start) if "年" in sentence[c_start:start] else None
    if base is None:
        return None
    own = [int(y) for y in _END_YEAR.findall(sentence, c_start, base.start())]
    by = [int(y) for y in _BY_YEAR.findall(sentence, 0, c_start)]
    opening = [int(y) for y in _OPENING_YEAR.findall(sentence[:c_start])]  # 2007年，…比2002年
    end = (own or by or opening or [0])[-1]
    return (int(base.group(1)), end) if end > int(base.group(1)) else None


#: A comparison base year (``比2020年``) and a year the compared level is of (``2025年总量``,
#: ``到2020年``).
_STATED_BASE = re.compile(r"(?:比|较)((?:19|20)[0-9]{2})年")
_END_YEAR = re.compile(r"((?:19|20)[0-9]{2})年(?![底末以来份])")
_BY_YEAR = re.compile(r"到((?:19|20)[0-9]{2})年")
#: A year a sentence opens with as a clause of its own (``2007年，…``).
_OPENING_YEAR = re.compile(r"^((?:19|20)[0-9]{2})年(?:底|末)?[，,]")


def _comparison_base(sentence: str, start: int) -> int | None:
    """``是2011年的近7倍``: a multiple over a stated base year."""
    if "倍" not in sentence[start : start + 12]:
        return None
    m = _BASE_YEAR.search(sentence, max(0, start - 12), start)
    return int(m.group(1)) if m else None


#: A time phrase that opens a sentence and so frames what follows it (after an optional
#: address such as ``各位代表，`` or the dash of a list paragraph, ``——这五年…``).
_FRAME_PHRASE = (
    rf"(?:各位代表[，,！!：:]\s*)?(?:——|—|-{{1,2}})?\s*(?:[“\"]?(?:十[一二三四五六七八九]?|[三四五六七八九])五[”\"]?(?:时期|期间|以来)"
    rf"|(?:过去的?|近|这)?(?:{_SHORT_NUM})年(?:来|以来)|(?:过去的?|这|近)(?:{_SHORT_NUM})年"
    rf"|(?:刚刚)?过去的?一年|一年来|今明两年|今年|明年|新的一年|去年|(?:未来|今后)(?:{_SHORT_NUM})年"
    rf"|刚刚过去的(?:19|20)[0-9]{{2}}年|(?:19|20)[0-9]{{2}}年(?=是)"
    rf"|经过(?:{_SHORT_NUM})年|这是[^。！？，,；;]{{0,40}}的(?:{_SHORT_NUM})年(?=[。！？!?]|$)"
    rf"|回顾(?:过去的?)?(?:{_SHORT_NUM})年"
)
_YEAR_OPENING = (rf"|(?:从|自)?{_YEARS_SPAN}(?=[，,里])"
                 r"|(?:截至|截止)?(?:19|20)[0-9]{2}年(?:底|末)?(?:以来)?(?=[，,里])")
#: Mid-paragraph, a sentence opening with a stated year (``截至2015年底，``) dates that
#: sentence only; at a paragraph's opening it frames the paragraph.
_FRAME = _ClauseStarts.of("。！？!?；;", rf"\s*{_FRAME_PHRASE})")
_OPENS_FRAME = re.compile(rf"\s*{_FRAME_PHRASE}{_YEAR_OPENING})")
_COMING_SPAN = re.compile(rf"(?:未来|今后)({_SHORT_NUM})年")
_PAST_YEARS_LEAD = re.compile(rf"(?:经过|回顾|的)({_SHORT_NUM})年$")
_FIRST_SENTENCE = re.compile(r"[^。！？!?]*")
#: A five-year plan named as the document a paragraph presents (``我们编制了“十五五”规划纲要``,
#: ``编制了《…第十五个五年规划纲要（草案）》``); a plan merely mentioned (``同“十五五”规划目标
#: 衔接``) frames nothing.
_PLAN_DOCUMENT = re.compile(
    r"(?:编制|起草|制定|拟定)了[^，,。；;]{0,30}?(?:[“\"](?P<quoted>十[一二三四五六七八九]?|[三四五六七八九])五[”\"]"
    r"|第(?P<ordinal>十[一二三四五六七八九]?|[三四五六七八九])个五年)(?=规划)")
#: Frames that date one sentence rather than what follows the paragraph.
_LOCAL_FRAMES = ("今年", "去年", "明年")


def carried_frame(text: str, report_year: int | None) -> Span | None:
    """The frame a paragraph leaves in force after it: that of its last sentence opening
    with a time (a bare ``今年``/``去年`` dates only its own sentence), else None."""
    if _YEAR_CHAR not in text and _PLAN_CHAR not in text:
        return None  # every frame phrase names a year (年) or a plan (五)
    found = None
    for m in _FRAME.finditer(_clean(text)):
        phrase = m.group(0).lstrip("。！？!?；; ")
        if phrase.split("，")[-1].split("！")[-1] not in _LOCAL_FRAMES:
            found = phrase
    return _frame_of(found, report_year) if found else None


def _frame_of(phrase: str, report_year: int | None) -> Span | None:
    """The period a frame phrase names (``过去五年`` → the five years before the report)."""
    coming = _COMING_SPAN.search(phrase)
    if coming and report_year:
        return (report_year, report_year + _number(coming.group(1)) - 1)
    years = _PAST_YEARS_LEAD.search(phrase)
    if years and report_year and _number(years.group(1)) > 1:
        return (report_year - _number(years.group(1)), report_year - 1)
    return _span_in(phrase, None, report_year) or _year_in(phrase, None, report_year)


def opening_frame(text: str, report_year: int | None) -> Span | None:
    """The frame ``text`` (a paragraph) opens with: ``2025年是…``, ``过去一年，…``,
    ``这五年，…``, ``“十四五”时期是…``, or a plan its first sentence is about
    (``我们编制了“十五五”规划纲要（草案）``); None when it opens with no time."""
    m = _OPENS_FRAME.match(text)
    if m:
        return _frame_of(m.group(0), report_year)
    if _PLAN_CHAR not in text:
        return None  # a plan document is named by its 五
    first = _FIRST_SENTENCE.match(text)
    plan = _PLAN_DOCUMENT.search(first.group(0)) if first else None
    return plan_span(_number(plan["quoted"] or plan["ordinal"])) if plan else None


#: A paragraph that is really an unnumbered heading: short, no sentence end, naming the
#: part of the report it opens (``“十四五”时期工作回顾``, ``2026年工作安排``).
_HEADING_WORDS = ("回顾", "成就", "安排", "部署", "任务", "目标", "重点工作", "工作")
_HEADING_LINE = re.compile(rf"[^。！？!?；;，,]{{2,40}}(?:{'|'.join(_HEADING_WORDS)})")
#: The longest line _HEADING_LINE can match whole: a longer one is tried no further.
_HEADING_LINE_MAX = 40 + max(map(len, _HEADING_WORDS))


def heading_line_frame(text: str, report_year: int | None) -> Span | None:
    """The frame of a paragraph that is an unnumbered heading, else None."""
    line = text.strip()
    if len(line) > _HEADING_LINE_MAX or not _HEADING_LINE.fullmatch(line):
        return None
    return _heading_frame((line,), report_year)


def paragraph_frames(paragraphs: Sequence[tuple[Sequence[tuple[str, str]], str]],
                     report_year: int | None) -> list[Frame | None]:
    """The frame in force over each paragraph, walking the report in reading order.

    ``paragraphs`` gives, per paragraph, its section path as (id, title) pairs (outermost
    first) and its text. A heading naming a time (its first-named period when it names
    two: ``“十四五”时期和2025年工作回顾`` → 2021-2025), an unnumbered heading line or a
    sentence opening with a time (``这是…的五年。``, ``刚刚过去的2025年，``) sets the
    frame; it carries over the paragraphs below until the next one, across subsections
    that name no time."""
    frames: list[Frame | None] = []
    current: Frame | None = None
    outer: Span | None = None  # the headings' frame
    entered: set[str] = set()
    for path, text in paragraphs:
        for section_id, title in path:
            if section_id in entered:
                continue
            entered.add(section_id)
            heading = _heading_frame((title,), report_year)
            if heading is not None:
                current, outer = Frame(heading, False, heading), heading
        line = heading_line_frame(text, report_year)
        own = opening_frame(text, report_year)
        before = current
        if line is not None:
            current, outer = Frame(line, False, line), line
        elif own is not None:
            current = Frame(own, True, outer)
        frames.append(current)
        after = carried_frame(text, report_year)
        if after is not None and _frames_a_part(after):
            current = Frame(after, False, outer)
        elif current is not None and not _frames_a_part(current.span):
            current = before
        elif current is not None:
            current = Frame(current.span, False, outer)
    return frames


def _frames_a_part(span: Span) -> bool:
    """Whether a frame can head a part of the report (a year, or a plan's or review's five
    years and more); a shorter span (``近三年``, ``今明两年``) frames its own paragraph."""
    return span[0] == span[1] or span[1] - span[0] >= 4


def _paragraph_frame(sentence: str, paragraph: str, report_year: int | None) -> Span | None:
    """Time frame set by a sentence of the paragraph before this one."""
    pos = paragraph.find(sentence) if paragraph else -1
    if pos <= 0:
        return None
    frames = _frames_in(paragraph, report_year)
    before = bisect_right(frames.ends, pos)  # the frame phrases that end before it
    if not before:
        return frames.opening  # ``2023年，…。`` opens the paragraph
    return frames.spans[before - 1]


class _Frames(NamedTuple):
    """The frame phrases of a paragraph: where each ends, the frame each names, and the
    frame the paragraph opens with."""

    ends: list[int]
    spans: list[Span | None]
    opening: Span | None


@lru_cache(maxsize=4)
def _frames_in(paragraph: str, report_year: int | None) -> _Frames:
    """The frame phrases of ``paragraph``, read once for all its figures (cleaning and
    scanning the text before each figure again made a long paragraph quadratic)."""
    phrases = list(_FRAME.finditer(_clean(paragraph)))
    return _Frames([m.end() for m in phrases],
                   [_frame_of(m.group(0), report_year) for m in phrases],
                   opening_frame(paragraph, report_year))


@lru_cache(maxsize=256)
def _heading_frame(headings: tuple[str, ...], report_year: int | None) -> Span | None:
    """Frame of the innermost heading that names a year, a plan or 今年/过去一年."""
    for title in reversed(headings):
        text = _clean(title)
        found: list[tuple[int, Span]] = []
        m = _YEAR.search(text)
        if m:
            found.append((m.start(), (int(m.group(1)), int(m.group(1)))))
        pm = PLAN_NAME.search(text)
        plan = _plan(text)
        if pm and plan:
            found.append((pm.start(), plan))
        for word, delta in _RELATIVE.items():
            i = text.find(word)
            if i >= 0 and report_year:
                found.append((i, (report_year + delta, report_year + delta)))
        past = _PAST_YEAR.search(text)  # 过去一年的工作回顾
        if past and report_year:
            found.append((past.start(), (report_year - 1, report_year - 1)))
        for pattern in (_COMING_SPAN, _RECENT_SPAN, _PAST_SPAN):
            years = pattern.search(text)  # 今后五年的目标任务, 过去五年和2022年工作回顾
            named = _frame_of(years.group(0), report_year) if years else None
            if years and named and _number(years.group(1)) > 1:
                found.append((years.start(), named))
        span = _span_in(text, None, report_year)
        if span and not found:
            found.append((0, span))
        if found:
            return min(found)[1]
    return None
