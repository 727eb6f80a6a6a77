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


def ctx_for(model: Model, audience: str, now: str = NOW) -> SiteContext:
    return context(model, Audience.parse(audience), datetime.fromisoformat(now), "https://s/")


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
        "MNT-2026-0022",  # recorded as completed on 30 Nov, which was not known on 21 Nov
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
        "REL-2026-0005/uk-production-group-1",  # completed on 23 Nov, not known on 21 Nov
        "MNT-2026-0021",  # recorded as completed on 29 Nov, which was not known on 21 Nov
        "MNT-2026-0022",
        "REL-2026-0005/apac-production-group-2",
        "REL-2026-0005/uk-production-group-2",
        "MNT-2026-0023",
        "REL-2026-0005/apac-production-group-3",
        "REL-2026-0005/uk-production-group-3",
        "MNT-2027-0001",
        "MNT-2027-0002",
        "MNT-2027-0003",
        "MNT-2027-0004",
    ]
    assert all(w.tenants == () for w in public.windows)
    internal = ctx_for(model, "internal")
    assert "CHG-2026-0017" in upcoming(internal) and "CHG-2026-0017" not in upcoming(public)


def test_a_tenant_edition_holds_only_its_region_services_and_share(model: Model) -> None:
    ctx = ctx_for(model, "tenant:pennine-recruitment")
    assert list(ctx.model.platform.regions) == ["uk"]
    assert tuple(ctx.model.platform.services) == ctx.scope.services
    assert list(ctx.status.regions) == ["uk"]
    assert all(r == "uk" for r, _ in ctx.status.components)
    for item in ctx.model.items.values():
        targets = getattr(item, "targets", None)
        if targets is not None:
            assert targets.regions == ("uk",) and targets.environments == ("production",)
        for wave in getattr(item, "waves", ()):
            assert (wave.region, 2 in wave.groups) == ("uk", True)


def test_a_component_s_last_change_comes_from_the_items(model: Model) -> None:
    """On 25 Nov, after the UK group 1 wave of 2026.2 (Mon 23 Nov 23:00 to 01:00 London):
    APAC application parsing went degraded with INC-2026-0006 (still open); UK web last
    changed when that wave ended for the public and for Thames Valley (group 1), and for
    Pennine (group 2) when its own last window, October's maintenance, completed: each
    edition tells the changes its own readers saw."""
    later = "2026-11-25T12:00:00+00:00"
    public = ctx_for(model, "public", later)
    assert public.status.components[("apac", "application-parsing")].label == "Degraded"
    assert public.status.changed[("apac", "application-parsing")] == at("2026-11-20T03:10")
    assert public.status.changed[("uk", "web")] == at("2026-11-24T01:00")
    thames = ctx_for(model, "tenant:thames-valley-locums", later)
    assert thames.status.changed[("uk", "web")] == at("2026-11-24T01:00")
    pennine = ctx_for(model, "tenant:pennine-recruitment", later)
    assert pennine.status.overall.label == "Operational"
    assert pennine.status.changed[("uk", "web")] == at("2026-10-27T00:32")


def at(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+00:00")
