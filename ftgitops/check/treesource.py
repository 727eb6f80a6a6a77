"""A commit's data files as a validation `Source`, read from git objects through the cache.

The blobs the cache has no outcome for are read together, in one `git cat-file --batch`
stream, the first time one is needed: a round trip per blob was 29% of a cold check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from ftgitops.check.cache import CheckCache, shared_strings
from ftgitops.findings import Finding
from ftgitops.gitrepo import GitRepo
from ftgitops.load.documents import PLATFORM_FILE, Document, parse
from ftgitops.load.entries import data_named_folder, in_data_area, tree_listing
from ftgitops.load.itembuild import Expander
from ftgitops.load.pipeline import Built, FileOutcome, build_fresh, schema_checked
from ftgitops.load.schemas import SchemaSet
from ftgitops.load.sources import BaseSource, read_error


class GitTreeSource(BaseSource):
    """The data files of one commit; nothing is checked out, unchanged blobs are not re-read."""

    def __init__(self, repo: GitRepo, commit_sha: str, cache: CheckCache) -> None:
        self._repo = repo
        self._cache = cache
        entries = repo.tree_entries(commit_sha, in_data_area)
        self.listing = tree_listing((e.path, e.mode) for e in entries)
        files = set(self.listing.files)
        self._shas = {e.path: e.sha for e in entries if e.path in files}
        self.context = context_digest(self._shas)
        self._blobs = BlobReader(repo, cache, self._shas.items())

    def paths(self) -> list[str]:
        return self.listing.paths()

    def problem(self, relative: str) -> Finding | None:
        return self.listing.problems.get(relative)

    def entry(self, relative: str) -> str | None:
        """The listed entry a path of this tree is, or lies in (a folder named like a data
        file); None for a path the listing leaves out (not data, or not in the tree)."""
        if relative in self._shas or relative in self.listing.problems:
            return relative
        folder = data_named_folder(relative)
        return folder if folder in self.listing.problems else None

    def sha(self, relative: str) -> str | None:
        """The blob sha of a file in this tree, or None when the tree has no such file."""
        return self._shas.get(relative)

    def read(self, relative: str) -> bytes:
        sha = self._shas.get(relative)
        if sha is None:
            raise FileNotFoundError(2, "No such file in the commit", relative)
        return self._repo.read_blob(sha)

    def parse(self, relative: str) -> tuple[Document | None, list[Finding]]:
        sha = self._shas.get(relative)
        if sha is None:  # not a regular data file: a problem, or not in the tree
            return super().parse(relative)
        outcome = parse_blob(self._repo, self._cache, relative, sha, self._blobs)
        return outcome.document, list(outcome.parse_findings)

    def parsed(self, relative: str) -> FileOutcome:
        """The file parsed, with its schema findings too when the cache has them."""
        sha = self._shas.get(relative)
        if sha is None:
            return super().parsed(relative)
        return parse_blob(self._repo, self._cache, relative, sha, self._blobs)

    def checked(self, relative: str, outcome: FileOutcome, schemas: SchemaSet) -> FileOutcome:
        """The outcome with its schema findings, kept in the cache for the blob."""
        sha = self._shas.get(relative)
        if outcome.schema_findings is not None or sha is None:
            return super().checked(relative, outcome, schemas)
        outcome = schema_checked(outcome, schemas)
        self._cache.put_outcome(sha, relative, outcome)
        return outcome

    def build_item(self, document: Document, expand: Expander) -> Built:
        """The typed item of a valid document, from the cache for this tree's platform and
        tenants (an `ItemBuilder` for `load.pipeline.build_model`)."""
        sha = self._shas.get(document.path)
        if sha is None:
            return build_fresh(document, expand)
        built = self._cache.item(sha, document.path, self.context)
        if built is None:
            item, findings = build_fresh(document, expand)
            built = (item, findings)
            self._cache.put_item(sha, document.path, self.context, built)
        return built[0], list(built[1])


def context_digest(shas: dict[str, str]) -> str:
    """A digest of the platform and tenant files' blob shas: what building an item reads
    besides its own file (regions and their zones, services, the tenants `all` expands to)."""
    shared = sorted(
        (path, sha)
        for path, sha in shas.items()
        if path == PLATFORM_FILE or path.startswith("tenants/")
    )
    text = "\n".join(f"{sha} {path}" for path, sha in shared)
    return hashlib.sha256(text.encode()).hexdigest()


class BlobReader:
    """Blobs' bytes for parsing. The first read fetches, in one batch, every blob of `files`
    (`(path, sha)` pairs) that the cache has no outcome for; each is handed out once, then
    dropped. A blob outside the batch is read on its own."""

    def __init__(self, repo: GitRepo, cache: CheckCache, files: Iterable[tuple[str, str]]) -> None:
        self._repo = repo
        self._cache = cache
        self._files: Iterable[tuple[str, str]] | None = files
        self._fetched: dict[str, bytes] = {}

    def __call__(self, sha: str) -> bytes:
        if self._files is not None:
            files, self._files = self._files, None
            missing = [s for path, s in files if self._cache.outcome(s, path) is None]
            self._fetched = self._repo.read_blobs(missing)
        data = self._fetched.pop(sha, None)
        return self._repo.read_blob(sha) if data is None else data


def parse_blob(
    repo: GitRepo,
    cache: CheckCache,
    relative: str,
    sha: str,
    read: Callable[[str], bytes] | None = None,
) -> FileOutcome:
    """One blob parsed as the data file at `relative`, from the cache when it has it; `read`
    fetches the bytes (default: one round trip to git). A blob git does not have is FT001,
    not kept: the next run may have fetched it."""
    outcome = cache.outcome(sha, relative)
    if outcome is None:
        try:
            data = (read or repo.read_blob)(sha)
        except OSError as error:
            return FileOutcome(None, (read_error(relative, error),), ())
        document, findings = parse(relative, data)
        document = shared_strings(document) if document is not None else None
        outcome = FileOutcome(document, tuple(findings))
        cache.put_outcome(sha, relative, outcome)
    return outcome
