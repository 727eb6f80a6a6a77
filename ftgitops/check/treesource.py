"""A commit's data files as a validation `Source`, read from git objects through a cache."""

from __future__ import annotations

from ftgitops.check.doccache import DocumentCache, Parsed
from ftgitops.documents import parse
from ftgitops.gitrepo import GitRepo
from ftgitops.sources import is_data_path, parse_bytes


class GitTreeSource:
    """The data files of one commit; nothing is checked out, unchanged blobs are not re-read."""

    def __init__(self, repo: GitRepo, commit_sha: str, cache: DocumentCache) -> None:
        self._repo = repo
        self._cache = cache
        self._shas = {e.path: e.sha for e in repo.tree_entries(commit_sha, is_data_path)}

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

    def parse(self, relative: str) -> Parsed:
        sha = self._shas.get(relative)
        if sha is None:
            return parse_bytes(self, relative)
        return parse_blob(self._repo, self._cache, relative, sha)


def parse_blob(repo: GitRepo, cache: DocumentCache, relative: str, sha: str) -> Parsed:
    """One blob parsed as the data file at `relative`, from the cache when it has it."""
    cached = cache.get(sha, relative)
    if cached is None:
        cached = parse(relative, repo.read_blob(sha))
        cache.put(sha, relative, cached)
    return cached
