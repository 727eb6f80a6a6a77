"""Atomic writes: the old content or the new, never half, and no temp file left behind."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pytest

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
