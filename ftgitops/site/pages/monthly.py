"""Regular maintenance ahead: each region's monthly windows for the coming months, as
`ftgitops plan maintenance` computes them, so what the planners print is what customers see.

A month whose window has a notice links to it; one still to be announced says when its notice
will come at the latest (the notice period before it); one a change freeze moves says where it
went; one a freeze skips says there is none that month. Freezes are not named: which launch or
year-end they protect is the planners' business. A window too close to announce now is not
shown as planned: without notice it cannot be held.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from ftgitops.plan.maintenance import EXISTS, MOVED, NEW, SKIPPED, Planned, plan_maintenance
from ftgitops.rules.customerwindows import CustomerWindow
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages import windows
from ftgitops.site.pages.common import table
from ftgitops.site.pages.words import date_words, month_name
from ftgitops.site.text import name

MONTHS_AHEAD = 6
SHOWN = (EXISTS, NEW, MOVED, SKIPPED)


def ahead(ctx: SiteContext, region_ids: Iterable[str]) -> list[Planned]:
    """The regions' monthly windows from `now`, soonest first, without those too late to
    announce."""
    planned = plan_maintenance(ctx.model, ctx.now, MONTHS_AHEAD, region_ids)
    return sorted((p for p in planned if p.action in SHOWN), key=lambda p: p.slot_start)


def _notice(planned: Planned, found: list[CustomerWindow]) -> CustomerWindow | None:
    """The published notice whose window overlaps the planned one in its region."""
    for window in found:
        if window.kind != "maintenance" or planned.region.id not in window.regions:
            continue
        if window.window.start < planned.end and planned.start < window.window.end:
            return window
    return None


def _what(ctx: SiteContext, planned: Planned, found: list[CustomerWindow]) -> str:
    notice = _notice(planned, found) if planned.action == EXISTS else None
    if notice is not None:
        return f'<a href="#{windows.window_anchor(notice)}">Announced</a>'
    if planned.action == SKIPPED:
        return "No maintenance this month (change freeze)"
    days = ctx.model.platform.policies.notice_days
    by = date_words((planned.start - timedelta(days=days)).date())
    if planned.action == MOVED:
        return f"Moved out of a change freeze; notice by {by}"
    return f"Notice by {by}"


def rows(ctx: SiteContext, region_ids: Iterable[str]) -> list[tuple[str, str, str, str]]:
    """Month, region, window (local time and UTC) and what stands, for each window ahead."""
    found = windows.audience_windows(ctx)
    shown = []
    for planned in ahead(ctx, region_ids):
        zone = planned.region.zone
        month = month_name(f"{planned.slot_start.astimezone(zone):%Y-%m}")
        when = (
            "—" if planned.action == SKIPPED else timefmt.span(planned.start, planned.end, [zone])
        )
        what = _what(ctx, planned, found)
        shown.append((month, name(planned.region.name), when, what))
    return shown


def section(ctx: SiteContext) -> list[str]:
    """`## Regular maintenance ahead`: the table, for the regions this edition covers."""
    found = rows(ctx, ctx.scope.regions)
    if not found:
        return []
    days = ctx.model.platform.policies.notice_days
    return [
        "## Regular maintenance ahead",
        "",
        f"Each region has one maintenance window a month. A notice comes at least {days} days "
        "before each; until then the window is planned but not confirmed.",
        "",
        table(("Month", "Region", "Window", "Notice"), found, "ft-ahead"),
        "",
    ]
