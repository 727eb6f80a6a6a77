"""Release notes with each release's rollout schedule by date, region and customer group,
in customer words (`pages.words`) and as a table that fits a phone (`common.table`)."""

from __future__ import annotations

from ftgitops.model import Release, Wave
from ftgitops.rules.customerwindows import state_of
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import heading, table
from ftgitops.site.pages.words import environments_text, groups_text, services_text, status_word

SECTIONS = (("features", "New features"), ("fixes", "Fixes"), ("known_issues", "Known issues"))


def _first_start(release: Release) -> str:
    return min((w.window.start.isoformat() for w in release.waves), default="")


def wave_state(release: Release, wave: Wave, ctx: SiteContext) -> str:
    """The wave's state in words, from its window, the clock and what was recorded."""
    status = "cancelled" if release.status == "cancelled" else wave.status
    return state_of(status, wave.window, wave.window.end, ctx.now).label


def schedule(release: Release, ctx: SiteContext) -> str:
    """The waves by date: when (local time and UTC), where, who, and the impact."""
    rows = []
    for wave in sorted(release.waves, key=lambda w: (w.window.start, w.region)):
        zones = ctx.zones((wave.region,), wave.window.zone)
        rows.append(
            (
                timefmt.span(wave.window.start, wave.window.end, zones),
                ctx.region_names((wave.region,)),
                groups_text(wave.groups),
                environments_text(wave.environments),
                "Service unavailable" if wave.downtime else "None expected",
                wave_state(release, wave, ctx),
            )
        )
    headers = ("When", "Region", "Customers", "Environments", "Downtime", "State")
    return table(headers, rows, "ft-rollout")


def release_block(release: Release, ctx: SiteContext) -> str:
    notes = release.notes
    services = services_text(release.services, ctx.model.platform.services)
    parts = [
        heading(2, f"{release.version}: {release.title}", release.id),
        "",
        f"{status_word(release.release_type)} · {status_word(release.status)} · "
        f"Services: {services}",
        "",
        ctx.text.block(str(notes.get("summary", ""))),
        "",
    ]
    for key, title in SECTIONS:
        if notes.get(key):
            parts += [f"**{title}**", "", ctx.text.items(str(t) for t in notes[key]), ""]
    parts += ["**Rollout schedule**", "", schedule(release, ctx), ""]
    return "\n".join(parts)


def page(ctx: SiteContext) -> str:
    """`releases.md`: every release, latest first."""
    releases = sorted(
        (r for r in ctx.model.of_kind(Release) if r.status not in ("draft", "cancelled")),
        key=_first_start,
        reverse=True,
    )
    body = "\n".join(release_block(r, ctx) for r in releases) or "No releases yet.\n"
    return f"# Release notes\n\n{body}"
