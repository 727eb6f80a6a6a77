"""A status badge (SVG) and `banner.json`, for the product's own dashboard and READMEs.

The banner lists the same customer-visible windows as every other surface (`ctx.windows`,
already scoped to the edition): those open now and the next one coming, each with its
state, what, where and when.
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape

from ftgitops.rules.customerwindows import CustomerWindow
from ftgitops.site import windowtext
from ftgitops.site.api import INDICATOR, OPEN, upcoming
from ftgitops.site.context import SiteContext
from ftgitops.site.links import incident_url, window_url
from ftgitops.site.pages.status import OVERALL_TEXT
from ftgitops.site.status import State
from ftgitops.site.timefmt import iso

COLOURS = {
    State.OPERATIONAL: "#2e7d32",
    State.UNDER_MAINTENANCE: "#1565c0",
    State.DEGRADED: "#b26a00",
    State.PARTIAL_OUTAGE: "#d84315",
    State.MAJOR_OUTAGE: "#c62828",
}
CHAR_WIDTH = 7
PADDING = 10


def badge_svg(ctx: SiteContext, label: str = "status") -> bytes:
    """A two-part badge, `status | operational`, with a title for screen readers."""
    state = ctx.status.overall
    value = state.label.lower()
    left = len(label) * CHAR_WIDTH + PADDING
    right = len(value) * CHAR_WIDTH + PADDING
    text = escape(f"{label}: {value}")
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + right}" height="20" '
        f'role="img" aria-label="{text}"><title>{text}</title>'
        f'<rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{COLOURS[state]}"/>'
        '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{PADDING // 2}" y="14">{escape(label)}</text>'
        f'<text x="{left + PADDING // 2}" y="14">{escape(value)}</text></g></svg>\n'
    )
    return svg.encode("utf-8")


def window_entry(ctx: SiteContext, window: CustomerWindow) -> dict[str, Any]:
    """One window for the banner: id, kind, state, title, where, when, times, link."""
    return {
        "id": window.key,
        "kind": window.kind,
        "state": window.state.value,
        "title": windowtext.title(window),
        "where": windowtext.where(ctx, window),
        "when": windowtext.when(ctx, window),
        "downtime": window.downtime,
        "starts_at": iso(window.window.start),
        "ends_at": iso(window.window.end),
        "url": window_url(ctx, window),
    }


def banner(ctx: SiteContext) -> dict[str, Any]:
    """The overall state, what is open now and the next window, in a few hundred bytes."""
    state = ctx.status.overall
    coming = upcoming(ctx, include_open=False)
    return {
        "state": state.slug,
        "indicator": INDICATOR[state],
        "message": OVERALL_TEXT[state],
        "url": ctx.url(""),
        "updated_at": iso(ctx.now),
        "incidents": [
            {"id": i.id, "title": i.title, "url": incident_url(ctx, i)}
            for i in ctx.status.incidents
        ],
        "maintenance_in_progress": [window_entry(ctx, w) for w in ctx.windows if w.state in OPEN],
        "next_maintenance": window_entry(ctx, coming[0]) if coming else None,
    }


def badge_files(ctx: SiteContext) -> dict[str, bytes]:
    text = json.dumps(banner(ctx), ensure_ascii=False, indent=1)
    return {"badge.svg": badge_svg(ctx), "banner.json": text.encode("utf-8")}
