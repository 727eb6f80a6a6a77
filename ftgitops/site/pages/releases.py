"""Release notes with each release's rollout schedule by region and upgrade group."""

from __future__ import annotations

from ftgitops.model import Release
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import heading
from ftgitops.site.text import name

SECTIONS = (("features", "New features"), ("fixes", "Fixes"), ("known_issues", "Known issues"))


def _first_start(release: Release) -> str:
    return min((w.window.start.isoformat() for w in release.waves), default="")


def schedule(release: Release, ctx: SiteContext) -> str:
    """The waves as a table: region, groups, environments, window in local time and UTC."""
    rows = ["| Wave | Region | Groups | Environments | When | Downtime | Status |"]
    rows.append("| --- | --- | --- | --- | --- | --- | --- |")
    for wave in sorted(release.waves, key=lambda w: w.window.start):
        zones = ctx.zones((wave.region,), wave.window.zone)
        when = timefmt.span(wave.window.start, wave.window.end, zones)
        groups = ", ".join(str(g) for g in wave.groups)
        rows.append(
            f"| {name(wave.name)} | {ctx.region_names((wave.region,))} | {groups} | "
            f"{', '.join(wave.environments)} | {when} | {'yes' if wave.downtime else 'no'} | "
            f"{wave.status} |"
        )
    return "\n".join(rows)


def release_block(release: Release, ctx: SiteContext) -> str:
    notes = release.notes
    parts = [
        heading(2, f"{release.version}: {release.title}", release.id),
        "",
        f"{release.release_type.replace('-', ' ').capitalize()} · {release.status} · "
        f"Services: {ctx.service_names(release.services)}",
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
