"""Where validation reads a tree of data files from: a folder, or files held in memory.

Validation runs on the working tree (`ftgitops validate`) and on a commit's tree read straight
from git objects (`ftgitops check`), so it reads through this small protocol, not the disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from ftgitops import documents as docs
from ftgitops.documents import Document
from ftgitops.findings import Finding

DATA_FOLDERS = ("tenants/", "changes/")


def is_data_path(relative: str) -> bool:
    """Whether `docs.discover` would list the path: the platform file or YAML in a data folder."""
    if relative == docs.PLATFORM_FILE:
        return True
    return relative.startswith(DATA_FOLDERS) and relative.endswith(docs.YAML_SUFFIXES)


class Source(Protocol):
    """A tree of data files: their relative POSIX paths, their bytes, and their parse."""

    def paths(self) -> list[str]:
        """Every data file in the tree, sorted."""
        ...

    def read(self, relative: str) -> bytes:
        """The file's bytes; OSError when it cannot be read."""
        ...

    def parse(self, relative: str) -> tuple[Document | None, list[Finding]]:
        """The file parsed (a source may answer from a cache); findings that stop it."""
        ...


def parse_bytes(source: Source, relative: str) -> tuple[Document | None, list[Finding]]:
    """Read and parse one file of a source; an unreadable file is finding FT001."""
    try:
        data = source.read(relative)
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        return None, [Finding("FT001", message, relative, line=1, column=1)]
    return docs.parse(relative, data)


class DirectorySource:
    """The data files in a folder on disk (the working tree)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def paths(self) -> list[str]:
        return docs.discover(self.root)

    def read(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()

    def parse(self, relative: str) -> tuple[Document | None, list[Finding]]:
        return docs.read(self.root, relative)


class MemorySource:
    """Data files given as `{path: bytes}`; paths outside the data folders are left out."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = files

    def paths(self) -> list[str]:
        return sorted(p for p in self.files if is_data_path(p))

    def read(self, relative: str) -> bytes:
        try:
            return self.files[relative]
        except KeyError:
            raise FileNotFoundError(2, "No such file or directory", relative) from None

    def parse(self, relative: str) -> tuple[Document | None, list[Finding]]:
        return parse_bytes(self, relative)
