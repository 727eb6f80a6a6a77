"""How the check reads blobs: what the cache lacks comes in one batch per side, never one
round trip per file, and a warm check reads none."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

import pytest
from gitfixture import CHG2, CHG3, NOW, commit, edit, make_repo

from ftgitops.check.cache import CACHE_FOLDER, CheckCache
from ftgitops.check.run import CheckOptions, run_check
from ftgitops.check.treesource import BlobReader
from ftgitops.gitrepo import GitRepo
from ftgitops.load.sources import is_data_path


class Reads:
    """Every `read_blobs` batch and every single `read_blob` the check asked git for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.batches: list[set[str]] = []
        self.singles: list[str] = []
        batch, single = GitRepo.read_blobs, GitRepo.read_blob

        def read_blobs(repo: GitRepo, shas: Iterable[str]) -> dict[str, bytes]:
            wanted = set(shas)
            self.batches.append(wanted)
            return batch(repo, wanted)

        def read_blob(repo: GitRepo, sha: str) -> bytes:
            self.singles.append(sha)
            return single(repo, sha)

        monkeypatch.setattr(GitRepo, "read_blobs", read_blobs)
        monkeypatch.setattr(GitRepo, "read_blob", read_blob)


def head_blobs(root: Path, wanted: Callable[[str], bool] = is_data_path) -> set[str]:
    repo = GitRepo(root)
    try:
        return {e.sha for e in repo.tree_entries(repo.resolve("HEAD"), wanted)}
    finally:
        repo.close()


def check(root: Path) -> int:
    report = run_check(root, CheckOptions("main", "HEAD", datetime.fromisoformat(NOW)))
    return len(report.findings)


def test_a_cold_check_reads_each_side_in_one_batch_and_a_warm_one_reads_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, "title: ", "title: Retitled ")
    edit(root, CHG3, "status: draft", "status: proposed")
    commit(root)
    reads = Reads(monkeypatch)
    check(root)
    head, base_side = reads.batches
    assert head == head_blobs(root)  # every data file of the head, at once
    assert len(base_side) == 2  # the two changed files' base versions
    assert reads.singles == []
    reads.batches.clear()
    check(root)
    assert reads.batches == [] and reads.singles == []


def test_after_an_edit_only_the_new_blob_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG3, "status: draft", "status: proposed")
    commit(root)
    check(root)
    edit(root, CHG3, "title: ", "title: Retitled ")
    commit(root, "again")
    reads = Reads(monkeypatch)
    check(root)
    assert reads.batches == [head_blobs(root, lambda path: path == CHG3)]
    assert reads.singles == []


def test_a_blob_outside_the_batch_is_read_on_its_own_and_each_is_handed_out_once(
    tmp_path: Path,
) -> None:
    root = make_repo(tmp_path / "repo")
    repo = GitRepo(root)
    entries = repo.tree_entries(repo.resolve("HEAD"), is_data_path)
    first, second = entries[0], entries[1]
    read = BlobReader(repo, CheckCache(None, "v"), [(first.path, first.sha)])
    assert read(second.sha) == repo.read_blob(second.sha)
    assert read(first.sha) == (root / first.path).read_bytes()
    assert read(first.sha) == (root / first.path).read_bytes()  # again: on its own
    assert not (root / ".git" / CACHE_FOLDER).exists()
    repo.close()
