"""Files are files: what each entry where data lives is, told alike in a folder and a git tree.

Data lives in `ftgitops.yaml` and under `tenants/` and `changes/`, and data files are regular
files. Anything else there is reported, never followed and never left out:

- FT012, not a regular file: a symbolic link (to `/etc/passwd`, to nothing, to itself, or a
  folder `changes/2027 -> /etc` whose files would vanish), a git submodule, a FIFO (opening
  one waits forever), a device or a socket;
- FT013, a folder named like a data file (`CHG-2026-0090.yaml/`), or a file whose extension
  is not lower case (`.YAML`, `.Yml`), which nothing would otherwise read.

On disk, entries are told apart by their `scandir`/`lstat` type and a file is opened only
once it is known to be regular (and then with `O_NOFOLLOW | O_NONBLOCK`, in case it changed
since); in git, by the tree entry's mode. Either way the result is a `Listing`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from ftgitops.findings import Finding

PLATFORM_FILE = "ftgitops.yaml"
DATA_FOLDERS = ("tenants", "changes")
YAML_SUFFIXES = (".yaml", ".yml")
GIT_MODES = {"120000": "symlink", "160000": "submodule"}  # the rest are regular files
NOT_REGULAR = {  # FT012: what the entry is, and what to do
    "symlink": "a symbolic link (never followed): replace it with what it points to",
    "submodule": "a git submodule: put the data files in this repository",
    "fifo": "a FIFO (named pipe): remove it",
    "device": "a device: remove it",
    "socket": "a socket: remove it",
}


class NotAFile(OSError):
    """An entry that is not a regular file, found when about to read it."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class Listing(NamedTuple):
    """The data files of a tree (regular, sorted) and the findings on every other entry."""

    files: list[str]
    problems: dict[str, Finding]

    def paths(self) -> list[str]:
        """Every entry to report on: the data files and the odd entries, sorted."""
        return sorted([*self.files, *self.problems])


def is_data_path(relative: str) -> bool:
    """Whether a regular file at the path is a data file: the platform file or YAML in a data
    folder."""
    if relative == PLATFORM_FILE:
        return True
    return relative.startswith(tuple(f"{f}/" for f in DATA_FOLDERS)) and relative.endswith(
        YAML_SUFFIXES
    )


def in_data_area(relative: str) -> bool:
    """Whether a path is the platform file, a data folder, or lies in either."""
    top = relative.split("/", 1)[0]
    return top == PLATFORM_FILE or top in DATA_FOLDERS


def problem(relative: str, what: str) -> Finding:
    """The finding on an entry that is not a data file's regular file (`what` it is instead)."""
    if what in NOT_REGULAR:
        return _at(relative, "FT012", f"not a regular file but {NOT_REGULAR[what]}")
    if what == "folder":
        message = "a folder named like a data file (nothing in it is read): rename it"
        return _at(relative, "FT013", message)
    name = PurePosixPath(relative).name
    stem, _, suffix = name.rpartition(".")
    return _at(
        relative,
        "FT013",
        f"the extension must be lower case (.yaml or .yml): rename it to {stem}.{suffix.lower()}",
    )


def _at(relative: str, code: str, message: str) -> Finding:
    return Finding(code, message, relative, line=1, column=1)


def _data_named(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES)


def _wrong_case(name: str) -> bool:
    return _data_named(name) and not name.endswith(YAML_SUFFIXES)


def data_named_folder(relative: str) -> str | None:
    """The first folder on the path whose name is a data file's (any case), or None."""
    parts = relative.split("/")
    for depth, part in enumerate(parts[:-1], start=1):
        if _data_named(part):
            return "/".join(parts[:depth])
    return None


def tree_listing(entries: Iterable[tuple[str, str]]) -> Listing:
    """The listing of a git tree from its `(path, mode)` entries (`git ls-tree -r`: files,
    links and submodules, no folders). Entries outside the data area are left out."""
    files: list[str] = []
    problems: dict[str, Finding] = {}
    for relative, mode in entries:
        if not in_data_area(relative):
            continue
        folders, _, name = relative.rpartition("/")
        folder = data_named_folder(relative) if ".y" in folders.lower() else None
        if folder is not None:
            problems.setdefault(folder, problem(folder, "folder"))
        elif mode in GIT_MODES:
            problems[relative] = problem(relative, GIT_MODES[mode])
        elif _wrong_case(name):
            problems[relative] = problem(relative, "case")
        elif is_data_path(relative):
            files.append(relative)
    return Listing(sorted(files), problems)


def scan_directory(root: Path, *, platform_only: bool = False) -> Listing:
    """The listing of a folder on disk: nothing is followed and nothing but folders is opened."""
    listing = Listing([], {})
    _classify(root, PLATFORM_FILE, PLATFORM_FILE, _lstat_kind(root / PLATFORM_FILE), listing)
    for folder in () if platform_only else DATA_FOLDERS:
        kind = _lstat_kind(root / folder)
        if kind == "dir":
            _walk(root, folder, listing)
        elif kind in NOT_REGULAR:
            listing.problems[folder] = problem(folder, kind)
    listing.files.sort()
    return listing


def _walk(root: Path, top: str, listing: Listing) -> None:
    """Every entry under a data folder, a folder at a time (no recursion: nesting is the
    author's to choose)."""
    folders = [top]
    while folders:
        relative = folders.pop()
        try:
            with os.scandir(root / relative) as scanned:
                found = [(entry.name, _entry_kind(entry)) for entry in scanned]
        except OSError as error:
            reason = error.strerror or str(error)
            listing.problems[relative] = _at(relative, "FT001", f"cannot read the folder: {reason}")
            continue
        for name, kind in found:
            inner = f"{relative}/{name}"
            if _classify(root, inner, name, kind, listing):
                folders.append(inner)


def _classify(root: Path, relative: str, name: str, kind: str | None, listing: Listing) -> bool:
    """File one entry (`name` the last part of its path) as a data file or a problem; True
    for a folder to walk. Absent entries and files that are not data (`notes.md`) are left
    out."""
    if kind is None or (kind == "file" and not _data_named(name)):
        return False
    if kind == "dir" and _data_named(name):
        kind = "folder"
    elif kind == "dir" and os.path.lexists(root / relative / ".git"):
        kind = "submodule"
    elif kind == "file" and _wrong_case(name):
        kind = "case"
    if kind == "file":
        listing.files.append(relative)
    elif kind != "dir":
        listing.problems[relative] = problem(relative, kind)
    return kind == "dir"


def _entry_kind(entry: os.DirEntry[str]) -> str:
    """`file`, `dir`, or what else the entry is, from the folder's listing (no stat when the
    listing says: `is_file` and `is_dir` without following are false for a link)."""
    if entry.is_file(follow_symlinks=False):
        return "file"
    if entry.is_dir(follow_symlinks=False):
        return "dir"
    return _mode_kind(entry.stat(follow_symlinks=False).st_mode)


def _lstat_kind(path: Path) -> str | None:
    """What is at a path, without following it; None when nothing is."""
    try:
        return _mode_kind(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None


def _mode_kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISFIFO(mode):
        return "fifo"
    return "socket" if stat.S_ISSOCK(mode) else "device"


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; `NotAFile` for anything else, which is never followed
    (a link) nor waited on (a FIFO)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and _lstat_kind(path) == "symlink":
            raise NotAFile("symlink") from None
        if error.errno == errno.ENXIO:  # a socket
            raise NotAFile(_lstat_kind(path) or "socket") from None
        raise
    kind = _mode_kind(os.fstat(handle).st_mode)
    if kind != "file":
        os.close(handle)
        raise NotAFile("folder" if kind == "dir" else kind)
    with os.fdopen(handle, "rb") as stream:
        return stream.read()
