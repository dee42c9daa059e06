"""``indicator``: standard indicators for the whole jurisdiction, from a catalogue that is
data (the shipped file or a user's copy passed with ``--indicators``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.cli import cli
from exporter.errors import InputError
from exporter.figures import extract_figures, indicators
from exporter.figures.clauses import LIST_JOINS
from exporter.figures.indicators import default_catalogue_path, load_catalogue
from exporter.model import Meta, Paragraph, Report, Section


def _indicators(texts: list[str], *, title: str = "2025年工作回顾", region: str = "四川省",
                catalogue_path: Path | None = None) -> dict[str, str | None]:
    report = Report(meta=Meta(year=2026, region=region), sections=[Section(
        id="s1", label="一、", title=title, level=1,
        paragraphs=[Paragraph(id=f"s1.p{i}", text=t) for i, t in enumerate(texts, 1)])])
    catalogue = load_catalogue(catalogue_path) if catalogue_path else None
    return {f.text: f.indicator for f in extract_figures(report, catalogue=catalogue)}


def test_whole_jurisdiction_levels_and_growth_rates_get_different_ids() -> None:
    found = _indicators(["全省地区生产总值67665亿元、增长5.5%，城镇新增就业107万人。"])
    assert found == {"67665亿元": "gdp", "5.5%": "gdp_growth", "107万人": "new_urban_jobs"}


def test_the_region_own_name_is_the_whole_jurisdiction() -> None:
    assert _indicators(["四川地区生产总值增长5.5%。"]) == {"5.5%": "gdp_growth"}


@pytest.mark.parametrize("sentence", [
    "成都市地区生产总值增长6.1%。",          # a city in the province
    "高技术制造业增加值增长12.3%。",          # a subset of industry
    "数字经济核心产业增加值占地区生产总值比重达到12.3%。",  # a share of GDP, not GDP
    "海洋生产总值增长6.1%。",               # a sector
])
def test_a_city_sector_or_share_gets_no_id(sentence: str) -> None:
    assert set(_indicators([sentence]).values()) <= {None, "digital_economy_share"}
    assert "gdp_growth" not in _indicators([sentence]).values()


def test_the_country_is_the_jurisdiction_only_of_a_national_report() -> None:
    provincial = _indicators(["全国居民消费价格上涨0.2%，全省居民消费价格上涨0.5%。",
                              "我国国内生产总值增长5.1%，全省地区生产总值增长5.5%。"])
    assert provincial == {"0.2%": None, "0.5%": "cpi", "5.1%": None, "5.5%": "gdp_growth"}
    national = _indicators(["全国居民消费价格上涨0.2%，我国国内生产总值增长5.1%。"], region="全国")
    assert national == {"0.2%": "cpi", "5.1%": "gdp_growth"}


def test_a_place_word_of_another_kind_names_another_jurisdiction() -> None:
    city = _indicators(["全省地区生产总值增长5.2%，全市地区生产总值增长6%。"], region="苏州市")
    assert city == {"5.2%": None, "6%": "gdp_growth"}
    region = _indicators(["全区地区生产总值增长5%。"], region="广西壮族自治区")
    assert region == {"5%": "gdp_growth"}
    prefecture = _indicators(["全州PM2.5年平均浓度28微克/立方米。"], region="凉山彝族自治州")
    assert prefecture == {"28微克/立方米": "pm25"}
    assert _indicators(["全州PM2.5年平均浓度28微克/立方米。"]) == {"28微克/立方米": None}


def test_a_label_naming_a_zone_before_the_quantity_gets_no_id() -> None:
    sentence = "长江中游城市群协同发展，经济总量突破12万亿元，全省社会消费品零售总额、固定资产投资增长4%左右。"
    found = _indicators([sentence])
    assert found["突破12万亿元"] is None
    assert found["4%左右"] in ("retail_sales_growth", "fixed_asset_investment_growth")  # both named


def test_a_level_reached_after_the_item_naming_it_takes_that_name() -> None:
    found = _indicators(["高新技术企业数量实现翻番、达1.6万家，粮食产量跃上600亿斤台阶。"],
                        title="“十四五”时期工作回顾")
    assert found == {"翻番": None, "1.6万家": "high_tech_enterprises", "跃上600亿斤": "grain_output"}


def test_value_added_is_a_noun_not_a_rise() -> None:
    assert _indicators(["数字经济核心产业增加值比重达到11%。"], title="2026年工作安排") == {
        "11%": "digital_economy_share"}


def test_a_bond_issue_stated_as_its_funds_is_the_special_bond_amount() -> None:
    assert _indicators(["发行地方政府专项债券资金900亿元支持项目建设。"]) == {"900亿元": "special_bonds"}


def test_shorter_wordings_of_the_catalogue_read_as_their_indicator() -> None:
    assert _indicators(["城镇居民人均收入增长4.9%。"]) == {"4.9%": "urban_income_growth"}
    found = _indicators(["居民消费价格指数涨幅2.1%，农村居民收入增长6.4%，城乡居民收入倍差缩小到2.31。",
                         "全省PM2.5年平均浓度28微克/立方米，城市空气质量优良天数比率91.5%。"])
    assert found == {"2.1%": "cpi", "6.4%": "rural_income_growth", "2.31": "urban_rural_income_ratio",
                     "28微克/立方米": "pm25", "91.5%": "good_air_days"}
    assert _indicators(["我国经济总量达到120万亿元。"], region="全国") == {"120万亿元": "gdp"}
    assert _indicators(["把居民消费价格涨幅控制在2%左右。"], title="2026年工作安排") == {"2%左右": "cpi"}
    assert _indicators(["年实际使用外资保持在200亿美元以上。"], title="“十四五”时期工作回顾") == {
        "200亿美元以上": "foreign_investment"}
    assert _indicators(["规模工业增加值增长6.8%。"], region="湖南省") == {
        "6.8%": "industrial_value_added_growth"}  # 规模工业: 规模以上工业 as some provinces write it
    assert _indicators(["规模以上工业企业达7.6万家、增加值增长3%。"], region="广东省") == {
        "7.6万家": None, "3%": "industrial_value_added_growth"}  # the enterprises' value added
    assert _indicators(["地方公共财政预算收入增长12%，居民消费价格总水平涨幅控制在4%左右。"],
                       title="2013年工作安排") == {"12%": "general_budget_revenue_growth",
                                                    "4%左右": "cpi"}  # the names before 2015
    assert _indicators(["全国公共财政收入11.7万亿元，增长12.8%。"], region="全国") == {
        "11.7万亿元": "general_budget_revenue", "12.8%": "general_budget_revenue_growth"}


def test_a_level_after_the_growth_of_the_same_name_is_the_level() -> None:
    found = _indicators(["全省地区生产总值增长5.2%、总量达到6.1万亿元。",
                         "一般公共预算收入增长3.4%，总量突破5000亿元。"])
    assert found == {"5.2%": "gdp_growth", "6.1万亿元": "gdp", "3.4%": "general_budget_revenue_growth",
                     "突破5000亿元": "general_budget_revenue"}


def test_a_bare_change_takes_the_subject_an_earlier_list_item_names() -> None:
    sentence = "全省地区生产总值达到6.2万亿元、位居全国第八、增长5.1%，成都市地区生产总值达到2.4万亿元、增长5.6%。"
    found = _indicators([sentence])
    assert found == {"6.2万亿元": "gdp", "5.1%": "gdp_growth", "2.4万亿元": None, "5.6%": None}
    assert _indicators(["地区生产总值跨过4万亿元、年均增长6.3%。"]) == {
        "跨过4万亿元": "gdp", "6.3%": "gdp_growth"}
    assert _indicators(["全省经济总量迈上新台阶、超过3万亿元。"]) == {"超过3万亿元": "gdp"}


def test_the_figures_own_clause_names_it_when_the_label_does_not() -> None:
    found = _indicators(["全年城镇新增就业85万人，城镇调查失业率平均为5.1%，经济总量超500亿元的县域增至8个。"])
    assert found == {"85万人": "new_urban_jobs", "5.1%": "urban_unemployment_rate", "8个": None}


def test_a_list_items_number_is_no_part_of_the_quantity() -> None:
    assert _indicators(["3.实现城镇新增就业60万人以上，开展职业技能培训20万人次。"],
                       title="2026年民生实事") == {"60万人以上": "new_urban_jobs", "20万人次": None}


def test_changes_and_levels_reached_are_told_apart() -> None:
    found = _indicators(["常住人口城镇化率提高到60.2%，单位地区生产总值能耗降低3.1%。",
                         "农村贫困人口减少1240万。"])
    assert found == {"60.2%": "urbanization_rate", "3.1%": "energy_intensity_reduction",
                     "1240万": "poverty_reduction"}


def test_a_user_catalogue_adds_an_indicator(tmp_path: Path) -> None:
    shipped = default_catalogue_path().read_text(encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(shipped + '\n[[indicator]]\nid = "forest_cover"\nkind = "rate"\n'
                    'base_units = ["ratio"]\nnames = ["森林覆盖率"]\n', encoding="utf-8")
    sentence = ["森林覆盖率达到40.3%。"]
    assert _indicators(sentence) == {"40.3%": None}
    assert _indicators(sentence, catalogue_path=mine) == {"40.3%": "forest_cover"}


def test_a_pattern_reads_wordings_too_varied_to_list() -> None:
    found = _indicators(["全社会研发经费支出相当于全省生产总值的比例达到2.7%。"])
    assert found == {"2.7%": "rd_intensity"}


@pytest.mark.parametrize(("entry", "problem"), [
    ('id = "x"\nkind = "speed"\nnames = ["速度"]', "kind"),
    ('id = "x"\nkind = "growth"\npatterns = ["(速度"]', "bad pattern"),
    ('id = "x"\nkind = "level"\nnames = ["速度"]', "base_units"),
])
def test_a_bad_catalogue_names_the_file(tmp_path: Path, entry: str, problem: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(f"[[indicator]]\n{entry}\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"bad.toml.*{problem}"):
        load_catalogue(bad)


def test_cli_option_and_listing_command(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("2026年某省政府工作报告\n一、2025年工作回顾\n全省森林覆盖率达到40.3%，"
                      "地区生产总值增长5.1%。\n", encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(default_catalogue_path().read_text(encoding="utf-8")
                    + '\n[[indicator]]\nid = "forest_cover"\nkind = "rate"\n'
                    'base_units = ["ratio"]\nnames = ["森林覆盖率"]\n', encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(cli, ["figures", str(report), "--format", "jsonl",
                              "--indicators", str(mine)])
    assert out.exit_code == 0, out.output
    ids = {json.loads(line)["text"]: json.loads(line)["indicator"] for line in out.output.splitlines()}
    assert ids == {"40.3%": "forest_cover", "5.1%": "gdp_growth"}

    listing = runner.invoke(cli, ["indicators", "--indicators", str(mine)])
    assert listing.exit_code == 0
    assert str(mine) in listing.output and "forest_cover" in listing.output
    shipped = runner.invoke(cli, ["indicators"])
    assert "gdp_growth" in shipped.output and "forest_cover" not in shipped.output

    missing = runner.invoke(cli, ["parse", str(report), "--indicators", str(tmp_path / "no.toml")])
    assert missing.exit_code == 2 and "no.toml" in missing.output
    out_dir = tmp_path / "out"
    build = runner.invoke(cli, ["build", str(report), "--out", str(out_dir),
                                "--indicators", str(tmp_path / "no.toml")])
    assert build.exit_code == 2 and "no.toml" in build.output and not out_dir.exists()


_CATALOGUE = load_catalogue()
_NAMES = sorted({name for names in _CATALOGUE.by_start.values() for name, _ in names})
#: Labels of catalogue names, list marks and other words, in any order.
_LABELS = st.lists(st.one_of(st.sampled_from(_NAMES), st.sampled_from(["、", "和", "成都市", "的"])),
                   min_size=1, max_size=4).map("".join)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(_LABELS)
def test_a_name_after_other_words_is_found_at_its_first_place(core: str) -> None:
    """``_names_a_part`` walks the label once; its answer is the rule's: some name's
    first place after the label's start follows no list mark."""
    by_rule = any((at := core.find(name, 1)) > 0 and core[at - 1] not in LIST_JOINS
                  for name in _NAMES)
    assert indicators._names_a_part(core, _CATALOGUE) == by_rule


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.lists(st.sampled_from(sorted({*_CATALOGUE.qualifiers, *_CATALOGUE.rise,
                                        *_CATALOGUE.fall, *_CATALOGUE.suffixes, "的"})),
                max_size=4).map("".join))
def test_the_change_word_after_a_name_is_read_longest_word_first(rest: str) -> None:
    """The words after a name, looked up by first character, are read as trying every
    word of the catalogue longest first would read them."""
    words = sorted({*_CATALOGUE.qualifiers, *_CATALOGUE.rise, *_CATALOGUE.fall,
                    *_CATALOGUE.suffixes}, key=len, reverse=True)
    change: str | None = ""
    left = rest
    while left and change is not None:
        word = next((w for w in words if left.startswith(w)), None)
        if word is None or (word in _CATALOGUE.rise + _CATALOGUE.fall and change):
            change = None
        else:
            change = word if word in _CATALOGUE.rise + _CATALOGUE.fall else change
            left = left[len(word):]
    assert indicators._rest_change(rest, _CATALOGUE) == change


def test_trade_written_bare_and_intensities_listed_after_one_per_unit_lead() -> None:
    """进出口 alone names the trade total; every item of a list that opens 单位…生产总值
    is per unit of output, so its 能耗 is the energy intensity."""
    assert _indicators(["进出口增长4.5%，高于全国0.7个百分点。"]) == {
        "4.5%": "foreign_trade_growth", "0.7个百分点": None}
    found = _indicators(["今后五年，单位国内生产总值用水量、能耗分别下降20%、14%。"],
                        title="2026年工作安排", region="全国")
    assert found == {"20%": None, "14%": "energy_intensity_reduction"}


def test_poor_people_lifted_out_and_a_level_after_a_record() -> None:
    """脱贫 is how a report states the fall of the poor population; a level reached after
    a clause that only says its subject set a record is that subject's."""
    found = _indicators(["今年要完成1000万以上农村贫困人口脱贫任务。"], title="2016年重点工作",
                        region="全国")
    assert found == {"1000万以上": "poverty_reduction"}
    found = _indicators(["对东盟进出口增长19%，全省进出口总值创历史新高，达到5379亿元、增长18.5%。"])
    assert found == {"19%": None, "5379亿元": "foreign_trade", "18.5%": "foreign_trade_growth"}


def test_budget_pairs_cumulative_totals_and_plain_new_jobs() -> None:
    """收支 shares its figures out as 收入 and 支出; a 累计 before a name is the whole
    jurisdiction's total still; 新增就业 is the new urban jobs of a city's report."""
    found = _indicators(["一般公共预算收支累计分别突破9千亿元、3万亿元。",
                         "地方一般公共预算收入累计超1.6万亿元、较“十三五”增长16.3%。",
                         "进出口总值翻番达到2206亿元，新增就业32.7万人。"],
                        title="“十四五”时期工作回顾")
    assert found == {"突破9千亿元": "general_budget_revenue", "3万亿元": "general_budget_expenditure",
                     "超1.6万亿元": "general_budget_revenue", "16.3%": "general_budget_revenue_growth",
                     "翻番": None, "2206亿元": "foreign_trade",
                     "32.7万人": "new_urban_jobs"}


def test_a_rate_stated_on_a_price_basis_is_the_rate_of_the_subject_before() -> None:
    found = _indicators([("全市实现地区生产总值1200亿元，按可比价格计算增长6.2%；"
                         "一般公共预算收入95亿元，可比增长3.1%。")], region="某某市")
    assert found == {"1200亿元": "gdp", "6.2%": "gdp_growth", "95亿元": "general_budget_revenue",
                     "3.1%": "general_budget_revenue_growth"}


def test_an_aside_after_a_name_leaves_the_quantity_the_same() -> None:
    found = _indicators(["全县生产总值（GDP）完成86亿元，增长7%；地区生产总值（现价）增长9%。"],
                        region="某某县")
    assert found == {"86亿元": "gdp", "7%": "gdp_growth", "9%": "gdp_growth"}


def test_a_fall_of_a_growth_indicator_is_that_indicator() -> None:
    found = _indicators([("全县地区生产总值同比下降4.3%，社会消费品零售总额下降2.1%，"
                         "单位地区生产总值能耗下降3%。")], region="某某县")
    assert found == {"4.3%": "gdp_growth", "2.1%": "retail_sales_growth",
                     "3%": "energy_intensity_reduction"}
    turned = _indicators(["居民消费价格由上年下降0.7%转为上涨1.9%。"])
    assert turned == {"0.7%": "cpi", "1.9%": "cpi"}  # last year's fall, this year's rise


def test_the_names_of_reports_before_2014_measure_the_same_quantities() -> None:
    found = _indicators(["农民人均纯收入5200元，增长8.5%；万元生产总值能耗下降4.6%。"],
                        title="2009年工作回顾")
    assert found == {"5200元": None, "8.5%": "rural_income_growth",
                     "4.6%": "energy_intensity_reduction"}


def test_a_banner_s_own_scope_and_the_older_and_local_names_of_the_indicators() -> None:
    found = _indicators([("全旗地区生产总值完成21亿元，增长2.4%；财政一般预算收入3.2亿元，同口径增长5%；"
                         "城市居民人均可支配收入增长10%，农牧民人均纯收入增长13%。")],
                        region="鄂托克前旗")
    assert found == {"21亿元": "gdp", "2.4%": "gdp_growth", "3.2亿元": "general_budget_revenue",
                     "5%": "general_budget_revenue_growth", "10%": "urban_income_growth",
                     "13%": "rural_income_growth"}
    older = _indicators([("全区国内生产总值1732亿元，增长9.8%；进出口贸易总额18亿美元，"
                         "实际利用外商直接投资6.9亿美元，研发经费支出占GDP的比重1.7%。")],
                        region="广西壮族自治区", title="2002年工作回顾")
    assert older == {"1732亿元": "gdp", "9.8%": "gdp_growth", "18亿美元": "foreign_trade",
                     "6.9亿美元": "foreign_investment", "1.7%": "rd_intensity"}


@pytest.mark.parametrize(("text", "kwargs", "expected"), [
    # 人均 after a level is that level per head
    ("全市地区生产总值120亿元，增长6%，人均达到8.2万元。", {"region": "某某市"},
     {"120亿元": "gdp", "6%": "gdp_growth", "8.2万元": "gdp_per_capita"}),
    # a percentage written in words is a growth rate too
    ("生产总值增长百分之九以上，居民消费价格涨幅控制在百分之二点六左右。", {"title": "2009年工作安排"},
     {"百分之九以上": "gdp_growth", "百分之二点六左右": "cpi"}),
    # a yearly rise in older words (年增长, 年均递增) is the growth rate
    ("全省生产总值达到9145亿元，年增长14%；全社会固定资产投资累计2375亿元，年均递增18%。",
     {"title": "“十一五”时期工作回顾"},
     {"9145亿元": "gdp", "14%": "gdp_growth", "2375亿元": None, "18%": "fixed_asset_investment_growth"}),
    # a price level kept within a rate is the CPI
    ("居民消费价格指数控制在3.5%以内，居民消费价格总水平控制在3%左右。", {"title": "2013年工作安排"},
     {"3.5%以内": "cpi", "3%左右": "cpi"}),
    # a plan's presenting word (预期, 计划) leaves the indicator
    ("预期全省地区生产总值增长5.5%左右，计划城镇新增就业50万人，计划减少农村贫困人口10万人。",
     {"title": "2024年工作安排"},
     {"5.5%左右": "gdp_growth", "50万人": "new_urban_jobs", "10万人": "poverty_reduction"}),
    # a change in percentage points is no growth rate
    ("规模工业增加值占比达72%、提高2.7个百分点。", {}, {"72%": None, "2.7个百分点": None}),
], ids=["per-head", "rate-in-words", "older-rise-words", "price-level", "plan-words", "points"])
def test_wordings_of_the_indicators(text: str, kwargs: dict[str, str],
                                    expected: dict[str, str | None]) -> None:
    assert _indicators([text], **kwargs) == expected
