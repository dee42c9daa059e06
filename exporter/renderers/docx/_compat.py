"""Every use of python-docx's private internals, in one place (tested with python-docx 1.2;
``pyproject.toml`` bounds it below 1.3). A python-docx upgrade is checked here first."""

from __future__ import annotations

from typing import Any
from zipfile import ZipFile

from docx.document import Document
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from lxml import etree  # type: ignore[import-untyped]


class _PartSink:
    """The part writer python-docx's package writer expects, writing into ``archive``."""

    def __init__(self, archive: ZipFile) -> None:
        self.archive = archive

    def write(self, uri: PackURI, blob: bytes) -> None:
        self.archive.writestr(uri.membername, blob)


def story_element(header_or_footer: Any) -> etree._Element:
    """The ``w:hdr``/``w:ftr`` element of a section's header or footer, which python-docx
    exposes only through its private ``_element``."""
    return header_or_footer._element


def replace_blob(part: Any, blob: bytes) -> None:
    """Give a part python-docx holds as raw bytes (the font table) new contents."""
    part._blob = blob


def write_package(document: Document, archive: ZipFile) -> None:
    """The steps of python-docx's ``OpcPackage.save``/``PackageWriter.write`` (content
    types, package rels, then every part in python-docx's stable order) into ``archive``,
    so the caller owns the zip file and its entry times."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    sink = _PartSink(archive)
    PackageWriter._write_content_types_stream(sink, parts)  # type: ignore[no-untyped-call]
    PackageWriter._write_pkg_rels(sink, package.rels)  # type: ignore[no-untyped-call]
    PackageWriter._write_parts(sink, parts)  # type: ignore[arg-type]


def drop_dates(core_properties: Any) -> None:
    """Remove ``dcterms:created``/``modified`` from core properties (python-docx's template
    carries 2013 dates and offers no way to unset them)."""
    element = core_properties._element
    for tag in ("created", "modified"):
        for child in element.findall(f"{{http://purl.org/dc/terms/}}{tag}"):
            element.remove(child)
