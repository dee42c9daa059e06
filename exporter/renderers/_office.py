"""What the Office packages (DOCX and XLSX) share: XML-safe text, and the one zip writer,
whose every entry carries the build's fixed time and fixed attributes so the same parts
give the same bytes on any machine (the libraries stamp entries with the current time and
the host system otherwise)."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from io import BytesIO
from typing import IO, Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

#: Characters XML 1.0 cannot carry (C0 controls but tab and line ends, lone surrogates,
#: U+FFFE and U+FFFF): DOCX and XLSX drop them from report text.
XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return XML_INVALID.sub("", text)


def xml_escape(text: str) -> str:
    """``text`` as XML character data, for parts written as strings: markup characters
    escaped, and a carriage return as a reference (XML reads a raw one back as a line
    feed). What ``xml.sax.saxutils.escape(text, {"\r": "&#13;"})`` gives, in the same
    order of replacements, without its per-call loop over the extra entities: a workbook
    escapes every cell, some 3,000 a report."""
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("\r", "&#13;"))


#: Zip times cannot precede 1980.
_ZIP_EPOCH = datetime(1980, 1, 1)


class PinnedZip(ZipFile):
    """A zip file being written whose entries all carry ``moment`` (its UTC wall time,
    no earlier than 1980), mode 0644 and MS-DOS as the creating system."""

    def __init__(self, out: IO[bytes], moment: datetime) -> None:
        super().__init__(out, "w", ZIP_DEFLATED, allowZip64=True)
        self.stamp = max(moment.replace(tzinfo=None), _ZIP_EPOCH).timetuple()[:6]

    def entry(self, name: str) -> ZipInfo:
        """The fixed header of the entry ``name``."""
        info = ZipInfo(name, self.stamp)
        info.compress_type = ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.create_system = 0
        return info

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None,
                 compresslevel: Any = None) -> None:
        name = (zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, ZipInfo)
                else zinfo_or_arcname)
        super().writestr(self.entry(name), data)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None,
              compresslevel: Any = None) -> None:
        """Copy a sheet openpyxl wrote (to disk, or into memory) under the fixed header."""
        name = str(arcname or filename)
        with open_written(filename) as source, self.open(self.entry(name), "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)


def open_written(written: str | BytesIO) -> IO[bytes]:
    """What openpyxl wrote a sheet to, opened for reading from its start: a temporary
    file's path or an in-memory buffer."""
    if isinstance(written, BytesIO):
        return BytesIO(written.getbuffer())
    return open(written, "rb")
