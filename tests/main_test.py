"""The command line: `ftgitops validate` exit codes, formats, paths, and `python -m ftgitops`."""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, TODAY, CliResult, install_example, read_example, run_module

from ftgitops import __version__
from ftgitops.commands import validate as validate_command

Cli = Callable[..., CliResult]


def _install(repo: Path, *names: str) -> list[str]:
    """Put negative examples into the repository; their expected lines, in order."""
    expected: list[str] = []
    for name in names:
        example = read_example(EXAMPLES / "negative" / name)
        install_example(example, repo)
        expected += example.expected
    return sorted(expected)


def test_clean_repository_exits_0(repo: Path, cli: Cli) -> None:
    assert cli("--root", repo, "validate", "--today", TODAY) == (0, "no problems in 7 files\n", "")


def test_an_error_exits_1_with_the_exact_line_and_a_summary(repo: Path, cli: Cli) -> None:
    expected = _install(repo, "FT302-dst-gap-sydney.yaml")
    result = cli("--root", repo, "validate", "--today", TODAY)
    assert result.code == 1
    assert result.out == "\n".join([*expected, "1 error, 0 warnings in 8 files"]) + "\n"
    assert result.err == ""


def test_a_warning_alone_exits_0(repo: Path, cli: Cli) -> None:
    expected = _install(repo, "FT307-uat-past-decommission.yaml")
    result = cli("--root", repo, "validate", "--today", TODAY)
    assert (result.code, result.lines) == (0, expected)
    assert result.out.endswith("\n0 errors, 1 warning in 8 files\n")


def test_the_warning_is_not_there_before_it_is_due(repo: Path, cli: Cli) -> None:
    _install(repo, "FT307-uat-past-decommission.yaml")  # production went live 2026-09-07
    assert (
        cli("--root", repo, "validate", "--today", "2026-10-07").out == "no problems in 8 files\n"
    )
    assert cli("--root", repo, "validate", "--today", "2026-10-08").lines != []


def test_json_format_has_counts_and_every_field(repo: Path, cli: Cli) -> None:
    _install(repo, "FT307-uat-past-decommission.yaml", "FT104-unquoted-version.yaml")
    text = cli("--root", repo, "validate", "--today", TODAY)
    result = cli("--root", repo, "validate", "--today", TODAY, "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    assert (report["files"], report["errors"], report["warnings"]) == (9, 1, 1)
    rows = report["findings"]
    assert [set(row) for row in rows] == [
        {"file", "line", "column", "severity", "code", "message", "path"}
    ] * 2
    as_lines = [
        f"{r['file']}:{r['line']}:{r['column']}: {r['severity']}[{r['code']}]: "
        f"{r['message']} ({r['path']})"
        for r in rows
    ]
    assert as_lines == text.lines


def test_json_format_of_a_clean_repository(repo: Path, cli: Cli) -> None:
    result = cli("--root", repo, "validate", "--today", TODAY, "--format", "json")
    assert result.code == 0
    assert json.loads(result.out) == {"files": 7, "errors": 0, "warnings": 0, "findings": []}


def test_a_path_reports_only_itself_but_resolves_against_the_whole_repository(
    repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change names a tenant and a notice found only in other files."""
    install_example(read_example(EXAMPLES / "positive" / "change-emergency.yaml"), repo)
    tenant = repo / "tenants" / "thames-care.yaml"
    tenant.write_text(tenant.read_text("utf-8").replace("region: uk", "region: emea"), "utf-8")
    monkeypatch.chdir(repo)
    change = "changes/2026/CHG-2026-0002.yaml"
    assert cli("validate", "--today", TODAY, change) == (0, "no problems in 1 file\n", "")
    assert cli("validate", "--today", TODAY, repo / change).code == 0
    whole = cli("validate", "--today", TODAY)
    assert [line.split(": ")[1] for line in whole.lines] == ["error[FT204]"]
    assert whole.lines[0].startswith("tenants/thames-care.yaml:")
    folder = cli("validate", "--today", TODAY, "tenants")
    assert (folder.code, folder.lines) == (1, whole.lines)
    assert folder.out.endswith(" in 2 files\n")


def test_paths_from_another_folder_are_resolved_from_there(
    repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _install(repo, "FT201-unknown-owner.yaml")
    monkeypatch.chdir(repo / "changes")
    result = cli("--root", "..", "validate", "--today", TODAY, "2026/CHG-2026-0002.yaml")
    assert (result.code, result.lines) == (1, expected)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "nowhere.yaml"], "nowhere.yaml: no such file or folder"),
        (["validate", "changes/2031"], "changes/2031: no such file or folder"),
    ],
)
def test_a_missing_path_exits_2_with_one_line(
    argv: list[str], message: str, repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert cli(*argv) == (2, "", f"ftgitops: error: {message}\n")


def test_a_path_outside_the_repository_exits_2(repo: Path, tmp_path: Path, cli: Cli) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    result = cli("--root", repo, "validate", outside)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"ftgitops: error: {outside}: not inside the repository {repo}\n"


@pytest.mark.parametrize("folder", ["empty", "missing"])
def test_a_folder_without_ftgitops_yaml_exits_2(folder: str, tmp_path: Path, cli: Cli) -> None:
    root = tmp_path / folder
    if folder == "empty":
        root.mkdir()
    result = cli("--root", root, "validate")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"ftgitops: error: no ftgitops.yaml in {root}: run inside a change repository "
        "or pass --root\n"
    )


@pytest.mark.parametrize(
    "argv",
    [["validate", "--today", "next tuesday"], ["validate", "--format", "xml"], ["frobnicate"], []],
)
def test_usage_errors_exit_2_with_argparse_message(argv: list[str], repo: Path, cli: Cli) -> None:
    result = cli("--root", repo, *argv)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("usage: ftgitops")
    assert "error:" in result.err.splitlines()[-1]


def test_python_dash_m_runs_the_cli(repo: Path) -> None:
    assert run_module("validate", "--today", TODAY, cwd=repo) == (0, "no problems in 7 files\n", "")
    assert run_module("--version", cwd=repo) == (0, f"ftgitops {__version__}\n", "")


def test_python_dash_m_reports_findings_with_exit_1(repo: Path) -> None:
    expected = _install(repo, "FT104-unquoted-version.yaml", "FT005-duplicate-key.yaml")
    result = run_module("validate", "--today", TODAY, cwd=repo)
    assert (result.code, result.lines, result.err) == (1, expected, "")


def test_python_dash_m_input_error_exits_2_without_traceback(tmp_path: Path) -> None:
    result = run_module("validate", cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("ftgitops: error: no ftgitops.yaml in ")
    assert len(result.err.splitlines()) == 1
    assert "Traceback" not in result.err


def test_each_crash_gets_its_own_log_named_in_the_message(
    repo: Path, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Concurrent runs used to overwrite one fixed /tmp/ftgitops-crash.log."""
    logs = tmp_path / "tmp"
    logs.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(logs))
    crashes = iter(("first bug", "second bug"))

    def crash(args: argparse.Namespace) -> int:
        raise RuntimeError(next(crashes))

    monkeypatch.setattr(validate_command, "run", crash)
    results = [cli("--root", repo, "validate") for _ in range(2)]
    named = []
    for result in results:
        assert (result.code, result.out) == (3, "")
        match = re.fullmatch(
            r"ftgitops: internal error \(RuntimeError\); details in (\S+)\n", result.err
        )
        assert match is not None, result.err
        named.append(Path(match[1]))
    assert sorted(logs.iterdir()) == sorted(named)
    assert named[0] != named[1]
    for log, message in zip(named, ("first bug", "second bug"), strict=True):
        assert log.name.startswith("ftgitops-crash-") and log.suffix == ".log"
        text = log.read_text(encoding="utf-8")
        assert text.startswith("Traceback (most recent call last):")
        assert text.endswith(f"RuntimeError: {message}\n")
        assert log.stat().st_mode & 0o777 == 0o600  # it may quote data
