"""The customer-visible windows one edition shows, and how a page names each of them.

The windows come from `rules.customerwindows`, the one notion shared with the feeds, the
calendar, the API and the banner, already scoped to the audience in the context
(`ctx.windows`); their titles come from `site.windowtext`, as on every other surface.
"""

from __future__ import annotations

from ftgitops.model import Change, Maintenance
from ftgitops.rules.customerwindows import CustomerWindow, WindowState
from ftgitops.site import permalinks, timefmt, windowtext
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.words import environments_text, groups_text, services_text, status_word
from ftgitops.site.text import name

OVER = (WindowState.COMPLETED, WindowState.CANCELLED)


def audience_windows(ctx: SiteContext) -> list[CustomerWindow]:
    """Every window the edition's readers feel, soonest first (`ctx.windows`, scoped to the
    audience where the context is made)."""
    return list(ctx.windows)


def window_anchor(window: CustomerWindow) -> str:
    """The fragment a window is found at on the maintenance page (`mnt-2026-0001`,
    `rel-2026-0005-uk-production-group-2`)."""
    return window.key.lower().replace("/", "-")


def title(window: CustomerWindow) -> str:
    """What the window is, escaped: the notice's title, `Upgrade to …` for a wave."""
    return name(windowtext.title(window))


def kind_word(window: CustomerWindow) -> str:
    return {"maintenance": "Maintenance", "release-wave": "Upgrade"}.get(
        window.kind, "Planned work"
    )


def state_word(window: CustomerWindow) -> str:
    """`Upcoming`, `In progress`, `Completed`, `Cancelled`, `Overrunning` (still open after
    its planned end); a failed or rolled back outcome says so."""
    if window.state is WindowState.OVERRAN:
        return "Overrunning"
    if window.state is WindowState.COMPLETED and window.outcome not in (None, "completed"):
        return status_word(window.outcome or "")
    return window.state.label


def state_badge(window: CustomerWindow) -> str:
    """The state as a labelled chip (`data-window-state` for tests and styles)."""
    return (
        f'<span class="ft-window-state" data-window-state="{window.state.value}">'
        f"{state_word(window)}</span>"
    )


def where(window: CustomerWindow, ctx: SiteContext) -> str:
    """`UK · Production · All services`, with `Customer group 2` for a wave."""
    parts = [ctx.region_names(window.regions), environments_text(window.environments)]
    if window.groups:
        parts.append(groups_text(window.groups))
    parts.append(services_text(window.services, ctx.model.platform.services))
    return " · ".join(p for p in parts if p)


def when(window: CustomerWindow, ctx: SiteContext) -> str:
    """Start and end in the regions' local time and UTC (the real end once it ended; a
    cancelled window keeps its planned end: its `ends` is when it was called off)."""
    end = window.ends if window.state is WindowState.COMPLETED else window.window.end
    zones = ctx.zones(window.regions, window.window.zone)
    return timefmt.span(window.window.start, end, zones)


def impact(window: CustomerWindow) -> str:
    return "Service unavailable during the window" if window.downtime else "No downtime expected"


def summary(window: CustomerWindow, ctx: SiteContext) -> str:
    """The public text of a notice, the summary of a change; nothing for a wave."""
    item = window.item
    if isinstance(item, Maintenance):
        return ctx.text.block(item.public_text)
    if isinstance(item, Change) and item.public_summary:
        return ctx.text.block(item.public_summary)
    return ""


def link(window: CustomerWindow, ctx: SiteContext, here: str = "index.md") -> str:
    """Where a page at the docs path `here` links for the whole story: the window's
    permanent page (`site.permalinks`; a URL, since that page is not a Markdown file)."""
    return permalinks.href(ctx, here, permalinks.window_path(window.key))
