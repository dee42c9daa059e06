"""Metadata lines of a scraped report: dates, source, subtitle, speaker, photo captions.

Each recogniser looks at one cleaned line and says what it carries, so the reader can
both fill :class:`~exporter.model.Meta` and keep the line out of the body.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..plans import CN_DIGITS, plan_named
from ._lines import CJK

_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
#: A date in Chinese numerals, as formal documents write it (二○二五年一月二十日).
_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_TIME = r"(?P<time>\s*\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*(?:分|[:：]\s*\d{1,2}\s*秒?))?)?"
_BARE_DATE = re.compile(rf"^{_DATE.pattern}{_TIME}$")
_PAREN_DATE = re.compile(rf"^[（(]\s*{_DATE.pattern}\s*(?:[，,][^）)]{{1,12}})?[)）]$")
#: A bracketed date and the speaker's name (（2005年1月27日 张三）), as web archives print them.
_PAREN_DATE_NAME = re.compile(rf"^[（(]\s*(?P<date>{_DATE.pattern})\s+(?P<name>[{CJK}·• ]{{2,12}})\s*[)）]$")
_MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")

_FIELD_KEYS = ("发布时间", "发布日期", "发表时间", "发文日期", "成文日期", "更新时间", "时间", "日期",
               "来源", "信息来源", "文章来源", "作者", "编辑", "字号", "浏览次数", "点击数", "阅读量")
_FIELD = re.compile(r"(?:^|(?<=[\s【\[|｜（(]))(" + "|".join(sorted(_FIELD_KEYS, key=len, reverse=True))
                    + r")\s*[:：]")
_PUBLISHED_KEYS = frozenset({"发布时间", "发布日期", "发表时间", "发文日期", "成文日期", "更新时间",
                             "时间", "日期"})
_SOURCE_KEYS = frozenset({"来源", "信息来源", "文章来源"})

_POSITION = (r"(?:常务)?(?:代理?|副)?(?:总理|省长|市长|区长|县长|州长|旗长|盟长|主席|主任|委员长|局长"
             r"|厅长|部长|院长|署长|行长|会长|秘书长|书记|镇长|乡长|司长|处长|校长|董事长|总经理|检察长|社长)")
_SPEAKER = re.compile(rf"^(?P<org>[{CJK}（）()·]{{0,40}}?)(?P<pos>{_POSITION}"
                      rf"(?:、[{CJK}]{{0,16}}?{_POSITION})*)\s*"
                      rf"(?P<name>[{CJK}·•][{CJK}·• ]{{1,16}})$")
#: A post alone on its line (省长; 教育部党组书记、部长), the name on the next.
_POST_LINE = re.compile(rf"^(?P<org>[{CJK}（）()·]{{0,40}}?)(?P<pos>{_POSITION}"
                        rf"(?:、[{CJK}]{{0,16}}?{_POSITION})*)$")
#: A two-character post spaced out as a name is (区 长 刘世杰).
_SPACED_POST = re.compile(rf"^([{CJK}])\s+([{CJK}])\s+(?=[{CJK}])")
_CLAUSE = re.compile(r"[。，,；;！？!?\s]+")
_SPEECH = re.compile(rf"^(?:图为)?(?P<org>[{CJK}]{{0,20}}?)(?P<pos>{_POSITION})(?P<name>[{CJK}]{{2,3}})"
                     rf"(?:代表[{CJK}]{{2,12}}?)?作(?P<title>[{CJK}“”]{{0,16}}?报告)")
#: A line that only says who delivered the report (省长赵刚作政府工作报告。), as pages put
#: under a photo without a credit.
_SPEECH_LINE = re.compile(rf"^(?:图为)?(?P<org>[{CJK}]{{0,20}}?)(?P<pos>{_POSITION})?"
                          rf"(?P<name>[{CJK}]{{2,3}}?)(?:代表[{CJK}]{{2,12}}?)?"
                          rf"作(?P<title>[{CJK}“”]{{1,16}}?报告)[。.]?$")
_CAPTION_START = re.compile(r"^(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日[，,]")
_PHOTO_CREDIT = re.compile(r"(记者|通讯员|摄影)\s*[\w·• ]{1,20}\s*摄[)）]?$")
_PICTURE_WORDS = ("图为", "图片来源", "（图片来源", "(图片来源", "▲", "△")
_SUBTITLE_DASH = re.compile(r"^[—－─―‒⸺⸻\-–]{1,4}\s*(?P<text>\S.*)$")
_SUBTITLE_AT = re.compile(rf"^(?:{_DATE.pattern}|{_CN_DATE.pattern})?\s*在[^。！？]{{2,80}}上(?:的[{CJK}]{{0,6}})?$")
_TRAILING_DATE = re.compile(rf"\s*[（(]\s*{_DATE.pattern}\s*[)）]$")
_GREETING = re.compile(r"^(各位|同志们|女士们|先生们|尊敬的|亲爱的)[^。！？!?]{0,30}[：:！!，,]?$")
_ON_BEHALF = re.compile(rf"我代表([{CJK}]{{2,16}}?)(?:[，,]|向)")
_PLACE = re.compile(rf"^[{CJK}]{{2,12}}(?:省|市|县|区|自治区|自治州|州|旗|盟)$")
_NAME = re.compile(rf"^[{CJK}]{{2,4}}$|^[{CJK}]{{1,8}}[·•][{CJK}]{{1,10}}$")
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def _cn_number(text: str) -> int:
    """一 … 九, 十, 十二, 二十, 二十六 as a number; 0 for anything else."""
    if _CN_DAY.fullmatch(text) is None:
        return 0
    if "十" not in text:
        return CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


_CN_DAY = re.compile(r"[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]")


def iso_date(text: str) -> str | None:
    """The first full date in ``text`` as YYYY-MM-DD (2016年2月19日, 2016-02-19, 2016/2/19,
    二○一六年二月十九日)."""
    match = _DATE.search(text)
    if match is not None:
        year, month, day = (int(g) for g in match.groups())
    else:
        cn = _CN_DATE.search(text)
        if cn is None:
            return None
        year = int("".join(str(CN_DIGITS[c]) for c in cn.group(1)))
        month, day = _cn_number(cn.group(2)), _cn_number(cn.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2099):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def bare_date(line: str) -> tuple[str, bool] | None:
    """``(date, has_time)`` of a line that is nothing but a date, perhaps with a time."""
    match = _BARE_DATE.match(line)
    date = iso_date(line) if match else None
    if match is None or date is None:
        return None
    return date, match.group("time") is not None


def paren_date(line: str) -> str | None:
    """The date of a line that is a parenthesised date: （2016年2月19日）, also with a note
    after it (（2014年10月17日，根据记录整理））."""
    return iso_date(line) if _PAREN_DATE.match(line) else None


def paren_date_name(line: str) -> tuple[str, str] | None:
    """``(date, name)`` of a bracketed date and name: （2005年1月27日 张三）."""
    match = _PAREN_DATE_NAME.match(line)
    if match is None:
        return None
    date, name = iso_date(match.group("date")), is_name(match.group("name"))
    return (date, name) if date and name else None


def split_trailing_date(line: str) -> tuple[str, str | None]:
    """A byline without the bracketed date it ends with (县长 赵某(2020年1月8日)), and that
    date; the line itself and None when it ends with none."""
    trailing = _TRAILING_DATE.search(line)
    if trailing is None or trailing.start() == 0:
        return line, None
    return line[: trailing.start()], iso_date(trailing.group())


def fields(line: str) -> dict[str, str] | None:
    """``{"published": …, "publisher": …}`` from a line of labelled page fields such as
    ``发布时间：2016-02-19 来源：北京市科委``; None when the line is not one. A key with
    no value on its line (``来源:`` alone) maps to the empty string."""
    if len(line) > 160:
        return None
    matches = list(_FIELD.finditer(line))
    if not matches:
        return None
    found: dict[str, str] = {}
    prefix = line[: matches[0].start()].strip(" 【[|｜（(")
    if prefix:
        stamp = bare_date(prefix)
        if stamp is None:
            return None
        found["published"] = stamp[0]
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        value = line[match.end(): end].strip(" 】]|｜）)")
        key = match.group(1)
        if key in _PUBLISHED_KEYS:
            date = iso_date(value)
            if date:
                found.setdefault("published", date)
        elif key in _SOURCE_KEYS:
            found.setdefault("publisher", value)
    return found


def copyright_holder(line: str) -> str | None:
    """The body named by 版权所有：X or X 版权所有."""
    match = re.search(r"版权所有\s*[:：]?\s*(?:[©(Cc)]+)?\s*(?:(?:19|20)\d{2}\s*)?"
                      rf"([{CJK}（）()]{{2,40}})", line)
    if match is None:
        match = re.search(rf"([{CJK}（）()]{{2,40}})\s*版权所有", line)
    return match.group(1) if match else None


@dataclass
class Speaker:
    """Who delivered the report: name, full title, and the body they speak for."""

    name: str
    title: str
    organization: str | None


def speaker_line(line: str) -> Speaker | None:
    """北京市科学技术委员会主任 闫傲霜 → 闫傲霜, title and organization."""
    if len(line) > 60:
        return None
    match = _SPEAKER.match(line) or _SPEAKER.match(_SPACED_POST.sub(r"\1\2 ", line))
    if match is None:
        return None
    name = match.group("name").replace(" ", "")
    if not (2 <= len(name) <= 4 or "·" in name or "•" in name):
        return None
    org = match.group("org") or None
    return Speaker(name=name, title=f"{match.group('org')}{match.group('pos')}", organization=org)


@dataclass
class Caption:
    """A photo caption: what it tells of the speech, if anything."""

    speaker: Speaker | None
    title: str | None
    month_day: tuple[int, int] | None
    year: int | None


def caption(line: str) -> Caption | None:
    """A photo caption (3月5日，…国务院总理李克强作政府工作报告。新华社记者 某某 摄), or a
    line that only names who delivered the report (张三作政府工作报告。)."""
    if len(line) > 250:
        return None
    alone = _SPEECH_LINE.match(line) if len(line) <= 40 else None
    if alone is not None:
        speaker = Speaker(name=alone.group("name"),
                          title=alone.group("org") + (alone.group("pos") or ""),
                          organization=alone.group("org") or None)
        return Caption(speaker, alone.group("title"), None, None)
    start = _CAPTION_START.match(line)
    credited = (line.rstrip(")）").endswith("摄") and _PHOTO_CREDIT.search(line[-40:]) is not None
                ) or line.startswith(_PICTURE_WORDS)
    if not credited and not start:
        return None
    speech = next(filter(None, map(_SPEECH.match, _CLAUSE.split(line))), None)
    if not credited and not speech:
        return None
    found = Caption(None, None, None, None)
    if speech:
        found.speaker = Speaker(name=speech.group("name"),
                                title=speech.group("org") + speech.group("pos"),
                                organization=speech.group("org") or None)
        found.title = speech.group("title")
    if start:
        md = _MONTH_DAY.search(start.group())
        if md:
            found.month_day = (int(md.group(1)), int(md.group(2)))
        year = _YEAR.match(start.group())
        found.year = int(year.group(1)) if year else None
    return found


def subtitle(line: str) -> tuple[str, str | None] | None:
    """``(subtitle, date)`` of a header line such as ——在…会议上的报告 (any dash-led line)
    or 2026年2月3日在…会议上; leading dashes dropped, a trailing （date） split off."""
    if len(line) > 120 or line.endswith(("。", "！", "？")):
        return None
    if line[:1] in "（(" and line[-1:] in "）)":
        line = line[1:-1].strip()
    dashed = _SUBTITLE_DASH.match(line)
    text = dashed.group("text") if dashed else line
    if not dashed and _SUBTITLE_AT.match(text) is None:
        return None
    date = None
    trailing = _TRAILING_DATE.search(text)
    if trailing:
        date = iso_date(trailing.group())
        text = text[: trailing.start()]
    if date is None:
        at = re.match(rf"^(?:{_DATE.pattern}|{_CN_DATE.pattern})\s*在", text)
        date = iso_date(at.group()) if at else None
    return text.strip(), date


def subtitle_and_speaker(line: str) -> tuple[tuple[str, str | None], Speaker] | None:
    """A subtitle and the speaker's byline on one line (2026年1月27日在某省…会议上 某省省长
    赵六, or with no blank: …会议上浙江省省长 吕祖善), split at the blank where the byline
    begins or right after the meeting."""
    cuts = [m.end() for m in re.finditer(r" +|会议上(?=\S)", line)]
    for cut in cuts:
        speaker = speaker_line(line[cut:].strip())
        head = line[:cut].strip()
        sub = subtitle(head) if speaker else None
        if sub and speaker:
            return sub, speaker
    return None


def title_and_speaker(line: str) -> tuple[str, Speaker] | None:
    """A title with the speaker's byline after a blank (…政府工作报告 西安市人民政府市长陈宝根)."""
    at = line.rfind(" ")
    while at > 0:
        speaker = speaker_line(line[at + 1:])
        if speaker and names_a_document(line[:at]):
            return line[:at].strip(), speaker
        at = line.rfind(" ", 0, at)
    return None


def names_a_document(text: str) -> bool:
    """Whether ``text`` reads as a title: it names a report, speech, plan or bulletin."""
    return re.search(r"报告|讲话|规划|公报|发言", text) is not None


_SUBTITLE_END = re.compile(rf"上(?:的[{CJK}]{{0,6}})?$")
#: A speech named by where it was given, undated and with no dash (在全省…会议上的讲话).
_SPEECH_NAME = re.compile(r"^在[^。！？]{2,60}上的(?:讲话|报告|工作报告|发言|致辞|总结讲话)$")


def names_speech(line: str) -> bool:
    """True for a line that names a speech by the meeting it was given at, undated and
    not led by a dash: with nothing above it, it is the speech's title."""
    return _SPEECH_NAME.match(line) is not None


def closes_subtitle(line: str) -> bool:
    """True when ``line`` ends as a 在…会议上 subtitle does; a header line that does so
    completes a subtitle broken across lines (——…在某省第十四届 / 人民代表大会第五次会议上)."""
    return len(line) <= 60 and _SUBTITLE_END.search(line) is not None


def post_line(line: str) -> Speaker | None:
    """A line that is a post alone (省长, 教育部党组书记、部长): the speaker's title and
    body, whose name the next line gives (its ``name`` is empty)."""
    match = _POST_LINE.match(line) if len(line) <= 40 else None
    if match is None:
        return None
    return Speaker(name="", title=line, organization=match.group("org") or None)


def is_name(line: str) -> str | None:
    """A line that is a person's name alone (闫傲霜, 龚 正), its spaces removed; never a
    post (省长)."""
    name = line.replace(" ", "")
    return name if _NAME.match(name) and _POST_LINE.match(name) is None else None


def is_greeting(line: str) -> bool:
    """各位代表：, 各位领导，同志们：, 同志们！ — the salutation that opens the body."""
    return len(line) <= 40 and _GREETING.match(line) is not None


def on_behalf(text: str) -> str | None:
    """The body named in 我代表国务院，向大会报告… ."""
    match = _ON_BEHALF.search(text[:2000])
    return match.group(1) if match else None


def organization(named: str | None, behalf: str | None) -> str | None:
    """The body a speaker represents: their byline's, unless it names a bare place (上海市)
    and the speech says 我代表上海市人民政府 or 我代表市人民政府 — then that body."""
    if not named or not behalf or _PLACE.match(named) is None:
        return named or behalf
    if named[:2] in behalf:
        return behalf
    if behalf[0] == named[-1]:
        return named + behalf[1:]
    return named


#: A year that is a target or a span's far end (到2020年, 2035年远景目标) tells nothing
#: of when a report is given.
_STATED_YEAR = re.compile(r"(?<![到至争向])((?:19|20)\d{2})(?:年(?!前|以前|底前|远景)|(?=两会))")
_YEAR_IS = re.compile(r"(?:^|[。！？])\s*((?:19|20)\d{2})年是")
#: The end of a from-to in a review (``从2012年的54万亿元增加到2017年的82.7万亿元``): a year
#: reported as done, though 到 before a year otherwise names a horizon (到2020年).
_FROM_TO_END = re.compile(
    r"(?:增加|提高|增长|提升|上升|扩大|下降|降低|减少|缩小|增|降|升)(?:到|至)((?:19|20)\d{2})年(?!前|以前|底前|远景)")


#: A statistical bulletin of a year (2016年国民经济和社会发展统计公报), issued the year after.
_BULLETIN = re.compile(r"((?:19|20)\d{2})年(?:度)?[^，。]{0,20}统计公报")


def bulletin_year(title: str | None) -> int | None:
    """The year a statistical bulletin is issued in: the year after the one it reports."""
    match = _BULLETIN.search(title or "")
    return int(match.group(1)) + 1 if match else None


#: What a site wraps a title in: a label before it (资料：, 【投资昆山】, 文件名称 |) and its
#: own name after it (_中国经济网——国家经济门户).
_TITLE_LABEL = re.compile(r"^(?:(?:资料|转载|全文|原文|文件名称|标题)\s*[:：|｜]\s*|【[^】]{1,20}】\s*)")
_SITE_SUFFIX = re.compile(r"\s*[_|｜][^_|｜]{0,40}(?:网|门户|频道|官网|在线)[^_|｜]*$|\s*[|｜][\s|｜]*$")


def clean_title(title: str) -> str:
    """A title without what the page wrapped it in (资料：X_中国经济网 → X); the title as
    it is when nothing is left."""
    cleaned = _SITE_SUFFIX.sub("", _TITLE_LABEL.sub("", title)).strip()
    while cleaned != title and cleaned:
        title, cleaned = cleaned, _SITE_SUFFIX.sub("", _TITLE_LABEL.sub("", cleaned)).strip()
    return cleaned or title


def is_aside(line: str) -> bool:
    """A header line wholly in brackets (（点击查阅更多…）, （全文））: a page's aside, never
    the title."""
    return line[:1] in "（(" and line[-1:] in "）)"


def stated_year(text: str | None) -> int | None:
    """The latest year a title or subtitle states (关于2025年…执行情况与2026年…草案 → 2026)."""
    years = [int(m.group(1)) for m in _STATED_YEAR.finditer(text or "")]
    return max(years) if years else None


@lru_cache(maxsize=1)
def report_parts() -> dict[str, tuple[str, ...]]:
    """The words of each part's headings (``review``, ``plan``, ``standing``), from the
    catalogue ``report_parts.toml`` beside this module."""
    text = (Path(__file__).parent / "report_parts.toml").read_text(encoding="utf-8")
    return {part: tuple(entry["words"]) for part, entry in tomllib.loads(text).items()}


def heading_role(title: str) -> str | None:
    """``review`` for a heading that looks back, ``plan`` for one that looks ahead, None
    for neither; the last such word decides (2025年工作回顾和2026年工作安排 plans,
    2025年计划执行情况 reviews)."""
    parts = report_parts()
    last = {role: max((title.rfind(word) for word in parts[role]), default=-1)
            for role in ("review", "plan")}
    role = max(last, key=lambda key: last[key])
    return role if last[role] >= 0 else None


_TIME_REFERENCE = re.compile(r"(?:19|20)\d{2}年|时期|[一二三四五]年|今年|明年|去年|过去|今后|“十[一二三四五六七八九]五”")


def names_report_part(title: str) -> bool:
    """True when ``title`` heads one of a report's top-level parts: its review or plan
    with the time it is about (过去五年工作回顾, “十四五”时期主要目标任务, 2026年工作安排),
    or a part named without one (加强政府自身建设); a subheading such as 主要预期目标 is
    none of these."""
    if any(word in title for word in report_parts()["standing"]):
        return True
    return heading_role(title) is not None and _TIME_REFERENCE.search(title) is not None


def year_from_outline(sections: list[tuple[str, str]]) -> int | None:
    """The year a report is given in, from its top-level ``(title, text)`` pairs when it
    states no date: the year after the latest year its review heading names
    (2016年工作回顾 → 2017), else the year its plan heading names (2017年重点工作), else
    the year after the five-year plan a review heading names (“十五”时期工作回顾 → 2006)
    or the first year of the one a plan heading names, else
    the year after the latest year its review's text reports (a five-year review whose
    figures end in 2017 → 2018, ``增加到2017年的…`` included; a horizon such as 面向2030年 or
    到2020年 is no report), else the year a plan section says ``YYYY年是…``."""
    roles = [(heading_role(title), title, text) for title, text in sections]
    for wanted, shift in (("review", 1), ("plan", 0)):
        for role, title, _ in roles:
            year = stated_year(title)
            if role == wanted and year is not None:
                return year + shift
    for role, title, _ in roles:  # “十五”时期工作回顾 → 2006; “十四五”时期主要目标任务 → 2021
        plan = plan_named(title) if role is not None else None
        if plan is not None and plan[0] != plan[1]:
            return plan[1] + 1 if role == "review" else plan[0]
    for role, _, text in roles:
        if role == "review":
            years = [int(m.group(1)) for pattern in (_STATED_YEAR, _FROM_TO_END)
                     for m in pattern.finditer(text)]
            if years:
                return max(years) + 1
    for role, _, text in roles:
        if role != "review":
            match = _YEAR_IS.search(text)
            if match:
                return int(match.group(1))
    return None


def self_named(opening: str) -> str | None:
    """The title a report with no title line gives itself in its opening (``向大会作政府
    工作报告``): 政府工作报告. None when it only says what it does (``向大会报告政府工作``),
    which names no document."""
    return _GOVERNMENT_WORK_REPORT if _DELIVERS_REPORT.search(opening) else None


_GOVERNMENT_WORK_REPORT = "政府工作报告"
#: The speaker delivering the report by its name (作政府工作报告), not a mention of another
#: one (按照政府工作报告确定的目标).
_DELIVERS_REPORT = re.compile(rf"[作做]《?{_GOVERNMENT_WORK_REPORT}")


def report_kind(*texts: str | None) -> str | None:
    """政府工作报告 when the report names itself one (in its title, a caption, or its
    opening: 向大会作政府工作报告, 向大会报告政府工作, or a 人民政府/国务院 报告工作)."""
    for text in texts:
        if not text:
            continue
        if _GOVERNMENT_WORK_REPORT in text or "报告政府工作" in text:
            return _GOVERNMENT_WORK_REPORT
        behalf = on_behalf(text)
        if behalf and (behalf.endswith("政府") or behalf == "国务院") and "报告工作" in text:
            return _GOVERNMENT_WORK_REPORT
    return None
