"""The HTML reader: saved report pages of a government site and a news portal read like
their text, without the page's furniture, with the page's own fields and encoding."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.readers import read_report
from exporter.readers.detect import detect_format
from tests.documents import assert_same_reading, dev_report
from tests.pages import gov_page, portal_page

FURNITURE = ("当前位置", "分享到", "相关稿件", "版权所有", "网友", "责任编辑", "24小时排行", "ICP备",
             "【字体", "document.write", "人民网首页", "政策 > 正文", "我要纠错")


@pytest.fixture(scope="module")
def national() -> tuple[str, object]:
    text = dev_report("national-gwr-2017.txt").read_text(encoding="utf-8")
    return text, read_report(text.encode(), "national.txt")


def _texts(report: object) -> list[str]:
    return ([p.text for p in report.preamble]  # type: ignore[attr-defined]
            + [t for s, _ in report.walk()  # type: ignore[attr-defined]
               for t in (s.heading, *(p.text for p in s.paragraphs))])


@pytest.mark.parametrize("name", ["national-gwr-2017.txt", "sichuan-gwr-2026.txt"])
def test_a_government_page_reads_into_the_texts_headings_and_figures(
        name: str, tmp_path: Path) -> None:
    text = dev_report(name).read_text(encoding="utf-8")
    reading = read_report(text.encode(), name)
    page = gov_page(text, "政府工作报告").encode("utf-8")
    read = read_report(page, "content_5177940.htm")
    assert_same_reading(read, reading, tmp_path, paragraphs=True)
    assert read.meta.published == (reading.meta.published or "2017-03-16")
    assert read.meta.publisher == (reading.meta.publisher or "新华社")
    assert not [t for t in _texts(read) if any(word in t for word in FURNITURE)]


def test_a_gb2312_news_portal_page_with_br_paragraphs_reads_the_same(
        national: tuple[str, object], tmp_path: Path) -> None:
    text, reading = national
    page = portal_page(text, "政府工作报告（全文）").encode("gb2312", errors="replace")
    assert b"charset=\"gb2312\"" in page
    read = read_report(page, "c1001-29147541.html")
    assert_same_reading(read, reading, tmp_path, paragraphs=True)  # type: ignore[arg-type]
    assert read.meta.title == reading.meta.title  # type: ignore[attr-defined]
    assert read.meta.publisher == "人民网－人民日报"
    assert not [t for t in _texts(read) if any(word in t for word in FURNITURE)]


def test_the_pages_own_fields_fill_what_its_text_leaves_unsaid() -> None:
    page = ("<html><head><meta charset='utf-8'><title>某市2025年工作报告--时政--人民网</title>"
            "<meta name='publishdate' content='2025/01/20'></head><body><div class='nav'>首页 新闻"
            "</div><div id='content'><p>一、主要工作</p><p>全年地区生产总值增长5.2%。</p></div>"
            "</body></html>")
    read = read_report(page.encode(), "page.html")
    assert (read.meta.title, read.meta.published) == ("某市2025年工作报告", "2025-01-20")
    assert [s.heading for s, _ in read.walk()] == ["一、主要工作"]


def test_an_article_inside_a_form_or_a_furniture_named_box_is_kept() -> None:
    page = ("<html><body><form id='form1'><div class='nav'>首页 新闻 政务公开</div>"
            "<div id='printContent' class='position-relative'><p>一、主要工作</p>"
            "<p>全年地区生产总值增长5.2%，新增城镇就业12万人。</p><p>二、今年安排</p>"
            "<p>预期增长5%左右。</p></div><div class='footer'>版权所有：某市人民政府</div>"
            "</form></body></html>")
    read = read_report(page.encode(), "page.aspx")
    assert [s.heading for s, _ in read.walk()] == ["一、主要工作", "二、今年安排"]
    assert not [t for t in _texts(read) if "首页" in t or "版权所有" in t]


def test_a_page_is_recognised_by_its_markup_whatever_its_name(
        national: tuple[str, object], tmp_path: Path) -> None:
    text, _ = national
    saved = tmp_path / "report.txt"
    saved.write_text(gov_page(text, "政府工作报告"), encoding="utf-8")
    assert detect_format(saved.read_bytes()) == "html"
    result = CliRunner().invoke(cli, ["parse", str(saved)])
    assert result.exit_code == 0, result.stderr
    assert "<p" not in result.stdout and "&nbsp;" not in result.stdout
    forced = CliRunner().invoke(cli, ["parse", str(saved), "--from", "txt"])
    assert forced.exit_code == 2
    assert str(saved) in forced.stderr and "markup" in forced.stderr


def test_a_page_without_a_report_is_an_error_not_an_empty_build(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(gov_page("欢迎访问本网站。\n请选择栏目。", "首页"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(page), "--out", str(out)])
    assert result.exit_code == 2
    assert str(page) in result.stderr and "no headings and no figures" in result.stderr
    assert not any(out.iterdir())


def test_a_50_mb_page_fails_cleanly_and_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    with page.open("wb") as stream:
        stream.write(b"<html><body>")
        stream.write(b"<div><p>\xe5\xa2\x9e\xe9\x95\xbf5%</p></div>" * (50 * 2**20 // 30 - 1))
        stream.write(b"</body></html>")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(page), "--out", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(page) in lines[0] and "over the limit of" in lines[0]
    assert not any(out.iterdir())
