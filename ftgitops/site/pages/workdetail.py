"""One change, release or maintenance notice in full, for the internal edition.

Each has a permanent page (`changes/chg-2026-0042/`, `permalinks.work_url`): every field (the
file as written, confidential ones included: this edition is internal), the assessed risk, its
conflicts, its intervention log as a timeline (the deployer's record: each target, attempt,
outcome, run and task) and its history from git: each commit that touched the file, when,
who, and what it changed in status or window. The page is HTML (`htmlpage`), built without
the Markdown pipeline; the calendar's month pages keep a short block per item (its anchor,
status, window, risk and a link to the page). Every value from the data is escaped
(`text.name`, `text.plain`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ftgitops.conflicts import describe
from ftgitops.model import Change, Maintenance, Release
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.githistory import Revision
from ftgitops.site.htmlpage import HtmlPage
from ftgitops.site.pages.common import anchor, heading
from ftgitops.site.pages.fields import field_list
from ftgitops.site.pages.interventions import intervention_log
from ftgitops.site.permalinks import href, work_path
from ftgitops.site.review import Review
from ftgitops.site.text import name

Scheduled = Change | Release | Maintenance
HISTORY_COLUMNS = ("When", "Who", "Commit", "What changed")
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
    """Each commit that touched the file, oldest first (each cell on a line of its own), as
    the site's grid table: its rows become labelled cards on a phone."""
    if not revisions:
        return [
            '<h2 id="history">History</h2>',
            "<p>No commits yet: the file is not in git history.</p>",
        ]
    head = "".join(f'<th scope="col">{h}</th>' for h in HISTORY_COLUMNS)
    rows = [
        '<h2 id="history">History</h2>',
        f'<div class="ft-table ft-history"><table class="ft-grid"><thead><tr>{head}</tr></thead>',
        "<tbody>",
    ]
    previous: Revision | None = None
    for revision in revisions:
        rows.append(
            f'<tr><td data-label="When">{timefmt.when(revision.at, [])}</td>'
            f'\n<td data-label="Who">{name(revision.author)}</td>'
            f'\n<td data-label="Commit"><code>{revision.sha[:10]}</code></td>'
            f'\n<td data-label="What changed">{name(changed(previous, revision))}</td></tr>'
        )
        previous = revision
    return [*rows, "</tbody></table></div>"]


def detail_block(item: Scheduled, ctx: SiteContext, found: Review, here: str = "") -> str:
    """The item on a calendar page: its heading (its anchor), one line of status, window,
    risk and conflicts, and a link to its page (`here`: the calendar page's docs path)."""
    assessment = found.risk.get(item.id)
    risk = f" · risk {assessment.level}" if assessment else ""
    conflicts = len(found.conflicts_of(item.id))
    link = href(ctx, here or month_path(item), work_path(item.id))
    line = (
        f"{item.kind.capitalize()} · <strong>{name(item.status)}</strong>{risk} · "
        f"{conflicts} conflict{'s' * (conflicts != 1)} · {window_text(item, ctx)} · "
        f'<a href="{link}">Full record</a>'
    )
    return "\n".join([heading(3, item.title, item.id), "", f'<p class="ft-detail">{line}</p>', ""])


def month_path(item: Scheduled) -> str:
    """The calendar page an item's block is on (`calendar.home_month`'s rule)."""
    if isinstance(item, Release):
        starts = [w.window.start for w in item.waves]
        return f"calendar/{min(starts):%Y-%m}.md" if starts else "calendar/unscheduled.md"
    return f"calendar/{item.window.start:%Y-%m}.md" if item.window else "calendar/unscheduled.md"


def window_text(item: Scheduled, ctx: SiteContext) -> str:
    """The window (a release: its first wave's start and the number of waves)."""
    if isinstance(item, Release):
        if not item.waves:
            return "no waves"
        first = min(item.waves, key=lambda w: w.window.start)
        return f"{len(item.waves)} waves from {timefmt.when(first.window.start, [])}"
    if item.window is None:
        return "not scheduled"
    regions = item.targets.regions if item.targets else ()
    return timefmt.span(item.window.start, item.window.end, ctx.zones(regions, item.window.zone))


def detail_page(item: Scheduled, ctx: SiteContext, found: Review) -> HtmlPage:
    """`changes/<id>/`: summary, risk, conflicts, intervention log, git history, fields."""
    here = work_path(item.id)
    body = [*summary(item, ctx), *risk_lines(item, found), *conflict_lines(item, found)]
    body += intervention_log(item, ctx)
    body += history_table(ctx.revisions.get(item.path, ()))
    body += ['<h2 id="fields">All fields</h2>', field_list(item.raw)]
    back = href(ctx, here, month_path(item), anchor(item.id))
    body.append(f'<p class="ft-back"><a href="{back}">In the change calendar</a></p>')
    text = f"{item.id} · {item.kind} · {item.status}"
    return HtmlPage(item.title, "\n".join(['<div class="ft-detail">', *body, "</div>"]), text)


def pages(ctx: SiteContext, found: Review) -> dict[str, HtmlPage]:
    """The page of every change, release and maintenance notice, by docs path."""
    return {
        work_path(item.id): detail_page(item, ctx, found)
        for item in ctx.model.items.values()
        if isinstance(item, Change | Release | Maintenance)
    }
