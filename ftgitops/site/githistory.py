"""What git knows about each data file: how many commits touched it, and its history.

Git is read through `gitrepo`: one `git log` for the whole repository and one `cat-file`
stream for every version it names, so the cost does not grow with a call per file. Each
version is read with the project's strict YAML 1.2 loader, so its window shows as it was
written (`2026-11-28T23:00:00`, where YAML 1.1 would make a timestamp of it). A folder
that is not in a git repository (or a machine without git) simply has no history: every
count is 0 and every history empty.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ftgitops.errors import FtgitopsError
from ftgitops.load.yamlload import LoadError, load_mapping

if TYPE_CHECKING:
    from ftgitops.gitrepo import GitRepo, Touch

TOP_LEVEL_KEY = re.compile(rb"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)
TRACKED_KEYS = (b"status", b"window", b"waves")


class Revision(NamedTuple):
    """One commit that touched a file, and the file's status and window(s) after it."""

    sha: str
    at: datetime
    author: str
    status: str | None
    window: str | None


def commit_counts(root: Path, folders: tuple[str, ...] = ("changes",)) -> dict[str, int]:
    """Commits per path (POSIX, relative to `root`) under the folders."""
    with _repository(root) as repo:
        if repo is None:
            return {}
        return dict(Counter(touch.path for touch in _touches(repo, root, folders)))


def file_histories(
    root: Path, wanted: Callable[[str], bool], folders: tuple[str, ...] = ("changes",)
) -> dict[str, tuple[Revision, ...]]:
    """Each wanted file's commits, oldest first, with its status and window at each one."""
    with _repository(root) as repo:
        if repo is None:
            return {}
        touches = [touch for touch in _touches(repo, root, folders) if wanted(touch.path)]
        blobs = _read_quietly(repo, {touch.blob for touch in touches if touch.blob})
    fields = {sha: tracked_fields(data) for sha, data in blobs.items()}
    found: dict[str, list[Revision]] = defaultdict(list)
    for touch in touches:
        status, window = fields.get(touch.blob or "", (None, None))
        found[touch.path].append(Revision(touch.sha, touch.at, touch.author, status, window))
    return {path: tuple(reversed(revisions)) for path, revisions in found.items()}


@contextmanager
def _repository(root: Path) -> Iterator[GitRepo | None]:
    """The repository `root` is in, or None: not in one, or no git on this machine (GitPython
    refuses to import without it, which is why it is imported here, not at the top)."""
    try:
        from ftgitops.gitrepo import GitRepo

        repo = GitRepo(root)
    except (ImportError, FtgitopsError):
        yield None
        return
    try:
        yield repo
    finally:
        repo.close()


def _touches(repo: GitRepo, root: Path, folders: tuple[str, ...]) -> list[Touch]:
    """The touches under the folders of `root`, with paths relative to `root`; none when git
    fails or `root` is not in the work tree."""
    try:
        prefix = root.resolve().relative_to(repo.work_tree.resolve()).as_posix()
    except ValueError:
        return []
    prefix = "" if prefix == "." else prefix + "/"
    try:
        touches = repo.log_touches([prefix + folder for folder in folders])
    except FtgitopsError:
        return []
    return [touch._replace(path=touch.path.removeprefix(prefix)) for touch in touches]


def _read_quietly(repo: GitRepo, blobs: set[str]) -> dict[str, bytes]:
    """The blobs' bytes; when git fails, none (the history still has its commits)."""
    try:
        return repo.read_blobs(blobs)
    except FtgitopsError:
        return {}


def tracked_fields(data: bytes) -> tuple[str | None, str | None]:
    """The status and the window(s) of one version of a file, read from its top-level blocks.

    Only those blocks are parsed (a file's description and log can be long), so reading
    every version of thousands of files stays cheap. A version that does not parse is
    reported as having no status rather than failing the build: it is history.
    """
    try:
        mapping = load_mapping(_top_level(data, TRACKED_KEYS))
    except LoadError:
        return None, None
    status = mapping.get("status")
    return (str(status) if status is not None else None), _window_text(mapping)


def _top_level(data: bytes, keys: tuple[bytes, ...]) -> bytes:
    """Just the named top-level entries of a YAML mapping, with their nested lines."""
    starts = [(match.start(), match.group(1)) for match in TOP_LEVEL_KEY.finditer(data)]
    ends = [start for start, _ in starts[1:]] + [len(data)]
    kept = [data[start:end] for (start, key), end in zip(starts, ends, strict=True) if key in keys]
    return b"\n".join(block.rstrip(b"\n") for block in kept)


def _window_text(data: dict[str, Any]) -> str | None:
    """`2026-11-28T23:00 to 2026-11-29T01:00 Australia/Sydney`, or each wave's, joined by `; `."""
    windows = [data.get("window")]
    waves = data.get("waves")
    if isinstance(waves, list):
        windows = [w.get("window") for w in waves if isinstance(w, dict)]
    shown = [_one_window(w) for w in windows if isinstance(w, dict)]
    return "; ".join(shown) if shown else None


def _one_window(window: dict[str, Any]) -> str:
    zone = f" {window['tz']}" if window.get("tz") else ""
    return f"{window.get('start')} to {window.get('end')}{zone}"
