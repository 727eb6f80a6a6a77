"""The maintenance page: every window customers feel, planned and in progress in full, then
the past ones as one table with their real end and outcome.

The windows are the edition's customer-visible windows (`pages.windows`: maintenance notices,
release waves with downtime, changes with downtime), each with its state derived from its
window, the clock and the recorded outcome, the same as on the home page and in the feeds.
"""

from __future__ import annotations

from ftgitops.model import Maintenance
from ftgitops.rules.customerwindows import CustomerWindow
from ftgitops.site.context import SiteContext
from ftgitops.site.pages import monthly, windows
from ftgitops.site.pages.common import table, updates

HERE = "maintenance.md"


def block(window: CustomerWindow, ctx: SiteContext) -> str:
    """A window planned or in progress: heading (a link to its permanent page), state, when,
    where, impact, text, updates."""
    lines = [
        f"### [{windows.title(window)}]({windows.link(window, ctx, HERE)})"
        f" {{#{windows.window_anchor(window)}}}",
        "",
        f"{windows.state_badge(window)} {windows.kind_word(window)}  ",
        f"When: {windows.when(window, ctx)}  ",
        f"Where: {windows.where(window, ctx)}  ",
        f"Impact: {windows.impact(window)}",
        "{: .ft-card-meta }",
        "",
    ]
    text = windows.summary(window, ctx)
    lines += [text, ""] if text else []
    item = window.item
    if isinstance(item, Maintenance) and item.updates:
        lines += [updates(item.updates, ctx, window.regions), ""]
    return "\n".join(lines)


def past_table(ctx: SiteContext, past: list[CustomerWindow]) -> str:
    """Past windows, latest first, as one table: when (with the real end), what (a link to
    its permanent page), where, outcome. Each row keeps the window's anchor, so old links
    still land on it."""
    rows = [
        (
            windows.when(w, ctx),
            f'<a href="{windows.link(w, ctx, HERE)}">{windows.title(w)}</a>'
            f"<br><small>{windows.kind_word(w)}</small>",
            windows.where(w, ctx),
            windows.state_word(w),
        )
        for w in past
    ]
    ids = tuple(windows.window_anchor(w) for w in past)
    return table(("When", "What", "Where", "Outcome"), rows, "ft-past", ids)


def page(ctx: SiteContext) -> str:
    """`maintenance.md`: windows not yet over, soonest first; then the past, latest first."""
    found = windows.audience_windows(ctx)
    current = [w for w in found if w.state not in windows.OVER]
    past = sorted(
        (w for w in found if w.state in windows.OVER), key=lambda w: w.window.start, reverse=True
    )
    lines = ["# Maintenance", "", "[Subscribe to the calendar](maintenance.ics)", ""]
    lines += ["## Planned and in progress", ""]
    lines += [block(w, ctx) for w in current] or ["No maintenance is planned.", ""]
    lines += monthly.section(ctx)
    lines += ["## Past maintenance", ""]
    lines += [past_table(ctx, past), ""] if past else ["None yet.", ""]
    return "\n".join(lines) + "\n"
