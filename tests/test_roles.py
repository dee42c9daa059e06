"""``role``: result, target or null, on small hand-made reports and single sentences."""

from __future__ import annotations

import pytest

from exporter.figures import extract_figures
from exporter.figures.roles import is_background, role_for
from exporter.model import Meta, Paragraph, Report, Section


def _roles(sections: list[tuple[str, list[str]]], year: int | None = 2026,
           date: str | None = None) -> dict[str, str | None]:
    report = Report(meta=Meta(year=year, date=date))
    for n, (title, texts) in enumerate(sections, 1):
        report.sections.append(Section(
            id=f"s{n}", label=f"{'一二三'[n - 1]}、", title=title, level=1,
            paragraphs=[Paragraph(id=f"s{n}.p{i}", text=t) for i, t in enumerate(texts, 1)]))
    return {f.text: f.role for f in extract_figures(report)}


def test_review_figures_are_results_and_plan_figures_targets() -> None:
    roles = _roles([("2025年工作回顾", ["地区生产总值增长5.5%。"]),
                    ("2026年工作安排", ["地区生产总值增长5%左右，城镇新增就业85万人以上。"])])
    assert roles == {"5.5%": "result", "5%左右": "target", "85万人以上": "target"}


@pytest.mark.parametrize(("date", "this_year"), [("2018-12-26", "result"),
                                                 ("2018-11-30", "result"),
                                                 ("2018-01-26", "target")])
def test_a_report_given_at_the_end_of_its_year_reviews_that_year_as_done(
        date: str, this_year: str) -> None:
    roles = _roles([("2018年工作回顾", ["全区预计完成地区生产总值150亿元，增长8%。"]),
                    ("2019年工作安排", ["地区生产总值增长7.5%左右。"])], year=2018, date=date)
    assert roles == {"150亿元": this_year, "8%": this_year, "7.5%左右": "target"}


def test_a_five_year_plan_is_a_target_and_its_review_a_result() -> None:
    roles = _roles([("“十四五”时期工作回顾", ["五年来新建学校200所。"]),
                    ("“十五五”时期主要目标", ["常住人口城镇化率达到70%。"])])
    assert roles == {"200所": "result", "70%": "target"}


def test_a_past_year_stated_inside_the_plan_is_a_result() -> None:
    roles = _roles([("2026年工作安排", ["去年粮食产量达到700亿斤，今年稳定在700亿斤以上。"])])
    assert roles == {"700亿斤": "result", "700亿斤以上": "target"}


def test_the_level_a_plan_raises_from_has_no_role_but_in_a_review_is_a_result() -> None:
    plan = _roles([("2026年工作安排", ["补助标准由每人每年500元提高到600元。"])])
    review = _roles([("“十四五”时期工作回顾", ["森林覆盖率从30.2%提高到35.1%。"])])
    assert plan == {"500元": None, "600元": "target"}
    assert review == {"30.2%": "result", "35.1%": "result"}


def test_each_level_of_a_list_a_plan_raises_from_has_no_role() -> None:
    plan = _roles([("2026年工作安排", ["城乡低保标准分别从每月900元、700元提高到950元、760元。"])])
    assert plan == {"900元": None, "700元": None, "950元": "target", "760元": "target"}


def test_a_goal_quoted_in_the_review_is_a_target_unless_reported_reached() -> None:
    missed = "广义货币M2增长11.3%，低于13%左右的预期目标。"
    reached = "提前完成减少审批事项三分之一的目标。"
    assert role_for(missed, missed.index("13%左右"), missed.index("13%左右") + 6,
                    period="2025", report_year=2026, frame=(2025, 2025)) == "target"
    assert role_for(reached, reached.index("三分之一"), reached.index("三分之一") + 4,
                    period="2025", report_year=2026, frame=(2025, 2025)) == "result"


@pytest.mark.parametrize(("sentence", "text", "background"), [
    ("我国是拥有14亿多人口的发展中大国。", "14亿多", True),
    ("9亿多劳动力是我们最大的资源。", "9亿多", True),
    ("实现1000万农村人口脱贫。", "1000万", False),
    ("吸引外资折合320亿元人民币。", "320亿元", False),
    ("超过六成人口居住在城镇。", "超过六成", False),
    ("总书记两次莅临我市考察调研。", "两次", True),
    ("习近平总书记3次亲临我省、2次回信勉励。", "2次", True),
    ("全年组织专家下乡服务3000次。", "3000次", False),
    ("今年普通高校毕业生预计达1100万人。", "1100万人", True),
    ("今年高校毕业生将高达1200万人。", "1200万人", True),
    ("全年帮助高校毕业生就业80万人。", "80万人", False),
    ("惠及1200万人的滇中引水工程加快建设。", "1200万人", True),
    ("新建项目惠及1200万人。", "1200万人", False),
    ("全省常住人口8300万人，城镇化率65%。", "8300万人", True),
    ("年末户籍人口达到1.2亿。", "1.2亿", True),
    ("农村贫困人口减少1000万人。", "1000万人", False),
])
def test_background_is_a_size_the_place_simply_has(sentence: str, text: str,
                                                   background: bool) -> None:
    start = sentence.index(text)
    assert is_background(sentence, start, start + len(text)) is background


def test_background_and_figures_no_time_places_have_no_role() -> None:
    roles = _roles([("2025年工作回顾", ["我国是拥有14亿多人口的大国，新建学校20所。"])])
    assert roles == {"14亿多": None, "20所": "result"}
    assert _roles([("总体要求", ["全市共有医院100家。"])]) == {"100家": None}
