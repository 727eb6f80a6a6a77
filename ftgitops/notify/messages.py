"""One event's message for one audience: the template context, and the three parts rendered.

A team message may name anything the repository holds about the item. A customer message is
made only from the tenant's own view of the model (`site.filter.filter_model`: published
items, confidential fields dropped, no other tenant), so no internal field and no other
tenant's name can reach it whatever a template asks for. Work the tenant may not see by
name (an internal change with downtime) is told as "Planned work" with its public summary.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ftgitops.model import AnyItem, Change, Incident, Maintenance, Model, Release
from ftgitops.notify.channels import Message
from ftgitops.notify.events import Event
from ftgitops.notify.templates import Templates
from ftgitops.rules.customerwindows import CustomerWindow
from ftgitops.site.pages.common import anchor
from ftgitops.site.permalinks import incident_path, published_url, window_path
from ftgitops.site.text import Renderer
from ftgitops.timetext import local_range, utc, utc_range

GENERIC_TITLE = "Planned work"


class Writer:
    """Renders messages with one set of templates and one free-text renderer."""

    def __init__(self, templates: Templates, site_url: str | None) -> None:
        self.templates = templates
        self.site_url = (site_url or "").rstrip("/")
        self.renderer = Renderer()

    def render(self, audience: str, template: str, context: dict[str, Any]) -> Message:
        """The title, text and HTML of `<audience>/<template>`."""
        prefix = f"{audience}/{template}"
        context = {**context}
        context["lead"] = self.templates.render(f"{prefix}.lead", context)
        text = context.get("text") or ""
        context["text_html"] = Markup(self.renderer.html(text)) if text else ""
        return Message(
            self.templates.render(f"{prefix}.title", context),
            self.templates.render(f"{prefix}.txt", context),
            self.templates.render(f"{prefix}.html", context),
        )

    def link(self, item: AnyItem, window: str | None = None) -> str | None:
        """The item's permanent page on the public status site (`site.permalinks`, the URL
        the site, its feeds and its API use): an incident's, a window's (by its key), else a
        release's notes; None for what the public site does not show."""
        if not self.site_url or item.visibility != "public":
            return None
        if isinstance(item, Incident):
            return published_url(self.site_url, incident_path(item.id))
        if window is not None or isinstance(item, Maintenance):
            return published_url(self.site_url, window_path(window or item.id))
        if isinstance(item, Release):
            return f"{published_url(self.site_url, 'releases.md')}#{anchor(item.id)}"
        return None


def when(window: Any, zone: Any) -> str:
    """`Sat 26 Dec 2026 23:00–Sun 27 Dec 01:00 AEDT (26 Dec 12:00–14:00 UTC)`."""
    year = window.start.astimezone(zone).year
    local = local_range(window.start, window.end, zone)
    return f"{local} ({utc_range(window.start, window.end, year=year)})"


def starts(event: Event) -> str:
    """`in 7 days`, `in 60 minutes`: a reminder's lead in words."""
    lead = event.detail.get("lead", "")
    number, unit = lead[:-1], {"d": "day", "m": "minute"}.get(lead[-1:], "")
    return f"in {number} {unit}{'' if number == '1' else 's'}" if number else "soon"


def common(model: Model, event: Event) -> dict[str, Any]:
    """What every template may use, whatever the audience."""
    return {
        "platform": model.platform.name,
        "event": event.name,
        "starts": starts(event),
        "outcome": event.detail.get("outcome", ""),
        "was": event.detail.get("was", event.detail.get("from", "")),
        "message": event.detail.get("message", ""),
        "support": model.platform.support_email or "",
    }


def team_context(model: Model, event: Event, writer: Writer) -> dict[str, Any]:
    """A team message's context: the item as the repository holds it."""
    item = model.items[event.item.split("/", 1)[0]]
    window, status = _team_window(item, event)
    region = _region(item) or ""
    zone = model.platform.regions[region].zone if region in model.platform.regions else None
    other = model.items.get(event.other or "")
    return {
        **common(model, event),
        "item": {"id": event.item, "title": item.title, "kind": item.kind, "status": status},
        "other": {"id": other.id, "title": other.title} if other else None,
        "when": when(window, zone) if window and zone else (utc(window.start) if window else ""),
        "detail": _detail(event),
        "text": _update_text(item, event),
        "link": writer.link(item, event.window) or "",
    }


def _team_window(item: AnyItem, event: Event) -> tuple[Any, str]:
    if isinstance(item, Release) and "/" in event.item:
        from ftgitops.rules.customerwindows import wave_key

        for wave in item.waves:
            if wave_key(item, wave) == event.item:
                return wave.window, wave.status
    return getattr(item, "window", None), item.status


def _region(item: AnyItem) -> str | None:
    if isinstance(item, Release):
        return item.waves[0].region if item.waves else None
    targets = getattr(item, "targets", None)
    return targets.regions[0] if targets and targets.regions else None


def _detail(event: Event) -> str:
    detail = event.detail
    if event.name == "rescheduled":
        return f"Moved from {detail.get('from')} to {detail.get('to')} (as written)."
    if event.name == "conflict":
        return ""
    if "wave" in detail:
        return f"Wave: {detail['wave']}"
    return ""


def _update_text(item: AnyItem, event: Event) -> str:
    if not isinstance(item, Incident) or not item.updates:
        return ""
    index = event.detail.get("index")
    if index is not None and index.isdigit() and int(index) < len(item.updates):
        return item.updates[int(index)].text
    return item.updates[-1].text


def customer_context(
    view: Model, event: Event, window: CustomerWindow | None, writer: Writer, zone: Any
) -> dict[str, Any]:
    """A customer message's context, from the tenant's view only (`view`)."""
    item = view.items.get(event.item.split("/", 1)[0])
    title, text, services = GENERIC_TITLE, "", ""
    if item is not None:
        title, text = _public(item, event)
    if window is not None:
        known = view.platform.services
        services = ", ".join(known[s].name for s in window.services if s in known)
        if item is None and isinstance(window.item, Change):
            text = window.item.public_summary or ""
    return {
        **common(view, event),
        "item": {"title": title},
        "when": when(window.window, zone) if window else "",
        "services": services,
        "text": text,
        "link": (writer.link(item, event.window) if item else None) or "",
    }


def _public(item: AnyItem, event: Event) -> tuple[str, str]:
    if isinstance(item, Maintenance):
        return item.title, item.public_text
    if isinstance(item, Change):
        return item.title, item.public_summary or ""
    if isinstance(item, Release):
        return f"{item.title} ({item.version})" if item.version else item.title, ""
    if isinstance(item, Incident):
        return item.title, _update_text(item, event)
    return GENERIC_TITLE, ""


def template_of(event: Event, customer: bool) -> str:
    """The template an event uses: an apology when a window ended failed or rolled back."""
    if (
        customer
        and event.name == "window-ended"
        and event.detail.get("outcome")
        in (
            "failed",
            "rolled-back",
        )
    ):
        return "window-failed"
    return event.name
