"""The ``change`` of a figure: ``up``, ``down`` or None (``shared/spec/figures.md``).

A figure states a change when a change word governs it: a verb before it in its clause
(``农村贫困人口减少1109万``, ``降低企业税负5700亿元``, ``比去年增加2000亿元``), a rate
noun (``增速达14.1%``, ``涨幅3%左右``, ``降幅``), a doubling word (``翻番``), or a
verb after it (``按不低于5%的幅度压减``). A level reached is no change: ``提高到``,
``降至``, ``达到`` after a verb, and both ends of ``从X到Y``; nor is a gap to another rate
(``快于经济增速1个百分点``), nor a count of things upgraded (``改造提升农村公路2500公里``:
提升 is a rise only before a proportion or right before its figure, ``亩产提升10.1斤``).
``新增`` is ``up`` only right after the name of a stock (``铁路运营里程新增1700公里``); a
count of new things (``新增企业1200家``, ``城镇新增就业``) states no change.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .clauses import clause_before
from .qualifiers import LEAD_QUALIFIERS, TRAIL_QUALIFIERS, guarded_qualifier

__all__ = ["change_of", "change_word"]

#: Change words, each with its direction. Rate nouns (增速, 降幅 …) keep their direction
#: through a following 达/为; verbs do not (``增长…达到`` is a level).
_RATE_NOUNS = {"增速": "up", "增幅": "up", "涨幅": "up", "增长率": "up", "增长幅度": "up",
               "提高幅度": "up", "增量": "up", "降幅": "down", "下降幅度": "down", "降低率": "down"}
_VERBS = {"增长": "up", "提高": "up", "提升": "up", "增加": "up", "扩大": "up", "上涨": "up", "上升": "up",
          "上调": "up", "调增": "up", "下降": "down", "减少": "down", "降低": "down", "缩小": "down",
          "压减": "down", "压降": "down", "削减": "down", "回落": "down", "下调": "down", "调减": "down",
          "减轻": "down", "精简": "down", "减量": "down", "扩招": "up", "增产": "up", "减产": "down",
          "递增": "up", "递减": "down"}
_WORDS = {**_RATE_NOUNS, **_VERBS}
#: Every word that states a change, longest first (detection types a percentage after one as
#: a growth rate).
CHANGE_WORDS = tuple(sorted(_WORDS, key=len, reverse=True))
#: Change words that are also the middle of a longer word (新增产能: 新增 + 产能).
_SPELLED = {"增产": "(?<!新)增产(?!能)", "减产": "减产(?!能)"}
#: A change word, unless it starts a noun (增加值, 增长点, 增长极) or is the object of a
#: policy slogan (稳增长, 促增长, 保增长: the aim of a package, not a change it states).
_CHANGE = re.compile("(?<![稳促保])(?:" + "|".join(_SPELLED.get(w, w) for w in CHANGE_WORDS)
                     + r")(?![值点极])|比[^，,；;、]{1,12}?(?P<more>多|少)(?=[0-9０-９一二两三四五六七八九十百千万亿]|$)")
#: Between a verb and its figure, these make the figure a level reached or a level of
#: something else: 到/至 (提高到, 增长到2012年的), 达到, 为, or a 的-phrase/rate noun
#: after the verb (``经济增长贡献率60%``).
_LEVEL_AFTER_VERB = re.compile(r"到|至|达|为|是|的|率|占|比重|比例|水平|贡献|[高低快慢]于")
_LEVEL_AFTER_RATE = re.compile(r"到|至|[高低快慢]于")
#: 增长/下降 + 均为/达 still states the rate (``预期增长均为12%左右``); 到/至, a 为 right
#: after the verb (``下降为3%``) or a noun in between make a level.
_RATE_VERBS = frozenset({"增长", "下降", "上涨", "回落"})
_LEVEL_AFTER_RATE_VERB = re.compile(r"^为|到|至|的|率|占|比重|比例|水平|贡献|[高低快慢]于")
_NEW = re.compile(r"(?:新增|净增)(?:[了约近超逾达共计累计]|超过|突破|达到)*$")
#: Figures of a run before this one (``分别新增12项和``): the run shares the verb before it.
_LEAD = "|".join(guarded_qualifier(w) for w in sorted(LEAD_QUALIFIERS, key=len, reverse=True))
_TRAIL = "|".join(sorted(TRAIL_QUALIFIERS, key=len, reverse=True))
_RUN_BEFORE = re.compile(rf"(?:(?:{_LEAD})?[0-9０-９.．]+(?:多|余)?[万亿]*"
                         rf"[^\s、和及与，,；;0-9０-９]{{0,4}}?(?:{_TRAIL})?[、和及与])+$")
#: What may precede 新增 without naming a stock: jurisdiction, time and adverb words.
_NOT_A_STOCK = re.compile(r"^(?:全省|全市|全区|全县|全国|全年|今年|去年|当年|年内|累计|其中|共|"
                          r"另|还|再|又|已|将|要|力争|预计|计划|[0-9０-９]{4}年)*$")
#: A change verb right after the figure (``按5%的幅度压减``), unless it leads to a level
#: (``由2.9∶1缩小至…``: the figure is where the change started).
#: 新增 after a time unit counts new things per day or year (每天新增1.5万户): a rate.
_PER_TIME = re.compile(r"(?:每|日|月|年)(?:天|日|年|月|周)?均?$")
#: The things a count after 新增 names right after its measure word (``新增3项改革成果``).
_THINGS_AFTER = re.compile(r"[\u4e00-\u9fff]{2}")
#: A clause that states a stock's growth (``余额增长8.5%``), before a bare 新增 clause.
_GREW = re.compile(r"(?:增长|增加|上升)[0-9０-９.．]+[%％]?$")
_AFTER = re.compile(r"的?(?:高速|较快|快速|稳定|平稳|稳步|持续)?(?:幅度|比例|速度)?(?P<verb>压减|压降|削减|下降|降低|减少|缩小|增长|提高|增加|扩大"
                    r"|增速|增幅|涨幅|降幅)(?![到至为])")
#: Verbs that raise a proportion (``运力提升四成``, ``比重提升1.5个百分点``) but upgrade a
#: count of things (``改造提升农村公路2500公里``).
_UPGRADE_VERBS = frozenset({"提升"})
#: A measure before 提升 (``亩产提升10.1斤``, ``排名提升4位``): right before its figure, a
#: rise of it; after things (``农房风貌提升26.4万户``) the count of things upgraded.
_MEASURE_BEFORE = re.compile(r"(?:产|量|率|额|值|收入|排名|位次|水平|指数|寿命|年限|速度)$")
_PROPORTION = re.compile(r"(?:[%％成倍]|百分点|分之[一二三四五六七八九十]+)$")
#: 增量 (the increment) states the figure only right before it (``增量39.7亿斤``).
_RIGHT_AFTER = re.compile(r"(?:达到?|为|超过?|近|约|逾)?$")
#: A figure a rate noun can state: a percentage, points, tenths, a multiple, a fraction.
_RATE_FIGURE = re.compile(r"[%％成倍]|百分点|分之|翻")
#: Steps of a grade or rank (``指数提升2个等级``, ``排名提升3个位次``): a rise, as a proportion is.
_STEPS = re.compile(r"(?:等级|位次|档次|级)")
#: A comparison whose base is the rate noun that follows (``快于经济增速``, ``高于全国增速``).
_COMPARED = re.compile(r"[高低快慢]于[^，,；;、]{0,8}$")
#: Qualifiers of a level crossed (``超过7000亿元``): after a 、, a new item's own predicate.
_CROSSING = ("超过", "突破", "迈上", "跨上", "跨过", "跨越", "超", "逾")
#: A doubling word (翻番, 翻了一番, 翻倍, 倍增): a multiple, and a change.
DOUBLING = re.compile(r"翻[了一两二三四]*番|翻倍|倍增")


def change_of(sentence: str, start: int, end: int) -> str | None:
    """``up``, ``down`` or None for the figure ``sentence[start:end]``."""
    found = change_word(sentence, start, end)
    return found[0] if found else None


@lru_cache(maxsize=1024)
def change_word(sentence: str, start: int, end: int) -> tuple[str, str] | None:
    """(direction, the word that states it) for a figure that states a change, else None.
    The word is the one a label names the change by: the verb as written (减少, 新增),
    the rate noun (涨幅), 增加/减少 for ``比…多/少``, 翻番 for a doubling word."""
    if DOUBLING.search(sentence, start, end):
        return "up", "翻番"
    before = clause_before(sentence, start)
    found = None
    for found in _CHANGE.finditer(before):
        pass
    if found is not None:
        between = before[found.end():]
        if found["more"]:
            return ("up", "增加") if found["more"] == "多" else ("down", "减少")
        word = found.group()
        if "、" in between and sentence.startswith(_CROSSING, start):
            return None  # 收入增长2.3%、支出首次超过7000亿元: the next item's level, crossed
        if word in _RATE_NOUNS and _COMPARED.search(before, 0, found.start()):
            return None  # 快于经济增速1个百分点: a gap between two rates, not a change
        if word in _UPGRADE_VERBS and not (
                _PROPORTION.search(sentence, start, end) or _STEPS.match(sentence, end)
                or (_RIGHT_AFTER.match(between) and _MEASURE_BEFORE.search(before, 0, found.start()))):
            return None  # 改造提升农村公路2500公里: the things upgraded, not a rise (亩产提升10斤 is)
        if word in _RATE_NOUNS and word != "增量" and not _RATE_FIGURE.search(sentence, start, end):
            return None  # 围绕增速、结构、效率提出5项指标: a rate states only a rate
        if word == "增量" and not _RIGHT_AFTER.match(between):
            return None  # 占全国增量的1/4, 增量39.7亿斤、占全国23.6%: a share, not the increment
        level = (_LEVEL_AFTER_RATE if word in _RATE_NOUNS else
                 _LEVEL_AFTER_RATE_VERB if word in _RATE_VERBS else _LEVEL_AFTER_VERB)
        if not level.search(between) and not _NEW.search(between):
            return _WORDS[word], word
    bare = sentence[start:start + 1].isdigit()  # 新增1700公里、突破7000公里: a level after
    if new := _NEW.search(_RUN_BEFORE.sub("", before) if bare else before):
        stock = before[:new.start()].strip()
        if _THINGS_AFTER.match(sentence, end):
            return None  # 自贸试验区新增3项改革成果: a count of the new things named after it
        if len(stock) >= 2 and not _NOT_A_STOCK.match(stock) and not _PER_TIME.search(stock):
            return "up", new.group()[:2]
        previous = start - len(before) - 1  # the mark that ends the clause before, if any
        if not stock and previous >= 0 and _GREW.search(clause_before(sentence, previous)):
            return "up", new.group()[:2]  # 存款余额增长8.5%，新增4万亿元: the stock grew by it
        return None
    after = _AFTER.match(sentence, end)
    if after:
        return _WORDS[after["verb"]], after["verb"]
    if _BEATS.search(before) and _GOAL.match(sentence, end):
        return _goal_compared(sentence, start - len(before) - 1)
    return None


#: A goal a result is compared with (``增长11.3%，低于13%左右的预期目标``): the goal is
#: the same change as the result before it.
_BEATS = re.compile(r"(?:[高低快慢好]于|超过|超出|未达到?|达到)$")
_GOAL = re.compile(r"的?(?:预期|年度|全年)?目标")
_STATED_CHANGE = re.compile(r"(?P<word>" + "|".join(sorted(_WORDS, key=len, reverse=True))
                            + r")[了约近超逾达]*[0-9０-９.．]+(?:[%％]|个?百分点)$")


def _goal_compared(sentence: str, clause_end: int) -> tuple[str, str] | None:
    """The change of the result stated at the end of the clause before a compared goal."""
    if clause_end <= 0:
        return None
    stated = _STATED_CHANGE.search(clause_before(sentence, clause_end))
    return (_WORDS[stated["word"]], stated["word"]) if stated else None
