"""Parsed data files kept between runs, keyed by git blob sha, under `.git/ftgitops-cache/`.

Parsing is the cost of a check (libyaml reads about 2,500 small files a second), and a pull
request changes a few files of thousands: a blob sha names its bytes exactly, so a parse
keyed by it never goes stale. The cache lives inside `.git`, so it is never committed, and is
rewritten with only the entries this run used, so it does not grow without bound.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from ftgitops import __version__
from ftgitops.documents import Document
from ftgitops.findings import Finding

CACHE_FOLDER = "ftgitops-cache"
CACHE_FILE = "documents.pickle"
FORMAT = f"documents-1/{__version__}"

Parsed = tuple[Document | None, list[Finding]]


class DocumentCache:
    """Parses by `(blob sha, path)`; `load` and `save` touch the disk, nothing else does."""

    def __init__(self, entries: dict[str, Parsed] | None = None) -> None:
        self._entries = entries or {}
        self._used: dict[str, Parsed] = {}
        self.misses = 0

    @staticmethod
    def key(sha: str, path: str) -> str:
        """The path is part of the key: a file's kind and messages depend on where it is."""
        return f"{sha}:{path}"

    def get(self, sha: str, path: str) -> Parsed | None:
        key = self.key(sha, path)
        found = self._used.get(key) or self._entries.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def put(self, sha: str, path: str, parsed: Parsed) -> None:
        self.misses += 1
        self._used[self.key(sha, path)] = parsed

    @classmethod
    def load(cls, git_dir: Path) -> DocumentCache:
        """The cache of a repository; an unreadable or older cache is ignored, not an error."""
        try:
            with (git_dir / CACHE_FOLDER / CACHE_FILE).open("rb") as stream:
                stored: Any = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return cls()
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            return cls()
        return cls(stored["entries"])

    def save(self, git_dir: Path) -> None:
        """Write the entries this run used, through a temp file and a rename."""
        if self.misses == 0 and len(self._used) == len(self._entries):
            return
        folder = git_dir / CACHE_FOLDER
        folder.mkdir(exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".documents-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump({"format": FORMAT, "entries": self._used}, stream, protocol=5)
            os.replace(temp, folder / CACHE_FILE)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
