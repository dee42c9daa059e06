"""Read every dev report as text, as saved pages, as DOCX and as PDF, and compare.

    python bench/check_formats.py [--work DIR] [REPORT.txt ...]

For each text report (default: all of ``../shared/dev-reports``, labelled and not), makes
a government-site page and a GB2312 news-portal page (``tests/pages.py``), a DOCX
converted by LibreOffice from the text ("plain": no indents), a python-docx DOCX with
indented paragraphs, a running header and page numbers ("paged"), and LibreOffice's PDF
export of both. Each is read and compared with the text's reading: the heading list,
figures F1 on (sentence, number), and the paragraph count. Prints one line per file
that differs, then a summary. LibreOffice runs once for all files (minutes on a busy
machine); ``--work`` keeps the converted files for a rerun.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exporter.model import Report
from exporter.readers import read_report
from tests.conftest import SHARED
from tests.pages import gov_page, portal_page
from tests.test_read_pdf import _paged_docx


def paragraphs(report: Report) -> int:
    return len(report.preamble) + sum(len(s.paragraphs) for s, _ in report.walk())


def compare(read: Report, text: Report) -> tuple[bool, float, int, int]:
    same_heads = [s.heading for s, _ in read.walk()] == [s.heading for s, _ in text.walk()]
    found = {(f.sentence, f.number) for f in read.figures}
    wanted = {(f.sentence, f.number) for f in text.figures}
    both = len(found & wanted)
    f1 = 2 * both / (len(found) + len(wanted)) if found or wanted else 1.0
    return same_heads, f1, paragraphs(read), paragraphs(text)


def convert(work: Path, texts: list[Path]) -> None:
    """LibreOffice: text → plain DOCX, then every DOCX → PDF (files already made kept)."""
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    todo = [t for t in texts if not (work / f"{t.stem}.docx").exists()]
    if todo:
        subprocess.run(["soffice", profile, "--headless", "--infilter=Text (encoded):UTF8,LF,,,",
                        "--convert-to", "docx", "--outdir", str(work), *map(str, todo)],
                       check=True, capture_output=True)
    docx = [d for d in work.glob("*.docx") if not d.with_suffix(".pdf").exists()]
    if docx:
        subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir",
                        str(work), *map(str, docx)], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", type=Path)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    texts = args.reports or sorted((SHARED / "dev-reports").rglob("*.txt"))
    work = args.work or Path(tempfile.mkdtemp(prefix="check-formats-"))
    work.mkdir(parents=True, exist_ok=True)
    for text in texts:
        paged = work / f"{text.stem}.paged.docx"
        if not paged.exists():
            _paged_docx(text.read_text(encoding="utf-8"), paged)
    convert(work, texts)
    totals: dict[str, list[int]] = {}
    for text in texts:
        reading = read_report(text.read_bytes(), text.name)
        body = text.read_text(encoding="utf-8")
        made = {"gov.html": gov_page(body, "报告").encode(),
                "portal.html": portal_page(body, "报告").encode("gb18030")}
        for kind in ("docx", "pdf", "paged.docx", "paged.pdf"):
            made[kind] = (work / f"{text.stem}.{kind}").read_bytes()
        for kind, data in made.items():
            heads, f1, got, want = compare(read_report(data, f"{text.stem}.{kind}"), reading)
            tally = totals.setdefault(kind, [0, 0, 0, 0])
            tally[0] += 1
            tally[1] += heads
            tally[2] += f1 >= 0.98
            tally[3] += got == want
            if not (heads and f1 >= 0.98 and got == want):
                print(f"{text.stem}.{kind}: headings {'same' if heads else 'DIFFER'}, "
                      f"figures F1 {f1:.3f}, paragraphs {got} of {want}")
    print("\n| format | files | same headings | figures F1 ≥ 0.98 | same paragraph count |")
    print("| --- | --- | --- | --- | --- |")
    for kind, (files, heads, figures, counts) in totals.items():
        print(f"| {kind} | {files} | {heads} | {figures} | {counts} |")


if __name__ == "__main__":
    main()
