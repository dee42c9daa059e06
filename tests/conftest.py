"""Shared fixtures: system-tool requirements, golden files, the sample report, synthetic
reports."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from exporter._data import sample_report
from exporter.model import Report

#: CI sets this so a missing system tool fails the run instead of skipping silently.
REQUIRE_TOOLS = os.environ.get("EXPORTER_REQUIRE_TOOLS") == "1"
SHARED = Path(__file__).resolve().parents[2] / "shared"
#: ``pytest --update-goldens`` rewrites golden files instead of comparing with them.
_UPDATE_GOLDENS = False


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden files from the current output (review the diff)")


def pytest_configure(config: pytest.Config) -> None:
    global _UPDATE_GOLDENS
    _UPDATE_GOLDENS = bool(config.getoption("--update-goldens"))


def check_golden(path: Path, text: str) -> None:
    """The one golden-file check: ``text`` must equal the committed ``path``; a missing
    golden fails. ``pytest --update-goldens`` writes them instead."""
    if _UPDATE_GOLDENS:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run pytest --update-goldens and review it"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs from its golden; if intended, rerun with pytest --update-goldens")


def require_tool(name: str) -> str:
    """The path of a system tool; skip the test (fail under CI's flag) where it is absent."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install the package that provides it)"
        if REQUIRE_TOOLS:
            pytest.fail(f"EXPORTER_REQUIRE_TOOLS=1 but {message}")
        pytest.skip(message)
    return path


def untraced_env() -> dict[str, str]:
    """The environment for a new process whose exit, signals or disk writes a test
    watches, without coverage.py's request to measure it (``COVERAGE_PROCESS_CONFIG``,
    set by ``pytest --cov``): its data file would be one more write and its save one more
    exit handler in the process under test."""
    return {k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_CONFIG"}


def require_soffice() -> str:
    """LibreOffice's command, under either of its names."""
    for name in ("soffice", "libreoffice"):
        if shutil.which(name):
            return shutil.which(name) or name
    return require_tool("soffice")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return sample_report()


@pytest.fixture(scope="session")
def sample_model(sample_path: Path) -> Report:
    """The bundled sample read through the real reader and figure extractor."""
    from exporter.readers import read_report

    return read_report(sample_path.read_bytes(), sample_path.name)


#: The sample's model as the reader gave it when this file was committed: renderer tests
#: start from it, so a reader change never breaks them.
SAMPLE_MODEL_JSON = Path(__file__).parent / "fixtures" / "sample-model.json"


@pytest.fixture(scope="session")
def sample_model_json() -> Report:
    """The sample's committed model (:data:`SAMPLE_MODEL_JSON`), read without the reader.
    Session-wide: tests that change it take a copy (``Report.from_dict(m.to_dict())``)."""
    return Report.from_dict(json.loads(SAMPLE_MODEL_JSON.read_text(encoding="utf-8")))


@pytest.fixture
def synthetic_report() -> Report:
    """A small report built in code, independent of the reader (see factories.py)."""
    from tests.factories import make_report

    return make_report()
