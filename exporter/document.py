"""The office's own document: who issues the briefing, under which number, when.

:class:`DocumentSettings` is plain data (from a defaults file and ``--set``, see
:mod:`exporter.settings`) that every renderer receives through ``RenderOptions``: the Word
briefing lays it out as GB/T 9704-2012 prescribes, and all three files take their metadata
from it. Pure functions only; nothing here reads files or knows about the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import UTC, datetime

from .model import Report


@dataclass(frozen=True)
class DocumentSettings:
    """What an office states about its briefing (every field optional)."""

    #: 发文机关: the issuing office, printed in red as the 版头 and used as author.
    issuer: str | None = None
    #: 发文字号, e.g. ``京科发〔2026〕12号``.
    doc_number: str | None = None
    #: 份号: the copy number (six digits by convention).
    copy_number: str | None = None
    #: 密级 (``秘密``, ``机密`` …) and 保密期限 (``1年``), printed as ``机密★1年``.
    classification: str | None = None
    classification_term: str | None = None
    #: 紧急程度 (``特急``, ``加急``).
    urgency: str | None = None
    #: 签发人, beside the 发文字号.
    signer: str | None = None
    #: The briefing's own title and date (成文日期, ``YYYY-MM-DD``).
    title: str | None = None
    date: str | None = None
    #: 抄送 recipients, one string (several joined with ``，``).
    cc: str | None = None
    #: 印发机关 and 印发日期 of the 版记.
    printed_by: str | None = None
    printed_date: str | None = None
    #: The author recorded in the files' metadata (default: the issuer).
    author: str | None = None


#: The keys a defaults file or ``--set`` may name.
SETTING_KEYS = tuple(f.name for f in fields(DocumentSettings))
#: Keys holding a date, checked when read.
DATE_KEYS = ("date", "printed_date")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CHINESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def parse_date(value: str) -> datetime | None:
    """``2026-03-01`` or ``2026年3月1日`` as midnight UTC; None for any other form."""
    match = _ISO_DATE.fullmatch(value.strip()) or _CHINESE_DATE.fullmatch(value.strip())
    if match is None:
        return None
    try:
        year, month, day = (int(part) for part in match.groups())
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


#: What GB/T 9704 appends to an issuer's name in the 版头 (``某市人民政府文件``); the
#: office itself, as author and signature, is named without it.
MASTHEAD_SUFFIX = "文件"


def office_name(issuer: str | None) -> str:
    """The issuing office as a name: ``某市科技局文件`` → ``某市科技局``."""
    name = (issuer or "").strip()
    return name.removesuffix(MASTHEAD_SUFFIX) or name


def document_author(report: Report, settings: DocumentSettings) -> str:
    """Who the files name as author: the setting, the issuing office, else the report's
    organization or publisher, never the speaker (the office circulates the briefing)."""
    meta = report.meta
    return (settings.author or office_name(settings.issuer) or meta.organization
            or meta.publisher or "").strip()


def document_time(report: Report, settings: DocumentSettings,
                  source_date_epoch: int | None) -> datetime | None:
    """The true date of the files: SOURCE_DATE_EPOCH when set, else the briefing's own
    date, else the report's date; None when nothing says (no date is invented)."""
    if source_date_epoch is not None:
        return datetime.fromtimestamp(source_date_epoch, tz=UTC)
    for value in (settings.date, report.meta.date):
        if value and (moment := parse_date(value)) is not None:
            return moment
    return None
