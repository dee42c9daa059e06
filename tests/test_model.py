"""The model's JSON form: lossless round trip, validated by the shipped schema."""

from __future__ import annotations

import json

import pytest

from exporter.errors import InputError
from exporter.model import Report
from exporter.readers.model_json import read_model_json, validate_model
from tests.factories import make_report


def test_synthetic_report_round_trips_losslessly() -> None:
    report = make_report(sections=3, depth=4, hostile=True)
    data = json.dumps(report.to_dict(), ensure_ascii=False).encode()
    assert read_model_json(data, "m.json") == report


def test_sample_model_round_trips_and_validates(sample_model: Report) -> None:
    data = sample_model.to_dict()
    validate_model(data, "sample")
    again = read_model_json(json.dumps(data, ensure_ascii=False).encode(), "sample.json")
    assert again == sample_model
    assert again.to_dict() == data


def test_spec_keys_are_present(sample_model: Report) -> None:
    data = sample_model.to_dict()
    assert set(data["meta"]) >= {"title", "subtitle", "speaker", "organization", "date",
                                 "published", "publisher", "source_sha256"}
    section = data["sections"][0]
    assert set(section) >= {"id", "label", "title", "level", "paragraphs", "sections"}
    assert set(section["paragraphs"][0]) >= {"id", "text", "lead"}
    assert set(data["figures"][0]) >= {"id", "paragraph", "sentence", "text", "number", "value",
                                       "unit", "base_value", "base_unit", "qualifier", "period",
                                       "metric"}


@pytest.mark.parametrize(("mutate", "path"), [
    (lambda d: d["sections"][0].__setitem__("level", "one"), "$.sections[0].level"),
    (lambda d: d["figures"][2].__setitem__("qualifier", "roughly"), "$.figures[2].qualifier"),
    (lambda d: d["meta"].__setitem__("date", "19 Feb 2016"), "$.meta.date"),
    (lambda d: d.__setitem__("extra", 1), "$"),
    (lambda d: d["sections"][0]["paragraphs"][0].pop("text"), "$.sections[0].paragraphs[0]"),
])
def test_schema_errors_name_the_json_path(sample_model: Report, mutate, path: str) -> None:
    data = sample_model.to_dict()
    mutate(data)
    with pytest.raises(InputError) as error:
        read_model_json(json.dumps(data, ensure_ascii=False).encode(), "edited.json")
    assert f"at {path}:" in str(error.value) and "edited.json" in str(error.value)


@pytest.mark.parametrize("data", [b"{", b'{"meta": NaN, "sections": []}', b"\xff\xfe{}"])
def test_broken_json_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError):
        read_model_json(data, "broken.json")
