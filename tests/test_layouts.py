"""Layouts of reports from every province: unnumbered headings, attachments, broken lines,
reports without a title, and the year, region and level a report implies.

Each case is a small report written for the test, in the shape real pages take; none is
copied from a report in ``shared/``.
"""

from __future__ import annotations

import io
import json

import docx
import openpyxl
import pytest

from exporter.choice import ContentChoice, choose
from exporter.model import Meta, Report, display_title
from exporter.readers import read_report
from exporter.readers.model_json import validate_model
from exporter.readers.text import parse_text
from exporter.renderers import RenderOptions
from exporter.renderers.docx.writer import render as render_docx
from exporter.renderers.xlsx.writer import render as render_xlsx
from exporter.theme import load_theme

OPENING = "各位代表：\n现在，我代表自治区人民政府向大会报告工作，请予审议。\n"


def outline(report: Report) -> list[tuple[int, str, str, int]]:
    """(level, label, title, paragraph count) of every section in reading order."""
    return [(s.level, s.label, s.title, len(s.paragraphs)) for s, _ in report.walk()]


# --- unnumbered top-level headings ---------------------------------------------------------


def test_unnumbered_top_level_headings_hold_the_numbered_tree_below_them() -> None:
    text = ("2026年某自治区政府工作报告\n" + OPENING
            + "“十四五”时期发展成就和2025年工作回顾\n"
            "五年来，全区经济总量迈上新台阶。\n"
            "刚刚过去的一年，地区生产总值增长5.1%。\n"
            "“十五五”时期主要目标和2026年重点工作\n"
            "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n"
            "一、加快建设现代化产业体系\n"
            "（一）壮大实体经济。推进传统产业升级。\n"
            "（二）培育新兴产业。发展数字经济。\n"
            "二、持续保障和改善民生\n"
            "办好民生实事。\n"
            "各位代表！让我们团结奋斗！\n")
    report = parse_text(text)
    assert [p.text for p in report.preamble] == ["各位代表：", "现在，我代表自治区人民政府向大会报告工作，请予审议。"]
    assert outline(report) == [
        (1, "", "“十四五”时期发展成就和2025年工作回顾", 2),
        (1, "", "“十五五”时期主要目标和2026年重点工作", 1),
        (2, "一、", "加快建设现代化产业体系", 0),
        (3, "（一）", "壮大实体经济", 1),
        (3, "（二）", "培育新兴产业", 1),
        (2, "二、", "持续保障和改善民生", 2),
    ]
    assert [s.id for s, _ in report.walk()] == ["s1", "s2", "s2.1", "s2.1.1", "s2.1.2", "s2.2"]


def test_every_part_of_a_report_may_be_unnumbered() -> None:
    text = (OPENING + "过去五年工作回顾\n五年来，经济总量迈上新台阶。\n"
            "“十五五”发展的主要考虑\n今后五年，要稳中求进。\n2026年工作安排\n今年要扩大内需。\n"
            "（一）扩大内需\n消费增长5%。\n全面加强政府自身建设\n坚持依法行政。\n")
    assert outline(parse_text(text)) == [
        (1, "", "过去五年工作回顾", 1),
        (1, "", "“十五五”发展的主要考虑", 1),
        (1, "", "2026年工作安排", 1),
        (2, "（一）", "扩大内需", 1),
        (1, "", "全面加强政府自身建设", 1),
    ]


def test_unnumbered_plan_heading_after_a_numbered_review_stays_at_level_one() -> None:
    text = (OPENING + "一、2025年工作回顾\n过去一年，经济平稳。\n（一）稳增长\n投资增长3%。\n"
            "2026年工作安排\n今年要稳中求进。\n（一）扩大内需\n消费增长5%。\n"
            "二、加强政府自身建设\n依法行政。\n")
    assert outline(parse_text(text)) == [
        (1, "一、", "2025年工作回顾", 1),
        (2, "（一）", "稳增长", 1),
        (1, "", "2026年工作安排", 1),
        (2, "（一）", "扩大内需", 1),
        (1, "二、", "加强政府自身建设", 1),  # the numbering goes on at level 1
    ]


@pytest.mark.parametrize("subheading", ["经济实力持续增强", "主要预期目标"])
def test_an_unnumbered_subheading_inside_a_numbered_tree_is_not_top_level(
        subheading: str) -> None:
    text = (OPENING + "一、2025年工作回顾\n（一）稳增长\n投资增长3%。\n" + subheading + "\n"
            "地区生产总值增长5%。\n（二）促改革\n改革深入推进。\n")
    report = parse_text(text)
    assert [(level, label) for level, label, _, _ in outline(report)] == [
        (1, "一、"), (2, "（一）"), (2, "（二）")]
    assert [p.text for p in report.sections[0].sections[0].paragraphs] == [
        "投资增长3%。", subheading, "地区生产总值增长5%。"]


@pytest.mark.parametrize("line", [
    "今年经济社会发展的",  # ends with a particle: half a sentence
    "一年来，我们主要做了以下工作：",  # punctuated
    "各位代表",  # a salutation
])
def test_lines_that_are_not_unnumbered_headings(line: str) -> None:
    report = parse_text(OPENING + "过去一年，经济平稳。\n" + line + "\n投资增长3%。\n")
    assert report.sections == []


# --- attachments after the body ------------------------------------------------------------

BODY = (OPENING + "一、2025年工作回顾\n过去一年，经济平稳。\n二、2026年工作安排\n今年要稳中求进。\n"
        "三、加强政府自身建设\n依法行政。\n各位代表！让我们团结奋斗！\n")


def test_an_attachment_with_its_label_is_an_appendix_not_sections() -> None:
    text = (BODY + "附件1\n2026年十件民生实事\n坚持民生为大，办好十件实事。\n"
            "一、提高城乡低保标准。\n低保标准提高5%。\n二、建设养老服务设施。\n新建养老机构20个。\n"
            "附件2\n名词解释\n1.“两重”：是指国家重大战略实施和重点领域安全能力建设。\n")
    report = parse_text(text)
    assert [s.label for s in report.sections] == ["一、", "二、", "三、"]
    assert report.sections[2].paragraphs[-1].text == "各位代表！让我们团结奋斗！"
    assert len(report.appendix) == 1
    attachment = report.appendix[0]
    assert (attachment.id, attachment.label, attachment.title, attachment.level) == (
        "a1", "附件1", "2026年十件民生实事", 1)
    assert [p.text for p in attachment.paragraphs] == ["坚持民生为大，办好十件实事。"]
    assert [(s.id, s.level, s.label, s.title) for s in attachment.sections] == [
        ("a1.1", 2, "一、", "提高城乡低保标准"), ("a1.2", 2, "二、", "建设养老服务设施")]
    assert attachment.sections[1].paragraphs[0].id == "a1.2.p1"
    assert [(n.label, n.term) for n in report.notes] == [("1.", "两重")]
    # not body text: neither walked nor read for figures
    assert all(not s.id.startswith("a") for s, _ in report.walk())


def test_an_appendix_s_figures_reach_every_output() -> None:
    """An appendix states real targets (a year's livelihood projects): the build keeps its
    figures, so the workbook lists them beside the body's."""
    text = BODY.replace("今年要稳中求进。", "今年要稳中求进，城镇新增就业50万人。") + (
        "附件1\n2026年十件民生实事\n一、提高城乡低保标准。\n低保标准提高5%。\n"
        "二、建设养老服务设施。\n新建养老机构20个。\n")
    report = choose(read_report(text.encode(), "report.txt"), ContentChoice())
    assert [f.text for f in report.figures] == ["50万人", "5%", "20个"]
    out = io.BytesIO()
    render_xlsx(report, load_theme("modern"), RenderOptions(), out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert {"新建养老机构", "低保标准提高幅度"} <= cells


def test_a_title_after_which_the_top_numbering_restarts_opens_an_appendix() -> None:
    text = (BODY + "2026年省十件民生实事\n一、提高城乡低保标准。\n低保标准提高5%。\n"
            "二、建设养老服务设施。\n新建养老机构20个。\n三、改造农村公路。\n新改建农村公路2000公里。\n"
            "四、加强食品安全监管。\n抽检食品10万批次。\n")
    report = parse_text(text)
    assert [s.label for s in report.sections] == ["一、", "二、", "三、"]
    assert [(a.label, a.title, len(a.sections)) for a in report.appendix] == [
        ("", "2026年省十件民生实事", 4)]


@pytest.mark.parametrize("footer", ["附件：2026年重点项目表.xlsx\n",
                                    "附件：\n1.2026年重点项目表.xlsx\n2.名词解释.docx\n"])
def test_an_attachment_offered_for_download_is_furniture(footer: str) -> None:
    report = parse_text(BODY + footer)
    assert report.appendix == []
    assert report.sections[2].paragraphs[-1].text == "各位代表！让我们团结奋斗！"


def test_appendix_survives_the_json_round_trip_and_the_schema() -> None:
    report = read_report((BODY + "附件\n2026年民生实事\n1.新增就业18万人以上。\n").encode(),
                         "r.txt")
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    validate_model(data, "r.json")
    assert data["appendix"][0]["title"] == "2026年民生实事"
    assert data["meta"]["kind"] == "政府工作报告"
    assert Report.from_dict(data) == report
    assert all(not f.paragraph.startswith("a") for f in report.figures)


# --- lines broken by the page --------------------------------------------------------------


def test_lines_broken_mid_sentence_are_joined() -> None:
    text = (OPENING + "一、2026年工作安排\n2026年是开局之年。今年经济社会发展的\n主要预期目标\n"
            "是：地区生产总值增长5%左右。\n深入打好蓝天保卫战，以PM\n2.5\n浓度下降为主线。\n"
            "（一）扩大内需\n消费增长5%。\n（\n二）深化改革\n改革深入推进。\n（三）\n扩大开放\n"
            "外贸增长3%。\n")
    report = parse_text(text)
    assert [p.text for p in report.sections[0].paragraphs] == [
        "2026年是开局之年。今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。",
        "深入打好蓝天保卫战，以PM2.5浓度下降为主线。"]
    assert [(s.label, s.title) for s in report.sections[0].sections] == [
        ("（一）", "扩大内需"), ("（二）", "深化改革"), ("（三）", "扩大开放")]


# --- reports without a title ---------------------------------------------------------------

NATIONAL = ("各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n"
            "一、2013年工作回顾\n过去一年，国内生产总值增长7.7%。\n"
            "二、2014年重点工作\n今年要稳中求进。\n")


def test_a_report_without_a_title_keeps_none_and_displays_a_composed_one() -> None:
    meta = parse_text(NATIONAL, name="national_2014.txt").meta
    assert meta.title is None
    assert (meta.year, meta.region, meta.level, meta.organization, meta.kind) == (
        2014, "全国", "national", "国务院", "政府工作报告")
    assert display_title(meta) == "2014年国务院政府工作报告"


def test_display_title_prefers_the_report_s_own_and_never_guesses() -> None:
    assert display_title(Meta(title="政府工作报告", year=2017, level="national",
                              kind="政府工作报告")) == "政府工作报告"
    assert display_title(Meta(year=2026, region="广西壮族自治区", level="provincial",
                              kind="政府工作报告")) == "2026年广西壮族自治区政府工作报告"
    assert display_title(Meta(year=2026, region="某市")) is None  # kind unknown
    assert display_title(Meta(kind="政府工作报告")) is None


def test_documents_show_the_display_title_not_the_file_name() -> None:
    report = read_report(NATIONAL.encode(), "national_2014.txt")
    theme = load_theme("modern")
    out = io.BytesIO()
    render_docx(report, theme, RenderOptions(), out)
    document = docx.Document(io.BytesIO(out.getvalue()))
    assert document.core_properties.title == "2014年国务院政府工作报告"
    assert "2014年国务院政府工作报告" in [p.text for p in document.paragraphs]
    assert not any("national_2014" in p.text for p in document.paragraphs)
    out = io.BytesIO()
    render_xlsx(report, theme, RenderOptions(), out)
    workbook = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    assert workbook.properties.title == "2014年国务院政府工作报告"


# --- the report's year ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "year"), [
    # a date in the byline wins over everything the outline implies
    ("政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n" + NATIONAL, 2019),
    # the title's year; of two, the later (the plan the report proposes)
    ("关于2025年计划执行情况与2026年计划草案的报告\n" + OPENING + "一、工作回顾\n经济平稳。\n", 2026),
    # the year after the latest year the review heading names
    (OPENING + "一、“十四五”时期和2025年工作回顾\n经济平稳。\n二、“十五五”时期主要目标任务\n稳中求进。\n",
     2026),
    # the year the plan heading names, when the review names none
    (OPENING + "一、过去五年工作回顾\n经济平稳。\n二、2018年经济社会发展总体要求\n稳中求进。\n", 2018),
    # the year after the latest year the review's text reports; targets do not count
    (OPENING + "一、过去五年工作回顾\n2013年以来经济年均增长7.1%，2017年增长6.9%。"
     "到2020年全面建成小康社会。\n二、对今年工作的建议\n稳中求进。\n", 2018),
    # the end of a from-to the review reports is a year done, though 到2020年 is a horizon
    (OPENING + "一、过去五年工作回顾\n粮食产量从2012年的5.9亿吨提高到2017年的6.2亿吨。"
     "到2020年全面建成小康社会。\n二、对今年工作的建议\n稳中求进。\n", 2018),
    # the year after the plan the review heading names, never a base year its text states
    (OPENING + "一、“十五”时期工作回顾\n人均生产总值是2000年的2.5倍。\n二、今后五年的主要任务\n"
     "稳中求进。\n", 2006),
    # the first year of the plan the plan heading names
    (OPENING + "一、过去五年工作回顾\n经济平稳。\n二、“十四五”时期主要目标任务\n稳中求进。\n", 2021),
    # a plan section that says which year it plans
    (OPENING + "一、过去一年的工作\n经济平稳。\n二、今年的主要任务\n2019年是新中国成立70周年。"
     "今年要稳中求进。\n", 2019),
    # nothing implies a year: a horizon (面向2030年) is no year the review reports
    (OPENING + "一、过去一年的工作\n经济平稳。\n", None),
    (OPENING + "一、过去一年工作回顾\n启动面向2030年的重大项目。\n二、今年工作安排\n稳中求进。\n", None),
])
def test_the_report_s_year_is_stated_or_implied(text: str, year: int | None) -> None:
    assert parse_text(text).meta.year == year


# --- region and level ----------------------------------------------------------------------


@pytest.mark.parametrize(("header", "behalf", "region", "level", "organization"), [
    ("政府工作报告\n国务院总理 李四\n", "国务院", "全国", "national", "国务院"),
    ("2026年广西政府工作报告\n自治区主席 王五\n", "自治区人民政府", "广西壮族自治区", "provincial",
     "广西壮族自治区人民政府"),
    ("政府工作报告\n——2026年1月20日在北京市第十六届人民代表大会第四次会议上\n北京市市长 赵六\n",
     "市人民政府", "北京市", "provincial", "北京市人民政府"),
    ("2026年广州市政府工作报告\n广州市市长 钱七\n", "市人民政府", "广州市", "municipal", "广州市人民政府"),
    ("2026年吉林市政府工作报告\n吉林市市长 孙八\n", "市人民政府", "吉林市", "municipal", "吉林市人民政府"),
    ("政府工作报告\n——在某某县第十八届人民代表大会第五次会议上\n县长 周九\n", "县人民政府", "某某县",
     "county", "某某县人民政府"),
    # a body named without its place: the level it implies, no region
    ("政府工作报告\n省长 吴十\n", "省人民政府", None, "provincial", "省人民政府"),
    # nothing says which jurisdiction, nor at what level
    ("政府工作报告\n市长 郑一\n", "市人民政府", None, None, "市人民政府"),
])
def test_region_and_level_of_each_level_of_government(
        header: str, behalf: str, region: str | None, level: str | None,
        organization: str) -> None:
    text = f"{header}各位代表：\n现在，我代表{behalf}，向大会报告工作。\n一、2025年工作回顾\n经济平稳。\n"
    meta = parse_text(text).meta
    assert (meta.region, meta.level, meta.organization) == (region, level, organization)


def test_the_body_names_the_province_when_the_header_does_not() -> None:
    body = "全省经济平稳。云南高原特色农业加快发展，云南旅游持续升温，全省新增就业50万人。" \
           "全省上下奋力推进云南高质量发展，北京援建项目落地。"
    meta = parse_text("各位代表：\n现在，我代表省人民政府，向大会报告工作。\n一、2025年工作回顾\n"
                      + body + "\n").meta
    assert (meta.region, meta.level, meta.organization) == ("云南省", "provincial", "云南省人民政府")


def test_chosen_sections_leave_the_appendix_out() -> None:
    """Choosing sections renders those alone: the appendix goes with its figures."""
    text = BODY + "附件1\n2026年十件民生实事\n一、建设养老服务设施。\n新建养老机构20个。\n"
    report = choose(read_report(text.encode(), "report.txt"), ContentChoice(sections=("1",)))
    assert report.appendix == [] and report.figures == []
    assert [s.label for s, _ in report.walk_with_appendix()] == ["一、"]


# --- header layouts of municipal, county, older and department reports ----------------------

HEADER_BODY = "各位代表：\n现在，向大会报告工作。\n一、2019年工作回顾\n全县地区生产总值增长6%。\n"


@pytest.mark.parametrize(("header", "expected"), [
    # a date in Chinese numerals, as formal documents write it; the place after 在
    ("政府工作报告\n——二○二○年一月二十日在某某县第十八届人民代表大会第四次会议上\n县长 李四\n",
     {"date": "2020-01-20", "year": 2020, "region": "某某县", "level": "county", "speaker": "李四"}),
    # a dash other than the em dash leads the subtitle (U+2015)
    ("政府工作报告\n――2020年1月9日在某某县第十八届人民代表大会第四次会议上\n县长 李四\n",
     {"subtitle": "2020年1月9日在某某县第十八届人民代表大会第四次会议上", "date": "2020-01-09"}),
    # the byline's date in brackets after the name
    ("某某县政府工作报告\n县长 赵某某(2020年1月8日)\n",
     {"speaker": "赵某某", "speaker_title": "县长", "date": "2020-01-08", "year": 2020}),
    # a two-character post spaced out as a name is
    ("政府工作报告\n——2020年1月8日在某某区第五届人民代表大会第三次会议上\n区 长 刘世杰\n",
     {"speaker": "刘世杰", "speaker_title": "区长"}),
    # the post on one line, the name on the next
    ("政府工作报告\n——2020年1月8日在某某县第五届人民代表大会第三次会议上\n县长\n张三丰\n",
     {"speaker": "张三丰", "speaker_title": "县长"}),
    # two posts joined by 、
    ("深化改革 提升教育水平\n——在2020年全县教育工作会议上的报告\n县教育局局长、党委书记 赵青山\n(2020年3月5日)\n",
     {"title": "深化改革 提升教育水平", "speaker": "赵青山", "speaker_title": "县教育局局长、党委书记",
      "date": "2020-03-05"}),
    # a speech named only by its meeting, dated in brackets with a note
    ("在全县教育改革发展座谈会上的讲话\n县委书记张三\n(2020年10月17日,根据记录整理)\n",
     {"title": "在全县教育改革发展座谈会上的讲话", "subtitle": None, "speaker": "张三",
      "date": "2020-10-17"}),
    # a web archive's aside is no title; its bracketed date and name are the byline
    ("（点击查阅更多2020年地方政府工作报告）\n（2020年1月27日 张三）\n",
     {"title": None, "date": "2020-01-27", "speaker": "张三"}),
    # the place a title names before the report's year
    ("德州市2020年政府工作报告\n", {"region": "德州市", "level": "municipal", "year": 2020}),
    # a statistical bulletin of a year is issued the year after
    ("某某市2019年国民经济和社会发展统计公报\n", {"region": "某某市", "year": 2020}),
    # what a site wraps a title in goes; the year its session names beats the page's stamp
    ("资料：2008两会某某县政府工作报告_某某网——新闻门户\n时间:2022-03-12 09:21\n",
     {"title": "2008两会某某县政府工作报告", "year": 2008}),
    ("文件名称 | 某某县2020年政府工作报告 | ||\n", {"title": "某某县2020年政府工作报告", "year": 2020}),
    # a site's lead-in is furniture, not the body's start (the title repeated after it)
    ("2020年某某县政府工作报告\n导语:2020年某某县政府工作报告一文来源于网友上传。\n2020年某某县政府工作报告\n",
     {"title": "2020年某某县政府工作报告", "region": "某某县"}),
    # the head of a government named only by a place word and the post speaks for its government
    ("政府工作报告\n——2001年2月16日在内蒙古自治区第九届人民代表大会第四次会议上\n自治区代主席 张三\n",
     {"speaker": "张三", "organization": "内蒙古自治区人民政府", "region": "内蒙古自治区"}),
    # a byline glued to the title after a blank, or to the subtitle right after its meeting
    ("2020年西安市政府工作报告 西安市人民政府市长陈宝根\n",
     {"title": "2020年西安市政府工作报告", "speaker": "陈宝根", "organization": "西安市人民政府"}),
    ("政府工作报告\n——2008年1月21日在浙江省第十一届人民代表大会第一次会议上浙江省省长 吕祖善\n",
     {"subtitle": "2008年1月21日在浙江省第十一届人民代表大会第一次会议上", "speaker": "吕祖善",
      "organization": "浙江省人民政府"}),
])
def test_header_layouts(header: str, expected: dict[str, object]) -> None:
    meta = parse_text(header + HEADER_BODY).meta
    assert {key: getattr(meta, key) for key in expected} == expected
