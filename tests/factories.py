"""Reports built in code, so renderer tests never depend on the reader."""

from __future__ import annotations

from exporter.model import Figure, Meta, Note, Paragraph, Report, Section

LABELS = {1: "{cn}、", 2: "（{cn}）", 3: "{n}.", 4: "（{n}）"}
CN = "一二三四五六七八九十"


def _label(level: int, n: int) -> str:
    return LABELS[level].format(cn=CN[(n - 1) % 10], n=n)


def make_figure(fid: str, paragraph: str, section: str, sentence: str, text: str,
                number: str, value: float, unit: str, base_value: float, base_unit: str,
                *, qualifier: str = "exact", period: str | None = None, metric: str = "",
                kind: str | None = None) -> Figure:
    start = sentence.find(text)
    return Figure(id=fid, paragraph=paragraph, sentence=sentence, text=text, number=number,
                  value=value, unit=unit, base_value=base_value, base_unit=base_unit,
                  qualifier=qualifier, period=period, metric=metric, kind=kind,
                  section=section, start=start if start >= 0 else None,
                  end=start + len(text) if start >= 0 else None)


def make_report(sections: int = 3, depth: int = 2, paragraphs: int = 2,
                hostile: bool = False) -> Report:
    """A report with ``sections`` top-level headings nested ``depth`` deep, each paragraph
    stating figures of every kind; ``hostile`` adds markup and formula-like text."""
    report = Report(meta=Meta(
        title="关于推进科技创新工作的报告", subtitle="在2016年全市科技工作会议上的报告",
        speaker="张三", organization="某市科学技术委员会", speaker_title="某市科学技术委员会主任",
        date="2016-02-19", published="2016-02-20", publisher="某市科学技术委员会",
        source_name="synthetic.txt", year=2016))
    report.preamble = [Paragraph(id="p1", text="各位领导，同志们：")]
    counter = [0]

    def add_figures(section: Section, paragraph: Paragraph, sentence: str) -> None:
        specs = [
            ("3452.6亿元", "3452.6亿", 3452.6, "亿元", 345_260_000_000, "元", "exact", "2015",
             "技术合同成交额", "amount"),
            ("1.2万家", "1.2万", 1.2, "万家", 12000, "家", "about", "2015", "国家高新技术企业数",
             "count"),
            ("14.1%", "14.1", 14.1, "%", 0.141, "ratio", "exact", "2015", "增速", "growth"),
        ]
        for text, number, value, unit, base, base_unit, qual, period, metric, kind in specs:
            if text not in sentence:
                continue
            counter[0] += 1
            report.figures.append(make_figure(
                f"f{counter[0]}", paragraph.id, section.id, sentence, text, number, value, unit,
                base, base_unit, qualifier=qual, period=period, metric=metric, kind=kind))

    def build(level: int, parent_id: str, count: int) -> list[Section]:
        result = []
        for n in range(1, count + 1):
            sid = f"{parent_id}.{n}" if parent_id else f"s{n}"
            section = Section(id=sid, label=_label(level, n), title=f"第{level}级标题{n}：推动创新发展",
                              level=level)
            for k in range(1, paragraphs + 1):
                sentence = ("全市技术合同成交额达到3452.6亿元，约1.2万家企业参与，增速达14.1%。")
                text = f"科技创新取得新突破。{sentence}各项工作稳步推进，成效明显。"
                if hostile:
                    text += '<img src="/etc/passwd"/><font color="red">&amp;</font> =HYPERLINK("x") '
                paragraph = Paragraph(id=f"{sid}.p{k}", text=text, lead="科技创新取得新突破。")
                section.paragraphs.append(paragraph)
                add_figures(section, paragraph, sentence)
            if level < depth:
                section.sections = build(level + 1, sid, 2)
            result.append(section)
        return result

    report.sections = build(1, "", sections)
    report.notes = [Note(label="1.", term="两重", text="是指国家重大战略实施和重点领域安全能力建设。")]
    return report
