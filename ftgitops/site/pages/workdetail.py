"""One change, release or maintenance notice in full, for the internal edition.

Every field is shown (the file as written, confidential ones included: this edition is
internal), with the assessed risk, its conflicts and its history from git: each commit that
touched the file, when, who, and what it changed in status or window.

Below its Markdown heading (which gives the anchor and the page's table of contents) the
block is one raw HTML `<div>`: Markdown only scans it for tags and passes it through, with no
inline parsing, tables or syntax highlighting, which were most of what a month of thousands
of items cost to build. Every value from the data is escaped (`text.name`, `text.plain`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ftgitops.conflicts import describe
from ftgitops.model import Change, Maintenance, Release
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.githistory import Revision
from ftgitops.site.pages.common import heading
from ftgitops.site.pages.fields import field_list
from ftgitops.site.review import Review
from ftgitops.site.text import name

Scheduled = Change | Release | Maintenance
# A paragraph whose newlines are line breaks (`white-space: pre-line`): no `<br>` tag each.
LINES_CLASS = "ft-lines"


def people(ctx: SiteContext, ids: Sequence[str]) -> str:
    known = ctx.model.platform.people
    names = (known[p].name if p in known else p for p in ids)
    return name(", ".join(names)) or "none"


def windows(item: Scheduled, ctx: SiteContext) -> str:
    """`When`: the window in local time and UTC, or a list of each wave's."""
    if isinstance(item, Release):
        waves = "".join(
            f"<li>{name(w.name)} ({ctx.region_names((w.region,))}, groups "
            f"{', '.join(str(g) for g in w.groups)}): "
            f"{timefmt.span(w.window.start, w.window.end, ctx.zones((w.region,), w.window.zone))}"
            "</li>"
            for w in item.waves
        )
        return f"<p><strong>When</strong></p><ul>{waves}</ul>"
    if item.window is None:
        return "<p><strong>When:</strong> not scheduled</p>"
    regions = item.targets.regions if item.targets else ()
    zones = ctx.zones(regions, item.window.zone)
    return (
        f"<p><strong>When:</strong> {timefmt.span(item.window.start, item.window.end, zones)}</p>"
    )


def summary(item: Scheduled, ctx: SiteContext) -> list[str]:
    """Kind, status, id and file, then a line each for the main fields, then `When`."""
    lines = [
        f"{item.kind.capitalize()} · <strong>{item.status}</strong> · {item.id} · "
        f"<code>{name(item.path)}</code>"
    ]
    if isinstance(item, Change):
        lines.append(f"Category: {item.category} · Type: {item.type}")
    if isinstance(item, Release):
        lines.append(f"Release type: {item.release_type} · Version: {name(item.version)}")
    lines.append(f"Owner: {people(ctx, (item.owner,) if item.owner else ())}")
    if isinstance(item, Change | Release):
        lines.append(f"Implementers: {people(ctx, item.implementers)}")
    targets = getattr(item, "targets", None)
    if targets is not None:
        services = ctx.service_names(targets.services) or "no service"
        lines.append(
            f"Targets: {ctx.region_names(targets.regions)}; "
            f"{services}; {name(', '.join(targets.environments))}; "
            f"{len(targets.tenants)} tenants"
        )
    return [f'<p class="{LINES_CLASS}">' + "\n".join(lines) + "</p>", windows(item, ctx)]


def risk_lines(item: Scheduled, found: Review) -> list[str]:
    assessment = found.risk.get(item.id)
    if assessment is None:
        return []
    reasons = "".join(f"<li>{name(reason)}</li>" for reason in assessment.reasons)
    approvals = name(", ".join(assessment.approvals)) or "none"
    return [
        f"<p><strong>Risk: {assessment.level}</strong> (score {assessment.score}, declared "
        f"{assessment.declared}); approvals needed: {approvals}</p>",
        *([f"<ul>{reasons}</ul>"] if reasons else []),
    ]


def conflict_lines(item: Scheduled, found: Review) -> list[str]:
    mine = found.conflicts_of(item.id)
    if not mine:
        return ["<p><strong>Conflicts:</strong> none</p>"]
    rows = "".join(
        f"<li>{c.severity.value} {c.code} ({c.kind}): {name(describe(c))}</li>" for c in mine
    )
    return [f"<p><strong>Conflicts: {len(mine)}</strong></p><ul>{rows}</ul>"]


def changed(before: Revision | None, after: Revision) -> str:
    """What a commit changed in status or window, in words."""
    if before is None:
        return f"created: status {after.status or 'unreadable'}; window {after.window or 'none'}"
    said = []
    if before.status != after.status:
        said.append(f"status {before.status} → {after.status}")
    if before.window != after.window:
        said.append(f"window {before.window or 'none'} → {after.window or 'none'}")
    return "; ".join(said) or "other fields"


def history_table(revisions: Sequence[Revision]) -> list[str]:
    """Each commit that touched the file, oldest first (each cell on a line of its own)."""
    if not revisions:
        return ["<p><strong>History:</strong> no commits yet: the file is not in git history.</p>"]
    rows = [
        "<table><caption>History</caption>",
        "<tr><th>When</th><th>Who</th><th>Commit</th><th>What changed</th></tr>",
    ]
    previous: Revision | None = None
    for revision in revisions:
        rows.append(
            f"<tr><td>{timefmt.when(revision.at, [])}</td>\n<td>{name(revision.author)}</td>"
            f"\n<td><code>{revision.sha[:10]}</code></td>"
            f"\n<td>{name(changed(previous, revision))}</td></tr>"
        )
        previous = revision
    return [*rows, "</table>"]


def detail_block(item: Scheduled, ctx: SiteContext, found: Review) -> str:
    """The item's heading (its anchor), then summary, risk, conflicts, history and fields."""
    body = [*summary(item, ctx), *risk_lines(item, found), *conflict_lines(item, found)]
    body += history_table(ctx.revisions.get(item.path, ()))
    body += ["<p><strong>All fields</strong></p>", field_list(item.raw)]
    return "\n".join(
        [heading(3, item.title, item.id), "", '<div class="ft-detail">', *body, "</div>", ""]
    )
