"""What a new or edited file may record, against the clock and the base: FT507 and FT508.

- FT507: a new or edited change, release or notice whose window has ended must be recorded
  in an ended status (completed, failed, rolled-back, cancelled): work still "to come" after
  its window is a record nobody updated, or a window in the past by mistake. A new file
  recorded after the event must also say why (`recorded_after: <reason>`) unless it is an
  emergency (an emergency change or a hotfix), which is often written down afterwards.
- FT508: a new change or release starts as `draft` or `proposed`: approval comes by review,
  in a later pull request. Only work recorded after the fact may start further on: an
  emergency whose window has started, or work with `recorded_after` whose window has ended.
  (A maintenance notice starts `scheduled`: it is given when its file is merged.)

An edit that changes no parsed value (a comment, the layout) is no edit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import NamedTuple

from ftgitops.findings import Finding
from ftgitops.load.documents import Document
from ftgitops.model import ENDED, AnyItem, Change, Maintenance, Release, Window
from ftgitops.rules.lifecycle import is_emergency, recorded_after, span_of
from ftgitops.timetext import ago, moment

UNAPPROVED = frozenset({"draft", "proposed"})


class Recorded(NamedTuple):
    """One changed file's head item and its base document (None: the file is new)."""

    item: AnyItem
    before: Document | None

    @property
    def new(self) -> bool:
        return self.before is None

    @property
    def edited(self) -> bool:
        return self.before is None or dict(self.before.data) != dict(self.item.raw)


def recording_findings(recorded: Sequence[Recorded], now: datetime) -> list[Finding]:
    """FT507 and FT508 for the new and edited items of a pull request."""
    findings: list[Finding] = []
    for entry in recorded:
        if entry.edited and isinstance(entry.item, Change | Release | Maintenance):
            findings.extend(_recorded(entry, now))
    return findings


def _recorded(entry: Recorded, now: datetime) -> Iterator[Finding]:
    item = entry.item
    span = span_of(item)
    if span is None:
        return
    if span.end <= now:
        yield from _ended_window(entry, span, now)
    elif _starts_too_far(entry, span, now):
        yield _starts_approved(item)


def _starts_too_far(entry: Recorded, span: Window, now: datetime) -> bool:
    """A new change or release beyond proposed, unless an emergency already under way."""
    item = entry.item
    if not entry.new or isinstance(item, Maintenance) or item.status in UNAPPROVED:
        return False
    return not (is_emergency(item) and span.start <= now)


def _ended_window(entry: Recorded, span: Window, now: datetime) -> Iterator[Finding]:
    item = entry.item
    when = f"its window ended {ago(now - span.end)} ({moment(span.end, span.zone)})"
    if item.status not in ENDED:
        message = (
            f"{item.id} is {item.status}, but {when}: record what happened (completed, failed, "
            "rolled-back or cancelled), or move the window if the work is still to come"
        )
        yield Finding("FT507", message, item.path, ("status",))
    elif entry.new and not is_emergency(item) and recorded_after(item) is None:
        message = (
            f"{item.id} is new and recorded as {item.status} after {when}: say why it is "
            "recorded after the event (`recorded_after: <reason>`); only an emergency needs none"
        )
        yield Finding("FT507", message, item.path, ("status",))


def _starts_approved(item: AnyItem) -> Finding:
    kind = "release" if isinstance(item, Release) else "change"
    message = (
        f"{item.id} is new and starts as {item.status}: a new {kind} starts as draft or "
        "proposed and is approved by review in a later pull request (only an emergency "
        "recorded after the fact may start further on)"
    )
    return Finding("FT508", message, item.path, ("status",))
