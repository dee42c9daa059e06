"""Font resolution and embedding for the PDF, with the real fonts installed here and poppler."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from exporter.renderers.pdf.fonts import (
    BUILTIN_FONT,
    FontFace,
    find_face,
    prepare_pdf_fonts,
)
from exporter.theme import ROLES, load_theme
from tests.conftest import require_tool

TEXT = "北京市科学技术委员会2016年工作报告：研发投入1,479.8亿元，增长8.5%；“三城一区”——中关村•创新。"
NOTO_SANS = "Noto Sans CJK SC"


def _installed(family: str) -> FontFace:
    face = find_face([family])
    if face is None:
        pytest.skip(f"{family} is not installed (apt-get install the Debian font package)")
    return face


def _pdf(fonts, roles: list[tuple[str, str]], out: Path) -> None:
    """A one-page reportlab PDF drawing each (role, text) with the set's runs."""
    from reportlab.pdfgen.canvas import Canvas

    # The embedded body font as the canvas's initial font, so no unembedded Helvetica is
    # referenced (passed to this canvas, not set in reportlab's process-wide config).
    canvas = Canvas(str(out), invariant=1, initialFontName=fonts.font_name("body"))
    y = 800.0
    for role, text in roles:
        x = 40.0
        for name, chunk in fonts.runs(role, text):
            canvas.setFont(name, 8)
            canvas.drawString(x, y, chunk)
            x += canvas.stringWidth(chunk, name, 8)
        y -= 20
    canvas.save()


def _pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run([require_tool("pdffonts"), str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    return [line.split() for line in out]


def _pdftotext(path: Path) -> str:
    return subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_finds_the_debian_fonts_by_english_and_localized_names() -> None:
    uming = _installed("AR PL UMing CN")
    assert uming.outline == "truetype" and uming.path is not None and uming.path.suffix == ".ttc"
    assert uming.index == 0 and uming.embedded
    micro_hei = _installed("WenQuanYi Micro Hei")
    assert find_face(["文泉驿微米黑"]) == micro_hei  # a localized name from the name table
    assert find_face(["仿宋_GB2312", "No Such Font", "AR PL UMing CN"]) == uming  # first installed
    noto = _installed(NOTO_SANS)
    assert noto.outline == "cff" and noto.index == 2 and not noto.bold
    bold = find_face([NOTO_SANS], bold=True)
    assert bold is not None and bold.bold and bold.path != noto.path
    # A family without a bold face gives its regular face for bold.
    assert find_face(["AR PL UMing CN"], bold=True) == uming


def test_font_dirs_limits_the_search(tmp_path: Path) -> None:
    assert find_face(["AR PL UMing CN", NOTO_SANS], font_dirs=[tmp_path]) is None
    uming = _installed("AR PL UMing CN")
    assert uming.path is not None
    found = find_face(["AR PL UMing CN"], font_dirs=[uming.path.parent])
    assert found is not None and found.path == uming.path


def test_cff_face_is_converted_embedded_subset_and_extractable(tmp_path: Path) -> None:
    _installed(NOTO_SANS)
    fonts = prepare_pdf_fonts(load_theme("modern"), TEXT + "一、总体情况", cache_dir=tmp_path / "cache")
    assert fonts.embedded and fonts.faces()["body"].outline == "cff"
    assert fonts.font_name("heading1", bold=True) != fonts.font_name("heading1")
    out = tmp_path / "noto.pdf"
    _pdf(fonts, [("body", TEXT), ("heading1", "一、总体情况")], out)
    rows = _pdffonts(out)
    assert rows and all(r[-5:-2] == ["yes", "yes", "yes"] for r in rows), rows  # emb sub uni
    assert all("Helvetica" not in r[0] for r in rows)
    assert any("NotoSansCJKsc" in r[0] and "TrueType" in r for r in rows)
    lines = _pdftotext(out).split()
    assert lines[:2] == [TEXT, "一、总体情况"]


def test_truetype_theme_embeds_every_font(tmp_path: Path) -> None:
    _installed("AR PL UMing CN")
    theme = load_theme("official")
    fonts = prepare_pdf_fonts(theme, TEXT + "一、", cache_dir=tmp_path)
    assert fonts.faces()["body"].family == "AR PL UMing CN"
    out = tmp_path / "official.pdf"
    _pdf(fonts, [(role, TEXT) for role in ROLES], out)
    rows = _pdffonts(out)
    assert all(r[-5:-2] == ["yes", "yes", "yes"] for r in rows), rows
    assert _pdftotext(out).split() == [TEXT] * len(ROLES)


def test_cache_is_reused_and_names_are_deterministic(tmp_path: Path) -> None:
    _installed(NOTO_SANS)
    theme = load_theme("modern")
    first = prepare_pdf_fonts(theme, TEXT, cache_dir=tmp_path)
    files = sorted((tmp_path / "fonts").iterdir())
    stamps = {f: f.stat().st_mtime_ns for f in files}
    assert any(f.suffix == ".ttf" for f in files) and any(f.suffix == ".json" for f in files)
    second = prepare_pdf_fonts(theme, TEXT, cache_dir=tmp_path)
    assert sorted((tmp_path / "fonts").iterdir()) == files
    assert {f: f.stat().st_mtime_ns for f in files} == stamps  # read, not rewritten
    assert [second.font_name(r) for r in ROLES] == [first.font_name(r) for r in ROLES]
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    _pdf(first, [("body", TEXT)], a)
    _pdf(second, [("body", TEXT)], b)
    assert a.read_bytes() == b.read_bytes()


def test_no_cjk_font_falls_back_to_stsong_with_one_warning(tmp_path: Path) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    warnings: list[str] = []
    fonts = prepare_pdf_fonts(load_theme("modern"), TEXT, font_dirs=[empty],
                              cache_dir=tmp_path / "cache", warn=warnings.append)
    assert not fonts.embedded
    assert len(warnings) == 1 and "not embedded" in warnings[0] and "give a font file" in warnings[0]
    assert fonts.font_name("body") == BUILTIN_FONT and fonts.faces()["body"].outline == "builtin"
    out = tmp_path / "fallback.pdf"
    _pdf(fonts, [("body", "北京市科学技术委员会工作报告")], out)
    # poppler needs poppler-data for Adobe-GB1, which CI does not install: read with pypdf.
    from pypdf import PdfReader

    page = PdfReader(out).pages[0]
    fonts_used = [str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values()]
    assert fonts_used == [f"/{BUILTIN_FONT}"]
    assert page.extract_text().split() == ["北京市科学技术委员会工作报告"]


def test_missing_glyph_goes_to_a_fallback_font(tmp_path: Path) -> None:
    """A font without "•" (like WenQuanYi Zen Hei) sends just that character elsewhere."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    micro_hei = _installed("WenQuanYi Micro Hei")
    assert micro_hei.path is not None
    font = TTFont(str(micro_hei.path), fontNumber=micro_hei.index)
    options = subset.Options(layout_features=[], name_IDs=["*"])
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(TEXT) - {"•"})))
    subsetter.subset(font)
    no_bullet = tmp_path / "NoBullet.ttf"
    font.save(str(no_bullet))
    fonts = prepare_pdf_fonts(load_theme("official"), TEXT, font_files=[no_bullet],
                              cache_dir=tmp_path / "cache")
    runs = fonts.runs("body", "中关村•创新")
    assert [chunk for _, chunk in runs] == ["中关村", "•", "创新"]
    assert runs[0][0] == runs[2][0] == fonts.font_name("body") != runs[1][0]
    out = tmp_path / "bullet.pdf"
    _pdf(fonts, [("body", TEXT)], out)
    assert all(r[-5:-2] == ["yes", "yes", "yes"] for r in _pdffonts(out))
    assert _pdftotext(out).split() == [TEXT]


def _subset_pdf(font_file: Path) -> bytes:
    """A page in the registered test face, as the PDF writer saves one (invariant)."""
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont("SubsetStreamsTest", 12)
    canvas.drawString(72, 720, "Subset streams: " + "".join(map(chr, range(0x21, 0x17f))))
    canvas.save()
    return out.getvalue()


def test_kept_subset_streams_give_the_same_bytes_and_survive_damage(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from exporter.renderers.pdf._compat import keep_subset_streams
    from exporter.renderers.pdf.fonts import _SubsetStreams

    path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not path.exists():
        pytest.skip("DejaVu Sans is not installed (apt-get install fonts-dejavu-core)")
    plain, kept = TTFont("SubsetStreamsTest", str(path)), TTFont("SubsetStreamsTest", str(path))
    keep_subset_streams(kept, _SubsetStreams(tmp_path))
    # reportlab registers a face once per process; the test swaps the two in turn.
    saved = pdfmetrics._dynFaceNames.get(plain.face.name)

    def use(font: TTFont) -> None:
        pdfmetrics._fonts.pop(font.fontName, None)
        pdfmetrics._dynFaceNames.pop(font.face.name, None)
        pdfmetrics.registerFont(font)

    try:
        use(plain)
        expected = _subset_pdf(path)  # reportlab cutting and compressing every subset
        use(kept)
        assert _subset_pdf(path) == expected  # cut, compressed and stored
        stored = sorted(tmp_path.glob("stream-*.z"))
        assert len(stored) == 2  # 350 characters: two subsets of at most 256
        assert _subset_pdf(path) == expected  # read back from the store
        damaged = bytearray(stored[0].read_bytes())
        damaged[-10] ^= 0xFF
        stored[0].write_bytes(bytes(damaged))
        assert _subset_pdf(path) == expected  # the damaged stream is cut again, not used
        assert stored[0].read_bytes() != bytes(damaged)
    finally:
        pdfmetrics._fonts.pop(plain.fontName, None)
        pdfmetrics._dynFaceNames.pop(plain.face.name, None)
        if saved is not None:
            pdfmetrics._dynFaceNames[plain.face.name] = saved


def test_a_long_run_keeps_few_subset_fonts_and_the_same_bytes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every report has its own subsets; a worker building thousands must not keep them
    all registered with reportlab. With room for one, the next document lets the last
    one's go, and a PDF rebuilt after its fonts went has the same bytes as before. (The
    user's font cache: the subsets are converted once, not on every run.)"""
    from io import BytesIO

    from reportlab.pdfbase import pdfmetrics

    from exporter.renderers import RenderOptions
    from exporter.renderers.pdf import fonts
    from exporter.renderers.pdf.writer import render
    from tests.factories import make_report

    _installed(NOTO_SANS)
    monkeypatch.setattr(fonts, "_REGISTERED_LIMIT", 1)
    theme = load_theme("modern")

    def pdf(extra: str) -> tuple[bytes, set[str]]:
        report = make_report(sections=1, depth=1, paragraphs=1)
        report.preamble[0].text += extra  # its own character set: its own subsets
        out = BytesIO()
        render(report, theme, RenderOptions(), out)
        return out.getvalue(), set(fonts._REGISTERED)

    first, first_fonts = pdf("甲")
    _, second_fonts = pdf("乙")
    assert first_fonts and second_fonts and not first_fonts & second_fonts
    assert not first_fonts & set(pdfmetrics.getRegisteredFontNames())  # let go
    again, _ = pdf("甲")
    assert again == first


def _subsets(cache: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted((cache / "fonts").glob("*.ttf"))}


def _as_a_new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process converted and registered, so subsets are cut again."""
    from reportlab.pdfbase import pdfmetrics

    from exporter.renderers.pdf import _glyphs
    from exporter.renderers.pdf._compat import forget_font

    monkeypatch.setattr(_glyphs, "_memory", type(_glyphs._memory)())
    for name in [n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("NotoSansCJK")]:
        forget_font(name)


def _drop_all_but_glyphs(cache: Path) -> None:
    for path in (cache / "fonts").iterdir():
        if path.suffix != ".sqlite":
            path.unlink()


def test_converted_glyphs_are_kept_on_disk_and_make_the_same_subsets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new character set reuses the glyphs earlier builds converted: a new process with
    the subsets gone converts nothing and cuts the same bytes, which are the bytes
    fontTools itself writes when it decompiles every glyph and recomputes every bound."""
    import sqlite3
    from io import BytesIO

    from fontTools.ttLib import TTFont

    from exporter.renderers.pdf import _glyphs

    _installed(NOTO_SANS)
    theme = load_theme("modern")
    _as_a_new_process(monkeypatch)
    prepare_pdf_fonts(theme, TEXT, cache_dir=tmp_path)
    first = _subsets(tmp_path)
    stores = sorted((tmp_path / "fonts").glob("glyphs-*.sqlite"))
    assert first and stores
    for store in stores:
        with sqlite3.connect(store) as db:
            assert db.execute("SELECT count(*) FROM glyph").fetchone()[0] > len(set(TEXT)) // 2
    for name, data in first.items():
        font = TTFont(BytesIO(data))
        font.cfg["fontTools.ttLib:OPTIMIZE_FONT_SPEED"] = True
        font.recalcTimestamp = False
        font["glyf"].ensureDecompiled()
        again = BytesIO()
        font.save(again)
        assert again.getvalue() == data, name

    converted: list[int] = []
    real_convert = _glyphs._convert
    monkeypatch.setattr(_glyphs, "_convert",
                        lambda source, names: converted.append(len(names)) or real_convert(source, names))
    _as_a_new_process(monkeypatch)
    _drop_all_but_glyphs(tmp_path)
    prepare_pdf_fonts(theme, TEXT, cache_dir=tmp_path)
    assert _subsets(tmp_path) == first
    assert converted == []


def test_a_damaged_glyph_store_is_converted_again(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    _installed(NOTO_SANS)
    theme = load_theme("modern")
    _as_a_new_process(monkeypatch)
    prepare_pdf_fonts(theme, TEXT, cache_dir=tmp_path)
    first = _subsets(tmp_path)
    regular, *others = sorted((tmp_path / "fonts").glob("glyphs-*.sqlite"))
    with sqlite3.connect(regular) as db:  # one record's bytes changed, its digest kept
        name, data = db.execute("SELECT name, data FROM glyph WHERE name != '.notdef' LIMIT 1").fetchone()
        db.execute("UPDATE glyph SET data = ? WHERE name = ?", (data[:-1] + b"\x00", name))
    for store in others:
        store.write_bytes(b"not a database" * 100)
    _as_a_new_process(monkeypatch)
    _drop_all_but_glyphs(tmp_path)
    prepare_pdf_fonts(theme, TEXT, cache_dir=tmp_path)
    assert _subsets(tmp_path) == first
    with sqlite3.connect(regular) as db:
        assert db.execute("SELECT data FROM glyph WHERE name = ?", (name,)).fetchone()[0] == data
    for store in others:  # replaced by a readable store
        with sqlite3.connect(store) as db:
            assert db.execute("SELECT count(*) FROM glyph").fetchone()[0] > 0


def test_a_kept_cmap_reads_back_whole_and_a_damaged_one_is_decoded_again(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    from exporter.renderers.pdf.fonts import _cmap

    face = _installed(NOTO_SANS)
    assert face.path is not None
    decoded = TTFont(str(face.path), fontNumber=face.index, lazy=True).getBestCmap()
    assert _cmap(face.path, face.index, tmp_path) == decoded  # decoded and kept
    (kept,) = tmp_path.glob("cmap-*.marshal")
    _cmap.cache_clear()
    assert _cmap(face.path, face.index, tmp_path) == decoded  # read back
    data = bytearray(kept.read_bytes())
    data[100] ^= 0xFF
    kept.write_bytes(bytes(data))
    _cmap.cache_clear()
    assert _cmap(face.path, face.index, tmp_path) == decoded  # damaged: decoded again
    assert kept.read_bytes() != bytes(data)  # and kept whole again


def test_a_long_texts_characters_are_all_found_past_its_head() -> None:
    from exporter.renderers.pdf.fonts import _DISTINCT_HEAD, _printable

    head = "年增长" * (_DISTINCT_HEAD // 3 + 1)
    tail = "增长]\\^-[a\x00\U00020000\ud800年" + "年" * 10
    text = head + tail
    assert _printable(text) == "".join(sorted(set(text) - {"\x00"}))
