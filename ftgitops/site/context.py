"""What every page generator is given: the audience's model, the clock and the status then."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from ftgitops.model import Model
from ftgitops.rules.customerwindows import CustomerWindow
from ftgitops.site.audience import Audience
from ftgitops.site.githistory import Revision
from ftgitops.site.scope import Scope
from ftgitops.site.status import Status
from ftgitops.site.text import Renderer, name


@dataclass(frozen=True, slots=True)
class SiteContext:
    """The filtered model, who it is for, the build time, the status then, the site URL, the
    audience's customer-visible windows and the edition's scope (regions, services)."""

    model: Model
    audience: Audience
    now: datetime
    status: Status
    site_url: str
    history: dict[str, int]
    # The customer-visible windows this audience may see, soonest first, already scoped
    # (internal: all; tenant: those that concern it; public: those not limited to named
    # tenants) and carrying the audience's filtered items (`site.scope.audience_windows`).
    windows: tuple[CustomerWindow, ...]
    # The regions, services and environments this edition covers (`site.scope.Scope`).
    scope: Scope
    directory_urls: bool = True
    # Each file's commits with its status and window (internal edition only).
    revisions: Mapping[str, tuple[Revision, ...]] = field(default_factory=dict)
    # Free text to sanitised HTML (one Markdown converter and one cleaner for the build).
    text: Renderer = field(default_factory=Renderer, compare=False, repr=False)

    def zones(self, regions: Iterable[str], fallback: ZoneInfo | None = None) -> list[ZoneInfo]:
        """The local zones of the regions (the fallback when none is known)."""
        known = self.model.platform.regions
        found = [known[r].zone for r in regions if r in known]
        return found or ([fallback] if fallback else [])

    def region_names(self, regions: Iterable[str]) -> str:
        """The regions' names for a page, escaped (`text.name`)."""
        known = self.model.platform.regions
        return ", ".join(name(known[r].name if r in known else r) for r in regions)

    def service_names(self, services: Iterable[str]) -> str:
        """The services' names for a page, escaped (`text.name`)."""
        known = self.model.platform.services
        return ", ".join(name(known[s].name) for s in services if s in known)

    def url(self, path: str) -> str:
        """An absolute URL on the published site, for feeds and the API."""
        return f"{self.site_url.rstrip('/')}/{path.lstrip('/')}"

    def page_url(self, docs_path: str, fragment: str = "") -> str:
        """The absolute URL MkDocs gives a generated page (`history/2026-11.md`)."""
        stem = docs_path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            path = stem.removesuffix("index")
        else:
            path = f"{stem}/" if self.directory_urls else f"{stem}.html"
        return self.url(path) + (f"#{fragment}" if fragment else "")
