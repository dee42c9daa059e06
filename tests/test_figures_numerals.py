"""Numeral parsing: Arabic, full-width, Chinese (canonical forms directly, others through
cn2an), mixed and fractions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cn2an  # type: ignore[import-untyped]
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from exporter.figures.numerals import (
    _canonical_integer,
    parse_chinese_integer,
    parse_fraction,
    parse_numeral,
    scaled_value,
)

#: A number cn2an writes in a form it cannot read back itself (一亿一千 for 100,001,000, where
#: the written form is 一亿零一千 and a report means 一亿一千万 by 一亿一千): no numeral to test.
_UNREADABLE = 100_001_000


@given(st.integers(min_value=0, max_value=10**12))
@example(_UNREADABLE)
def test_any_chinese_integer_parses_back(n: int) -> None:
    written = cn2an.an2cn(n)
    assume(_cn2an_normal(written) is not None)
    assert parse_numeral(written) == n


@given(st.integers(min_value=1, max_value=10**12))
def test_any_chinese_integer_with_two_parses_back(n: int) -> None:
    """Reports write 两 for 二 before 千, 万 and 亿 (两千, 两万); it reads the same."""
    written = cn2an.an2cn(n).replace("二千", "两千").replace("二万", "两万").replace("二亿", "两亿")
    assert parse_numeral(written) == n


@given(st.integers(min_value=0, max_value=10**12 - 1))
@example(_UNREADABLE)
def test_canonical_form_is_read_without_cn2an(n: int) -> None:
    """Every integer below 10^12 as cn2an writes it (and reads back), 二 or 两, takes the
    direct path."""
    written = cn2an.an2cn(n)
    assume(_cn2an_normal(written) is not None)
    assert _canonical_integer(written) == n
    assert _canonical_integer(written.replace("二", "两")) == n


def _cn2an_normal(text: str) -> int | None:
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


@given(st.text(alphabet="零一二两三四五六七八九十百千万亿", min_size=1, max_size=9))
def test_direct_path_agrees_with_cn2an(text: str) -> None:
    """Whatever the direct path accepts, cn2an reads to the same value; the rest goes to
    cn2an, so the two paths never disagree."""
    direct = _canonical_integer(text)
    if direct is not None:
        assert _cn2an_normal(text) == direct
    assert parse_chinese_integer(text) in (direct, _cn2an_normal(
        "一" + text if text[0] in "百千万亿" else text), None)


@pytest.mark.parametrize(("text", "value"), [
    ("一万二", 12000), ("两千三", 2300), ("一百十五", 115), ("壹佰", None),
])
def test_spoken_forms_go_through_cn2an(text: str, value: int | None) -> None:
    assert _canonical_integer(text) is None
    assert parse_chinese_integer(text) == value


def test_reading_the_sample_needs_no_cn2an(sample_path: Path) -> None:
    """cn2an costs a fifth of a second to import; reports written canonically never load it."""
    code = ("import sys; from pathlib import Path; from exporter.readers import read_report; "
            f"p = Path({str(sample_path)!r}); read_report(p.read_bytes(), p.name); "
            "print('cn2an' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_any_arabic_decimal_parses_back(whole: int, cents: int) -> None:
    assert parse_numeral(f"{whole}.{cents:02d}") == pytest.approx(whole + cents / 100)
    full_width = f"{whole:,}".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_numeral(full_width) == whole


@pytest.mark.parametrize(("number", "value", "scale"), [
    ("1.2万", 1.2, "万"), ("4万亿", 4, "万亿"), ("1579.5亿", 1579.5, "亿"), ("千亿", 1000, "亿"),
    ("千万", 1000, "万"), ("百亿", 100, "亿"), ("万亿", 1, "万亿"), ("三千五百万", 3500, "万"),
    ("十三亿", 13, "亿"), ("两", 2, ""), ("1,234.5", 1234.5, ""), ("１２", 12, ""),
])
def test_scaled_value(number: str, value: float, scale: str) -> None:
    got = scaled_value(number)
    assert got is not None and got[1] == scale and got[0] == pytest.approx(value)


@pytest.mark.parametrize(("text", "value"), [
    ("三分之一", 1 / 3), ("四分之一", 0.25), ("百分之十五", 0.15), ("3分之2", 2 / 3),
])
def test_fractions(text: str, value: float) -> None:
    assert parse_fraction(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["十二五", "三四", "一二三", "1.2.3", "", "分之一", "零分之一"])
def test_not_numerals(text: str) -> None:
    assert parse_numeral(text) is None and parse_fraction(text) is None
