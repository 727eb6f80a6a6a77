"""Git access for the pull-request check: the one module that imports GitPython.

GitPython is in maintenance mode, so it stays behind this wall: the rest of the package sees
plain records (commit shas, changed files with blob shas, file bytes), never a GitPython
object. Trees are read straight from git objects, so no checkout is needed or disturbed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import git
from git.exc import BadName, BadObject

from ftgitops.errors import FtgitopsError

CHANGE_TYPES = {"A": "added", "C": "added", "D": "deleted", "M": "modified", "R": "renamed"}
REGULAR_FILE_MODES = ("100644", "100755")


class FileChange(NamedTuple):
    """One file changed between two commits; `a_*` is the base side, `b_*` the head side."""

    status: str  # added | modified | deleted | renamed
    a_path: str | None
    b_path: str | None
    a_sha: str | None
    b_sha: str | None

    @property
    def path(self) -> str:
        """The file's path on the head side, or the base side for a deleted file."""
        return self.b_path or self.a_path or ""


class TreeEntry(NamedTuple):
    """A regular file in a commit's tree: its path and its blob sha."""

    path: str
    sha: str


class GitRepo:
    """A repository on disk, asked for commits, diffs and blobs."""

    def __init__(self, root: Path) -> None:
        try:
            self._repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise FtgitopsError(f"{root} is not inside a git repository") from None

    @property
    def git_dir(self) -> Path:
        """The `.git` folder (where a cache may live without being committed)."""
        return Path(self._repo.git_dir)

    @property
    def work_tree(self) -> Path:
        """The top folder of the working tree."""
        return Path(self._repo.working_tree_dir or self._repo.git_dir)

    def resolve(self, ref: str) -> str:
        """The commit sha a revision names; an unknown revision is a clear input error."""
        try:
            return str(self._repo.commit(ref).hexsha)
        except (BadName, BadObject, ValueError, git.GitCommandError):
            hint = "fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0)"
            raise FtgitopsError(f"unknown git revision {ref!r}: {hint}") from None

    def merge_base(self, base: str, head: str) -> str:
        """The best common ancestor of two revisions, as a sha."""
        base_sha, head_sha = self.resolve(base), self.resolve(head)
        bases = self._repo.merge_base(base_sha, head_sha)
        if not bases:
            raise FtgitopsError(f"{base!r} and {head!r} have no common history")
        return str(bases[0].hexsha)

    def changed_files(self, base_sha: str, head_sha: str) -> list[FileChange]:
        """Files added, modified, deleted or renamed from one commit to the other, by path."""
        base, head = self._repo.commit(base_sha), self._repo.commit(head_sha)
        changes = [
            FileChange(
                CHANGE_TYPES.get(diff.change_type or "M", "modified"),
                diff.a_path if diff.a_blob else None,
                diff.b_path if diff.b_blob else None,
                diff.a_blob.hexsha if diff.a_blob else None,
                diff.b_blob.hexsha if diff.b_blob else None,
            )
            for diff in base.diff(head)
        ]
        return sorted(changes, key=lambda change: change.path)

    def tree_entries(self, commit_sha: str, wanted: Callable[[str], bool]) -> list[TreeEntry]:
        """The regular files of a commit's tree whose path is `wanted`, sorted by path."""
        listing = self._repo.git.ls_tree("-r", "-z", "--full-tree", commit_sha)
        entries = []
        for record in listing.split("\0"):
            if not record:
                continue
            meta, path = record.split("\t", 1)
            mode, kind, sha = meta.split()
            if kind == "blob" and mode in REGULAR_FILE_MODES and wanted(path):
                entries.append(TreeEntry(path, sha))
        return sorted(entries)

    def read_blob(self, sha: str) -> bytes:
        """The content of one blob."""
        data: bytes = self._repo.odb.stream(bytes.fromhex(sha)).read()
        return data

    def read_files(self, commit_sha: str, wanted: Callable[[str], bool]) -> list[tuple[str, bytes]]:
        """`(path, bytes)` for every wanted regular file of a commit's tree."""
        return [(e.path, self.read_blob(e.sha)) for e in self.tree_entries(commit_sha, wanted)]

    def close(self) -> None:
        """Stop the git helper processes."""
        self._repo.close()
