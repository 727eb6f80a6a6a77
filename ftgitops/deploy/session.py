"""The run's clone of main: where the record is committed as the bot and pushed.

Two kinds of commit. A claim (a lease, a status, a missed window) is only good on the main
it was decided on: it is pushed as a fast-forward, and when the remote refuses it (another
run pushed first) it is dropped and the run plans again on the newer main. A fact (what a
driver did) must never be lost: when its push is refused, the run takes the newer main and
applies the same lines to it again, then pushes again, a bounded number of times.

At the start, commits a killed run left unpushed in this clone are replayed onto the
remote's main (rebased, or, when the files conflict, their new log lines re-applied).
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ftgitops.deploy.checkpoint import checkpoint
from ftgitops.deploy.record import Record
from ftgitops.errors import FtgitopsError
from ftgitops.gitrepo import GitRepo, Identity
from ftgitops.load.yamlload import LoadError, load_mapping
from ftgitops.yamledit import Moment

PUSH_TRIES = 20
PAUSE = 0.05  # seconds before the second try; it doubles, to at most a second, with jitter
TIME_FIELDS = ("at", "start", "end", "expires")


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
            raise FtgitopsError(f"{root} is not the top of its repository: deploy runs there")
        if push and not self.repo.has_remote(remote):
            raise FtgitopsError(f"no git remote {remote!r} to push to: add it or pass --no-push")
        self.synced = self.repo.head()
        self.adopted = 0  # how often the clone took commits of others (the model is stale then)

    @property
    def upstream(self) -> str:
        return f"{self.remote}/{self.branch}"

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
                self.repo.reset_hard(theirs)  # behind (or even): follow the remote
            if not self.repo.ahead(theirs) or self.repo.push(self.remote, self.branch):
                self.synced = self.repo.head()
                return
        raise FtgitopsError(f"could not catch up with {self.upstream}: it keeps moving")

    def moved(self) -> bool:
        """Whether main moved on since this run last saw it (then the clone follows it)."""
        if not self.push:
            return False
        theirs = self.repo.fetch(self.remote, self.branch)
        if theirs == self.synced:
            return False
        self.repo.reset_hard(theirs)
        self.synced = theirs
        self.adopted += 1
        return True

    def claim(self, record: Record, message: str) -> bool:
        """Commit and push a decision; False (and the clone back on the remote's main) when
        another run got there first."""
        self._commit(record, message)
        if not self.push:
            return True
        if self.repo.push(self.remote, self.branch):
            self.synced = self.repo.head()
            return True
        self.moved()
        return False

    def keep(self, record: Record, message: str) -> None:
        """Commit and push facts, re-applying them onto newer main until the push goes in."""
        self._commit(record, message)
        checkpoint("before-push", self.environ)
        if self.push:
            self._push_facts([(record, message)])

    def _push_facts(self, records: list[tuple[Record, str]]) -> None:
        for attempt in range(PUSH_TRIES):
            if self.repo.push(self.remote, self.branch):
                self.synced = self.repo.head()
                return
            _pause(attempt)
            self.repo.reset_hard(self.repo.fetch(self.remote, self.branch))
            self.adopted += 1
            for record, message in records:
                self._commit(record, message)
        raise FtgitopsError(
            f"the record could not be pushed after {PUSH_TRIES} tries: main keeps moving"
        )

    def _commit(self, record: Record, message: str) -> None:
        record.write(self.root)
        self.repo.commit_paths([record.path], message, self.identity)

    def _replay(self, theirs: str) -> None:
        """Re-apply the log lines of this clone's unpushed commits onto the remote's main."""
        head = self.repo.head()
        changed = self.repo.changed_files(self.repo.merge_base(theirs, head), head)
        records = [
            Record(c.path, _new_lines(self.repo, theirs, head, c.path))
            for c in changed
            if c.b_path and c.path.endswith((".yaml", ".yml"))
        ]
        self.repo.reset_hard(theirs)
        for record in records:
            if record.entries and (self.root / record.path).is_file():
                self._commit(record, "ftgitops deploy: replay the record of an earlier run")


def _pause(attempt: int) -> None:
    """A short, growing, random wait before trying again, so racing runs fall out of step."""
    if attempt:
        time.sleep(random.uniform(0.5, 1.0) * min(1.0, PAUSE * 2 ** (attempt - 1)))


def _new_lines(repo: GitRepo, theirs: str, head: str, path: str) -> list[dict[str, Any]]:
    """The log lines in our version of the file that theirs lacks, times as times."""
    ours, base = repo.file_at(head, path), repo.file_at(theirs, path)
    mine = _log(ours)
    known = _log(base)
    return [_timed(line) for line in mine if line not in known]


def _log(data: bytes | None) -> list[dict[str, Any]]:
    if data is None:
        return []
    try:
        lines = load_mapping(data).get("log") or []
    except LoadError:  # a file that does not load has no lines to replay
        return []
    return [line for line in lines if isinstance(line, dict)]


def _timed(line: dict[str, Any]) -> dict[str, Any]:
    return {k: Moment(v) if k in TIME_FIELDS and isinstance(v, str) else v for k, v in line.items()}
