"""Font resolution for the PDF: theme font chains to embedded TrueType fonts in reportlab.

reportlab embeds only TrueType outlines, while the CJK fonts most machines carry (Noto
CJK, Source Han) are CFF-based OpenType. This module finds each role's font on this
machine (fontconfig where present, the usual font folders otherwise), turns the glyphs a
document needs into a small TrueType font (converting CFF outlines with fontTools),
caches that file so later builds only register it, and routes every character a role's
font lacks to a fallback font that has it. With no usable font at all it falls back to
reportlab's built-in, non-embedded ``STSong-Light`` and says so once.

Everything is deterministic: the same theme, text and font files give the same reportlab
font names and the same font bytes, so PDFs stay byte-identical between builds.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import shutil
import struct
import subprocess
import tempfile
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...cachedir import default_cache_dir, read_sealed, write_atomic, write_sealed
from ...errors import InputError
from ...theme import ROLES, Theme
from ..options import EmbeddedFont

#: reportlab's built-in CID font: always available, never embedded.
BUILTIN_FONT = "STSong-Light"
#: Families tried for characters no font of a role's own chain has, after every chain
#: font of the theme. Free fonts first that Debian, macOS and Windows carry.
FALLBACK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
    "AR PL UMing CN", "AR PL UKai CN", "Droid Sans Fallback", "PingFang SC", "STHeiti",
    "Microsoft YaHei", "SimSun", "DejaVu Sans", "Noto Sans", "Arial Unicode MS",
)
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
#: Bump when the converted-font format or the plan layout changes (invalidates caches).
_CACHE_VERSION = 3
_REGULAR, _BOLD = 400, 700


@dataclass(frozen=True)
class FontFace:
    """One font file on this machine (``path`` is None for the built-in STSong-Light)."""

    family: str
    path: Path | None
    index: int
    #: ``truetype`` (glyf outlines), ``cff`` (converted before embedding) or ``builtin``.
    outline: str
    embedded: bool
    #: True when this is a real bold face (reportlab cannot embolden a regular one).
    bold: bool = False


BUILTIN_FACE = FontFace(BUILTIN_FONT, None, 0, "builtin", False)


# --- the font index: which families are installed where ----------------------------------


@dataclass(frozen=True)
class _Entry:
    """One face known to the index, with every family name it answers to."""

    path: Path
    index: int
    family: str
    keys: frozenset[str]
    weight: int
    italic: bool


def _key(family: str) -> str:
    """Family names compare without case and spaces (``Noto Sans CJK SC`` = ``notosanscjksc``)."""
    return "".join(family.split()).casefold()


def _fc_weight(value: int) -> int:
    """A fontconfig weight (80 regular, 200 bold) on the CSS scale (400, 700)."""
    table = ((0, 100), (40, 200), (50, 300), (75, 400), (80, 400), (100, 500), (180, 600),
             (200, 700), (205, 800), (210, 900))
    return min(table, key=lambda pair: abs(pair[0] - value))[1]


def default_font_dirs() -> list[Path]:
    """The usual font folders of Linux, macOS and Windows that exist here."""
    home = Path.home()
    dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
            home / ".local/share/fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
            home / "Library/Fonts"]
    if windir := os.environ.get("WINDIR"):
        dirs.append(Path(windir) / "Fonts")
    if local := os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(local) / "Microsoft/Windows/Fonts")
    return [d for d in dirs if d.is_dir()]


def _fontconfig_entries() -> list[_Entry] | None:
    """Every face fontconfig knows, or None where fc-list is missing or fails."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, "--format", "%{file}\t%{index}\t%{family}\t%{weight}\t%{slant}\n"],
            capture_output=True, check=True, timeout=30).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return None
    entries = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or not parts[0].lower().endswith(FONT_SUFFIXES):
            continue
        families = [f.replace("\\,", ",").strip() for f in parts[2].split(",") if f.strip()]
        if not families:
            continue
        try:
            index, weight, slant = int(parts[1]), int(parts[3]), int(parts[4])
        except ValueError:
            continue
        entries.append(_Entry(Path(parts[0]), index, families[0],
                              frozenset(_key(f) for f in families), _fc_weight(weight), slant > 0))
    return entries


def _decode(record: Any) -> str:
    try:
        return str(record.toUnicode()).strip()
    except (UnicodeDecodeError, LookupError):
        return ""


def _file_entries(path: Path) -> list[_Entry]:
    """The faces of one font file, read from its ``name`` and ``OS/2`` tables."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            fonts = list(TTCollection(str(path), lazy=True).fonts)
        else:
            fonts = [TTFont(str(path), lazy=True)]
        entries = []
        for index, font in enumerate(fonts):
            records = [(rec.langID, _decode(rec)) for rec in font["name"].names
                       if rec.nameID in (16, 1)]
            names = [name for _, name in records if name]
            english = [name for lang, name in records if name and lang in (0x409, 0)]
            if not names:
                continue
            os2 = font.get("OS/2")
            weight = os2.usWeightClass if os2 is not None else _REGULAR
            italic = bool(os2.fsSelection & 0x201) if os2 is not None else False
            if os2 is not None and os2.fsSelection & 0x20:
                weight = max(weight, _BOLD)
            entries.append(_Entry(path, index, (english or names)[0],
                                  frozenset(_key(n) for n in names), weight, italic))
        return entries
    except Exception:  # noqa: BLE001 - an unreadable file is simply not a usable font
        return []


@dataclass(frozen=True)
class _FontIndex:
    """Installed faces by normalised family name and by (file, index)."""

    by_key: Mapping[str, tuple[_Entry, ...]]
    by_file: Mapping[tuple[Path, int], _Entry]


@lru_cache(maxsize=8)
def _index(font_dirs: tuple[Path, ...] | None) -> _FontIndex:
    """All installed faces: fontconfig's list, else a scan of ``font_dirs`` or the usual folders."""
    entries: list[_Entry] | None = _fontconfig_entries() if font_dirs is None else None
    if entries is None:
        entries = []
        for folder in font_dirs if font_dirs is not None else default_font_dirs():
            if folder.is_dir():
                for file in sorted(folder.rglob("*")):
                    if file.suffix.lower() in FONT_SUFFIXES and file.is_file():
                        entries.extend(_file_entries(file))
    by_key: dict[str, list[_Entry]] = {}
    for entry in entries:
        for key in entry.keys:
            by_key.setdefault(key, []).append(entry)
    return _FontIndex({k: tuple(v) for k, v in by_key.items()},
                      {(e.path, e.index): e for e in entries})


@lru_cache(maxsize=256)
def _probe(path: Path, index: int) -> tuple[str, bool, str] | None:
    """(outline kind, embeddable, PostScript name) of one face, or None if unusable.

    Reads the sfnt table directory with ``struct`` rather than fontTools: it runs on every
    build, and importing fontTools' table modules alone costs more than the warm budget.
    """
    try:
        with path.open("rb") as file:
            header = file.read(12)
            offset = 0
            if header[:4] == b"ttcf":
                if index >= struct.unpack(">I", header[8:12])[0]:
                    return None
                file.seek(12 + 4 * index)
                offset = struct.unpack(">I", file.read(4))[0]
            elif index != 0:
                return None
            file.seek(offset + 4)
            count = struct.unpack(">H", file.read(2))[0]
            file.seek(offset + 12)
            directory = file.read(16 * count)
            tables = {directory[i:i + 4]: struct.unpack(">II", directory[i + 8:i + 16])
                      for i in range(0, 16 * count, 16)}
            outline = "truetype" if b"glyf" in tables else "cff" if b"CFF " in tables else None
            if outline is None:
                return None  # CFF2 variable fonts, bitmap-only fonts
            fs_type = 0
            if b"OS/2" in tables:
                file.seek(tables[b"OS/2"][0] + 8)
                fs_type = struct.unpack(">H", file.read(2))[0]
            ps_name = path.stem
            if b"name" in tables:
                file.seek(tables[b"name"][0])
                name_data = file.read(tables[b"name"][1])
                ps_name = _ps_name(name_data) or ps_name
    except (OSError, struct.error):
        return None
    # reportlab refuses restricted-licence (2) and no-subsetting/bitmap-only (0x0300) fonts.
    embeddable = not (fs_type == 0x0002 or fs_type & 0x0300)
    return outline, embeddable, ps_name


def _ps_name(data: bytes) -> str | None:
    """The PostScript name (name ID 6) from a raw ``name`` table."""
    count, strings = struct.unpack(">HH", data[2:6])
    for i in range(count):
        platform, _, _, name_id, length, start = struct.unpack(">6H", data[6 + 12 * i:18 + 12 * i])
        if name_id == 6 and platform in (1, 3):
            raw = data[strings + start:strings + start + length]
            return raw.decode("utf-16-be" if platform == 3 else "latin-1", "replace")
    return None


@lru_cache(maxsize=1024)
def _best(matches: tuple[_Entry, ...], bold: bool) -> FontFace | None:
    """The usable face of one family nearest the wanted weight (upright before italic)."""
    target = _BOLD if bold else _REGULAR
    for entry in sorted(matches, key=lambda e: (e.italic, abs(e.weight - target), str(e.path), e.index)):
        probe = _probe(entry.path, entry.index)
        if probe is not None and probe[1]:
            return FontFace(entry.family, entry.path, entry.index, probe[0], True, entry.weight >= 600)
    return None


def find_face(families: Sequence[str], *, bold: bool = False,
              font_dirs: Sequence[Path] | None = None) -> FontFace | None:
    """The face the PDF would use for the first family of ``families`` installed here.

    Family names match any name in the font's ``name`` table, localized ones included
    (仿宋, 文泉驿微米黑), ignoring case and spaces. Faces reportlab may not embed (fsType)
    are skipped. With ``bold`` the family's bold face is preferred; a family without one
    gives its regular face (``FontFace.bold`` is then False). ``font_dirs`` limits the
    search to those folders; otherwise fontconfig is asked, or the usual folders scanned.
    """
    index = _index(tuple(font_dirs) if font_dirs is not None else None)
    for family in families:
        if (face := _best(index.by_key.get(_key(family), ()), bold)) is not None:
            return face
    return None


def face_for_file(path: Path, index: int = 0) -> FontFace | None:
    """The face of a font file given by path (``--font`` or a theme's ``font_file``)."""
    probe = _probe(path, index)
    if probe is None or not probe[1]:
        return None
    entry = next((e for e in _file_entries(path) if e.index == index), None)
    family = entry.family if entry is not None else path.stem
    return FontFace(family, path, index, probe[0], True, entry is not None and entry.weight >= 600)


def require_font_file(path: Path) -> FontFace:
    """The face of a font file the user named (``--font``); an :class:`InputError` naming
    it when it is missing or not a TrueType/OpenType font that may be embedded."""
    if not Path(path).is_file():
        raise InputError("font file not found", source=str(path))
    face = face_for_file(Path(path))
    if face is None:
        raise InputError("not a TrueType or OpenType font that may be embedded in a PDF",
                         source=str(path))
    return face


def _bold_of(face: FontFace, font_dirs: tuple[Path, ...] | None) -> FontFace:
    """The bold face of ``face``'s family, or ``face`` itself when the family has none."""
    if face.bold or face.path is None:
        return face
    index = _index(font_dirs)
    entry = index.by_file.get((face.path, face.index))
    if entry is None:
        return face
    bold = _best(index.by_key.get(_key(entry.family), ()), True)
    return bold if bold is not None and bold.bold else face


# --- coverage and conversion ----------------------------------------------------------


@lru_cache(maxsize=64)
def _cmap(path: Path, index: int, cache: Path | None = None) -> Mapping[int, str]:
    """A face's best Unicode cmap: code point → glyph name. Decoding a CJK font's cmap
    (45,000 entries) takes 40–80 ms, reading it back from ``cache`` a few: a build with a
    new character set reads the cmap of every face it routes characters to."""
    from fontTools.ttLib import TTFont

    kept = cache / f"cmap-{hashlib.sha256(_file_id(path, index).encode()).hexdigest()[:20]}.marshal" \
        if cache is not None else None
    body = read_sealed(kept) if kept is not None else None
    if body is not None:
        try:
            loaded = marshal.loads(body)
            if isinstance(loaded, dict):
                return loaded
        except (ValueError, EOFError, TypeError):
            pass  # written by another Python: decoded again below
    cmap: dict[int, str] = TTFont(str(path), fontNumber=index, lazy=True).getBestCmap() or {}
    if kept is not None:
        write_sealed(kept, marshal.dumps(cmap))
    return cmap


def _printable(text: str) -> str:
    """The distinct characters of ``text`` that are drawn (no control characters), sorted."""
    return "".join(sorted(c for c in _distinct(text)
                          if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")))


#: How much of a text :func:`_distinct` takes its characters from one by one.
_DISTINCT_HEAD = 20_000


def _distinct(text: str) -> set[str]:
    """The set of ``text``'s characters. A set made of a long text makes an object of
    each character; a text's head already holds most of its characters, so the rest is
    only searched for others, by one regex and without any (a tenth of the time for a
    long document). One pass, so the time stays linear whatever the text."""
    seen = set(text[:_DISTINCT_HEAD])
    if len(text) > _DISTINCT_HEAD:
        seen.update(char_class(seen, repeated=True).sub("", text[_DISTINCT_HEAD:]))
    return seen


def char_class(chars: Iterable[str], negate: bool = False,
               repeated: bool = False) -> re.Pattern[str]:
    """A pattern of one of ``chars`` (with ``negate``, of any other character; with
    ``repeated``, of a run of them), each escaped, in a stable order."""
    body = "".join(map(re.escape, sorted(chars)))
    return re.compile(f"[{'^' if negate else ''}{body}]{'+' if repeated else ''}")


def _font_id(face: FontFace) -> str:
    """The identity of a face's file: path, modification time, size and index."""
    assert face.path is not None
    return _file_id(face.path, face.index)


@lru_cache(maxsize=256)
def _file_id(path: Path, index: int) -> str:
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_mtime_ns}|{stat.st_size}|{index}"


def _write_subset(face: FontFace, chars: str, ps_name: str, out: Path) -> None:
    """Write a TrueType font with just ``chars`` of ``face``, CFF outlines converted.

    Builds the font from scratch rather than through ``fontTools.subset``: that avoids
    interpreting every CFF charstring three times (closure, hint removal, desubroutinising)
    and halves the time. TrueType glyphs are copied as they are, with their hinting.
    """
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import TTFont, newTable

    from ._glyphs import converted_glyphs, store_key

    assert face.path is not None
    src = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    cmap = _cmap(face.path, face.index, out.parent)
    wanted = {ord(c): cmap[ord(c)] for c in chars if ord(c) in cmap}
    names = {".notdef"} | set(wanted.values())
    glyphs: dict[str, Any] = {}
    if face.outline == "cff":  # converted once per machine: see ._glyphs
        probe = _probe(face.path, face.index)
        key = store_key(probe[2] if probe else face.family, _font_id(face).split("|", 1)[1])
        glyphs = converted_glyphs(src, names, key, out.parent)
    else:
        glyf = src["glyf"]
        todo = list(names)
        while todo:
            name = todo.pop()
            glyph = glyphs[name] = glyf.glyphs[name]  # raw bytes: copied, not re-encoded
            if getattr(glyph, "data", b"")[:2] == b"\xff\xff":  # composite: renumber parts
                glyph.expand(glyf)
                for component in glyph.components:
                    if component.glyphName not in glyphs:
                        todo.append(component.glyphName)
    order = [".notdef"] + sorted(set(glyphs) - {".notdef"}, key=src.getGlyphID)
    hmtx = src["hmtx"]
    builder = FontBuilder(src["head"].unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(wanted)
    # glyphs as they are (compiled, or raw TrueType): FontBuilder.setupGlyf would decompile them
    glyf_table = newTable("glyf")
    glyf_table.glyphs, glyf_table.glyphOrder = {n: glyphs[n] for n in order}, order
    builder.font["glyf"], builder.font["loca"] = glyf_table, newTable("loca")
    builder.setupHorizontalMetrics({n: hmtx[n] for n in order})
    hhea = src["hhea"]
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    builder.setupPost()
    font = builder.font
    for tag in ("OS/2", "cvt ", "fpgm", "prep", "gasp"):
        if tag in src and (tag == "OS/2" or face.outline == "truetype"):
            font[tag] = src[tag]
    head = font["head"]
    for attr in ("created", "modified", "macStyle", "fontRevision", "flags", "lowestRecPPEM"):
        setattr(head, attr, getattr(src["head"], attr))
    if face.outline == "truetype":  # the source's maxima and bounds still bound the subset
        for attr, value in vars(src["maxp"]).items():
            if attr.startswith("max"):
                setattr(font["maxp"], attr, value)
        font["maxp"].numGlyphs = len(order)
        for attr in ("xMin", "yMin", "xMax", "yMax"):
            setattr(head, attr, getattr(src["head"], attr))
    name_table = newTable("name")
    name_table.names = []
    src_name = src["name"]
    family = src_name.getBestFamilyName() or face.family
    subfamily = src_name.getBestSubFamilyName() or ("Bold" if face.bold else "Regular")
    for name_id, value in ((1, family), (2, subfamily), (4, f"{family} {subfamily}"), (6, ps_name)):
        name_table.setName(value, name_id, 3, 1, 0x409)
    font["name"] = name_table
    font.recalcTimestamp = False
    font.recalcBBoxes = face.outline == "cff"  # copied TrueType glyphs keep theirs
    font.cfg["fontTools.ttLib:OPTIMIZE_FONT_SPEED"] = True
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        font.save(str(tmp))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


# --- the plan: which font each character of each role uses ----------------------------


@dataclass(frozen=True)
class RoutedFace:
    """One face of a route and the characters of the document it draws."""

    font_id: str
    face: FontFace
    chars: str


@dataclass(frozen=True)
class Route:
    """Where one role variant's characters go: to its faces in order (the first is the
    variant's own font) and, for characters no face has, to the built-in font."""

    role: str
    bold: bool
    faces: tuple[RoutedFace, ...]
    builtin: str

    def to_json(self) -> dict[str, Any]:
        """The route as the plan cache stores it."""
        return {"role": self.role, "bold": self.bold, "builtin": self.builtin,
                "faces": [[f.font_id, f.face.family, str(f.face.path), f.face.index,
                           f.face.outline, f.face.bold, f.chars] for f in self.faces]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Route:
        """A route read back from the plan cache."""
        return cls(data["role"], data["bold"], tuple(
            RoutedFace(font_id, FontFace(family, Path(path), index, outline, True, bold), chars)
            for font_id, family, path, index, outline, bold, chars in data["faces"]),
            data["builtin"])


@dataclass(frozen=True)
class _Slot:
    """One role variant: its primary font and the characters that go elsewhere."""

    primary: str
    other: Mapping[str, str]
    fake_bold: bool


def _ps_slug(name: str) -> str:
    return "".join(c for c in name if c.isascii() and (c.isalnum() or c in "-_"))[:40] or "Font"


class PdfFontSet:
    """The registered reportlab fonts of one document, by theme role."""

    def __init__(self, slots: Mapping[tuple[str, bool], _Slot], faces: Mapping[str, FontFace],
                 embedded: bool) -> None:
        self._slots = dict(slots)
        self._faces = dict(faces)
        self._patterns: dict[tuple[str, bool], re.Pattern[str]] = {}
        #: False when any text falls back to the non-embedded STSong-Light.
        self.embedded = embedded

    def _slot(self, role: str, bold: bool) -> _Slot:
        if role not in ROLES:
            raise KeyError(f"unknown theme role {role!r}")
        return self._slots.get((role, bold)) or self._slots[(role, False)]

    def font_name(self, role: str, bold: bool = False) -> str:
        """The registered reportlab font name for a theme role (its bold face with ``bold``)."""
        return self._slot(role, bold).primary

    def fake_bold(self, role: str) -> bool:
        """True when ``font_name(role, bold=True)`` is a regular face: emulate bold
        (for example with text render mode 2) to show it."""
        return self._slot(role, True).fake_bold

    def runs(self, role: str, text: str, bold: bool = False) -> list[tuple[str, str]]:
        """Split ``text`` into (font name, chunk) runs; characters the role's font lacks go
        to a fallback font that has them. Consecutive characters in one font form one run.

        Most text is all in the primary font: one C-level disjointness test settles it.
        Otherwise a regex finds the stretches of fallback characters, so Python works
        per stretch rather than per character."""
        if not text:
            return []
        slot = self._slot(role, bold)
        other = slot.other
        if not other or other.keys().isdisjoint(text):
            return [(slot.primary, text)]
        result: list[tuple[str, str]] = []

        def add(name: str, chunk: str) -> None:
            if result and result[-1][0] == name:
                result[-1] = (name, result[-1][1] + chunk)
            else:
                result.append((name, chunk))

        pos = 0
        pattern = self._patterns.get((role, bold))
        if pattern is None:  # the runs of characters this slot sends to fallback fonts
            pattern = self._patterns[(role, bold)] = re.compile(
                "[" + "".join(sorted(re.escape(c) for c in other)) + "]+")
        for match in pattern.finditer(text):
            start, end = match.span()
            if start > pos:
                add(slot.primary, text[pos:start])
            for char in text[start:end]:
                add(other[char], char)
            pos = end
        if pos < len(text):
            add(slot.primary, text[pos:])
        return result

    def faces(self) -> dict[str, FontFace]:
        """Role → the face its regular text uses (for ``exporter styles`` and tests)."""
        return dict(self._faces)


def _candidates(theme: Theme, role: str, bold: bool, explicit: list[FontFace],
                dirs: tuple[Path, ...] | None) -> list[FontFace]:
    """Every face a role variant may use, in order: --font files, the role's own file,
    its chain, every other chain of the theme, then the general fallbacks."""
    unique: list[FontFace] = []
    for face in _faces_in_order(theme, role, bold, explicit, dirs):
        if all((f.path, f.index) != (face.path, face.index) for f in unique):
            unique.append(face)
    return unique


def _faces_in_order(theme: Theme, role: str, bold: bool, explicit: list[FontFace],
                    dirs: tuple[Path, ...] | None) -> Iterator[FontFace]:
    """The faces of :func:`_candidates`, repeats included, looked up only as they are
    asked for: the first is all :func:`role_face` needs (``exporter styles`` looked up
    every family of every chain, 20 ms, to keep one face per role)."""
    spec = theme.roles[role]
    yield from explicit
    own = spec.bold_font_file if bold and spec.bold_font_file else spec.font_file
    if own is not None and (face := face_for_file(Path(own))) is not None:
        yield face
    chains = [spec.fonts] + [theme.roles[r].fonts for r in ROLES if r != role] + [FALLBACK_FAMILIES]
    seen: set[str] = set()
    for chain in chains:
        for family in chain:
            if _key(family) in seen:
                continue
            seen.add(_key(family))
            if (face := find_face([family], font_dirs=dirs)) is not None:
                yield _bold_of(face, dirs) if bold else face


def role_face(theme: Theme, role: str, *, bold: bool = False,
              font_dirs: Sequence[Path] | None = None) -> FontFace:
    """The face a role's text would use in the PDF (before per-character fallback):
    its own font file, else the first installed family of its chain, of the theme's other
    chains or of the general fallbacks; the built-in STSong-Light when there is none."""
    dirs = tuple(font_dirs) if font_dirs is not None else None
    return next(_faces_in_order(theme, role, bold, [], dirs), BUILTIN_FACE)


def _plan(candidates: Mapping[tuple[str, bool], list[FontFace]], chars: str,
          cache: Path) -> list[Route]:
    """Route every character of every role variant to a face (or the built-in font)."""
    routes: list[Route] = []
    for (role, bold), faces in candidates.items():
        left = set(chars)
        used: list[tuple[FontFace, str]] = []
        for face in faces:
            assert face.path is not None
            cmap = _cmap(face.path, face.index, cache)
            covered = {c for c in left if ord(c) in cmap}
            if covered or not used:
                used.append((face, "".join(sorted(covered))))
            left -= covered
            if not left:
                break
        routes.append(Route(role, bold, tuple(RoutedFace(_font_id(f), f, c) for f, c in used),
                            "".join(sorted(left))))
    return routes


def _font_name(ps_name: str, font_id: str, chars: str) -> str:
    """A deterministic name for one subset: same font and characters → same name."""
    ident = font_id.split("|", 1)[1]  # mtime, size, index: not the path, so names travel
    digest = hashlib.sha256(f"{ps_name}|{ident}|{chars}".encode()).hexdigest()[:10]
    return f"{_ps_slug(ps_name)}-{digest}"


def prepare_pdf_fonts(theme: Theme, text: str, *, font_files: Sequence[Path] = (),
                      font_dirs: Sequence[Path] | None = None, cache_dir: Path | None = None,
                      warn: Callable[[str], None] = lambda m: None) -> PdfFontSet:
    """Resolve, convert, cache and register the fonts a document of ``text`` needs.

    ``text`` is every character the document will print. ``font_files`` (``--font``) win
    over every theme font. Converted subsets are cached under ``cache_dir`` (default
    :func:`default_cache_dir`), keyed by the font files and the character set, so a second
    build only registers small files. The cache is only a cache: a damaged entry (a cut
    subset, an edited plan) fails its digest and is built again, and when the cache
    cannot be written the fonts go to a private temporary folder removed at once. Never
    fails for want of fonts: characters no font has use reportlab's built-in
    STSong-Light, with one warning.
    """
    dirs = tuple(font_dirs) if font_dirs is not None else None
    chars = _printable(text)
    explicit = [require_font_file(Path(p)) for p in font_files]
    candidates = {(role, bold): _candidates(theme, role, bold, explicit, dirs)
                  for role in ROLES for bold in ((False, True) if theme.roles[role].bold else (False,))}
    cache = _usable_cache(cache_dir)
    if cache is not None:
        try:
            return _prepare(theme, chars, candidates, cache, warn, bool(explicit), dirs)
        except OSError:  # the cache filled up or went away mid-build: it is only a cache
            pass
    with tempfile.TemporaryDirectory(prefix="exporter-fonts-") as private:
        # reportlab reads a font whole when it is registered: the folder can go after
        return _prepare(theme, chars, candidates, Path(private), warn, bool(explicit), dirs)


def _prepare(theme: Theme, chars: str, candidates: Mapping[tuple[str, bool], list[FontFace]],
             cache: Path, warn: Callable[[str], None], explicit: bool,
             dirs: tuple[Path, ...] | None) -> PdfFontSet:
    """:func:`prepare_pdf_fonts` with its cache folder settled (``explicit``: fonts were
    given with ``--font``, so no theme face is reported as substituted)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    from ._compat import keep_subset_streams

    plan_key = hashlib.sha256(json.dumps(
        [_CACHE_VERSION, chars, [[role, bold, [_font_id(f) for f in faces]]
                                 for (role, bold), faces in candidates.items()]],
        ensure_ascii=False).encode()).hexdigest()[:24]
    plan_file = cache / f"plan-{plan_key}.json"
    routes = _read_plan(plan_file)
    if routes is None:
        routes = _plan(candidates, chars, cache)
        _write_json(plan_file, _plan_record(routes))

    # One subset per face: the union of the characters every role sends to it.
    per_face: dict[str, tuple[FontFace, set[str]]] = {}
    for route in routes:
        for routed in route.faces:
            per_face.setdefault(routed.font_id, (routed.face, set()))[1].update(routed.chars)
    names: dict[str, str] = {}
    for font_id, (face, covered) in sorted(per_face.items()):
        subset = "".join(sorted(covered)) or chars[:1]
        probe = _probe(face.path, face.index) if face.path else None
        ps_name = probe[2] if probe else face.family
        name = _font_name(ps_name, font_id, subset)
        file = cache / f"{name}.ttf"
        if name not in pdfmetrics.getRegisteredFontNames() and not _intact(file):
            _write_subset(face, subset, f"{_ps_slug(ps_name)}-{name.rsplit('-', 1)[1][:6]}", file)
            _write_json(_digest_file(file), _sha256(file.read_bytes()))
        if name not in pdfmetrics.getRegisteredFontNames():
            font = TTFont(name, str(file))
            keep_subset_streams(font, _SubsetStreams(cache))
            pdfmetrics.registerFont(font)
        names[font_id] = name
    _keep_registered(names.values())

    builtin_used = any(route.builtin for route in routes)
    if builtin_used and BUILTIN_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(BUILTIN_FONT))
    slots: dict[tuple[str, bool], _Slot] = {}
    faces: dict[str, FontFace] = {}
    for route in routes:
        own = route.faces[0] if route.faces else None
        primary = names[own.font_id] if own else BUILTIN_FONT
        other = {c: names[f.font_id] for f in route.faces[1:] for c in f.chars}
        other.update({c: BUILTIN_FONT for c in route.builtin} if own else {})
        slots[(route.role, route.bold)] = _Slot(primary, other, not (own and own.face.bold))
        if not route.bold:
            faces[route.role] = own.face if own else BUILTIN_FACE
    for role in ROLES:
        if (role, True) not in slots:
            regular = slots[(role, False)]
            slots[(role, True)] = _Slot(regular.primary, regular.other, True)
        regular_name, bold_name = slots[(role, False)].primary, slots[(role, True)].primary
        if regular_name != BUILTIN_FONT:
            pdfmetrics.registerFontFamily(regular_name, normal=regular_name, bold=bold_name,
                                          italic=regular_name, boldItalic=bold_name)
    if not explicit:
        _warn_substitutes(theme, faces, dirs, warn)
    if builtin_used:
        missing = sorted({c for route in routes for c in route.builtin})
        sample = "".join(missing[:12]) + ("…" if len(missing) > 12 else "")
        if all(not route.faces for route in routes):
            warn("no CJK font found: the PDF uses reportlab's built-in STSong-Light, whose glyphs "
                 "are not embedded (viewers must supply the font and may drop characters); "
                 "install fonts-noto-cjk or fonts-arphic-uming, or give a font file")
        else:
            warn(f"{len(missing)} character(s) ({sample}) are in no installed font: they use "
                 "reportlab's built-in STSong-Light, which is not embedded; install fonts-noto-cjk "
                 "or give a font file")
    return PdfFontSet(slots, faces, embedded=not builtin_used)


#: Subset fonts this process has registered with reportlab, oldest use first.
_REGISTERED: OrderedDict[str, None] = OrderedDict()
#: How many subset fonts stay registered between documents. Each holds its font file
#: and metrics (about 1 MB), and every report has its own subsets, so a worker building
#: an archive of distinct reports would otherwise grow by ~2 MB a report; the most
#: recently used stay, so a batch's repeated character sets find theirs registered.
_REGISTERED_LIMIT = 64


def _keep_registered(used: Iterable[str]) -> None:
    """Mark the subset fonts of the document being prepared as just used, and let the
    least recently used beyond :data:`_REGISTERED_LIMIT` go (never one of ``used``)."""
    names = set(used)
    for name in sorted(names):
        _REGISTERED[name] = None
        _REGISTERED.move_to_end(name)
    if len(_REGISTERED) <= max(_REGISTERED_LIMIT, len(names)):
        return
    from ._compat import forget_font  # reportlab's internals: only when fonts are registered

    while len(_REGISTERED) > max(_REGISTERED_LIMIT, len(names)):  # ``used`` are newest
        oldest, _ = _REGISTERED.popitem(last=False)
        forget_font(oldest)


def _warn_substitutes(theme: Theme, faces: Mapping[str, FontFace],
                      dirs: tuple[Path, ...] | None, warn: Callable[[str], None]) -> None:
    """One warning naming each theme face that is not installed and the face used in its
    place (仿宋_GB2312 set in a Ming face is a different document)."""
    pairs: dict[str, str] = {}
    for role in ROLES:
        spec, face = theme.roles[role], faces.get(role)
        wanted = spec.fonts[0]
        if spec.font_file or face is None or face is BUILTIN_FACE or wanted in pairs:
            continue
        if find_face([wanted], font_dirs=dirs) is None:
            pairs[wanted] = face.family
    if pairs:
        named = "; ".join(f"{wanted} is not installed, {used} is used instead"
                          for wanted, used in pairs.items())
        warn(f"theme {theme.name}: {named} (install the faces or pass --font FILE)")


def _read_plan(path: Path) -> list[Route] | None:
    """A cached routing plan, or None when there is none or it is damaged: the file
    records the digest of its routes, so a cut or edited plan is planned again."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        routes = data["routes"]
        if data["sha256"] != _sha256(json.dumps(routes, ensure_ascii=False, sort_keys=True)
                                     .encode()):
            return None
        return [Route.from_json(route) for route in routes]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _plan_record(routes: list[Route]) -> dict[str, Any]:
    """What the plan cache stores: the routes and their digest."""
    data = [route.to_json() for route in routes]
    digest = _sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
    return {"sha256": digest, "routes": data}


class _SubsetStreams:
    """The compressed streams of the subsets a PDF embeds, kept beside the fonts they are
    cut from (:func:`._compat.keep_subset_streams`). Each file holds the digest of the
    rest, the uncompressed length and the stream: a damaged file is not used (the subset
    is cut again and the file rewritten), and a failed write is only a missed entry."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> tuple[bytes, int] | None:
        rest = read_sealed(self.folder / f"stream-{key}.z")
        return None if rest is None else (rest[8:], int.from_bytes(rest[:8], "big"))

    def put(self, key: str, data: bytes, length: int) -> None:
        write_sealed(self.folder / f"stream-{key}.z", length.to_bytes(8, "big") + data)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest_file(font: Path) -> Path:
    """Where a cached subset's digest is kept."""
    return font.with_suffix(".sha256")


def _intact(font: Path) -> bool:
    """Whether a cached subset is whole: it exists and matches the digest written with it
    (a cut or damaged file is written again)."""
    try:
        recorded = json.loads(_digest_file(font).read_text(encoding="utf-8"))
        return bool(recorded == _sha256(font.read_bytes()))
    except (OSError, ValueError):
        return False


def _write_json(path: Path, data: Any) -> None:
    """Write atomically (:func:`~exporter.cachedir.write_atomic`)."""
    write_atomic(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def _usable_cache(cache_dir: Path | None) -> Path | None:
    """The font cache folder, created on demand; None when it cannot be written (the
    build then uses a private temporary folder it removes)."""
    folder = (cache_dir if cache_dir is not None else default_cache_dir()) / "fonts"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except OSError:
        pass
    return None


# --- the same faces for the Word briefing (--embed-fonts) -------------------------------


def embeddable_fonts(theme: Theme, text: str, *, font_files: Sequence[Path] = (),
                     font_dirs: Sequence[Path] | None = None, cache_dir: Path | None = None,
                     warn: Callable[[str], None] = lambda m: None) -> dict[str, EmbeddedFont]:
    """Role → the face the PDF sets that role in, as a TrueType subset of ``text``'s
    characters (CFF outlines converted), for the DOCX to embed (``--embed-fonts``).

    Only faces whose licence permits embedding are returned (OS/2 fsType: not restricted
    (2), subsetting allowed (0x0100 clear), outlines (0x0200 clear)); a role whose face does
    not is left out, and the DOCX names its theme face as before, with a warning."""
    dirs = tuple(font_dirs) if font_dirs is not None else None
    explicit = [require_font_file(Path(p)) for p in font_files]
    cache = _usable_cache(cache_dir)
    if cache is None:  # the subsets are read whole below: a private folder, removed after
        with tempfile.TemporaryDirectory(prefix="exporter-fonts-") as private:
            return _embeddable(theme, text, explicit, dirs, Path(private), warn)
    return _embeddable(theme, text, explicit, dirs, cache, warn)


def _embeddable(theme: Theme, text: str, explicit: list[FontFace], dirs: tuple[Path, ...] | None,
                cache: Path, warn: Callable[[str], None]) -> dict[str, EmbeddedFont]:
    chars = _printable(text)
    by_face: dict[str, EmbeddedFont] = {}
    result: dict[str, EmbeddedFont] = {}
    for role in ROLES:
        candidates = _candidates(theme, role, False, explicit, dirs)
        if not candidates:
            continue
        face = candidates[0]
        assert face.path is not None
        font_id = _font_id(face)
        if font_id not in by_face:
            probe = _probe(face.path, face.index)
            if probe is None or not probe[1]:
                warn(f"{face.family} does not permit embedding: the Word briefing names it "
                     "without embedding it")
                continue
            covered = "".join(c for c in chars if ord(c) in _cmap(face.path, face.index))
            name = _font_name(probe[2], font_id, "docx" + covered)
            file = cache / f"{name}.ttf"
            if not file.is_file():
                _write_subset(face, covered or chars[:1], _ps_slug(probe[2]), file)
            by_face[font_id] = EmbeddedFont(_family_name(file) or face.family, file.read_bytes())
        result[role] = by_face[font_id]
    return result


def _family_name(path: Path) -> str | None:
    """The family name a font file answers to (the name Word and LibreOffice match)."""
    from fontTools.ttLib import TTFont

    name = TTFont(str(path), lazy=True)["name"].getBestFamilyName()
    return str(name) if name else None
