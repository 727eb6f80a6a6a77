"""Each edition's scope and windows: computed on the full model, kept for the audience."""

from __future__ import annotations

from datetime import datetime

import pytest
from site_helpers import NOW, PROJECT_ROOT

from ftgitops.model import Model
from ftgitops.site.audience import Audience
from ftgitops.site.context import SiteContext
from ftgitops.site.generate import context, load


@pytest.fixture(scope="module")
def model() -> Model:
    return load(PROJECT_ROOT)


def ctx_for(model: Model, audience: str) -> SiteContext:
    return context(model, Audience.parse(audience), datetime.fromisoformat(NOW), "https://s/")


def upcoming(ctx: SiteContext) -> list[str]:
    return [w.key for w in ctx.windows if w.state == "upcoming"]


def test_a_uk_tenant_covers_its_region_services_and_environments(model: Model) -> None:
    ctx = ctx_for(model, "tenant:pennine-recruitment")
    assert ctx.scope.regions == ("uk",)
    assert "report-delivery" not in ctx.scope.services
    assert "timesheet-interpretation" not in ctx.scope.services
    assert len(ctx.scope.services) == 8
    assert ctx.scope.environments == ("production",)
    assert ctx.scope.covers("uk", "web") and not ctx.scope.covers("apac", "web")


def test_the_tenant_sees_its_own_wave_and_its_region_s_maintenance(model: Model) -> None:
    ctx = ctx_for(model, "tenant:pennine-recruitment")
    assert upcoming(ctx) == [
        "REL-2026-0005/uk-production-group-2",
        "MNT-2027-0001",
        "MNT-2027-0003",
    ]
    assert all(w.regions == ("uk",) for w in ctx.windows)
    assert all(w.item is ctx.model.items[w.item.id] for w in ctx.windows)


def test_public_and_internal_windows(model: Model) -> None:
    public = ctx_for(model, "public")
    assert public.scope.regions == ("apac", "uk")
    assert upcoming(public) == [
        "REL-2026-0005/apac-production-group-2",
        "REL-2026-0005/uk-production-group-2",
        "REL-2026-0005/apac-production-group-3",
        "REL-2026-0005/uk-production-group-3",
        "MNT-2026-0023",
        "MNT-2027-0001",
        "MNT-2027-0002",
        "MNT-2027-0003",
        "MNT-2027-0004",
    ]
    assert all(w.tenants == () for w in public.windows)
    internal = ctx_for(model, "internal")
    assert "CHG-2026-0017" in upcoming(internal) and "CHG-2026-0017" not in upcoming(public)
