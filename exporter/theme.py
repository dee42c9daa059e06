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
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

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
T = TypeVar("T")
#: Unicode categories no name may hold: controls, format characters, unassigned and
#: surrogate code points, private use.
_CONTROL_CATEGORIES = {"Cc", "Cf", "Cn", "Cs", "Co"}
#: Deepest nesting of tables and arrays a theme needs (roles.body.font = [...] is 3).
MAX_NESTING = 6
#: Largest size of the roles set in table cells and page furniture: a cell must hold
#: a character and a header a line.
SMALL_ROLES = ("table_header", "table_body", "caption", "header", "footer", "page_number")
MAX_SMALL_SIZE = 36.0
#: Largest character spacing, either way, in points.
MAX_CHAR_SPACING = 20.0
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


class ThemeProblems(ThemeError):
    """Every problem of one theme, each ``key: problem``; the message names the first."""

    def __init__(self, problems: list[str], source: str) -> None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more, source=source)
        self.problems = problems


class _Reader:
    """Reads one theme file's values. A bad value raises ThemeError with the file and
    key; :meth:`each` records it instead and goes on, so one pass finds every problem."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def fail(self, key: str, problem: str) -> ThemeError:
        return ThemeError(f"{key}: {problem}", source=str(self.path))

    def each(self, read: Callable[[], T], fallback: T) -> T:
        """``read()``, or ``fallback`` with its problem recorded."""
        try:
            return read()
        except ThemeError as exc:
            self.problems.append(exc.message)
            return fallback

    def plain(self, key: str, value: Any) -> str:
        """A name printed or stored as it is (a font family, a sheet name): a string
        without control characters, which no font or workbook can carry."""
        text = self.text(key, value)
        if any(unicodedata.category(c) in _CONTROL_CATEGORIES for c in text):
            raise self.fail(key, f"{text!r} holds a control character")
        return text

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

    def size(self, key: str, value: Any, top: float = 200.0) -> float:
        points = self.length(key, value)
        if not 3 <= points <= top:
            raise self.fail(key, f"font size {value!r} is outside 3–{top:g} pt")
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
    for at, name in enumerate(names):
        r.plain(f"{key}[{at}]" if isinstance(value, list) else key, name)
    chain: list[str] = []
    for name in names:
        for family in chains.get(name, (name,)):
            if family not in chain:
                chain.append(family)
    return tuple(chain)


def _role(r: _Reader, name: str, data: dict[str, Any], defaults: dict[str, Any],
          chains: dict[str, tuple[str, ...]], palette: dict[str, str], page: Page) -> Role:
    """One role, every problem of it recorded; then whether it fits the page: a line (or a
    cell's character) that no page can hold would only fail in the middle of a build."""
    key = f"roles.{name}"
    r.each(lambda: r.unknown(key, data, _ROLE_KEYS), None)
    merged = {**defaults, **data}
    if "font" not in merged or "size" not in merged:
        raise r.fail(key, "needs at least 'font' and 'size' (here or in [defaults])")
    top = MAX_SMALL_SIZE if name in SMALL_ROLES else 200.0
    size = r.each(lambda: r.size(f"{key}.size", merged["size"], top), 12.0)
    line_spacing, rule = r.each(lambda: _line_spacing(r, key, merged.get("line_spacing", 1.0)),
                                (1.0, "multiple"))

    def length(field_name: str, **options: Any) -> float:
        return r.each(lambda: r.length(f"{key}.{field_name}", merged.get(field_name, "0pt"),
                                       **options), 0.0)

    def font_file(field_name: str) -> str | None:
        if field_name not in merged:
            return None
        return r.each(lambda: r.font_path(f"{key}.{field_name}", merged[field_name]), None)

    role = Role(
        fonts=r.each(lambda: _font_chain(r, f"{key}.font", merged["font"], chains), ("serif",)),
        latin_fonts=r.each(lambda: _font_chain(r, f"{key}.latin_font",
                                               merged.get("latin_font", merged["font"]), chains),
                           ("serif",)),
        size=size,
        font_file=font_file("font_file"),
        bold_font_file=font_file("bold_font_file"),
        bold=r.each(lambda: r.boolean(f"{key}.bold", merged.get("bold", False)), False),
        italic=r.each(lambda: r.boolean(f"{key}.italic", merged.get("italic", False)), False),
        color=r.each(lambda: r.color(f"{key}.color", merged.get("color", "#000000"), palette),
                     "000000"),
        align=r.each(lambda: r.choice(f"{key}.align", merged.get("align", "left"), ALIGNMENTS),
                     "left"),
        first_line_indent=r.each(lambda: r.chars(f"{key}.first_line_indent",
                                                 merged.get("first_line_indent", 0)), 0.0),
        left_indent=length("left_indent"),
        line_spacing=line_spacing,
        line_spacing_rule=rule,
        space_before=length("space_before"),
        space_after=length("space_after"),
        char_spacing=length("char_spacing", allow_negative=True),
        keep_with_next=r.each(lambda: r.boolean(f"{key}.keep_with_next",
                                                merged.get("keep_with_next", False)), False),
    )
    r.each(lambda: _fits(r, key, role, page), None)
    return role


def _line_spacing(r: _Reader, key: str, spacing: Any) -> tuple[float, str]:
    """A multiple (0.5–5) or an exact pitch (a length)."""
    if isinstance(spacing, (int, float)) and not isinstance(spacing, bool):
        if not 0.5 <= spacing <= 5:
            raise r.fail(f"{key}.line_spacing", f"multiple {spacing!r} is outside 0.5–5")
        return float(spacing), "multiple"
    exact = r.length(f"{key}.line_spacing", spacing)
    if exact <= 0:
        raise r.fail(f"{key}.line_spacing", "must be positive")
    return exact, "exact"


def _fits(r: _Reader, key: str, role: Role, page: Page) -> None:
    """A role's line with its spacing fits a quarter of the page's height, its indents
    leave room for characters, and its character spacing is sane."""
    box = role.leading + role.space_before + role.space_after
    if box > page.frame_height / 4:
        raise r.fail(f"{key}.line_spacing", f"a line with its spacing is {box:.0f} pt, over a "
                     f"quarter of the page's text height ({page.frame_height / 4:.0f} pt)")
    indent = role.left_indent + role.first_line_indent * role.size
    if indent + 4 * role.size > page.frame_width:
        raise r.fail(f"{key}.left_indent", f"indents of {indent:.0f} pt leave no room for "
                     f"four characters in a {page.frame_width:.0f} pt line")
    if abs(role.char_spacing) > MAX_CHAR_SPACING:
        raise r.fail(f"{key}.char_spacing", f"{role.char_spacing:g} pt is outside "
                     f"±{MAX_CHAR_SPACING:g} pt")


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


_DEFAULT_PAGE = Page(*PAPER_SIZES["A4"], *(20 * _MM,) * 4, 15 * _MM, 15 * _MM)
_DEFAULT_CHART = ["#1F4E79", "#C00000", "#548235", "#BF8F00", "#7030A0"]


def _nesting(data: Any) -> int:
    """How deep tables and arrays nest in parsed TOML (walked without recursion)."""
    deepest, todo = 0, [(data, 0)]
    while todo:
        value, depth = todo.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, depth + 1)
            todo.extend((item, depth + 1)
                        for item in (value.values() if isinstance(value, dict) else value))
    return deepest


def parse_theme(path: Path, text: str) -> Theme:
    """Validate a theme file's text and build the :class:`Theme`; a bad theme raises
    :class:`ThemeProblems` listing every problem found, each with its key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"TOML syntax error: {exc}", source=str(path)) from None
    except RecursionError:
        raise ThemeError(f"TOML nests deeper than the {MAX_NESTING} levels a theme has",
                         source=str(path)) from None
    if _nesting(data) > MAX_NESTING:
        raise ThemeError(f"TOML nests deeper than the {MAX_NESTING} levels a theme has",
                         source=str(path))
    r = _Reader(path)
    theme = _build_theme(r, path, data)
    if r.problems:
        raise ThemeProblems(r.problems, source=str(path))
    return theme


def _build_theme(r: _Reader, path: Path, data: dict[str, Any]) -> Theme:
    """The theme ``data`` describes, every problem recorded in ``r``."""
    def table(key: str, value: Any) -> dict[str, Any]:
        return r.each(lambda: r.table(key, value), {})

    r.each(lambda: r.unknown("", data, _TOP_KEYS), None)
    palette = {k: r.each(lambda k=k, v=v: r.color(f"colors.{k}", v, {}), "000000")  # type: ignore[misc]
               for k, v in table("colors", data.get("colors", {})).items()}
    for required in ("text", "accent", "rule", "table_header_fill", "table_header_text",
                     "table_border", "table_stripe", "muted"):
        palette.setdefault(required, {"text": "000000", "table_header_text": "000000",
                                      "table_stripe": "F7F7F7", "table_header_fill": "E7E6E6",
                                      "muted": "595959"}.get(required, "000000"))
    chains: dict[str, tuple[str, ...]] = {}
    for name, value in table("fonts", data.get("fonts", {})).items():
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            r.problems.append(f"fonts.{name}: expected a non-empty list of font family names")
            continue
        chains[name] = tuple(r.each(lambda key=f"fonts.{name}[{at}]", v=v: r.plain(key, v),  # type: ignore[misc]
                                    "serif") for at, v in enumerate(value))
    page = r.each(lambda: _page(r, r.table("page", data.get("page", {}))), _DEFAULT_PAGE)
    defaults = table("defaults", data.get("defaults", {}))
    r.each(lambda: r.unknown("defaults", defaults, _ROLE_KEYS), None)
    roles_raw = table("roles", data.get("roles", {}))
    r.each(lambda: r.unknown("roles", roles_raw, set(ROLES)), None)
    fallback = Role(fonts=("serif",), latin_fonts=("serif",), size=12.0)
    roles = {name: r.each(lambda name=name: _role(  # type: ignore[misc]
        r, name, r.table(f"roles.{name}", roles_raw.get(name, {})), defaults, chains, palette,
        page), fallback) for name in ROLES}
    document = table("document", data.get("document", {}))
    r.each(lambda: r.unknown("document", document, {
        "page_number_format", "page_number_position", "issuer_line", "red_rule",
        "cover_band", "header_text", "logo"}), None)
    workbook = table("workbook", data.get("workbook", {}))
    r.each(lambda: r.unknown("workbook", workbook, {"sheet_names", "table_style", "lang"}), None)
    workbook_language = r.each(lambda: r.choice("workbook.lang", workbook.get("lang", "en"),
                                                languages()), "en")
    chart = table("chart", data.get("chart", {}))
    r.each(lambda: r.unknown("chart", chart, {"colors"}), None)
    sheet_names = {k: r.each(lambda k=k, v=v: _sheet_name(r, k, v), k)  # type: ignore[misc]
                   for k, v in table("workbook.sheet_names",
                                     workbook.get("sheet_names", {})).items()}
    page_format = r.each(lambda: _page_format(r, document.get("page_number_format", "{page}")),
                         "{page}")
    colors_list = chart.get("colors", _DEFAULT_CHART)
    if not isinstance(colors_list, list) or not colors_list:
        r.problems.append("chart.colors: expected a non-empty list of colours")
        colors_list = _DEFAULT_CHART
    return Theme(
        name=r.each(lambda: r.plain("name", data.get("name", path.stem)), path.stem),
        description=r.each(lambda: r.text("description", data.get("description", "")), ""),
        path=path,
        page=page,
        colors=palette,
        roles=roles,
        page_number_format=page_format,
        page_number_position=r.each(lambda: r.choice(
            "document.page_number_position", document.get("page_number_position", "center"),
            ("outer", "center", "right")), "center"),
        issuer_line=r.each(lambda: r.boolean("document.issuer_line",
                                             document.get("issuer_line", False)), False),
        red_rule=r.each(lambda: r.boolean("document.red_rule", document.get("red_rule", False)),
                        False),
        cover_band=r.each(lambda: r.boolean("document.cover_band",
                                            document.get("cover_band", True)), True),
        header_text=r.each(lambda: r.text("document.header_text",
                                          document.get("header_text", "")), ""),
        logo=r.each(lambda: r.image_path("document.logo", document["logo"]), None)
        if "logo" in document else None,
        sheet_names=sheet_names,
        table_style=r.each(lambda: r.plain("workbook.table_style",
                                           workbook.get("table_style", "TableStyleMedium2")),
                           "TableStyleMedium2"),
        workbook_language=workbook_language,
        chart_colors=tuple(r.each(lambda i=i, c=c: r.color(f"chart.colors[{i}]", c, palette),  # type: ignore[misc]
                                  "000000") for i, c in enumerate(colors_list)),
        language=r.each(lambda: r.plain("language", data.get("language", "zh-CN")), "zh-CN"),
    )


def _sheet_name(r: _Reader, key: str, value: Any) -> str:
    """A workbook sheet name Excel accepts: 1–31 characters, none of ``[]:*?/`` or a backslash, no
    control character, not starting or ending with an apostrophe."""
    sheet = r.plain(f"workbook.sheet_names.{key}", value)
    if (not sheet or len(sheet) > 31 or any(c in sheet for c in "[]:*?/\\")
            or sheet.startswith("'") or sheet.endswith("'")):
        raise r.fail(f"workbook.sheet_names.{key}", f"{sheet!r} is not a valid sheet name")
    return sheet


def _page_format(r: _Reader, value: Any) -> str:
    """The page-number text: holds ``{page}``, and only ``{page}`` and ``{pages}``."""
    text = r.plain("document.page_number_format", value)
    if "{page}" not in text:
        raise r.fail("document.page_number_format", "must contain {page}")
    try:
        text.format(page=1, pages=1)
    except (KeyError, IndexError, ValueError, AttributeError):
        raise r.fail("document.page_number_format",
                     "may hold only {page} and {pages} in braces") from None
    return text


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
    theme = _parsed_theme(path, text)
    if not all(Path(file).is_file() for file in _files_named(theme)):
        _parsed_theme.cache_clear()  # a logo or font file went: validate again, and fail
        return parse_theme(path, text)
    return theme


@lru_cache(maxsize=16)
def _parsed_theme(path: Path, text: str) -> Theme:
    """:func:`parse_theme`, once per theme file's text in a process: every report of a
    batch renders with the same few themes, and validating one took a few milliseconds
    each time. A :class:`Theme` is frozen, so sharing it is safe."""
    return parse_theme(path, text)


def _files_named(theme: Theme) -> list[str]:
    """The files a theme refers to (its logo, its roles' font files)."""
    files = [theme.logo] if theme.logo else []
    for role in theme.roles.values():
        files += [file for file in (role.font_file, role.bold_font_file) if file]
    return files
