"""The conflicts a pull request takes part in, from one run of the conflict engine.

A conflict involves a changed item only if one of its windows overlaps the other side's (or a
slot's or freeze's, which come from the platform file), so the engine is asked about the span
of the changed items' windows, over the whole model: every pair, slot and freeze conflict of
a changed item lies in that span, and a release's wave order lies within its own waves. When
the platform file changed, every slot and freeze conflict involves it, so the whole calendar
is checked. Conflict paths never name a tenant file, so a changed tenant needs no more.

Risk reads the same list: an item's assessment counts only the conflicts it is a side of,
and those all lie in the span. The next free slots are looked for on the same run (`run`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from ftgitops.conflicts import Conflict, Found, as_findings, find_conflicts
from ftgitops.findings import Finding
from ftgitops.gitrepo import FileChange
from ftgitops.load.documents import PLATFORM_FILE
from ftgitops.model import AnyItem, Change, Maintenance, Model, Platform, Release, Window


class Involved(NamedTuple):
    """What the engine found (short notice left to the policy finding), the part of it that
    involves a changed file, and the engine's run (None when no changed item has a window)."""

    found: list[Conflict]
    touching: list[Conflict]
    run: Found | None


def involved_conflicts(model: Model, changed: Sequence[FileChange], now: datetime) -> Involved:
    """The conflicts a changed file may take part in; risk reads `found`, the report `touching`."""
    run = _conflicts(model, changed, now)
    found = [c for c in run or () if c.kind != "short-notice"]
    return Involved(found, _touching(found, changed), run)


def _conflicts(model: Model, changed: Sequence[FileChange], now: datetime) -> Found | None:
    if any(PLATFORM_FILE in sides(c) for c in changed):
        return find_conflicts(model, now)
    windows = [w for item in changed_items(model, changed) for w in _windows(item)]
    if not windows:
        return None
    start, end = min(w.start for w in windows), max(w.end for w in windows)
    return find_conflicts(model, now, start, end)


def _windows(item: AnyItem) -> list[Window]:
    """Every window of an item (a superset of its occupancies: ended waves are included)."""
    if isinstance(item, Release):
        return [wave.window for wave in item.waves]
    if isinstance(item, Change | Maintenance) and item.window is not None:
        return [item.window]
    return []


def _touching(conflicts: Sequence[Conflict], changed: Sequence[FileChange]) -> list[Conflict]:
    """The conflicts that involve at least one changed file."""
    paths = {p for c in changed for p in sides(c)}
    return [c for c in conflicts if paths.intersection(c.paths)]


def conflict_findings(
    conflicts: Sequence[Conflict], changed: Sequence[FileChange], platform: Platform
) -> list[Finding]:
    """Each conflict told on its changed sides: a changed file answers for a conflict with
    an untouched one (the untouched side's finding would be dropped with its file)."""
    heads = {c.b_path for c in changed if c.b_path}
    findings = []
    for conflict in conflicts:
        told = as_findings([conflict], platform)
        mine = [f for f in told if f.file in heads]
        findings.extend(mine or told[:1])
    return findings


def changed_items(model: Model, changed: Sequence[FileChange]) -> list[AnyItem]:
    """The model's items whose files are on the head side of the change."""
    paths = {c.b_path for c in changed if c.b_path}
    return [item for item in model.items.values() if item.path in paths]


def sides(change: FileChange) -> tuple[str, ...]:
    """Both paths of a changed file (one for an added or deleted file)."""
    return tuple(p for p in (change.a_path, change.b_path) if p)
