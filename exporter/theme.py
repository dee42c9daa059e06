"""Themes: one TOML file drives the look of the Word, PDF and Excel outputs.

A theme names its page set-up, colours, font chains and, for each typographic role
(title, headings, body, tables …), font, size, weight, colour, alignment, indents and
spacing. Units are explicit: ``pt``, ``mm``, ``cm``, ``in``, Chinese 号 sizes (``3号``,
``小四``) and, for first-line indents, characters (``2字`` or ``2em``). Every value is
checked on load; a bad one raises :class:`ThemeError` naming the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._data import data_dir
from .errors import ThemeError
from .vocabulary import languages

#: Chinese type sizes (号) in points.
HAO_SIZES: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}
_HAO_DIGITS = dict(zip("0123456789", ["初", "一", "二", "三", "四", "五", "六", "七", "八", "九"]))
_MM = 72 / 25.4
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$")
_CHARS = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(字|em|chars?)\s*$")
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "A4": (210 * _MM, 297 * _MM), "A5": (148 * _MM, 210 * _MM),
    "B5": (176 * _MM, 250 * _MM), "LETTER": (612.0, 792.0),
}

#: Every role a theme must style, in the order ``exporter styles`` lists them.
ROLES = (
    "title", "subtitle", "meta", "issuer", "heading1", "heading2", "heading3", "heading4",
    "body", "lead", "table_header", "table_body", "caption", "header", "footer",
    "page_number",
)
ALIGNMENTS = ("left", "center", "right", "justify")


@dataclass(frozen=True)
class Role:
    """The typography of one role. Lengths are points; ``first_line_indent`` is characters."""

    fonts: tuple[str, ...]
    latin_fonts: tuple[str, ...]
    size: float
    font_file: str | None = None
    bold_font_file: str | None = None
    bold: bool = False
    italic: bool = False
    color: str = "000000"
    align: str = "left"
    first_line_indent: float = 0.0
    left_indent: float = 0.0
    line_spacing: float = 1.0
    line_spacing_rule: str = "multiple"
    space_before: float = 0.0
    space_after: float = 0.0
    char_spacing: float = 0.0
    keep_with_next: bool = False

    @property
    def leading(self) -> float:
        """The distance between baselines in points."""
        if self.line_spacing_rule == "exact":
            return self.line_spacing
        return self.size * 1.2 * self.line_spacing


@dataclass(frozen=True)
class Page:
    """Paper and margins, in points."""

    width: float
    height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    header_distance: float
    footer_distance: float

    @property
    def frame_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def frame_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom


@dataclass(frozen=True)
class Theme:
    """A validated theme. ``path`` is the file it came from."""

    name: str
    description: str
    path: Path
    page: Page
    colors: dict[str, str]
    roles: dict[str, Role]
    #: Page number text in the Word footer and the PDF, ``{page}`` and ``{pages}`` filled in.
    page_number_format: str = "{page}"
    #: ``outer`` (odd pages right, even left, as GB/T 9704), ``center`` or ``right``.
    page_number_position: str = "center"
    #: Briefing furniture: the issuer line and the red rule above the title.
    issuer_line: bool = False
    red_rule: bool = False
    #: An accent band along the top of the PDF cover (a designed look; an official
    #: document has none).
    cover_band: bool = True
    #: Text in the page header instead of the title; a logo image (PNG or JPEG path)
    #: before it in the Word briefing's header.
    header_text: str = ""
    logo: str | None = None
    #: Sheet names for the workbook, by the English name the code uses.
    sheet_names: dict[str, str] = field(default_factory=dict)
    table_style: str = "TableStyleMedium2"
    #: The workbook's language for headers and codes (``catalogues/vocabulary.toml``).
    workbook_language: str = "en"
    chart_colors: tuple[str, ...] = ("1F4E79", "C00000", "548235", "BF8F00", "7030A0")
    language: str = "zh-CN"

    def role(self, name: str) -> Role:
        return self.roles[name]

    def color(self, name: str) -> str:
        """A named colour as ``RRGGBB``."""
        return self.colors[name]

    def sheet_name(self, key: str) -> str:
        return self.sheet_names.get(key, key)


# --- parsing helpers -------------------------------------------------------------------


class _Reader:
    """Reads one theme file's values, raising ThemeError with the file and key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> ThemeError:
        return ThemeError(f"{key}: {problem}", source=str(self.path))

    def length(self, key: str, value: Any, *, allow_negative: bool = False) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0:
            return 0.0
        if not isinstance(value, str):
            raise self.fail(key, f"expected a length such as '12pt' or '3号', got {value!r}")
        points = _parse_length(value)
        if points is None:
            raise self.fail(key, f"{value!r} is not a length (use pt, mm, cm, in or a 号 size)")
        if points < 0 and not allow_negative:
            raise self.fail(key, f"{value!r} must not be negative")
        if abs(points) > 2000:
            raise self.fail(key, f"{value!r} is impossibly large")
        return points

    def size(self, key: str, value: Any) -> float:
        points = self.length(key, value)
        if not 3 <= points <= 200:
            raise self.fail(key, f"font size {value!r} is outside 3–200 pt")
        return points

    def chars(self, key: str, value: Any) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            count = float(value)
        elif isinstance(value, str) and (m := _CHARS.match(value)):
            count = float(m.group(1))
        else:
            raise self.fail(key, f"expected a count of characters such as '2字', got {value!r}")
        if not 0 <= count <= 20:
            raise self.fail(key, f"{value!r} is outside 0–20 characters")
        return count

    def color(self, key: str, value: Any, palette: dict[str, str]) -> str:
        if isinstance(value, str) and value in palette:
            return palette[value]
        if isinstance(value, str) and (m := _HEX.match(value)):
            return m.group(1).upper()
        raise self.fail(key, f"{value!r} is neither '#RRGGBB' nor a colour named in [colors]")

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def text(self, key: str, value: Any) -> str:
        if not isinstance(value, str):
            raise self.fail(key, f"expected a string, got {value!r}")
        return value

    def choice(self, key: str, value: Any, options: tuple[str, ...]) -> str:
        if value not in options:
            raise self.fail(key, f"{value!r} is not one of {', '.join(options)}")
        return str(value)

    def table(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, "expected a table")
        return value

    def unknown(self, key: str, data: dict[str, Any], allowed: set[str]) -> None:
        extra = sorted(set(data) - allowed)
        if extra:
            raise self.fail(f"{key}.{extra[0]}" if key else extra[0], "unknown key")

    def image_path(self, key: str, value: Any) -> str:
        """A PNG or JPEG file, relative to the theme's folder."""
        path = Path(self.text(key, value)).expanduser()
        if not path.is_absolute():
            path = self.path.parent / path
        if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            raise self.fail(key, "must be a .png or .jpg image")
        if not path.is_file():
            raise self.fail(key, f"image file {str(path)!r} does not exist")
        return str(path)

    def font_path(self, key: str, value: Any) -> str:
        path = Path(self.text(key, value)).expanduser()
        if not path.is_absolute():
            path = self.path.parent / path
        if not path.is_file():
            raise self.fail(key, f"font file {str(path)!r} does not exist")
        return str(path)


def _parse_length(value: str) -> float | None:
    text = value.strip()
    if m := _LENGTH.match(text):
        number, unit = float(m.group(1)), m.group(2)
        return number * {"pt": 1.0, "mm": _MM, "cm": 10 * _MM, "in": 72.0}[unit]
    hao = text.removesuffix("号")
    hao = "".join(_HAO_DIGITS.get(c, c) for c in hao)
    for name in (hao, hao + "号"):
        if name in HAO_SIZES:
            return float(HAO_SIZES[name])
    return None


_ROLE_KEYS = {
    "font", "latin_font", "font_file", "bold_font_file", "size", "bold", "italic", "color",
    "align", "first_line_indent", "left_indent", "line_spacing", "space_before",
    "space_after", "char_spacing", "keep_with_next",
}


def _font_chain(r: _Reader, key: str, value: Any, chains: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise r.fail(key, "expected a font family, a chain name from [fonts], or a list of them")
    chain: list[str] = []
    for name in names:
        for family in chains.get(name, (name,)):
            if family not in chain:
                chain.append(family)
    return tuple(chain)


def _role(r: _Reader, name: str, data: dict[str, Any], defaults: dict[str, Any],
          chains: dict[str, tuple[str, ...]], palette: dict[str, str]) -> Role:
    key = f"roles.{name}"
    r.unknown(key, data, _ROLE_KEYS)
    merged = {**defaults, **data}
    if "font" not in merged or "size" not in merged:
        raise r.fail(key, "needs at least 'font' and 'size' (here or in [defaults])")
    spacing = merged.get("line_spacing", 1.0)
    if isinstance(spacing, (int, float)) and not isinstance(spacing, bool):
        if not 0.5 <= spacing <= 5:
            raise r.fail(f"{key}.line_spacing", f"multiple {spacing!r} is outside 0.5–5")
        line_spacing, rule = float(spacing), "multiple"
    else:
        line_spacing, rule = r.length(f"{key}.line_spacing", spacing), "exact"
        if line_spacing <= 0:
            raise r.fail(f"{key}.line_spacing", "must be positive")
    return Role(
        fonts=_font_chain(r, f"{key}.font", merged["font"], chains),
        latin_fonts=_font_chain(r, f"{key}.latin_font", merged.get("latin_font", merged["font"]), chains),
        size=r.size(f"{key}.size", merged["size"]),
        font_file=r.font_path(f"{key}.font_file", merged["font_file"]) if "font_file" in merged else None,
        bold_font_file=(r.font_path(f"{key}.bold_font_file", merged["bold_font_file"])
                        if "bold_font_file" in merged else None),
        bold=r.boolean(f"{key}.bold", merged.get("bold", False)),
        italic=r.boolean(f"{key}.italic", merged.get("italic", False)),
        color=r.color(f"{key}.color", merged.get("color", "#000000"), palette),
        align=r.choice(f"{key}.align", merged.get("align", "left"), ALIGNMENTS),
        first_line_indent=r.chars(f"{key}.first_line_indent", merged.get("first_line_indent", 0)),
        left_indent=r.length(f"{key}.left_indent", merged.get("left_indent", "0pt")),
        line_spacing=line_spacing,
        line_spacing_rule=rule,
        space_before=r.length(f"{key}.space_before", merged.get("space_before", "0pt")),
        space_after=r.length(f"{key}.space_after", merged.get("space_after", "0pt")),
        char_spacing=r.length(f"{key}.char_spacing", merged.get("char_spacing", "0pt"),
                              allow_negative=True),
        keep_with_next=r.boolean(f"{key}.keep_with_next", merged.get("keep_with_next", False)),
    )


def _page(r: _Reader, data: dict[str, Any]) -> Page:
    r.unknown("page", data, {"size", "width", "height", "margin_top", "margin_bottom",
                             "margin_left", "margin_right", "header_distance", "footer_distance"})
    if "size" in data:
        size = r.text("page.size", data["size"]).upper()
        if size not in PAPER_SIZES:
            raise r.fail("page.size", f"{data['size']!r} is not one of {', '.join(PAPER_SIZES)}")
        width, height = PAPER_SIZES[size]
    else:
        width = r.length("page.width", data.get("width"))
        height = r.length("page.height", data.get("height"))
    page = Page(
        width=width, height=height,
        **{k: r.length(f"page.{k}", data.get(k, "20mm")) for k in (
            "margin_top", "margin_bottom", "margin_left", "margin_right")},
        header_distance=r.length("page.header_distance", data.get("header_distance", "15mm")),
        footer_distance=r.length("page.footer_distance", data.get("footer_distance", "15mm")),
    )
    if page.frame_width < 72 or page.frame_height < 72:
        raise r.fail("page", "margins leave less than an inch for the text")
    return page


_TOP_KEYS = {"name", "description", "language", "page", "colors", "fonts", "defaults", "roles",
             "document", "workbook", "chart"}


def parse_theme(path: Path, text: str) -> Theme:
    """Validate a theme file's text and build the :class:`Theme`."""
    r = _Reader(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"TOML syntax error: {exc}", source=str(path)) from None
    r.unknown("", data, _TOP_KEYS)
    palette_raw = r.table("colors", data.get("colors", {}))
    palette = {k: r.color(f"colors.{k}", v, {}) for k, v in palette_raw.items()}
    for required in ("text", "accent", "rule", "table_header_fill", "table_header_text",
                     "table_border", "table_stripe", "muted"):
        palette.setdefault(required, {"text": "000000", "table_header_text": "000000",
                                      "table_stripe": "F7F7F7", "table_header_fill": "E7E6E6",
                                      "muted": "595959"}.get(required, "000000"))
    chains: dict[str, tuple[str, ...]] = {}
    for name, value in r.table("fonts", data.get("fonts", {})).items():
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise r.fail(f"fonts.{name}", "expected a non-empty list of font family names")
        chains[name] = tuple(value)
    defaults = r.table("defaults", data.get("defaults", {}))
    r.unknown("defaults", defaults, _ROLE_KEYS)
    roles_raw = r.table("roles", data.get("roles", {}))
    r.unknown("roles", roles_raw, set(ROLES))
    roles = {name: _role(r, name, r.table(f"roles.{name}", roles_raw.get(name, {})), defaults,
                         chains, palette) for name in ROLES}
    document = r.table("document", data.get("document", {}))
    r.unknown("document", document, {"page_number_format", "page_number_position",
                                     "issuer_line", "red_rule", "cover_band", "header_text",
                                     "logo"})
    workbook = r.table("workbook", data.get("workbook", {}))
    r.unknown("workbook", workbook, {"sheet_names", "table_style", "lang"})
    workbook_language = r.choice("workbook.lang", workbook.get("lang", "en"), languages())
    chart = r.table("chart", data.get("chart", {}))
    r.unknown("chart", chart, {"colors"})
    sheet_names = {k: r.text(f"workbook.sheet_names.{k}", v)
                   for k, v in r.table("workbook.sheet_names", workbook.get("sheet_names", {})).items()}
    for key, sheet in sheet_names.items():
        if not sheet or len(sheet) > 31 or any(c in sheet for c in "[]:*?/\\"):
            raise r.fail(f"workbook.sheet_names.{key}", f"{sheet!r} is not a valid sheet name")
    page_format = r.text("document.page_number_format", document.get("page_number_format", "{page}"))
    if "{page}" not in page_format:
        raise r.fail("document.page_number_format", "must contain {page}")
    colors_list = chart.get("colors", ["#1F4E79", "#C00000", "#548235", "#BF8F00", "#7030A0"])
    if not isinstance(colors_list, list) or not colors_list:
        raise r.fail("chart.colors", "expected a non-empty list of colours")
    return Theme(
        name=r.text("name", data.get("name", path.stem)),
        description=r.text("description", data.get("description", "")),
        path=path,
        page=_page(r, r.table("page", data.get("page", {}))),
        colors=palette,
        roles=roles,
        page_number_format=page_format,
        page_number_position=r.choice("document.page_number_position",
                                      document.get("page_number_position", "center"),
                                      ("outer", "center", "right")),
        issuer_line=r.boolean("document.issuer_line", document.get("issuer_line", False)),
        red_rule=r.boolean("document.red_rule", document.get("red_rule", False)),
        cover_band=r.boolean("document.cover_band", document.get("cover_band", True)),
        header_text=r.text("document.header_text", document.get("header_text", "")),
        logo=r.image_path("document.logo", document["logo"]) if "logo" in document else None,
        sheet_names=sheet_names,
        table_style=r.text("workbook.table_style", workbook.get("table_style", "TableStyleMedium2")),
        workbook_language=workbook_language,
        chart_colors=tuple(r.color(f"chart.colors[{i}]", c, palette) for i, c in enumerate(colors_list)),
        language=r.text("language", data.get("language", "zh-CN")),
    )


def theme_names() -> list[str]:
    """The names of the bundled themes."""
    return sorted(p.stem for p in data_dir("styles").glob("*.toml"))


def theme_path(name_or_path: str) -> Path:
    """A bundled theme's file by name, or the file a user gave by path."""
    candidate = Path(name_or_path).expanduser()
    if candidate.suffix == ".toml" or candidate.exists() or "/" in name_or_path:
        if not candidate.is_file():
            raise ThemeError("theme file does not exist", source=str(candidate))
        return candidate
    bundled = data_dir("styles") / f"{name_or_path}.toml"
    if not bundled.is_file():
        raise ThemeError(f"no such theme (bundled: {', '.join(theme_names())})",
                         source=name_or_path)
    return bundled


def load_theme(name_or_path: str) -> Theme:
    """Load and validate a theme by bundled name (``official``) or by path."""
    path = theme_path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeError(f"cannot read theme: {exc}", source=str(path)) from None
    return parse_theme(path, text)
