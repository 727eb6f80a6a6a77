"""Real git repositories for the tests: git with a fixed identity and date, and the check's
fixture repository (`main` with tests/fixtures/check, checked out on `feature`).

Every test that makes a repository imports its helpers from here, never from a `*_test.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

CHECK_FIXTURE = Path(__file__).parent / "fixtures" / "check"
NOW = "2026-11-21T10:00:00+00:00"  # the clock of `ftgitops check --now` in the tests
WHEN = "2026-11-20T09:00:00+00:00"  # every commit's date unless a test gives its own
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.com",
    "GIT_COMMITTER_NAME": "Test Committer",
    "GIT_COMMITTER_EMAIL": "committer@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}

# The items of tests/fixtures/check, by what their status lets a branch do to them.
CHG1 = "changes/2026/CHG-2026-0001.yaml"  # completed
CHG2 = "changes/2026/CHG-2026-0002.yaml"  # approved
CHG3 = "changes/2026/CHG-2026-0003.yaml"  # draft
MNT1 = "changes/2026/MNT-2026-0001.yaml"  # scheduled (published)
MNT2 = "changes/2026/MNT-2026-0002.yaml"  # draft


def git(root: Path, *args: str, when: str = WHEN, author: str | None = None) -> str:
    """Run git in `root` with a fixed identity and date; its output. `author` names both the
    author and the committer (the site shows who made each revision)."""
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    if author is not None:
        env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"] = author
    completed = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return completed.stdout


def init(root: Path, branch: str = "main") -> None:
    """Make `root` (which must exist) a repository on `branch`."""
    git(root, "init", "-q", "-b", branch)


def commit(
    root: Path, message: str = "feature", *, when: str = WHEN, author: str | None = None
) -> None:
    """Commit everything in the working tree, new and deleted files too."""
    git(root, "add", "-A", when=when, author=author)
    git(root, "commit", "-q", "-m", message, when=when, author=author)


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the first `old` in a file with `new`; the text must be there."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_repo(root: Path, fixture: Path = CHECK_FIXTURE) -> Path:
    """A repository whose `main` holds the fixture's files, checked out on branch `feature`."""
    shutil.copytree(fixture, root)
    init(root)
    commit(root, "base")
    git(root, "checkout", "-q", "-b", "feature")
    return root


def bare_origin(root: Path, source: Path) -> Path:
    """A bare repository `root` whose `main` holds `source`'s files (one commit)."""
    work = root.with_name(root.name + "-seed")
    shutil.copytree(source, work)
    init(work)
    commit(work, "base")
    git(root.parent, "clone", "-q", "--bare", str(work), str(root))
    shutil.rmtree(work)
    return root


def clone(origin: Path, root: Path) -> Path:
    """A clone of `origin` at `root`, on `main`."""
    git(origin.parent, "clone", "-q", str(origin), str(root))
    return root
