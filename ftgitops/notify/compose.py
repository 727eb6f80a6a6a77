"""A delivery's one message: each event rendered for the recipient's audience, joined into a
digest, with an iCalendar attachment of the windows a customer message tells of.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ftgitops.load.schemas import SchemaSet
from ftgitops.model import Model
from ftgitops.notify import calendar
from ftgitops.notify.channels import Message
from ftgitops.notify.deliveries import Delivery
from ftgitops.notify.digest import digest
from ftgitops.notify.messages import Writer, customer_context, team_context, template_of
from ftgitops.notify.templates import Templates
from ftgitops.rules.customerwindows import customer_windows
from ftgitops.site.audience import Audience
from ftgitops.site.filter import confidential_paths, filter_model

WITH_CALENDAR = ("scheduled", "rescheduled", "cancelled", "reminder")


class Composer:
    """Makes the messages of one run: HEAD's model at `now`, the templates of the repository."""

    def __init__(self, model: Model, now: datetime, templates: Templates) -> None:
        self.model = model
        self.now = now
        self.templates = templates
        self.writer = Writer(templates, model.platform.site_url)
        self.windows = {w.key: w for w in customer_windows(model, now)}
        self.paths = confidential_paths(SchemaSet().documents)
        self.views: dict[str, Model] = {}

    def message(self, delivery: Delivery) -> Message:
        tenant = delivery.recipient.tenant
        parts = [self._one(event, tenant) for event in delivery.events]
        whole = digest(parts, self.templates, self.model.platform.name)
        if tenant is None:
            return whole
        ics = self._calendar(delivery, tenant)
        return Message(whole.title, whole.text, whole.html, ics)

    def _one(self, event: Any, tenant: str | None) -> Message:
        if tenant is None:
            return self.writer.render(
                "team", event.name, team_context(self.model, event, self.writer)
            )
        view = self._view(tenant)
        zone = self.model.platform.regions[self.model.tenants[tenant].region].zone
        window = self.windows.get(event.window or "")
        context = customer_context(view, event, window, self.writer, zone)
        return self.writer.render("customer", template_of(event, True), context)

    def _view(self, tenant: str) -> Model:
        if tenant not in self.views:
            audience = Audience("tenant", tenant)
            self.views[tenant] = filter_model(self.model, audience, self.paths)
        return self.views[tenant]

    def _calendar(self, delivery: Delivery, tenant: str) -> tuple[tuple[str, str, bytes], ...]:
        chosen: dict[str, tuple[Any, str, str]] = {}
        for event in delivery.events:
            window = self.windows.get(event.window or "")
            if window is None or event.name not in WITH_CALENDAR:
                continue
            context = customer_context(
                self._view(tenant), event, window, self.writer, window.window.zone
            )
            chosen[window.key] = (window, context["item"]["title"], context["text"])
        if not chosen:
            return ()
        data = calendar.calendar(chosen.values(), self.now, self.model.platform.site_url)
        return ((calendar.NAME, calendar.MIME, data),)


def secrets_of(environ: Mapping[str, str], names: list[str]) -> dict[str, str]:
    """The values of the named variables (to scrub them from any error)."""
    return {name: environ[name] for name in names if name in environ}
