"""Files are files: whatever stands where a data file is expected and is not one is an error
with a code in `validate`, `build` and `check` alike, never followed, never ignored, never
waited on.

Each case is made in a work tree (validate and build run as a user runs them, in a child
process with a time limit, so a FIFO that blocked them would fail here rather than hang) and,
when git can hold it, committed on a branch for the check.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import MINIMAL, run_module
from gitfixture import NOW, commit, git, make_repo
from site_helpers import HOSTILE, copy_fixture
from site_helpers import NOW as SITE_NOW

from ftgitops.main import main

LINK = "not a regular file but a symbolic link (never followed): replace it with what it points to"
FOLDER = "a folder named like a data file (nothing in it is read): rename it"
CASE = "the extension must be lower case (.yaml or .yml): rename it to "
CHANGE = "changes/2026/CHG-2026-0090.yaml"
CONTENT = (MINIMAL / "changes/2026/CHG-2026-0001.yaml").read_text(encoding="utf-8")


def _folder(root: Path, path: Path) -> None:
    path.mkdir()
    (path / "CHG-2026-0090.yaml").write_text(CONTENT, encoding="utf-8")  # never read


def _gitlink(root: Path, path: Path) -> None:
    """A submodule as a clone has it before `git submodule update`: an empty folder."""
    path.mkdir()
    sha = git(root, "rev-parse", "HEAD").strip()
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{sha},{path.relative_to(root)}")


def _checked_out_submodule(root: Path, path: Path) -> None:
    path.mkdir()
    (path / ".git").write_text("gitdir: ../../.git/modules/sub\n", encoding="utf-8")
    (path / "CHG-2026-0090.yaml").write_text(CONTENT, encoding="utf-8")


def _platform_link(root: Path, path: Path) -> None:
    path.rename(root / "platform.yaml")
    path.symlink_to("platform.yaml")


def _platform_folder(root: Path, path: Path) -> None:
    path.rename(root / "platform.yaml")
    path.mkdir()
    (root / "platform.yaml").rename(path / "ftgitops.yaml")


def _device(root: Path, path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("making a device needs CAP_MKNOD")


class Case(NamedTuple):
    """An entry made at `path` by `make(root, full path)`, and the one finding it gives."""

    path: str
    make: Callable[[Path, Path], object]
    message: str
    on_disk: bool = True
    in_git: bool = True
    alone: bool = True  # False: what it hides is missed too (the files of a linked folder)
    files: int = 11  # what validate counts in the site fixture (10 files) with it

    @property
    def line(self) -> str:
        code = "FT013" if self.message == FOLDER or self.message.startswith(CASE) else "FT012"
        return f"{self.path}:1:1: error[{code}]: {self.message}"


CASES = {
    "symlink-to-etc-passwd": Case(CHANGE, lambda _, p: p.symlink_to("/etc/passwd"), LINK),
    "dangling-symlink": Case(CHANGE, lambda _, p: p.symlink_to("nowhere.yaml"), LINK),
    "looping-symlink": Case(CHANGE, lambda _, p: p.symlink_to(p.name), LINK),
    "symlinked-folder": Case("changes/2027", lambda _, p: p.symlink_to("/etc"), LINK),
    "symlinked-data-folder": Case("tenants", lambda _, p: p.symlink_to("/etc"), LINK, alone=False),
    "symlinked-tenant": Case(
        "tenants/acme.yaml", lambda _, p: p.symlink_to("../ftgitops.yaml"), LINK
    ),
    "platform-symlink": Case("ftgitops.yaml", _platform_link, LINK, files=10),
    "platform-folder": Case("ftgitops.yaml", _platform_folder, FOLDER, files=10),
    "fifo": Case(
        CHANGE,
        lambda _, p: os.mkfifo(p),
        "not a regular file but a FIFO (named pipe): remove it",
        in_git=False,
    ),
    "socket": Case(
        CHANGE,
        lambda _, p: os.mknod(p, stat.S_IFSOCK | 0o600),
        "not a regular file but a socket: remove it",
        in_git=False,
    ),
    "device": Case(CHANGE, _device, "not a regular file but a device: remove it", in_git=False),
    "submodule": Case(
        "changes/2026/vendor",
        _gitlink,
        "not a regular file but a git submodule: put the data files in this repository",
        on_disk=False,
    ),
    "checked-out-submodule": Case(
        "changes/2026/vendor",
        _checked_out_submodule,
        "not a regular file but a git submodule: put the data files in this repository",
        in_git=False,
    ),
    "folder-named-like-a-file": Case(CHANGE, _folder, FOLDER),
    "upper-case-extension": Case(
        "changes/2026/CHG-2026-0090.YAML",
        lambda _, p: p.write_text(CONTENT, encoding="utf-8"),
        CASE + "CHG-2026-0090.yaml",
    ),
    "mixed-case-extension": Case(
        "tenants/acme.Yml",
        lambda _, p: p.write_text("id: acme\n", encoding="utf-8"),
        CASE + "acme.yml",
    ),
}
ON_DISK = [name for name, case in CASES.items() if case.on_disk]
IN_GIT = [name for name, case in CASES.items() if case.in_git]


def _make(root: Path, case: Case) -> None:
    path = root / case.path
    if path.is_dir() and not path.is_symlink():
        for child in path.iterdir():
            child.unlink()
        path.rmdir()
    case.make(root, path)


@pytest.mark.parametrize("name", ON_DISK)
def test_validate_and_build_report_it_at_once(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    root = copy_fixture(tmp_path / "repo", HOSTILE)  # validates clean, and builds
    _make(root, case)
    validated = run_module("validate", "--now", SITE_NOW, cwd=root)  # each run has a time limit
    assert (validated.code, validated.err) == (1, "")
    if case.alone:
        assert validated.out == f"{case.line}\n1 error, 0 warnings in {case.files} files\n"
    else:
        assert case.line in validated.out.splitlines()
    built = run_module("build", cwd=root)
    assert built.code == 2
    assert case.line in built.err if case.alone else "FT202" in built.err  # tenants vanished
    assert not (root / "public").exists()


@pytest.mark.parametrize("name", ON_DISK)
def test_validate_names_it_when_given_its_path(name: str, tmp_path: Path) -> None:
    """As the pre-commit hook passes it: the link itself, not what it points to."""
    case = CASES[name]
    root = copy_fixture(tmp_path / "repo", HOSTILE)
    _make(root, case)
    validated = run_module("validate", "--now", SITE_NOW, case.path, cwd=root)
    assert (validated.code, validated.out, validated.err) == (
        1,
        f"{case.line}\n1 error, 0 warnings in 1 file\n",
        "",
    )


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """`ftgitops check --base main --internal` (paths in the clear): exit code, output lines."""
    code = main(["--root", str(root), "check", "--base", "main", "--now", NOW, "--internal"])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("name", IN_GIT)
def test_the_check_blocks_it_when_a_branch_commits_it(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    case = CASES[name]
    root = make_repo(tmp_path / "repo", MINIMAL)
    _make(root, case)
    commit(root, name)
    code, out = _check(root, capsys)
    assert code == 1
    findings = [line for line in out if ": error[" in line or ": warning[" in line]
    assert findings == [case.line] if case.alone else case.line in findings
    assert out[-1].startswith("blocked: ")


def test_a_file_inside_a_folder_named_like_a_file_is_reported_as_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git holds files, not folders: the check names the folder the added file lies in."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    root = make_repo(tmp_path / "repo", MINIMAL)
    (root / CHANGE).mkdir()
    (root / CHANGE / "notes.txt").write_text("not even YAML\n", encoding="utf-8")
    commit(root)
    code, out = _check(root, capsys)
    assert code == 1
    assert f"  added: {CHANGE}/notes.txt" in out
    assert f"{CHANGE}:1:1: error[FT013]: {FOLDER}" in out


def test_a_regular_file_replaced_by_a_link_is_blocked_and_not_parsed_as_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    root = make_repo(tmp_path / "repo", MINIMAL)
    target = root / "changes/2026/CHG-2026-0001.yaml"
    target.unlink()
    target.symlink_to("/etc/hostname")
    commit(root)
    code, out = _check(root, capsys)
    assert code == 1
    findings = [line for line in out if ": error[" in line]
    assert findings == [f"changes/2026/CHG-2026-0001.yaml:1:1: error[FT012]: {LINK}"]
