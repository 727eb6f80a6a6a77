"""Where an item is read on the site, for feeds, the API and the banner: an incident's and a
window's permanent page (`site.permalinks`, the one URL rule), the home page, and the
`webcal://` form of the calendar.
"""

from __future__ import annotations

from ftgitops.model import Incident
from ftgitops.rules.customerwindows import CustomerWindow
from ftgitops.site import permalinks
from ftgitops.site.context import SiteContext


def incident_url(ctx: SiteContext, incident: Incident) -> str:
    """The incident's permanent page."""
    return permalinks.incident_url(ctx, incident)


def window_url(ctx: SiteContext, window: CustomerWindow) -> str:
    """The window's permanent page (from its stable key)."""
    return permalinks.window_url(ctx, window.key)


def html_url(ctx: SiteContext) -> str:
    """The edition's home page (a feed's channel link)."""
    return ctx.url("")


def webcal_url(ctx: SiteContext, path: str) -> str:
    """The `webcal://` form of a file's URL, which calendar apps open as a subscription."""
    absolute = ctx.url(path)
    scheme, _, rest = absolute.partition("://")
    return f"webcal://{rest}" if scheme in ("http", "https") else absolute
