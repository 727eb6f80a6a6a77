"""The maintenance calendar reads the plan: the windows `ftgitops plan maintenance` prints are
the ones the maintenance page and a tenant's page show (issue 13, point 6)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

import pytest
from conftest import CliResult
from site_helpers import PROJECT_ROOT

from ftgitops.model import Model
from ftgitops.site import generate
from ftgitops.site.audience import Audience
from ftgitops.site.context import SiteContext
from ftgitops.site.pages import maintenance, monthly, tenant

NOW = "2026-12-01T00:00:00+00:00"


@pytest.fixture(scope="module")
def model() -> Model:
    return generate.load(PROJECT_ROOT)


def ctx_for(model: Model, audience: str) -> SiteContext:
    now = datetime.fromisoformat(NOW)
    return generate.context(model, Audience.parse(audience), now, "https://x.invalid/")


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_page_shows_what_plan_prints(model: Model, cli: Callable[..., CliResult]) -> None:
    printed = cli("plan", "maintenance", "--months", "6", "--now", NOW, "--root", PROJECT_ROOT)
    assert printed.code == 0, printed
    planned = [
        re.split(r"\s{2,}", line)[1]
        for line in printed.out.splitlines()
        if line.startswith(("apac ", "uk "))
    ]
    shown = [text(when) for _, _, when, _ in monthly.rows(ctx_for(model, "public"), ("apac", "uk"))]
    assert len(shown) == len(planned) == 12
    assert sorted(planned) == sorted(s.split(" (")[0] for s in shown)


def test_the_uk_december_window_is_shown_where_the_freeze_moved_it(model: Model) -> None:
    rows = monthly.rows(ctx_for(model, "public"), ("uk",))
    month, region, when, notice = rows[0]
    assert (month, region, notice) == (
        "December 2026",
        "UK",
        "Moved out of a change freeze; notice by 28 December 2026",
    )
    assert (
        text(when) == "Mon 04 Jan 2027 23:00–Tue 05 Jan 01:00 GMT (04 Jan 23:00–05 Jan 01:00 UTC)"
    )
    assert rows[1][3] == '<a href="#mnt-2027-0001">Announced</a>'
    assert rows[3][3] == "Notice by 22 March 2027"


def test_the_maintenance_page_has_the_section_for_the_edition_s_regions(
    model: Model,
) -> None:
    public = maintenance.page(ctx_for(model, "public"))
    assert "## Regular maintenance ahead" in public
    assert public.count('<td data-label="Region">APAC</td>') == 6
    pennine = maintenance.page(ctx_for(model, "tenant:pennine-recruitment"))
    assert pennine.count('<td data-label="Region">UK</td>') == 6
    assert "APAC" not in pennine.split("## Regular maintenance ahead")[1]


def test_a_tenant_page_offers_no_maintenance_slot_inside_a_freeze(model: Model) -> None:
    page = tenant.page(ctx_for(model, "tenant:pennine-recruitment"))
    (line,) = [line for line in page.splitlines() if "(maintenance," in line]
    assert "28 Dec" not in text(line)
    assert text(line).split(": ", 1)[1].startswith("Mon 04 Jan 2027 23:00")
