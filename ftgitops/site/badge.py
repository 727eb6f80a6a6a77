"""A status badge (SVG) and `banner.json`, for the product's own dashboard and READMEs."""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape

from ftgitops.site.api import INDICATOR, upcoming
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor
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


def banner(ctx: SiteContext) -> dict[str, Any]:
    """The overall state, what is open now and the next window, in a few hundred bytes."""
    state = ctx.status.overall
    coming = upcoming(ctx, include_open=False)
    following = coming[0] if coming else None
    return {
        "state": state.slug,
        "indicator": INDICATOR[state],
        "message": OVERALL_TEXT[state],
        "url": ctx.url(""),
        "updated_at": iso(ctx.now),
        "incidents": [
            {"id": i.id, "title": i.title, "url": ctx.page_url("incidents.md", anchor(i.id))}
            for i in ctx.status.incidents
        ],
        "maintenance_in_progress": [
            {"id": m.id, "title": m.title, "url": ctx.page_url("maintenance.md", anchor(m.id))}
            for m in ctx.status.maintenance
        ],
        "next_maintenance": None
        if following is None or following.window is None
        else {
            "id": following.id,
            "title": following.title,
            "starts_at": iso(following.window.start),
            "ends_at": iso(following.window.end),
            "url": ctx.page_url("maintenance.md", anchor(following.id)),
        },
    }


def badge_files(ctx: SiteContext) -> dict[str, bytes]:
    text = json.dumps(banner(ctx), ensure_ascii=False, indent=1)
    return {"badge.svg": badge_svg(ctx), "banner.json": text.encode("utf-8")}
