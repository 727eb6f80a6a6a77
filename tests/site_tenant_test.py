"""Tenant editions: the tenant's own page, feeds and calendar, built for real per tenant."""

from __future__ import annotations

import html
import re
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest
from icalendar import Calendar
from site_helpers import CALENDAR, build, copy_fixture


@pytest.fixture(scope="module")
def tenants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("tenants") / "repo", CALENDAR)
    release = root / "changes" / "2026" / "REL-2026-0001.yaml"
    release.write_text(release.read_text().replace("downtime: false", "downtime: true"))
    assert build(root, "--all-tenants") == 0
    return root / "public-tenants"


def text_of(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    article = re.sub(r"</t[dh]>", "\n", article)  # a table cell reads as a line
    return html.unescape(re.sub(r"<[^>]+>", "", article))


def test_every_tenant_gets_its_own_site(tenants: Path) -> None:
    editions = sorted(p.name for p in tenants.iterdir() if not p.name.startswith("."))
    assert editions == ["numbat-co", "wombat-works"]


def test_the_tenant_page_shows_environments_and_decommission_dates(tenants: Path) -> None:
    """Wombat: production live 1 Sep 2026, so UAT is due 30 days later, 1 Oct; training is
    permanent. Numbat: production goes live 10 Jan 2027, UAT due 9 Feb 2027."""
    wombat = text_of(tenants / "wombat-works" / "tenant" / "index.html")
    assert "Wombat Works Staffing" in wombat
    assert "UAT\nLive since 1 June 2026\nDue on 1 October 2026" in wombat
    assert "Training\nLive since 1 June 2026\nKept permanently" in wombat
    numbat = text_of(tenants / "numbat-co" / "tenant" / "index.html")
    assert "Production\nGoes live on 10 January 2027" in numbat
    assert "UAT\nLive since 1 October 2026\nDue on 9 February 2027" in numbat


def test_the_tenant_page_lists_the_next_slots_of_its_region(tenants: Path) -> None:
    """UK monthly maintenance is the last Monday, 23:00 London time: after Sat 21 Nov 2026
    come 30 Nov, 28 Dec and 25 Jan (all GMT). UK upgrades are Wednesdays 20:00: 25 Nov,
    2 Dec, 9 Dec."""
    wombat = text_of(tenants / "wombat-works" / "tenant" / "index.html")
    slots = wombat.split("UK monthly maintenance (maintenance, 2 hours):")[1].split("\n")[0]
    starts = re.findall(r"(\w{3} \d\d \w{3} \d{4} 23:00)–\w{3} \d\d \w{3} 01:00 GMT", slots)
    assert starts == ["Mon 30 Nov 2026 23:00", "Mon 28 Dec 2026 23:00", "Mon 25 Jan 2027 23:00"]
    upgrades = wombat.split("UK release upgrades (upgrade, 4 hours):")[1].split("\n")[0]
    assert re.findall(r"(\w{3} \d\d \w{3}) 2026 20:00–\w{3} \d\d \w{3} 00:00 GMT", upgrades) == [
        "Wed 25 Nov",
        "Wed 02 Dec",
        "Wed 09 Dec",
    ]
    assert "APAC monthly maintenance" not in wombat


def test_the_tenant_sees_its_own_waves_and_incidents_only(tenants: Path) -> None:
    wombat = text_of(tenants / "wombat-works" / "tenant" / "index.html")
    upgrades = wombat.split("Your upgrades")[1].split("Your maintenance")[0]
    assert "Wed 09 Dec 2026 20:00–23:00 GMT" in upgrades and "AEDT" not in upgrades
    assert "UK database slow after patching" in wombat
    assert "APAC sign-in errors" not in wombat
    assert "UK monthly maintenance (November 2026)" in wombat
    numbat = text_of(tenants / "numbat-co" / "tenant" / "index.html")
    assert (
        "Wed 02 Dec 2026 20:00–23:00 AEDT" in numbat
        and "GMT" not in numbat.split("Your upgrades")[1].split("Your maintenance")[0]
    )
    assert "APAC sign-in errors after key rotation" in numbat
    assert "UK database slow" not in numbat
    assert "UK monthly maintenance (November 2026)" not in numbat


def test_the_tenant_feeds_and_calendar_hold_only_its_items(tenants: Path) -> None:
    wombat = tenants / "wombat-works"
    feed = feedparser.parse((wombat / "feeds" / "status.rss").read_bytes())
    titles = [entry.title for entry in feed.entries]
    assert "Resolved: UK database slow after patching" in titles
    assert not any("APAC sign-in" in title for title in titles)
    calendar = Calendar.from_ical((wombat / "maintenance.ics").read_bytes())
    uids = sorted(str(event["uid"]).split("@")[0] for event in calendar.walk("VEVENT"))
    assert uids == ["MNT-2026-0001", "REL-2026-0001/uk-group-2"]
    numbat = Calendar.from_ical((tenants / "numbat-co" / "maintenance.ics").read_bytes())
    numbat_uids = [str(event["uid"]).split("@")[0] for event in numbat.walk("VEVENT")]
    assert numbat_uids == ["REL-2026-0001/apac-group-1"]


def test_an_unknown_tenant_is_an_input_error(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    assert build(root, "--audience", "tenant:nobody") == 2
    assert not (root / "public-tenants" / "nobody").exists()
