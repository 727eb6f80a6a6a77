"""Atomic writes: the old content or the new, never half, and no temp file left behind."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pytest
from conftest import umask

from ftgitops.atomic import replace_file, write_text
from ftgitops.errors import FtgitopsError


def test_write_text_replaces_the_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "CODEOWNERS"
    target.write_text("old\n", encoding="utf-8")
    write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CODEOWNERS"]


def test_a_failed_write_keeps_the_old_content(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("last good\n", encoding="utf-8")

    def half_then_fail(stream: IO[bytes]) -> None:
        stream.write(b"half")
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        replace_file(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "last good\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_an_unwritable_place_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "comment.md"
    with pytest.raises(FtgitopsError, match=r"cannot write .*comment\.md"):
        write_text(target, "text")


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_open_gives_under_the_umask(
    mask: int, mode: int, tmp_path: Path
) -> None:
    """Not mkstemp's 0600: a generated file is as readable as any other the user makes."""
    target = tmp_path / "CODEOWNERS"
    with umask(mask):
        write_text(target, "new\n")
    assert target.stat().st_mode & 0o7777 == mode


@pytest.mark.parametrize("mode", [0o600, 0o644, 0o755, 0o664])
def test_a_replaced_file_keeps_its_mode_whatever_the_umask(mode: int, tmp_path: Path) -> None:
    target = tmp_path / "CODEOWNERS"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(mode)
    with umask(0o077):
        write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o7777 == mode
