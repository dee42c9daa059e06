"""Numeral parsing: Arabic, full-width, Chinese (through cn2an), mixed and fractions."""

from __future__ import annotations

import cn2an  # type: ignore[import-untyped]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporter.figures.numerals import parse_fraction, parse_numeral, scaled_value


@given(st.integers(min_value=0, max_value=10**12))
def test_any_chinese_integer_parses_back(n: int) -> None:
    assert parse_numeral(cn2an.an2cn(n)) == n


@given(st.integers(min_value=1, max_value=10**12))
def test_any_chinese_integer_with_two_parses_back(n: int) -> None:
    """Reports write 两 for 二 before 千, 万 and 亿 (两千, 两万); it reads the same."""
    written = cn2an.an2cn(n).replace("二千", "两千").replace("二万", "两万").replace("二亿", "两亿")
    assert parse_numeral(written) == n


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
