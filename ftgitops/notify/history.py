"""State events from git's own history: each version of each item file between the last
notified commit and HEAD, compared with the one before it.

A merge that moves an item through several stages, or several merges between two runs,
give an event per stage, in order. Only what changes a state counts: a status, a window, a
wave's status or window, an incident's updates, a blocked re-simulation in the item's log.
An edit of a title or a text changes no state and gives no event.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from ftgitops.gitrepo import GitRepo
from ftgitops.load.yamlload import LoadError, load_mapping
from ftgitops.notify.events import LIFECYCLE, Event

Raw = Mapping[str, Any]
FOLDER = "changes"


def versions(repo: GitRepo, base: str, head: str) -> dict[str, list[tuple[datetime, Raw | None]]]:
    """Each item file touched after `base` up to `head`: its version at `base` (time None is
    not needed: the base comes first) and after each commit, oldest first."""
    commits = {sha: n for n, sha in enumerate(repo.ahead(base))} if base != head else {}
    touches = [t for t in repo.log_touches([FOLDER]) if t.sha in commits]
    touches.sort(key=lambda t: commits[t.sha])
    paths = sorted({t.path for t in touches})
    before = {e.path: e.sha for e in repo.tree_entries(base, set(paths).__contains__)}
    blobs = repo.read_blobs([*before.values(), *(t.blob for t in touches if t.blob)])
    found: dict[str, list[tuple[datetime, Raw | None]]] = {}
    for path in paths:
        first = touches[[t.path for t in touches].index(path)].at
        found[path] = [(first, _parsed(blobs.get(before.get(path, ""))))]
    for touch in touches:
        found[touch.path].append((touch.at, _parsed(blobs.get(touch.blob or ""))))
    return found


def _parsed(data: bytes | None) -> Raw | None:
    if data is None:
        return None
    try:
        return load_mapping(data)
    except LoadError:  # a version that does not load says nothing about states
        return None


def state_events(history: Mapping[str, list[tuple[datetime, Raw | None]]]) -> list[Event]:
    """Every state event of every file's versions, in order, each key once."""
    found: dict[str, Event] = {}
    for chain in history.values():
        previous: Raw | None = chain[0][1]
        for at, current in chain[1:]:
            if current is None or not isinstance(current.get("id"), str):
                continue
            for event in compare(previous, current, at):
                found.setdefault(event.key, event)
            previous = current
    return list(found.values())


def compare(old: Raw | None, new: Raw, at: datetime) -> Iterator[Event]:
    """The events between two versions of one item (`old` None: the item is new)."""
    if new.get("kind") == "incident":
        yield from _incident(old, new, at)
        return
    item, status = new["id"], new.get("status")
    if status == "draft":
        return
    if (old or {}).get("status") != status and status in LIFECYCLE:
        name = LIFECYCLE[status]
        yield Event(f"{item}:{name}", name, item, at, detail={"status": status})
    if old is not None and _window(old) and _window(new) and _window(old) != _window(new):
        start = str(_window(new)["start"])
        detail = {"from": str(_window(old)["start"]), "to": start}
        yield Event(f"{item}:rescheduled:{start}", "rescheduled", item, at, detail=detail)
    yield from _waves(old, new, at)
    yield from _blocked(old, new, at)


def _window(raw: Raw) -> Mapping[str, Any]:
    window = raw.get("window")
    return window if isinstance(window, Mapping) else {}


def _waves(old: Raw | None, new: Raw, at: datetime) -> Iterator[Event]:
    before = dict(_named_waves(old or {}))
    for key, wave in _named_waves(new):
        was = before.get(key)
        status = wave.get("status")
        if status in LIFECYCLE and (was or {}).get("status") != status:
            name = LIFECYCLE[status]
            detail = {"status": status, "wave": str(wave.get("name"))}
            yield Event(f"{key}:{name}", name, key, at, detail=detail)
        if was is not None and _window(was) and _window(wave) != _window(was):
            start = str(_window(wave).get("start"))
            detail = {"from": str(_window(was).get("start")), "to": start}
            yield Event(f"{key}:rescheduled:{start}", "rescheduled", key, at, detail=detail)


def _named_waves(raw: Raw) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """`(REL-2026-0001/apac-production-group-1, wave)`: the key `customerwindows.wave_key`
    gives the same wave."""
    seen: dict[str, int] = {}
    for wave in raw.get("waves") or ():
        if not isinstance(wave, Mapping):
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", str(wave.get("name", "")).lower()).strip("-")
        seen[slug] = seen.get(slug, 0) + 1
        rank = seen[slug]
        yield f"{raw['id']}/{slug}" + (f"-{rank}" if rank > 1 else ""), wave


def _blocked(old: Raw | None, new: Raw, at: datetime) -> Iterator[Event]:
    """A re-simulation in deploy that found a conflict (or another blocker): an alert."""
    known = [line for line in (old or {}).get("log") or () if isinstance(line, Mapping)]
    for line in new.get("log") or ():
        if not isinstance(line, Mapping) or line in known:
            continue
        if line.get("action") == "simulated" and line.get("outcome") == "blocked":
            key = f"{new['id']}:blocked:{line.get('key') or line.get('at')}"
            detail = {"message": str(line.get("message", ""))}
            yield Event(key, "conflict", new["id"], at, detail=detail)


def _incident(old: Raw | None, new: Raw, at: datetime) -> Iterator[Event]:
    item = new["id"]
    if old is None:
        yield Event(f"{item}:opened", "incident-opened", item, at, customers=True)
    seen = {str(u.get("at")) for u in (old or {}).get("updates") or () if isinstance(u, Mapping)}
    for index, update in enumerate(new.get("updates") or ()):
        if not isinstance(update, Mapping) or update.get("status") == "resolved":
            continue
        when = str(update.get("at"))
        if old is not None and when not in seen:
            detail = {"update": when, "index": str(index)}
            key = f"{item}:update:{when}"
            yield Event(key, "incident-updated", item, at, customers=True, detail=detail)
    if new.get("status") == "resolved" and (old or {}).get("status") != "resolved":
        yield Event(f"{item}:resolved", "incident-resolved", item, at, customers=True)
