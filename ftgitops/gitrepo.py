"""Git access for the pull-request check and the site's history: the one module that
imports GitPython.

GitPython is in maintenance mode, so it stays behind this wall: the rest of the package sees
plain records (commit shas, changed files with blob shas, file bytes, who touched what when),
never a GitPython object. Trees are read straight from git objects, so no checkout is needed
or disturbed. Whatever is read in bulk (a tree's blobs, every version of every file) goes
through one git process and one stream, never a round trip per object.
"""

from __future__ import annotations

import errno
import re
import subprocess
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import git
from git.exc import BadName, BadObject

from ftgitops.errors import FtgitopsError

CHANGE_TYPES = {"A": "added", "C": "added", "D": "deleted", "M": "modified", "R": "renamed"}
REGULAR_FILE_MODES = ("100644", "100755")
REGULAR_MODES = (0o100644, 0o100755)  # the same, as GitPython's diffs give them
RECORD, FIELD = "\x1e", "\x1f"  # start each commit of the log, separate its header's fields
# `git ls-tree -r -z` records: mode, type, sha, a tab, the path, a NUL.
TREE_RECORD = re.compile(r"(\d+) (\w+) ([0-9a-f]+)\t([^\0]*)\0")


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
    """An entry of a commit's tree: its path, its object's sha, and its mode (`100644` or
    `100755` for a regular file, `120000` a symbolic link, `160000` a submodule)."""

    path: str
    sha: str
    mode: str = "100644"

    @property
    def regular(self) -> bool:
        """Whether the entry is a regular file (its sha a blob of the file's bytes)."""
        return self.mode in REGULAR_FILE_MODES


class Touch(NamedTuple):
    """One commit's change to one file: the commit, its author's date and name, the path, and
    the file's blob after it (None when the commit deleted it or left no regular file)."""

    sha: str
    at: datetime
    author: str
    path: str
    blob: str | None


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
        """Files, links and submodules added, modified, deleted or renamed from one commit to
        the other, by path; a side's sha is None unless it is a regular file's blob."""
        base, head = self._repo.commit(base_sha), self._repo.commit(head_sha)
        changes = [
            FileChange(
                CHANGE_TYPES.get(diff.change_type or "M", "modified"),
                diff.a_path if diff.a_blob else None,
                diff.b_path if diff.b_blob else None,
                diff.a_blob.hexsha if diff.a_blob and diff.a_mode in REGULAR_MODES else None,
                diff.b_blob.hexsha if diff.b_blob and diff.b_mode in REGULAR_MODES else None,
            )
            for diff in base.diff(head)
        ]
        return sorted(changes, key=lambda change: change.path)

    def tree_entries(self, commit_sha: str, wanted: Callable[[str], bool]) -> list[TreeEntry]:
        """The files, links and submodules of a commit's tree whose path is `wanted`, sorted
        by path (`TreeEntry.regular` tells the files)."""
        listing = self._repo.git.ls_tree("-r", "-z", "--full-tree", commit_sha)
        entries = [
            TreeEntry(path, sha, mode)
            for mode, kind, sha, path in TREE_RECORD.findall(listing)
            if kind in ("blob", "commit") and wanted(path)
        ]
        return sorted(entries)

    def read_blob(self, sha: str) -> bytes:
        """The content of one blob (a round trip to git: for many, `read_blobs`); OSError
        when git does not have it (a shallow or partial clone, a damaged repository)."""
        try:
            data: bytes = self._repo.odb.stream(bytes.fromhex(sha)).read()
        except (ValueError, BadObject):
            reason = f"its blob {sha[:12]} is not in the repository (fetch it)"
            raise FileNotFoundError(errno.ENOENT, reason, sha) from None
        return data

    def read_blobs(self, shas: Iterable[str]) -> dict[str, bytes]:
        """The content of many blobs by sha, through one `git cat-file --batch` stream.

        Every sha is written at once and every answer read at once (`communicate` keeps both
        pipes moving), so the cost is one process, not a round trip per blob: that round
        trip was 29% of a cold check over 10,000 files. A sha git does not have is left out.
        Shas are asked in the order given (a tree's order reads its pack more sequentially).
        """
        wanted = list(dict.fromkeys(shas))
        if not wanted:
            return {}
        process = self._repo.git.cat_file(
            "--batch", "--buffer", istream=subprocess.PIPE, as_process=True
        )
        output, errors = process.proc.communicate("".join(f"{sha}\n" for sha in wanted).encode())
        if process.proc.returncode != 0:
            message = errors.decode("utf-8", errors="replace").strip()
            raise FtgitopsError(f"git cat-file failed: {message}")
        return batch_contents(output)

    def log_touches(self, folders: Sequence[str]) -> list[Touch]:
        """Every file each commit changed under the folders, newest commit first.

        Folders and paths are relative to the top of the work tree. Renames are a deletion
        and an addition, and merges show no files, as in `git log --raw --no-renames`. A
        repository without commits has no touches.
        """
        if not self._repo.head.is_valid():
            return []
        header = RECORD + FIELD.join(("%H", "%aI", "%an"))  # `-z` ends it with a NUL
        options = ("-z", "--raw", "--no-renames", "--no-abbrev", f"--format={header}")
        try:
            output: bytes = self._repo.git.log(*options, "--", *folders, stdout_as_string=False)
        except git.GitCommandError as error:
            raise FtgitopsError(f"git log failed: {str(error.stderr).strip()}") from None
        return parse_touches(output.decode("utf-8", errors="replace"))

    def read_files(self, commit_sha: str, wanted: Callable[[str], bool]) -> list[tuple[str, bytes]]:
        """`(path, bytes)` for every wanted regular file of a commit's tree."""
        entries = [e for e in self.tree_entries(commit_sha, wanted) if e.regular]
        blobs = self.read_blobs(entry.sha for entry in entries)
        return [(entry.path, blobs[entry.sha]) for entry in entries]

    def close(self) -> None:
        """Stop the git helper processes."""
        self._repo.close()


def batch_contents(output: bytes) -> dict[str, bytes]:
    """`{sha: bytes}` from `git cat-file --batch` output: a `<sha> <type> <size>` line, the
    bytes and a newline per object; a `<sha> missing` line for an object git does not have."""
    found: dict[str, bytes] = {}
    position = 0
    while position < len(output):
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3:
            size = int(header[2])
            found[header[0].decode("ascii")] = output[position : position + size]
            position += size + 1
    return found


def parse_touches(output: str) -> list[Touch]:
    """The touches in `git log -z --raw` output whose commits start with `RECORD`."""
    touches = []
    for record in output.split(RECORD)[1:]:
        header, _, body = record.partition("\0")
        sha, at, author = header.split(FIELD, 2)
        when = datetime.fromisoformat(at)
        fields = body.lstrip("\n").split("\0")
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            if meta.startswith(":"):
                touches.append(Touch(sha, when, author, path, _new_blob(meta)))
    return touches


def _new_blob(meta: str) -> str | None:
    """The blob after the change, from `:<old mode> <new mode> <old sha> <new sha> <status>`."""
    _, new_mode, _, new_sha, _ = meta.split(" ", 4)
    if not new_sha.strip("0") or new_mode not in REGULAR_FILE_MODES:  # all zeros: no blob
        return None
    return new_sha
