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
from ftgitops.load.itembuild import Expander
from ftgitops.load.pipeline import Built, FileOutcome, build_fresh, schema_checked
from ftgitops.load.schemas import SchemaSet

DATA_FOLDERS = ("tenants/", "changes/")


def is_data_path(relative: str) -> bool:
    """Whether `docs.discover` would list the path: the platform file or YAML in a data folder."""
    if relative == docs.PLATFORM_FILE:
        return True
    return relative.startswith(DATA_FOLDERS) and relative.endswith(docs.YAML_SUFFIXES)


class Source(Protocol):
    """A tree of data files: their relative POSIX paths, their bytes, and what they hold."""

    def paths(self) -> list[str]:
        """Every data file in the tree, sorted."""
        ...

    def read(self, relative: str) -> bytes:
        """The file's bytes; OSError when it cannot be read."""
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

    def parse(self, relative: str) -> tuple[Document | None, list[Finding]]:
        """Read and parse one file; an unreadable file is finding FT001."""
        try:
            data = self.read(relative)
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
    ftgitops.yaml (for commands that read nothing else, such as `codeowners`)."""

    def __init__(self, root: Path, *, platform_only: bool = False) -> None:
        self.root = root
        self.platform_only = platform_only

    def paths(self) -> list[str]:
        if self.platform_only:
            return [docs.PLATFORM_FILE] if (self.root / docs.PLATFORM_FILE).is_file() else []
        return docs.discover(self.root)

    def read(self, relative: str) -> bytes:
        return (self.root / relative).read_bytes()


class MemorySource(BaseSource):
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
