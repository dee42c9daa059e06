"""The plain-text reader: goldens, numbering styles, furniture, metadata, encodings, CLI.

Golden files hold the canonical JSON of the model without figures (``parse_text``
directly, so the figure extractor can change without touching them). Rewrite them
after an intended change with ``pytest --update-goldens tests/test_reader.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.model import Report
from exporter.readers import read_report
from exporter.readers.text import lead_sentence, parse_text
from tests.conftest import SHARED, check_golden

GOLDEN = Path(__file__).parent / "golden" / "reader"

FIXTURES: dict[str, str] = {
    # 一、 / (一) / 1. / (1) with ASCII punctuation inside Chinese text.
    "numbering-ascii": """关于2024年全市工作的报告
——在市第十五届人民代表大会第三次会议上
(2024年1月10日)
某某市市长 王五
各位代表:
现在,我代表市人民政府,向大会报告工作,请予审议。
一、过去一年的工作
过去一年,全市经济总量突破1,000亿元,增长5.5%。
(一)稳增长成效明显
产业升级加快。全年新增企业1.2万家,技术合同成交额达到35.6亿元。
1.工业生产稳中有进
规模以上工业增加值增长6.0%(按可比价格计算)。
(1)制造业
制造业投资增长8%。
(2)建筑业
建筑业产值增长3%!
2.服务业较快发展
服务业增加值占比达到60%。
(二)改革持续深化
重点领域改革取得突破。
二、今年的主要任务
各位代表,我们要奋发有为,努力完成全年目标任务!
""",
    # 一、 / （一） / 1． / （1） in full-width forms; 1． first appears right under 一、.
    "numbering-fullwidth": """2023年某区人民政府工作报告
\u3000\u3000各位代表：
\u3000\u3000现在，我代表区人民政府，向大会报告工作。
\u3000\u3000一、2022年工作回顾
\u3000\u30001．经济运行稳中向好
\u3000\u3000地区生产总值增长4.2%。
\u3000\u30002．民生保障更加有力
\u3000\u3000新增就业岗位1.5万个。
\u3000\u3000二、2023年重点工作
\u3000\u3000（一）扩大有效投资
\u3000\u3000（1）重大项目
\u3000\u3000全年安排重大项目120个。
\u3000\u3000（2）城市更新
\u3000\u3000完成老旧小区改造50个。
\u3000\u3000（二）优化营商环境
\u3000\u3000持续深化“放管服”改革。
""",
    # Run-in headings: the heading shares its line with the first paragraph.
    "run-in": """政府工作报告
——2017年3月5日在第十二届全国人民代表大会第五次会议上
国务院总理 李克强
各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议。
一、2016年工作回顾
一是继续创新和加强宏观调控。经济运行保持在合理区间。
二是着力抓好“三去一降一补”。供给结构有所改善。
二、2017年重点工作任务
（一）用改革的办法深入推进“三去一降一补”。要在巩固成果基础上，完善政策措施。
扎实有效去产能。今年要再压减钢铁产能5000万吨左右。
（二）深化重要领域和关键环节改革。要全面深化各领域改革。
各位代表！
使命重在担当，实干铸就辉煌。
""",
    # Labels that are not headings: enumerators, numbers, list items, broken sequences.
    "not-headings": """各位代表：
今年工作主要有以下特点。
1.2万家企业完成技术改造，增长12%。
一是坚持稳中求进。二是坚持改革创新。
第一，必须坚持党的领导。
2.8%的增速高于全国平均水平。
（1）加强监管；（2）优化服务；（3）提升效率。
三、以上三个方面要统筹推进。
""",
    # No numbered headings at all: every paragraph sits in the preamble.
    "no-headings": """在全市安全生产工作会议上的讲话
同志们：
今天召开会议，主要任务是总结去年工作，部署今年任务。
去年，全市安全生产形势总体平稳，事故起数下降12.5%。
希望大家扎实工作，确保全市安全生产形势持续稳定。
""",
    # Furniture above the body, split over lines; a photo caption inside it.
    "furniture-header": """当前位置：首页 > 政务公开 > 正文
下载
打印
全屏
收藏
【字号：
加大
还原
减小
】
2025年某省人民政府工作报告
2025年01月20日 09时30分
来源:
某省日报
【字体：
大
中
小
】
分享：
2025年1月15日在某省第十四届人民代表大会第三次会议上
某省人民政府省长 赵 六
各位代表：
现在，我代表省人民政府，向大会报告工作。
一、2024年工作回顾
过去一年，全省地区生产总值增长5.6%。
1月15日，某省第十四届人民代表大会第三次会议开幕。省长赵六作政府工作报告。本报记者 张三 摄
一年来，我们主要做了以下工作。
 -->
二、2025年工作安排
（一）扩大有效需求
大力提振消费。全年社会消费品零售总额增长6%。
各位代表！让我们团结奋进，再创新绩！
""",
    # Furniture and a glossary after the body; a note broken over several lines.
    "furniture-footer": """2024年某市政府工作报告
发布时间：2024-02-01  来源：某市人民政府办公厅
各位代表：
现在，我代表市人民政府，向大会报告工作。
一、主要工作
全年新增“两重”项目15个。
各位代表！奋斗创造未来！
名词解释
1.“两重”：是指国家重大战略实施和重点领域安全能力建设。
2.“双向揭榜挂帅”：企业找技术、成果找市场“双向
揭榜
挂帅”的简称。
3.稳增长“21”条：省政府办公厅印发的若干政策措施。
责任编辑：
李四
扫一扫在手机打开当前页
相关附件>>
相关链接>>
abcd39f1fb7f426d9dfb6bd0fa1f2146:
某市人民代表大会关于政府工作报告的决议
打印本页
关闭窗口
2024年某市政府工作报告
各位代表：现在，我代表市人民政府，向大会报告工作。
[关闭]  [打印]
版权所有：某市人民政府办公厅
ICP备案编号：京ICP备00000000号
""",
}


def canonical(report: Report) -> str:
    """The model's JSON form as stored in a golden file."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def assert_golden(name: str, report: Report) -> None:
    check_golden(GOLDEN / f"{name}.json", canonical(report))


def parse(name: str) -> Report:
    return parse_text(FIXTURES[name], name=f"{name}.txt")


def outline(report: Report) -> list[tuple[int, str, str, int]]:
    """(level, label, title, paragraph count) of every section in reading order."""
    return [(s.level, s.label, s.title, len(s.paragraphs)) for s, _ in report.walk()]


# --- goldens -------------------------------------------------------------------------------


def test_sample_golden(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    assert_golden("sample", parse_text(text, name=sample_path.name))


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_golden(name: str) -> None:
    assert_golden(name, parse(name))


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_parsing_is_stable(name: str) -> None:
    assert canonical(parse(name)) == canonical(parse(name))


# --- numbering styles ----------------------------------------------------------------------


def test_four_levels_with_ascii_labels() -> None:
    report = parse("numbering-ascii")
    assert outline(report) == [
        (1, "一、", "过去一年的工作", 1),
        (2, "(一)", "稳增长成效明显", 1),
        (3, "1.", "工业生产稳中有进", 1),
        (4, "(1)", "制造业", 1),
        (4, "(2)", "建筑业", 1),
        (3, "2.", "服务业较快发展", 1),
        (2, "(二)", "改革持续深化", 1),
        (1, "二、", "今年的主要任务", 1),
    ]
    assert [s.id for s, _ in report.walk()] == [
        "s1", "s1.1", "s1.1.1", "s1.1.1.1", "s1.1.1.2", "s1.1.2", "s1.2", "s2"]
    assert [p.id for p in report.preamble] == ["p1", "p2"]
    assert report.sections[0].sections[0].sections[0].paragraphs[0].id == "s1.1.1.p1"


def test_ascii_punctuation_becomes_full_width_next_to_chinese_only() -> None:
    report = parse("numbering-ascii")
    assert report.preamble[0].text == "各位代表："
    assert report.preamble[1].text == "现在，我代表市人民政府，向大会报告工作，请予审议。"
    assert report.sections[0].paragraphs[0].text == "过去一年，全市经济总量突破1,000亿元，增长5.5%。"
    first = report.sections[0].sections[0].sections[0]
    assert first.paragraphs[0].text == "规模以上工业增加值增长6.0%（按可比价格计算）。"
    assert first.sections[1].paragraphs[0].text == "建筑业产值增长3%！"
    assert report.meta.date == "2024-01-10"


def test_levels_follow_first_appearance_of_a_style() -> None:
    report = parse("numbering-fullwidth")
    assert outline(report) == [
        (1, "一、", "2022年工作回顾", 0),
        (2, "1．", "经济运行稳中向好", 1),
        (2, "2．", "民生保障更加有力", 1),
        (1, "二、", "2023年重点工作", 0),
        (2, "（一）", "扩大有效投资", 0),
        (3, "（1）", "重大项目", 1),
        (3, "（2）", "城市更新", 1),
        (2, "（二）", "优化营商环境", 1),
    ]
    assert report.preamble[0].text == "各位代表："


def test_run_in_heading_is_split_into_heading_and_first_paragraph() -> None:
    report = parse("run-in")
    assert outline(report) == [
        (1, "一、", "2016年工作回顾", 2),
        (1, "二、", "2017年重点工作任务", 0),
        (2, "（一）", "用改革的办法深入推进“三去一降一补”", 2),
        (2, "（二）", "深化重要领域和关键环节改革", 3),
    ]
    first = report.sections[1].sections[0].paragraphs
    assert first[0].text == "要在巩固成果基础上，完善政策措施。"
    assert first[1].lead == "扎实有效去产能。"
    # closing remarks after the last heading stay with it
    assert report.sections[1].sections[1].paragraphs[-1].text == "使命重在担当，实干铸就辉煌。"


def test_enumerators_numbers_and_list_items_are_not_headings() -> None:
    report = parse("not-headings")
    assert report.sections == []
    assert len(report.preamble) == 8
    assert report.preamble[2].text.startswith("1.2万家企业")


def test_text_without_numbered_headings_is_all_preamble() -> None:
    report = parse("no-headings")
    assert report.sections == []
    assert [p.id for p in report.preamble] == ["p1", "p2", "p3", "p4"]
    # the only line above the speech names it by its meeting: that is its title
    assert (report.meta.title, report.meta.subtitle) == ("在全市安全生产工作会议上的讲话", None)


# --- metadata and furniture ----------------------------------------------------------------


def test_metadata_of_a_byline() -> None:
    meta = parse("numbering-ascii").meta
    assert (meta.title, meta.subtitle) == ("关于2024年全市工作的报告", "在市第十五届人民代表大会第三次会议上")
    assert (meta.speaker, meta.speaker_title) == ("王五", "某某市市长")
    # a bare place (某某市) gives way to the body the speaker represents
    assert meta.organization == "某某市人民政府"
    assert (meta.published, meta.publisher) == (None, None)


def test_run_in_fixture_metadata() -> None:
    meta = parse("run-in").meta
    assert (meta.title, meta.speaker, meta.organization) == ("政府工作报告", "李克强", "国务院")
    assert meta.date == "2017-03-05"
    assert meta.subtitle == "2017年3月5日在第十二届全国人民代表大会第五次会议上"


def test_header_furniture_is_dropped_and_its_metadata_kept() -> None:
    report = parse("furniture-header")
    meta = report.meta
    assert meta.title == "2025年某省人民政府工作报告"
    assert (meta.published, meta.publisher) == ("2025-01-20", "某省日报")
    assert (meta.speaker, meta.organization) == ("赵六", "某省人民政府")
    assert meta.date == "2025-01-15"
    assert [p.text for p in report.preamble] == ["各位代表：", "现在，我代表省人民政府，向大会报告工作。"]
    texts = [p.text for p, _ in report.paragraphs()]
    assert not any("摄" in t or "-->" in t or "字号" in t for t in texts)
    assert outline(report)[0] == (1, "一、", "2024年工作回顾", 2)


def test_footer_furniture_is_dropped_and_glossary_becomes_notes() -> None:
    report = parse("furniture-footer")
    assert outline(report) == [(1, "一、", "主要工作", 2)]
    assert (report.meta.published, report.meta.publisher) == ("2024-02-01", "某市人民政府办公厅")
    assert [(n.label, n.term) for n in report.notes] == [
        ("1.", "两重"), ("2.", "双向揭榜挂帅"), ("3.", "稳增长“21”条")]
    assert report.notes[1].text == "企业找技术、成果找市场“双向揭榜挂帅”的简称。"


def test_photo_caption_names_the_speaker_when_nothing_else_does() -> None:
    text = ("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2016年工作回顾\n过去一年，经济平稳。\n"
            "3月5日，第十二届全国人民代表大会第五次会议在北京人民大会堂开幕。国务院总理李克强作政府工作报告。\n"
            "二、2017年重点工作任务\n今年要稳中求进。\n")
    report = parse_text(text)
    meta = report.meta
    assert (meta.title, meta.speaker, meta.organization) == ("政府工作报告", "李克强", "国务院")
    assert meta.speaker_title == "国务院总理"
    assert meta.date == "2017-03-05"  # the year is the one the headings look ahead to
    assert [len(s.paragraphs) for s in report.sections] == [1, 1]


def test_unknown_metadata_is_null() -> None:
    meta = parse_text("今年的工作很多，任务很重。\n我们要努力。\n").meta
    assert (meta.title, meta.subtitle, meta.speaker, meta.organization, meta.date,
            meta.published, meta.publisher) == (None,) * 7


def test_lead_is_a_short_opening_topic_sentence() -> None:
    assert lead_sentence("高端产业形成发展新优势。制定实施行动计划，产值增长10%。") == "高端产业形成发展新优势。"
    assert lead_sentence("过去一年，面对复杂形势，我们稳中求进。经济平稳。") is None
    assert lead_sentence("只有一句话。") is None
    assert lead_sentence("各位代表！让我们团结奋进！") is None


# --- encodings -----------------------------------------------------------------------------


def _encoded(text: str, form: str) -> bytes:
    if form == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if form == "cr":
        return text.replace("\n", "\r").encode("utf-8")
    if form == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(form)


@pytest.mark.parametrize("form", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "gb18030",
                                  "crlf", "cr"])
@pytest.mark.parametrize("name", ["run-in", "furniture-header", "furniture-footer"])
def test_every_encoding_reads_to_the_golden_model(form: str, name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(_encoded(FIXTURES[name], form))
    report = read_report(path.read_bytes(), f"{name}.txt", extract_figures=False)
    report.meta.source_sha256 = None
    assert canonical(report) == (GOLDEN / f"{name}.json").read_text(encoding="utf-8")


# --- measured against the gold outlines ----------------------------------------------------

GOLD_REPORTS = [
    ("seeds/000_6e84a02cfd4264a6.txt", "seed-outline.json"),
    ("dev-reports/national-gwr-2017.txt", "national-gwr-2017-outline.json"),
    ("dev-reports/sichuan-gwr-2026.txt", "sichuan-gwr-2026-outline.json"),
]


@pytest.mark.parametrize(("report", "gold"), GOLD_REPORTS)
def test_outline_score_against_gold(report: str, gold: str, tmp_path: Path) -> None:
    source, gold_path = SHARED / report, SHARED / "gold" / gold
    scorer = SHARED / "tools" / "score_outline.py"
    if not (source.exists() and gold_path.exists() and scorer.exists()):
        pytest.skip(f"shared reports, gold outlines and scorer are not at {SHARED}")
    model = read_report(source.read_bytes(), source.name, extract_figures=False)
    model_path = tmp_path / "model.json"
    model_path.write_text(json.dumps(model.to_dict(), ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, str(scorer), str(model_path), str(gold_path),
                          "--show", "--min", "0.98"], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_sichuan_glossary_notes(tmp_path: Path) -> None:
    source = SHARED / "dev-reports" / "sichuan-gwr-2026.txt"
    if not source.exists():
        pytest.skip(f"shared dev reports are not at {SHARED}")
    report = read_report(source.read_bytes(), source.name, extract_figures=False)
    assert [n.label for n in report.notes] == [f"{i}." for i in range(1, 21)]
    assert report.notes[0].term == "两重"
    seventh = report.notes[6].text
    assert "“双向揭榜挂帅”的简称" in seventh and seventh.endswith("揭榜。")


# --- the command line ----------------------------------------------------------------------


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_parse_prints_utf8_json_of_the_sample() -> None:
    result = _invoke("parse")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["meta"]["speaker"] == "闫傲霜"
    assert "闫傲霜" in result.stdout and "\\u" not in result.stdout
    assert [s["label"] for s in data["sections"]] == ["一、", "二、", "三、"]


def test_parse_reads_a_gb18030_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(FIXTURES["run-in"].encode("gb18030"))
    result = _invoke("parse", str(path))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["meta"]["speaker"] == "李克强"


@pytest.mark.parametrize(("kind", "words"), [
    ("missing", "no such file"),
    ("directory", "directory"),
    ("empty", "empty"),
    ("blank", "whitespace"),
    ("png", "PNG"),
    ("undecodable", "undecodable"),
    ("bad-json", "not valid JSON"),
])
def test_parse_refuses_bad_input_with_one_line(kind: str, words: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.txt"
    contents = {"empty": b"", "blank": "\u3000 \n\n".encode("utf-8"),
                "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                "undecodable": b"report \x81\xff\xfe\x80 text \xff\xff",
                "bad-json": b'{"meta": '}
    if kind == "directory":
        path.mkdir()
    elif kind in contents:
        path.write_bytes(contents[kind])
    result = _invoke("parse", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and words in lines[0]
    assert "Traceback" not in result.stderr


def test_model_json_round_trip_through_parse(tmp_path: Path) -> None:
    first = _invoke("parse")
    assert first.exit_code == 0, first.stderr
    path = tmp_path / "model.json"
    path.write_text(first.stdout, encoding="utf-8")
    second = _invoke("parse", str(path))
    assert second.exit_code == 0, second.stderr
    assert second.stdout == first.stdout
    assert Report.from_dict(json.loads(second.stdout)).to_dict() == json.loads(first.stdout)


@pytest.mark.parametrize(("header", "expected"), [
    (("2024年浙江省政府工作报告\n2024-01-29 10:00:00 来源：浙江日报 浏览次数：1234\n字号：[ 大 中 小 ]\n"
     "（2024年1月23日在浙江省第十四届人民代表大会第二次会议上）\n浙江省省长 王浩\n"),
     {"title": "2024年浙江省政府工作报告", "published": "2024-01-29", "publisher": "浙江日报",
      "date": "2024-01-23", "speaker": "王浩", "organization": "浙江省人民政府",
      "subtitle": "2024年1月23日在浙江省第十四届人民代表大会第二次会议上"}),
    (("某某省人民政府门户网站\n政府工作报告\n——在某某省第三届人民代表大会第一次会议上\n代省长 李四\n"
     "2024年1月20日\n"),
     {"title": "政府工作报告", "date": "2024-01-20", "published": None, "speaker": "李四",
      "speaker_title": "代省长", "organization": "省人民政府"}),
    ("【发布时间：2023-02-01】【来源：某某日报】\n图为省长王五作政府工作报告。记者 张三 摄\n",
     {"title": "政府工作报告", "published": "2023-02-01", "publisher": "某某日报",
      "speaker": "王五", "speaker_title": "省长", "organization": "省人民政府"}),
])
def test_header_forms(header: str, expected: dict[str, str | None]) -> None:
    body = "各位代表：\n现在，我代表省人民政府，向大会报告工作。\n一、工作回顾\n过去一年，经济平稳。\n"
    report = parse_text(header + body)
    meta = report.meta
    assert {key: getattr(meta, key) for key in expected} == expected
    assert outline(report) == [(1, "一、", "工作回顾", 1)]
    assert len(report.preamble) == 2


@pytest.mark.parametrize(("opening", "title"), [
    ("现在，我代表国务院，向大会作政府工作报告，请予审议。", "政府工作报告"),
    ("现在，我代表国务院，向大会报告政府工作，请予审议。", None),
])
def test_title_a_report_gives_itself(opening: str, title: str | None) -> None:
    """A report with no title line is titled only by an opening that names the document
    (作政府工作报告); one that says what it does (报告政府工作) names none, and stays untitled."""
    report = parse_text(f"各位代表：\n{opening}\n一、2013年工作回顾\n过去一年，经济平稳。\n")
    assert report.meta.title == title
    assert report.meta.kind == "政府工作报告"


def test_a_mention_of_another_report_gives_no_title() -> None:
    """Only the speaker delivering the report by its name titles it: a plan that cites the
    government work report's targets is not titled 政府工作报告 by the mention."""
    report = parse_text("各位代表：\n按照政府工作报告确定的目标，现将计划执行情况报告如下。\n"
                        "一、2025年计划执行情况\n全年经济平稳。\n")
    assert report.meta.title is None
