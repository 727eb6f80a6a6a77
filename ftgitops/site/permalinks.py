"""The one URL rule for the permanent pages: an incident, a customer window, a piece of work.

Feeds, the API, e-mails and the pages themselves link to these, so the rule lives here and
nowhere else: `incidents/inc-2026-0001/`, `maintenance/mnt-2026-0001/` (a release wave:
`maintenance/rel-2026-0005-apac-production-group-2/`, from its stable window key), and, in the
internal edition, `changes/chg-2026-0042/` for the full record of a change, release or notice.
A URL is built from the item's id (or window key) alone, so it stays the same across edits.

Paths are docs paths (`incidents/inc-2026-0001.md`), turned into URLs by `SiteContext.page_url`
as MkDocs would (`use_directory_urls`). These pages are not in MkDocs' file list (the plugin
renders them itself, see `site.shell`), so pages link to them by URL (`href`), never by `.md`.
"""

from __future__ import annotations

import posixpath

from ftgitops.model import Incident
from ftgitops.site.context import SiteContext

INCIDENTS = "incidents"
WINDOWS = "maintenance"
WORK = "changes"


def slug(key: str) -> str:
    """`REL-2026-0005/apac-production-group-2` -> `rel-2026-0005-apac-production-group-2`."""
    return key.lower().replace("/", "-")


def incident_path(incident_id: str) -> str:
    """The docs path of an incident's page: `incidents/inc-2026-0001.md`."""
    return f"{INCIDENTS}/{slug(incident_id)}.md"


def window_path(key: str) -> str:
    """The docs path of a customer window's page, from its stable key (`CustomerWindow.key`)."""
    return f"{WINDOWS}/{slug(key)}.md"


def work_path(item_id: str) -> str:
    """The docs path of a change's, release's or notice's full record (internal edition)."""
    return f"{WORK}/{slug(item_id)}.md"


def incident_url(ctx: SiteContext, incident: Incident | str) -> str:
    """The absolute URL of an incident's page (an incident or its id)."""
    item_id = incident if isinstance(incident, str) else incident.id
    return ctx.page_url(incident_path(item_id))


def window_url(ctx: SiteContext, key: str) -> str:
    """The absolute URL of a customer window's page (`CustomerWindow.key`)."""
    return ctx.page_url(window_path(key))


def work_url(ctx: SiteContext, item_id: str) -> str:
    """The absolute URL of a piece of work's full record (internal edition only)."""
    return ctx.page_url(work_path(item_id))


def published_url(site_url: str, docs_path: str) -> str:
    """The absolute URL of a page outside a build (an e-mail, a webhook), as the published
    site serves it: MkDocs' directory URLs (`https://status…/incidents/inc-2026-0001/`)."""
    return f"{site_url.rstrip('/')}/{docs_path.removesuffix('.md')}/"


def site_path(ctx: SiteContext, docs_path: str) -> str:
    """The URL of a docs path relative to the site root: `incidents/inc-2026-0001/`."""
    return ctx.page_url(docs_path).removeprefix(ctx.url(""))


def href(ctx: SiteContext, here: str, there: str, fragment: str = "") -> str:
    """A relative link from the page at docs path `here` to the page at docs path `there`,
    for a raw `<a href>` (works when the site is served under any path, or from files)."""
    source, target = site_path(ctx, here), site_path(ctx, there)
    folder = source.rpartition("/")[0] or "."
    relative = posixpath.relpath(target or ".", folder)
    if (target == "" or target.endswith("/")) and not relative.endswith("/"):
        relative += "/"
    return relative + (f"#{fragment}" if fragment else "")
