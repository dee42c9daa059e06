"""Numerals as Chinese reports write them: Arabic, full-width, Chinese and mixed.

Chinese integers go through cn2an (a maintained converter that knows 零 placement,
两, 十 without a leading 一 and the 万/亿 grouping); what cn2an leaves out is handled
here: Arabic digits with a scale (``1.2万``, ``4万亿``), bare leading 千/百/万 (``千亿``,
``万亿``, read as 一千亿, 一万亿), fractions (``三分之一``, ``百分之十五``) and
full-width digits and separators.
"""

from __future__ import annotations

import re
from functools import lru_cache


#: Scale words and their values; 千 and 百 are digits, never scales (contract).
SCALES: dict[str, int] = {"万亿": 10**12, "亿": 10**8, "万": 10**4}

#: No numeral a report states is longer; longer runs (noise, hostile input) are not numerals.
MAX_NUMERAL = 32
CN_DIGITS = "零〇一二两三四五六七八九十百千"
CN_NUMERAL_CHARS = CN_DIGITS + "万亿"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = re.compile(r"[0-9]++(?:,[0-9]{3}(?![0-9]))*+(?:\.[0-9]++)?+")
_FRACTION = re.compile(r"(?P<den>.+?)分之(?P<num>.+)")


def to_half_width(text: str) -> str:
    """Full-width digits, point and comma as their ASCII forms."""
    return text.translate(_FULL_WIDTH)


def split_scale(number: str) -> tuple[str, str]:
    """``number`` as (numeral, trailing scale): ``1.2万`` → (``1.2``, ``万``).

    Only a trailing 万/亿/万亿 is a scale; a numeral that is nothing but a scale (``万亿``)
    keeps the scale as its numeral too, so ``万亿`` gives (``万亿``, ``万亿``)."""
    for scale in SCALES:  # longest first
        if number.endswith(scale):
            return number[: len(number) - len(scale)] or number, scale
    return number, ""


@lru_cache(maxsize=4096)
def parse_chinese_integer(text: str) -> int | None:
    """A Chinese integer numeral (``三千五百万``, ``两``, ``千亿``) as an int, else None."""
    if not text or len(text) > MAX_NUMERAL or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    if len(text) > 1 and not any(ch in "十百千万亿" for ch in text):
        return None  # digit by digit (二〇一五) is a year; 三四 is "three or four"
    if text[0] in "百千万亿":
        text = "一" + text
    text = text.replace("〇", "零")
    import cn2an  # type: ignore[import-untyped]  # imported on first use: 0.15 s to load

    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


def parse_numeral(text: str) -> float | None:
    """Any plain numeral, scale included: ``1,234.5``, ``１２``, ``1.2万``, ``4万亿``,
    ``三千五百万``, ``千亿``. None when ``text`` is not a numeral."""
    text = to_half_width(text)
    core, scale = split_scale(text)
    if core and core[0].isdigit():
        if len(core) > MAX_NUMERAL or not _ARABIC.fullmatch(core):
            return None
        value = float(core.replace(",", ""))
        return value * SCALES[scale] if scale and core != text else value
    integer = parse_chinese_integer(text)
    return None if integer is None else float(integer)


def parse_fraction(text: str) -> float | None:
    """A fraction ``A分之B`` (``三分之一``, ``百分之十五``, ``3分之1``) as B/A."""
    match = _FRACTION.fullmatch(text)
    if match is None:
        return None
    den, num = parse_numeral(match["den"]), parse_numeral(match["num"])
    if den is None or num is None or den == 0:
        return None
    return num / den


def scaled_value(number: str) -> tuple[float, str] | None:
    """``number`` (scale included) as (value in the stated unit, scale): ``1.2万`` →
    (1.2, ``万``); ``千亿`` → (1000, ``亿``); ``万亿`` → (1, ``万亿``); ``37`` → (37, "")."""
    text = to_half_width(number)
    core, scale = split_scale(text)
    if core and core[0].isdigit():
        if len(core) > MAX_NUMERAL or not _ARABIC.fullmatch(core):
            return None
        return float(core.replace(",", "")), scale
    whole = parse_numeral(text)
    if whole is None:
        return None
    return (whole / SCALES[scale], scale) if scale else (whole, "")
