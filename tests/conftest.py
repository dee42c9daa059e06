"""Shared fixtures: system-tool requirements, the sample report, synthetic reports."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from exporter._data import sample_report
from exporter.model import Report

#: CI sets this so a missing system tool fails the run instead of skipping silently.
REQUIRE_TOOLS = os.environ.get("EXPORTER_REQUIRE_TOOLS") == "1"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def require_tool(name: str) -> str:
    """The path of a system tool; skip the test (fail under CI's flag) where it is absent."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install the package that provides it)"
        if REQUIRE_TOOLS:
            pytest.fail(f"EXPORTER_REQUIRE_TOOLS=1 but {message}")
        pytest.skip(message)
    return path


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


@pytest.fixture
def synthetic_report() -> Report:
    """A small report built in code, independent of the reader (see factories.py)."""
    from tests.factories import make_report

    return make_report()
