"""Find the figures of one sentence: numeral, unit, qualifier, kind, value.

One compiled pattern (possessive quantifiers, no nested repetition, so it runs in
linear time on any input) proposes every numeral with the qualifier words and unit
around it; the rules of ``shared/spec/figures.md`` then keep or drop each proposal by
its context: years, dates and durations have no measure word; names show themselves
by Latin letters, quotes, 第/首 and meeting words, programme and policy names by what
follows the count (``30件民生实事``, ``五项原则``); enumeration labels count the
items listed just before them (or, in the paragraph, the 一是…N是 items after them:
:func:`announces_items`); thresholds sit between a metric and the counted noun;
ages and class sizes (``65岁以上老年人``, ``30万吨级``) name a group. A range
(``5%—5.5%``) is one figure with its upper end in ``value_high``; a ratio ``2.52∶1`` has
unit ``∶1``; in a 分别 list the earlier numbers take the unit the last one states; and
each figure's ``change`` is read by :mod:`.change`.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .change import CHANGE_WORDS, change_of
from .clauses import clause_before
from .numerals import (
    CN_NUMERAL_CHARS,
    SCALES,
    parse_fraction,
    scaled_value,
    split_scale,
    to_half_width,
)
from .qualifiers import LEAD_QUALIFIERS, TRAIL_QUALIFIERS, guarded_qualifier

# --- units --------------------------------------------------------------------------

#: Currencies: a figure in one of these is an amount of money.
CURRENCIES = ("元", "美元", "欧元", "港元", "日元", "英镑")

#: Physical units: a figure in one of these is a measured quantity.
PHYSICAL = ("吨标准煤", "千克标准煤", "千瓦时", "千伏安", "千瓦", "平方公里", "平方千米", "平方米", "立方米",
            "公里", "公顷", "微克每立方米", "微克/立方米", "吨", "公斤", "千克", "斤", "亩次", "亩", "标准箱", "标箱",
            "岁", "方", "度", "重量箱")

#: Computing power, written in Latin letters right after the number (``1.3万PF``, ``5EFLOPS``).
COMPUTING = ("EFLOPS", "PFLOPS", "TFLOPS", "EF", "PF", "P")

#: Measure words of counts. Each maps to the characters that, right after it, show
#: the character starts a noun instead (个人, 项目, 家庭, 部门 …).
COUNTERS: dict[str, str] = {
    "人次": "", "场次": "", "架次": "", "车次": "", "批次": "", "户次": "", "家次": "",
    "辆次": "", "艘次": "", "人份": "",
    "个": "人体性税月", "项": "目", "家": "庭电长属族居园具", "人": "口民才员均文工类事力群们身心生",
    "位": "于置居列数", "件": "", "起": "来步草点始", "辆": "", "条": "件例款约", "批": "准复示评",
    "所": "得有在属谓需", "种": "植子类业", "次": "序要数", "期": "间末初内刊限货望待",
    "名": "称单义牌片录", "户": "籍口型", "套": "餐", "间": "隔", "座": "谈", "部": "门分署长委",
    "台": "湾阶", "张": "", "场": "所景地馆", "列": "入为举", "对": "外接口象于比话标照策应待",
    "轮": "胎", "类": "似别型", "处": "理于置罚", "头": "部", "只": "有要是能", "篇": "",
    "册": "", "本": "地部土科", "份": "额", "例": "如外", "宗": "旨教", "笔": "", "支": "持付出撑",
    "艘": "", "架": "构", "枚": "", "颗": "", "株": "", "棵": "", "栋": "", "幢": "", "片": "区",
    "块": "", "头只": "", "口": "岸径罩号碑味感语腔子粮袋之述头", "门": "槛户类", "轮次": "",
    "人年": "度", "户数": "", "天": "", "小时": "", "届": "", "班次": "", "年": "",
}
#: 届 counts events only right after the verb that holds them (举办4届南博会, or a later
#: item of its 、-run); elsewhere N届 is an ordinal (二十届四中全会, 十三届人大).
_HOSTED = re.compile(r"(?:举办|承办|主办|举行|办好)了?(?:[^，,；;。]*、)?$")
#: Days and hours are measured, not a duration, only where the clause names a count of days
#: or a time measured (优良天数增加13天, 平均待泊时间减少8.9小时, 平均居住83天).
_MEASURED_TIME = re.compile(r"天数|时间|时长|平均")
#: Years are measured only as a length the clause names (平均受教育年限提高到10.8年); any
#: other N年 is a date or a duration.
_MEASURED_YEARS = "年限"

#: Place names that start with a numeral and a measure word (``catalogues/places.toml``).
_NUMERAL_PLACES = tuple(tomllib.loads(
    (Path(__file__).resolve().parent.parent / "catalogues" / "places.toml").read_text(encoding="utf-8")
)["numeral_places"])

#: ``九成``: tenths, a share (0.9) like a fraction.
_TENTHS = {"两": 0.2, "二": 0.2, "三": 0.3, "四": 0.4, "五": 0.5, "六": 0.6, "七": 0.7, "八": 0.8,
           "九": 0.9, **{str(n): n / 10 for n in range(1, 10)}}


#: Words that, right after a measure word, make it part of another word: a duration in
#: other units (``8个季度``), ``三次产业`` (the three sectors), 方 as a side or way.
_WORD_STOPS: dict[str, tuple[str, ...]] = {
    "个": ("季度", "工作日", "小时", "星期", "周"), "次": ("产业",),
    "方": ("面", "式", "案", "向", "针", "法", "位", "略", "便", "言", "阵", "舱"),
}


#: Stops that are patterns of their own: 所以 is a conjunction, but 50所以上 a count.
_PATTERN_STOPS: dict[str, tuple[str, ...]] = {"所": ("以(?![上下内])",)}


def _alternation(words: dict[str, str]) -> str:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        stops = [f"[{words[word]}]"] if words[word] else []
        stops += [re.escape(w) for w in _WORD_STOPS.get(word, ())]
        stops += list(_PATTERN_STOPS.get(word, ()))
        parts.append(re.escape(word) + (f"(?!{'|'.join(stops)})" if stops else ""))
    return "|".join(parts)


#: Base units that name a unit written in a short form: 方 is a cubic metre.
_BASE_UNITS = {"方": "立方米", "度": "千瓦时"}

_UNITS: dict[str, str] = {**{w: "" for w in CURRENCIES + PHYSICAL}, **COUNTERS}
_UNIT_RE = _alternation(_UNITS)
_COMPUTING_RE = "|".join(sorted(COMPUTING, key=len, reverse=True)) + "(?![A-Za-z0-9])"

# --- the pattern ----------------------------------------------------------------------

_DIGIT = "0-9０-９"
_DIGIT_CHARS = "0123456789０１２３４５６７８９" + CN_NUMERAL_CHARS
#: A compound numeral carries a smaller digit group after its scale (``1万6千``,
#: ``3亿2000万``); 千 before 瓦/克/米 starts a unit instead. ``8千亿`` is 8000亿.
_ARABIC = (r"[1-9]千(?=万|亿)(?:万亿|亿|万)|"
           rf"[{_DIGIT}]++(?:,[0-9]{{3}}(?![0-9]))*+(?:[.．][{_DIGIT}]++)?+"
           r"(?:(?:万亿|亿|万)(?:[0-9]++(?:[千百](?![瓦克米伏])|万)(?![0-9]))?+)?+")
#: A Chinese numeral is read from the start of its run only (the look-behind), so a long
#: run costs one attempt, not one per character.
_CHINESE = f"(?<![{CN_NUMERAL_CHARS}])[{CN_NUMERAL_CHARS}]++"
_NUM = f"(?:{_ARABIC}|{_CHINESE})"
#: Qualifiers that cross a threshold: they qualify an amount, never the count of steps.
_CROSSING = frozenset({"迈上", "跨上", "跃上", "跨过", "迈过", "跨越"})
#: 上 qualifies only a bare scale or hundred/thousand (``上亿人``, ``上千万``, ``上万支``);
#: 跨过 and 迈过 only an amount (``跨过3万亿元``), not the count of thresholds (``跨过两个
#: 万亿元大关``) nor a mark with no unit (``迈过千亿大关``).
_ONLY_BEFORE = {"上": "[百千万亿]", "跨过": "[0-9０-９]", "迈过": "[0-9０-９]"}
_LEAD_RE = "|".join(
    guarded_qualifier(w) + (f"(?={_ONLY_BEFORE[w]})" if w in _ONLY_BEFORE else "")
    for w in sorted(LEAD_QUALIFIERS, key=len, reverse=True)
)

#: What must follow a Chinese numeral for it to be a figure: a unit, %, 个百分点 or 倍
#: (after an optional 多/余 and scale). A bare one (一体化, 十四五) is never one, so it is
#: not proposed at all.
_CN_UNIT_AHEAD = f"[余多]?+(?:万亿|亿|万)?+(?:[%％‰]|个?百分点|倍|{_UNIT_RE})"
#: Every figure starts with one of these: a qualifier's first character or a numeral's.
#: The characters a figure's core opens with: a digit or a Chinese numeral, or the 翻, 倍
#: or 半 of a doubling or a half.
_CORE_FIRST = _DIGIT_CHARS + "翻倍半"
_FIRST = "".join(sorted({w[0] for w in LEAD_QUALIFIERS} | set(_CORE_FIRST)))
#: Marks between the two ends of a range (``5%—5.5%``, ``6%－6.5%``, ``2至3家``,
#: ``0.5到1个百分点``); after 从/由 the two numbers are the ends of a from-to instead.
_DASHES = "-—–~～至到－"
PATTERN = re.compile(
    rf"(?=[{_FIRST}])"
    rf"(?P<lead>{_LEAD_RE})?+"
    r"(?:"
    r"(?P<double>翻了?[一两二三四]番|翻番|翻倍(?!计划|行动|工程)|倍增(?![\u4e00-\u9fff]))"
    r"|(?P<half>一半|半数|(?<=[过超])半(?![年导小月天径岛日程场价]))"
    r"|(?P<tenths>(?<![零〇一二两三四五六七八九十0-9.])[两二三四五六七八九1-9]成(?![不立员功果本效就绩熟长型品套批分份交都为]))"
    rf"|(?P<frac>(?:{_NUM}|百)分之{_NUM}(?:点[零〇一二三四五六七八九]+)?|(?<![0-9./])[1-9][0-9]?/[1-9][0-9]{{0,2}}(?![0-9./]))"
    rf"|(?:(?<![从由])(?P<lo>{_NUM})(?P<lopct>[%％‰]|个?百分点|{_UNIT_RE})?+(?P<dash>[{_DASHES}])(?=[{_DIGIT}零一二两三四五六七八九十]))?+"
    rf"(?P<num>{_ARABIC}|{_CHINESE}(?={_CN_UNIT_AHEAD}|(?(lead)(?<=[万亿])|(?!))))"
    r"(?P<mid>[余多])?+"
    r"(?P<scale>(?<=[余多])(?:万亿|亿|万))?+"
    r"(?:(?P<pct>[%％‰])|(?P<pts>个百分点|百分点)|(?P<mul>倍)"
    r"|(?P<ratio>[∶:：]1(?![0-9０-９.．∶:：]))"
    rf"|(?P<compute>(?<=[0-9万亿])(?:{_COMPUTING_RE}))"
    rf"|(?P<unit>{_UNIT_RE})(?P<alt>[(（](?:{_UNIT_RE})[)）]|/(?:{_UNIT_RE}|年|月|天|日))?+)?+"
    r")"
    r"(?P<trail>以上|左右|以内|以下|上下|还多|多)?+"
)

#: A character every match of PATTERN holds: a digit or a Chinese numeral (of the number,
#: a tenths share or a fraction), or the 翻, 倍 or 半 of a doubling or a half; every
#: match opens with one, or with a lead qualifier right before one.
_NUMERAL_CHAR = re.compile(f"[{_CORE_FIRST}]")
_LONGEST_LEAD = max(map(len, LEAD_QUALIFIERS))
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚα-ωΑ-Ω]")
_QUOTED = re.compile(r"“[^“”]{0,20}”|‘[^‘’]{0,20}’|「[^「」]{0,20}」|《[^《》]{0,60}》|\"[^\"]{0,20}\"")
#: A change word, or a word of a yearly or year-on-year rate, before a percentage: a growth.
#: 增量 names an increment, an amount, so a share after it stays a share (增量…、占全国23.6%).
_GROWTH = re.compile("|".join((*(w for w in CHANGE_WORDS if w != "增量"), "年均", "同比", "递增")))
#: A ratio written as a bare number after 比/倍差, alone or as either end of a from-to
#: (``收入比降至2.2``, ``收入倍差从2.42缩小至2.12``).
_RATIO_LEAD = re.compile(r"(?:比|倍差)(?:从|由|(?:从|由)[0-9.]+(?:缩小|下降|降低|提高|提升)?(?:到|至|为))?"
                         r"(?:为|是|达|达到|降至|降到|缩小至|缩小到|缩小为|下降至|下降到)?$")
_RATIO_TO = re.compile(r"(?:缩小|下降|降低|提高|提升|扩大)?(?:到|至|为)[0-9]")
#: A qualifier before the per-unit denominator of a rate (``抽检量超每千人6.6批次``).
_PER_UNIT_LEAD = re.compile(r"(?P<word>超过|不低于|不少于|不超过|不足|超|近|约)每[十百千万亿]*(?:人口|人|户|平方公里)$")
#: 每 before a change verb makes the figure a unit step (``每增长1个百分点``, ``每提高1度``).
_PER_STEP = re.compile(r"每(?:增长|提高|增加|下降|降低|减少|上升)$")
#: A birth policy named by the children it allows (``一对夫妇可生育两个孩子``).
_CHILDREN_ALLOWED = "生育"
#: A sampling rate that names a survey (``1%人口抽样调查``).
_SURVEY = re.compile(r"(?:人口)?抽样调查")
_MEETING = re.compile(r"次(?:全会|全体会议|会议|代表大会|党代会)")
_DOCUMENT = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:意见|措施|规定|办法|细则|条例)")
#: A number with no unit, or only the start of the next one's unit, before 、 (see
#: _elided_units).
_ELIDED = re.compile(r"(?<![0-9０-９.．])(?P<num>[0-9０-９]+(?:[.．][0-9０-９]+)?)(?P<part>万|亿|个|)[、和]$")
#: What stands right before a bound that names a class of things (``首个超百亿元水利工程``,
#: ``双超万亿元城市``): a measure word or 双, not a verb or subject the amount is of.
_CLASS_LEAD = re.compile(r"(?:[个座家批条所]|双)$")
#: 8个产业规模超千亿元, 191家企业营收超百亿元: a bound each counted thing passes (out),
#: unlike 810个项目完成投资10428亿元, a total of them (in).
_THRESHOLD_LEADS = ("超过", "超", "突破", "过", "迈上", "跨上")
#: A bare scale after a count bounds the class from below or above (``1个经济总量近千亿``);
#: 近 before an amount in money more often states a total (``完成投资近1万亿元``).
_BARE_BOUND_LEADS = (*_THRESHOLD_LEADS, "接近", "近")
#: A verb of a total the counted things reach together (``211个项目完成投资超800亿元``): the
#: amount is their sum, not a bound each passes.
_TOTAL_DONE = re.compile(r"完成|实现|带动|拉动|撬动|累计")
_COUNTED_GAP = re.compile(r"[\u4e00-\u9fff]{1,12}")
#: A bound in people or households before the places it classes (``20万以上人口县``,
#: ``50万以下人口城市``, ``20户以上自然村``).
_PLACE_CLASS = re.compile(r"(?:人口|常住人口)?的?(?:自然村|行政村|县|城市|市|镇|村)(?![民长委级域])")
_CLASS_BOUND = re.compile(r"及(?:以上|以下)[\u4e00-\u9fff]")
_CLASS_GAP = re.compile(r"的[\u4e00-\u9fff（）()、]{1,8}?(?:已经|已|共)?(?:达到?|有|为|增至|增加到|升至|提高到)"
                        r"|[\u4e00-\u9fff]{1,4}")
_NUMBER_PARTS = frozenset("0123456789０１２３４５６７８９.．,%％")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LIST_SEPARATOR = re.compile(r"[、和与及]")
_PARALLEL_PAIR = re.compile(r"([\u4e00-\u9fff])[\u4e00-\u9fff]\1[\u4e00-\u9fff]$|"
                            r"[\u4e00-\u9fff]([\u4e00-\u9fff])[\u4e00-\u9fff]\2$")
_PEOPLE = re.compile(r"户|人|群众|居民|职工|学生|劳动力|农民|村民|市民|游客|旅客|儿童|老人")


@dataclass
class Found:
    """One figure of a sentence, before ids, metric and period are attached."""

    text: str
    number: str
    value: float
    unit: str
    base_value: float
    base_unit: str
    qualifier: str
    kind: str
    start: int
    end: int
    value_high: float | None = None
    base_value_high: float | None = None
    change: str | None = None


def find_figures(sentence: str) -> list[Found]:
    """Every figure of ``sentence`` in reading order (offsets relative to it)."""
    first = _NUMERAL_CHAR.search(sentence)
    if first is None:
        return []  # half the sentences: no numeral, so no scan of the whole pattern
    # A figure starts with its numeral or a qualifier just before it: scan from there.
    matches = list(PATTERN.finditer(sentence, max(0, first.start() - _LONGEST_LEAD)))
    if not matches:
        return []  # most sentences: no quotes to find, nothing to drop or complete
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]
    found = [f for match in matches for f in _read(sentence, match, quoted)]
    kept = _shared_qualifiers(sentence, _elided_units(sentence, _drop_thresholds(sentence, found)))
    for figure in kept:
        figure.change = change_of(sentence, figure.start, figure.end)
    return kept


def _read(sentence: str, m: re.Match[str], quoted: list[tuple[int, int]]) -> Iterator[Found]:
    lead, double, half, frac, tenths = m.group("lead", "double", "half", "frac", "tenths")
    lead = lead or ""
    qualifier = LEAD_QUALIFIERS.get(lead, "exact")
    core_start = m.start() + len(lead)
    if quoted and any(a <= core_start and m.end() <= b for a, b in quoted):
        return
    if double:
        word = double
        times = {"一": 2.0, "两": 4.0, "二": 4.0, "三": 8.0, "四": 16.0}.get(word[-2], 2.0)
        qualifier = _merge(qualifier, TRAIL_QUALIFIERS.get(m["trail"] or "", "exact"))
        yield _make(sentence, m, lead, word, m.start("double"), times, "倍", times, "times",
                    qualifier, "multiple")
        return
    if half or frac or tenths:
        word = half or frac or tenths
        value = (0.5 if half else _slash_fraction(word) if "/" in word
                 else parse_fraction(to_half_width(word)) if frac else _TENTHS[word[0]])
        if value is None or value >= 1 or _prefix_blocks(sentence, core_start, chinese=True):
            return
        if not lead:
            lead, qualifier = _distant_about(sentence, core_start)
        qualifier = _merge(qualifier, TRAIL_QUALIFIERS.get(m["trail"] or "", "exact"))
        yield _make(sentence, m, lead, word, core_start, value, "ratio", value, "ratio",
                    qualifier, "share")
        return
    yield from _read_number(sentence, m, lead, qualifier, core_start, quoted)


def _slash_fraction(word: str) -> float:
    """``1/4`` as 0.25 (the pattern admits only digits on either side of the slash)."""
    numerator, denominator = word.split("/")
    return int(numerator) / int(denominator)


def _read_number(sentence: str, m: re.Match[str], lead: str, qualifier: str,
                 core_start: int, quoted: list[tuple[int, int]]) -> Iterator[Found]:
    number, lo, pct, pts, mul, named_unit, later_scale, ratio, compute = m.group(  # one call
        "num", "lo", "pct", "pts", "mul", "unit", "scale", "ratio", "compute")
    chinese = not number[0].isdigit()  # str.isdigit takes full-width digits too
    start = m.start("lo") if lo else m.start("num")
    stated = pct or pts or mul or named_unit or later_scale or ratio
    ratio_from = (not chinese and _RATIO_TO.match(sentence, m.end()) is not None
                  and _RATIO_LEAD.search(clause_before(sentence, start)) is not None)
    if not (stated or compute or ratio_from) and (
            chinese or _CJK.match(sentence, m.end())) and not split_scale(number)[1]:
        return  # no unit, no scale: a year (2015年), a name (一体化) or a comparison (比2015年)
    if _prefix_blocks(sentence, start - len(lead) if lead else start, chinese=chinese):
        return
    if not compute and (_LATIN.match(sentence, m.end("num"))
                             or (start and _LATIN.match(sentence, start - 1))):
        return
    if start and not lead and sentence[start - 1] in _NUMBER_PARTS:
        return  # the tail of a malformed number (1.2.3, 5%.5): no figure
    if _PER_STEP.search(sentence, max(0, start - 4), start):
        return  # 每增长1个百分点的增量: a unit step of a rule of thumb, not a quantity
    parsed = scaled_value(number)
    if parsed is None:
        return
    value, scale = parsed
    bare_scale = scale != "" and split_scale(number)[0] == number  # 万亿, 亿: no digit
    mid = m["mid"] or ""
    if later_scale:  # 4万多亿元: the numeral before 多 counted in the scale after it
        value, scale = value * SCALES.get(scale, 1), later_scale
    measure = named_unit or ""
    trail = m["trail"] or ""
    end = m.end()
    if trail == "多" and measure:
        trail, end = "", end - 1  # 多 after a measure word starts the next word (个多月)
    if mid == "多" and not (later_scale or measure or mul):
        trail, mid = "多", ""
    qualifier = _merge(qualifier, TRAIL_QUALIFIERS.get(mid, "exact"),
                       TRAIL_QUALIFIERS.get(trail, "exact"))
    if not lead and (per := _PER_UNIT_LEAD.search(sentence, max(0, start - 12), start)):
        qualifier = _merge(LEAD_QUALIFIERS[per["word"]], qualifier)  # 超每千人6.6批次

    if pct or pts:
        unit = pct or pts
        unit = "%" if unit == "％" else unit
        if scale or _SURVEY.match(sentence, end):
            return  # 1%人口抽样调查: the survey's name, not a share
        kind = "points" if pts else (
            "growth" if _GROWTH.search(clause_before(sentence, start)) else "share")
        base, base_unit = value / (1000 if unit == "‰" else 100), "ratio"  # ‰: per mille
    elif mul:
        if scale:
            return
        unit, base, base_unit, kind = "倍", value, "times", "multiple"
    elif ratio:
        if scale:
            return
        unit, base, base_unit, kind = "∶1", value, "times", "ratio"
    elif compute:
        unit, base_unit, kind = scale + compute, compute, "quantity"
        base = value * SCALES[scale] if scale else value
    elif measure:
        if bare_scale and scale != "万亿" and not lead:
            return
        if chinese and not _chinese_count_ok(sentence, m, value, scale, measure, start):
            return
        if lead in _CROSSING and measure in COUNTERS:  # 迈上4个万亿元台阶: steps counted
            lead = ""
            qualifier = _merge(TRAIL_QUALIFIERS.get(mid, "exact"), TRAIL_QUALIFIERS.get(trail, "exact"))
        if chinese and number[0] in "百千" and not (lead or mid) and _CJK.match(sentence, end):
            return  # 千万吨原油, 百万吨煤制芳烃: a round size naming a class of plant
        if measure in ("方", "度") and not scale:
            return  # 三方, 双方: sides; 方 (cubic metre) and 度 (kWh) only after 万 or 亿
        if measure == "岁" and (lo or _CJK.match(sentence, end)):
            return  # an age that names a group (65岁以上老年人, 0—6岁儿童)
        before = clause_before(sentence, start)
        if measure in ("天", "小时") and not _MEASURED_TIME.search(before):
            return  # 用90天建成, 24小时开放: a duration; 优良天数281天 counts days
        if measure == "年" and _MEASURED_YEARS not in before:
            return  # 2025年, 5年内, 连续3年: dates and durations
        if measure == "届" and (chinese or not _HOSTED.search(before)):
            return  # 成功举办十四届全运会: an event's ordinal, written in words
        if not scale and _enumeration(sentence, before, value, m.end(), chinese=chinese):  # 2万户: an amount
            return
        if measure == "条" and _DOCUMENT.match(sentence, m.end("unit")):
            return
        if measure in ("件", "项", "类") and _named_count(sentence, start, m.end("unit")):
            return
        if chinese and sentence.startswith(_NUMERAL_PLACES, start):
            return  # 三门峡, 七台河: a place named with a numeral
        if chinese and _IDEAS.match(sentence, m.end("unit")):
            return  # 和平共处五项原则, 三人篮球: ideas or a sport counted in a name
        if measure == "所" and _LATIN.match(sentence, m.end("unit")):
            return  # 608所AES100发动机: a numbered institute named before its product
        if measure == "个" and sentence.startswith("孩", m.end("unit")) and sentence.endswith(
                _CHILDREN_ALLOWED, 0, start):
            return  # 可生育两个孩子: the number of children a birth policy allows
        alt = m["alt"] or ""
        unit = scale + measure + alt
        base_unit = _BASE_UNITS.get(measure, measure) + alt
        base = value * SCALES[scale] if scale else value
        kind = ("amount" if measure in CURRENCIES else
                "quantity" if measure in PHYSICAL else
                "rate" if "每" in before else "count")
    elif scale:
        if ((chinese or bare_scale) and not lead) or (
                end < len(sentence) and sentence[end] in _NUMBER_PARTS):
            return
        unit, base = scale, value * SCALES[scale]
        base_unit = _counted_noun(sentence, start, m.end())
        kind = "count"
    else:
        if chinese or not _RATIO_LEAD.search(clause_before(sentence, start)):
            return
        if _CJK.match(sentence, m.end()) and not ratio_from:
            return  # 比2015年, 比上年: a comparison, not a ratio
        unit, base, base_unit, kind = "", value, "times", "ratio"

    low_unit = (m["lopct"] or "").replace("％", "%")
    same_unit = not low_unit or low_unit == unit or low_unit == measure
    low = _range_low(lo, scale, value) if lo and same_unit else None
    if low is None:
        if lo and (alone := PATTERN.match(sentence, m.start("lo"), m.start("dash"))):
            yield from _read(sentence, alone, quoted)  # 提高0.5个百分点至62%: two figures
        yield _make(sentence, m, lead, number, m.start("num"), value, unit, base, base_unit,
                    qualifier, kind, end=end, text_start=m.start("num") if lo else None)
        return
    figure = _make(sentence, m, lead, lo, m.start("lo"), low, unit,
                   low * base / value if value else 0.0, base_unit, "between", kind, end=end)
    figure.value_high, figure.base_value_high = value, _clean(base)
    yield figure


def _range_low(low: str, scale: str, high: float) -> float | None:
    """The lower end of a range (``5%—5.5%``, ``2—3家``, ``2万—3万人``) as a value in the
    unit the upper end states; None when the two ends do not make a range (another
    scale, or a lower end above the upper one)."""
    parsed = scaled_value(low)
    if parsed is None:
        return None
    value, low_scale = parsed
    if (low_scale and low_scale != scale) or value > high:
        return None
    return value


def _clean(value: float) -> float:
    """``value`` rounded to 12 significant digits: 1579.5 × 10⁸ is 157950000000, not
    157950000000.00002."""
    if value.is_integer() and -1e12 < value < 1e12:
        return value  # twelve digits hold it exactly: formatting would give it back
    return float(f"{value:.12g}")


def _make(sentence: str, m: re.Match[str], lead: str, number: str, number_start: int,
          value: float, unit: str, base: float, base_unit: str, qualifier: str, kind: str,
          *, end: int | None = None, text_start: int | None = None) -> Found:
    end = m.end() if end is None else end
    if text_start is not None:
        start = text_start
    elif lead and sentence.startswith(lead, number_start - len(lead)):
        start = number_start - len(lead)
    else:
        start = sentence.rfind(lead, 0, number_start) if lead else number_start
    return Found(text=sentence[start:end], number=number, value=_clean(value), unit=unit,
                 base_value=_clean(base), base_unit=base_unit, qualifier=qualifier, kind=kind,
                 start=start, end=end)


def _merge(*qualifiers: str) -> str:
    """The first qualifier that says more than ``exact``."""
    for qualifier in qualifiers:
        if qualifier != "exact":
            return qualifier
    return "exact"


def _prefix_blocks(sentence: str, start: int, *, chinese: bool) -> bool:
    """Ordinals (第3, 首), per-unit denominators (每万人), ranks (前10) and, before a
    Chinese numeral, vague words (几千万, 数十) make the numeral no figure."""
    if start == 0:
        return False
    before = sentence[start - 1]
    if before in "第首每前满":
        return True
    return chinese and before in "几数上好届十第"


def _chinese_count_ok(sentence: str, m: re.Match[str], value: float, scale: str,
                      measure: str, start: int) -> bool:
    """A count written in Chinese numerals is a figure unless it is the article 一,
    a bare 千/百 (千家万户), a meeting name (八次全会) or a fixed heading (四个方面)."""
    number = m["num"]
    if value in (0, 1) and not scale:
        return False  # the article 一 (一个, 一批), 零 words (零部件, 零就业)
    if number == "二" or (measure == "期" and number != "两"):
        return False  # cardinal 2 is 两: 二期, 二类, 三期 (工程) are ordinals (phases)
    if start >= 2 and sentence[start - 2] in CN_NUMERAL_CHARS:
        return False  # one part of a numbered name: 四级三类, 一区十六园, 两免一补
    if measure in ("项", "条") and _DOCUMENT.match(sentence, m.start("unit") + 1):
        return False  # a policy document named by its count: 八项规定
    if number[0] in "百千" and not scale and not m["lead"] and not (m["mid"] or m["trail"]):
        return False  # 千家万户; 近千人, 逾百家, 上千家 and 百余项 are counts
    if measure == "次" and _MEETING.match(sentence, m.start("unit")):
        return False
    following = sentence[m.end("unit"):m.end("unit") + 2]
    return not following.startswith(("方面", "：", ":"))


#: Counts that are names: the year's livelihood programme (``30件民生实事``, ``20项重点民生
#: 实事``, ``12类45件民生实事``), the national plan's list (``国家102项重大工程``) and
#: sports (``铁人三项``, ``十项全能``).
_PROGRAMME_AFTER = re.compile(r"(?:[0-9０-９]+[件项])?(?:重点)?(?:民生|惠民)实事|全能")
#: Nouns that, after a count in Chinese numerals, make it a name: principles, political
#: formulas (``两个大局``, ``四个意识``) and team sports (``catalogues/ideas.toml``).
_IDEAS = re.compile("|".join(sorted(tomllib.loads(
    (Path(__file__).resolve().parent.parent / "catalogues" / "ideas.toml").read_text(encoding="utf-8")
)["ideas"], key=len, reverse=True)))
_NATIONAL_LIST = re.compile(r"(?:[“\"][^”\"]{2,6}[”\"])?[0-9０-９]+项重大(?:工程|项目)")
_SPORT_BEFORE = ("铁人", "现代")


def _named_count(sentence: str, start: int, unit_end: int) -> bool:
    """Whether a count of 件/项 only names a programme, a plan's list or a sport."""
    if _PROGRAMME_AFTER.match(sentence, unit_end) or sentence.endswith(_SPORT_BEFORE, 0, start):
        return True
    return sentence.endswith("国家", 0, start) and bool(_NATIONAL_LIST.match(sentence, start))


#: The report announcing what it will explain (``着重对两个目标加以说明``).
_EXPLAINED = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:加以|作|做)(?:说明|解释|阐述)")


#: The fewest items a list separated by 、 alone must name for its count to be only a label.
_MIN_NAMED_ITEMS = 2


def _enumeration(sentence: str, before: str, value: float, end: int, *, chinese: bool) -> bool:
    """True when a count only labels the items listed right before it (``政策互动、资源共享、
    市场开放三个机制``, ``before`` being the clause up to it), or announces a list that
    follows (以下10个方面, 四个方面：, 对两个目标加以说明)."""
    if before.endswith(("以下", "如下")) or sentence.startswith("方面", end):
        return True
    if chinese and _EXPLAINED.match(sentence, end):
        return True
    if before.endswith("、"):
        return False  # 3次亲临考察、4次回信、2次致贺信: the count is an item of the list
    before = before.removesuffix("等")  # 高端装备、新能源、新材料等3个…产业: 等 closes the list
    if "等" in before or value < 2 or value > 12:
        return False
    if chinese and value == 2 and _PARALLEL_PAIR.search(before):
        return True  # 国内国际两个大局: two compounds sharing a character, unseparated
    if value != int(value):
        return False
    items = [p for p in _LIST_SEPARATOR.split(before) if p]
    if len(items) == value:
        return True
    # 和/及 inside a name (呼和浩特, 机器人及智能制造): three or more items counted by 、 alone
    return value >= _MIN_NAMED_ITEMS and len([p for p in before.split("、") if p]) == value


#: The ordinals of a list written out item by item (一是…；二是…), in order.
_ITEM_ORDINALS = "一二三四五六七八九十"
#: What may follow the count before its clause ends: the noun it counts (三项举措).
_LISTED_NOUN = re.compile(r"[\u4e00-\u9fff]{0,6}[：:。；;，,]")


def announces_items(paragraph: str, end: int, fig: Found) -> bool:
    """True when a count written in Chinese numerals (``采取三项举措。``) is followed, in its
    paragraph, by exactly that many items 一是 … N是: it labels the list, it measures
    nothing. ``end`` is where the figure ends in ``paragraph``."""
    count = int(fig.value)
    if not 2 <= count <= len(_ITEM_ORDINALS) - 1 or fig.value != count or fig.number[-1:] not in _ITEM_ORDINALS:
        return False
    if not _LISTED_NOUN.match(paragraph, end):
        return False
    at = end
    for ordinal in _ITEM_ORDINALS[:count]:
        at = paragraph.find(ordinal + "是", at)
        if at < 0:
            return False
    return paragraph.find(_ITEM_ORDINALS[count] + "是", at) < 0


def _distant_about(sentence: str, start: int) -> tuple[str, str]:
    """``约占全国三分之一``: an 约 before 占 in the same clause qualifies the share."""
    before = clause_before(sentence, start)
    at = before.rfind("约占")
    if at >= 0 and start - (len(before) - at) >= 0:
        return "约", "about"
    return "", "exact"


def _counted_noun(sentence: str, start: int, end: int) -> str:
    """The base unit of a count with a scale but no measure word (``1240万`` 贫困人口):
    人 or 户, whichever the nearby words name, nearest first."""
    after = _PEOPLE.search(sentence, end, min(len(sentence), end + 8))
    if after:
        return "户" if after.group() == "户" else "人"
    window = sentence[max(0, start - 10):start]
    hits = [(window.rfind(w), w) for w in ("户", "人")]
    best = max(hits)
    return best[1] if best[0] >= 0 else ""


#: Marks between the numbers of a run (``2050万吨、4200万吨和19万吨``).
_RUN_JOINS = frozenset({"、", "和", "及", "与"})
#: Qualifiers a 分别 run may write once for all its numbers: 以上 after the last, 约 before
#: the first (not 多 or 余, which each number carries itself).
_RUN_TRAILS = ("以上", "以下", "以内", "左右", "上下")


#: Words that spread one predicate over a run's numbers: 分别, and the adverbs of levels
#: crossed in turn (``接连突破8万亿元、9万亿元``).
_SHARED_RUN = re.compile(r"分别|接连|相继|先后|依次")


def _shared_qualifiers(sentence: str, found: list[Found]) -> list[Found]:
    """In a 分别 run (``分别达2050万吨、4200万吨、19万吨以上``, ``分别增长约5%、6%``) or one of
    levels crossed in turn (``接连突破8万亿元、9万亿元``) a qualifier written once at either
    end holds for each number of the run written bare."""
    if _SHARED_RUN.search(sentence) is None:
        return found
    start = 0
    while start < len(found):
        end = start
        while (end + 1 < len(found) and found[end + 1].kind == found[start].kind
               and sentence[found[end].end:found[end + 1].start] in _RUN_JOINS):
            end += 1
        run = found[start:end + 1]
        if len(run) > 1 and _SHARED_RUN.search(clause_before(sentence, run[0].start)):
            shared = (run[-1].qualifier if run[-1].text.endswith(_RUN_TRAILS) else
                      run[0].qualifier if run[0].text.startswith(tuple(LEAD_QUALIFIERS)) else "")
            for figure in run:
                if shared and figure.qualifier == "exact":
                    figure.qualifier = shared
        start = end + 1
    return found


#: Marks that end a sentence part: a 分别 before one pairs no number after it.
_PART_END = re.compile(r"[；;。]")


def _shared_on(shares: list[int], part_ends: list[int], at: int) -> bool:
    """Whether a 分别 (at one of ``shares``) stands before ``at`` in its sentence part (no
    ``part_ends`` mark between), pairing the items before it with the numbers of its later
    clauses too (``…分别达到4895和2608亿元，比2005年增长1.3和1.4倍``). Two bisections, so a
    sentence of many figures costs no scan per figure."""
    share = bisect_left(shares, at) - 1
    if share < 0:
        return False
    part_end = bisect_left(part_ends, at) - 1
    return part_end < 0 or part_ends[part_end] < shares[share]


def _elided_units(sentence: str, found: list[Found]) -> list[Found]:
    """In a 分别 list the earlier numbers may leave out the unit the last one states
    (``分别提高20.9、36.2、54个百分点``, ``分别达1409万、1305万人次``, ``12.7个、12个百分点``),
    and so may a later clause's run that pairs with the same items (``…，增长1.3和1.4倍``):
    each takes the last one's unit and scale, replacing what was read from it alone."""
    if "分别" not in sentence:
        return found
    shares = [m.start() for m in re.finditer("分别", sentence)]
    part_ends = [m.start() for m in _PART_END.finditer(sentence)]
    earlier_ones: list[Found] = []
    for last in found:
        if last.kind not in ("growth", "share", "points", "count", "amount", "quantity", "multiple"):
            continue
        at = last.start
        if "分别" not in clause_before(sentence, at) and not _shared_on(shares, part_ends, at):
            continue
        while True:
            m = _ELIDED.search(sentence, max(0, at - 24), at)
            if m is None or not last.unit.startswith(m["part"]) or m["part"] == last.unit:
                break
            unit_scale = next((sc for sc in SCALES if last.unit.startswith(sc)), "")
            scale = m["part"] if m["part"] in SCALES else ""
            if scale and scale != unit_scale:
                break
            value = float(to_half_width(m["num"]).replace(",", ""))
            factor = last.base_value / last.value if last.value else 1.0
            earlier = Found(text=m.group("num") + m["part"], number=m["num"] + scale,
                            value=_clean(value), unit=last.unit,
                            base_value=_clean(value * factor), base_unit=last.base_unit,
                            qualifier="exact", kind=last.kind, start=m.start(), end=m.end("part"))
            earlier_ones.append(earlier)
            at = m.start()
    if not earlier_ones:
        return found
    covered = sorted((f.start, f.end) for f in earlier_ones)
    kept: list[Found] = []
    next_span = 0
    for figure in found:  # in reading order, as the spans: one sweep, linear time
        while next_span < len(covered) and covered[next_span][1] <= figure.start:
            next_span += 1
        if next_span == len(covered) or covered[next_span][0] >= figure.end:
            kept.append(figure)
    return sorted(kept + earlier_ones, key=lambda f: f.start)


#: A total written before an amount (``总投资2万亿元的389个项目``).
_TOTAL_BEFORE = re.compile(r"总(?:投资|规模|金额|额)?$")


def _stated_total(sentence: str, fig: Found) -> bool:
    """Whether an exact amount before a count is the things' stated total (``总投资2万亿元
    的389个省重点项目``), not the bound of a class (``超千亿元的县域``)."""
    return fig.qualifier == "exact" and _TOTAL_BEFORE.search(
        sentence, max(0, fig.start - 4), fig.start) is not None


def _bounds_counted(sentence: str, prev: Found | None, fig: Found,
                    leads: tuple[str, ...]) -> bool:
    """Whether ``fig`` is a bound each thing the count before it passes (``8个产业规模超
    千亿元``, ``1个经济总量近千亿``, ``4个过五百亿的县市``)."""
    return (prev is not None and prev.kind == "count" and fig.text.startswith(leads)
            and (prev.end == fig.start or _COUNTED_GAP.fullmatch(sentence, prev.end, fig.start)
                 is not None)
            and _TOTAL_DONE.search(sentence, prev.end, fig.start) is None)


def _drop_thresholds(sentence: str, found: list[Found]) -> list[Found]:
    """Drop slogans that count named quantities (``三个1亿人``) and figures that name a
    class rather than state a quantity: any figure followed by 级 (``千亿元级产业``,
    ``30万吨级航道``) or by 及以下/及以上 and a noun (``10万千瓦及以下机组``), and an
    amount or physical quantity with 以上/以下 before a noun (``150万吨以上的物流园``),
    counted by the count just before it (``两个万亿元大关``), a bound each counted thing
    passes (``8个产业规模超千亿元``), or between a metric and the
    count of the class it defines (``年销售额10亿元品种8个``, ``超千亿元的县域达12个``)."""
    dropped: set[int] = set()
    for i in range(len(found) - 1, -1, -1):
        fig = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (nxt is not None and fig.unit == "个" and fig.end == nxt.start and nxt.kind == "count"
                and not fig.number[0].isdigit()):
            dropped.update((i, i + 1))  # 三个1亿人: a slogan that counts named quantities
            continue
        if sentence.startswith("级", fig.end) or _CLASS_BOUND.match(sentence, fig.end):
            dropped.add(i)
            continue
        prev = found[i - 1] if i else None
        if fig.unit in SCALES and _bounds_counted(sentence, prev, fig, _BARE_BOUND_LEADS):
            dropped.add(i)  # 4个过五百亿的县市: a bare 亿 bounds a class as an amount does
            continue
        gap = sentence[fig.end:nxt.start] if nxt is not None else ""
        if (fig.text.endswith(("以上", "以下")) and fig.base_unit in ("人", "户")
                and _PLACE_CLASS.match(sentence, fig.end)):
            dropped.add(i)  # 20万以上人口县, 20户以上自然村: a bound naming a class of places
            continue
        if (fig.kind in ("share", "growth") and nxt is not None and nxt.kind == "count"
                and gap.startswith("的") and _CLASS_GAP.fullmatch(gap)):
            dropped.add(i)  # 占比超过30%的有11种: the bound of the class the count counts
            continue
        if fig.kind not in ("amount", "quantity"):
            continue
        if (fig.text.startswith(_THRESHOLD_LEADS) and _CJK.match(sentence, fig.end)
                and _CLASS_LEAD.search(sentence, max(0, fig.start - 2), fig.start)):
            dropped.add(i)  # 首个超百亿元水利工程, 双超万亿元城市: a bound naming a class
            continue
        if ((fig.text.endswith(("以上", "以下")) and _CJK.match(sentence, fig.end))
                or (prev is not None and prev.kind == "count" and prev.end == fig.start)
                or (fig.kind == "amount" and _bounds_counted(sentence, prev, fig, _THRESHOLD_LEADS))
                or (nxt is not None and nxt.kind == "count" and _CLASS_GAP.fullmatch(gap)
                    and fig.kind == "amount" and not _stated_total(sentence, fig))):
            dropped.add(i)
    return [fig for i, fig in enumerate(found) if i not in dropped]
