"""Numerals as Chinese reports write them: Arabic, full-width, Chinese and mixed.

Chinese integers in their canonical written form (``三千五百万``, ``一百零五``, ``两万``,
``十五``) are read here directly; any other form (spoken ``一万二``, capital digits)
goes through cn2an, a maintained converter that knows them all. cn2an costs 0.15–0.25 s
to import, a third of a cold one-report build, and most reports never need it. What
cn2an leaves out is handled here too: Arabic digits with a scale (``1.2万``, ``4万亿``), bare leading 千/百/万 (``千亿``,
``万亿``, read as 一千亿, 一万亿), fractions (``三分之一``, ``百分之十五``) and
full-width digits and separators.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..plans import CN_DIGITS as _DIGIT_VALUES

#: Scale words and their values; 千 and 百 are digits, never scales (contract).
SCALES: dict[str, int] = {"万亿": 10**12, "亿": 10**8, "万": 10**4}

#: No numeral a report states is longer; longer runs (noise, hostile input) are not numerals.
MAX_NUMERAL = 32
#: What a numeral with a scale ends with: one test rules out the rest.
_SCALE_ENDS = tuple(SCALES)
CN_DIGITS = "零〇一二两三四五六七八九十百千"
CN_NUMERAL_CHARS = CN_DIGITS + "万亿"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = re.compile(r"[0-9]++(?:,[0-9]{3}(?![0-9]))*+(?:\.[0-9]++)?+")
_FRACTION = re.compile(r"(?P<den>.+?)分之(?P<num>.+)")
#: Arabic digits with a scale and a smaller digit group after it: ``1万6千``, ``3亿2000万``.
_COMPOUND = re.compile(r"(?P<head>[0-9]+(?:\.[0-9]+)?)(?P<big>万亿|亿|万)(?P<tail>[0-9]+)(?P<small>[千百万])")
_PLACES = {"千": 1000, "百": 100, "万": 10**4}
_PLACE_ENDS = tuple(_PLACES)  # a compound numeral ends with one of these
_THOUSANDS = re.compile(r"(?P<digit>[1-9])千(?P<scale>万亿|亿|万)")


def to_half_width(text: str) -> str:
    """Full-width digits, point and comma as their ASCII forms."""
    return text if text.isascii() else text.translate(_FULL_WIDTH)  # translate is slow


def split_scale(number: str) -> tuple[str, str]:
    """``number`` as (numeral, trailing scale): ``1.2万`` → (``1.2``, ``万``).

    Only a trailing 万/亿/万亿 is a scale; a numeral that is nothing but a scale (``万亿``)
    keeps the scale as its numeral too, so ``万亿`` gives (``万亿``, ``万亿``)."""
    if not number.endswith(_SCALE_ENDS):
        return number, ""
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
    canonical = _canonical_integer(text)
    if canonical is not None:
        return canonical
    import cn2an  # imported on first use only: 0.15–0.25 s to load

    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


_D = "[一二两三四五六七八九]"
#: A numeral below 10,000 as written: digit-unit pairs in falling order, 零 for a gap.
_GROUP = re.compile(f"(?:({_D})千)?(零)?(?:({_D})百)?(零)?(?:({_D}?)十)?({_D})?")


def _canonical_integer(text: str) -> int | None:
    """``text`` read as a canonical Chinese integer (groups of 千百十 joined by 亿 and 万),
    or None when it is written any other way (cn2an then decides)."""
    if text == "零":
        return 0
    head, big, rest = text.partition("亿")
    if big:
        high = _canonical_integer(head)
        low = _below(rest, 10**8)
        return None if not high or low is None else high * 10**8 + low
    head, big, rest = text.partition("万")
    if big:
        high = _group(head)
        low = _below(rest, 10**4)
        return None if not high or low is None else high * 10**4 + low
    return _group(text)


def _below(text: str, scale: int) -> int | None:
    """The part after 亿 or 万: empty, or (after a 零 when it does not fill the group's
    top digit) a canonical numeral below ``scale``."""
    if not text:
        return 0
    zero = text.startswith("零")
    value = _canonical_integer(text[1:] if zero else text)
    if value is None or value == 0 or value >= scale:
        return None
    return value if zero == (value < scale // 10) else None


def _group(text: str) -> int | None:
    """A canonical numeral from 1 to 9,999, else None: one 零 exactly where zero places
    sit between non-zero ones (一千零五, 一百零五), 十 without 一 only at the start."""
    match = _GROUP.fullmatch(text) if text else None
    if match is None:
        return None
    thousands, gap1, hundreds, gap2, tens, ones = match.groups()
    if tens == "" and (thousands or hundreds):
        return None  # 一百十五 is spoken, not written: cn2an decides
    places = [_DIGIT_VALUES[thousands] if thousands else 0,
              _DIGIT_VALUES[hundreds] if hundreds else 0,
              (_DIGIT_VALUES[tens] if tens else 1) if tens is not None else 0,
              _DIGIT_VALUES[ones] if ones else 0]
    after_thousands = bool(thousands) and not hundreds and (tens is not None or bool(ones))
    after_hundreds = bool(hundreds) and tens is None and bool(ones)
    if (bool(gap1), bool(gap2)) != (after_thousands, after_hundreds):
        return None
    return places[0] * 1000 + places[1] * 100 + places[2] * 10 + places[3]


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
    """A fraction ``A分之B`` (``三分之一``, ``百分之十五``, ``3分之1``, ``百分之二点六``) as B/A."""
    match = _FRACTION.fullmatch(text)
    if match is None:
        return None
    whole, _, decimals = match["num"].partition("点")  # 百分之二点六: 2.6 hundredths
    den, num = parse_numeral(match["den"]), parse_numeral(whole)
    if num is not None and decimals:
        num += float("0." + "".join(str(_DIGIT_VALUES[d]) for d in decimals))  # digit by digit
    if den is None or num is None or den == 0:
        return None
    return num / den


def compound_value(text: str) -> tuple[float, str] | None:
    """A compound numeral (``1万6千`` → (16000, ""), ``3亿2000万`` → (32000, ``万``)) as
    (value in the unit its last scale leaves, that scale); None for any other numeral
    or a tail not smaller than the scale before it."""
    match = _COMPOUND.fullmatch(text) if text.endswith(_PLACE_ENDS) else None
    if match is None:
        return None
    big, small = SCALES[match["big"]], _PLACES[match["small"]]
    tail = int(match["tail"]) * small
    if tail >= big:
        return None
    whole = float(match["head"]) * big + tail
    return (whole / small, "万") if match["small"] == "万" else (whole, "")


@lru_cache(maxsize=256)  # a report states the same few numerals again and again
def scaled_value(number: str) -> tuple[float, str] | None:
    """``number`` (scale included) as (value in the stated unit, scale): ``1.2万`` →
    (1.2, ``万``); ``千亿`` → (1000, ``亿``); ``万亿`` → (1, ``万亿``); ``37`` → (37, "");
    ``1万6千`` → (16000, "")."""
    text = to_half_width(number)
    compound = compound_value(text)
    if compound is not None:
        return compound
    thousands = _THOUSANDS.fullmatch(text) if "千" in text else None
    if thousands is not None:  # 8千亿: a digit times 千, then the scale
        return float(int(thousands["digit"]) * 1000), thousands["scale"]
    core, scale = split_scale(text)
    if core and core[0].isdigit():
        if len(core) > MAX_NUMERAL or not _ARABIC.fullmatch(core):
            return None
        return float(core.replace(",", "")), scale
    whole = parse_numeral(text)
    if whole is None:
        return None
    return (whole / SCALES[scale], scale) if scale else (whole, "")
