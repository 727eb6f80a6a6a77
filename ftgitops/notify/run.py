"""The notify run: catch up with main, work out the events since the cursor, send each
recipient its digest, record every delivery in git as it goes, then move the cursor.

The order is what makes "once each" hold: a delivery is sent, then its ledger lines are
committed and pushed, then the next delivery is sent. A run killed between a send and its
record sends that one message again next time (one at most); killed anywhere else, it
repeats nothing and loses nothing, because the cursor moves only once every delivery of the
run went out. A channel that fails keeps the cursor where it was, so the next run works
out the same events and sends the failed channel what it lacks, and no one else anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ftgitops.deploy.checkpoint import checkpoint
from ftgitops.gitrepo import GitRepo
from ftgitops.load import MemorySource, load, load_directory
from ftgitops.load.entries import in_data_area
from ftgitops.model import Channel, Model
from ftgitops.notify import ledger
from ftgitops.notify.alerts import conflict_events
from ftgitops.notify.channels import send
from ftgitops.notify.compose import Composer
from ftgitops.notify.deliveries import Delivery, Planner
from ftgitops.notify.events import Event
from ftgitops.notify.history import state_events, versions
from ftgitops.notify.secrets import VARIABLE, filled
from ftgitops.notify.session import Session
from ftgitops.notify.templates import Templates
from ftgitops.notify.windows import window_events


@dataclass
class Outcome:
    """What a run worked out and did."""

    run: str
    now: datetime
    base: str
    head: str
    events: list[Event] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    cursor_moved: bool = False

    @property
    def failed(self) -> list[Delivery]:
        return [d for d in self.deliveries if d.error is not None]


@dataclass
class Notifier:
    """One run over one clone (`session` None: a dry run, nothing sent or written)."""

    root: Path
    now: datetime
    environ: Mapping[str, str]
    run: str
    session: Session | None
    since: str | None = None

    def work_out(self) -> tuple[Outcome, Model]:
        """Sync (unless dry), then the events and the deliveries still owed."""
        if self.session is not None:
            self.session.sync()
        checkpoint("after-sync", self.environ)
        model = load_directory(self.root).platform_model()
        repo = GitRepo(self.root)
        cursor = ledger.read_cursor(self.root)
        head = repo.head()
        base = repo.resolve(self.since) if self.since else (cursor.commit if cursor else head)
        since_at = cursor.at if cursor else self.now
        before = model if base == head else _model_at(repo, base)
        events = state_events(versions(repo, base, head))
        events += window_events(before, since_at, model, self.now)
        events += conflict_events(before, since_at, model, self.now)
        events = [e for e in events if e.item.split("/", 1)[0] in model.items]
        outcome = Outcome(self.run, self.now, base, head, events)
        planner = Planner(model, self.now, ledger.sent(self.root))
        outcome.deliveries = planner.plan(events)
        return outcome, model

    def execute(self) -> Outcome:
        """The whole run: work out, send and record each delivery, move the cursor."""
        outcome, model = self.work_out()
        assert self.session is not None
        urls = {c.id: filled(c, self.environ, model.platform.path) for c in _used(outcome)}
        secrets = {n: self.environ[n] for c in _used(outcome) for n in VARIABLE.findall(c.url)}
        composer = Composer(model, self.now, Templates(self.root))
        for delivery in outcome.deliveries:
            recipient = delivery.recipient
            message = composer.message(delivery)
            delivery.error = send(recipient.url(urls[recipient.channel.id]), message, secrets)
            if delivery.error is not None:
                continue
            delivery.sent = True
            checkpoint("after-send", self.environ)
            self.session.keep(self._records(delivery), f"ftgitops notify: sent to {recipient.key}")
        if not outcome.failed:
            checkpoint("before-cursor", self.environ)
            cursor = ledger.Record(ledger.CURSOR, cursor=ledger.Cursor(outcome.head, self.now))
            self.session.keep([cursor], f"ftgitops notify: up to {outcome.head[:12]}")
            outcome.cursor_moved = True
        return outcome

    def _records(self, delivery: Delivery) -> list[ledger.Record]:
        to = delivery.recipient.key
        lines = [
            (e.item.split("/", 1)[0], ledger.line(e.key, to, self.now, self.run))
            for e in delivery.events
        ]
        return ledger.records(lines)


def _model_at(repo: GitRepo, commit: str) -> Model:
    files = dict(repo.read_files(commit, in_data_area))
    return load(MemorySource(files)).platform_model()


def _used(outcome: Outcome) -> list[Channel]:
    return list({d.recipient.channel.id: d.recipient.channel for d in outcome.deliveries}.values())
