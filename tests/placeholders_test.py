"""Placeholders (FT313): the check blocks a reviewed item that still says TODO; a draft may."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gitfixture import CHG2, CHG3, NOW, commit, edit, make_repo

from ftgitops.main import main


def _findings(capsys: pytest.CaptureFixture[str], root: Path) -> list[tuple[str, str, str]]:
    main(["--root", str(root), "check", "--base", "main", "--now", NOW, "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    return [(f["file"], f["code"], f["path"]) for f in document["findings"]]


def test_an_approved_change_with_placeholders_is_blocked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, "category:", "description: 'TODO: what is done and why.'\ncategory:")
    edit(root, CHG2, "Restore the previous key pair from the vault.", "'TODO: how to undo it'")
    commit(root)
    assert _findings(capsys, root) == [
        (CHG2, "FT313", "$.description"),
        (CHG2, "FT313", "$.rollback.plan"),
    ]


def test_a_draft_may_keep_its_placeholders_until_it_is_proposed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG3, "category:", "description: 'TODO: what is done and why.'\ncategory:")
    commit(root)
    assert _findings(capsys, root) == []
    edit(root, CHG3, "status: draft", "status: proposed")
    commit(root)
    assert _findings(capsys, root) == [(CHG3, "FT313", "$.description")]
