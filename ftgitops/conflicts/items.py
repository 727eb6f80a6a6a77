"""Rules within one item: a release's wave order, and a public notice's notice period.

A tenant's production must not be upgraded before its UAT has been (customers test first);
a public maintenance notice must be given the policy's days ahead, counted from `published`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from ftgitops.codes import Severity
from ftgitops.conflicts.occupancy import region_zone, wave_label, wave_tenants
from ftgitops.conflicts.record import KIND_CODES, Conflict, NoticeFacts, WaveOrderFacts
from ftgitops.model import ENDED, Change, Maintenance, Model, Release, Wave
from ftgitops.rules.policy import notice_given

Range = tuple[datetime | None, datetime | None]


def overlaps_range(start: datetime, end: datetime, within: Range) -> bool:
    """Whether [start, end) shares time with the range (an open side is unbounded)."""
    low, high = within
    return (low is None or end > low) and (high is None or start < high)


def wave_order(release: Release, model: Model, within: Range) -> Iterator[Conflict]:
    """A conflict for each production wave that starts before a UAT wave of its tenants ends."""
    uat_waves: list[tuple[int, Wave, frozenset[str]]] | None = None  # built when first needed
    for p_index, production in enumerate(release.waves):
        if "production" not in production.environments or production.status in ENDED:
            continue
        if not overlaps_range(production.window.start, production.window.end, within):
            continue
        if uat_waves is None:
            uat_waves = [
                (index, uat, frozenset(wave_tenants(model, uat, "uat")))
                for index, uat in enumerate(release.waves)
                if "uat" in uat.environments and uat.status != "cancelled"
            ]
        upgraded = set(wave_tenants(model, production, "production"))
        for u_index, uat, tested in uat_waves:
            tenants = sorted(upgraded & tested)
            if tenants and production.window.start < uat.window.end:
                yield _wave_order(release, model, (p_index, u_index), tenants)


def _wave_order(
    release: Release, model: Model, indexes: tuple[int, int], tenants: list[str]
) -> Conflict:
    production, uat = (release.waves[i] for i in indexes)
    first, second = (wave_label(release.id, i) for i in indexes)
    return Conflict(
        code=KIND_CODES["wave-order"],
        kind="wave-order",
        severity=Severity.ERROR,
        first=first,
        second=second,
        facts=WaveOrderFacts(
            tuple(tenants),
            (production.window.start, production.window.end),
            (uat.window.start, uat.window.end),
        ),
        start=production.window.start,
        end=max(uat.window.end, production.window.end),
        zone=region_zone(model, (production.region,), production.window.zone),
        paths=(release.path,),
        json_path=("waves", indexes[0], "window"),
    )


def short_notice(notice: Maintenance, model: Model, within: Range) -> Iterator[Conflict]:
    """A public notice published fewer than the policy's days before its window."""
    days = model.platform.policies.notice_days
    window, published = notice.window, notice.published
    if window is None or published is None or notice.ended:
        return
    if notice.visibility != "public" or notice.status == "draft":
        return
    if not overlaps_range(window.start, window.end, within):
        return
    given = notice_given(notice)
    if given is None or given >= timedelta(days=days):
        return
    emergency = _all_emergencies(notice, model)
    regions = notice.targets.regions if notice.targets else ()
    yield Conflict(
        code=KIND_CODES["short-notice"],
        kind="short-notice",
        severity=Severity.WARNING if emergency else Severity.ERROR,
        first=notice.id,
        second=None,
        facts=NoticeFacts(given, days, emergency, regions),
        start=window.start,
        end=window.end,
        zone=region_zone(model, regions, window.zone),
        paths=(notice.path,),
        json_path=("published",),
    )


def _all_emergencies(notice: Maintenance, model: Model) -> bool:
    listed = [model.items.get(item_id) for item_id in notice.changes]
    return bool(listed) and all(
        isinstance(item, Change) and item.type == "emergency" for item in listed
    )
