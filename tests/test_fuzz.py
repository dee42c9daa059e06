"""Property tests: arbitrary text, heading structures and figure values never crash the
reader, the figure extractor or a renderer, and never produce an invalid file."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter.figures import extract_figures
from exporter.model import Figure, Paragraph, Report, Section
from exporter.readers import read_report
from exporter.readers.text import parse_text
from exporter.renderers import RenderOptions, render
from exporter.theme import load_theme

CJK_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.sampled_from(list("0123456789.,，。、；：%万亿千百十一二三四五六七八九两约近超过余倍（）()“”《》—")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=300,
)
LABELS = st.sampled_from(["一、", "二、", "（一）", "(二)", "1.", "2．", "（1）", "(2)", ""])

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
RENDER = settings(max_examples=12, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FAST
@given(st.lists(st.tuples(LABELS, CJK_TEXT), max_size=25))
def test_reader_accepts_any_text(lines: list[tuple[str, str]]) -> None:
    text = "\n".join(label + body for label, body in lines)
    report = parse_text(text, name="fuzz.txt")
    ids = [p.id for p, _ in report.paragraphs()]
    assert len(ids) == len(set(ids)), "paragraph ids are unique"
    for section, parents in report.walk():
        assert section.level >= 1
        assert all(parent.level < section.level for parent in parents)


@FAST
@given(CJK_TEXT)
def test_extractor_spans_point_into_their_sentence(body: str) -> None:
    report = Report(sections=[Section(id="s1", label="一、", title="标题", level=1,
                                      paragraphs=[Paragraph(id="s1.p1", text=body)])])
    for figure in extract_figures(report):
        assert figure.sentence in body or figure.sentence.strip() in body
        assert figure.text
        assert figure.base_value == figure.base_value, "not NaN"
        if figure.start is not None and figure.end is not None:
            assert figure.sentence[figure.start:figure.end] == figure.text


def _figure(i: int, value: float, unit: str, text: str) -> Figure:
    return Figure(id=f"f{i}", paragraph="s1.p1", sentence=text, text=text, number=str(value),
                  value=value, unit=unit, base_value=value, base_unit=unit, metric=text[:20],
                  period=None, section="s1")


@st.composite
def reports(draw: st.DrawFn) -> Report:
    def sections(level: int, prefix: str, budget: int) -> list[Section]:
        count = draw(st.integers(0, budget))
        result = []
        for n in range(1, count + 1):
            sid = f"{prefix}.{n}" if prefix else f"s{n}"
            section = Section(id=sid, label=draw(LABELS), title=draw(CJK_TEXT), level=level,
                              paragraphs=[Paragraph(id=f"{sid}.p{k}", text=draw(CJK_TEXT))
                                          for k in range(1, draw(st.integers(0, 3)) + 1)])
            if level < 4:
                section.sections = sections(level + 1, sid, budget - 1)
            result.append(section)
        return result

    report = Report(sections=sections(1, "", 3))
    values = draw(st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15,
                                     max_value=1e15), max_size=8))
    report.figures = [_figure(i, v, draw(st.sampled_from(["亿元", "%", "家", "倍", "ratio", ""])),
                              draw(CJK_TEXT) or "x") for i, v in enumerate(values, 1)]
    return report


@RENDER
@given(reports())
def test_docx_renders_any_model(report: Report) -> None:
    from docx import Document

    out = io.BytesIO()
    render("docx", report, load_theme("official"), RenderOptions(full=True), out)
    Document(io.BytesIO(out.getvalue()))


@RENDER
@given(reports())
def test_xlsx_renders_any_model(report: Report) -> None:
    from openpyxl import load_workbook

    out = io.BytesIO()
    render("xlsx", report, load_theme("modern"), RenderOptions(), out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    figures_sheet = workbook.worksheets[0]
    assert figures_sheet.max_row == len(report.figures) + 1


@RENDER
@given(reports())
def test_pdf_renders_any_model(report: Report) -> None:
    from pypdf import PdfReader

    out = io.BytesIO()
    render("pdf", report, load_theme("modern"), RenderOptions(full=True), out)
    assert PdfReader(io.BytesIO(out.getvalue())).pages


def test_read_report_survives_random_bytes() -> None:
    """Random bytes either read or raise the one user-facing error type."""
    import random

    from exporter.errors import ExporterError

    rng = random.Random(1234)
    for _ in range(200):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        try:
            read_report(data, "random.bin")
        except ExporterError:
            pass
