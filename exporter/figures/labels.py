"""The short label (``metric``) of a figure: the subject the number measures.

Chinese report sentences put the measured subject in a few places, and this
module reads them with grammar-level rules only (punctuation, verbs, measure
words, time words, list structures), never with report-specific vocabulary:

* subject + verb + number (``每万人发明专利拥有量达60件``): the text before the
  number in its clause, with time words, adverbs and the predicate verb cut;
* number + measure word + noun (``建成10个国家重点实验室``): the noun after it,
  with a following verb phrase turned into a relative clause
  (``9所高职学校入选…`` → ``入选…的高职学校``);
* ``A、B、C分别增长x、y、z``: each number paired with its subject in order;
* a bare ``增长x%`` / ``占全国比重x%`` / ``年均增速x%`` clause inherits the subject
  of the figure before it in the sentence;
* a run of figures in one unit after a 、-list (``改造老旧供热、燃气、排水管网800公里、
  600公里、300公里``) pairs figures and items, each item given the words the list's
  items share; later items of a run share the verb that leads it;
* a subjectless run after a clause of as many figures pairs with it item by item
  (``城乡…分别达x、y，增长a、b``: a is 城镇's); one subject reaching levels in turn
  (``接连突破8万亿元、9万亿元``) is no pair to split; a 、-item stating a rank
  (``稳居全国前十强``) is a predicate, never the next figure's subject;
* a subject that is only a verb (``发行``) is no label: the noun after the figure, or the
  subject of the figure before, names it;
* the owner a clause leaves out is found by grammar: the counted agents of a ``由…的``
  clause are named by what they do to its head; a topic before a count of things that
  act stays, and a later clause opening with its verb keeps it; a total (``总投资``) or a
  repeated head (``工程投资总额``) belongs to the things counted in the clause before;
  people counted after ``为`` receive what the verb after them does; ``以全省5%的土地``
  is the owner's share of the whole;
* a measure named bare (``增加值``, ``利润``, ``总投资``) belongs to the subject of the
  figure before it, less that figure's own measure, or to the things a count before it
  counts, or to the topic of the clause before (``服务业支撑作用更加明显，增加值…``);
* a 、-list's items share the name of a measure whole (``…家用电器、新能源汽车零售额``),
  a contracted pair is expanded where it stands (``存贷款余额`` → ``存款余额``), and a run
  of counted things worked on is headed by the work (``实施3000个老旧小区、…改造`` →
  ``改造老旧小区``); a predicate after a run of counted nouns is said of every item;
* a count of events or visits is headed by its measure word (``举办国际赛事场次``,
  ``出境旅游人次``), people a project reaches are its ``惠及人口``, money raised for a
  purpose is ``筹措资金``;
* a label is a noun phrase: it never ends in a function word (``向``, ``和``, ``的``) or a
  rank stub (``居全国第``), never holds a clause with its own change verb, a tense
  particle (``了``) or a numeral stub, and a long one is cut at a link word, never inside
  a word: no cut leaves half of 平均, 跨过, 普及, 有色 or 及以上, and an adverb of manner
  (``稳步``), a per-head word (``人均``) or a place (``在全国``) before the verb goes with it;
* a change figure carries its change word as the text writes it (``农村贫困人口减少``,
  ``能耗下降``; a rise in price is ``涨幅``, a comparison of rates ``增速高于全国``,
  a multiple ``增长倍数``); a label never holds its figure's own text, a dangling verb, a
  role word (``力争``, ``确保``), the report's own 全省/全市 or a 目标/预期 suffix (the
  role says it).

* the prose around a label is no part of it: policy adverbs and light verbs that open it
  (``扎实推进``, ``持续抓好``), a field phrase (``在国际可比领域``), the frame
  ``在（提前）完成…的基础上``, a relative clause of mere occurrence (``发生的``); examples
  before a count of their class go (``布局实施A、B等9个重大科技专项`` → ``布局实施重大科技
  专项``), a short list of subjects stays whole (``昌平、顺义、通州、延庆等特色园区产值``);
* counted administrative units are headed by what they do (``45个县（市、区）整县建设…``
  → ``整县建设…的县（市、区）``), a count whose verb takes an amount after it is the things
  alone (``810个省重点项目完成投资…`` → ``省重点项目``), a run's 的-clause and verb carry to
  its later counts across 和, and a share or contribution of a bare measure takes the topic
  that owns it (``成渝地区双城经济圈经济总量占全国比重``).

The word classes these rules read (role words, measure names, work nouns, event measure
words, contracted pairs …) are data, in ``catalogues/labels.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from .change import DOUBLING, change_word
from .clauses import LIST_JOINS, clause_before, clause_bounds, mask
from .detect import PHYSICAL
from .numerals import CN_DIGITS
from .qualifiers import LEAD_QUALIFIERS, guarded_qualifier

__all__ = ["metric_for"]

#: The word classes the labeller reads from data (``catalogues/labels.toml``).
_WORDS = tomllib.loads((Path(__file__).resolve().parent.parent / "catalogues" / "labels.toml")
                       .read_text(encoding="utf-8"))
_ROLE_LEADS: list[str] = _WORDS["role_leads"]
_LEVEL_VERBS = [verb + end for verb in _WORDS["level_verbs"] for end in _WORDS["level_ends"]]
_COUNTED_EVENTS: dict[str, str] = _WORDS["counted_events"]
_PAIRED_COUNTS: dict[str, str] = _WORDS["paired_counts"]
_COUNTED_OCCASIONS: dict[str, str] = _WORDS["counted_occasions"]
_OCCASION_END = re.compile("(?:" + "|".join(_WORDS["occasion_verbs"]) + ")$")
_OCCASION_START = re.compile("^(?:" + "|".join(_WORDS["occasion_verbs"]) + ")")
#: Characters that make one word with a 均 after them (人均, 平均 …): that 均 is no "all".
_PER_UNIT_HEADS = "".join(_WORDS["per_unit_heads"])

def _by_length(words: list[str]) -> list[str]:
    """The words, each once and longest first, for longest-match alternations."""
    return sorted(dict.fromkeys(words), key=len, reverse=True)


_DIGITS = "0-9０-９"
# An Arabic numeral that reads as a quantity (not a year, date, edition or code).
_ARABIC_FIGURE = re.compile(
    rf"(?<![A-Za-z{_DIGITS}.．:∶：])[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?"
    rf"(?![{_DIGITS}.．]|[A-Za-z]|年(?!均)|月|日|(?<=第[{_DIGITS}])届|(?<=第[{_DIGITS}]{{2}})届|代|号|时(?!期)|周年)"
)
_FRACTION = re.compile(f"[{CN_DIGITS}]+分之[{CN_DIGITS}]+"
                       r"|(?<![0-9./])[1-9][0-9]?/[1-9][0-9]{0,2}(?![0-9./])")
#: A character every match of _ARABIC_FIGURE, _FRACTION and _CN_COUNT holds.
_NUMERAL_CHAR = re.compile(f"[{_DIGITS}{CN_DIGITS}]")
# A Chinese count as ``detect`` reads one: not a bare 百/千 (千座公园城市) nor the ordinal 二 (二期).
_CN_COUNT = re.compile(r"(?<![第十百千万])(?![百千]|二(?![十百千]))[两二三四五六七八九十百千]+"
                       r"(?=[个项家所条次位名座批期])")

# Qualifiers and units that may trail a number inside a figure's text.
_UNIT_TAIL = re.compile(r"^(?:多|余)?[万亿]*(?:多|余)?([^\s，,；;。、]*?)(?:以上|以下|以内|左右|多|余|还多)?$")
# Measure words that count a noun written after them (``10个国家重点实验室``).
_MEASURE = frozenset("个项家所条种座批位名件台部套处户类只辆架艘列对张场轮期次间支块头份篇本门栋宗笔例起枚届")

# Verbs, modals and adverbs that sit between a subject and its number; cut from
# the end of the text before a number (longest first).
_TRAILING = _by_length(_WORDS["trailing_words"] + _LEVEL_VERBS + _WORDS["manner_adverbs"]
                       + _WORDS["successive_adverbs"])
# Words dropped from the start of a label: time words, connectives, adverbs, light verbs.
_LEADING = _by_length(_WORDS["leading_words"] + _ROLE_LEADS)
_TIME_PREFIX = re.compile(
    r"^(?:截至|截止|到|至|自|从|在)?(?:[0-9０-９]{4}年(?:底|末|年底|年末|上半年|下半年|全年|前)?"
    r"|[“\"]?十[一二三四五六七八九]?五[”\"]?(?:时期|期间|以来)?|(?:过去|近)?[一二三四五六七八九十0-9]+年(?:来|内|间)"
    r"|近[一二三四五六七八九十0-9]+年"
    r"|连续[一二两三四五六七八九十0-9]+年|过去一年|一年来|五年来)[，,、]?"
)
_TIME_SUFFIX = re.compile(
    r"(?:[0-9０-９]{4}年(?:底|末)?|今年|去年|上年|全年|当年|年均|年平均|平均每年|[一二三四五六七八九十0-9]+年平均"
    r"|连续[一二两三四五六七八九十0-9]+年"
    r"|[一二三四五六七八九十0-9]+年(?:来|内|间)?"
    r"|(?:由|从)(?:上半年|下半年|年初|一季度|上年|去年|[0-9０-９]{4}年(?:底|末)?"
    r"|[“\"]?十?[一二三四五六七八九]五[”\"]?(?:期末|末))的?)$"
)
# ``比去年`` / ``比“十一五”期间`` / ``较上年`` comparisons at the end of a subject.
_COMPARISON_TAIL = re.compile(
    r"(?:比|较)(?:[“\"][^”\"]*[”\"]|[^，,；;、“”])*?(?:期间|时期|同期|年末|年底|末|年)$"
    r"|(?:比|较)[“\"][^”\"]*[”\"]$|同比$"
)
#: A per-head word before the number (``补助标准提高到人均700元``, ``从每人每年``): it
#: belongs to the figure's unit, not to its subject (a per-time 每天 is the subject's rate).
_PER_HEAD_TAIL = re.compile(r"(?:(?:每[人户亩]|[人户亩]均)(?:每[年月])?)+$|(?<=[到至为])每[年月天日]$")
#: The jurisdiction's whole (全国, 全省 …) and, with the wider scopes, where a rank is
#: stated: alternations built once from catalogues/labels.toml for the patterns below.
_WHOLE = "|".join(_WORDS["wholes"])
_WHOLES = frozenset(_WORDS["wholes"])
_SCOPE = "|".join(_WORDS["wholes"] + _WORDS["wider_scopes"])
#: Where the subject stands among others (``在全国率先``): an adverbial, not the subject.
_SCOPE_TAIL = re.compile(rf"(?<![存所实内])在(?:{_SCOPE})(?:范围内|同类)?$")
# Words after the number that start a verb phrase rather than a noun.
_VERB_STARTS = _by_length(_WORDS["verb_starts"])
# Verbs that end a counted noun and start its predicate (``高职学校|入选…``).
_PREDICATES = _by_length(_WORDS["predicates"])
#: The basis a rate is restated on (``同口径增长``): no subject of its own.
_SAME_BASIS = "同口径|可比口径"
# Rate and share words that need the subject they are a rate of.
#: A yearly average, as written: 年均, 年平均, 平均每年, or 平均 after a span (五年平均增长).
_YEARLY_AVERAGE = r"(?:(?:[一二三四五六七八九十]|[0-9０-９]{1,2})年)?(?:年均|年平均|平均每年|平均)"
_GENERIC = re.compile(
    rf"^(?:{_SAME_BASIS}|(?=.)(?:实际)?(?:{_YEARLY_AVERAGE}|年)?(?:实际)?(?:复合)?"
    r"(?:增速|增长率|增幅|增长|递增|递减|降幅|涨幅|比重|占比|比例|份额|总量|规模|水平|幅度|(?:年度|全年)?目标"
    r"|预期目标|倍数?)?)$"
)
#: A qualifier word of detection's (``约``, ``超过``, ``迈上`` …) right before a numeral; 上
#: alone, which qualifies only 上亿/上千万, ends too many other words to be read back here.
_QUALIFIER_WORDS = sorted((w for w in LEAD_QUALIFIERS if w != "上"), key=len, reverse=True)
_QUALIFIERS = "|".join(_QUALIFIER_WORDS)
#: Each guarded as detection guards it, where it is part of another word (通过, 最近, 签约).
_QUALIFIER_BEFORE = re.compile("(?:" + "|".join(map(guarded_qualifier, _QUALIFIER_WORDS)) + ")$")
_GENERIC_TAIL = re.compile(
    _YEARLY_AVERAGE + r"?(?:复合)?(?:增速|增长率|增幅|降幅|涨幅|增长|增加|减少|提高|占[^占]*比重|比重|占比)$"
)
#: A label that already ends in the noun of a rate of change needs no change word.
#: What a label leaves to other columns: the report's own jurisdiction (全省, 全市 …: the
#: report's region says it) and a target suffix (the role says it).
_STYLE = re.compile(r"^(?:全省|全市|全区|全县|全州|全盟|全旗)(?=[\u4e00-\u9fff“A-Z])"
                    r"|(?<!完成)(?<!全年)(?<!年度)(?:预期目标|目标|预期)$")
#: A rate growth is kept at or goes at (``保持年均15.7%的高速增长``, ``以年均12%的速度增长``):
#: the verb before the figure, and the words after it.
_MANNER_LEAD = re.compile(r"(?:以|保持了?|实现了?)(?P<average>年均|年平均|平均)?(?:约|近|超过)?$")
_GROWTH_MANNER = re.compile(r"的(?:[\u4e00-\u9fff]{0,2}?)(?:速度|幅度)?(?:增长|递增)(?!目标|任务|预期)")
#: A share of a goal done (``一般公共预算收入完成省定目标的100%``): the subject and its goal.
_DONE_SHARE = re.compile(r"^(?P<subject>[^，,；;]+?)完成(?P<goal>[\u4e00-\u9fff]{0,6}?(?:目标|计划|预算|任务))$")
#: An editor's note in brackets on the basis of what it follows (``（下同）``, ``（现价）``,
#: ``（按可比价格计算，下同）``): no part of what is measured.
_EDITORIAL_NOTE = re.compile(r"[（(](?:[^（）()]{0,12}[，,、])?(?:下同|现价|当年价|按现价计算|可比价|"
                             r"按可比价格?计算|不变价|按不变价格?计算)[）)]")
#: The mark of a note the text refers to (``[1]``, ``［2］``).
_NOTE_MARK = re.compile(r"\[[0-9]{1,2}\]|［[0-9０-９]{1,2}］")
#: A basis a rate is stated on (``剔除…等不可比因素``, ``扣除价格因素``).
_EXCLUDING = re.compile(r"(?:剔除|扣除)[^，,；;。]{0,20}?因素(?:后|影响)?")
#: A label never ends in the verb that leads to the figure (扩大到, 整合优化为, 累计达到).
_DANGLING = re.compile(r"、?(?:累计)?(?:达到|扩大到|提高到|增加到|增长到|增至|[到至为达])$")
_YEARLY = re.compile(_YEARLY_AVERAGE + r"(?:分别)?(?:增长|下降|提高|上涨)[^，,；;]*$")
#: A rate's change word as the text writes it (``国内生产总值增长``, ``能耗下降``, as the
#: contract's labels are), but for the two the text's verb leaves no noun of (上涨2% is
#: ``涨幅``). A comparison of rates (``增速高于全国``) names the rate itself.
_RATE_WORDS: dict[str, str] = _WORDS["rate_words"]
_COMPARED_RATES: dict[str, str] = _WORDS["compared_rates"]
_RATE_END = re.compile(r"(?:增速|增幅|涨幅|降幅|增长率|幅度|倍数)$")
_MAX_LEN = 22
_SHARE_NUMBER = re.compile(r"[0-9０-９.．%％]+.*$|[零一二两三四五六七八九十]+分之.*$")
_LINK_START = re.compile(r"[的、和及与（(]")
#: Measure words of a count of things (个, 项, 家 …), the class the count patterns share.
_COUNTERS = "个项家所条种座批位名件台部套处户"
_HEAD_SPLIT = re.compile(rf"[0-9０-９]+[^\u4e00-\u9fff]*[{_COUNTERS}人]?|的")
_TRAILING_FIGURE = re.compile(rf"[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿]*(?:多|余)?[万亿]*[{_COUNTERS}人]?$")
#: A count that opens a subject (``188个园区整合优化为120个``) is another figure, not a name.
_LEADING_FIGURE = re.compile(rf"^[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿]?[{_COUNTERS}]")
#: A count of things inside a subject (``…等领域320个共建重点项目完成投资``): what it counts
#: owns the measure after it, the words before the count do not.
_INNER_COUNT = re.compile(r"^[^，,；;0-9０-９]*?[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿]?"
                          rf"(?!个(?:月|百分点))[{_COUNTERS}]"
                          r"(?=[\u4e00-\u9fff“]{2})")
_BEFORE_NUMERAL = re.compile(r"^[^0-9０-９零〇一二两三四五六七八九十百千万亿]*")
_NUMERAL = re.compile(rf"^[{_DIGITS}.．零〇一二两三四五六七八九十百千]+")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
#: The words that join the items of a list (``A、B和C``).
_LIST_JOIN = re.compile(f"[{LIST_JOINS}]")
_ENUMERATION_COMMA = re.compile("、")
_NOUN_LINK = re.compile(r"(?:[、和及与](?:首批|第[一二三四五六七八九十]+批|其中|另有)?|中有|中|共有|有)$")
#: 均 after a per-unit word (人均, 户均, 日均, 亩均 …) is part of that word, not "all".
_SHARED_NUMBER = re.compile(rf"(分别|(?<![{_PER_UNIT_HEADS}])均(?![衡匀等]))")
#: Levels a figure is said to reach or stand on (``迈上5万亿台阶``): no unit, no noun it measures.
_LEVELS = ("台阶", "大关", "关口")
_UNIT_AFTER = re.compile(r"(?:多|余)?[万亿]*(?:多|余)?(?:%|％|个百分点|(?!" + "|".join(_LEVELS)
                         + r")[^\s，,；;。、和及与的0-9]{0,1})")
_RATE_TEXT = re.compile(r"[%％倍番]")
#: Contracted pairs (缩略并列) a single 分别 subject stands for, in the order the numbers
#: follow: ``城乡居民收入分别增长x、y`` is 城镇居民 x, 农村居民 y (catalogues/labels.toml).
_CONTRACTED: dict[str, list[str]] = _WORDS["contracted_pairs"]
_CONTRACTED_RE = re.compile("|".join(_by_length(list(_CONTRACTED))))


#: Each word of a contracted pair and its partner (支出 → 收入, 出口 → 进口 …).
_PARTNERS = {word: pair[1 - i] for pair in _CONTRACTED.values() for i, word in enumerate(pair)}


def _partner_owner(label: str, sentence: str, start: int) -> str:
    """A bare pair word (``支出``) after a 、 whose item before names its partner with an
    owner (``地方一般公共预算收入增长2.3%、``) takes that owner: ``地方一般公共预算支出``."""
    c_start, _ = clause_bounds(sentence, start, start)
    left = sentence[c_start:start]
    join = left.rfind("、")
    item = left[:join] if join > 0 else ""
    item = item[item.rfind("、") + 1:]
    at = item.find(_PARTNERS[label])
    owner = _strip_leading(item[:at]) if at > 0 else ""  # (全年出口…、进口…: 全年 owns nothing)
    return owner + label if _has_content(owner) and not _figures(mask(owner)) else label


def _split_pair(first: str, second: str) -> bool:
    """Whether a 、 splits a contracted pair (城、乡居民收入, 金融机构存、贷款余额): the pair
    the two items make when joined spans the join."""
    joined = first + second
    return any(m.start() < len(first) < m.end() for m in _CONTRACTED_RE.finditer(joined))


def _expand_pair(subject: str, index: int) -> str:
    """Item ``index`` of the contracted pair a subject holds (``银行本外币存贷款余额`` →
    ``银行本外币存款余额``), or "" when it holds none."""
    found = _CONTRACTED_RE.search(subject)
    if found is None:
        return ""
    return subject[:found.start()] + _CONTRACTED[found.group()][index] + subject[found.end():]
_PAIR = re.compile(
    r"^(.*?)(?:由|从)(?:[^，,；;]*?[0-9０-９%％元个万亿]+[^，,；;]*?)"
    r"(?:提高到|提高至|增加到|增长到|增至|降至|下降到|降低到|减少到|上升到|升至|扩大到|转为[^0-9０-９]*"
    r"|[\u4e00-\u9fff]{0,3}?(?:到|至|为))"
    r"(?:[0-9０-９]{4}年(?:底|末)?的?)?$")
#: A verb leading to a level right after a figure (``由162个整合为123个``): the figure is
#: the first end of a from-to, not a count of the words after it.
_TO_LEVEL = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:到|至|为)[0-9０-９]")
#: Words after an amount that name no thing the amount measures.
_NOT_MEASURED = (*_LEVELS, "规模", "水平", "人民币", "美元")
_CURRENCY_NAMES = frozenset({"人民币", "美元", "欧元", "港元", "港币", "日元", "英镑"})
#: A quoted name right after a list's last item names the whole list (``“新三样”``).
_LIST_NAME = re.compile(r"(?<=[\u4e00-\u9fff])“[^”]{1,8}”")
_LIST_LABEL = re.compile(r"[两二三四五六七八九十]+[大个项类种]")
_FILLER_CHARS = r"\s、，,的“”\"'（）()"
_FILLER = re.compile(f"[{_FILLER_CHARS}]")
#: Any character that is no filler (see _has_content).
_CONTENT = re.compile(f"[^{_FILLER_CHARS}]")
#: A word ends the subject unless what stands before it makes it part of another word:
#: 人均/户均 … for 均, and detection's guards for its qualifiers (通过, 最近, 签约).
_TRAILING_RE = re.compile("(?:" + "|".join(
    f"(?<![{_PER_UNIT_HEADS}]){re.escape(word)}" if word.startswith("均") else guarded_qualifier(word)
    for word in _TRAILING) + ")$")
#: How far from the end a match of ``_TRAILING_RE`` can start: its longest word, and one
#: more for the newline ``$`` may stand before.
_TRAILING_REACH = max(map(len, _TRAILING)) + 1


_TRAILING_WORDS = frozenset(_TRAILING)
#: The characters the words end with: most subjects end with none, and need no look-up.
_TRAILING_LAST = frozenset(word[-1] for word in _TRAILING)


def _trailing_word(s: str) -> re.Match[str] | None:
    """``_TRAILING_RE.search(s)``: the longest ending of ``s`` that is one of the words
    (the leftmost match, since every match runs to the end), found by looking the endings
    up in a set; the pattern (a few hundred words, and the look-behind of 均) only
    confirms the one found."""
    if s.endswith("\n"):  # $ may match before it: leave that to the pattern
        return _TRAILING_RE.search(s, max(0, len(s) - _TRAILING_REACH))
    if not s or s[-1] not in _TRAILING_LAST:
        return None
    for size in range(min(len(s), _TRAILING_REACH - 1), 0, -1):
        if s[-size:] in _TRAILING_WORDS:
            found = _TRAILING_RE.match(s, len(s) - size)
            if found is not None:
                return found
    return None
#: A leading word that is the first character of a longer word (有色, 对外) is kept.
_BOUND_LEADS: dict[str, list[str]] = _WORDS["bound_leads"]
#: 对 before a partner and its trade (``对非贸易额``, ``对东盟进出口``) is part of the noun.
_TRADE_WITH = "|[^，,；;。]{1,20}?(?:" + "|".join(_by_length(_WORDS["trade_measures"])) + ")"
_LEADING_RE = re.compile("^(?:" + "|".join(
    f"{word}(?![{''.join(_BOUND_LEADS[word])}]{_TRADE_WITH if word == '对' else ''})"
    if word in _BOUND_LEADS else word
    for word in _LEADING) + ")(?<!共(?=[享同治商育]|建(?!成)))")
_VERB_START_RE = re.compile("^(?:" + "|".join(_VERB_STARTS) + ")")
#: 获 (获中央改革办推广) starts a predicate too, but not inside 获得者 or 获奖.
_PREDICATE_SPELLED = {"获得": "获得(?!者)", "在": "(?<![住中布落位])在", "增加": "增加(?!值)"}  # 居住在: a complement
#: Adverbs that only ever lead a verb: after a counted noun, where its predicate starts.
_PREDICATE_ADVERBS = _by_length(_WORDS["policy_adverbs"] + _WORDS["predicate_adverbs"])
_PREDICATE_RE = re.compile("|".join(_PREDICATE_SPELLED.get(w, w) for w in _PREDICATES)
                           + "|获(?![得奖批])"
                           # an adverb opens the predicate (试点稳步推进, 大模型规模化应用)
                           + "|(?<!可)(?:" + "|".join(_PREDICATE_ADVERBS) + ")(?=[\u4e00-\u9fff]{2})"
                           + "|(?<=[村县镇乡户])通(?=[\u4e00-\u9fff0-9A-Za-z])")  # 行政村通光纤


def metric_for(sentence: str, start: int, end: int) -> str:
    """Short column-header label for the figure ``sentence[start:end]``: its subject,
    with the word that states the change where the figure is one (``农村贫困人口减少``)."""
    aside = _aside_around(sentence, start, end)
    if aside is not None:  # 增长1.7%（同口径增长2.5%）: the aside's own words, owned by the
        opening, closing = aside  # figure before it when they name no subject
        label = metric_for(sentence[opening + 1:closing], start - opening - 1, end - opening - 1)
        own = _CHANGE_ONLY.sub("", _GENERIC_LEAD.sub("", label))
        if len(own) > _PART_WORD or not label.startswith(own) or own in _MEASURE_HEAD_WORDS:
            return label  # a subject of its own (出口 is a measure, not a part word)
        owner = _owner_before_figure(sentence, opening, 0)
        if not _has_content(owner):
            return label
        return _finish(own + owner + label[len(own):] if own else owner + label)  # （城镇增长5%）
    manner = _GROWTH_MANNER.match(sentence, end) if sentence.startswith("的", end) else None
    if manner:  # 保持年均15.7%的高速增长, 以年均12%的速度增长: the subject's growth rate
        c_start, _ = clause_bounds(sentence, start, end)
        lead = _MANNER_LEAD.search(sentence, c_start, start)
        subject = _clean_subject(sentence[c_start:lead.start()])[0] if lead else ""
        if lead and _has_content(subject):
            return _finish(_STYLE.sub("", subject) + (lead["average"] or "") + "增长")
    label = _label(sentence, start, end, depth=0)
    # Each pattern below is tried only on a label (or sentence) holding what it needs.
    if "完成" in label and sentence[start:end].rstrip("以上左右多余").endswith(("%", "％")):
        done = _DONE_SHARE.match(label)  # 固定资产投资完成年计划的139.4%: how much of the
        if done:  # goal was done, a completion rate
            label = done["subject"] + done["goal"] + "完成率"
    if label.startswith("全") or "目标" in label or "预期" in label:
        styled = _STYLE.sub("", label)
        if styled != label:  # 全市共有各类市场主体: the holding verb the prefix hid
            styled = _HOLDING.sub("", styled)
        label = styled if _has_content(styled) and not _CHANGE_ONLY.fullmatch(styled) else label
    if "到" in label or "至" in label or "为" in label or "达" in label:
        label = _DANGLING.sub("", label) or label
    label = _without_policy_lead(label)
    if "（" in label or "(" in label:  # 地区生产总值（现价）: the editor's note
        label = _EDITORIAL_NOTE.sub("", label) or label
    if "[" in label or "［" in label:  # 一般公共预算收入[1]: a note's mark
        label = _NOTE_MARK.sub("", label) or label
    if "剔除" in label:  # 生产总值剔除…等不可比因素增长: the basis, which no header names
        label = _EXCLUDING.sub("", label) or label
    if "年" in label[:8]:  # 实现2035年人均地区生产总值…: the period says when, not the label
        reached = label.removeprefix("实现")
        timed = _TIME_PREFIX.sub("", reached)
        label = timed if timed != reached and _has_content(timed) else label
    if "类" in label or "方面" in label or "领域" in label:  # 经济发展、…、安全保障五大类主要指标:
        classed = _CLASSED_LIST.sub("", label)  # the classes a plan sorts its items into are
        label = classed if _has_content(classed) else label  # no part of what it counts
    if "并" in label:  # 亲临四川视察并作出重要指示: the second predicate is no part of it
        second = _SECOND_PREDICATE.search(label, 2)
        label = label[:second.start()] if second and _has_content(label[:second.start()]) else label
    if "等" in label and not sentence.startswith("等", end):  # 新增康复大学等高校: the class,
        label = _without_examples(label)  # not its examples (unless the figure is one of them)
    if ("实现" in label or label.startswith("完成")) and not label.startswith("通过"):
        label = _ACHIEVED_MEASURE.sub("", label) or label  # 科技服务业实现增加值: a light verb
    if "的" in label:  # 发生的创业投资案例: 发生 says nothing
        label = _EMPTY_RELATIVE.sub("", label) or label
    if "基础上" in sentence and _BASIS_FRAME.match(sentence, end):  # 在提前完成…目标的基础上:
        basis = _BASIS_LEAD.match(label)  # the frame is no label
        label = _BASIS_TAIL.sub("", label[basis.end():] if basis else label) or label
    scope = _SCOPE_PHRASE.search(label) if "在" in label else None  # 在国际可比领域进入…
    if scope and len(_FILLER.sub("", label[:scope.start()] + label[scope.end():])) >= _MIN_POLICY_REST:
        label = label[:scope.start()] + label[scope.end():]
    if _LIGHT_VERB.match(label) and _DONE_WORK.search(label, 4):  # 实施地质灾害避险搬迁
        label = label[2:]
    doubled = _DOUBLED_END.search(label) if not DOUBLING.search(sentence, start, end) else None
    if doubled and doubled.start() >= _MIN_SUBJECT:  # 进出口总值翻番达到2206亿元: the level's
        label = label[:doubled.start()]  # subject, not the doubling said of it before
    if _A_DIGIT.search(label):  # 抓好总投资2万亿元的389个省重点项目: no other figure's size
        label = _SIZED_MODIFIER.sub("", label) or label
    own = sentence[start:end]
    if own in label:  # never the figure itself (a subject read across it)
        label = _finish(label.replace(own, ""))
    label = _with_count_noun(label, sentence, start, end)
    if label in _PARTNERS:  # 预算收入增长2.3%、支出超过7000亿元: 支出 of the same budget
        label = _partner_owner(label, sentence, start)
    if _INDUSTRY_END.search(label) and _unit(own).endswith("元"):
        label += _INDUSTRY_SIZE  # 生物医药产业…1023亿元: an industry's amount is its size
    label = _with_share_of_reached(label, sentence, start, end)
    if label.startswith(_RESIDING):  # 改造约1亿人居住的城镇棚户区和城中村: its residents
        label = _residents(label, sentence, start)
    if "等" in sentence[end:]:
        label = _with_class_after(label, sentence, start, end)
    if label in _THEMED_NOUNS:  # 一是围绕经济发展，提出6项指标: the theme names them
        label = _theme_before(sentence, start) + label
    elif label.startswith(("围绕", "聚焦", "针对")):  # 经济发展方面，围绕增速、结构、效率提出5项
        themed = _THEMED_CLAUSE.fullmatch(label)  # 指标: the aspect, else the theme, names them
        if themed:
            label = (_theme_before(sentence, start) or themed["theme"]) + themed["noun"]
    if "其中" in sentence[:start]:
        label = _part_measure(label, sentence, start, end)
    if "合" in sentence[max(0, start - _CONVERTED_REACH):start]:
        label = _converted(label, sentence, start, end)
    if ("目标" in label or "目标" in sentence[end:end + 6]
            or sentence.startswith(_GROWTH_AFTER, end)) and not _has_content(
            _GROWTH_GOAL_WORDS.sub("", label)):  # 把增长预期目标定在7.5%左右, 实现9.5%左右的
        return _ECONOMIC_GROWTH  # 增长: the economy's
    found = change_word(sentence, start, end)
    if found is None and _MULTIPLE_TEXT.search(own):
        return _multiple_of_base(label, sentence, start)
    if found is None or _RATE_END.search(label):
        return label
    word = "增长倍数" if found[1] == "翻番" else found[1]
    if _MULTIPLE_TEXT.search(own) and word == "增长":  # 增长2.5倍: a multiple, not a rate
        word = "增长倍数"
    elif _RATE_TEXT.search(sentence, start, end):  # a rate: the text's word, 上涨 → 涨幅
        word = _RATE_WORDS.get(word, word)
        if _YEARLY.search(sentence, max(0, start - 12), start) and "年均" not in label:
            word = "年均" + word  # 年均增长5.3% is an average yearly rate
    if not label or _says_change(label, word) or _says_change(label, found[1]):
        return label
    return _finish(label + word)


#: 实现 before the amount it reaches (``全省实现地区生产总值``, ``示范区实现总收入``) says
#: nothing a table header keeps; before a state (``实现24小时开放的公园``) it is kept. So
#: does 完成 opening a label before a value (``完成地区生产总值``), not before the work done
#: (``完成投资``, ``完成改造``), which gold labels keep.
_ACHIEVED_MEASURE = re.compile(r"(?:实现|^完成(?=[^，,；;。的]{0,8}?(?:总值|增加值)))(?=[^，,；;。的]{0,10}?(?:值|额|收入|利润|产量|总量)"
                               r"(?:年均)?(?:复合)?(?:增长率|增长|增速|增幅|下降|降幅)?$)")


def _says_change(label: str, word: str) -> bool:
    """Whether ``label`` writes the change ``word`` as a change, not inside a noun
    (``工业增加值比2020年增加五成``: 增加值 is no 增加)."""
    at = label.find(word)
    while at >= 0:
        if label[at + len(word):at + len(word) + 1] not in _NOUN_AFTER_CHANGE:
            return True
        at = label.find(word, at + 1)
    return False


#: Characters that make a change word the start of a noun (增加值, 增长点, 增长极).
_NOUN_AFTER_CHANGE = frozenset("值点极")


_MULTIPLE_TEXT = re.compile(r"倍")
#: An industry or a cluster of them, which an amount measures by its size (``产业规模``).
_INDUSTRY_END = re.compile(r"产业(?:集群)?$")
_INDUSTRY_SIZE = "规模"
#: A multiple of a base written before it (``是2011年的近7倍``, ``相当于“十三五”末的2倍``).
_OF_BASE = re.compile(r"(?:是|为|相当于)(?P<base>[^，,；;。、是为]{1,12}?)的(?:近|约|超过|超|逾)?$")
_BASE_VERB_END = re.compile(r"(?:是|为|相当于)$")


def _multiple_of_base(label: str, sentence: str, start: int) -> str:
    """A multiple of a stated base, headed as an analyst heads one: ``创业投资案例相当于
    2011年的倍数``. The label unchanged when no base is written before the figure."""
    base = _OF_BASE.search(sentence, max(0, start - 20), start)
    if base is None or not label:
        return label
    at = label.rfind(base["base"])
    subject = _BASE_VERB_END.sub("", label[:at] if at >= 0 else label)
    if subject in base["base"]:  # …600亿元，是上一个五年的2.3倍: the clause names only its
        c_start = clause_bounds(sentence, start, start)[0]  # base; the figure before, its
        subject = _owner_before_figure(sentence, c_start, 0)  # subject
    return _finish(f"{subject}相当于{base['base']}的倍数") if _has_content(subject) else label
#: The longest word an aside names a part of the figure before it by (城镇, 农村, 出口).
_PART_WORD = 2
#: Words that restate a rate (``同口径增长``, ``按可比价格计算``, ``同比``) before its change.
_GENERIC_LEAD = re.compile(rf"^(?:{_SAME_BASIS}|按可比价格计算|同比|年均)")


def _aside_around(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The round brackets the figure ``sentence[start:end]`` stands in, if any."""
    opening = max(sentence.rfind("（", 0, start), sentence.rfind("(", 0, start))
    if opening < 0:
        return None
    closed = [i for i in (sentence.find("）", opening), sentence.find(")", opening)) if i >= 0]
    closing = min(closed) if closed else -1
    return (opening, closing) if closing >= end else None


#: A time a rate is counted per (``平均每天``, ``每年``): an inherited subject keeps it.
_PER_TIME = re.compile(r"(?:平均)?每(?:天|日|年|月|周|小时)(?=[^，,；;。]*$)")
#: Adverbs and light verbs of policy prose that open a clause (``扎实推进``, ``持续抓好``,
#: ``务实办好``): they say how hard the work is pushed, never what is measured.
_POLICY_LEAD = re.compile("^(?:" + "|".join(_by_length(_WORDS["policy_adverbs"])) + ")+"
                          "|^(?:" + "|".join(_by_length(_WORDS["policy_light_verbs"])) + ")")
#: The shortest rest a policy lead is cut from: a shorter one would lose its subject.
_MIN_POLICY_REST = 4


#: A relative clause of a verb of mere occurrence (``发生的``, ``出现的``): it says nothing of
#: what is counted.
_EMPTY_RELATIVE = re.compile("^(?:" + "|".join(_WORDS["empty_relatives"]) + ")的")
#: ``在（提前）完成X N的基础上``: the frame of what was done before; its 在 and the verb
#: of completion are no part of the label (``本届政府减少行政审批事项``).
_BASIS_FRAME = re.compile(r"[^，,；;。]{0,8}?的?基础上")
_BASIS_LEAD = re.compile(r"在(?:提前|超额|全面|基本)?(?:完成|实现|达到)?")
_BASIS_TAIL = re.compile(r"(?:目标)?的?基础上$")
#: A prepositional phrase of the field work is done in (``在国际可比领域``): no part of
#: what is measured.
_SCOPE_PHRASE = re.compile("在[^，,；;。在]{1,30}?(?:" + "|".join(_WORDS["scope_nouns"]) + ")(?:中|内|上)?")


def _without_policy_lead(label: str) -> str:
    """The label without the policy adverbs and light verbs that open it
    (``扎实推进欠发达县域托底性帮扶`` → ``推进欠发达县域托底性帮扶``, ``持续抓好省委确定
    引领性改革`` → ``省委确定引领性改革``), unless too little would be left."""
    while (lead := _POLICY_LEAD.match(label)) and len(_FILLER.sub("", label[lead.end():])) >= _MIN_POLICY_REST:
        label = label[lead.end():]
    return label


#: A change word alone (``增长`` of ``增长预期目标``) names nothing: the suffix then stays.
_CHANGE_ONLY = re.compile(r"增长|增速|增幅|下降|降幅|上涨|涨幅")
#: Verbs whose object is the people a project or service reaches (惠及, 覆盖 …).
_REACH_END = re.compile("(" + "|".join(_WORDS["reach_verbs"]) + ")$")
_REACH_VERBS = tuple(_WORDS["reach_verbs"])
_REACHED_PEOPLE = "人口"
_REACHED_HOUSEHOLDS = "户数"


def _counts_people(unit: str) -> bool:
    """A unit that counts people: 人, 万人, or the bare scale 人口 counts go by."""
    return unit in ("", "万", "亿") or unit.endswith("人")
#: A label that already ends in a noun of measure (吞吐量, 人次, 户数 …) needs no other.
_MEASURED_END = re.compile(r"[量数率额值次]$")
_PER_UNIT = re.compile(r"每[\u4e00-\u9fff]{1,3}$")
#: A count just before a figure of the same things in another unit (``5万户18万人``).
#: A count of things or people (``20.9万户``, ``69.3万人``), as the two patterns below read it.
_COUNT = rf"[0-9０-９]+(?:[.．][0-9０-９]+)?(?:多|余)?[万亿]*(?:多|余)?(?:人次|[{_COUNTERS}人])"
_COUNT_BEFORE = re.compile(_COUNT + "$")


def _converted(label: str, sentence: str, start: int, end: int) -> str:
    """An amount restated in another currency is labelled as the amount before it, converted
    (``实际使用外资…、折合1148亿元人民币``, ``…，折合人民币340亿元`` → ``实际使用外资折合人民币``)."""
    before = _CONVERTED_BEFORE.search(sentence, max(0, start - _CONVERTED_REACH), start)
    if before is None:
        return label
    verb, currency = before.group()[:2], before["currency"]
    if currency:  # 折合人民币340亿元: the clause names no subject of its own
        c_start, _ = clause_bounds(sentence, start, end)
        owner = _owner_before_figure(sentence, c_start, 0)
        label = owner if _has_content(owner) else label.replace(before.group(), "")
    else:
        after = _CURRENCY.match(sentence, end)
        if after is None:
            return label
        currency = after.group()
    return label if verb in label else label + verb + currency


#: 折合/约合 before an amount restated in another currency, the currency named before the
#: amount or after it (``折合人民币340亿元``, ``折合1148亿元人民币``).
_CURRENCIES = "|".join(_by_length(list(_CURRENCY_NAMES)))
_CONVERTED_BEFORE = re.compile(f"(?:折合|约合)(?P<currency>{_CURRENCIES})?$")
_CONVERTED_REACH = 5
_CURRENCY = re.compile(_CURRENCIES)
#: A growth target that names no subject (``确定4.5%左右的增长目标``): in a work report the
#: economy's, which the indicator catalogue knows by 经济.
_GROWTH_GOAL_WORDS = re.compile(r"确定|提出|把|将|经济|增长|预期|目标")
_ECONOMIC_GROWTH = "经济增长"
#: A rate written before the growth it is (``实现9.5%左右的增长``).
_GROWTH_AFTER = ("的增长", "的经济增长", "的增速")


def _with_share_of_reached(label: str, sentence: str, start: int, end: int) -> str:
    """A percentage of the units a service reaches (``幼儿园覆盖95%乡镇``) is their share:
    ``幼儿园覆盖乡镇比例``."""
    if not _REACH_END.search(label) or _unit(sentence[start:end]) not in ("%", "％"):
        return label
    _, c_end = clause_bounds(sentence, start, end)
    units = _trim_noun(sentence[end:c_end])
    if not _has_content(units) or _figures(units) or len(units) > _MAX_REACHED:
        return label
    return label + units + "比例"


def _residents(label: str, sentence: str, start: int) -> str:
    """People counted by where they live (``改造约1亿人居住的城镇棚户区和城中村``): the
    residents of those places, with the work done on them (``城镇棚户区和城中村改造居住人口``)."""
    place = label[len(_RESIDING):]
    verb = _BARE_VERB_END.search(_strip_leading(clause_before(sentence, start)).rstrip(
        _QUALIFIER_CHARS))
    work = verb.group() if verb and not place.endswith(verb.group()) else ""
    return _finish(place + work + _RESIDING[:2] + _REACHED_PEOPLE) if _has_content(place) else label


#: A place counted by the people living in it: ``N人居住的…``.
_RESIDING = "居住的"


def _with_class_after(label: str, sentence: str, start: int, end: int) -> str:
    """An item of a run closed by the class its items belong to (``淘汰钢铁2700万吨、水泥
    4200万吨、平板玻璃3500万标准箱等落后产能``) is that class of it: ``淘汰钢铁落后产能``.
    Only a short item (a material, a sector) takes it; a longer one names its thing."""
    c_start, c_end = clause_bounds(sentence, start, end)
    run = _CLASS_AFTER_RUN.match(mask(sentence[end:c_end]))
    if run is None or _unit(sentence[start:end])[-1:] in _MEASURE:
        return label  # 新建学校12所、医院5家等民生项目: counted things name themselves
    noun = run["noun"]
    if run.group().startswith("等"):  # the run's last item: 平板玻璃…等落后产能
        return label[:-len(noun) - 1] + noun if label.endswith("等" + noun) else label
    masked = mask(sentence)
    item_start = max(c_start, masked.rfind("、", c_start, start) + 1,
                     masked.rfind("和", c_start, start) + 1)
    item = _strip_leading(sentence[item_start:start])
    lead = _BARE_VERB.match(item)
    if len(item) - (lead.end() if lead else 0) > _SHORT_CLASS_ITEM or noun in label:
        return label
    return _finish(label + noun)


#: The rest of a run after a figure, closed by 等 and its class (``、水泥4200万吨等落后产能``).
_CLASS_AFTER_RUN = re.compile(rf"(?:[、和][^、，,；;。0-9０-９]{{1,6}}?(?:{_QUALIFIERS})?[{_DIGITS}.．{CN_DIGITS}]+"
                              r"[^、，,；;。等0-9０-９]{0,6})*等(?P<noun>[\u4e00-\u9fff]{2,6})$")
#: The longest item of such a run that takes the class (钢铁, 平板玻璃).
_SHORT_CLASS_ITEM = 4


def _theme_before(sentence: str, start: int) -> str:
    """The theme the clause before names (``围绕绿色低碳，提出7项指标`` → ``绿色低碳``) or the
    aspect it opens with (``民生福祉方面，…提出7项指标`` → ``民生福祉方面``), else ""."""
    c_start, _ = clause_bounds(sentence, start, start)
    if c_start < 2:
        return ""
    previous = _ENUMERATOR.sub("", sentence[clause_bounds(sentence, c_start - 2, c_start - 2)[0]:c_start - 1])
    theme = _THEME.fullmatch(previous) or _ASPECT_OPENING.fullmatch(previous)
    return theme.group(1) if theme else ""


#: Bare nouns of a plan's items that a theme before them names (``提出6项指标``).
_THEMED_NOUNS = frozenset({"指标", "任务", "举措", "措施", "政策"})
_THEME = re.compile(r"(?:围绕|聚焦|针对)([\u4e00-\u9fff“”]{2,10})")
_ASPECT_OPENING = re.compile(r"([\u4e00-\u9fff“”]{2,8}方面)")
#: A theme and the items proposed on it in one clause (``围绕创新投入及其成效提出指标``).
_THEMED_CLAUSE = re.compile(r"(?:围绕|聚焦|针对)(?P<theme>[^，,；;。]{2,16}?)(?:提出|设置|明确)"
                            r"(?P<noun>" + "|".join(sorted(_THEMED_NOUNS)) + ")")


def _part_measure(label: str, sentence: str, start: int, end: int) -> str:
    """A part of a whole (``汽车保有量…，其中新能源汽车由45万辆增至356万辆``) is measured by
    the whole's measure: ``新能源汽车保有量``. A part that names a measure keeps its own."""
    c_start, _ = clause_bounds(sentence, start, start)
    if not sentence.startswith("其中", c_start) or _named_head(label) or _COMPLETE.search(label):
        return label
    unit = _unit(sentence[start:end]).lstrip("万亿")
    if unit in ("%", "％") and _GREW_BY.search(sentence, c_start, start):  # 增加值增长7.5%，其中
        before = _figures(mask(sentence[:c_start]))  # 高技术制造业增长15%: the growth of the
        a = before[-1][0] if before else 0  # part's 增加值, when the figure just before is the
        grew = before and _GREW_BY.search(sentence, max(0, a - 4), a)  # whole's growth, its
        whole = _GENERIC_TAIL.sub("", _strip_leading(  # subject written in its own clause
            sentence[clause_bounds(sentence, a, a)[0]:a])) if grew else ""
        head = _named_head(whole)
        return _finish(label + head) if head and head != whole and _has_content(label) else label
    if not unit or unit in ("%", "％"):
        return label  # a share: not the whole's measure
    same = [(a, b) for a, b in _figures(mask(sentence[:c_start]))  # …245.5万辆、增长43.4%，其中
            if sentence[b:].lstrip("多余万亿").startswith(unit)]  # …110.8万辆: the whole in its unit
    if not same:
        return label  # a count of another kind
    whole = _GENERIC_TAIL.sub("", _figure_subject(sentence, *same[-1], 1))
    if _GRADE_ONLY.fullmatch(label):  # 企业技术中心860家，其中国家级48家: the centres of that
        things = _GRADE_LEAD.sub("", _BARE_VERB.sub("", whole, count=1))  # grade
        return _finish(label + things) if len(_FILLER.sub("", things)) >= 2 else label
    lead = _STAGE_LEAD.match(_WHOLE_LEAD.sub("", whole))  # 新登记…，其中企业…: the enterprises newly
    if (lead and not label.startswith(lead.group()) and _has_content(label)  # registered
            and not _WORK_VERB_RE.search(label)):  # a part with a verb of its own says its own
        return _finish(lead.group() + label)
    head = _named_head(whole)
    if not head or head == whole or label.endswith(head) or not _has_content(label):
        return label
    return _finish(label + head)


#: A part named only by its grade (``国家级``, ``5A级``), and a grade opening the whole's
#: name (``省级以上``), which the part's grade replaces.
_GRADE_ONLY = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]{1,4}级")
_GRADE_LEAD = re.compile("^" + _GRADE_ONLY.pattern + "(?:以上|以下|及以上)?")
#: A growth verb right before a rate (``增长15%``).
_GREW_BY = re.compile(r"(?:增长|下降)[约近超]?$")
#: The longest name of the units reached a share label takes (乡镇, 行政村, 县（市、区）).
_MAX_REACHED = 8


def _with_count_noun(label: str, sentence: str, start: int, end: int) -> str:
    """A count of events or visits is headed by its measure word (``举办国际赛事50余场``
    → ``举办国际赛事场次``), and so is each of two counts of the same things in a row
    (``识别监测对象20.9万户69.3万人`` → ``…户数``, ``…人数``); the people a project
    reaches are its 人口 (``城镇更新改造惠及390万人`` → ``城镇更新改造惠及人口``)."""
    if not label or _MEASURED_END.search(label) or _PER_UNIT.search(label):
        return label  # 每千人6.6批次: a rate per head, its unit is no count
    unit = _unit(sentence[start:end])
    if _counts_people(unit) and _REACH_END.search(label):
        return label + _REACHED_PEOPLE
    if unit.endswith("户") and _REACH_END.search(label):  # 改造老旧小区870个、惠及10万余户
        return label + _REACHED_HOUSEHOLDS
    paired = unit in _PAIRED_COUNTS and (_SECOND_COUNT.match(sentence, end)
                                         or _COUNT_BEFORE.search(sentence, 0, start)
                                         or (unit.endswith("户") and _PEOPLE_AHEAD.match(sentence, end))
                                         or ("户" in sentence[max(0, start - _PAIR_REACH):start]
                                             and _HOUSEHOLDS_BEFORE.search(
                                                 sentence, max(0, start - _PAIR_REACH), start)))
    noun = (_PAIRED_COUNTS.get(unit) if paired else None) or _COUNTED_EVENTS.get(unit)
    if noun is None and unit in _COUNTED_OCCASIONS and _OCCASION_END.search(label):
        noun = _COUNTED_OCCASIONS.get(unit)  # 治理排危4968处: occasions, not things
    if noun is None or label.endswith(noun):
        return label
    return label + noun


#: A label that is only a verb (with adverbs) names an action, not what is measured.
_BARE_VERB = re.compile(
    r"(?:基本|全面|累计|同时|共|已|新|再|又|先后|陆续|成功|首次|持续|全年|进一步|加快|高质量|扎实|"
    r"有序|大力|拟|将|要|继续)*"
    r"(?:建成|完成|实现|发行|开工|新开工|改造|新建|改建|建设|投入|安排|发放|落实|推广|交付|引进|培育|"
    r"打造|实施|启动|签约|接待|吸引|带动|治理|整治|减免|下达|争取|筹集|化解|支持|资助|惠及|覆盖|"
    r"帮助|救助|转移|搬迁|招引|招商|引育|认定|创建|创成|获批|入选|办结|受理|开通|通车|投运|投产|"
    r"建立|组建|设立|举办|开展|组织|培训|提供|增加|新增|达到|突破|超过|落户|上市|挂牌|出口|进口|"
    r"推进|清理|规范|提升|提质|改扩建|扩建|新改建|修复|保护|造林|种植|收储|回收|处置|淘汰|退出|"
    r"压减|关停|化解|净增|帮扶|引导|吸纳|安置|培养|救治|保障|解决|竣工|完工|投用|开业|办理|"
    r"更新|返还|兑现)+")


#: Verbs that spend or raise money (投入, 筹措 …) before an amount and its purpose.
_FUNDING_VERB = re.compile(r"(?:" + "|".join(_WORDS["funding_verbs"]) + r")$")
_FUNDS = "资金"


def _funds_for_purpose(sentence: str, start: int, end: int) -> str:
    """An amount a verb spends or raises on a purpose written after it (``筹措7亿元实施
    就业惠民工程``): the label is the money, ``筹措资金``, not the verb alone."""
    if not _unit(sentence[start:end]).endswith("元"):
        return ""  # most figures: no amount of money, so no clause to read
    c_start, c_end = clause_bounds(sentence, start, end)
    verb = _FUNDING_VERB.search(_strip_leading(sentence[c_start:start]))
    if verb is None or verb.start() > 0 or not _VERB_START_RE.match(sentence[end:c_end]):
        return ""
    return verb.group() + _purpose(sentence[end:c_end]) + _FUNDS


def _purpose(after: str) -> str:
    """The programme money is spent on, named after its amount (``实施助农惠民工程``,
    ``…成果找企业“双向揭榜挂帅”``): a quoted name, else a short object; "" when none."""
    lead = _PURPOSE_LEAD.match(after)
    if lead is None:
        return ""
    names = _PROGRAMME_NAME.findall(after, lead.end())
    if len(names) == 1:
        return str(names[0])
    object_ = _trim_noun(mask(after)[lead.end():].split("、")[0])
    return object_ if 2 <= len(object_) <= _MAX_PURPOSE and "□" not in object_ else ""


_PURPOSE_LEAD = re.compile(r"(?:用于|专项用于|实施|支持)")
#: A quoted name of a programme: the quote ends its clause or a programme word follows it
#: (``“双向揭榜挂帅”``, ``“百校千企”行动``), not a quote inside a noun (``“专精特新”企业``).
_PROGRAMME_NAME = re.compile(r"“[^”]{2,12}”(?:行动|工程|计划|专项)?(?=$|[，,；;。、和])")
#: A doubling word ending a level's label (``…翻番达到2206亿元``), with its 实现.
_DOUBLED_END = re.compile(f"(?:实现)?(?:{DOUBLING.pattern})$")
#: The shortest subject left once such a word is cut.
_MIN_SUBJECT = 2
#: The longest purpose a funds label names whole.
_MAX_PURPOSE = 12


#: How far after a figure the next figure of its run is looked for (``和0.8倍``).
_RUN_REACH = 8


def _for_bare_verb(sentence: str, start: int, end: int, verb: str, depth: int) -> str:
    """A label for a figure whose subject is only a verb: the noun written after the
    figure (``发行1万亿元抗疫特别国债`` → ``抗疫特别国债``), else the subject of the
    figure before it with the verb (``新开工安居工程666万套，基本建成544万套``)."""
    c_start, c_end = clause_bounds(sentence, start, end)
    after = _trim_noun(sentence[end:c_end]).lstrip("的")
    raw = sentence[end:end + _RUN_REACH]  # (_trim_noun strips the 、 that marks a run)
    in_run = raw[:1] in LIST_JOINS and bool(_figures(mask(raw)))
    if in_run:  # 出口和进口分别增长12%和8%: what follows is the run's next figure, no noun
        if verb in _MEASURE_HEAD_WORDS:
            return verb
        after = ""
    if verb in after:  # the verb itself was read from after the figure (1600万人进城落户)
        return _finish(after)
    noun = _split_verb_phrase(after)[0] if after else ""
    if _has_content(noun) and not _VERB_START_RE.match(noun) and not _figures(noun[:1]):
        return _finish(noun)
    if _has_content(after) and not _figures(after) and len(after) <= _MAX_LEN - 6:
        return _finish(after)  # 引导约1亿人在中西部地区就近城镇化: what the people do
    if verb in _MEASURE_HEAD_WORDS and _strip_leading(sentence[c_start:start]).startswith(verb):
        return verb  # （其中）出口增长10.1% opening its clause: the measure itself
    previous = _previous_clause(sentence, c_start)
    recorded = _recorded_before(previous) if _LEVEL_OR_PLAN_VERB.fullmatch(verb) else ""
    if recorded:  # 进出口总值创历史新高，达到5379亿元
        return recorded
    written = sentence.rfind(verb, c_start, start)  # 开工390个、竣工437个: from the verb's item
    inherited = _BARE_VERB_START.sub("", _inherit(sentence, max(written, c_start), depth + 1))
    if (_has_content(inherited) and not _BARE_VERB.fullmatch(inherited)
            and not _figures(inherited)):
        own_verb = _BARE_VERB_END.search(inherited, 2)  # 项目开工 → 项目竣工, not 项目开工竣工
        if own_verb:
            return _finish(inherited[:own_verb.start()] + verb)
        if verb.startswith("累计"):  # 新增高标准农田320万亩，累计建成5800万亩: the stock built
            return _finish(verb + _STAGE_LEAD.sub("", inherited))
        stage = _STAGE_VERB.fullmatch(_BRACKETED.sub("", verb))
        return _finish(verb + inherited if stage else inherited + verb)
    if not _has_content(previous) or _figures(previous):
        return verb
    programme = (_PROGRAMME_OF.fullmatch(previous)  # 实施新一轮农村公路提升行动，新（改）建…
                 or _EFFORT_ON.fullmatch(previous))  # 加大保障性安居工程建设力度，新开工…
    if (programme and not _LEVEL_OR_PLAN_VERB.fullmatch(verb) and not _REACH_END.search(verb)
            and programme["object"] not in _PLACE_OBJECTS):
        return _finish(verb + programme["object"])  # → 新（改）建农村公路
    if not _LEVEL_OR_PLAN_VERB.fullmatch(verb):
        return _finish(previous + verb)
    lead = _BARE_VERB.match(previous)  # 继续实施退耕还林还草，今年拟安排…: the programme
    return _finish(previous[lead.end():] if lead and len(previous) - lead.end() >= 2 else previous)


#: A programme named after the things it works on (``实施新一轮农村公路提升行动``): a bare
#: verb in the clause after it works on them.
_PROGRAMME_OF = re.compile(r"(?:继续|持续|深入|大力)?(?:实施|开展|启动)(?:新一轮|新一批)?(?P<object>[\u4e00-\u9fff]{2,8}?)"
                           r"(?:提升|提质|改造)(?:专项)?(?:行动|工程|计划)")
#: More effort on a thing (``加大保障性安居工程建设力度``): a bare verb after it does that thing.
_EFFORT_ON = re.compile(r"(?:继续|持续|进一步)?(?:加大|加强|加快)(?P<object>[\u4e00-\u9fff“”]{2,12}?)"
                        r"(?:建设|改造|推进|治理)?(?:力度|步伐|进度)")
#: Places a programme improves (城市更新, 乡村建设): what is counted in them is not named.
_PLACE_OBJECTS = frozenset({"城市", "乡村", "农村", "城镇", "县城"})
#: Verbs after which the clause before names the thing: a level reached, or an amount
#: planned for a programme (``实施退耕还林还草，今年拟安排500万亩``).
_LEVEL_OR_PLAN_VERB = re.compile(r"达到|突破|超过|达|(?:拟|将|要)?(?:安排|下达)")
#: A record the clause before a level states of its subject (``进出口总值创历史新高，达到…``).
_RECORD = re.compile(r"(?:再|又|首次|均)?创(?:历史|近年|同期)?(?:新高|最好水平|最高水平|纪录)$")


def _recorded_before(previous: str) -> str:
    """The subject of ``previous``, the clause before a level, when that clause only says it
    set a record (``全省进出口总值创历史新高，达到5379亿元``): the level is its. "" when the
    clause holds a figure or sets no record."""
    record = _RECORD.search(previous)
    if record is None or _figures(mask(previous)) or not _has_content(previous[:record.start()]):
        return ""
    return _finish(previous[:record.start()])


_BARE_VERB_END = re.compile("(?:" + _BARE_VERB.pattern + ")$")
#: Measures that are verbs too (出口, 进口): opening a clause, they are the measure itself.
_MEASURE_HEAD_WORDS = frozenset(_WORDS["measure_heads"])
_QUALIFIER_CHARS = "约近超逾过"
#: A stage of building works: it heads the things built, as a table header writes it
#: (``续建安置房7550套，新开工1000套`` → ``新开工安置房``).
_STAGE_VERB = re.compile(r"(?:基本|全面)?(?:新开工|开工|新建|续建|在建|建成|竣工|完工|投产|投运|开通|通车)")
_BARE_VERB_START = re.compile(r"^(?:新开工|开工|新建|续建|建成|完成|实施|启动|安排|推进)")
#: Measures that need an owner to mean anything (catalogues/labels.toml).
_OWNERLESS = frozenset(_WORDS["ownerless_measures"])
#: The stage or state a label of things opens with (``新增发电装机``, ``实有经营主体``,
#: catalogues/labels.toml): a total of them is without it, a 其中 part of them shares it.
_STAGE_LEAD = re.compile("^(?:" + "|".join(_by_length(_WORDS["stage_leads"])) + ")")
#: Measures of the whole of another measure, or of its change (增量): the owner keeps its own
#: measure before one (``粮食总产增量``, ``蔬菜产量增量``).
_TOTALS = ("总", "规模", "余额", "增量")


def _label(sentence: str, start: int, end: int, depth: int) -> str:
    """The subject of the figure ``sentence[start:end]``; a bare verb is never one."""
    named = _funds_for_purpose(sentence, start, end) or _those_having(sentence, start)
    if named:  # money for a programme, or things of a whole that have a property
        return named
    if "目标" in sentence[max(0, start - _BEYOND_REACH):start]:
        beyond = _beyond_target(sentence, start, depth)
        if beyond:
            return beyond
    if "超" in sentence[max(0, start - _BEYOND_REACH):start]:
        c_start, _ = clause_bounds(sentence, start, start)
        excess = _EXCESS_OF_TASK.fullmatch(_strip_leading(sentence[c_start:start]))
        owner = _owner_before_figure(sentence, c_start, depth) if excess else ""
        if excess and owner:  # 投资完成17亿元，超额完成年度任务2.1亿元: the figure before's
            return _finish(owner + excess.group())
    label = _subject_label(sentence, start, end, depth)
    if label in _CASUALTIES and _unit(sentence[start:end]).endswith("人"):  # 事故420起、死亡
        events = _owner_before_figure(sentence, start, depth)  # 380人: its toll
        if events:
            return _finish(events + label + "人数")
    cause = _cause_before(sentence, start) if _CAUSE_START.match(label) and not depth else ""
    if cause:  # 用好国补资金，带动消费…: what brought it about
        return _finish(cause + label)
    verb = _BRACKETED.sub("", label)  # 新（改）建6000公里: a verb too
    if _BARE_VERB.fullmatch(verb) or _STAGE_VERB.fullmatch(verb):  # …、在建8座
        return _for_bare_verb(sentence, start, end, label, depth)
    if _COMPARED.match(label):  # ``投资增长4%、高于全国7.8个百分点``
        compared = _compared_subject(sentence, start, depth)
        if compared:
            return _finish(compared + label)
    if _RATE_COMPARED.match(label) and not depth:  # 收入达到2.2万元，增速快于城镇居民1.8个
        owner = _owner_before_figure(sentence, clause_bounds(sentence, start, start)[0], 0)
        if owner:  # 百分点: the rate of the figure before
            return _finish(owner + label)
    over = _OVER_LAST_YEAR.match(_strip_leading(
        sentence[clause_bounds(sentence, start, start)[0]:start])) if _POINTS.match(sentence, start) else None
    if over:  # 增长68%，比上年提高24个百分点: the rate rose, in points
        compared = _compared_subject(sentence, start, depth)
        if compared.endswith(_GROWTH_RATES):
            return _finish(compared + over["verb"])
    lead = _run_lead(sentence, start) if label not in _OWNERLESS else ""  # 项目48个、总投资…
    if lead and not label.startswith(lead) and (
            not _BARE_VERB.match(label)  # 推进…、200个样板村建设: 推进建设样板村, as the first
            or (_WORK_START.match(label) and not _LIGHT_VERB.match(lead))):
        first = _run_object(sentence, start)
        head = _named_head(first)  # 淘汰落后炼钢炼铁产能…、水泥…: 产能
        return _finish(lead + _shared_modifier(first, label)
                       + (head if head and not _named_head(label) else ""))
    if depth:
        return label
    label = _of_things_before(sentence, start, label)
    if label in _HANDLING_RATES:  # 办结建议608件、提案684件，满意率100%: of handling them
        handled = _handled_before(sentence, start)
        if handled:
            return _finish(handled + ("" if label.startswith(_HANDLING_VERBS) else "办理") + label)
    topic = _sentence_topic(sentence, start) or _run_doer(sentence, start)
    if topic and topic not in label:
        return _finish(topic + label)
    return _owned_measure(sentence, start, label)


#: A plan's target a result is compared with and the excess over it (``比“十五”计划目标
#: 3000亿元超过1070亿元``): the target's value, then the excess.
_BEYOND_TARGET = re.compile(rf"比(?P<target>[^，,；;。{_DIGITS}]{{2,14}}?目标)"
                            rf"(?P<value>[{_DIGITS}][{_DIGITS}.．]*[万亿]*[\u4e00-\u9fff]{{0,2}}?)?"
                            r"(?P<verb>超过|超额|超出|多)?$")
_BEYOND_REACH = 30
#: The excess over a task or plan a clause states with no subject (``超额完成年度任务``).
_EXCESS_OF_TASK = re.compile(r"超额完成[\u4e00-\u9fff]{0,6}?(?:任务|目标|计划)")


def _beyond_target(sentence: str, start: int, depth: int) -> str:
    """The label of a plan target a result is compared with (its owner's ``…计划目标``) or
    of the excess over it (``…超过“十五”计划目标``), the owner being the subject of the figure
    before; "" for any other figure."""
    c_start, _ = clause_bounds(sentence, start, start)
    m = _BEYOND_TARGET.search(sentence, max(c_start, start - _BEYOND_REACH), start)
    verb = m["verb"] or sentence.startswith(_EXCESS_QUALIFIERS, start) if m else False
    if m is None or bool(m["value"]) != bool(verb):
        return ""  # the target's value has no verb after it; the excess has both before it
    owner = _owner_before_figure(sentence, c_start, depth)
    return _finish(owner + ("超过" if verb else "") + m["target"]) if owner else ""


#: Qualifiers a figure's text opens with that state an excess (``超过1070亿元``).
_EXCESS_QUALIFIERS = ("超过", "超出", "超额")


#: The toll of events counted before it (``事故420起、死亡380人``).
_CASUALTIES = frozenset({"死亡", "受伤", "失踪", "遇难"})
_CAUSE_START = re.compile("^(?:" + "|".join(_WORDS["cause_verbs"]) + ")")
_MEANS = re.compile(r"^(?:连续[^，,；;]{1,3}年)?(?:成功)?(?:" + "|".join(_by_length(_WORDS["means_verbs"]))
                    + r")(?P<object>[^，,；;]{2,})$")
_SERIES = re.compile(r"(?:一)?系列")


def _those_having(sentence: str, start: int) -> str:
    """The things of a whole named before that have a property (``国家公布产量的104种工业产品
    中，我省在全国占比超过10%的有44种、超过20%的有23种`` → ``在全国占比超过10%的工业产品``,
    ``在全国占比超过20%的工业产品``): the 的有 clause says which, the whole says what they
    are. A later item that states only the threshold takes the first item's measure."""
    if "的有" not in sentence[:start]:
        return ""  # most figures: no such clause, so nothing to bound
    c_start, _ = clause_bounds(sentence, start, start)
    left = sentence[c_start:start]
    having = _HAVING.search(left)
    whole = _WHOLE_OF_THINGS.search(sentence, 0, c_start) if having else None
    if not having or not whole:
        return ""
    items = mask(left[:having.start()])
    first_at = items.find("、")
    which = _strip_leading(left[items.rfind("、") + 1:having.start()])
    which = _WHOLE_LEAD.sub("", which)
    if first_at >= 0 and _THRESHOLD_START.match(which):  # 、超过20%的有…: the first's measure
        first = _WHOLE_LEAD.sub("", _strip_leading(left[:first_at]))
        threshold = _THRESHOLD_START.search(first)
        which = (first[:threshold.start()] if threshold else "") + which
    if not _has_content(which):
        return ""
    return _finish(which + "的" + whole["things"])


#: ``…的有`` before a count: the things that have the property before it.
_HAVING = re.compile(r"的有(?:约|近|超过|超|逾)?$")
#: The whole a 的有 count is part of, ending the clause before (``…104种工业产品中``).
_WHOLE_OF_THINGS = re.compile(rf"[{_DIGITS}]+[^\u4e00-\u9fff，,；;。]*[{_COUNTERS}]"
                              r"(?P<things>[\u4e00-\u9fff]{1,10})中[，,]$")
#: A threshold a later 的有 item states alone (``超过20%``).
_THRESHOLD_START = re.compile(rf"(?:{_QUALIFIERS}|高于|低于|达到|在)[{_DIGITS}{CN_DIGITS}万]")


def _cause_before(sentence: str, start: int) -> str:
    """The thing the clause before does (``组织系列促消费活动`` → ``促消费活动``) when the
    figure's clause opens with an effect verb and names no subject; "" when that clause holds
    a figure of its own or does no such thing."""
    c_start, _ = clause_bounds(sentence, start, start)
    own = sentence[c_start:start]
    if not own.startswith(tuple(_WORDS["cause_verbs"])):
        return ""
    return _means_before(sentence, c_start, spent=own.startswith(_REACH_VERBS))


def _means_before(sentence: str, c_start: int, *, spent: bool = False) -> str:
    """The object of the clause before the one at ``c_start`` when that clause does a thing
    (``实施“网链共享计划”``, ``组织系列促消费活动`` → ``促消费活动``) and holds no figure; with
    ``spent``, also when its one figure is the money it spends (``发放育儿补贴12亿元``)."""
    before = sentence[:max(c_start - 1, 0)]
    p_start, _ = clause_bounds(before, len(before), len(before))
    previous = before[p_start:].strip()
    figures = _figures(mask(previous))
    if spent and len(figures) == 1 and _SPENT_AMOUNT.fullmatch(previous, figures[0][0]):
        previous = previous[:figures[0][0]]  # 发放育儿补贴|12亿元: the means, its amount aside
        figures = ()
    means = _MEANS.match(previous) or _MEANS.match(_without_policy_lead(previous))
    if not means or figures or means["object"] in _BARE_MONEY:
        return ""  # (投入资金3.2亿元，惠及…: money named by no purpose is no means)
    return _SERIES.sub("", means["object"])


_BARE_MONEY = frozenset({"资金", "经费"})
#: The amount of money a means clause ends with (``12亿元``, ``超过3.5亿元``).
_SPENT_AMOUNT = re.compile(rf"[{_DIGITS}][{_DIGITS}.．]*(?:多|余)?[万亿]*元")


#: Predicates of coverage: the things are covered by the means the clause before does.
_COVERAGE = frozenset({"全覆盖", "覆盖"})
#: A causative 使 that ends a topic before the counted things it affects, not the 使 of a
#: word (促使, 行使, 大使).
_CAUSATIVE_END = re.compile(r"(?<![促迫行天大即])使$")
#: Prepositions that end a topic before counted receivers (``科技成果向500家医院推广``):
#: the topic is the object of the verb after them.
_OBJECT_PREPOSITIONS = ("向", "对", "给")
#: Verbs of things settling in a place (``未来科技城30家总部落户``): the topic before the
#: count is where they settle, so it leads the label; before any other predicate it owns them
#: (``深圳综合改革试点48项经验获全国推广`` → ``获全国推广的深圳综合改革试点经验``).
_SETTLING = re.compile(r"(?:落户|入驻|落地|集聚|聚集|布局|在)")


def _run_modifier(sentence: str, c_start: int, start: int) -> str:
    """The relative clause that leads a run of counts (``省委确定的14项引领性改革和314项
    改革任务``): a later count of the run is modified by it too (``省委确定的``). Empty
    unless the figure follows a 和/、 right after the first count's noun."""
    left = sentence[c_start:start]
    spans = _figures(mask(left))
    if not spans or not left.endswith(tuple(LIST_JOINS)) or len(spans) > 1:
        return ""
    modifier = _without_policy_lead(_strip_leading(left[:spans[0][0]]))
    return modifier if modifier.endswith("的") and len(modifier) >= _MIN_MODIFIER else ""


#: The shortest relative clause (with its 的) a run's later count takes.
_MIN_MODIFIER = 4


def _topic_owned(sentence: str, seg_start: int, depth: int) -> str:
    """The subject of the figure before ``seg_start``, with the topic that owns it when it is
    a bare measure (``成渝地区双城经济圈建设走深走实，经济总量超9万亿元，占全国比重…`` →
    ``成渝地区双城经济圈经济总量``)."""
    owner = _inherit(sentence, seg_start, depth)
    written = sentence.rfind(owner, 0, seg_start) if owner in _OWNERLESS else -1
    topic = (_clause_topic(sentence, written) or _sentence_topic_before(sentence, written)
             if written >= 0 else "")
    return topic + owner if topic and topic not in owner else owner


def _owner_before(sentence: str, at: int) -> str:
    """The subject of the nearest figure before ``at`` in its sentence part that names
    one (a figure after a bare verb, ``…、达到23.2万亿元``, names none), or the things a
    count just before counts (``20个合作项目落地、总投资…``)."""
    masked = mask(sentence)
    begin = max(masked.rfind(ch, 0, at) for ch in "；;。") + 1
    for a, b in reversed(_figures(masked[begin:at])):
        qualifier = _QUALIFIER_BEFORE.search(sentence, 0, begin + a)
        a, b = (qualifier.start() if qualifier else begin + a), _extend(sentence, begin + b)
        c_start, c_end = clause_bounds(sentence, a, b)
        if _counts_noun_after(_unit(sentence[a:b]), sentence[b:c_end]):
            # 促成120余个项目、推进2000个重点项目: the things counted own it, not the verb
            things = _split_verb_phrase(_noun_after(sentence, b, c_end))[0]
            return things if len(_FILLER.sub("", things)) >= 2 else ""  # 20个项目落地、总投资…
        subject = _subject(sentence, c_start, a)[0]
        if len(_FILLER.sub("", subject)) >= 2:
            return subject
    return ""


#: The longest bare rate (``参保率``) that the figure before it names the owner of, when
#: that figure counts those the rate is of (``参保人数``).
_SHORT_RATE = 4
_COUNT_NOUNS = ("人数", "户数", "人次", "个数", "家数")
#: A contribution (``对经济增长贡献率``) written without its owner, who contributes.
_CONTRIBUTIONS = ("贡献率", "贡献度")


def _sentence_topic_before(sentence: str, at: int) -> str:
    """The topic of the nearest topic clause before ``at`` in its sentence part
    (``服务业支撑作用更加明显，增加值跨上3万亿元台阶，对经济增长贡献率超60%`` → ``服务业``)."""
    masked = mask(sentence)
    begin = max(masked.rfind(ch, 0, at) for ch in "；;。") + 1
    c_start = clause_bounds(sentence, at, at)[0]
    while c_start > begin:
        topic = _clause_topic(sentence, c_start)
        if topic:
            return topic
        c_start = clause_bounds(sentence, c_start - 2, c_start - 2)[0]
    return ""


#: Verbs by which things yield a measure of theirs (``释放产值``, ``实现营收``).
_YIELDING = re.compile(r"^(?:释放|实现|创造|形成|贡献)")
#: A duration a measure is taken over (``五年增量``, ``3年投资``).
_DURATION_LEAD = re.compile(r"^(?:[一二三两四五六七八九十]|[0-9０-９]{1,2})年")
#: Measures of the things a stage word counts as new (``新开通高速公路6条、里程480公里``).
_OF_THE_NEW = frozenset({"里程"})
#: A phase a measure is taken of (``首期规模``, ``一期投资``).
_PHASE_LEAD = re.compile(r"^(?:首期|首批|一期|二期|三期)")
#: A thing a clause founds, named at its end (``组建省产业投资基金``, ``设立…的省科创母基金``).
_FOUNDED = re.compile(r"(?:设立|组建|成立|发起设立|发起|设立了|组建了|的)(?P<thing>[\u4e00-\u9fff“”（）()]{2,16})$")
#: The verb of work done that a measure after a count keeps (``…项目304个、完成投资4608亿元``).
_DONE = "完成"


def _owned_measure(sentence: str, start: int, label: str) -> str:
    """A measure named with no owner (``规模以上工业企业达7.6万家、增加值增长3%``,
    ``营收增长5.9%、利润增长5.5%``) belongs to the subject of the figure before it in the
    sentence, less that figure's own measure (``规模以上工业企业增加值``, ``…企业利润``);
    a total (总额, 规模) belongs to that figure's whole subject (``外贸进出口总额``)."""
    if label.endswith("率") and len(label) <= _SHORT_RATE:  # 基本养老保险参保人数…，参保率
        written = sentence.rfind(label, 0, start)  # …: the rate of what the figure before counts
        owner = _owner_before(sentence, written) if written >= 0 else ""
        at = owner.find(label[:2], 1)  # (参保人数 counts the insured; 财政赤字 counts nobody)
        if at > 0 and owner.endswith(_COUNT_NOUNS) and not _figures(mask(owner[:at])):
            return _finish(owner[:at] + label)
    yielding = _YIELDING.match(label)  # 新增工业产能项目989个、释放产值超1500亿元: the
    measure = label[yielding.end():] if yielding else ""  # projects' output, released
    if measure in _OWNERLESS:
        owned = _owned_measure(sentence, start, measure)
        return _finish(owned[:-len(measure)] + label) if owned != measure else label
    written = sentence.rfind(label, 0, start)
    done = _DONE if written >= 2 and sentence[written - 2:written] == _DONE else ""  # 完成投资
    contribution = label.endswith(_CONTRIBUTIONS) and sentence[written - 1:written] == "对"
    if _PHASE_LEAD.match(label) and _PHASE_LEAD.sub("", label) in _OWNERLESS and written >= 0:
        founded = _FOUNDED.search(_previous_clause(sentence, clause_bounds(sentence, written, written)[0]))
        if founded:  # 组建省产业投资基金，首期规模500亿元: the phase of what was founded
            return _finish(founded["thing"] + label)
    if (_DURATION_LEAD.sub("", label) not in _OWNERLESS and not contribution) or written < 0:
        return label  # (五年增量: a measure over a duration is as ownerless as the measure)
    measured = _owner_before(sentence, written)
    owner = measured or _clause_topic(sentence, written) or _sentence_topic_before(sentence, written)
    if contribution:  # 服务业…，增加值…，对经济增长贡献率…: the topic behind a bare measure
        doer = _MEASURE_HEADS.sub("", owner)  # 非烟非能工业增加值增长8.1%、对…贡献率: its doer
        if not _has_content(doer):
            doer = _sentence_topic_before(sentence, written)
        elif doer == owner == measured:  # a figure's whole name (国内生产总值) is no doer
            doer = ""
        return _finish(doer + "对" + label) if doer else label
    if label in owner:  # the figure before measured the same thing
        return label
    if not label.startswith(_TOTALS) or (label.startswith("总") and label[1:] in _OWNERLESS
                                          and not owner.endswith(label[1:])):  # 总产量: the
        owner = _MEASURE_HEADS.sub("", owner)  # owner of 产量, less its other measure (播种面积)
    elif label.startswith("总") and owner.endswith(label[1:]):  # 新增发电装机…、总装机…:
        owner = _STAGE_LEAD.sub("", owner[:-len(label) + 1])  # the whole of what was added
    # 建设亿元以上项目4000个: the projects, not the building; but 新开通高速公路6条、里程…:
    verb = None if label in _OF_THE_NEW and _STAGE_LEAD.match(owner) else (  # the new ones
        _BARE_VERB.match(owner) or _OCCASION_START.match(owner))
    if verb and len(_FILLER.sub("", owner[verb.end():])) >= 2:
        owner = owner[verb.end():]
    occasion = _OCCASION_END.search(owner)  # 中欧班列开行1600列，货值…: the trains' goods
    if occasion and len(_FILLER.sub("", owner[:occasion.start()])) >= 2:
        owner = owner[:occasion.start()]
    if len(_FILLER.sub("", owner)) < 2 or _figures(mask(owner)) or owner.endswith(label):
        return label
    return _finish(owner + done + label)


_TOPIC_BREAK = re.compile("|".join(_WORDS["topic_breaks"]))
_CJK_START = re.compile(r"[\u4e00-\u9fff“]")
#: The longest sentence before a bare measure that can be its lead (``经营主体稳中培优。``).
_MAX_LEAD = 16


def owned_by_lead(label: str, lead: str, sentence: str, start: int) -> str:
    """``label`` of the figure at ``start``, owned: a measure named with no owner (``总量``)
    in a sentence's first clause belongs to the topic of ``lead``, the sentence before,
    when that one is short, holds no figure, and names a topic and how it fares
    (``经营主体稳中培优。总量达1461.4万户`` → ``经营主体总量``)."""
    lead = lead.strip()
    if (label not in _OWNERLESS or not lead or len(lead) > _MAX_LEAD
            or clause_bounds(sentence, start, start)[0] or _figures(mask(lead))):
        return label
    cut = _TOPIC_BREAK.search(lead, 2)
    topic = lead[:cut.start()] if cut else ""
    if (len(_FILLER.sub("", topic)) < 2 or not _CJK_START.match(topic)
            or _VERB_START_RE.match(topic) or _BARE_VERB.match(topic)
            or _LEADING_VERB.match(topic) or _LEADING_RE.match(topic)):
        return label
    return _finish(topic + label)


def _clause_topic(sentence: str, at: int) -> str:
    """The topic of the clause just before the one at ``at``, when that clause is a
    topic and its predicate (``服务业支撑作用更加明显，增加值…``, ``成渝地区双城经济圈建设
    走深走实，经济总量…``): the noun before the predicate owns a bare measure after it."""
    c_start, _ = clause_bounds(sentence, at, at)
    if c_start < 2 or sentence[c_start - 1] not in "，,":
        return ""
    previous = sentence[clause_bounds(sentence, c_start - 2, c_start - 2)[0]:c_start - 1]
    item = previous[mask(previous).rfind("、") + 1:]
    cut = _TOPIC_BREAK.search(item, 2)
    topic = item[:cut.start()] if cut else ""
    pushed = _LEADING_VERB.match(topic)  # 推动新能源汽车产业提质扩量，…产量: what is pushed
    if pushed and len(_FILLER.sub("", topic[pushed.end():])) >= _MIN_TOPIC:
        topic = topic[pushed.end():]
    if (len(_FILLER.sub("", topic)) < 3 or _figures(mask(topic)) or _VERB_START_RE.match(topic)
            or _BARE_VERB.match(topic) or _LEADING_VERB.match(topic) or _LEADING_RE.match(topic)):
        return ""
    return topic


def _sentence_topic(sentence: str, start: int) -> str:
    """The topic a sentence opens with (``未来科技城30家央企研发总部落户，已引进千人计划专家
    79人``) for a later clause with no subject of its own: one that opens with its verb."""
    c_start, _ = clause_bounds(sentence, start, start)
    if not c_start:
        return ""  # the figure's clause opens the sentence: no topic before it
    own = _strip_leading(sentence[c_start:start])
    if not (_BARE_VERB.match(own) or _VERB_START_RE.match(own)):
        return ""
    masked = mask(sentence)
    begin = max(masked.rfind(ch, 0, start) for ch in "；;。") + 1
    spans = _figures(masked[begin:c_start])
    if c_start <= begin or not spans:
        return ""
    first, first_end = begin + spans[0][0], _extend(sentence, begin + spans[0][1])
    f_start, f_end = clause_bounds(sentence, first, first)
    topic = _strip_leading(sentence[f_start:first])
    if (f_start != begin or not _is_topic(topic)
            or _unit(sentence[first:first_end])[-1:] not in _MEASURE):
        return ""  # the first figure must count things (30家), not an amount or a rate
    noun = _noun_after(sentence, first_end, f_end)
    return topic if noun and _split_verb_phrase(noun)[1] else ""


#: A total with no owner of its own (总投资, 投资总额): the things counted just before own it.
_OWNERLESS_TOTAL = re.compile(r"^(?:总(?:投资|规模|产值|面积|金额|产能|里程)|(?:投资|资金)?总额)")


def _of_things_before(sentence: str, start: int, label: str) -> str:
    """A clause that names only a total (``…示范工程6项，总投资6.7亿元``) or repeats the head
    of the noun counted just before it (``…示范工程6项，工程投资总额…``) measures those
    things: their noun, without the verb that counted them, is the label's owner."""
    head = label[:2]
    if len(label) < 3 or not (_OWNERLESS_TOTAL.match(label) or head in sentence[:start - len(label)]):
        return label  # no total, and the head is written nowhere before: nothing to own it
    c_start, _ = clause_bounds(sentence, start, start)
    if c_start == 0 or not _strip_leading(sentence[c_start:start]).startswith(head):
        return label  # the label is no subject written before the figure (8家企业获评…)
    prev_start, _ = clause_bounds(sentence, c_start - 1, c_start - 1)
    previous = sentence[prev_start:c_start - 1]
    spans = _figures(mask(previous))
    if not spans or len(previous) - spans[-1][1] > 4:
        return label  # the clause before does not end in a count of things (24小时提供…服务)
    owner = _inherit(sentence, c_start, 1)
    if not previous[: spans[-1][0]].rstrip(_QUALIFIER_CHARS).endswith(owner[-2:]):
        return label
    while verb := (_LEADING_VERB.match(owner) or _BARE_VERB.match(owner) or _VERB_START_RE.match(owner)):
        if len(_FILLER.sub("", owner[verb.end():])) < 2:  # 推动落地…工程: neither verb is
            break  # the things'
        owner = owner[verb.end():]
    if len(_FILLER.sub("", owner)) < 2 or _figures(owner) or owner.endswith(label):
        return label
    if _OWNERLESS_TOTAL.match(label):  # 新增通车里程1523公里，总里程达…: the stock itself
        return _finish(owner if owner.endswith(label[1:]) else owner + label)
    if (owner.endswith(head) and len(owner) > len(head) and len(label) > len(head) + 1
            and not _COMPLETE.search(owner)):
        return _finish(owner + label[2:])
    return label


_PLAN_PERIOD = r"[“\"]?(?:十[一二三四五六七八九]?|[六七八九])五[”\"]?(?:时期|期间)?"
_COMPARED = re.compile(rf"(?:高于|低于|快于|慢于|好于|优于|超过|超出|高出)(?:全国|全省|全市|全区|平均"
                       rf"|{_PLAN_PERIOD}|[^，,；;。、0-9０-９]{{1,10}}?(?:增速|增幅))"
                       rf"|比(?:全国|全省|全市|全区|{_PLAN_PERIOD})(?:平均)?(?:水平)?(?:增速|增幅)?"
                       r"(?:高出|高|低|快|慢)")
#: A share a list's items each hold of one whole (``均占规上工业总产值10%以上``), up to the
#: figure.
_SHARE_OF = re.compile(rf"占(?P<whole>[^，,；;。{_DIGITS}]{{2,16}}?)的?(?:{_QUALIFIERS})?$")


def _compared_subject(sentence: str, start: int, depth: int) -> str:
    """What a comparison after a 、 compares: the figure before it, as a rate when that
    figure is a growth rate (``民间投资增长2.1%、高于全国8.5个百分点`` → ``民间投资增速``)."""
    if depth:
        return ""
    c_start, _ = clause_bounds(sentence, start, start)
    masked = mask(sentence)
    sep = masked.rfind("、", c_start, start)
    if sep < 0 and c_start > 0 and sentence[c_start - 1] in "，,":  # 增长7.7%，高于全国…
        c_start, sep = clause_bounds(sentence, c_start - 1, c_start - 1)[0], c_start - 1
    spans = _figures(masked[c_start:sep]) if sep >= 0 else ()
    if not spans:
        return ""
    a, b = c_start + spans[-1][0], _extend(sentence, c_start + spans[-1][1])
    previous = _label(sentence, a, b, depth + 1)
    found = change_word(sentence, a, b)
    if found and _RATE_TEXT.search(sentence, a, b):
        previous += _COMPARED_RATES.get(found[1], found[1])
    return previous


#: Verbs of holding or estimating after the jurisdiction's prefix (``全市共有…``,
#: ``全区预计完成…``), no part of a label.
_HOLDING = re.compile("^(?:共有|拥有|预计(?:完成|实现|达到)?)")
#: A rate named bare before the rate it is compared with (``增速快于城镇居民``).
_GROWTH_RATES = ("增速", "增幅")
_RATE_COMPARED = re.compile("(?:" + "|".join(_GROWTH_RATES)
                            + r")(?:比[^，,；;。]{1,8}?)?(?:快于|高于|低于|慢于|快|高|低|慢)")
#: A change over last year written with no subject (``，比上年提高24个百分点``).
_OVER_LAST_YEAR = re.compile(r"(?:比|较)(?:上年|去年)(?:同期)?(?P<verb>提高|加快|回落|下降|降低|放缓)$")
#: A qualifier that is a verb of its own (``产量突破5000台``): the figure has a predicate.
_VERB_QUALIFIER = re.compile(r"突破|跨过|迈上|跨上|达到")


def _run_lead(sentence: str, start: int) -> str:
    """The verb that leads a 、/和-run of items with their own numbers (``新开工改造城镇老旧
    小区4402个、城中村5.1万户``, ``推进21个先行片区、200个样板村``): later items are
    done by it too. Empty when the figure is not a later item of such a run."""
    c_start, _ = clause_bounds(sentence, start, start)
    masked = mask(sentence)
    sep = masked.rfind("、", c_start, start)
    if start - 1 > max(sep, c_start) and masked[start - 1] in "和及与" and _is_link(sentence, start - 1):
        sep = start - 1  # 新建5个产业园和12个孵化器: a run joined by 和
    item = sentence[sep + 1:start]
    if (sep < 0 or _figures(masked[sep + 1:start]) or not _figures(masked[c_start:sep])
            or _trailing_word(item.rstrip(_QUALIFIER_CHARS)) or _BARE_VERB.match(item)
            or _VERB_QUALIFIER.match(sentence, start)):
        return ""  # not a later item, or one with its own verb (新增装机…、总装机达…、产量突破…)
    head = _strip_leading(sentence[c_start:sep])
    verb = _BARE_VERB.match(head)
    topic = ""
    if not verb and "分别" in head:
        return ""  # 城乡居民收入分别完成a、b: a topic's 分别 shares the run out to its items
    if not verb:  # 邮轮母港接待邮轮91艘次、旅客30余万人次: a topic, then the run's verb
        opening = _figures(mask(head))
        first_at = opening[0][0] if opening else len(head)
        verb = _TOPIC_RUN_VERB.search(head, _MIN_TOPIC, first_at)
        topic = head[:verb.start()] if verb else ""
        if (not _is_topic(topic) or _figures(mask(topic)) or _LIST_JOIN.search(topic)
                or (verb and _MEASURE_HEADS.search(head, verb.end(), first_at))  # 建成区面积
                or _CASE_LEAD.match(_ENUMERATOR.sub("", sentence[c_start:sep]))):
            return ""  # 为…患者实施手术…、…: a beneficiary, not a doer
    if not verb or verb.end() >= len(head):
        return ""
    first = mask(head)[verb.end():]
    spans = _figures(first)
    object_ = _QUALIFIER_BEFORE.sub("", first[:spans[0][0]] if spans else first)
    if (_MEASURE_HEADS.search(item) and not _MEASURE_HEADS.search(object_)
            and not _WORK_START.fullmatch(verb.group())):
        return ""  # 接待游客11亿人次、旅游收入超万亿元: a measure of its own, not an object
    joined = _JOINED_VERB.match(head, verb.end())  # 新建和改造提升农贸市场…、…: both verbs
    return topic + verb.group() + (joined.group() if joined else "")


#: A second verb joined to a run's first by 和/及 (``新建和改造提升``).
_JOINED_VERB = re.compile("[和及](?:" + _BARE_VERB.pattern + ")")
#: Verbs a doer does to the first item of a run (the run verbs, and gathering verbs:
#: ``辽宁实验室集聚科研人员…``).
_DOER_VERB = re.compile("(?:" + "|".join(_by_length(
    _WORDS["topic_run_verbs"] + _WORDS["gathering_verbs"])) + ")(?![值率量额区期])")
#: The jurisdiction's whole before a doer (``全市博物馆``): the report's own scope.
_WHOLE_LEAD = re.compile("^(?:" + "|".join(_by_length(_WORDS["wholes"])) + ")")


def _handled_before(sentence: str, start: int) -> str:
    """The things handled in the clauses before a rate of handling them (``办结人大代表议案
    建议608件、政协提案684件，满意率均100%`` → ``人大代表议案建议、政协提案``): each figure's
    subject less the verb of handling. Empty when the clauses before handle nothing."""
    c_start, _ = clause_bounds(sentence, start, start)
    handled = []
    for subject in _parallel_subjects(sentence, c_start):
        if subject.endswith(tuple(_HANDLING_RATES)):
            continue  # 办结率100%，满意率98.5%: the rate before is of the same things
        verb = _HANDLING.search(subject)
        if verb is None or not _has_content(subject[verb.end():]):
            return ""
        handled.append(subject[verb.end():])
    return "、".join(handled) if 0 < len(handled) <= _MAX_HANDLED else ""


#: Rates of handling deputies' proposals and the like (catalogues/labels.toml), the verbs of
#: handling them, and the most things one such rate is read over.
_HANDLING_RATES = frozenset(_WORDS["handling_rates"])
_HANDLING = re.compile("^[^，,；;。]*?(?:" + "|".join(_by_length(_WORDS["handling_verbs"])) + ")")
_MAX_HANDLED = 3
_HANDLING_VERBS = tuple(_WORDS["handling_verbs"])


def _run_doer(sentence: str, start: int) -> str:
    """The doer that opens a 、-run whose later items lead with verbs of their own
    (``辽宁实验室集聚科研人员1110人、实施自主科研项目88项`` → ``辽宁实验室``): each item
    is its doing, less the report's whole before it (全市). Empty for the first item, for an
    item with a subject of its own, and for a run that opens with its verb."""
    if "、" not in sentence[:start]:
        return ""  # no run before the figure
    c_start, _ = clause_bounds(sentence, start, start)
    masked = mask(sentence)
    sep = masked.rfind("、", c_start, start)
    if sep < 0 or _figures(masked[sep + 1:start]) or not _figures(masked[c_start:sep]):
        return ""
    item = _strip_leading(sentence[sep + 1:start])
    if not (_TOPIC_RUN_VERB.match(item) or _BARE_VERB.match(item)):
        return ""
    head = _strip_leading(_ENUMERATOR.sub("", sentence[c_start:sep]))
    first_at = _figures(mask(head))[0][0]
    verb = _DOER_VERB.search(head, _MIN_TOPIC, first_at)
    doer = _WHOLE_LEAD.sub("", head[:verb.start()]) if verb else ""  # 全市博物馆…: the museums
    if (len(_FILLER.sub("", doer)) < _MIN_TOPIC or not _is_topic(doer, listed=True)
            or _CASE_LEAD.match(doer)):
        return ""
    return doer


def _shared_modifier(first: str, later: str) -> str:
    """A later item of a run with the modifier it shares with the first (``国家级绿色工厂
    120家、绿色工业园区18个`` → ``国家级绿色工业园区``): when the later item opens with a word
    of two or more characters the first holds after a modifier, that modifier leads it."""
    for size in range(min(len(later), _MAX_SHARED_WORD), 1, -1):
        at = first.find(later[:size], 1)
        if (at > 0 and not _figures(mask(first[:at])) and not _LIST_JOIN.search(first[:at])
                and first[:at] not in _PLACE_OBJECTS):  # (城镇老旧小区…、老旧管道: a place of
            return first[:at] + later  # the first item's own)
    return later


#: The longest opening word a later run item is matched on in the first item.
_MAX_SHARED_WORD = 4


def _run_object(sentence: str, start: int) -> str:
    """The object the verb of a run takes in its first item (``淘汰落后炼钢炼铁产能9000多万
    吨、水泥…`` → ``落后炼钢炼铁产能``), for a later item of the run; "" otherwise."""
    c_start, _ = clause_bounds(sentence, start, start)
    head = sentence[c_start:start]
    spans = _figures(mask(head))
    verb = _BARE_VERB.match(_strip_leading(head))
    if not spans or verb is None:
        return ""
    first = _strip_leading(head)[verb.end():]
    first_spans = _figures(mask(first))
    return _QUALIFIER_BEFORE.sub("", first[:first_spans[0][0]]) if first_spans else ""


#: A quality of counted places or waters that a predicate after it states (``盟市|空气质量
#: 全部达标``, ``设区市|断面水环境质量进入全国前十``): it belongs to the predicate.
_QUALITY_END = re.compile("(?:" + "|".join(_by_length(_WORDS["qualities"])) + ")$")
#: A preposition opening a clause: what follows is its object, not the clause's doer.
_CASE_LEAD = re.compile("[为对向给在从]")
#: Verbs a topic does to each item of a run after it (``邮轮母港接待邮轮…、旅客…``); a
#: level verb (达到, 突破) or a noun's first word (增加值, 覆盖率) leads no run.
_TOPIC_RUN_VERB = re.compile("(?:" + "|".join(_by_length(_WORDS["topic_run_verbs"]))
                             + ")(?![值率量额区期])")


def _subject_label(sentence: str, start: int, end: int, depth: int) -> str:
    if sentence.startswith("户", end - 1):
        ahead = _PEOPLE_AHEAD.match(sentence, end)  # 对6.48万户23.24万农村常住人口…: the
        if ahead:  # households of the people named after the pair
            return _subject_label(sentence, ahead.start("people"), ahead.end("people"), depth)
    window = max(0, start - _PAIR_REACH)
    households = (_COUNT_BEFORE.search(sentence, window, start)
                  if "户" in sentence[window:start] else None)  # (most figures: none before)
    if (households and sentence.startswith("户", households.end() - 1)  # …减至887户1472人:
            and not _PEOPLE_AHEAD.match(sentence, households.end())):  # the same things (not
        return _subject_label(sentence, households.start(), households.end(), depth)  # …户23万农村人口)
    c_start, c_end = clause_bounds(sentence, start, end)
    text = sentence[start:end]
    left = sentence[c_start:start]
    right = sentence[end:c_end]
    if "占" in text:  # ``约占全国三分之一``: the qualifier sits before 占
        left, text = left + text[: text.index("占")], text[text.index("占") :]

    listed = _listed_subject(sentence, c_start, start, c_end, nested=depth > 0) or _run_item(
        sentence, c_start, start, end, _unit(text))
    if listed:
        return _finish(listed)

    subject, cut, seg_start = _subject(sentence, c_start, start)
    if _RANK_ITEM.match(subject):  # …、稳居全国前十强、增长4.8%: a predicate, no subject
        subject = ""
    ranked = _RANKED_ITEM.match(subject)  # 花卉产量全球第一、优质鲜切花占比60%: its own item
    if ranked and _has_content(subject[ranked.end():]):
        subject = subject[ranked.end():]
    if _SCOPED_SHARE.match(subject):  # 占全国比重…，在北方地区占比由…: the same owner's share
        owner = _owner_before_figure(sentence, seg_start, depth)
        subject = owner + subject if _has_content(owner) and owner[0] != "在" else subject
    unit = _unit(text)
    noun = _noun_after(sentence, end, c_end) if _counts_noun_after(unit, right) else ""
    if noun:
        agent = _agent_label(sentence, c_start, start, end, c_end, noun)
        if agent:
            return _finish(agent)
        noun_part, verb_part = _split_at_place(noun)  # 45个县（市、区）整县建设美丽乡村: what
        at_once = _PLACE_VERB.search(mask(verb_part), 0, _PLACE_VERB_NEAR + 4)
        if not at_once or at_once.start() > _PLACE_VERB_NEAR:  # the units do, said at once
            noun_part, verb_part = _split_verb_phrase(noun)
            if not verb_part and noun_part == noun:
                noun_part, verb_part = _split_at_place(noun)
            if not verb_part and noun_part == noun:  # 191家工业企业营业收入超百亿元
                noun_part, verb_part = _split_at_measure(noun)
        measured = _MEASURED_AFTER.match(right, len(noun))  # 810个省重点项目完成投资1.04万亿元:
        if verb_part and right.startswith(noun) and measured and "%" not in measured.group():
            verb_part = ""  # the verb takes the amount after it, not the count before
        if not verb_part and len(noun) <= _SHORT_OWNER and right.startswith(noun):
            verb_part = _shared_predicate(sentence, end + len(noun), c_end)  # 8所高校14个学科入选…
        if not verb_part and right.startswith(noun):  # 10个装置、28个实验室在川布局
            verb_part = _run_predicate(sentence, end + len(noun), c_end)
        if unit.endswith("人"):  # people: what follows says what they do (1600万人进城落户)
            noun_part, verb_part = noun, ""
        if _BENEFICIARY.search(left) and not verb_part:  # 为1700多万困难群众发放补贴
            done = _BARE_VERB.search(noun, 2)
            split = _ADVERB_END.search(noun, 0, done.start()) if done else None
            at = split.start() if split else done.start() if done else 0
            if done and _has_content(noun[:at]):
                noun_part, verb_part = noun[:at], noun[at:]
        if unit in ("", "万", "亿"):  # people counted before what is said of them
            people, of_them = _people_and_theirs(noun_part)
            if of_them and _BARE_VERB.fullmatch(subject):  # 解决6000万农村人口（的）饮水安全
                return _finish(subject + of_them + "的" + people)  # 问题: the people it solves for
            if of_them and noun_part[len(people)] == "的":  # 13亿多人口的发展中大国: the head;
                noun_part, verb_part = people, ""  # 13亿中国人的饭碗端在…: not what they do
        quality = _QUALITY_END.search(noun_part) if verb_part else None  # 12个盟市空气质量全部
        if quality and len(_FILLER.sub("", noun_part[:quality.start()])) >= 2:  # 达标: the places
            noun_part, verb_part = noun_part[:quality.start()], quality.group() + verb_part  # whose
        if verb_part and noun_part:  # ``9所高职学校入选…`` → ``入选…的高职学校`` (quality passes)
            at = left.rfind(subject)  # 116个国家和地区近4000名…: 地区 is a conjunct, no topic
            conjunct = at > 0 and left[at - 1] in "和及与"
            topic = subject if _is_topic(subject) and not conjunct else ""
            if (topic.endswith(_OBJECT_PREPOSITIONS) or _CAUSATIVE_END.search(topic)) and len(
                    topic) > 2:  # 科技成果向500家医院推广, 检查使600万个家庭受益:
                topic = topic[:-1]  # 科技成果推广的医院, no dangling 向 or 使
            adverbs = _POLICY_LEAD.match(verb_part)  # 30余个合作项目扎实落地: no 扎实
            if adverbs and adverbs.end() < len(verb_part):
                verb_part = verb_part[adverbs.end():]
            if _owns_the_counted(topic, subject) and not _SETTLING.match(verb_part):
                return _finish(verb_part + "的" + topic + noun_part)  # 试点48项经验获全国推广
            covering = _means_before(sentence, c_start) if verb_part in _COVERAGE else ""
            if covering:  # 实施“网链共享计划”，实现882个学区…全覆盖: what covers them
                return _finish(covering + "覆盖" + noun_part)
            return _finish(topic + verb_part + "的" + noun_part)  # 未来科技城30家总部落户
        if (left.endswith(("和", "及", "与")) and not _word_before_function(left)) or (
                # ``A建设和7所高校…``: an item of its own
                unit.endswith("元") and _BARE_VERB.fullmatch(subject)):  # 发行1万亿元抗疫国债
            subject = ""
        if not _has_content(subject) and _NEW_COUNT.search(cut):  # 新增12家上市公司
            subject = "新增"
        if subject.endswith("等") or _EXAMPLE_SCOPE.search(mask(subject)):  # 布局实施A、B等9个C:
            subject = _verbs_before_examples(subject)  # the count counts the class, not them
        lead = subject if _has_content(subject) else _run_lead(sentence, start)
        if not _has_content(subject):  # 省委确定的14项引领性改革和314项改革任务
            subject = _run_modifier(sentence, c_start, start)
        work = _work_on(noun_part or noun, sentence, end, c_end) if _WORK_LEAD.search(lead) else ""
        if work:  # 实施3000个老旧小区、120个老旧街区改造 → 改造老旧小区
            return _finish(_join(_LIGHT_VERB.sub("", subject), work))
        if left.endswith("的") and _has_content(subject) and not subject.endswith("的"):
            subject += "的"  # 省委确定的14项引领性改革: the relative clause stays one
        return _finish(_join(subject, noun_part or noun))
    sized = _SIZE_BEFORE.search(left) if right.startswith("的") else None
    if sized:  # 总规模1200亿元的国家集成电路产业基金落户北京: the fund's size
        owner = _split_verb_phrase(_trim_noun(_LEADING_FIGURE.sub("", right[1:])))[0]  # 的389个
        if any(noun in right[1:_LEVEL_REACH] for noun in _LEVEL_NOUNS):  # 在经济总量超过…
            stood_on = _clean_subject(left)[0].removeprefix("在")  # 的高基数上: the measure
            if _has_content(stood_on):
                return _finish(stood_on)
        elif _has_content(owner) and not _figures(owner):
            return _finish(owner + sized.group(1))
    reach = _REACH_END.search(left) if right.startswith("的") else None
    if reach and _counts_people(unit):  # 惠及3400万人的X工程
        owner = _split_verb_phrase(_noun_before_predicate(right[1:]))[0]
        if _has_content(owner):
            return _finish(owner + reach.group(1) + _REACHED_PEOPLE)
    if right.startswith("的") and _has_content(right[1:]):  # ``全市7%的平原面积``
        whole = _WHOLE_BEFORE.search(left)
        if whole and _RATE_TEXT.search(text):  # 以全市7%的平原面积创造了…: a share of a whole
            noun = _noun_before_predicate(right[1:])
            owner_text = left[: whole.start()]
            earlier = _figures(mask(owner_text))  # 以全省5%的土地创造了全省40%的…
            if earlier:
                owner_text = _WHOLE_BEFORE.sub("", owner_text[: earlier[0][0]])
            owner = _clean_subject(owner_text)[0]
            if not earlier and (whole.group().startswith("了") or owner_text.endswith("了")) and (
                    owner_text.rstrip("了") == owner):  # 贡献了全国24%的增量:
                owner = _inherit(sentence, seg_start, depth)  # the subject before the verb
            if _has_content(noun) and _has_content(owner) and not _BARE_VERB.fullmatch(owner):
                return _finish(_join(owner, "占" + whole.group(1) + noun + "比重"))
        noun_part, verb_part = _split_verb_phrase(_trim_noun(right[1:]))
        if verb_part and noun_part:  # ``89.4%的公园实现24小时开放`` → ``实现…的公园``
            return _finish(verb_part + "的" + noun_part)
        rate = _RATE_OF_WORK.match(noun_part)
        if rate and _WORK_VERBS.match(noun_part[rate.end():]):  # 按5%的幅度压减一般性支出
            return _finish(noun_part[rate.end():] + rate.group())  # → 压减一般性支出幅度
        if (noun_part in _TARGET_NOUNS and _has_content(subject)  # 新增就业45万人以上的目标
                and not _COMPARING.search(subject)):  # 低于13%左右的预期目标: the figure before
            return _finish(subject)
        base = subject if not _GENERIC.match(noun_part) else _inherit(sentence, seg_start, depth)
        return _finish(_join(base, noun_part))

    own_left = sentence[seg_start:start]
    whole = _LEVEL_OF_WHOLE.search(own_left)
    if (whole and _SHARE_TEXT.search(text)  # 就业超80万人、稳定在全国1/10以上: a share
            and not _has_content(_strip_leading(own_left[:whole.start()]))):
        owner = _topic_owned(sentence, seg_start, depth)
        if owner:
            return _finish(owner + "占" + whole.group(1) + "比重")
    if "占" in text or subject.startswith("占"):
        share = subject if subject.startswith("占") else "占" + _clean_subject(text[1:])[0]
        share = _SHARE_NUMBER.sub("", share).replace("的", "")
        if not share.endswith(("比重", "比例", "份额", "占比")):
            share += "比重"
        return _finish(_join(_topic_owned(sentence, seg_start, depth), share))

    named, verb_phrase = _split_verb_phrase(_trim_noun(right)) if right else ("", "")
    if verb_phrase and not _figures(verb_phrase) and (
        not _has_content(subject) or subject in _WHOLES  # 全省98%行政村通客车
        or (cut.endswith("有") and (unit[-1:] in _MEASURE or unit.endswith("人")))
    ):  # ``其中57家入选国家级众创空间``, ``11家单位中有6家成为…``
        if unit in ("%", "％") and _has_content(named):  # 99%乡镇通…公路: the share of them
            return _finish(named + verb_phrase + "比例")
        if unit in ("%", "％") and not _has_content(subject):  # 支出3.4万亿元，74%用于民生:
            owner = _owner_before_figure(sentence, seg_start, depth)  # the share
            if owner:  # of the figure before
                return _finish(owner + verb_phrase + "比重")
        return _finish(verb_phrase + "的" + (named if _has_content(named) else _head(subject)))
    rest = _trim_noun(right)
    if (not _has_content(subject) and rest and not _LINK_START.match(right)
            and rest not in _CURRENCY_NAMES):  # 折合1148亿元人民币: a unit, not a subject
        part_of = (_whole_before(sentence, seg_start, depth)
                   if unit in ("%", "％") and sentence.startswith("其中", c_start) else "")
        if _has_content(part_of):  # 成交额…，其中70%输出到外省市: the share of the whole
            return _finish(part_of + "中" + rest + "的比重")
        return _finish(rest)
    if subject == _PER_HEAD and not depth:  # 地区生产总值120亿元，人均突破15万元: per head of
        owner = _owner_before_figure(sentence, c_start, depth)  # what the figure before measures
        if owner:
            return _finish(_PER_HEAD + _STYLE.sub("", owner))
    if not _has_content(subject) or _GENERIC.match(subject):
        inherited = (_recorded_before(_previous_clause(sentence, c_start))  # first item only
                     if not _has_content(subject) and seg_start == c_start else "")
        inherited = inherited or _inherit(sentence, seg_start, depth,
                                          share=_POINTS.match(text) is not None)
        if inherited.startswith("占") and not _has_content(subject):  # 产量245.5万辆、占全国
            inherited = _whole_before(sentence, seg_start, depth)  # 11.4%、增长43.4%: the whole's
        if cut.startswith(("达到", "达", "增至")) and not _has_content(subject):  # 新增X县2个、
            inherited = _STAGE_LEAD.sub("", inherited) or inherited  # 达到29个: all of them
        if inherited:
            tail = subject if _GENERIC.match(subject) else ""
            if tail.endswith("目标") and "完成" in left:  # 完成全年目标的112%
                tail += "完成率"
            if "累计" in left and not tail:  # 新增公园127座，累计达到1100座: the stock
                verb = _BARE_VERB.match(inherited)
                core = inherited[verb.end():] if verb and verb.end() < len(inherited) else inherited
                return _finish("累计" + core)
            per = _PER_TIME.search(left)  # 平均每天新增1.5万户: a rate of what the figure
            if per and per.group() not in inherited and not _YEARLY.search(left):  # counts,
                # per day (平均每年增长5%, a yearly average, takes 年均 as its change word)
                inherited = per.group() + inherited
            return _finish(inherited + tail)
        if not subject and _LEVEL_CUT.fullmatch(cut):  # …突破千亿元，达1330亿元: the level
            subject = _level_subject_before(sentence, c_start)  # of what the clause before
        return _finish(subject or cut or _previous_clause(sentence, c_start))  # passed
    return _finish(_shorten(subject, bare=False))


_PER_HEAD = "人均"
#: A level or change verb alone before a figure (``，达1330亿元``, ``，增长10%``): the clause
#: names no subject.
_LEVEL_CUT = re.compile(r"(?:已|并|再|同比)?(?:达到|达|增至|升至|提高到|增加到|突破|超过|增长|下降)")


def _level_subject_before(sentence: str, c_start: int) -> str:
    """The subject of the clause before, read up to its first numeral (``辖内财政收入突破
    千亿元``: ``辖内财政收入``), for a subjectless level after it whose inheritance found no
    figure (a threshold in Chinese numerals is none of the list patterns'); "" when that
    clause opens with no such subject."""
    previous = _previous_clause(sentence, c_start)
    head = _BEFORE_NUMERAL.match(previous)
    if head is None or head.end() in (0, len(previous)):
        return ""
    subject, _ = _clean_subject(_QUALIFIER_BEFORE.sub("", previous[:head.end()]))
    return subject if _has_content(subject) and not _VERB_START_RE.match(subject) else ""


def _whole_before(sentence: str, at: int, depth: int) -> str:
    """The subject of the nearest figure before ``at`` that is no share of another (a
    ``其中N%`` part is a share of the whole, not of its share of the country)."""
    for _ in range(_SHARE_SKIPS):
        whole = _inherit(sentence, at, depth)
        if not whole.startswith("占"):
            return _GENERIC_TAIL.sub("", whole)
        before = _figures(mask(sentence[:at]))
        if not before:
            break
        at = before[-1][0]
    return ""


#: How many shares a 其中 part looks back past for its whole.
_SHARE_SKIPS = 3
#: A size written before the figure of a thing named after it (``总规模1200亿元的…基金``,
#: ``总投资50亿元的…电站``): the figure is that thing's size.
_SIZE_BEFORE = re.compile("(年?(?:" + "|".join(_by_length(_WORDS["ownerless_measures"]))
                          + "))(?:达到?|为)?$")
#: Nouns after ``N的`` that name a level the figure stands on or a goal it meets, not a
#: thing it sizes (``经济总量超过60万亿元的高基数上``, ``完成投资3000亿元的年度任务``).
_LEVEL_NOUNS = ("基数", "基础", "水平", *_LEVELS, "目标", "任务", "跨越", "突破")
_LEVEL_REACH = 8
#: Another figure's size modifying the label's noun (``总投资2万亿元的``).
_SIZED_MODIFIER = re.compile(_SIZE_BEFORE.pattern.removesuffix("$")
                             + r"[0-9０-９.．]+[万亿]*[\u4e00-\u9fff]{0,2}的")  # 超…的: a class
#: A share within a region written with no owner (``在北方地区占比``): the owner is the
#: subject of the figure before it.
_SCOPED_SHARE = re.compile(r"^在[^，,、]{2,8}(?:占比|比重|份额)$")
#: A 、-item that states a rank (``稳居全国前十强``): a predicate of the subject before it.
_RANK_ITEM = re.compile("^(?:" + "|".join(_by_length(_WORDS["rank_verbs"]))
                        + rf")(?:{_SCOPE}|同类)?[^，,、]{{0,6}}?"
                          r"(?:前[^，,、]{0,4}|第[^，,、]{0,4}|首位|之首|前列|方阵)$")

#: A running total's word standing where a 分别 clause's subject would (``“上海标准”、“上海品牌”
#: 分别新增12项和44项，累计分别达到64项和288项``): each item of the clause before, in total.
_RUNNING_TOTALS = frozenset({"累计", "总计", "合计"})

#: A 、-item before the figure's own that states a rank of another subject (``花卉产量全球第一、``).
_RANKED_ITEM = re.compile(rf"^[^、，,；;]{{2,12}}?(?:{_SCOPE})[^，,、]{{0,6}}?"
                          r"(?:第[^，,、]{0,4}|前[^，,、]{0,4}|首位|之首|前列)、")
def _people_and_theirs(noun: str) -> tuple[str, str]:
    """``noun`` after a count of people split into the people and what is theirs: at a 的
    that leaves more than four characters (``农村人口的饮水安全问题``), else after a people
    word that leaves an object (``农村人口饮水安全问题``); (noun, "") when neither."""
    of = noun.find("的", 2)
    if of >= 0 and len(noun) - of > _MIN_PROBLEM:
        return noun[:of], noun[of + 1:]
    people = _PEOPLE_NOUN.search(noun)
    if people and len(noun) - people.end() >= _MIN_PROBLEM:
        return noun[:people.end()], noun[people.end():]
    return noun, ""


#: The people a verb's object belongs to (``解决3亿多农村人口饮水安全问题``), and the
#: shortest object after them that makes them its owners.
_PEOPLE_NOUN = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:人口|群众|居民|农民工|农民|农户)")
_MIN_PROBLEM = 4
#: 新增 right before a count of things: they are new ones (``新增12家上市公司``).
_NEW_COUNT = re.compile(r"新增$")


_COMPARING = re.compile(r"(?:低于|高于|好于|快于|慢于|超过|超出|完成|实现)$")
#: Nouns after ``N的`` that say the figure is a goal, not what it measures.
_TARGET_NOUNS = frozenset({"目标", "预期目标", "目标任务", "任务"})


#: Verbs that open a clause of policy work before its object (布局, 做强 …), with the verbs
#: a bare-verb label is made of: the lead kept when the examples after it go.
_WORK_VERB = "|".join(_by_length(_WORDS["work_verbs"])) + "|" + _BARE_VERB.pattern
_WORK_VERBS = re.compile(f"^(?:{_WORK_VERB})+")


#: The rate a work is done at (``按不低于5%的幅度压减…``): it names the work's measure.
_RATE_OF_WORK = re.compile("(?:" + "|".join(_WORDS["rates_of_work"]) + ")")
#: Examples of a scope before a count (``基础设施、公共服务等领域320个项目``): no part of it.
_EXAMPLE_SCOPE = re.compile(r"、[^、]+等[\u4e00-\u9fff]{1,2}$")
#: A figure right after a counted noun's verb (``完成投资1.04万亿元``), qualifier first.
_MEASURED_AFTER = re.compile(rf"(?:约|近|超过|超|逾)?[{_DIGITS}.．]+[^，,；;。、]{{0,4}}")


_WORK_VERB_RE = re.compile(f"(?:{_WORK_VERB})")
#: The shortest doer named before the verb of a counted class's examples.
_MIN_TOPIC = 3
#: A verb known here after a first verb or adverb that is not (``维修改造``, ``有序推进``).
_VERB_AFTER_MODIFIER = re.compile(rf"^[\u4e00-\u9fff]{{2}}(?:{_WORK_VERB})+")


def _verbs_before_examples(subject: str) -> str:
    """The verbs that lead examples of a counted class (``布局实施人工智能、高端航空装备等``
    before ``9个重大科技专项`` → ``布局实施``): the examples name no part of what is counted,
    the count counts the class. Empty when no verb leads them."""
    lead = _WORK_VERBS.match(subject) or _VERB_AFTER_MODIFIER.match(subject)
    if lead:
        return lead.group() if lead.end() < len(subject) - 1 else ""
    first = mask(subject).find("、")  # 科技城打造了生物种业、奶业等11条产业链: the doer
    verb = _WORK_VERB_RE.search(subject, _MIN_TOPIC, first if first > 0 else len(subject))
    topic = subject[:verb.start()] if verb else ""
    return topic if _is_topic(topic) and not _figures(mask(topic)) else ""


#: A list of classes closed by their number (``经济发展、…、安全保障五大类``): it sorts what is
#: counted after it and names none of it.
_CLASSED_LIST = re.compile(r"^[^，,；;]*、[^，,；;]*?[一二三四五六七八九十两]+(?:大类|类|个方面|方面|大领域|个领域)(?=.)")
#: 并 joining a second predicate inside a label, not inside a word (合并, 兼并, 并购, 并网).
_SECOND_PREDICATE = re.compile(r"(?<![合兼吞归])并(?:且)?(?![购网联轨表列存入重])")


def _without_examples(label: str) -> str:
    """``新增康复大学等高校`` → ``新增高校``: examples closed by 等 between a verb and the
    class they illustrate name no part of what is measured; the verb and the class stay."""
    at = label.find("等")
    verbs = list(_WORK_VERB_RE.finditer(label, 0, at))
    if not verbs or len(label) - at - 1 < 2 or label[at + 1] in _NOT_EXAMPLES_AFTER:
        return label
    examples = label[verbs[-1].end():at]
    if (len(examples) < 2 or "的" in examples or examples[-1] in _NOT_EXAMPLES_BEFORE
            or _BROAD_CLASS.match(label, at + 1)):  # 改造水热气等管网: the examples say which
        return label
    return label[:verbs[-1].end()] + label[at + 1:]


#: Classes too broad to name what is counted without their examples (catalogues/labels.toml).
_BROAD_CLASS = re.compile("(?:" + "|".join(_by_length(_WORDS["broad_classes"])) + ")(?:场次|$)")
#: Characters that make 等 part of a word (等级, 等于, 高等, 平等): no examples close there.
_NOT_EXAMPLES_AFTER = "级于待同"
_NOT_EXAMPLES_BEFORE = "高中初优平同对均超"


#: A subjectless level of the jurisdiction's whole (``、稳定在全国1/10以上``): the share of
#: the figure before it in that whole.
_LEVEL_OF_WHOLE = re.compile(rf"(?:稳定在|保持在|达到|占到|约占|占)({_WHOLE})$")
_SHARE_TEXT = re.compile(r"[%％/／]|分之|成")
#: ``(以)全市7%的…``: a percentage of the jurisdiction's whole, the owner written before it.
_WHOLE_BEFORE = re.compile(rf"(?:以|占|了)?({_WHOLE})$")


def _noun_before_predicate(text: str) -> str:
    """The noun phrase opening ``text``, ending where a later figure's predicate starts
    (``平原面积创造了全市45.2%的…`` → ``平原面积``)."""
    spans = _figures(mask(text))
    if spans:
        text = text[: spans[0][0]]
        verb = _PREDICATE_RE.search(text, 1)
        text = text[: verb.start()] if verb else _WHOLE_AFTER.sub("", text)
    return _trim_noun(text)


_WHOLE_AFTER = re.compile(rf"[\u4e00-\u9fff]{{1,2}}了?(?:{_WHOLE})?$")


def _is_topic(subject: str, *, listed: bool = False) -> bool:
    """A noun written before a count whose things then act (``未来科技城30家总部落户``):
    the place or programme they belong to. Examples of the things (``A、B等``), a verb
    phrase or another count are no topic; nor is a list, unless ``listed`` allows one (the
    doers of a run, ``博物馆、美术馆举办…``)."""
    return (len(_FILLER.sub("", subject)) >= 2 and not subject.endswith("等")
            and (listed or not _LIST_JOIN.search(mask(subject))) and not _figures(subject)
            and not _VERB_START_RE.match(subject) and not _BARE_VERB.match(subject)
            and not _PREDICATE_RE.search(subject) and not _LEADING_VERB.match(subject))


def _owns_the_counted(topic: str, subject: str) -> bool:
    """Whether a topic before a count names whose the things are (``深圳综合改革试点``,
    ``广西自贸试验区``), not the scope (全区), a batch (首批, 首期), a two-character verb
    (筛选, 强化) or the object of a preposition it was cut from (科技成果向…)."""
    return (len(topic) > 2 and topic == subject and not topic.startswith(tuple(_WHOLES))
            and _BATCH.match(topic) is None)


#: Words of a batch or phase written before a count (``首批33项``, ``首期100亿元``).
_BATCH = re.compile(r"^(?:首|第[一二三四五六七八九十0-9]+)[批期]")
#: Verbs that open a clause and take the count as their object (推动…建成, 促进…落户).
_LEADING_VERB = re.compile(r"^(?:推动|促进|调整|提升|把|将|让|使|吸纳|引导|带动|加快|完成)")


#: The longest owner noun before a count of its parts (``8所高校14个学科``).
_SHORT_OWNER = 6


#: 为/给/向 before a count of people or households: they receive what the verb after does.
_BENEFICIARY = re.compile(r"(?:^|[^因作成认以])[为给向](?:超过|超|近|约)?$")


#: Adverbs that lead a verb (免费提供, 足额发放): they belong to the verb, not the noun.
_ADVERB_END = re.compile(r"(?:免费|集中|统一|按时|足额|及时|全部|全面|分别|累计|共|均|已)$")


def _shared_predicate(sentence: str, after_noun: int, c_end: int) -> str:
    """The predicate of a count of parts written right after a counted noun (``8所高校14个
    学科入选…名单``): what the parts do, their owners do too. Empty unless such a count
    follows at once."""
    rest = sentence[after_noun:c_end]
    spans = _figures(mask(rest))
    if not spans or spans[0][0] != 0:
        return ""
    b = _extend(sentence, after_noun + spans[0][1])
    if sentence[b - 1:b] not in _MEASURE:  # 200家世界500强企业: a class name, not a count
        return ""
    noun = _noun_after(sentence, b, c_end)
    verb = _PREDICATE_RE.search(mask(noun), 1)
    phrase = noun[verb.start():] if verb else ""
    return phrase if phrase and not _figures(mask(phrase)) and len(phrase) <= 18 else ""


def _run_last_noun(sentence: str, after_noun: int, c_end: int) -> str:
    """The noun of the last item of a 、-run of counted nouns that follows ``after_noun``
    (``、5个国家技术创新中心、28个全国重点实验室在川布局`` → ``全国重点实验室在川布局``);
    empty unless only counted nouns follow, each after its count."""
    rest = sentence[after_noun:c_end]
    masked = mask(rest)
    spans = _figures(masked)
    if rest[:1] not in tuple(LIST_JOINS) or not spans:  # ``、28个…``, ``和5个县级城市…``
        return ""
    between = masked[:spans[-1][0]]
    if _PREDICATE_RE.search(between) or any(
            not _RUN_ITEM_START.match(masked, i + 1) for i, ch in enumerate(between) if ch == "、"):
        return ""  # another verb, or an item that is no count (建设5个园区、引进30个项目)
    b = _extend(sentence, after_noun + spans[-1][1])
    if sentence[b - 1:b] not in _MEASURE:
        return ""
    return _noun_after(sentence, b, c_end)


#: Light verbs that only say work is done (实施, 开展): the work itself names the label.
_LIGHT_VERB = re.compile(r"^(?:实施|开展)")
_WORK_NOUNS = _by_length(_WORDS["work_nouns"])
_WORK_END = re.compile("(?:" + "|".join(_WORK_NOUNS) + ")$")
_WORK_START = re.compile("(?:" + "|".join(_WORK_NOUNS) + ")")
#: What a light verb (实施) leads when it is no part of the label: a work or an event
#: done to people (…改造, …避险搬迁, …吸纳就业).
_DONE_WORK = re.compile("(?:" + "|".join(_WORK_NOUNS + _WORDS["event_nouns"]) + ")$")


#: Verbs that lead a run of counted things to be worked on (实施/推进 N个X、M个Y改造).
_WORK_LEAD = re.compile(r"(?:实施|推进|开展|加快)$")


def _work_on(noun: str, sentence: str, end: int, c_end: int) -> str:
    """Things counted in a 、-run and the work the run names last (``实施3000个老旧小区、
    120个老旧街区（厂区）改造``), work first as a table header writes it: ``改造老旧小区``,
    ``改造老旧街区（厂区）``. Empty outside such a run, or for examples (``A等``)."""
    if "等" in noun:
        return ""
    work = _WORK_END.search(noun)
    if work:  # the run's last item: only a later item of a run (…、120个…改造)
        later = mask(sentence).rfind("、", clause_bounds(sentence, end, end)[0], end)
        ok = work.start() >= 2 and later >= 0 and _figures(mask(sentence[later + 1:end]))
        return work.group() + noun[:work.start()] if ok else ""
    if not sentence.startswith(noun, end):
        return ""
    last = _run_last_noun(sentence, end + len(noun), c_end)
    work = _WORK_END.search(last)
    return work.group() + noun if work and work.start() >= 2 and "等" not in last else ""


def _run_predicate(sentence: str, after_noun: int, c_end: int) -> str:
    """The predicate a 、-run of counted nouns shares (``10个国家大科学装置、28个全国重点
    实验室在川布局``): written once after the last item, it is said of every item. Empty
    unless only counted nouns follow up to that predicate."""
    last = _run_last_noun(sentence, after_noun, c_end)
    if not last:
        return ""
    noun, phrase = _split_verb_phrase(last)
    if not _has_content(noun):  # 三次参加…: the count is a verb's, not a noun's
        return ""
    return phrase if phrase and not _figures(mask(phrase)) else ""


#: An adverb before a predicate (``5个县级城市新获评…``): it belongs to the verb, not the
#: noun (a 新 that ends a word, 创新 or 更新, stays).
_PRE_VERB_ADVERB = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:(?<![创更革翻焕换全最重])新|再|又|均|都|已|先后|相继"
                              r"|陆续|首次|成功|稳定|全国|规模化|" + "|".join(_by_length(_WORDS["policy_adverbs"])) + ")$")
#: A negation before a predicate (``未能完成``): the things did not do it.
_NEGATED = re.compile(r"(?:未能|尚未|仍未|没有|未)$")


#: A later item of a run of counts opens with its count (``、28个…``), qualifier first.
_RUN_ITEM_START = re.compile(rf"(?:约|近|超过|超|逾)?[{_DIGITS}零一二两三四五六七八九十百千]")


def _agent_label(sentence: str, c_start: int, start: int, end: int, c_end: int,
                 noun: str) -> str:
    """Counted agents of a relative clause introduced by 由 (``组建由19个中央部委和30个
    部门参与的创新平台``): what they do to the thing, ``参与创新平台的中央部委``."""
    left = sentence[c_start:start]
    at = left.rfind("由")
    if at < 0 or (left[at + 1:] and not _figures(mask(left[at + 1:]))):
        return ""
    rest = sentence[end:c_end]
    link = rest.find("的")
    owner = _trim_noun(rest[link + 1:]) if link > 0 else ""
    if not _has_content(owner) or _figures(mask(owner)):
        return ""
    phrase = rest[:link]
    spans = _figures(mask(phrase))
    tail = phrase[spans[-1][1]:] if spans else phrase
    verb = _PREDICATE_RE.search(tail, 1)
    if verb is None:
        return ""
    own = noun[: noun.find(tail[verb.start():])] if tail[verb.start():] in noun else noun
    return tail[verb.start():] + owner + "的" + _NOUN_LINK.sub("", own)


def _subject(sentence: str, c_start: int, start: int) -> tuple[str, str, int]:
    """(subject, cut predicate words, start of the subject's span) before a figure."""
    left = sentence[c_start:start]
    span = _pair_subject(left)  # ``由A提高到`` / ``从A增至``: the subject before 由/从
    if span is None:
        span = _segment_left(sentence, c_start, start)
    subject, cut = _clean_subject(span)
    means = _MEANS_MID.search(subject, 2)
    measured = subject[means.end():] if means else ""
    if len(measured) >= _MIN_MEASURED and (
            _named_head(measured) or measured.endswith(_COUNTED_ENDS)):
        subject = measured  # 新机制推动企业反映问题解决率提高到93%: the rate
    return subject, cut, start - len(span) if span is not None else c_start


#: A verb by which a doer helps a measure along (``…实验室助力页岩油年产量突破100万吨``): the
#: measure after it is the subject; and the shortest such measure.
_MEANS_MID = re.compile(r"助力|推动|促进|促使")
_MIN_MEASURED = 4
#: Ends of a measure that counts or rates (``入企检查次数``, ``问题解决率``).
_COUNTED_ENDS = ("次数", "人数", "个数", "率")


def _head(subject: str) -> str:
    """The last noun of a subject: after its last number or 的, at most 8 characters."""
    tail = _HEAD_SPLIT.split(subject)[-1]
    return tail.removesuffix("中")[-8:]


@lru_cache(maxsize=8)  # the rules of one figure ask for the same few texts' numerals
def _figures(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of quantity numerals in text (used for list structure, not detection)."""
    if _NUMERAL_CHAR.search(text) is None:
        return ()  # no digit and no Chinese numeral: none of the three patterns matches
    spans = [m.span() for m in _ARABIC_FIGURE.finditer(text)]
    spans += [m.span() for m in _FRACTION.finditer(text)]
    spans += [m.span() for m in _CN_COUNT.finditer(text)]
    return tuple(sorted(spans))


def _segment_left(sentence: str, c_start: int, start: int) -> str:
    """Text before the figure in its clause. 、-items that hold a number of their own
    (``新增A1494家、B81家``) are separate; number-less items before it join the subject
    (``二氧化硫、氮氧化物排放量``)."""
    masked = mask(sentence)
    pieces = [c_start]
    for join in _LIST_JOIN.finditer(masked, c_start, start):
        if _is_link(sentence, join.start()):
            pieces.append(join.end())
    begin = c_start
    for k in range(len(pieces) - 1, 0, -1):
        prev = sentence[pieces[k - 1] : pieces[k] - 1]
        if _figures(prev):
            begin = pieces[k]
            break
    return sentence[begin:start]


def _pair_subject(left: str) -> str | None:
    """Subject of the second number of ``X由A提高到B`` / ``X从A增至B``."""
    if "由" not in left and "从" not in left:
        return None
    m = _PAIR.search(left)
    return m.group(1) if m else None


@lru_cache(maxsize=8)  # the rules of one figure clean the same span more than once
def _clean_subject(span: str) -> tuple[str, str]:
    """Subject text with time words, adverbs and the predicate verb cut. Returns
    (subject, the cut trailing words) so a growth verb can name the label."""
    s = _ENUMERATOR.sub("", span.strip(" \u3000、"))  # 三是将…: not 三 once 是将 is cut
    numbered = _A_DIGIT.search(s) is not None  # else no figure to cut, no count inside
    if numbered:
        s = _LEADING_FIGURE.sub("", _TRAILING_FIGURE.sub("", s))
    cut = ""
    changed = True
    while changed and s:
        changed = False
        m = _subject_tail(s)
        if m:
            s, changed = s[: m.start()], True
            continue
        m = _trailing_word(s)
        if m:
            cut = m.group(0) + cut
            s, changed = s[: m.start()], True
    s = _strip_leading(_INNER_COUNT.sub("", s) if numbered else s)
    return s.strip(" \u3000、，,"), cut


_A_DIGIT = re.compile(f"[{_DIGITS}]")


def _subject_tail(s: str) -> re.Match[str] | None:
    """The first of the tails a subject loses (a comparison, a time, a per-head word, a
    scope), each pattern tried only when ``s`` holds a character every match of it has."""
    return ((("比" in s or "较" in s) and _COMPARISON_TAIL.search(s))
            or (("年" in s or "季" in s or "五" in s) and _TIME_SUFFIX.search(s))
            or (("每" in s or "均" in s) and _PER_HEAD_TAIL.search(s, 2))
            or ("在" in s and _SCOPE_TAIL.search(s, 2)) or None)


#: An item's number in a run-in enumeration (``二是``, ``4.``): no part of any subject.
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+是|[0-9０-９]{1,2}[.．、](?![0-9０-９]))")


@lru_cache(maxsize=64)
def _strip_leading(s: str) -> str:
    """``s`` without the time words, item numbers and leading words that open it. Cached
    for the few clause texts of the figure at hand, which several rules read."""
    changed = True
    while changed and s:
        changed = False
        m = _TIME_PREFIX.match(s) or _ENUMERATOR.match(s) or _EDITORIAL_NOTE.match(s)
        if m and m.end() > 0:
            s, changed = s[m.end() :], True
            continue
        m = _LEADING_RE.match(s)
        if m:
            s, changed = s[m.end() :], True
        s = s.lstrip(" \u3000、，,")
    return s


@lru_cache(maxsize=512)
def _unit(text: str) -> str:
    """The unit word of a figure's text, scale and qualifiers removed."""
    core = _BEFORE_NUMERAL.sub("", text)
    core = _NUMERAL.sub("", core)
    m = _UNIT_TAIL.match(core)
    unit = m.group(1) if m else core
    return _BRACKETED.sub("", unit)


def _counts_noun_after(unit: str, right: str) -> bool:
    """A measure word, a physical unit (``8万亩高标准农田``) or a bare 万/亿 scale followed
    by a noun, not by a verb or stop."""
    if unit and (unit[-1] not in _MEASURE and unit not in PHYSICAL and unit not in {"万", "亿", ""}
                 and not unit.endswith(("元", "美元", "人"))):
        return False
    if (unit == "" and not right) or _TO_LEVEL.match(right):
        return False
    if not right or right[0] in "的、和及与，,；;。：:（(" or right.startswith(("以上", "左右")):
        return False
    if right.removeprefix("新").startswith(_LEVELS):  # 跃上1.4万亿斤新台阶: a level reached
        return False
    if (unit.endswith("元") or unit in {"万", "亿", ""}) and (
            right.startswith(_NOT_MEASURED) or _trim_noun(right) in _CURRENCY_NAMES):
        return False  # 跨上3万亿元台阶, 迈上5万亿台阶, 折合1148亿元人民币: no noun measured
    return not _VERB_START_RE.match(right)


#: A second count of the same things right after a figure (``20.9万户69.3万人``).
_SECOND_COUNT = re.compile(_COUNT + r"(?:[，,；;。、]|$)")
#: How far back a count of households is looked for right before a count of people.
_PAIR_REACH = 16
#: The people counted right after a count of households and before what they are
#: (``6.48万户|23.24万|农村常住人口``).
_PEOPLE_AHEAD = re.compile(rf"、?(?P<people>[{_DIGITS}][{_DIGITS}.．]*(?:多|余)?[万亿]?(?:多|余)?(?:人|名)?)"
                           r"(?=[\u4e00-\u9fff“])(?![万亿多余人名户个])")
#: A count of households right before a count of people, a 、 between or none (``8461户、``).
_HOUSEHOLDS_BEFORE = re.compile(rf"[{_DIGITS}][{_DIGITS}.．]*(?:多|余)?[万亿]?(?:多|余)?户、?$")


#: A causative verb after a counted noun starts a clause of its own (…事项让群众少跑腿).
_CAUSATIVE = re.compile(r"让|使(?![用得命])|使得")
#: A number before these names a ranked class (世界500强企业, 十佳), not a count.
_RANKED_CLASS = "强佳"


#: A 、-item after a counted noun that opens with a verb of its own: no part of the noun.
_VERB_ITEM = re.compile("、(?=" + _BARE_VERB.pattern + "|(?:" + "|".join(_WORDS["coping_verbs"]) + "))")


def _noun_after(sentence: str, end: int, c_end: int) -> str:
    """The noun phrase after a counted figure: up to the next number, or a 、/和
    followed by one (``14项引领性改革和314项改革任务``)."""
    text = sentence[end:c_end]
    if _SECOND_COUNT.match(text):  # 20.9万户69.3万人: the same things counted again
        return ""
    masked = mask(text)
    stop = len(text)
    for a, b in _figures(masked):
        ranked = masked.endswith("第", 0, a) and "、" not in masked[:a]  # 产量居全国第1位
        if a > 0 and not (text[b:b + 1] and text[b] in _RANKED_CLASS) and not ranked:
            # 500千伏, 世界500强, a rank of the things: part of the noun, no other figure
            stop = a
            break
    sep = masked.rfind("、", 0, stop) if stop < len(text) else -1
    if sep > 0:  # 建设5个园区、引进30个项目: the words after the 、 lead the next count
        stop = sep
    elif stop < len(text) and masked.endswith("等", 0, stop):  # 22轮强降水和“桦加沙”等15个台风:
        join = max(masked.rfind(j, 0, stop) for j in "和及与")  # the words after the join are
        stop = join if join > 0 else stop  # examples of the next count
    causative = _CAUSATIVE.search(text, 2, stop)  # 355项事项让两地群众…: a clause of its own
    stop = causative.start() if causative else stop
    verb_item = _VERB_ITEM.search(masked, 2, stop) if "、" in masked[:stop] else None
    if verb_item and "的" not in masked[verb_item.start():stop]:  # (吸引力强、带动面广的…: a
        stop = verb_item.start()  # modifier) 24轮强降雨、抗御台风…: an act of its own
    noun = text[:stop]
    described = noun.rfind("的")
    if described > 0 and "、" in mask(noun[:described]):  # 吸引力强、带动面广的消费场景
        noun = noun[described + 1:]
    if stop < len(text):  # 约/近 before the next number qualify it (签约 at a clause end stays)
        noun = _QUALIFIER_BEFORE.sub("", noun)
    noun = _NOUN_LINK.sub("", noun)
    if noun.endswith(_GRADE) and stop < len(text):  # 2个国家级和22个省级区域医疗中心:
        noun += _graded_head(text, stop)  # the grades share the head noun the last one names
    return _trim_noun(noun)


#: A grade a count of things is written with (国家级, 省级): alone, it modifies a head noun
#: written once, after the last grade of the run.
_GRADE = "级"
_GRADED_HEAD = re.compile(r"[、和及与]?[0-9０-９]+[个家所座项处条]?[\u4e00-\u9fff]{1,4}?级(?P<head>[^，,；;。、和及与0-9０-９]{2,12})")


def _graded_head(text: str, at: int) -> str:
    """The head noun the next graded count names (``和22个省级区域医疗中心`` → ``区域医疗中心``),
    or "" when the next count is not a grade and its head."""
    head = _GRADED_HEAD.match(text, at)
    return head["head"] if head else ""


def _trim_noun(noun: str) -> str:
    noun = noun.strip(" \u3000、")
    if len(noun) > _MAX_LEN and "的" in noun:
        noun = noun[noun.rindex("的") + 1 :]
    return noun


def _split_verb_phrase(noun: str) -> tuple[str, str]:
    """``高职学校入选第二轮…`` → (``高职学校``, ``入选第二轮…``). Only a verb after
    the noun's last 的 starts the phrase; a phrase too long for a label is dropped."""
    masked = mask(noun)
    first = masked.rfind("的") + 1
    m = _PREDICATE_RE.search(masked, max(first, 2))  # 新投产项目, 拟竣工项目: one noun
    if m:
        negated = _NEGATED.search(noun, 0, m.start())  # 未能完成: the negation leads the verb
        adverb = _PRE_VERB_ADVERB.search(noun, 0, m.start())  # 县级城市|新获评…: the verb's
        at = negated.start() if negated else adverb.start() if adverb else m.start()
        if len(noun) - m.start() > _LONG_PREDICATE:  # …单位实现全流程检查评价及…全覆盖: the
            return (noun[:at], "") if _has_content(noun[:at]) else (noun, "")  # things alone
        return noun[:at], noun[at:]
    if noun and _VERB_START_RE.match(noun):
        return "", noun
    return noun, ""


def _split_at_measure(noun: str) -> tuple[str, str]:
    """``工业企业营业收入超百亿元`` → (``工业企业``, ``营业收入超百亿元``): counted things
    followed by a measure of theirs and the level it passes, which picks them out.
    (noun, "") when no measure with a level follows the things."""
    masked = mask(noun)
    if masked.endswith("第"):  # 产量居全国第|1位: a rank the next number completes, no level
        return noun, ""
    for measure in _MEASURE_THEN_LEVEL.finditer(masked, 2):
        if any(noun.endswith(name, 0, measure.end()) for name in _MEASURE_NAMES
               if len(name) > len(measure.group())):
            continue  # 经济|总量近千亿: inside a longer measure's name (经济总量)
        if _has_content(noun[:measure.start()]) and not _figures(noun[:measure.start()]):
            return noun[:measure.start()], noun[measure.start():]
    return noun, ""


#: Every name of a measure the catalogue knows, to tell a short one inside a longer one.
_MEASURE_NAMES = _OWNERLESS | _MEASURE_HEAD_WORDS
#: A measure, then the level or rank it reaches (``营业收入超百亿元``, ``产能全国第一``).
_MEASURE_THEN_LEVEL = re.compile(
    "(?:" + "|".join(_by_length(_WORDS["measure_heads"])) + ")(?=(?:" + _QUALIFIERS + "|达到|达|"
    + "|".join(_by_length(_WORDS["rank_verbs"])) + rf")?(?:[{_DIGITS}{CN_DIGITS}万亿]|{_SCOPE}))")


#: The longest predicate a label of counted things takes (``入选…的高职学校``); after a longer
#: one the things alone are the label.
_LONG_PREDICATE = 18


#: Administrative units a count names (``45个县（市、区）``, ``8个市``): what follows one
#: in its clause is what the units do, a predicate even when its verb is no common one.
_PLACES = re.compile("(?:" + "|".join(_by_length(_WORDS["counted_places"])) + ")")
#: A predicate's verb or adverb, opening at most this far into the words after the unit.
_PLACE_VERB = re.compile("(?:" + "|".join(_by_length(
    _WORDS["work_verbs"] + _WORDS["manner_adverbs"] + _WORDS["occasion_verbs"]
    + _WORDS["predicates"] + _WORDS["place_verbs"])) + "|" + _BARE_VERB.pattern + ")")
_PLACE_VERB_REACH = 3
#: A verb this near the unit (``县（市、区）整县建成…``) says what the units do even where a
#: common predicate would split a longer noun (``县域医共体|全部达到…``).
_PLACE_VERB_NEAR = 2


def _split_at_place(noun: str) -> tuple[str, str]:
    """``县（市、区）整县建设美丽乡村`` → (``县（市、区）``, ``整县建设美丽乡村``): counted
    administrative units followed by what they do. (noun, "") when no such unit is
    followed, within a few characters, by a verb."""
    masked = mask(noun)
    for unit in _PLACES.finditer(noun):
        rest = masked[unit.end():]
        verb = _PLACE_VERB.search(rest, 0, _PLACE_VERB_REACH + 4)
        bound = len(unit.group()) == 1 and (unit.start() > 0 or rest[:1] in _PLACE_WORD_ENDS)
        if (unit.start() <= _PLACE_PREFIX and not bound and verb
                and verb.start() <= _PLACE_VERB_REACH and not _figures(rest) and "的" not in rest):
            return noun[:unit.end()], noun[unit.end():]
    return noun, ""


#: The longest qualifier before the unit (``扩权赋能县（市）``, ``欠发达县域``); a one-character
#: unit (县, 市) must open the noun and end its word (县级, 市场 are other words).
_PLACE_PREFIX = 6
_PLACE_WORD_ENDS = "级城区域场属直辖"


def _listed_subject(sentence: str, c_start: int, start: int, c_end: int, *,
                    nested: bool = False) -> str:
    """``A、B分别增长x、y`` pairs subjects and numbers in order; ``A、B均…x`` and
    ``…，均实现翻番`` keep the whole (shortened) list. A clause with no subject of its own
    pairs with the figures before it, unless ``nested`` (read for a later clause): one
    step back only, so a chain of such clauses costs linear time."""
    clause = sentence[c_start:c_end]
    if "分别" not in clause and "均" not in clause:
        return ""  # no 分别 or 均 to share the numbers out
    rel = start - c_start
    masked = mask(clause)
    m = _SHARED_NUMBER.search(masked)
    if not m or m.start() >= rel:
        return ""
    subject_span = clause[: m.start()]
    numbers = [a for a, _ in _figures(masked[m.end() :])]
    earlier = _figures(masked[: m.start()]) if m.group(1) == "分别" else ()
    if len(earlier) == len(numbers) == 2:  # 城乡居民收入达a和b、分别增长c和d: the run before
        head, _ = _clean_subject(subject_span[: earlier[0][0]])  # pairs with these item by item
        expanded = _expand_pair(head, int(numbers[0] + m.end() < rel))
        if expanded:
            return expanded
    subject, _ = _clean_subject(subject_span)
    running = subject_span.strip() if subject_span.strip() in _RUNNING_TOTALS else ""
    whole_items = False  # items that are each a figure's whole subject, shared with none
    if _has_content(subject) and not running:
        items = [x for x in _split_list(subject) if x]
        if len(items) > len(numbers):  # ``软件和信息服务业``: 和 inside an item
            items = [x for x in _split_list(subject, _ENUMERATION_COMMA) if x]
    else:  # ``…1.35亿人次、453.8万吨，分别增长8.3%、7.9%``: the figures before, or the
        items = [] if nested else _parallel_subjects(sentence, c_start)  # subject a 均
        whole_items = bool(items)  # clause before shares
        items = items or _shared_before(sentence, c_start)
        if nested and not items:
            return ""
        if m.group(1) == "分别" and 1 < len(numbers) < len(items):
            items = items[-len(numbers):]  # the figures just before pair with these
        if running and items:
            items = [item if item.endswith(running) else _GENERIC_TAIL.sub("", item) + running
                     for item in items]
        subject = "、".join(items) if items else subject
    compared = _COMPARED.match(masked, m.end())  # 增速分别高于全国x、y个百分点
    said = compared.group() if compared else ""
    first = m.end() + numbers[0] if numbers else rel  # A、B产值均占规上工业总产值10%以上:
    share = _SHARE_OF.match(masked, m.end(), first)  # each item's share of the one whole
    if share:
        said = "占" + share["whole"] + "比重"
    if m.group(1) == "分别" and len(numbers) > 1 and items:
        index = sum(1 for a in numbers if a + m.end() < rel)
        if len(items) == 2 and _split_pair(items[0], items[1]):
            items = [items[0] + items[1]]  # 城、乡居民收入, 存、贷款余额: a pair written apart
            subject = items[0]
        expanded = (_expand_pair(subject, index % 2)  # 分别达到a和b、增长c和d: runs of a pair
                    if len(items) == 1 and len(numbers) % 2 == 0 else "")
        if expanded:
            return expanded + said
        if len(numbers) % len(items) == 0:  # ``分别从a、b增加到c、d``
            item = items[index % len(items)] if whole_items else _shared_item(items, index % len(items))
            share = _SHARE_END.search(items[-1])  # A、B占比分别提高x、y个百分点: shares all
            if share and not _SHARE_END.search(item) and _POINTS.match(clause, rel):
                item += share.group()
            return item + said
    return _shorten(subject) + said


def _run_item(sentence: str, c_start: int, start: int, end: int, unit: str) -> str:
    """The subject of a figure in a run of figures in one unit joined by 、/和
    (``改造老旧供热、燃气、排水管网800公里、600公里、300公里``): the run's subject split
    into as many items as there are figures, each item given the words it shares with
    its neighbours (``改造老旧`` before the first, ``管网`` after the last); when the
    subject does not split so, every figure of the run takes the whole subject."""
    if not unit or not ((start and sentence[start - 1] in LIST_JOINS)
                        or (end < len(sentence) and sentence[end] in LIST_JOINS)):
        return ""  # no list mark on either side: a figure of no run
    item = _run_figure(unit)
    before = list(item.finditer(sentence, c_start, start))
    runs_before = 0
    at = start
    for previous in reversed(before):
        if previous.end() != at - 1 or sentence[at - 1] not in LIST_JOINS:
            break
        runs_before, at = runs_before + 1, previous.start()
    after = 0
    stop = end
    while stop < len(sentence) and sentence[stop] in LIST_JOINS:
        following = item.match(sentence, stop + 1)
        if following is None:
            break
        after, stop = after + 1, following.end()
    count = runs_before + after + 1
    if count < 2:
        return ""
    subject, _ = _clean_subject(sentence[c_start:at])
    if _SUCCESSIVE.search(sentence, c_start, at):  # 接连突破8万亿元、9万亿元: levels in turn
        return _shorten(subject) if _has_content(subject) else ""
    if not _has_content(subject) or subject in _REAL_TERMS:  # 分别达6.9万元、3.4万元，增长
        paired = _parallel_item(sentence, c_start, runs_before, count)  # 4.2%、5.3%; 实际增长…
        return paired + subject if paired else ""
    items = [x for x in _split_list(subject) if x]
    expanded = _expand_pair(subject, runs_before) if len(items) == 1 and count == 2 else ""
    if expanded:  # 城乡居民收入增长5.3%、7.7%
        return expanded
    if len(items) != count:
        return _shorten(subject) if _has_content(subject) else ""
    return _shared_item(items, runs_before)



#: Words of a rate's basis that a run after its subjects states alone (``实际增长a和b``).
_REAL_TERMS = frozenset({"实际", "名义"})


def _one_per_clause(sentence: str, last_start: int, count: int) -> list[tuple[int, int]]:
    """The spans of the one figure each of the ``count`` clauses ending with the one at
    ``last_start`` holds, in reading order; empty unless each holds exactly one."""
    spans: list[tuple[int, int]] = []
    start = last_start
    for _ in range(count):
        end = clause_bounds(sentence, start, start)[1]
        found = _figures(mask(sentence[start:end]))
        if len(found) != 1:
            return []
        spans.insert(0, (start + found[0][0], start + found[0][1]))
        if start < 2 or sentence[start - 1] not in "，,":
            return spans if len(spans) == count else []
        start = clause_bounds(sentence, start - 2, start - 2)[0]
    return spans


def _parallel_item(sentence: str, c_start: int, index: int, count: int) -> str:
    """The subject of item ``index`` of a subjectless run that follows a clause of as many
    figures (``城乡居民收入分别达6.9万元、3.4万元，增长4.2%、5.3%``): the runs pair item by
    item, so 4.2% is the first figure's (城镇居民收入), not the last one's. Empty when the
    clause before holds another number of figures."""
    if c_start < 2 or sentence[c_start - 1] not in "，,":
        return ""
    prev_start, _ = clause_bounds(sentence, c_start - 2, c_start - 2)
    spans = [(prev_start + a, prev_start + b) for a, b in _figures(mask(sentence[prev_start:c_start - 1]))]
    if len(spans) == 1:  # 城镇居民收入17175元，农村居民收入5153元，实际增长9.8%和8.5%: one figure
        spans = _one_per_clause(sentence, prev_start, count)  # in each of the clauses before
    if len(spans) != count:
        return ""
    a, b = spans[index][0], _extend(sentence, spans[index][1])
    subject = _label(sentence, a, b, depth=1)
    return _GENERIC_TAIL.sub("", subject) if _has_content(subject) else ""
#: An adverb of sequence before a run's verb: one subject passes each level in turn.
_SUCCESSIVE = re.compile("(?:" + "|".join(_WORDS["successive_adverbs"]) + r")(?:突破|跨越|跨过|迈上|跨上|超过|达到|达)?(?:约|近|超)?$")


@lru_cache(maxsize=64)
def _run_figure(unit: str) -> re.Pattern[str]:
    """One figure of a run in ``unit``: qualifiers, numeral, scale and the unit."""
    return re.compile(r"(?:约|近|超过|超|突破)?[0-9０-９.．]+(?:多|余)?[万亿]*(?:多|余)?"
                      + re.escape(unit) + r"(?:以上|左右|多|余)?")


def _shared_item(items: list[str], index: int) -> str:
    """Item ``index`` of a 、-list whose first item carries the words before every item
    and whose last carries the words after (``改造老旧供热、燃气、排水管网`` → item 1 is
    ``改造老旧燃气管网``; ``水果、蔬菜、茶叶产量`` → ``蔬菜产量``; ``广州、深圳地铁客运量``
    → ``广州地铁客运量``). The middle items (or, in a pair, the shorter first item) tell
    how long an item is; a long lead (``对共建“一带一路”国家、非洲``) stays with its item."""
    first, last = items[0], items[-1]
    per_unit = _PER_UNIT_LEAD.match(first)  # 单位国内生产总值用水量、能耗…: every item per unit
    if per_unit and per_unit.end() < len(first) and index and not _TOTAL_WORD.search(items[index]):
        return items[index] if items[index].startswith("单位") else per_unit.group() + items[index]
    ordinals = [x.removeprefix("第") for x in items[:-1]] + [last[:1]]
    if len(items) > 1 and all(len(x) == 1 and x in _ORDINALS for x in ordinals) and len(last) > 1:
        return "第" + ordinals[index] + last[1:]  # 一、二、三产业增加值 → 第二产业增加值
    if len(items) == 2 and index == 1 and _COUNT_HEAD.search(first) and _COUNT_HEAD.search(last):
        return _counted_pair(first, last)
    if len(items) == 2 and index == 1 and (  # 游客数量和花费, 企业营业收入、利润总额
            len(last) <= _BARE_MEASURE or last in _OWNERLESS):
        head = _named_head(first) or (first[-2:] if _COUNT_HEAD.search(first) else "")
        owner = first[:-len(head)] if head else ""
        if len(owner) >= 2 and not last.startswith(owner[:2]):
            return owner + last
    if len(items) == 1 or any(_COMPLETE.search(x) for x in items[:-1]):
        return items[index]  # 用水量、能耗、排放量: each item is a metric of its own
    if len(items) == 2:
        lead = first[0] if _partner_lead(first) and not last.startswith(first[0]) else ""
        whole = _named_head(last) if lead else ""  # 对东盟、共建“一带一路”国家进出口: partners
        if whole and len(last) - len(whole) > len(first) + 1:  # of unequal length
            return first + whole if index == 0 else lead + last
        head = last[len(first):]
        if len(first) > _SHORT_ITEM or len(first) >= len(last) or not _MEASURE_HEAD.search(head):
            named = _shared_tail(last)  # 对中亚五国、东盟进出口: the head is a measure's name
            if (index == 0 and named and len(last) > len(named) and not _named_head(first)
                    and not _MEASURED_END.search(first)):
                return first + named
            return items[index] if index == 0 else lead + last
        named = _named_head(head)
        if named and len(head) - len(named) == 1:  # 工业、服务|业增加值: not inside a word
            head = named
        return first + head if index == 0 else lead + last
    size = min(len(x) for x in items[1:-1])
    if len(first) < size or len(last) < size:  # 船舶、电子专用材料、航空航天行业增加值:
        tail = _sector_measure(last)  # items of unequal length share only the measure
        return items[index] + tail if tail and index < len(items) - 1 else items[index]
    prefix, head = first[:-size], last[size:]
    named = _named_head(head)
    if named and (len(head) - len(named) == 1  # 新能源汽|车零售额: a word is not split
                  or first.endswith(head[:-len(named)])):  # 六大优势产业、…优势产业增加值
        head = named
        size = len(last) - len(head)
    if index == 0:
        return first + head
    shared = prefix if len(prefix) <= _MAX_SHARED_LEAD else ""
    if len(shared) == 2 and not (_BARE_VERB.match(shared) or _VERB_START_RE.match(shared)
                                 or shared[0] in _ONE_CHARACTER_LEADS):
        shared = ""  # 高速公路、水利、电网投资: a two-character noun is the first item's word
    if len(shared) == 1 and shared not in _ONE_CHARACTER_LEADS:  # 汽车用锂电池、太阳能电池: a
        shared = ""  # one-character rest of the first item is part of its word, no lead
    core = last[:size] if index == len(items) - 1 else items[index]
    return shared + core + head


#: The output a list of intensities is measured per (``单位地区生产总值能耗、二氧化碳排放``).
_PER_UNIT_LEAD = re.compile(r"单位(?:国内|地区)?(?:生产总值|GDP|工业增加值)")
#: A total in such a list (``化学需氧量排放总量``) is no intensity.
_TOTAL_WORD = re.compile(r"总量|总额")
#: Numerals of an ordinal list (``第一、二、三产业``, often written without its 第).
_ORDINALS = "一二三四五六七八九十"
#: Two counts whose first names the things they count (``生产安全事故起数、死亡人数``).
_COUNT_HEAD = re.compile(r"[起人户个家次]数$")
_MEASURE_HEADS = re.compile("(?:" + "|".join(_by_length(_WORDS["measure_heads"]))
                            + ")$")


def _sector_measure(last: str) -> str:
    """The measure a list's last item names for every item, with the sector word before it
    (``航空航天行业增加值`` → ``行业增加值``), or "" when the last item names none."""
    named = _named_head(last)
    if not named or len(named) == len(last):
        return ""
    sector = _SECTOR_BEFORE.search(last, 0, len(last) - len(named))
    return (sector.group() if sector else "") + named


#: A sector word that the items of a list share with the measure after it.
_SECTOR_BEFORE = re.compile(r"(?:行业|产业|领域)$")


def _named_head(item: str) -> str:
    """The name of a measure that ends ``item`` (``零售额``, ``进出口``, ``数量``), else ""."""
    found = _MEASURE_HEADS.search(item)
    return found.group() if found else ""


def _partner_lead(first: str) -> bool:
    """Whether a pair's first item opens with a one-character lead both share (``对美、欧盟
    出口``: 对), not with the first character of a word (对外, 对口)."""
    return (len(first) > 2 and first[0] in _ONE_CHARACTER_LEADS
            and first[1] not in _BOUND_LEADS.get(first[0], ()))


def _shared_tail(last: str) -> str:
    """What a pair's last item says of both: its measure's name, or from the measure
    before 占 on (``…增加值占规模以上工业增加值比重``)."""
    share = last.find("占")
    if share > 0:
        named = _named_head(last[:share])
        return named + last[share:] if named else ""
    return _named_head(last)


def _counted_pair(first: str, last: str) -> str:
    """The second of two counts of one kind of thing (``生产安全事故起数、死亡人数``): the
    things the first names are counted again (``生产安全事故死亡人数``)."""
    owner = first[:-2]
    if len(last) > 4 or len(owner) < 2 or last.startswith(owner):
        return last
    return owner + last


#: The longest second item of a pair that is a bare measure of the first item's owner
#: (``入境游客数量和花费`` → ``入境游客花费``).
_BARE_MEASURE = 3
#: One-character leads a list's items share (``对美、欧、日出口``); any other one-character
#: rest of a first item is a piece of its word.
_ONE_CHARACTER_LEADS = frozenset(_WORDS["one_character_leads"])
#: The longest lead (verb and modifiers, ``改造老旧``) a list's items share.
_MAX_SHARED_LEAD = 4
#: In a pair, only a first item this short (广州、深圳…, 城镇、农村…) borrows the last one's
#: head, and only a head that names a measure (客运量, 收入 …): a longer first item leaves
#: the split unknown (金融业、软件和信息服务业增加值).
_SHORT_ITEM = 2
_MEASURE_HEAD = re.compile(r"[量率额值数费价耗度积比入出资件]$")
#: An item ending so already names a metric (用水量, 能耗, 总领馆数 …): it borrows no head.
_COMPLETE = re.compile(r"[量率额值数费价耗度积比]$|[馆院所站]$")


#: 和/及/与 that open a word (及时, 和谐, 与会): no link between items.
_WORD_AFTER_FUNCTION = re.compile(r"及[时格早]|及以[上下]|和[谐平美睦煦]|与会")


def _is_link(text: str, i: int) -> bool:
    """Whether ``text[i]`` (、和及与) joins two items, not a character inside a word
    (普及率, 涉及, 总和, 及时)."""
    return text[i] == "、" or not (_word_before_function(text, i + 1)
                                  or _WORD_AFTER_FUNCTION.match(text, i))


def _split_list(subject: str, separators: re.Pattern[str] = _LIST_JOIN) -> list[str]:
    """The items of a list in ``subject``, split at the ``separators`` that join two items
    (outside brackets and quotes)."""
    masked = mask(subject)
    parts, last = [], 0
    for separator in separators.finditer(masked):
        i = separator.start()
        if _is_link(subject, i):
            parts.append(subject[last:i])
            last = i + 1
    parts.append(subject[last:])
    return parts


def _shorten(subject: str, *, bare: bool = True) -> str:
    """A list in a subject, kept whole where a table header would keep it: ``A、B、C等H``
    and a bare list stay whole up to ``_SHORT_LIST`` characters, longer ones become
    ``A等H`` (``A等`` when ``bare``, a list of subjects); ``A、B、C三大H`` stays whole while
    its items are short, else ``三大H``; ``A、B、C“新三样”H`` is always ``“新三样”H`` (the
    quoted name names the list); a measure the last item names for all (``A、B、C、D产值``)
    stays after ``A等``."""
    items = _split_list(subject)
    name = _LIST_NAME.search(items[-1]) if len(items) > 1 else None
    if name and len(subject) > _SHORT_NAMED:  # A、B、C“新三样”出口 → “新三样”出口
        return items[-1][name.start():]
    if len(subject) <= _SHORT_LIST or len(items) < 2:
        return subject
    if "等" in items[-1]:  # the examples are 、-items: 和 inside the first one stays
        return _split_list(subject, _ENUMERATION_COMMA)[0] + subject[subject.rindex("等") :]
    label = _LIST_LABEL.search(items[-1])
    if label:  # A、B、C三大H → 三大H, unless the items themselves are short
        listed = len(subject) - len(items[-1]) + label.start()
        return subject if listed <= _SHORT_ITEMS else items[-1][label.start():]
    if not bare:
        return subject
    head = _named_head(items[-1])  # A、B、C、D产值均占…: the measure all the items share
    if head and len(items[-1]) > len(head) and not _named_head(items[0]):
        return items[0] + "等" + head
    return items[0] + "等"


#: The longest list a label keeps whole (``昌平、顺义、通州、延庆等特色园区产值``); the gold
#: keeps such lists and drops only long ones.
_SHORT_LIST = 20
#: The longest subject whose list before a quoted name (“新三样”) stays.
_SHORT_NAMED = 16
#: The longest items before a count that names a list (``金融、信息、科技服务三大…``) kept.
_SHORT_ITEMS = 12


def _shared_before(sentence: str, c_start: int) -> list[str]:
    """The items of the subject the clause before shares with 均 (``投资和消费均突破万亿元，
    分别达到…``), for a 分别 clause after it that names none; empty when there is none."""
    previous = _previous_clause(sentence, c_start)
    shared = _SHARED_NUMBER.search(mask(previous))
    if shared is None or shared.group(1) != "均":
        return []
    subject, _ = _clean_subject(previous[:shared.start()])
    return [x for x in _split_list(subject) if x] if _has_content(subject) else []


def _parallel_subjects(sentence: str, c_start: int) -> list[str]:
    """Subjects of the figures before a ``均…`` / ``分别…`` clause in the same sentence part;
    a figure that is an item of a 分别 list gives its item (``航空旅客和货邮吞吐量分别达到
    1.35亿人次、453.8万吨``: ``航空旅客吞吐量``, ``货邮吞吐量``), not the whole list."""
    masked = mask(sentence)
    begin = max(masked.rfind(ch, 0, max(c_start - 1, 0)) for ch in "；;。") + 1
    subjects: list[str] = []
    for a, b in _figures(masked[begin:c_start]):
        f_start, f_end = clause_bounds(sentence, begin + a, begin + b)
        listed = (_listed_subject(sentence, f_start, begin + a, f_end, nested=True)
                  if f_start < c_start else "")
        subj = (_GENERIC_TAIL.sub("", listed) if _has_content(listed)
                else _figure_subject(sentence, begin + a, begin + b, depth=1))
        lead = _run_lead(sentence, begin + a) if subj else ""  # 接待国内游客…、入境游客…:
        if lead and not subj.startswith(lead):  # each item is received
            subj = lead + subj
        if subj and subj not in subjects:
            subjects.append(subj)
    return subjects


def _owner_before_figure(sentence: str, at: int, depth: int) -> str:
    """The subject of the nearest figure before ``at`` less the rate or share word it ends
    in (``民间投资增长2.1%、…`` → ``民间投资``), the owner a subjectless figure after it takes;
    "" when that names nothing or holds a figure of its own."""
    owner = _GENERIC_TAIL.sub("", _inherit(sentence, at, depth))
    return owner if _has_content(owner) and not _figures(mask(owner)) else ""


def _inherit(sentence: str, seg_start: int, depth: int, *, share: bool = False) -> str:
    """Subject of the nearest figure before this one in the same sentence part; with
    ``share`` (a change in percentage points: ``占比达到59.2%、提高4.5个百分点``), a share
    or ratio it names stays, for that is what changes."""
    if depth > 1:
        return ""
    masked = mask(sentence)
    begin = max(masked.rfind(ch, 0, seg_start) for ch in "；;。") + 1
    for a, b in reversed(_figures(masked[begin:seg_start])):
        subj = _figure_subject(sentence, begin + a, begin + b, depth, share=share)
        if subj:
            return subj
    return ""


def _figure_subject(sentence: str, a: int, b: int, depth: int, *, share: bool = False) -> str:
    """Subject of the numeral ``sentence[a:b]`` (its qualifiers and unit included); a
    share it names stays with ``share`` (see :func:`_inherit`)."""
    q = _QUALIFIER_BEFORE.search(sentence, 0, a)
    a, b = (q.start() if q else a), _extend(sentence, b)
    if _OF_BASE.search(sentence, max(0, a - 20), a) and _MULTIPLE_TEXT.search(sentence, a, b):
        return ""  # 是“十五”期末的1.9倍: its words name the base, not what it measures
    if _EXCESS_OF_TASK.search(sentence, max(0, a - _BEYOND_REACH), a):
        return ""  # 超额完成年度任务2.1亿元: an excess, whose rate after it is the figure's before
    c_start, _ = clause_bounds(sentence, a, b)
    subj = _subject(sentence, c_start, a)[0]
    if _RANK_ITEM.match(subj):  # 位列全国第16: a rank, no figure to inherit from
        return ""
    if not _has_content(subj) or _GENERIC.match(subj):
        subj = _label(sentence, a, b, depth + 1)
    if not _has_content(subj):
        return ""
    return subj if share and _SHARE_END.search(subj) else _GENERIC_TAIL.sub("", subj)


#: A share or ratio a label ends in, which a change in percentage points changes.
_SHARE_END = re.compile(r"(?:占[^占]*比重|比重|占比|比例)$")
#: A change in percentage points opening at a figure's start.
_POINTS = re.compile(rf"[^{_DIGITS}]{{0,4}}[{_DIGITS}.．]+个百分点")


def _extend(sentence: str, b: int) -> int:
    """End of a numeral's unit, so the inherited figure reads like a figure text."""
    m = _UNIT_AFTER.match(sentence, b)
    return m.end() if m else b


def _previous_clause(sentence: str, c_start: int) -> str:
    if c_start <= 1:
        return ""
    prev_start, _ = clause_bounds(sentence, c_start - 1, c_start - 1)
    return _strip_leading(sentence[prev_start : c_start - 1])


def _has_content(s: str) -> bool:
    return _CONTENT.search(s) is not None


def _join(a: str, b: str) -> str:
    return a + b if a and not b.startswith(a) else b


#: A rank cut off before its ordinal (``产量居全国第``): no part of what is measured.
_RANK_TAIL = re.compile(rf"(?:[位稳跃]?居|排名?|位?列)(?:{_SCOPE})?(?:前|第)$"
                        r"|(?:由|从)(?:每[\u4e00-\u9fff]{1,2})+$")
#: Function words (prepositions, conjunctions, 的) that never end a noun phrase.
_FUNCTION_END = re.compile(r"[向以在对把被从与及和的等]$")
#: Bound first syllables that make a word with a final function character (方向, 参与,
#: 普及, 总和, 可以, 存在, 相对, 服从, 高等): there the character is no preposition.
_WORD_BEFORE_FUNCTION = re.compile(
    r"(?:[方导面走趋意定流去取倾转动纵横]向|[参给赋授]与|[普涉波危顾企以不惠触遍]及|[总缓温祥饱]和"
    r"|[所可予加足难用]以|[存所实内外潜健自现正旨意志]在|[相针面核绝应比反敌]对|[服自跟盲遵随]从"
    r"|[植]被|[目]的|[高中初平同对均优上特头]等)$")
#: The shortest rest a long label is cut to: a shorter one has lost its subject.
_MIN_CUT = 8
#: Where a long label may be cut: after a link word or a clause verb, never inside a word.
_CUT_AFTER = re.compile(r"[、和及与的]|(?<=[\u4e00-\u9fff])了")
#: An item of a subject list that ends in its own change verb is a clause, not a subject
#: (``能耗、水耗大幅下降和生活垃圾无害化处理率``): the subject is what follows it.
_CLAUSE_ITEM = re.compile(r"(?:大幅|明显|显著|持续|稳步)?(?:下降|增长|提高|减少|降低|上升|改善|提升)[和及与、]")


def _word_before_function(text: str, end: int | None = None) -> re.Match[str] | None:
    """``_WORD_BEFORE_FUNCTION.search(text, 0, end)``: every word of it is two characters
    and ends the text (or the line break before its end), so only its last three are read."""
    end = len(text) if end is None else end
    return _WORD_BEFORE_FUNCTION.search(text, max(0, end - 3), end)


#: The aspect particle after a verb (``培育了…``, ``吸引了…``): a label states no tense.
_ASPECT = re.compile(r"(?<=[\u4e00-\u9fff])(?<![为除])了(?![解结断如然])(?=[\u4e00-\u9fff“])")
#: The first half of a fraction a list left behind (``稳定在全国1/4、1/3``).
_NUMERAL_STUB = re.compile(r"[0-9０-９]+[/／]$")


def _finish(label: str) -> str:
    """Trim stray punctuation and dangling function words; keep labels short by dropping
    the far left at a phrase boundary, never inside a word."""
    label = label.strip(" \u3000、，,；;：:的")
    if "了" in label:  # each pattern below is tried only on a label with a character it needs
        label = _ASPECT.sub("", label)
    if "/" in label or "／" in label:
        label = _NUMERAL_STUB.sub("", label)
    if "前" in label or "第" in label or "每" in label:
        label = _RANK_TAIL.sub("", label) or label
    label = label.rstrip(" \u3000、，,；;：:")
    clause = None
    for clause in _CLAUSE_ITEM.finditer(label) if _LIST_JOIN.search(label) else ():
        pass
    if clause is not None and _has_content(label[clause.end():]):
        label = label[clause.end():]
    while (len(label) > 2 and _FUNCTION_END.search(label)
           and not _word_before_function(label)):
        label = label[:-1].rstrip(" \u3000、，,；;：:")
    if len(label) > _MAX_LEN + 6:
        cuts = [m.end() for m in _CUT_AFTER.finditer(label)
                if _MIN_CUT <= len(label) - m.end() <= _MAX_LEN + 6]
        label = label[cuts[0]:] if cuts else label  # no cut point: whole, never mid-word
    return label
