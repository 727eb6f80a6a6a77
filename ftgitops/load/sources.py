"""Where loading reads a tree of data files from: a folder, or files held in memory.

Loading runs on the working tree (`ftgitops validate`, the site) and on a commit's tree read
straight from git objects (`ftgitops check`), so it reads through this small protocol, not
the disk. A source may answer `outcome` and `build_item` from a cache; `BaseSource` gives
the plain answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from ftgitops.findings import Finding
from ftgitops.load import documents as docs
from ftgitops.load.documents import Document
from ftgitops.load.entries import (
    Listing,
    NotAFile,
    problem,
    read_regular,
    scan_directory,
    tree_listing,
)
from ftgitops.load.entries import is_data_path as is_data_path
from ftgitops.load.itembuild import Expander
from ftgitops.load.pipeline import Built, FileOutcome, build_fresh, schema_checked
from ftgitops.load.schemas import SchemaSet


class Source(Protocol):
    """A tree of data files: their relative POSIX paths, their bytes, and what they hold."""

    def paths(self) -> list[str]:
        """Every data file in the tree, sorted."""
        ...

    def read(self, relative: str) -> bytes:
        """The file's bytes; OSError when it cannot be read (`NotAFile` when it is no file)."""
        ...

    def problem(self, relative: str) -> Finding | None:
        """The finding on an entry that is listed but is not a data file's regular file."""
        ...

    def parse(self, relative: str) -> tuple[Document | None, list[Finding]]:
        """The file parsed; findings that stop it."""
        ...

    def parsed(self, relative: str) -> FileOutcome:
        """The file parsed (not yet checked against its schema)."""
        ...

    def checked(self, relative: str, outcome: FileOutcome, schemas: SchemaSet) -> FileOutcome:
        """The parsed file's outcome with its schema findings."""
        ...

    def build_item(self, document: Document, expand: Expander) -> Built:
        """The typed item of a valid document (an `ItemBuilder`)."""
        ...


def read_error(relative: str, error: OSError) -> Finding:
    """FT001: the one wording of a file that cannot be read, wherever it is read."""
    return Finding(
        "FT001", f"cannot read the file: {error.strerror or error}", relative, line=1, column=1
    )


class BaseSource:
    """Parsing, schema checking and building without a cache; subclasses give `paths` and
    `read`."""

    def paths(self) -> list[str]:
        raise NotImplementedError

    def read(self, relative: str) -> bytes:
        raise NotImplementedError

    def problem(self, relative: str) -> Finding | None:
        return None

    def parse(self, relative: str) -> tuple[Document | None, list[Finding]]:
        """Read and parse one file; an entry that is no regular file is FT012 or FT013 (and
        never read), an unreadable file FT001."""
        found = self.problem(relative)
        if found is not None:
            return None, [found]
        try:
            data = self.read(relative)
        except NotAFile as odd:
            return None, [problem(relative, odd.what)]
        except OSError as error:
            return None, [read_error(relative, error)]
        return docs.parse(relative, data)

    def parsed(self, relative: str) -> FileOutcome:
        document, findings = self.parse(relative)
        return FileOutcome(document, tuple(findings))

    def checked(self, relative: str, outcome: FileOutcome, schemas: SchemaSet) -> FileOutcome:
        if outcome.schema_findings is not None:
            return outcome
        return schema_checked(outcome, schemas)

    def outcome(self, relative: str, schemas: SchemaSet) -> FileOutcome:
        """One file parsed and checked (`load` does each step for every file in turn)."""
        return self.checked(relative, self.parsed(relative), schemas)

    def build_item(self, document: Document, expand: Expander) -> Built:
        return build_fresh(document, expand)


class DirectorySource(BaseSource):
    """The data files in a folder on disk (the working tree); with `platform_only`, just
    ftgitops.yaml (for commands that read nothing else, such as `codeowners`). The folder is
    listed once, on first use; a file is read only if it is a regular file."""

    def __init__(self, root: Path, *, platform_only: bool = False) -> None:
        self.root = root
        self.platform_only = platform_only
        self._listing: Listing | None = None

    @property
    def listing(self) -> Listing:
        if self._listing is None:
            self._listing = scan_directory(self.root, platform_only=self.platform_only)
        return self._listing

    def paths(self) -> list[str]:
        return self.listing.paths()

    def problem(self, relative: str) -> Finding | None:
        return self.listing.problems.get(relative)

    def read(self, relative: str) -> bytes:
        return read_regular(self.root / relative)


class MemorySource(BaseSource):
    """Data files given as `{path: bytes}`, listed as a git tree of regular files would be:
    paths outside the data area are left out, misnamed ones are FT013."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = files
        self.listing = tree_listing((path, "100644") for path in files)

    def paths(self) -> list[str]:
        return self.listing.paths()

    def problem(self, relative: str) -> Finding | None:
        return self.listing.problems.get(relative)

    def read(self, relative: str) -> bytes:
        try:
            return self.files[relative]
        except KeyError:
            raise FileNotFoundError(2, "No such file or directory", relative) from None
