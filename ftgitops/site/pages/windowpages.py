"""A permanent page per customer-visible window: maintenance, a release wave or a change with
downtime (`rules.customerwindows`), at `maintenance/<key>/` (`permalinks.window_url`).

Release waves and changes with downtime get a page too: customers feel them exactly as they
feel maintenance, and feeds and e-mails need somewhere to link for each. Each page says what
and where (regions, services, environments), when (local time and UTC), whether to expect
downtime, the window's state at build time (upcoming, in progress, completed, cancelled,
overrunning; a failed or rolled back outcome says so), the public text and the updates said
by then. HTML (`htmlpage`), built without the Markdown pipeline. The windows, their titles
and words are the same as on every other surface (`pages.windows`, `site.windowtext`,
`pages.words`).
"""

from __future__ import annotations

from ftgitops.model import Maintenance
from ftgitops.rules.customerwindows import CustomerWindow, WindowState
from ftgitops.site import timefmt, windowtext
from ftgitops.site.context import SiteContext
from ftgitops.site.htmlpage import HtmlPage
from ftgitops.site.pages.common import told
from ftgitops.site.pages.windows import audience_windows, state_badge
from ftgitops.site.pages.words import environments_text, groups_text, services_text
from ftgitops.site.permalinks import href, window_path, work_path
from ftgitops.site.text import name
from ftgitops.timetext import duration

KINDS = {"maintenance": "Scheduled maintenance", "release-wave": "Upgrade", "change": "Change"}
BACK = "maintenance.md"


def facts(window: CustomerWindow, ctx: SiteContext) -> str:
    """When (local and UTC), how long, where (a wave: which customer groups), which
    environments, downtime."""
    zones = ctx.zones(window.regions, window.window.zone)
    start, end = window.window.start, window.window.end
    services = services_text(window.services, ctx.model.platform.services)
    rows = [("When", timefmt.span(start, end, zones)), ("Planned length", duration(end - start))]
    if window.state is WindowState.COMPLETED and window.ends < end:  # ended early
        rows.append(("Ended", timefmt.when(window.ends, zones)))
    rows += [
        ("Regions", ctx.region_names(window.regions)),
        *([("Customers", groups_text(window.groups))] if window.groups else []),
        ("Services", services or "no public service"),
        ("Environments", environments_text(window.environments)),
        ("Downtime", "Expect downtime" if window.downtime else "No downtime expected"),
    ]
    cells = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="ft-facts">{cells}</dl>'


def updates(window: CustomerWindow, ctx: SiteContext) -> list[str]:
    """The maintenance notice's updates said by build time, newest first (other windows
    have none)."""
    item = window.item
    said = told(item.updates, ctx.now) if isinstance(item, Maintenance) else []
    if not said:
        return []
    zones = ctx.zones(window.regions, window.window.zone)
    rows = [
        f'<li><p class="ft-timeline-head"><strong>'
        f"{name((u.status or 'update').replace('-', ' ').capitalize())}</strong> · "
        f"{timefmt.when(u.at, zones)}</p>{ctx.text.block(u.text)}</li>"
        for u in said
    ]
    return ['<h2 id="updates">Updates</h2>', f'<ol class="ft-timeline">{"".join(rows)}</ol>']


def window_page(window: CustomerWindow, ctx: SiteContext) -> HtmlPage:
    """`maintenance/<key>/`: the window's permanent page."""
    here = window_path(window.key)
    text = windowtext.what(window)
    body = [
        f'<div class="ft-item" data-kind="{window.kind}" data-state="{window.state.value}">',
        f"<p>{KINDS[window.kind]} · {state_badge(window)}</p>",
        facts(window, ctx),
        *([ctx.text.block(text)] if text.strip() else []),
        *updates(window, ctx),
    ]
    links = [f'<a href="{href(ctx, here, BACK)}">All maintenance</a>']
    if ctx.audience.internal:
        record = href(ctx, here, work_path(window.item.id))
        links.append(f'<a href="{record}">Full record of {name(window.item.id)}</a>')
    body += [f'<p class="ft-back">{" · ".join(links)}</p>', "</div>"]
    summary = f"{KINDS[window.kind]} · {window.state.label} · {window.window.start:%d %b %Y}"
    return HtmlPage(windowtext.title(window), "\n".join(body), summary)


def pages(ctx: SiteContext) -> dict[str, HtmlPage]:
    """The permanent page of every window the edition's readers feel, by docs path."""
    return {window_path(w.key): window_page(w, ctx) for w in audience_windows(ctx)}
