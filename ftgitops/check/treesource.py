"""A commit's data files as a validation `Source`, read from git objects through the cache."""

from __future__ import annotations

import hashlib

from ftgitops.check.cache import CheckCache
from ftgitops.findings import Finding
from ftgitops.gitrepo import GitRepo
from ftgitops.load.documents import PLATFORM_FILE, Document, parse
from ftgitops.load.itembuild import Expander
from ftgitops.load.pipeline import Built, FileOutcome, build_fresh, schema_checked
from ftgitops.load.schemas import SchemaSet
from ftgitops.load.sources import BaseSource, is_data_path


class GitTreeSource(BaseSource):
    """The data files of one commit; nothing is checked out, unchanged blobs are not re-read."""

    def __init__(self, repo: GitRepo, commit_sha: str, cache: CheckCache) -> None:
        self._repo = repo
        self._cache = cache
        self._shas = {e.path: e.sha for e in repo.tree_entries(commit_sha, is_data_path)}
        self.context = context_digest(self._shas)

    def paths(self) -> list[str]:
        return sorted(self._shas)

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
        if sha is None:
            return super().parse(relative)
        outcome = parse_blob(self._repo, self._cache, relative, sha)
        return outcome.document, list(outcome.parse_findings)

    def outcome(self, relative: str, schemas: SchemaSet) -> FileOutcome:
        """The file parsed and checked against its schema, from the cache when it has it."""
        sha = self._shas.get(relative)
        if sha is None:
            return super().outcome(relative, schemas)
        outcome = parse_blob(self._repo, self._cache, relative, sha)
        if outcome.schema_findings is None:
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


def parse_blob(repo: GitRepo, cache: CheckCache, relative: str, sha: str) -> FileOutcome:
    """One blob parsed as the data file at `relative`, from the cache when it has it."""
    outcome = cache.outcome(sha, relative)
    if outcome is None:
        document, findings = parse(relative, repo.read_blob(sha))
        outcome = FileOutcome(document, tuple(findings))
        cache.put_outcome(sha, relative, outcome)
    return outcome
