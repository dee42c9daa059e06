"""Read a model JSON file (as ``exporter parse`` writes it), validated against the schema."""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Report


@lru_cache(maxsize=1)
def model_schema() -> dict[str, Any]:
    """The JSON Schema of the model's JSON form, shipped in the package."""
    text = (Path(__file__).parents[1] / "schema" / "report.schema.json").read_text(
        encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _json_path(parts: Any) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _lone_surrogate(data: Any) -> tuple[list[str | int], str] | None:
    """The path and text of the first string (or key) holding a lone surrogate: JSON's
    ``\\ud800`` escapes decode to one, though no Unicode text can hold it and no
    renderer can encode it. Walked without recursion (the nesting is still unchecked)."""
    todo: list[tuple[list[str | int], Any]] = [([], data)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return path, value
        elif isinstance(value, dict):
            for key, item in value.items():
                if _SURROGATE.search(key):
                    return path, key
                todo.append((path + [key], item))
        elif isinstance(value, list):
            todo.extend((path + [i], item) for i, item in enumerate(value))
    return None


#: The deepest heading tree a model may hold: reports have four or five levels, and a
#: workbook cannot indent a heading past 255 steps.
MAX_SECTION_DEPTH = 100


def _too_deep(data: Any) -> list[str | int] | None:
    """The path of the first section nested past :data:`MAX_SECTION_DEPTH`, if any."""
    if not isinstance(data, dict):
        return None
    todo: list[tuple[list[str | int], Any, int]] = [
        ([key, i], item, 1) for key in ("sections", "appendix")
        if isinstance(data.get(key), list) for i, item in enumerate(data[key])]
    while todo:
        path, section, depth = todo.pop()
        if depth > MAX_SECTION_DEPTH:
            return path
        children = section.get("sections") if isinstance(section, dict) else None
        if isinstance(children, list):
            todo.extend((path + ["sections", i], item, depth + 1)
                        for i, item in enumerate(children))
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def validate_model(data: Any, name: str) -> None:
    """Raise InputError with the JSON path of the first schema violation. Beyond the
    schema, every string must be valid Unicode (no lone surrogates), so that whatever
    the schema accepts also renders."""
    from jsonschema import Draft202012Validator

    deep = _too_deep(data)
    if deep is not None:
        raise InputError(f"model JSON invalid at {_json_path(deep[:2])}: its heading tree nests "
                         f"too deeply (over {MAX_SECTION_DEPTH} levels)", source=name)
    bad = _lone_surrogate(data)
    if bad is not None:
        raise InputError(f"model JSON invalid at {_json_path(bad[0])}: a lone surrogate "
                         "(\\ud800-\\udfff) is not a character", source=name)

    validator = Draft202012Validator(model_schema())
    error = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))), None)
    if error is not None:
        raise InputError(f"model JSON invalid at {_json_path(error.absolute_path)}: {error.message}",
                         source=name)


def _no_constants(value: str) -> float:
    raise ValueError(f"{value} is not a number JSON allows")


def _finite_float(text: str) -> float:
    """A JSON number as a double; 1e400 would read as infinity, which JSON does not allow."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is beyond the range of a number")
    return value


def _bounded_int(text: str) -> int:
    """A JSON integer within a double's range, so every number in the model is one."""
    value = int(text)
    if abs(value) > 1.7976931348623157e308:
        raise ValueError(f"{text[:20]}… is beyond the range of a number")
    return value


def read_model_json(data: bytes, name: str) -> Report:
    """Parse, validate and build the report a model JSON file describes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"model JSON is not UTF-8 (byte {exc.start})", source=name) from None
    try:
        parsed = json.loads(text, parse_constant=_no_constants, parse_float=_finite_float,
                            parse_int=_bounded_int)
    except (json.JSONDecodeError, ValueError) as exc:
        raise InputError(f"not valid JSON: {exc}", source=name) from None
    except RecursionError:
        raise InputError("model JSON nests too deeply", source=name) from None
    try:
        validate_model(parsed, name)
        return Report.from_dict(parsed)
    except RecursionError:
        raise InputError("model JSON nests too deeply", source=name) from None
