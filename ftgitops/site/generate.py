"""Loads the repository once and turns it into every file of one audience's edition.

Independent of MkDocs: the plugin only wraps these files as `File.generated`, and the bench
and tests can call it directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ftgitops.codes import Severity
from ftgitops.errors import FtgitopsError
from ftgitops.load import load_directory
from ftgitops.load.schemas import SchemaSet
from ftgitops.model import Model
from ftgitops.rules.references import reference_findings
from ftgitops.site import feeds, ics
from ftgitops.site.api import api_files
from ftgitops.site.audience import Audience
from ftgitops.site.badge import badge_files
from ftgitops.site.context import SiteContext
from ftgitops.site.filter import confidential_paths, filter_model
from ftgitops.site.githistory import Revision, commit_counts, file_histories
from ftgitops.site.htmlpage import HtmlPage
from ftgitops.site.links import webcal_url
from ftgitops.site.pages import (
    calendar,
    incidents,
    internalhome,
    maintenance,
    releases,
    reports,
    status,
    tenant,
    windowpages,
    workdetail,
)
from ftgitops.site.pages.head import SITEMAP_STUB
from ftgitops.site.review import review
from ftgitops.site.scope import audience_windows, scope_of
from ftgitops.site.status import compute
from ftgitops.site.style import STYLESHEET
from ftgitops.site.text import name

STYLESHEET_PATH = "assets/ftgitops.css"
# Top-level generated pages, in navigation order, with their titles.
NAV_PAGES = (
    ("Active incidents", "incidents.md"),
    ("Maintenance", "maintenance.md"),
    ("Release notes", "releases.md"),
    ("History", "history/index.md"),
)
INTERNAL_PAGES = (("Change calendar", "calendar/index.md"), ("Reports", "reports.md"))
TENANT_PAGES = (("Your service", "tenant.md"),)
# Kinds of file whose history the internal edition shows (incidents are not scheduled work).
SCHEDULED_PREFIXES = ("CHG-", "REL-", "MNT-")


@dataclass(frozen=True, slots=True)
class Edition:
    """One audience's generated pages (Markdown), other files (bytes) and page snippets, and
    its permanent pages, already HTML (`htmlpage`: rendered without the Markdown pipeline)."""

    pages: dict[str, str]
    files: dict[str, bytes]
    snippets: dict[str, str]
    html: dict[str, HtmlPage] = field(default_factory=dict)


def load(root: Path) -> Model:
    """The loaded model; a load error (syntax, schema, value, reference) stops the build,
    naming file and line. Policy and conflict findings never do: the customers' page must
    keep updating whatever the change calendar says, and the internal edition shows them."""
    loaded = load_directory(root)
    found = [*loaded.findings, *reference_findings(loaded)]
    errors = loaded.locate(f for f in found if f.level is Severity.ERROR)
    if errors:
        more = f" (and {len(errors) - 1} more: run `ftgitops validate`)" if len(errors) > 1 else ""
        raise FtgitopsError(f"{errors[0].format()}{more}")
    if loaded.model is None:
        raise FtgitopsError(f"{root}: the repository has no valid platform file")
    return loaded.model


def context(
    model: Model, audience: Audience, now: datetime, site_url: str, root: Path | None = None
) -> SiteContext:
    """What the generators read: the audience's view of the model and the status at `now`."""
    seen = filter_model(model, audience, confidential_paths(SchemaSet().documents))
    history = commit_counts(root) if root is not None else {}
    revisions = scheduled_histories(root) if root is not None and audience.internal else {}
    windows = audience_windows(model, seen, audience, now)
    status_now = compute(seen, now, windows)
    return SiteContext(
        seen,
        audience,
        now,
        status_now,
        site_url,
        history,
        windows=windows,
        scope=scope_of(seen, audience, now),
        revisions=revisions,
    )


def scheduled_histories(root: Path) -> dict[str, tuple[Revision, ...]]:
    """The git history of every change, release and maintenance file."""
    return file_histories(root, lambda path: path.rpartition("/")[2].startswith(SCHEDULED_PREFIXES))


def nav_pages(kind: str) -> tuple[tuple[str, str], ...]:
    """The generated pages in an edition's navigation, in order, with their titles."""
    if kind == "internal":
        return NAV_PAGES + INTERNAL_PAGES
    return TENANT_PAGES + NAV_PAGES if kind == "tenant" else NAV_PAGES


def feeds_snippet(ctx: SiteContext) -> str:
    """The subscribe page's list of feeds: overall, per region and per service."""
    platform = ctx.model.platform
    rows = [("Everything", "status")]
    rows += [(region.name, f"region-{key}") for key, region in platform.regions.items()]
    rows += [(service.name, f"service-{key}") for key, service in platform.services.items()]
    lines = ["| Feed | RSS 2.0 | Atom |", "| --- | --- | --- |"]
    lines += [
        f"| {name(title)} | [RSS](feeds/{f}.rss) | [Atom](feeds/{f}.atom) |" for title, f in rows
    ]
    subscribe = f"[Subscribe in your calendar app]({webcal_url(ctx, 'maintenance.ics')})"
    calendar = f"{subscribe} (or download [maintenance.ics](maintenance.ics))"
    what = "planned maintenance, release upgrades and changes with downtime"
    return "\n".join([*lines, "", f"Calendar of {what}: {calendar}", ""])


def public_edition(ctx: SiteContext) -> Edition:
    """The customer-facing pages, feeds, calendar and API."""
    pages = {**incidents.pages(ctx)}
    pages["maintenance.md"] = maintenance.page(ctx)
    pages["releases.md"] = releases.page(ctx)
    files = {STYLESHEET_PATH: STYLESHEET.encode("utf-8"), "maintenance.ics": ics.calendar(ctx)}
    files |= feeds.feeds(ctx) | api_files(ctx) | badge_files(ctx)
    files |= SITEMAP_STUB  # beside the feed links in every page's head (pages/head.py)
    snippets = {"status": status.status_markdown(ctx), "feeds": feeds_snippet(ctx)}
    return Edition(pages, files, snippets, incidents.item_pages(ctx) | windowpages.pages(ctx))


def internal_edition(ctx: SiteContext) -> Edition:
    """The public pages over every item, plus the change calendar and the reports."""
    base = public_edition(ctx)
    found = review(ctx.model, ctx.now)
    pages = base.pages | calendar.pages(ctx, found) | {"reports.md": reports.page(ctx, found)}
    html = base.html | workdetail.pages(ctx, found)
    snippets = base.snippets | {"status": internalhome.block(ctx, found) + base.snippets["status"]}
    return Edition(pages, base.files, snippets, html)


def tenant_edition(ctx: SiteContext) -> Edition:
    """The public pages over the tenant's own items, plus the tenant's own page."""
    base = public_edition(ctx)
    pages = base.pages | {"tenant.md": tenant.page(ctx)}
    return Edition(pages, base.files, base.snippets, base.html)


EDITIONS: dict[str, Callable[[SiteContext], Edition]] = {
    "public": public_edition,
    "tenant": tenant_edition,
    "internal": internal_edition,
}


def edition(ctx: SiteContext) -> Edition:
    """The files of the context's audience."""
    return EDITIONS[ctx.audience.kind](ctx)
