"""A customer-visible window in words: what, where and when, for feeds, calendar and API.

Every machine surface (feeds, `maintenance.ics`, the JSON API, the banner) describes a window
(`rules.customerwindows`) the same way, in customer vocabulary: the regions' and services'
names ("All services" when it is every one the edition covers), environments as words
("Production", "UAT"), and the time in each region's zone and in UTC. What comes back is
plain text (one line each) or, for `what`, the author's Markdown, which a caller renders
through `text.Renderer` (HTML) or `plain_paragraphs` (calendar text).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from ftgitops import timetext
from ftgitops.model import Change, Maintenance, Release
from ftgitops.rules.customerwindows import CustomerWindow
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.words import ENVIRONMENTS, joined
from ftgitops.site.timefmt import zones_once


def title(window: CustomerWindow) -> str:
    """`UK monthly maintenance`; `Upgrade to FastTrack360 2026.2 (2026.2.0)` for a wave (its
    region, group and date say which one): plain text, the one title every surface uses."""
    item = window.item
    if isinstance(item, Release):
        return f"Upgrade to {item.title} ({item.version})"
    return item.title


def what(window: CustomerWindow) -> str:
    """The author's public text (Markdown): a notice's text, a release's summary, a change's
    public summary; empty when there is none."""
    item = window.item
    if isinstance(item, Maintenance):
        return item.public_text or ""
    if isinstance(item, Release):
        summary = item.notes.get("summary")
        return summary if isinstance(summary, str) else ""
    if isinstance(item, Change):
        return item.public_summary or ""
    return ""


def where(ctx: SiteContext, window: CustomerWindow) -> str:
    """`UK · All services · Production and UAT`."""
    platform = ctx.model.platform
    regions = ", ".join(platform.regions[r].name for r in window.regions if r in platform.regions)
    known = [s for s in window.services if s in platform.services]
    services = (
        "All services"
        if known and ctx.scope.all_services(tuple(known))
        else ", ".join(platform.services[s].name for s in known)
    )
    environments = joined(ENVIRONMENTS.get(e, e) for e in window.environments)
    return " · ".join(part for part in (regions, services, environments) if part)


def when(ctx: SiteContext, window: CustomerWindow) -> str:
    """`Wed 25 Nov 2026 20:00–Thu 26 Nov 00:00 GMT (25 Nov 20:00–26 Nov 00:00 UTC)`: each
    region's local time, then UTC (UTC alone when no zone is known)."""
    start, end = window.window.start, window.window.end
    zones = [
        z for z in zones_once(ctx.zones(window.regions, window.window.zone)) if str(z) != "UTC"
    ]
    if not zones:
        return timetext.utc_range(start, end)
    local = " · ".join(timetext.local_range(start, end, zone) for zone in zones)
    year = start.astimezone(zones[0]).year
    return f"{local} ({timetext.utc_range(start, end, year=year)})"


def moment(ctx: SiteContext, window: CustomerWindow, at: datetime) -> str:
    """`Wed 18 Nov 2026 20:00 GMT (20:00 UTC)`: a moment in the window's first region's
    zone, then in UTC."""
    zones = [z for z in ctx.zones(window.regions, window.window.zone) if str(z) != "UTC"]
    if not zones:
        return timetext.utc(at)
    return f"{timetext.moment(at, zones[0])} ({timetext.clock(at.astimezone(UTC))} UTC)"


def impact(window: CustomerWindow) -> str:
    """What customers will notice."""
    return "Service unavailable during the window." if window.downtime else "No downtime expected."


def summary(ctx: SiteContext, window: CustomerWindow) -> str:
    """Where, when and the impact, as three lines of plain text."""
    return f"{where(ctx, window)}\n{when(ctx, window)}\n{impact(window)}"


def plain_paragraphs(text: str) -> str:
    """Text with the YAML block's soft line breaks joined: a line break inside a paragraph
    becomes a space, blank lines (paragraphs) and list items stay."""
    lines = text.strip().splitlines()
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        joinable = out and out[-1] and stripped and not _starts_block(stripped)
        if joinable:
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(stripped)
    return "\n".join(out)


def _starts_block(line: str) -> bool:
    return bool(re.match(r"^(?:[-*+] |\d+[.)] |#)", line))
