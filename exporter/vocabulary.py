"""The words the outputs use for field names and coded values, in each language.

Read from the data file ``catalogues/vocabulary.toml`` (shipped inside the package), so a
language is added or a word changed without touching code. The workbook writes its headers
and codes through :class:`Vocabulary`; ``exporter check`` reads them back through the same
words, whichever language the workbook was written in.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_FILE = Path(__file__).resolve().parent / "catalogues" / "vocabulary.toml"
#: The language used when none is asked for.
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Vocabulary:
    """One language's words: column headers, sheet names, codes per field, table marks,
    and the row names of the workbook's About sheet."""

    language: str
    columns: dict[str, str]
    sheets: dict[str, str]
    codes: dict[str, dict[str, str]]
    marks: dict[str, str]
    about: dict[str, str]

    def column(self, name: str) -> str:
        """The header of the model field ``name`` (the name itself when not listed)."""
        return self.columns.get(name, name)

    def code(self, field_name: str, value: str | None) -> str | None:
        """A coded value (``qualifier`` ``over``) in this language (``超过``); None stays None
        and a value the vocabulary does not list is shown as stored."""
        if value is None:
            return None
        return self.codes.get(field_name, {}).get(value, value)

    def about_key(self, name: str) -> str:
        """The name of the About sheet's row ``name`` (the name itself when not listed)."""
        return self.about.get(name, name)


@cache
def _catalogue() -> dict[str, Vocabulary]:
    with _FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return {lang: Vocabulary(language=lang, columns=dict(block["columns"]),
                             sheets=dict(block["sheets"]),
                             codes={k: dict(v) for k, v in block["codes"].items()},
                             marks=dict(block["marks"]), about=dict(block["about"]))
            for lang, block in data.items()}


def languages() -> tuple[str, ...]:
    """The languages the vocabulary file defines."""
    return tuple(sorted(_catalogue()))


def vocabulary(language: str | None = None) -> Vocabulary:
    """The words of ``language`` (``zh``, ``en``; a locale such as ``zh-CN`` counts as its
    language); unknown languages raise ``KeyError`` naming the known ones."""
    lang = (language or DEFAULT_LANGUAGE).split("-")[0].lower()
    known = _catalogue()
    if lang not in known:
        raise KeyError(f"unknown language {language!r} (known: {', '.join(sorted(known))})")
    return known[lang]


def read_back(field_name: str, shown: object) -> object:
    """The stored code of a value shown in any language's words (``超过`` → ``over``);
    anything else unchanged. For ``exporter check``."""
    if not isinstance(shown, str):
        return shown
    for words in _catalogue().values():
        for code, word in words.codes.get(field_name, {}).items():
            if word == shown:
                return code
    return shown


def header_fields(headers: list[str]) -> list[str]:
    """Each workbook header mapped back to the model field it names, in any language
    (a header no vocabulary lists is kept as it is)."""
    names: dict[str, str] = {}
    for words in _catalogue().values():
        for field_name, header in words.columns.items():
            names.setdefault(header, field_name)
    return [names.get(header, header) for header in headers]
