"""The run's clone of main, where the ledger is committed as the bot and pushed, as deploy
does with its record (`deploy.session`).

Every ledger commit is a fact (something was sent) and must never be lost: when its push is
refused because main moved on, the run takes the newer main, applies the same lines to it
again (lines already there are not added twice) and pushes again, a bounded number of
times. At the start, commits a killed run left unpushed in this clone are replayed onto the
remote's main: rebased, or, when they conflict, their ledger lines re-applied (a cursor
left unpushed is dropped: the next cursor is written at the end of this run).
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ftgitops.deploy.checkpoint import checkpoint
from ftgitops.errors import FtgitopsError
from ftgitops.gitrepo import GitRepo, Identity
from ftgitops.load.yamlload import LoadError, load_mapping
from ftgitops.notify.ledger import CURSOR, FOLDER, Record
from ftgitops.yamledit import Moment

PUSH_TRIES = 20
PAUSE = 0.05


class Session:
    """A clean clone on a branch; with `push`, its `remote` holds the truth."""

    def __init__(
        self, root: Path, environ: Mapping[str, str], push: bool, remote: str = "origin"
    ) -> None:
        self.repo = GitRepo(root)
        self.root = root
        self.environ = environ
        self.push = push
        self.remote = remote
        self.branch = self.repo.branch()
        self.identity = Identity.from_environment(environ)
        dirty = self.repo.dirty_paths()
        if dirty:
            shown = ", ".join(dirty[:3]) + (" ..." if len(dirty) > 3 else "")
            raise FtgitopsError(f"uncommitted changes in {shown}: commit or discard them first")
        if root.resolve() != self.repo.work_tree.resolve():
            raise FtgitopsError(f"{root} is not the top of its repository: notify runs there")
        if push and not self.repo.has_remote(remote):
            raise FtgitopsError(f"no git remote {remote!r} to push to: add it or pass --no-push")

    def sync(self) -> None:
        """Catch up with the remote, replaying any record left unpushed here, and push it."""
        if not self.push:
            return
        for attempt in range(PUSH_TRIES):
            _pause(attempt)
            theirs = self.repo.fetch(self.remote, self.branch)
            if self.repo.ahead(theirs) and not self.repo.rebase(theirs, self.identity):
                self._replay(theirs)
            if not self.repo.ahead(theirs):
                self.repo.reset_hard(theirs)
            if not self.repo.ahead(theirs) or self.repo.push(self.remote, self.branch):
                return
        raise FtgitopsError(f"could not catch up with {self.remote}/{self.branch}: it keeps moving")

    def keep(self, records: list[Record], message: str) -> None:
        """Commit the records and push them, re-applied onto newer main until the push goes in."""
        self._commit(records, message)
        checkpoint("after-record", self.environ)
        if not self.push:
            return
        for attempt in range(PUSH_TRIES):
            if self.repo.push(self.remote, self.branch):
                return
            _pause(attempt + 1)
            self.repo.reset_hard(self.repo.fetch(self.remote, self.branch))
            self._commit(records, message)
        raise FtgitopsError(f"the ledger could not be pushed after {PUSH_TRIES} tries")

    def _commit(self, records: list[Record], message: str) -> None:
        changed = [record.path for record in records if record.write(self.root)]
        if changed:
            self.repo.commit_paths(changed, message, self.identity)

    def _replay(self, theirs: str) -> None:
        head = self.repo.head()
        changed = self.repo.changed_files(self.repo.merge_base(theirs, head), head)
        records = [
            Record(c.path, _new_lines(self.repo, theirs, head, c.path))
            for c in changed
            if c.b_path and c.path.startswith(f"{FOLDER}/") and c.path != CURSOR
        ]
        self.repo.reset_hard(theirs)
        kept = [record for record in records if record.lines]
        if kept:
            self._commit(kept, "ftgitops notify: replay the ledger of an earlier run")


def _pause(attempt: int) -> None:
    if attempt:
        time.sleep(random.uniform(0.5, 1.0) * min(1.0, PAUSE * 2 ** (attempt - 1)))


def _new_lines(repo: GitRepo, theirs: str, head: str, path: str) -> list[dict[str, Any]]:
    mine, known = _sent(repo.file_at(head, path)), _sent(repo.file_at(theirs, path))
    return [
        {k: Moment(v) if k == "at" else v for k, v in line.items()}
        for line in mine
        if line not in known
    ]


def _sent(data: bytes | None) -> list[dict[str, Any]]:
    if data is None:
        return []
    try:
        lines = load_mapping(data).get("sent") or []
    except LoadError:
        return []
    return [line for line in lines if isinstance(line, dict)]
