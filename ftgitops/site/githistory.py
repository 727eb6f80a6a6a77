"""What git knows about each data file: how many commits touched it, and its history.

One `git log` for the whole repository and one `git cat-file --batch` for every version it
names, so the cost does not grow with a call per file. A folder that is not a git work tree
(or has no git) simply has no history: every count is 0 and every history empty.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import yaml

RECORD = "\x1e"  # starts each commit in the log output
NO_BLOB = "0" * 40
TOP_LEVEL_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")
TRACKED_KEYS = ("status", "window", "waves")


class Revision(NamedTuple):
    """One commit that touched a file, and the file's status and window(s) after it."""

    sha: str
    at: datetime
    author: str
    status: str | None
    window: str | None


def commit_counts(root: Path, folders: tuple[str, ...] = ("changes",)) -> dict[str, int]:
    """Commits per path (POSIX, relative to the repository root) under the folders."""
    output = _git(root, "log", "--format=", "--name-only", "--", *folders)
    if output is None:
        return {}
    prefix = _prefix(root)
    counts = Counter(line.strip() for line in output.splitlines() if line.strip())
    return {path.removeprefix(prefix): count for path, count in counts.items()}


def file_histories(
    root: Path, wanted: Callable[[str], bool], folders: tuple[str, ...] = ("changes",)
) -> dict[str, tuple[Revision, ...]]:
    """Each wanted file's commits, oldest first, with its status and window at each one."""
    output = _git(
        root,
        "log",
        "--raw",
        "--no-renames",
        "--no-abbrev",
        "--format=" + RECORD + "%H%x09%aI%x09%an",
        "--",
        *folders,
    )
    if output is None:
        return {}
    prefix = _prefix(root)
    touches = [
        (commit, path.removeprefix(prefix), blob)
        for commit, path, blob in _parse_log(output)
        if wanted(path.removeprefix(prefix))
    ]
    fields = _blob_fields(root, {blob for _, _, blob in touches if blob != NO_BLOB})
    found: dict[str, list[Revision]] = defaultdict(list)
    for (sha, at, author), path, blob in touches:
        status, window = fields.get(blob, (None, None))
        found[path].append(Revision(sha, datetime.fromisoformat(at), author, status, window))
    return {path: tuple(reversed(revisions)) for path, revisions in found.items()}


def _parse_log(output: str) -> Iterable[tuple[tuple[str, str, str], str, str]]:
    """`((sha, date, author), path, new blob sha)` for every file each commit touched."""
    for record in output.split(RECORD)[1:]:
        header, _, body = record.partition("\n")
        sha, at, author = header.split("\t", 2)
        for line in body.splitlines():
            if line.startswith(":") and "\t" in line:
                meta, path = line.split("\t", 1)
                yield (sha, at, author), path, meta.split()[3]


def _blob_fields(root: Path, blobs: set[str]) -> dict[str, tuple[str | None, str | None]]:
    """Status and window text of each blob, read through one `git cat-file --batch`."""
    if not blobs:
        return {}
    ordered = sorted(blobs)
    command = ["git", "-C", str(root), "cat-file", "--batch"]
    done = subprocess.run(
        command, input="\n".join(ordered).encode() + b"\n", capture_output=True, check=False
    )
    if done.returncode != 0:
        return {}
    found: dict[str, tuple[str | None, str | None]] = {}
    data, position = done.stdout, 0
    for blob in ordered:
        end = data.index(b"\n", position)
        size = int(data[position:end].split()[2])
        text = data[end + 1 : end + 1 + size].decode("utf-8", errors="replace")
        found[blob] = tracked_fields(text)
        position = end + 1 + size + 1
    return found


def tracked_fields(text: str) -> tuple[str | None, str | None]:
    """The status and the window(s) of one version of a file, read from its top-level blocks.

    Only those blocks are parsed (a file's description and log can be long), so reading
    every version of thousands of files stays cheap. A version that does not parse is
    reported as having no status rather than failing the build: it is history.
    """
    try:
        data = yaml.load(_top_level(text, TRACKED_KEYS), Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    status = data.get("status")
    return (str(status) if status is not None else None), _window_text(data)


def _top_level(text: str, keys: tuple[str, ...]) -> str:
    """Just the named top-level entries of a YAML mapping, with their nested lines."""
    kept: list[str] = []
    keeping = False
    for line in text.splitlines():
        if TOP_LEVEL_KEY.match(line):
            keeping = line.split(":", 1)[0].strip() in keys
        if keeping:
            kept.append(line)
    return "\n".join(kept)


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


def _git(root: Path, *args: str) -> str | None:
    """Standard output of a git command in `root`, or None when git or the repository fails."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _prefix(root: Path) -> str:
    """The root's path inside its work tree (`""` at the top), as git prints it."""
    return (_git(root, "rev-parse", "--show-prefix") or "").strip()
