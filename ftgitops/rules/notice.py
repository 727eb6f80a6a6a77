"""Notice for customers' downtime beyond maintenance notices: changes and release waves (FT314).

Every window that takes production down (a change with `impact.downtime: true` in production,
a release wave with downtime in production) needs the policy's days of notice, as a public
maintenance notice does (FT306). The only exception is the emergency path (an emergency change,
a hotfix). A change or release listed by a published public notice is told to customers by that
notice, which FT306 judges. Notice is counted on the window's wall clock, as FT306 counts it.

From when? From when the window first appeared in git. `validate` has no history: it judges
only work still `draft` or `proposed`, whose notice can start no earlier than now (customers
hear of unpublished work at its approval), and leaves published work to the check that merged
it. The check knows the base: a window the pull request adds or moves is counted from now, the
earliest it can reach the main line (`check.noticecheck`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import NamedTuple

from ftgitops.findings import Finding, JsonPath
from ftgitops.model import ENDED, AnyItem, Change, Maintenance, Model, Release, Window
from ftgitops.rules.lifecycle import is_emergency
from ftgitops.rules.publication import UNPUBLISHED
from ftgitops.timetext import moment
from ftgitops.timeutil import wall_clock_between

UNPUBLISHED_SINCE = "now (it is still {status}: customers hear of it no earlier than its approval)"


class Downtime(NamedTuple):
    """One window of customer-visible downtime: the item, its label, field and window."""

    item: Change | Release
    label: str
    at: JsonPath
    window: Window


def downtime_windows(item: AnyItem) -> Iterator[Downtime]:
    """The windows of live work that take production down (ended waves left out)."""
    if item.status in ENDED or is_emergency(item):
        return
    if isinstance(item, Change) and item.window is not None and item.targets is not None:
        if item.downtime and "production" in item.targets.environments:
            yield Downtime(item, item.id, ("window",), item.window)
    elif isinstance(item, Release):
        for index, wave in enumerate(item.waves):
            if wave.downtime and "production" in wave.environments and wave.status not in ENDED:
                label = f"{item.id} wave {index + 1}"
                yield Downtime(item, label, ("waves", index, "window"), wave.window)


def told_by_notices(model: Model) -> frozenset[str]:
    """The work that published public maintenance notices list: their notice is the notice."""
    return frozenset(
        listed
        for notice in model.of_kind(Maintenance)
        if notice.visibility == "public" and notice.status not in ("draft", "cancelled")
        for listed in notice.changes
    )


def short_notice(downtime: Downtime, since: datetime, counted: str, days: int) -> Finding | None:
    """FT314 when the window starts fewer than `days` after `since` (counted on its clock)."""
    window = downtime.window
    given = wall_clock_between(since, window.start, window.zone)
    if given >= timedelta(days=days):
        return None
    shown = max(given.total_seconds(), 0) // 8640 / 10  # rounded down: 6.99 days is not '7.0'
    way = "an emergency change" if isinstance(downtime.item, Change) else "a hotfix"
    message = (
        f"{downtime.label} takes production down from {moment(window.start, window.zone)}, "
        f"{shown:.1f} days after {counted}; the policy asks for {days} days' notice to "
        f"customers: move the window, or make it {way} if it cannot wait"
    )
    return Finding("FT314", message, downtime.item.path, downtime.at)


def unpublished_notice_findings(model: Model, now: datetime) -> list[Finding]:
    """`validate`'s FT314: draft and proposed work whose downtime is too close to give notice."""
    days = model.platform.policies.notice_days
    told = told_by_notices(model)
    findings = []
    for item in model.items.values():
        if item.status not in UNPUBLISHED or item.id in told:
            continue
        counted = UNPUBLISHED_SINCE.format(status=item.status)
        for downtime in downtime_windows(item):
            if downtime.window.start > now:
                found = short_notice(downtime, now, counted, days)
                findings.extend([found] if found else [])
    return findings
