"""``exporter check`` passes on a fresh build and fails when any one output changes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import cli


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    result = CliRunner().invoke(cli, ["build", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return out


def _copy(built: Path, tmp_path: Path) -> Path:
    target = tmp_path / "out"
    shutil.copytree(built, target)
    return target


def _check(folder: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(folder), *extra])
    return result.exit_code, result.stdout + result.stderr


def test_fresh_build_passes(built: Path) -> None:
    code, output = _check(built)
    assert code == 0, output
    assert output.count("agree with the model") == 3


@pytest.fixture(scope="module")
def parsed() -> str:
    """The sample's model JSON as ``exporter parse`` prints it."""
    result = CliRunner().invoke(cli, ["parse"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _edited_model(parsed: str, tmp_path: Path, stem: str, edit: str) -> Path:
    """The sample's model JSON with its fifth figure changed."""
    data = json.loads(parsed)
    figure = data["figures"][4]
    if edit == "value":
        figure["value"] += 1
        figure["base_value"] += 1
        figure["number"] = "9999"
        figure["text"] = "9999" + figure["unit"]
    elif edit == "label":
        figure["metric"] = "被改动的指标"
    elif edit == "second contract":  # a range, a fall and a role, on three figures
        figure["value_high"] = figure["value"] * 2
        figure["base_value_high"] = figure["base_value"] * 2
        figure["qualifier"] = "between"
        data["figures"][5]["change"] = "down"
        data["figures"][6]["role"] = "target"
        data["figures"][7]["indicator"] = "gdp"
    else:
        del data["figures"][4]
    source = tmp_path / "edited" / f"{stem}.json"
    source.parent.mkdir()
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return source


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
@pytest.mark.parametrize("edit", ["value", "label", "dropped", "second contract"])
def test_one_changed_file_fails_the_check(built: Path, parsed: str, tmp_path: Path, fmt: str,
                                          edit: str) -> None:
    out = _copy(built, tmp_path)
    stem = next(out.glob("*.xlsx")).stem
    source = _edited_model(parsed, tmp_path, stem, edit)
    result = CliRunner().invoke(cli, ["build", str(source), "--format", fmt, "--out", str(out),
                                      "--quiet"])
    assert result.exit_code == 0, result.stderr
    code, output = _check(out)
    assert code == 1, output
    agreed = set(re.findall(r"\.(docx|pdf|xlsx): \d+ figures agree", output))
    assert agreed == {"docx", "pdf", "xlsx"} - {fmt}
    assert any(line.startswith(f"{stem}.{fmt}: ") for line in output.splitlines())
    if edit == "second contract":
        ids = [f["id"] for f in json.loads(source.read_text(encoding="utf-8"))["figures"]]
        differs = {f"{ids[4]} value", f"{ids[5]} value", f"{ids[6]} role"}
        if fmt == "xlsx":
            differs = {f"{ids[4]} value_high", f"{ids[5]} change", f"{ids[6]} role",
                       f"{ids[7]} indicator"}
        for what in differs:
            assert f"{stem}.{fmt}: {what} differs from the model" in output, what


def test_corrupted_file_fails_the_check(built: Path, tmp_path: Path) -> None:
    out = _copy(built, tmp_path)
    pdf = next(out.glob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])
    code, output = _check(out)
    assert code == 1 and pdf.name in output


def test_outputs_of_another_report_need_their_source(tmp_path: Path, sample_path: Path) -> None:
    source = tmp_path / "other.txt"
    source.write_bytes(sample_path.read_bytes())
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(source), "--out", str(out)]).exit_code == 0
    code, output = _check(out)
    assert code == 2 and "--report" in output
    code, output = _check(out, "--report", str(source))
    assert code == 0, output


def test_nothing_to_check_is_a_usage_error(tmp_path: Path) -> None:
    code, output = _check(tmp_path)
    assert code == 2 and "no .docx" in output


def _inject_entity(path: Path, part: str, secret: Path) -> None:
    """Rewrite one XML part of an OOXML file to declare and use an external entity."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[part].decode("utf-8")
    head, _, rest = xml.partition("?>")
    doctype = f'<!DOCTYPE x [<!ENTITY leak SYSTEM "file://{secret}">]>'
    rest = rest.replace("f1<", "&leak;<", 1) if "f1<" in rest else rest
    parts[part] = (head + "?>" + doctype + rest).encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


@pytest.mark.parametrize(("suffix", "part"), [(".docx", "word/document.xml"),
                                              (".xlsx", "xl/worksheets/sheet1.xml")])
def test_external_entities_are_never_resolved(built: Path, tmp_path: Path, suffix: str,
                                              part: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    out = _copy(built, tmp_path)
    target = next(out.glob(f"*{suffix}"))
    _inject_entity(target, part, secret)
    code, output = _check(out)
    assert code == 2, output  # refused by the package bounds before any parser runs
    assert f"part {part} " in output  # a DOCTYPE, or XML broken by the injection
    assert "TOP-SECRET-CONTENT" not in output
