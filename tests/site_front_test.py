"""The customer pages' words and figures: the home, maintenance, history and tenant pages
generated from the hostile fixture (no MkDocs run), asserted as exact text."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from site_helpers import HOSTILE, NOW, PROJECT_ROOT, copy_fixture

from ftgitops.site import generate
from ftgitops.site.audience import Audience
from ftgitops.site.context import SiteContext
from ftgitops.site.pages import history, maintenance, status, tenant, uptime, words
from ftgitops.site.pages.head import feed_links
from ftgitops.site.pages.uptime import DAYS

# Identity in APAC degraded from 1 to 13 Nov 2026 11:00 (12 days), and in partial outage from
# 10:00 to 12:00 on 13 Nov (its first hour overlaps the degraded time's last).
DEGRADED = """\
# yaml-language-server: $schema=../../schemas/incident.schema.json
id: INC-2026-0009
kind: incident
title: Slow sign-in
severity: sev3
status: resolved
started: 2026-11-01T11:00
resolved: 2026-11-13T11:00
regions: [apac]
services: [identity]
impact: degraded
updates:
  - {at: 2026-11-13T11:00, status: resolved, text: Sign-in is fast again.}
"""
PARTIAL = (
    DEGRADED.replace("INC-2026-0009", "INC-2026-0010")
    .replace("impact: degraded", "impact: partial-outage")
    .replace("started: 2026-11-01T11:00", "started: 2026-11-13T10:00")
    .replace("resolved: 2026-11-13T11:00", "resolved: 2026-11-13T12:00")
)


def make(root: Path, audience: str = "public", later: timedelta = timedelta(0)) -> SiteContext:
    """The edition's context at NOW (or `later` than NOW: the windows' states move with it)."""
    model = generate.load(root)
    now = datetime.fromisoformat(NOW) + later
    return generate.context(model, Audience.parse(audience), now, "https://x.invalid/")


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture(scope="module")
def degraded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("degraded") / "repo")
    (root / "changes/2026/INC-2026-0009.yaml").write_text(DEGRADED, encoding="utf-8")
    (root / "changes/2026/INC-2026-0010.yaml").write_text(PARTIAL, encoding="utf-8")
    return root


def test_customer_words() -> None:
    assert words.environments_text(["training", "production", "uat"]) == (
        "Production, UAT and Training"
    )
    assert words.groups_text([2]) == "Customer group 2"
    assert words.groups_text([3, 1, 2]) == "Customer groups 1, 2 and 3"
    assert words.status_word("in-progress") == "In progress"
    assert words.status_word("rolled-back") == "Rolled back"
    assert words.month_name("2026-10") == "October 2026"
    assert words.duration_words(timedelta(minutes=125)) == "2 hours 5 minutes"
    assert words.duration_words(timedelta(days=12, minutes=30)) == "12 days"
    assert words.duration_words(timedelta(days=1, hours=8, minutes=50)) == "1 day 8 hours"
    assert words.product_word("front-office") == "Front office"


def test_degraded_time_is_counted_apart_and_never_reads_100_percent(degraded: Path) -> None:
    ctx = make(degraded)
    page = history.index_page(ctx, {})
    apac = page.split('id="uptime-apac-identity"')[1].split("</ol>")[0]
    # An overlapping minute counts once, at its worst: 2 hours of outage, 12 days less an hour
    # degraded.
    share = 100 * (1 - (12 * 1440 + 60) / (DAYS * 1440))
    assert f"{share:.2f}% fully operational" == "86.62% fully operational"
    assert (
        '<span class="ft-uptime-figure">86.62% fully operational</span> '
        '<span class="ft-uptime-detail">Outage: 2 hours · Degraded: 11 days 23 hours</span>'
    ) in apac
    # The file's times are Sydney's (AEDT, UTC+11); the days are UTC days.
    assert "Wed 11 Nov 2026: degraded 1 day</span>" in apac
    assert "Thu 12 Nov 2026: partial outage 1 hour, degraded 23 hours</span>" in apac
    assert 'data-state="partial-outage" title="Fri 13 Nov 2026: partial outage 1 hour"' in apac
    uk = page.split('id="uptime-uk-identity"')[1].split("</ol>")[0]
    assert "100.00% fully operational</span></p>" in uk and "degraded" not in uk


def test_history_lists_every_month_in_range_in_words() -> None:
    ctx = make(HOSTILE)
    page = history.index_page(ctx, {"2026-10": 1, "2026-11": 2})
    months = page.split("## By month")[1].strip().splitlines()
    assert months == [
        "- [November 2026](2026-11.md): 2 incidents",
        "- [October 2026](2026-10.md): 1 incident",
        "- September 2026: no incidents",
        "- August 2026: no incidents",
    ]
    assert "Operational</li>" in page and "Major outage</li>" in page  # the legend
    assert '<p class="ft-axis" aria-hidden="true"><span>24 August 2026</span>' in page


def test_the_home_page_in_customer_words() -> None:
    home = text(status.status_markdown(make(HOSTILE)))
    assert "Partial outage Identified  \nStarted Sat 21 Nov 2026 21:30 AEDT · " in home
    assert "Sat 21 Nov 2026 10:30 UTC · for 1 hour 30 minutes  \nAffects: APAC · API" in home
    assert "**Latest update: Identified** · Sat 21 Nov 2026 22:15 AEDT · " in home
    assert "11:15 UTC, 45 minutes ago" in home
    assert (
        "Maintenance: Sat 28 Nov 2026 23:00–Sun 29 Nov 01:00 AEDT (28 Nov 12:00–14:00 UTC)  \n"
        "APAC · Production, UAT and Training · All services · "
        "Service unavailable during the window"
    ) in home
    assert "In progress  \nMaintenance: Sat 21 Nov 2026 11:00–13:00 GMT" in home
    for raw in ("Downtime: yes", "Status: scheduled", "production", "INC-2026", "MNT-2026"):
        assert raw not in home, raw
    assert "[Subscribe to updates](subscribe.md){ .md-button" in home


def test_a_tenant_home_shows_its_region_and_services_only() -> None:
    home = status.status_markdown(make(HOSTILE, "tenant:zebra-secret"))
    assert 'id="region-apac"' in home and 'id="region-uk"' not in home
    assert "UK web" not in home  # the UK window is not the APAC tenant's


def test_ended_windows_say_completed_in_one_table() -> None:
    page = maintenance.page(make(HOSTILE, later=timedelta(days=10)))
    past = page.split("## Past maintenance")[1]
    assert past.count("<table") == 1
    rows = re.findall(r"<tr id=\"([^\"]+)\">(.*?)</tr>", past)
    assert [row_id for row_id, _ in rows] == ["mnt-2026-0002"]
    assert text(rows[0][1]) == (
        "Sat 28 Nov 2026 23:00–Sun 29 Nov 01:00 AEDT (28 Nov 12:00–14:00 UTC)"
        "APAC monthly maintenance (November 2026)Maintenance"
        "APAC · Production, UAT and Training · All services"
        "Completed"
    )
    # MNT-2026-0001 still says in-progress after its planned end: it is overrunning.
    current = page.split("## Past maintenance")[0]
    assert 'data-window-state="overran">Overrunning</span> Maintenance' in current
    assert "scheduled" not in page and "Downtime: yes" not in page


def test_a_cancelled_window_keeps_its_planned_time() -> None:
    """MNT-2026-0011 (APAC, Sat 27 Jun 23:00-01:00 Sydney) was called off on 18 Jun: the past
    table and its own page give the window it would have been, not a range ending on 18 Jun,
    and its own page says no "Ended"."""
    ctx = make(PROJECT_ROOT)
    page = maintenance.page(ctx)
    row = re.search(r'<tr id="mnt-2026-0011">(.*?)</tr>', page)
    assert row is not None
    assert text(row[1]) == (
        "Sat 27 Jun 2026 23:00–Sun 28 Jun 01:00 AEST (27 Jun 13:00–15:00 UTC)"
        "APAC monthly maintenance (June 2026)Maintenance"
        "APAC · Production, UAT and Training · All services"
        "Cancelled"
    )
    own = text(generate.edition(ctx).html["maintenance/mnt-2026-0011.md"].body)
    assert "Sat 27 Jun 2026 23:00–Sun 28 Jun 01:00 AEST" in own and "Ended" not in own


def test_the_tenant_page_speaks_customer_words() -> None:
    page = tenant.page(make(HOSTILE, "tenant:zebra-secret"))
    assert "Region: APAC · Product: End-to-end suite · Customer group 1" in page
    assert '<td data-label="Environment">Production</td>' in page
    assert "Live since 2 June 2025" in page
    assert "(no downtime expected) · Upcoming" in page


def test_feed_links_are_relative_to_the_page() -> None:
    assert feed_links('A "site"', "history/2026-10/") == (
        '<link rel="alternate" type="application/rss+xml" title="A &quot;site&quot; (RSS)" '
        'href="../../feeds/status.rss">'
        '<link rel="alternate" type="application/atom+xml" title="A &quot;site&quot; (Atom)" '
        'href="../../feeds/status.atom">'
    )
    assert 'href="feeds/status.rss"' in feed_links("A", "")


def test_bars_count_each_minute_once_at_its_worst() -> None:
    day = uptime.Day()
    start = datetime.fromisoformat("2026-11-01T00:00+00:00")
    hour = timedelta(hours=1)
    day.spans[uptime.State.DEGRADED].append((start, start + 3 * hour))
    day.spans[uptime.State.MAJOR_OUTAGE].append((start + hour, start + 2 * hour))
    assert day.minutes() == {
        uptime.State.MAJOR_OUTAGE: 60,
        uptime.State.PARTIAL_OUTAGE: 0,
        uptime.State.DEGRADED: 120,
    }
    assert day.state is uptime.State.MAJOR_OUTAGE
