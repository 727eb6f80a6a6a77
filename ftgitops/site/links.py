"""Where an item is read on the site: the one place feeds, the API and the banner link to.

Incidents and maintenance windows get permanent pages of their own (issue 14, point 4);
when they land, only these functions change.
"""

from __future__ import annotations

from ftgitops.model import Incident, Release
from ftgitops.rules.customerwindows import CustomerWindow
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor, month_of


def incident_url(ctx: SiteContext, incident: Incident) -> str:
    """The incident on its month's history page (its start's UTC month)."""
    started = incident.started
    if started is None:
        return ctx.page_url("incidents.md", anchor(incident.id))
    return ctx.page_url(f"history/{month_of(started)}.md", anchor(incident.id))


def window_url(ctx: SiteContext, window: CustomerWindow) -> str:
    """A wave on its release's notes, anything else on the maintenance page."""
    if isinstance(window.item, Release):
        return ctx.page_url("releases.md", anchor(window.item.id))
    return ctx.page_url("maintenance.md", anchor(window.item.id))


def html_url(ctx: SiteContext) -> str:
    """The edition's home page (a feed's channel link)."""
    return ctx.url("")


def webcal_url(ctx: SiteContext, path: str) -> str:
    """The `webcal://` form of a file's URL, which calendar apps open as a subscription."""
    absolute = ctx.url(path)
    scheme, _, rest = absolute.partition("://")
    return f"webcal://{rest}" if scheme in ("http", "https") else absolute
