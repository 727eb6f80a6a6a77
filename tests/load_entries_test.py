"""What each entry where data lives is: told from a git tree's modes and a folder's listing."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ftgitops.findings import Finding
from ftgitops.load.entries import (
    NotAFile,
    data_named_folder,
    in_data_area,
    read_regular,
    scan_directory,
    tree_listing,
)

LINK = "120000"
GITLINK = "160000"
FILE = "100644"


def _codes(problems: dict[str, Finding]) -> dict[str, str]:
    return {path: finding.code for path, finding in problems.items()}


def test_a_git_tree_lists_data_files_and_reports_every_other_entry_where_data_lives() -> None:
    listing = tree_listing(
        [
            ("ftgitops.yaml", FILE),
            ("README.md", FILE),
            ("site/link.yaml", LINK),  # not where data lives: not read, not reported
            ("changes/2026/CHG-2026-0001.yaml", "100755"),
            ("changes/2026/CHG-2026-0002.yaml", LINK),
            ("changes/2026/notes.md", FILE),
            ("changes/2026/CHG-2026-0003.YAML", FILE),
            ("changes/2026/CHG-2026-0004.yaml/a.yaml", FILE),
            ("changes/2026/CHG-2026-0004.yaml/b.txt", FILE),
            ("changes/2027", LINK),
            ("changes/vendor", GITLINK),
            ("tenants", LINK),
        ]
    )
    assert listing.files == ["changes/2026/CHG-2026-0001.yaml", "ftgitops.yaml"]
    assert _codes(listing.problems) == {
        "changes/2026/CHG-2026-0002.yaml": "FT012",
        "changes/2026/CHG-2026-0003.YAML": "FT013",
        "changes/2026/CHG-2026-0004.yaml": "FT013",  # once, for the folder
        "changes/2027": "FT012",
        "changes/vendor": "FT012",
        "tenants": "FT012",
    }
    assert listing.paths() == sorted([*listing.files, *listing.problems])


@pytest.mark.parametrize(
    ("relative", "folder"),
    [
        ("changes/2026/CHG-2026-0001.yaml", None),
        ("changes/2026/CHG-2026-0001.yaml/x", "changes/2026/CHG-2026-0001.yaml"),
        ("changes/a.YML/b.yaml/c", "changes/a.YML"),
        ("ftgitops.yaml/x", "ftgitops.yaml"),
    ],
)
def test_a_folder_named_like_a_data_file_in_any_case(relative: str, folder: str | None) -> None:
    assert data_named_folder(relative) == folder


@pytest.mark.parametrize(
    ("relative", "inside"),
    [("ftgitops.yaml", True), ("tenants", True), ("changes/x", True), ("changesx/a.yaml", False)],
)
def test_the_data_area(relative: str, inside: bool) -> None:
    assert in_data_area(relative) is inside


def test_a_folder_lists_as_its_git_tree_would(tmp_path: Path) -> None:
    (tmp_path / "ftgitops.yaml").write_text("a: 1\n")
    year = tmp_path / "changes" / "2026"
    year.mkdir(parents=True)
    (year / "CHG-2026-0001.yaml").write_text("a: 1\n")
    (year / "CHG-2026-0002.yaml").symlink_to("/etc/passwd")
    (year / "notes.md").write_text("not data\n")
    (year / "CHG-2026-0003.YAML").write_text("a: 1\n")
    (year / "CHG-2026-0004.yaml").mkdir()
    (year / "CHG-2026-0004.yaml" / "a.yaml").write_text("a: 1\n")
    (tmp_path / "changes" / "2027").symlink_to("/etc")
    (tmp_path / "tenants").symlink_to("/etc")
    listing = scan_directory(tmp_path)
    assert listing.files == ["changes/2026/CHG-2026-0001.yaml", "ftgitops.yaml"]
    assert _codes(listing.problems) == {
        "changes/2026/CHG-2026-0002.yaml": "FT012",
        "changes/2026/CHG-2026-0003.YAML": "FT013",
        "changes/2026/CHG-2026-0004.yaml": "FT013",
        "changes/2027": "FT012",
        "tenants": "FT012",
    }
    assert scan_directory(tmp_path, platform_only=True) == (["ftgitops.yaml"], {})


def test_any_nesting_is_walked_without_recursion(tmp_path: Path) -> None:
    folders = [tmp_path / "changes"]
    for _ in range(1100):  # past Python's recursion limit (which `mkdir(parents=True)` meets)
        folders.append(folders[-1] / "d")
    for folder in folders:
        folder.mkdir()
    (folders[-1] / "CHG-2026-0001.yaml").write_text("a: 1\n")
    try:
        assert scan_directory(tmp_path).files == [f"changes/{'d/' * 1100}CHG-2026-0001.yaml"]
    finally:  # pytest's clean-up of old temp folders recurses too: leave nothing that deep
        (folders[-1] / "CHG-2026-0001.yaml").unlink()
        for folder in reversed(folders):
            folder.rmdir()


def test_a_folder_that_cannot_be_listed_is_ft001_not_left_out(tmp_path: Path) -> None:
    """Here, one nested past the longest path the system takes (root reads anything else)."""
    (tmp_path / "changes").mkdir()
    handle = os.open(tmp_path / "changes", os.O_RDONLY)
    name = "x" * 250
    for _ in range(20):
        os.mkdir(name, dir_fd=handle)
        inner = os.open(name, os.O_RDONLY, dir_fd=handle)
        os.close(handle)
        handle = inner
    os.close(handle)
    listing = scan_directory(tmp_path)
    [(path, finding)] = listing.problems.items()
    assert path.startswith("changes/xxx") and len(path.split("/")) < 20
    assert (finding.code, finding.message) == (
        "FT001",
        "cannot read the folder: File name too long",
    )


def test_a_fifo_is_never_opened_for_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "CHG-2026-0001.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(NotAFile) as raised:
        read_regular(fifo)
    assert raised.value.what == "fifo"
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda p: p.symlink_to("/etc/passwd"), "symlink"),
        (lambda p: p.symlink_to("nowhere"), "symlink"),
        (lambda p: p.mkdir(), "folder"),
        (lambda p: os.mknod(p, stat.S_IFSOCK | 0o600), "socket"),
    ],
)
def test_only_a_regular_file_is_read(
    make: Callable[[Path], object], what: str, tmp_path: Path
) -> None:
    path = tmp_path / "CHG-2026-0001.yaml"
    make(path)
    with pytest.raises(NotAFile) as raised:
        read_regular(path)
    assert raised.value.what == what


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "CHG-2026-0001.yaml"
    path.write_bytes(b"id: x\n")
    assert read_regular(path) == b"id: x\n"
