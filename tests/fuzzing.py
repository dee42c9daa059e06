"""Hypothesis strategies and invariants over the reader, the figure extractor and the
three renderers, shared by ``tests/test_fuzz.py`` (a few examples of each target on every
test run) and the long run ``bench/fuzz.py``.

Invariants: the reader raises only ``ExporterError`` or returns a report whose paragraph
ids are unique, whose figures point into their sentences (``sentence[start:end] == text``)
with finite values, and whose JSON form passes the schema and reads back equal; a model
JSON the reader accepts renders; renderers never raise, are deterministic, and write files
their own libraries read back (python-docx, openpyxl, pypdf, ``qpdf --check``) holding no
formula, external link, image or URI that report text could have smuggled in.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import strategies as st

from exporter._data import sample_report
from exporter.errors import ExporterError
from exporter.figures import extract_figures
from exporter.model import Figure, Meta, Note, Paragraph, Report, Section
from exporter.readers import read_report
from exporter.readers.model_json import validate_model
from exporter.renderers import RenderOptions, render
from exporter.theme import Theme, load_theme

SHARED = Path(__file__).resolve().parents[2] / "shared"
THEMES = ("official", "modern")


class Violation(AssertionError):
    """An invariant that does not hold; ``kind`` names it (the finding's signature)."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


def expect(condition: bool, kind: str, detail: Any = "") -> None:
    """Raise Violation ``kind`` unless ``condition`` holds."""
    if not condition:
        raise Violation(kind, str(detail)[:500])


# --------------------------------------------------------------------------- strategies

#: Characters that break naive text handling: bidi controls, BOM and zero-width marks, C0/C1
#: controls, XML-invalid characters, non-characters, line separators, emoji, astral CJK.
SPECIALS = ["\u200f", "\u200e", "\u202e", "\u202a", "\u2066", "\u2069", "\ufeff", "\u200b",
            "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
            "\ufffe", "\uffff", "\ufffd", "\U0001f600", "\U0001f1e8\U0001f1f3", "\U00020000",
            "\U0002a6a5", "\U0010ffff", "\U000e0001", "\t", "\r", "\n", "\r\n", "e\u0301",
            "\u0644\u0627", "\u05d0", " ", "\u3000", "\u00a0"]
#: Report text that would be markup, an entity, a formula or code if a renderer let it.
HOSTILE = ['<img src="x.png"/>', '<a href="http://evil.example/">x</a>', '<font size="72">',
           "</para>", "<br/>", "&amp;", "&#0;", "&nbsp;", "]]>", "<![CDATA[x]]>",
           '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
           '=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)",
           "=cmd|' /C calc'!A0", "\\", "%PDF-1.4", "%s%n", "{0}", "</w:t><w:t>", "<w:p/>",
           "<b>", "<seq id=x/>", "<onDraw name=x/>"]
NUMERALS = list("0123456789.,，%％万亿千百十一二三四五六七八九两〇零约近超过余倍增长下降元个项家人年月")

_CHAR = st.one_of(st.characters(exclude_categories=["Cs"]),
                  st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                  st.sampled_from(NUMERALS))
_PLAIN = st.text(alphabet=_CHAR, max_size=60)
#: Arbitrary Unicode (no surrogates) spiced with special characters and hostile snippets.
TEXT = st.lists(st.one_of(_PLAIN, st.sampled_from(SPECIALS), st.sampled_from(HOSTILE)),
                max_size=6).map("".join)
#: Sometimes very long: the same text repeated up to 400 times.
LONG_TEXT = st.one_of(TEXT, st.tuples(TEXT, st.integers(1, 400)).map(lambda t: t[0] * t[1]))
#: Numbers as a model JSON can carry them: any finite double, integers up to a double's
#: range (the reader refuses 1e400 and longer integers).
VALUES = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**30), 10**30),
    st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e-300, 1.7976931348623157e308,
                     -1.7976931348623157e308, 2**53 + 1, 10**308, -(10**308)]),
)
UNITS = st.one_of(st.sampled_from(["亿元", "万元", "元", "%", "个百分点", "家", "倍", "万人",
                                   "ratio", "", "‰", "平方公里", "亿美元"]), TEXT)
LABELS = st.one_of(st.sampled_from(["一、", "二十、", "（一）", "(二)", "1.", "12．", "（1）",
                                    "(2)", ""]), TEXT)
DATES = st.one_of(st.none(), st.from_regex(r"\A[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z"),
                  st.sampled_from(["2016-02-19", "0000-00-00", "9999-99-99", "2016-13-45"]))
PERIODS = st.one_of(st.none(), st.from_regex(r"\A[0-9]{4}(-[0-9]{4})?\Z"),
                    st.sampled_from(["2015", "2011-2015", "2020-2016", "0000"]))
OPTIONAL_TEXT = st.one_of(st.none(), TEXT)


@st.composite
def models(draw: st.DrawFn, max_sections: int = 4, long: bool = True) -> Report:
    """Any report a model JSON file could describe: a heading tree up to level 4 (at times
    deeper, or out of order, with clashing ids), text of any kind, and figures with any
    values, empty or long metrics, and references that need not resolve. ``long`` lets
    texts run to thousands of characters (headings and table cells taller than a page)."""
    texts = LONG_TEXT if long else TEXT
    paragraph_ids: list[str] = []
    section_ids: list[str] = []

    def paragraphs(prefix: str) -> list[Paragraph]:
        result = []
        for k in range(1, draw(st.integers(0, 3)) + 1):
            pid = draw(st.one_of(st.just(f"{prefix}p{k}"), st.sampled_from(["p1", "s1.p1"])))
            paragraph_ids.append(pid)
            result.append(Paragraph(id=pid, text=draw(texts), lead=draw(OPTIONAL_TEXT)))
        return result

    def sections(level: int, prefix: str, budget: int) -> list[Section]:
        result = []
        for n in range(1, draw(st.integers(0, budget)) + 1):
            sid = draw(st.one_of(st.just(f"{prefix}{n}"), st.sampled_from(["s1", "x"])))
            section_ids.append(sid)
            actual = draw(st.one_of(st.just(level), st.integers(1, 9)))
            section = Section(id=sid, label=draw(LABELS), title=draw(texts), level=actual,
                              paragraphs=paragraphs(f"{sid}."))
            if level < 4 and budget > 1:
                section.sections = sections(level + 1, f"{sid}.", budget - 1)
            result.append(section)
        return result

    meta = Meta(title=draw(OPTIONAL_TEXT), subtitle=draw(OPTIONAL_TEXT),
                speaker=draw(OPTIONAL_TEXT), organization=draw(OPTIONAL_TEXT),
                speaker_title=draw(OPTIONAL_TEXT), date=draw(DATES), published=draw(DATES),
                publisher=draw(OPTIONAL_TEXT), source_name=draw(OPTIONAL_TEXT),
                source_sha256=draw(st.one_of(st.none(), st.just("0" * 64))))
    report = Report(meta=meta, preamble=paragraphs(""), sections=sections(1, "s", max_sections))
    if draw(st.integers(0, 9)) == 0:  # a chain of nested headings, deeper than any report
        chain = [Section(id=f"d{i}", label="", title=draw(TEXT), level=min(i + 1, 9),
                         paragraphs=[Paragraph(id=f"d{i}.p1", text=draw(TEXT))])
                 for i in range(draw(st.integers(5, 60)))]
        for parent, child in pairwise(chain):
            parent.sections.append(child)
        report.sections.append(chain[0])
    report.notes = [Note(label=draw(LABELS), term=draw(OPTIONAL_TEXT), text=draw(TEXT))
                    for _ in range(draw(st.integers(0, 2)))]
    anywhere = st.one_of(st.sampled_from(paragraph_ids or ["p1"]), TEXT)
    for i in range(1, draw(st.integers(0, 12)) + 1):
        sentence = draw(texts)
        at = draw(st.integers(0, len(sentence)))
        stop = draw(st.integers(at, len(sentence)))
        text = draw(st.one_of(st.just(sentence[at:stop]), TEXT))
        start, end = draw(st.one_of(st.just((at, stop)), st.just((None, None)),
                                    st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))))
        report.figures.append(Figure(
            id=draw(st.one_of(st.just(f"f{i}"), TEXT.filter(bool))), paragraph=draw(anywhere),
            sentence=sentence, text=text, number=draw(TEXT), value=draw(VALUES),
            unit=draw(UNITS), base_value=draw(VALUES), base_unit=draw(UNITS),
            qualifier=draw(st.sampled_from(["exact", "about", "under", "over"])),
            period=draw(PERIODS), metric=draw(st.one_of(st.just(""), texts)),
            metric_key=draw(OPTIONAL_TEXT), kind=draw(st.one_of(
                st.none(), st.sampled_from(["amount", "count", "growth", "share"]), TEXT)),
            section=draw(st.one_of(st.none(), st.sampled_from(section_ids or ["s1"]), TEXT)),
            start=start, end=end))
    return report


@lru_cache(maxsize=1)
def real_reports() -> tuple[str, ...]:
    """The bundled sample and the shared development reports, as text."""
    paths = [sample_report(), *sorted((SHARED / "dev-reports").glob("*.txt"))]
    return tuple(p.read_text("utf-8-sig") for p in paths if p.exists())


ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "big5", "utf-16", "utf-16-le",
             "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis"]


@st.composite
def mutated_reports(draw: st.DrawFn) -> bytes:
    """A real report (at times a window of its lines) with lines deleted, duplicated,
    swapped, joined, split or stuffed with control and special characters or stray
    headings, then encoded in some encoding and perhaps spliced, corrupted or truncated."""
    lines = draw(st.sampled_from(real_reports())).split("\n")
    if draw(st.booleans()):
        first = draw(st.integers(0, len(lines) - 1))
        lines = lines[first:first + draw(st.integers(1, 200))]
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "join", "split", "insert",
                                   "heading", "strip", "digits"]))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        line = lines[i] if lines else ""
        at = draw(st.integers(0, len(line)))
        if op == "delete" and lines:
            del lines[i]
        elif op == "duplicate":
            lines[i:i] = [line] * draw(st.integers(1, 50))
        elif op == "swap" and lines:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [line + lines[i + 1]]
        elif op == "split":
            lines[i:i + 1] = [line[:at], line[at:]]
        elif op == "insert":
            piece = draw(st.one_of(st.sampled_from(SPECIALS), st.sampled_from(HOSTILE), TEXT))
            lines[i:i + 1] = [line[:at] + piece + line[at:]]
        elif op == "heading":
            lines.insert(i, draw(LABELS) + draw(TEXT))
        elif op == "strip":
            lines[i:i + 1] = [line.strip()]
        elif op == "digits":
            lines[i:i + 1] = [line[:at] + draw(st.text(st.sampled_from(NUMERALS), max_size=40))
                              + line[at:]]
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\u2028", "\n\n"])))
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors=draw(st.sampled_from(["replace", "ignore"])))
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["truncate", "bytes", "flip", "splice"]))
        at = draw(st.integers(0, len(data)))
        if op == "truncate":
            data = data[:at]
        elif op == "bytes":
            data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
        elif op == "flip" and at < len(data):
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif op == "splice":
            other = draw(st.sampled_from(ENCODINGS))
            data = data[:at] + text[at // 2:].encode(other, errors="replace")
    return data


BOMS = [b"", b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00",
        b"\x00\x00\xfe\xff", b"{", b" \n{", b"\x89PNG", b"PK\x03\x04", b"%PDF-"]
#: Arbitrary bytes, some behind a BOM or a magic number, some as (non-)UTF-8 text.
RAW_BYTES = st.one_of(
    st.tuples(st.sampled_from(BOMS), st.binary(max_size=2048)).map(lambda t: t[0] + t[1]),
    st.tuples(st.sampled_from(["utf-8", "gb18030", "utf-16"]), TEXT).map(
        lambda t: t[1].encode(t[0], errors="replace")),
)

JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(10**40), 10**40),
              st.floats(allow_nan=False, allow_infinity=False), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["id", "x", "level", "text"]), inner,
                                            max_size=3)),
    max_leaves=8)


def _positions(node: Any, acc: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key) slot of a JSON tree, in document order."""
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, value in list(items):
        acc.append((node, key))
        _positions(value, acc)
    return acc


@st.composite
def model_json_files(draw: st.DrawFn, long: bool = True) -> bytes:
    """A model's JSON form with slots replaced by any JSON value, dropped or renamed; or a
    valid model nested far deeper than any report; or JSON nested past the recursion limit;
    perhaps with non-finite numbers, huge exponents or a cut."""
    shape = draw(st.sampled_from(["mutated", "mutated", "mutated", "deep-model", "deep-json"]))
    if shape == "deep-json":
        depth = draw(st.integers(500, 200_000))
        return b'{"meta": {}, "sections": ' + b"[" * depth + b"]" * depth + b"}"
    if shape == "deep-model":  # written as text: json.dumps itself would hit the limit
        depth = draw(st.integers(50, 3000))
        head = '{"id": "s%d", "label": "", "title": "t", "level": 2, "sections": ['
        return ('{"meta": {}, "sections": [' + "".join(head % i for i in range(depth))
                + "]}" * depth + "]}").encode()
    tree: Any = draw(models(max_sections=2, long=long)).to_dict()
    for _ in range(draw(st.integers(0, 4))):
        slots = _positions(tree, [])
        if not slots:
            break
        container, key = slots[draw(st.integers(0, len(slots) - 1))]
        op = draw(st.sampled_from(["replace", "delete", "rename"]))
        if op == "replace":
            container[key] = draw(JSON_VALUES)
        elif op == "delete":
            del container[key]
        elif isinstance(container, dict):
            container[draw(TEXT)] = container.pop(key)
    text = json.dumps(tree, ensure_ascii=draw(st.booleans()))
    number = re.compile(r"(?<=: )-?[0-9]+(\.[0-9]+)?(?=[,}])")
    if draw(st.booleans()):
        text = number.sub(draw(st.sampled_from(["1e400", "-1e400", "NaN", "Infinity", "1e-400",
                                                "9" * 5000, "0.0"])), text, count=1)
    data = text.encode("utf-8", errors="surrogatepass")
    if draw(st.integers(0, 4)) == 0:
        data = data[:draw(st.integers(0, len(data)))]
    return data


@st.composite
def extractor_reports(draw: st.DrawFn) -> Report:
    """A well-formed heading tree whose paragraphs are number-heavy arbitrary text."""
    body = st.lists(st.one_of(st.text(st.sampled_from(NUMERALS), max_size=30), TEXT),
                    max_size=6).map("".join)
    report = Report(meta=Meta(date=draw(DATES)))
    report.preamble = [Paragraph(id=f"p{k}", text=draw(body))
                       for k in range(1, draw(st.integers(0, 2)) + 1)]
    for n in range(1, draw(st.integers(1, 3)) + 1):
        section = Section(id=f"s{n}", label="一、", title=draw(TEXT), level=1,
                          paragraphs=[Paragraph(id=f"s{n}.p{k}", text=draw(body))
                                      for k in range(1, draw(st.integers(1, 3)) + 1)])
        section.sections = [Section(id=f"s{n}.{m}", label="（一）", title=draw(TEXT), level=2,
                                    paragraphs=[Paragraph(id=f"s{n}.{m}.p1", text=draw(body))])
                            for m in range(1, draw(st.integers(0, 2)) + 1)]
        report.sections.append(section)
    return report


# --------------------------------------------------------------------------- invariants

_PERIOD = re.compile(r"[0-9]{4}(-[0-9]{4})?")


def check_figures(report: Report) -> None:
    """Extracted figures are numbered in order, point into their own sentence and
    paragraph, and carry finite values and schema-valid fields."""
    texts = {p.id: p.text for p, _ in (*report.paragraphs(), *report.appendix_paragraphs())}
    for n, figure in enumerate(report.figures, 1):
        expect(figure.id == f"f{n}", "figure ids run f1, f2, …", figure.id)
        expect(figure.paragraph in texts, "figure names a paragraph of the report",
               figure.paragraph)
        expect(figure.sentence in texts.get(figure.paragraph, ""),
               "figure sentence is in its paragraph", figure)
        expect(figure.start is not None and figure.end is not None
               and figure.sentence[figure.start:figure.end] == figure.text,
               "sentence[start:end] == text", figure)
        expect(bool(figure.text.strip()), "figure text is not blank", figure)
        for value in (figure.value, figure.base_value):
            expect(isinstance(value, (int, float)) and math.isfinite(value),
                   "figure values are finite", figure)
        expect(figure.period is None or _PERIOD.fullmatch(figure.period) is not None,
               "period is YYYY or YYYY-YYYY", figure.period)


def check_model(report: Report) -> None:
    """Unique paragraph ids, headings nested deeper than their parents, and a JSON form
    that passes the schema and reads back equal."""
    ids = [p.id for p, _ in report.paragraphs()]
    expect(len(ids) == len(set(ids)), "paragraph ids are unique", ids)
    for section, parents in report.walk():
        expect(all(p.level < section.level for p in parents), "levels deepen", section.id)
    data = report.to_dict()
    try:
        validate_model(data, "fuzz")
    except ExporterError as exc:
        raise Violation("the reader's model passes its own schema", str(exc)) from None
    again = read_report(json.dumps(data, ensure_ascii=False).encode(), "fuzz.json")
    expect(again == report, "the model JSON reads back equal")


def check_reader(data: bytes) -> None:
    """Bytes read into a sound report or fail with an ExporterError."""
    try:
        report = read_report(data, "fuzz.txt")
    except ExporterError:
        return
    check_model(report)
    check_figures(report)


def check_model_json(data: bytes) -> None:
    """A model JSON is refused with an ExporterError or read into a report that renders."""
    try:
        report = read_report(data, "fuzz.json")
    except ExporterError:
        return
    for fmt in ("docx", "xlsx", "pdf"):
        check_render(fmt, (report, "official" if fmt == "docx" else "modern", True))


def check_extractor(report: Report) -> None:
    """Figures of arbitrary number-heavy text are sound and the model stays schema-valid."""
    report.figures = extract_figures(report)
    check_figures(report)
    check_model(report)


@cache
def theme(name: str) -> Theme:
    return load_theme(name)


def _render(fmt: str, report: Report, theme_name: str, full: bool) -> bytes:
    out = io.BytesIO()
    render(fmt, report, theme(theme_name), RenderOptions(full=full), out)
    return out.getvalue()


def check_render(fmt: str, case: tuple[Report, str, bool]) -> None:
    """The renderer writes a file its own library reads back, free of smuggled links,
    images and formulas, and the same bytes when asked again."""
    report, theme_name, full = case
    data = _render(fmt, report, theme_name, full)
    {"docx": verify_docx, "xlsx": verify_xlsx, "pdf": verify_pdf}[fmt](data, report)
    if fmt != "pdf" or hashlib.sha256(data).digest()[0] % 4 == 0:  # PDFs: one in four
        expect(_render(fmt, report, theme_name, full) == data, f"{fmt} output is deterministic")


def verify_docx(data: bytes, report: Report) -> None:
    from docx import Document

    document = Document(io.BytesIO(data))  # an empty model may give an empty body
    for paragraph in document.paragraphs:
        _ = paragraph.text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        expect(not [n for n in names if n.startswith("word/media/")], "docx has no media")
        for name in names:
            if name.endswith(".rels"):
                expect(b'TargetMode="External"' not in archive.read(name),
                       "docx has no external relationship", name)


def verify_xlsx(data: bytes, report: Report) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    expect(workbook.worksheets[0].max_row == len(report.figures) + 1,
           "one Figures row per figure", (workbook.worksheets[0].max_row, len(report.figures)))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                expect(cell.data_type != "f", "xlsx has no formula cell",
                       (sheet.title, cell.coordinate, cell.value))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        expect(not [n for n in archive.namelist() if "externalLink" in n],
               "xlsx has no external link")


def verify_pdf(data: bytes, report: Report) -> None:
    from pypdf import PdfReader

    expect(len(PdfReader(io.BytesIO(data)).pages) >= 1, "pdf has pages")
    expect(b"/URI" not in data, "pdf has no URI action")
    expect(b"/Subtype /Image" not in data and b"/Subtype/Image" not in data, "pdf has no image")
    qpdf = shutil.which("qpdf")
    if qpdf:
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(data)
            handle.flush()
            result = subprocess.run([qpdf, "--check", handle.name], capture_output=True,
                                    text=True, check=False)
        expect(result.returncode == 0, "qpdf --check passes", result.stdout + result.stderr)


def render_cases(max_sections: int = 4, long: bool = True
                 ) -> st.SearchStrategy[tuple[Report, str, bool]]:
    """(model, theme name, full) for a renderer target."""
    return st.tuples(models(max_sections, long), st.sampled_from(THEMES), st.booleans())


@dataclass(frozen=True)
class Target:
    """One thing to fuzz: inputs, the check they must pass, a share of the time budget."""

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    share: float


# --------------------------------------------------------------------------- themes

#: TOML values a theme's slot may be given: lengths from nothing to absurd, 号 sizes,
#: multiples, control characters, broken colours and page-number texts, wrong types.
_THEME_VALUES = st.one_of(
    st.floats(min_value=0, max_value=3000, allow_nan=False).map(lambda x: f'"{x:.2f}pt"'),
    st.floats(min_value=-10, max_value=30, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.sampled_from(['"1999pt"', '"200pt"', '"0.1pt"', '"2号"', '"初号"', '"八号"', '"20字"',
                     '"黑\\u0007体"', '"Fig\\u0001"', '"\\u202e"', '"{page"', '"{pages}"',
                     '"{page}{x}"', '"#GGGGGG"', '"\'"', '""', "true", "[]", '["a", 1]',
                     '"A0"', '"LETTER"', '"-5mm"', '"100mm"', "{}", '"outer"', '"justify"']),
    TEXT.map(lambda t: json.dumps(t)),
)
_ASSIGNMENT = re.compile(r"(?m)^([A-Za-z_]+)\s*=\s*(.+)$")


@st.composite
def theme_files(draw: st.DrawFn) -> tuple[str, Report]:
    """A bundled theme with up to four of its values replaced, and a small model."""
    text = load_theme(draw(st.sampled_from(THEMES))).path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        slots = list(_ASSIGNMENT.finditer(text))
        slot = slots[draw(st.integers(0, len(slots) - 1))]
        text = text[:slot.start(2)] + draw(_THEME_VALUES) + text[slot.end(2):]
    return text, draw(models(max_sections=2, long=False))


def check_theme(case: tuple[str, Report]) -> None:
    """A theme the validation passes builds all three formats; one it refuses is a
    ThemeError."""
    from exporter.errors import ThemeError
    from exporter.theme import parse_theme

    text, report = case
    try:
        parsed = parse_theme(Path("fuzz.toml"), text)
    except ThemeError:
        return
    for fmt in ("docx", "xlsx", "pdf"):
        out = io.BytesIO()
        render(fmt, report, parsed, RenderOptions(full=True), out)
        {"docx": verify_docx, "xlsx": verify_xlsx, "pdf": verify_pdf}[fmt](out.getvalue(), report)


# --------------------------------------------------------------------------- packages

@cache
def _built_package(fmt: str) -> bytes:
    """The sample's DOCX or XLSX, built once per process."""
    report = read_report(sample_report().read_bytes(), "sample.txt")
    out = io.BytesIO()
    render(fmt, report, theme("modern"), RenderOptions(), out)
    return out.getvalue()


@st.composite
def packages(draw: st.DrawFn) -> tuple[str, bytes]:
    """A built DOCX or XLSX with a part nested deep, inflated, added many times, given a
    DOCTYPE, or with bytes flipped."""
    fmt = draw(st.sampled_from(["docx", "xlsx"]))
    with zipfile.ZipFile(io.BytesIO(_built_package(fmt))) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    names = sorted(parts)
    name = names[draw(st.integers(0, len(names) - 1))]
    op = draw(st.sampled_from(["deep", "inflate", "many", "doctype", "flip", "none"]))
    if op == "deep":
        depth = draw(st.integers(10, 50_000))
        parts[name] = parts[name].replace(b"</", b"<x>" * depth + b"</x>" * depth + b"</", 1)
    elif op == "inflate":
        parts[name] += b" " * draw(st.integers(0, 3 * 2**20))
    elif op == "many":
        for n in range(draw(st.integers(1, 3000))):
            parts[f"extra/{n}.xml"] = b"<a/>"
    elif op == "doctype":
        parts[name] = b'<!DOCTYPE x [<!ENTITY e "' + b"a" * 10 + b'">]>' + parts[name]
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, body in parts.items():
            archive.writestr(part, body)
    raw = bytearray(data.getvalue())
    if op == "flip":
        for _ in range(draw(st.integers(1, 8))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    return fmt, bytes(raw)


def check_package_bounds(case: tuple[str, bytes]) -> None:
    """The bounded opening refuses with an InputError or passes a package its library then
    reads (or fails on) quickly: no other exception, no unbounded work."""
    from exporter._bounded import Limits, check_package
    from exporter.errors import InputError

    fmt, data = case
    try:
        check_package(data, "fuzz", fmt.upper(), Limits(parts=1000, unpacked=2 * 2**20, depth=64))
    except InputError:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz.{fmt}"
        path.write_bytes(data)
        from exporter.check import READERS

        with contextlib.suppress(Exception):  # an unreadable output is a finding of check's
            READERS[f".{fmt}"](path)


TARGETS = {t.name: t for t in [
    Target("reader-bytes", RAW_BYTES, check_reader, 0.08),
    Target("reader-mutated", mutated_reports(), check_reader, 0.17),
    Target("reader-json", model_json_files(), check_model_json, 0.10),
    Target("extract", extractor_reports(), check_extractor, 0.12),
    Target("docx", render_cases(), lambda case: check_render("docx", case), 0.15),
    Target("xlsx", render_cases(), lambda case: check_render("xlsx", case), 0.13),
    Target("pdf", render_cases(), lambda case: check_render("pdf", case), 0.25),
    Target("theme", theme_files(), check_theme, 0.15),
    Target("package", packages(), check_package_bounds, 0.10),
]}


class TooSlow(BaseException):
    """One input ran past ``--input-limit`` seconds."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise TooSlow(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
