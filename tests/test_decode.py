"""Decoding report bytes: encodings, line ends, and the inputs that must be refused."""

from __future__ import annotations

import pytest

from exporter.errors import InputError
from exporter.readers.decode import decode_text
from tests.linearity import assert_linear

TEXT = "各位代表：\n一、2016年工作回顾\n全年城镇新增就业1314万人，增长6.7%。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom",
                                      "utf-16-be-bom", "gb18030", "gbk"])
def test_encodings_decode_to_the_same_text(encoding: str) -> None:
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + TEXT.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + TEXT.encode("utf-16-be")
    else:
        data = TEXT.encode(encoding)
    assert decode_text(data, "r.txt") == TEXT


def test_short_gbk_text_is_not_mistaken_for_big5() -> None:
    assert decode_text("一、工作".encode("gbk"), "r.txt") == "一、工作"
    assert decode_text("报".encode("gb18030"), "r.txt") == "报"


def test_big5_text_is_still_read() -> None:
    text = "政府工作報告：過去一年，我們面對國內外諸多矛盾疊加、風險隱患交匯的嚴峻挑戰。"
    assert decode_text(text.encode("big5"), "r.txt") == text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028"])
def test_line_ends_become_lf(newline: str) -> None:
    data = TEXT.replace("\n", newline).encode("utf-8")
    assert decode_text(data, "r.txt") == TEXT


def test_stray_bom_characters_are_dropped() -> None:
    assert decode_text("\ufeff标题\n\ufeff正文。".encode("utf-8"), "r.txt") == "标题\n正文。"


@pytest.mark.parametrize(("data", "words"), [
    (b"", "empty"),
    (b" \n\t\r\n", "only whitespace"),
    ("\u3000\u00a0\n".encode("utf-8"), "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
    (b"abc\x00def\x00", "NUL bytes"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11", "control bytes"),
    (b"\xff\xfeA\x00\x00\xd8", "undecodable bytes"),
    (b"report \x81\xff\xfe\x80 text \xff\xff", "undecodable bytes"),
])
def test_bad_input_is_refused_in_one_line(data: bytes, words: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(data, "bad.txt")
    assert caught.value.source == "bad.txt"
    assert words in caught.value.message
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("bad.txt: ")


def test_a_three_megabyte_single_line_decodes_in_linear_time() -> None:
    sentence = "今年全市地区生产总值增长6.5%，达到24899.3亿元(按可比价格计算)。"
    line = sentence * 70000
    for encoding in ("utf-8", "gb18030"):
        data = line.encode(encoding)
        assert len(data) > 3_000_000
        assert decode_text(data, "big.txt") == line

        def decode(repeats: int, encoding: str = encoding) -> str:
            return decode_text((sentence * repeats).encode(encoding), "big.txt")

        assert_linear(decode, 7000)
