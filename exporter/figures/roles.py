"""The ``role`` of a figure: ``result`` (achieved), ``target`` (a goal or plan) or None.

The contract (``spec/figures.md``): a figure reported as done is a result, a goal or plan
(预期目标, 要, 力争, 确保, 计划, 拟) is a target, and background that states no outcome of
the government's work (``14亿多人口``) has no role. The tense comes from the figure's own
period against the report's year — a period before it is reported as done, one from it on
is planned — so the same grammar that dates a figure also says what it is:

- a figure whose period ends before the report's year is a result, unless it names the
  goal that was set (``低于13%左右的预期目标``);
- a figure whose period starts or ends in the report's year or later is a target (a change
  over a base year up to a year ahead, ``到2035年比2020年翻一番``, too), except the level
  now in force that a plan raises (the X of ``由X提高到Y``), which has no role;
- a figure with no period takes the tense of the frame over it, and has no role without
  one; so does background: the size of a population, a workforce, a territory, the
  year's graduate cohort, the reach a project is described by, the leader's visits.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .clauses import clause_bounds, mask
from .indicators import load_catalogue

__all__ = ["is_background", "role_for"]

Span = tuple[int, int]

#: A goal named right after the figure: ``13%左右的预期目标``, ``5%的目标``.
_GOAL_AFTER = re.compile(r"^[^，,；;。]{0,3}?的?(?:预期|增长|发展|控制)?目标")
#: Words that report a goal as reached, so the goal figure is a result after all.
_REACHED = re.compile(r"完成|实现|达到|超过|突破|提前")
#: Background: the figure counts people, labour or land that the place simply has.
_BACKGROUND_NOUN = re.compile(
    r"^(?:多|余)?(?:的)?(?:人口|劳动力|受过|国土|陆地面积|常住人口|中国人|各族人民|人民(?!币))")
#: A share of the people (``超过一半人口``, ``60%的人口``) is an outcome, not their number.
_SHARE = re.compile(r"(?:[%％成半]|分之[一二三四五六七八九十]+)$")
_BACKGROUND_VERB = re.compile(r"新增|减少|增加|实现|解决|转移|脱贫|搬迁|培训|惠及|带动|落户|覆盖|吸纳|安置")
#: The level a plan raises from: ``由X提高到Y`` / ``从X增加到Y``, and each X of a list
#: raised item by item (``分别从209元、280元提高到217元、290元``).
_FROM = re.compile(r"[由从][^，,；;。0-9０-９]{0,12}(?:[0-9０-９.．]+[^，,；;。0-9０-９、]{0,4}、)*$")
_TO_AFTER = re.compile(r"^[^，,；;。]{0,12}?(?:提高|增加|增长|扩大|上调|提升|降低|下降|减少|缩小|压减)(?:到|至)")
_YEARS = re.compile(r"(?:19|20)[0-9]{2}")


def role_for(sentence: str, start: int, end: int, *, period: str | None,
             report_year: int | None, frame: Span | None) -> str | None:
    """Role of the figure ``sentence[start:end]`` whose period is ``period`` (``"2025"``,
    ``"2021-2025"`` or None) under the frame ``frame``; None for background or when no
    time places it."""
    if is_background(sentence, start, end):
        return None
    span = _span(period) or frame
    if span is None or report_year is None:
        return None
    if frame is not None and frame[0] >= report_year and _raised_from(sentence, start, end):
        return None
    if span[0] >= report_year or span[1] >= report_year:  # 到2035年比2020年翻一番: ends ahead
        return "target"
    if _GOAL_AFTER.search(mask(sentence)[end:]) and not _REACHED.search(
            _clause_left(sentence, start, end)):
        return "target"
    return "result"


#: Leaders' visits (``三次亲临四川视察``, ``两次来我省考察``): an honour, not work done;
#: so is what the country's leader did for the place (``3次亲临云南考察、4次回信``).
_VISITS = re.compile(r"^(?:亲临|莅临|亲自|专程|来|到|赴)[^，,；;。]{0,8}?(?:视察|考察|调研)")
_LEADER = re.compile(r"总书记")
_LEADER_ACTS = re.compile(r"^(?:亲临|莅临|亲自|专程|来|到|赴|参加|出席|回信|致信|致贺信|作出|视察|考察)")
#: A cohort the year brings (``今年高校毕业生795万人``): the noun alone before the figure.
_COHORT = re.compile(r"^(?:今年|明年|全年|预计)*(?:高校|应届|普通高校)?毕业生(?:人数|规模)?"
                     r"(?:将|预计|高)*(?:达|为)?$")


@lru_cache(maxsize=1)
def _population_before() -> re.Pattern[str]:
    """The population named as the subject of its own size (``全省常住人口8300万人``,
    ``年末户籍人口达到1.2亿``), with nothing but the jurisdiction and a link before it. Made
    on first use from the shipped catalogue's jurisdiction words, read there once."""
    catalogue = load_catalogue()
    words = sorted((*catalogue.prefixes, *catalogue.country), key=len, reverse=True)
    return re.compile("^(?:" + "|".join(words) + r")?(?:拥有|有|共有)?(?:常住|户籍|总)?人口"
                      r"(?:总数|总量|规模)?(?:为|达到?|约|超过)?$")


#: The reach a project is described by (``惠及3400万人的引大济岷工程``): an attribute of
#: the thing named after it, not an outcome.
_REACH = re.compile(r"(?:惠及|受益)$")


@lru_cache(maxsize=8)  # a figure's period and its role both ask, one after the other
def is_background(sentence: str, start: int, end: int) -> bool:
    """Whether the figure only states the size of a population, workforce or territory
    (``13亿多人口的发展中大国``, ``9亿多劳动力``), a cohort the year brings, the reach
    a project is described by or leaders' visits: not an outcome of anyone's work."""
    after = sentence[end:end + 12]
    if sentence.endswith("次", start, end) and (_VISITS.search(after) or (
            _LEADER_ACTS.search(after) and _LEADER.search(sentence, 0, start))):
        return True
    noun_after = _BACKGROUND_NOUN.search(sentence[end:end + 6]) is not None
    if not (noun_after or after.startswith("的") or sentence.find("毕业生", 0, start) >= 0
            or sentence.find("人口", 0, start) >= 0):
        return False  # no word any rule below needs: most figures, without reading the clause
    left = _clause_left(sentence, start, end)
    if ("毕业生" in left and _COHORT.search(left)) or (after.startswith("的")
                                                    and _REACH.search(left)):
        return True
    if "人口" in left and _population_before().search(left) and not _SHARE.search(
            sentence, start, end):
        return True  # 全省常住人口8300万人: the size of the people, named before it
    if not noun_after or _SHARE.search(sentence, start, end):
        return False  # 超过一半人口居住在城镇: a share of the people, not their number
    return not _BACKGROUND_VERB.search(left)


def _raised_from(sentence: str, start: int, end: int) -> bool:
    """Whether the figure is the X of ``由X提高到Y``: the level in force before a plan."""
    masked = mask(sentence)
    left = masked[:start]
    left = left[max(left.rfind(c) for c in "，,；;。") + 1:]
    return bool(_FROM.search(left) and _TO_AFTER.search(masked[end:]))


def _clause_left(sentence: str, start: int, end: int) -> str:
    c_start, _ = clause_bounds(sentence, start, end)
    return mask(sentence)[c_start:start]


@lru_cache(maxsize=64)
def _span(period: str | None) -> Span | None:
    years = [int(y) for y in _YEARS.findall(period or "")]
    return (years[0], years[-1]) if years else None
