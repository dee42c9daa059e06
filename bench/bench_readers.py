"""Measure the readers and the libraries they were chosen from, for speed and fidelity.

    python bench/bench_readers.py [--work DIR] [--repeat N]

Fidelity is measured against the plain-text reading of the same report (the dev reports
of ``../shared/dev-reports``): each candidate's text goes through the same text pipeline,
and its headings and figures are compared with the text's (F1 on label+title, and on
sentence+number). For PDF, "stray spaces" counts spaces left between two Chinese
characters or between Chinese and a digit, and "paragraphs" the share of the text's
paragraph count that came back.

Candidates:
- HTML main content: exporter's own lxml pass; trafilatura; readability-lxml (its
  summary HTML, then the same block walk). Pages are made by ``tests/pages.py`` in a
  government site's and a news portal's shapes, furniture included.
- PDF text: exporter's pypdfium2 reader (character boxes, re-joined paragraphs);
  pdfminer.six ``extract_text``; pypdf ``extract_text``. PDFs are exported by LibreOffice
  from a python-docx file of the report (indented paragraphs, a running header, page
  numbers), as ``tests/test_read_pdf.py`` makes them.

The comparison libraries are not dependencies of exporter: ``pip install lxml_html_clean
trafilatura readability-lxml pdfminer.six`` first (lxml_html_clean before trafilatura).
Speed targets (issue 15, in process, imports excluded): a 60 KB HTML or DOCX report in
≤ 0.3 s, a 30-page PDF in ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exporter.figures import extract_figures
from exporter.model import Report
from exporter.readers import read_report
from exporter.readers.text import parse_text
from tests.conftest import SHARED
from tests.pages import gov_page, portal_page

REPORTS = ("national-gwr-2017", "sichuan-gwr-2026")
STRAY = re.compile(r"[\u4e00-\u9fff，。、；：] [\u4e00-\u9fff0-9]|[0-9] [\u4e00-\u9fff]")


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    """The fastest of ``repeat`` runs and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def reading(text: str) -> Report:
    report = parse_text(text)
    report.figures = extract_figures(report)
    return report


def f1(found: set[object], wanted: set[object]) -> float:
    both = len(found & wanted)
    if not found or not wanted or not both:
        return 0.0
    precision, recall = both / len(found), both / len(wanted)
    return 2 * precision * recall / (precision + recall)


def compare(report: Report, text: Report) -> dict[str, float]:
    heads = {s.heading for s, _ in report.walk()}
    figures = {(f.sentence, f.number) for f in report.figures}
    paragraphs = [p.text for p in report.preamble] + [p.text for s, _ in report.walk()
                                                     for p in s.paragraphs]
    wanted = len(text.preamble) + sum(len(s.paragraphs) for s, _ in text.walk())
    return {"headings": f1(heads, {s.heading for s, _ in text.walk()}),
            "figures": f1(figures, {(f.sentence, f.number) for f in text.figures}),
            "paragraphs": len(paragraphs) / wanted,
            "stray": float(sum(len(STRAY.findall(p)) for p in paragraphs))}


# --- HTML candidates -----------------------------------------------------------------------


def html_ours(page: bytes) -> Report:
    return read_report(page, "page.html")


def html_trafilatura(page: bytes) -> Report:
    import trafilatura

    text = trafilatura.extract(page.decode("utf-8"), include_comments=False,
                               include_tables=True, favor_recall=True) or ""
    return reading(text)


def html_readability(page: bytes) -> Report:
    import lxml.html
    from readability import Document

    from exporter.readers.html import _lines

    summary = Document(page.decode("utf-8")).summary(html_partial=True)
    return reading("\n".join(_lines(lxml.html.fromstring(summary))))


# --- PDF candidates ------------------------------------------------------------------------


def pdf_ours(data: bytes) -> Report:
    return read_report(data, "report.pdf")


def pdf_pdfminer(data: bytes) -> Report:
    import io

    from pdfminer.high_level import extract_text

    return reading(extract_text(io.BytesIO(data)))


def pdf_pypdf(data: bytes) -> Report:
    import io

    from pypdf import PdfReader

    return reading("\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


def make_pdfs(work: Path) -> dict[str, Path]:
    """Paged DOCX of each report exported by LibreOffice, and a 30-page cut of the two."""
    from tests.test_read_pdf import _paged_docx

    pdfs = {name: work / f"{name}.pdf" for name in REPORTS}
    missing = [name for name, pdf in pdfs.items() if not pdf.exists()]
    if missing:
        docs = [_paged_docx((SHARED / "dev-reports" / f"{name}.txt").read_text(encoding="utf-8"),
                            work / f"{name}.docx") for name in missing]
        profile = work / "lo-profile"
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), *map(str, docs)],
                       check=True, capture_output=True)
    thirty = work / "thirty-pages.pdf"
    if not thirty.exists():
        joined = work / "joined.pdf"
        subprocess.run(["qpdf", "--empty", "--pages", *map(str, pdfs.values()), "--",
                        str(joined)], check=True)
        subprocess.run(["qpdf", "--empty", "--pages", str(joined), "1-30", "--", str(thirty)],
                       check=True)
    pdfs["thirty-pages"] = thirty
    return pdfs


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=None, help="folder for the made PDFs")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-readers-"))
    work.mkdir(parents=True, exist_ok=True)
    texts = {name: (SHARED / "dev-reports" / f"{name}.txt").read_text(encoding="utf-8")
             for name in REPORTS}
    readings = {name: reading(text) for name, text in texts.items()}

    print("## HTML main content (page → headings and figures of the text's reading)\n")
    print(row(["page", "KB", "candidate", "seconds", "headings F1", "figures F1",
               "paragraphs"]))
    print(row(["---"] * 7))
    candidates = {"exporter (lxml)": html_ours, "trafilatura": html_trafilatura,
                  "readability-lxml": html_readability}
    for name, text in texts.items():
        for shape, page in (("gov", gov_page(text, "政府工作报告")),
                            ("portal", portal_page(text, "政府工作报告", charset="utf-8"))):
            data = page.encode("utf-8")
            for label, read in candidates.items():
                seconds, report = best_of(args.repeat, lambda read=read, data=data: read(data))
                scores = compare(report, readings[name])  # type: ignore[arg-type]
                print(row([f"{name} {shape}", f"{len(data) / 1024:.0f}", label,
                           f"{seconds:.3f}", f"{scores['headings']:.3f}",
                           f"{scores['figures']:.3f}", f"{scores['paragraphs']:.2f}"]))

    print("\n## PDF text (LibreOffice export of a paged DOCX)\n")
    print(row(["pdf", "pages", "candidate", "seconds", "headings F1", "figures F1",
               "paragraphs", "stray spaces"]))
    print(row(["---"] * 8))
    import pypdfium2

    pdfs = make_pdfs(work)
    pdf_candidates = {"exporter (pypdfium2)": pdf_ours, "pdfminer.six": pdf_pdfminer,
                      "pypdf": pdf_pypdf}
    for name, path in pdfs.items():
        data = path.read_bytes()
        pages = len(pypdfium2.PdfDocument(data))
        for label, read in pdf_candidates.items():
            seconds, report = best_of(args.repeat if pages < 20 else 1,
                                      lambda read=read, data=data: read(data))
            if name in readings:
                scores = compare(report, readings[name])  # type: ignore[arg-type]
                cells = [f"{scores['headings']:.3f}", f"{scores['figures']:.3f}",
                         f"{scores['paragraphs']:.2f}", f"{scores['stray']:.0f}"]
            else:
                cells = ["—", "—", "—", "—"]
            print(row([name, str(pages), label, f"{seconds:.3f}", *cells]))

    print("\n## Speed of exporter's readers alone (figures not extracted)\n")
    print(row(["input", "size", "seconds (best of 5)", "target"]))
    print(row(["---"] * 4))
    docx = ROOT / "tests" / "fixtures" / "readers" / "national-gwr-2017.libreoffice.docx"
    page = gov_page(texts["national-gwr-2017"], "政府工作报告").encode("utf-8")
    for label, data, target in (
            ("HTML page, national 2017", page, "0.3"),
            ("DOCX (LibreOffice), national 2017", docx.read_bytes(), "0.3"),
            ("PDF, 30 pages", pdfs["thirty-pages"].read_bytes(), "1.5")):
        seconds, _ = best_of(5, lambda data=data: read_report(data, "x",
                                                              extract_figures=False))
        print(row([label, f"{len(data) / 1024:.0f} KB", f"{seconds:.3f}", f"≤ {target}"]))


if __name__ == "__main__":
    main()
