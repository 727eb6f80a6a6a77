"""FT314 in the check: customers' notice of downtime, counted from when the window reached git.

The check knows the base. A downtime window that the pull request adds, or moves, or turns
into downtime, first appears in git now: it is counted from now (the earliest it can reach the
main line). A window the base already had was judged when it was merged; but unpublished work
(draft, proposed) is counted from now as `validate` counts it, since customers hear of it no
earlier than its approval. Replaces `validate`'s FT314 for the changed files, against the whole
model (a notice that lists the work may be a file the pull request does not touch).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from ftgitops.check.recording import Recorded
from ftgitops.findings import Finding, JsonPath
from ftgitops.model import Change, Model, Release
from ftgitops.rules.notice import (
    UNPUBLISHED_SINCE,
    downtime_windows,
    short_notice,
    told_by_notices,
)
from ftgitops.rules.publication import UNPUBLISHED

FIRST_IN_GIT = "now, when this pull request first puts the window in git"


def notice_findings(model: Model, recorded: Sequence[Recorded], now: datetime) -> list[Finding]:
    """FT314 for the downtime windows of the changed changes and releases."""
    days = model.platform.policies.notice_days
    told = told_by_notices(model)
    findings = []
    for entry in recorded:
        item = entry.item
        if not isinstance(item, Change | Release) or item.id in told:
            continue
        fresh = _fresh(entry)
        for downtime in downtime_windows(item):
            if downtime.window.start <= now:
                continue
            if downtime.at in fresh:
                counted = FIRST_IN_GIT
            elif item.status in UNPUBLISHED:
                counted = UNPUBLISHED_SINCE.format(status=item.status)
            else:
                continue
            found = short_notice(downtime, now, counted, days)
            findings.extend([found] if found else [])
    return findings


def _fresh(entry: Recorded) -> set[JsonPath]:
    """The fields of the downtime windows that the base did not have as downtime."""
    head = entry.item.raw
    base: Mapping[str, Any] = entry.before.data if entry.before is not None else {}
    if isinstance(entry.item, Change):
        same = base.get("kind") == "change" and _change_key(base) == _change_key(head)
        return set() if same else {("window",)}
    had = {_wave_key(wave) for wave in _waves(base)}
    return {("waves", i, "window") for i, w in enumerate(_waves(head)) if _wave_key(w) not in had}


def _change_key(data: Mapping[str, Any]) -> tuple[str, bool, str]:
    impact = data.get("impact")
    downtime = isinstance(impact, Mapping) and impact.get("downtime") is True
    targets = data.get("targets")
    environments = targets.get("environments") if isinstance(targets, Mapping) else None
    return repr(data.get("window")), downtime, repr(environments)


def _waves(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    waves = data.get("waves") if data.get("kind") == "release" else None
    return [w for w in waves if isinstance(w, Mapping)] if isinstance(waves, list) else []


def _wave_key(wave: Mapping[str, Any]) -> tuple[str, str, str, bool]:
    window, environments = repr(wave.get("window")), repr(wave.get("environments"))
    return repr(wave.get("region")), window, environments, wave.get("downtime", True) is True
