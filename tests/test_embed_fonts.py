"""``--embed-fonts``: the DOCX carries obfuscated subsets of the faces the PDF uses (ECMA-376
§17.8.1), and LibreOffice uses them where those faces are not installed."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont
from lxml import etree

from exporter.cli import cli
from exporter.renderers.docx._fonts import OBFUSCATED_FONT, font_key, obfuscate
from exporter.renderers.pdf.fonts import find_face
from exporter.theme import load_theme
from tests.conftest import require_soffice, require_tool

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def test_obfuscation_follows_ecma_376() -> None:
    key = "{00010203-0405-0607-0809-0A0B0C0D0E0F}"
    data = bytes(64)
    hidden = obfuscate(data, key)
    # the GUID's bytes from the end of its hex digits to the start, over the first 32 bytes
    assert hidden[:16] == bytes(range(15, -1, -1)) and hidden[16:32] == hidden[:16]
    assert hidden[32:] == data[32:]
    assert obfuscate(hidden, key) == data
    assert font_key(b"x") == font_key(b"x") != font_key(b"y")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample's briefing with and without --embed-fonts."""
    if find_face(list(load_theme("official").role("body").fonts)) is None:
        pytest.skip("no face of the official theme's chains is installed")
    out = tmp_path_factory.mktemp("embed")
    runner = CliRunner()
    for name, extra in (("plain", []), ("embedded", ["--embed-fonts"]),
                        ("again", ["--embed-fonts"])):
        result = runner.invoke(cli, ["build", "--out", str(out / name), "--format", "docx",
                                     *extra])
        assert result.exit_code == 0, result.output
    embedded = next((out / "embedded").glob("*.docx"))
    assert next((out / "again").glob("*.docx")).read_bytes() == embedded.read_bytes()
    return next((out / "plain").glob("*.docx")), embedded


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name))


def test_every_face_the_styles_name_is_embedded(built: tuple[Path, Path]) -> None:
    plain, embedded = built
    assert embedded.stat().st_size - plain.stat().st_size <= 3 * 2**20
    with zipfile.ZipFile(embedded) as archive:
        styles = _xml(archive, "word/styles.xml")
        named = {rfonts.get(f"{W}eastAsia") for rfonts in styles.iter(f"{W}rFonts")} - {None}
        table = _xml(archive, "word/fontTable.xml")
        rels = _xml(archive, "word/_rels/fontTable.xml.rels")
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        types = _xml(archive, "[Content_Types].xml")
        overrides = {o.get("PartName"): o.get("ContentType") for o in types}
        entries = {font.get(f"{W}name"): font for font in table.iterfind(f"{W}font")}
        assert named and named <= set(entries)
        for family in named:
            embed = entries[family].find(f"{W}embedRegular")
            assert embed is not None, family
            part = "word/" + targets[embed.get(f"{R}id")]
            assert overrides["/" + part] == OBFUSCATED_FONT
            data = obfuscate(archive.read(part), embed.get(f"{W}fontKey"))
            font = TTFont(io.BytesIO(data))
            assert font["name"].getBestFamilyName() == family
            assert not font["OS/2"].fsType & 0x0302  # the licence permits embedding
        settings = _xml(archive, "word/settings.xml")
        assert settings.find(f"{W}embedTrueTypeFonts") is not None
        assert settings.find(f"{W}saveSubsetFonts") is not None
    with zipfile.ZipFile(plain) as archive:  # without the flag: the theme's faces, named
        assert not [n for n in archive.namelist() if n.startswith("word/fonts/")]
        styles = _xml(archive, "word/styles.xml")
        named = {rfonts.get(f"{W}eastAsia") for rfonts in styles.iter(f"{W}rFonts")}
        assert load_theme("official").role("body").fonts[0] in named


def test_libreoffice_uses_the_embedded_faces_where_they_are_not_installed(
        built: tuple[Path, Path], tmp_path: Path) -> None:
    soffice, pdffonts = require_soffice(), require_tool("pdffonts")
    latin = tmp_path / "latin"  # a fontconfig that sees one Latin face and no CJK one
    latin.mkdir()
    dejavu = find_face(["DejaVu Sans"])
    if dejavu is None or dejavu.path is None:
        pytest.skip("DejaVu Sans is not installed")
    (latin / dejavu.path.name).symlink_to(dejavu.path)
    hidden = tmp_path / "fonts.conf"
    hidden.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{latin}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        "</fontconfig>", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(hidden)}
    with zipfile.ZipFile(built[1]) as archive:
        table = _xml(archive, "word/fontTable.xml")
    embedded = {font.get(f"{W}name") for font in table.iterfind(f"{W}font")
                if font.find(f"{W}embedRegular") is not None}
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(built[1])], check=True, capture_output=True, timeout=180, env=env)
    listing = subprocess.run([pdffonts, str(tmp_path / f"{built[1].stem}.pdf")],
                             check=True, capture_output=True, text=True).stdout
    used = {line.split()[0].split("+", 1)[-1] for line in listing.splitlines()[2:]}
    used -= {name for name in used if name.startswith("DejaVu")}
    squashed = {family.replace(" ", "") for family in embedded}
    # PostScript names drop spaces and vendor prefixes (AR PL UMing CN → UMingCN)
    assert all(any(name.lower() in family.lower() or family.lower().startswith(name.lower()[:8])
                   for family in squashed) for name in used), (used, embedded)
    assert len(used) >= 2
