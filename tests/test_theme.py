"""Themes: the bundled ones load and follow their standard; every kind of bad theme is
rejected with one line naming the file, the key and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli
from exporter.errors import ThemeError
from exporter.theme import HAO_SIZES, ROLES, load_theme, theme_names, theme_path

MM = 72 / 25.4


def test_bundled_themes_load() -> None:
    assert {"official", "modern"} <= set(theme_names())
    for name in theme_names():
        theme = load_theme(name)
        assert set(theme.roles) == set(ROLES) and theme.description
        assert theme.path == theme_path(name)


def test_official_follows_gb_t_9704() -> None:
    theme = load_theme("official")
    page = theme.page
    assert (page.width, page.height) == pytest.approx((210 * MM, 297 * MM))
    assert page.margin_top == pytest.approx(37 * MM) and page.margin_left == pytest.approx(28 * MM)
    assert page.frame_width == pytest.approx(156 * MM) and page.frame_height == pytest.approx(225 * MM)
    roles = theme.roles
    three = HAO_SIZES["三号"]
    body = roles["body"]
    assert body.size == three and body.line_spacing_rule == "exact" and body.first_line_indent == 2
    assert int(page.frame_height // body.leading) == 22  # 22 lines a page
    # 28 characters a line: the character pitch (size + spacing) fits 28 times in 156 mm.
    assert int(page.frame_width // (body.size + body.char_spacing)) == 28
    assert roles["title"].size == HAO_SIZES["二号"] and roles["title"].align == "center"
    assert roles["title"].fonts[0] == "方正小标宋简体" and "宋体" in roles["title"].fonts
    assert body.fonts[0] == "仿宋_GB2312" and "仿宋" in body.fonts
    assert roles["heading1"].fonts[0] == "黑体" and roles["heading2"].fonts[0] == "楷体_GB2312"
    assert roles["heading3"].fonts == body.fonts and roles["heading3"].bold
    assert roles["heading4"].fonts == body.fonts and not roles["heading4"].bold
    for level in ("heading1", "heading2", "heading3", "heading4"):
        assert roles[level].size == three
    number = roles["page_number"]
    assert number.size == HAO_SIZES["四号"] and number.fonts[0] == "宋体"
    assert theme.page_number_format.format(page=1, pages=9) == "— 1 —"
    assert theme.page_number_position == "outer"
    # Every chain ends in fonts Debian packages (fonts-arphic-*, fonts-wqy-*, fonts-noto-cjk).
    free = {"AR PL UMing CN", "AR PL UKai CN", "LXGW WenKai", "WenQuanYi Micro Hei",
            "Noto Sans CJK SC", "Noto Serif CJK SC"}
    assert all(set(role.fonts) & free for role in roles.values())


def test_modern_is_sans_with_a_restrained_accent() -> None:
    theme = load_theme("modern")
    assert theme.roles["body"].fonts[0] == "Noto Sans CJK SC"
    accent = theme.color("accent")
    assert theme.roles["heading1"].color == accent == theme.color("table_header_fill")
    assert max(int(accent[i:i + 2], 16) for i in (0, 2, 4)) < 0xC0  # dark, not loud


OFFICIAL = (Path(__file__).resolve().parents[1] / "styles" / "official.toml").read_text(encoding="utf-8")

BAD = {
    "syntax": (OFFICIAL.replace('size = "A4"', 'size = "A4'), "TOML syntax error"),
    "unknown": (OFFICIAL.replace("[roles.body]\n", "[roles.body]\nfont_colour = 'red'\n"),
                "roles.body.font_colour: unknown key"),
    "type": (OFFICIAL.replace("[roles.heading3]\nbold = true", "[roles.heading3]\nbold = 'yes'"),
             "roles.heading3.bold: expected true or false"),
    "negative": (OFFICIAL.replace('margin_top = "37mm"', 'margin_top = "-37mm"'),
                 "page.margin_top: '-37mm' must not be negative"),
    "impossible_size": (OFFICIAL.replace('size = "4号"', 'size = "400pt"'),
                        "roles.page_number.size: font size '400pt' is outside"),
    "impossible_page": (OFFICIAL.replace('margin_left = "28mm"', 'margin_left = "200mm"'),
                        "page: margins leave less than an inch"),
    "font_path": (OFFICIAL.replace("[roles.title]\n", "[roles.title]\nfont_file = 'fonts/小标宋.ttf'\n"),
                  "roles.title.font_file: font file"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_theme_names_file_key_and_problem(kind: str, tmp_path: Path) -> None:
    text, expected = BAD[kind]
    assert text != OFFICIAL
    path = tmp_path / f"{kind}.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThemeError) as info:
        load_theme(str(path))
    message = str(info.value)
    assert message.startswith(f"{path}: ") and expected in message and "\n" not in message

    result = CliRunner().invoke(cli, ["styles", "--check", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"exporter: {message}"]


def test_copied_theme_with_a_font_path_checks_ok(tmp_path: Path) -> None:
    font = tmp_path / "fonts" / "my.ttf"
    font.parent.mkdir()
    font.write_bytes(b"\0")  # existence is what the theme checks; the PDF probes the file
    path = tmp_path / "mine.toml"
    path.write_text(OFFICIAL.replace("[roles.title]\n", "[roles.title]\nfont_file = 'fonts/my.ttf'\n"),
                    encoding="utf-8")
    assert load_theme(str(path)).roles["title"].font_file == str(font)
    result = CliRunner().invoke(cli, ["styles", "--check", str(path)])
    assert result.exit_code == 0 and result.stdout == f"{path}: ok\n"


def test_missing_theme_is_one_line() -> None:
    result = CliRunner().invoke(cli, ["styles", "--check", "no-such-theme"])
    assert result.exit_code == 2 and "no such theme" in result.stderr


def test_styles_lists_themes_roles_fonts_and_embedding() -> None:
    result = CliRunner().invoke(cli, ["styles"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for name in theme_names():
        assert f"\n{name}: " in f"\n{out}"
    assert out.count("    PDF: ") == len(ROLES) * len(theme_names())
    assert "embedded:" in out
