"""What every format reader hands the text pipeline: lines of text and the page's own fields.

HTML, DOCX and PDF readers each turn their format into an :class:`Extracted` — body lines
in reading order (a paragraph per line, headings on their own line) and the metadata the
file states about itself outside its text. The plain-text reader then builds the model
from the lines, so heading, paragraph, note and figure logic lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Meta


@dataclass
class Extracted:
    """Body lines of a report and the fields its file declares (None where it does not)."""

    lines: list[str] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    author: str | None = None

    def text(self) -> str:
        """The lines as one text, as a scraped page would read."""
        return "\n".join(self.lines)

    def fill(self, meta: Meta) -> None:
        """Fields the text itself left unsaid, taken from the file's own fields."""
        meta.title = meta.title or self.title
        meta.published = meta.published or self.published
        meta.publisher = meta.publisher or self.publisher or self.author
        meta.year = meta.year or meta.dated_year()
