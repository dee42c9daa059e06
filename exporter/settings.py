"""Document settings from a defaults file and ``--set key=value`` (application layer).

As pandoc's ``--defaults`` and ``--metadata``: a TOML file of top-level keys (passed with
``--defaults FILE``, or ``exporter.toml`` in the working folder when none is named) and
any number of ``--set key=value``, which win over the file. Unknown keys, values that are
not text and dates in no recognised form are errors naming the key (exit status 2).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ._files import read_input
from .document import DATE_KEYS, SETTING_KEYS, DocumentSettings, parse_date
from .errors import InputError

#: The defaults file looked for in the working folder when ``--defaults`` is not given.
DEFAULTS_NAME = "exporter.toml"
_LIMIT = 1 << 20  # a defaults file is a few lines; refuse anything near a megabyte


def load_settings(defaults: Path | None, assignments: Iterable[str],
                  folder: Path | None = None) -> DocumentSettings:
    """The settings of a build: the defaults file (given, or ``exporter.toml`` in
    ``folder``, the working folder by default), then each ``key=value`` over it."""
    values: dict[str, str] = {}
    path = defaults if defaults is not None else (folder or Path.cwd()) / DEFAULTS_NAME
    if defaults is not None or path.is_file():
        values.update(_read_defaults(path))
    for assignment in assignments:
        key, sep, value = assignment.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError(f"expected key=value, got {assignment!r}", source="--set")
        values[_known(key, "--set")] = _valid(key, value.strip(), "--set")
    for key in DATE_KEYS:
        if values.get(key) and parse_date(values[key]) is None:
            raise InputError(f"{key} must be a date such as 2026-03-01, got {values[key]!r}",
                             source="--set" if key in _set_keys(assignments) else str(path))
    return replace(DocumentSettings(), **{k: v for k, v in values.items() if v})


def _set_keys(assignments: Iterable[str]) -> set[str]:
    return {a.partition("=")[0].strip() for a in assignments}


def _known(key: str, source: str) -> str:
    if key not in SETTING_KEYS:
        raise InputError(f"unknown setting {key!r} (known: {', '.join(SETTING_KEYS)})",
                         source=source)
    return key


def _read_defaults(path: Path) -> dict[str, str]:
    """The settings a TOML defaults file holds, as text by key."""
    name = str(path)
    try:
        data = tomllib.loads(read_input(path, _LIMIT).decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", source=name) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"is not valid TOML: {exc}", source=name) from None
    return {_known(key, name): _valid(key, _text(key, value, name), name)
            for key, value in data.items()}


def _valid(key: str, value: str, source: str) -> str:
    """``value`` unless it holds a lone surrogate (bytes of an argument that were not
    UTF-8, or a TOML escape of one), which no file can store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{key} is not valid UTF-8 text", source=source) from None
    return value


def _text(key: str, value: Any, source: str) -> str:
    """A setting's value as text: strings, numbers and dates as written, lists of them
    (several 抄送 recipients) joined with ``，``."""
    if isinstance(value, (bool, Mapping)):
        raise InputError(f"{key} must be text, not {type(value).__name__}", source=source)
    if isinstance(value, list):
        return "，".join(_text(key, item, source) for item in value)
    return str(value).strip()
