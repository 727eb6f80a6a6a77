"""The pre-commit hook other repositories use, run as pre-commit would run it."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, PROJECT_ROOT, TODAY, install_example, read_example

from ftgitops.load import documents


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "ftgitops-validate"]
    return dict(hook)


def test_hook_is_declared_for_a_python_install() -> None:
    hook = _hook()
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert shlex.split(hook["entry"])[:2] == ["ftgitops", "validate"]


@pytest.mark.parametrize(
    "path",
    [
        "ftgitops.yaml",
        "ftgitops.yml",
        "tenants/harbour-staffing.yaml",
        "changes/2026/CHG-2026-0001.yaml",
        "changes/2027/MNT-2027-0001.yml",
        "changes/2026/CHG-2026-0001.YAML",  # for FT013
        "tenants/harbour-staffing.Yml",
    ],
)
def test_hook_files_pattern_matches_data_files(path: str) -> None:
    assert re.search(_hook()["files"], path)


def test_hook_is_given_links_too() -> None:
    """pre-commit passes regular files only, unless told: a committed link would slip by."""
    assert _hook()["types_or"] == ["file", "symlink"]


@pytest.mark.parametrize(
    "path",
    [
        "README.md",
        "mkdocs.yml",
        ".pre-commit-config.yaml",
        ".github/workflows/check.yaml",
        "schemas/change.schema.json",
        "ftgitops/schemas/change.schema.json",
        "tests/fixtures/minimal/ftgitops.yaml",
        "tests/fixtures/minimal/changes/2026/CHG-2026-0001.yaml",
        "changes/2026/notes.md",
        "tenants/README.txt",
        "site/ftgitops.yaml",
    ],
)
def test_hook_files_pattern_leaves_other_files_alone(path: str) -> None:
    assert not re.search(_hook()["files"], path)


def _run_hook(root: Path) -> subprocess.CompletedProcess[str]:
    """Run the hook's entry as pre-commit does: from the root, with the matching files; the
    clock fixed (`args: [--now, ...]` in a hook's configuration) as every test fixes it."""
    hook = _hook()
    entry = shlex.split(hook["entry"])
    if entry[0] == "ftgitops":
        entry = [sys.executable, "-m", "ftgitops", *entry[1:]]
    files = [path for path in documents.discover(root) if re.search(hook["files"], path)]
    return subprocess.run(
        [*entry, "--now", TODAY, *files],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_hook_passes_a_valid_repository_and_fails_a_broken_one(repo: Path) -> None:
    clean = _run_hook(repo)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "no problems in 7 files\n", "")
    example = read_example(EXAMPLES / "negative" / "FT201-unknown-owner.yaml")
    install_example(example, repo)
    broken = _run_hook(repo)
    assert broken.returncode == 1
    assert broken.stdout.splitlines()[:-1] == example.expected
    assert broken.stderr == ""


@pytest.mark.parametrize(
    "name", ["FT012-symlink-to-etc-passwd.yaml", "FT013-upper-case-extension.yaml"]
)
def test_hook_fails_a_link_or_a_wrong_case_extension(name: str, repo: Path) -> None:
    example = read_example(EXAMPLES / "negative" / name)
    install_example(example, repo)
    broken = _run_hook(repo)
    assert (broken.returncode, broken.stdout.splitlines()[:-1]) == (1, example.expected)
