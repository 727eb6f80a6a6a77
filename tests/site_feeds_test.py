"""Feeds and the calendar, parsed back: items, stable ids, zones, hostile titles."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser
import pytest
from gitfixture import commit, git, init
from icalendar import Calendar
from site_helpers import NOW, PROJECT_ROOT, build, copy_fixture

from ftgitops.site import feeds
from ftgitops.site.audience import Audience
from ftgitops.site.generate import context, load


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("feeds") / "repo")
    assert build(root) == 0
    return root / "public"


def test_feeds_are_well_formed_xml_even_with_hostile_titles(site: Path) -> None:
    for path in (site / "feeds").iterdir():
        ElementTree.parse(path)  # raises on malformed XML
    titles = [e.title for e in feedparser.parse(site / "feeds" / "status.rss").entries]
    assert "Identified: Payroll \"export\" & <script>alert('x')</script> fails" in titles


def test_each_update_start_and_end_is_its_own_item(site: Path) -> None:
    rss = feedparser.parse(site / "feeds" / "status.rss")
    atom = feedparser.parse(site / "feeds" / "status.atom")
    assert not rss.bozo and not atom.bozo
    ids = [e.id for e in rss.entries]
    assert len(ids) == len(set(ids))
    assert "urn:ftgitops:INC-2026-0002:update-resolved:20261005T100000Z" in ids
    assert "urn:ftgitops:MNT-2026-0001:started:20261121T110000Z" in ids
    assert "urn:ftgitops:MNT-2026-0002:scheduled:20261113T230000Z" in ids
    # the window still open at build time has not completed; the future one has not started
    assert not any(i.startswith("urn:ftgitops:MNT-2026-0001:completed") for i in ids)
    assert not any(i.startswith("urn:ftgitops:MNT-2026-0002:started") for i in ids)
    assert [e.id for e in atom.entries] == ids


def test_item_ids_do_not_change_between_builds(site: Path, tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "again")
    assert build(root) == 0
    again = feedparser.parse(root / "public" / "feeds" / "status.rss")
    first = feedparser.parse(site / "feeds" / "status.rss")
    assert [e.id for e in again.entries] == [e.id for e in first.entries]


def test_region_and_service_feeds_hold_only_their_items(site: Path) -> None:
    uk = feedparser.parse(site / "feeds" / "region-uk.rss")
    assert uk.entries and all("INC-2026-0001" not in e.id for e in uk.entries)
    database = feedparser.parse(site / "feeds" / "service-database.rss")
    assert {e.id.split(":")[2] for e in database.entries} == {"INC-2026-0002", "MNT-2026-0002"}


def test_security_incidents_are_in_no_feed(site: Path) -> None:
    for path in (site / "feeds").iterdir():
        assert "INC-2026-0003" not in path.read_text(encoding="utf-8")


def test_the_calendar_parses_back_with_zones_and_stable_uids(site: Path) -> None:
    data = (site / "maintenance.ics").read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(data)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    # the release's waves have no downtime: no customer-visible window, no event
    assert set(events) == {
        "MNT-2026-0001@status.hostile.example",
        "MNT-2026-0002@status.hostile.example",
    }
    apac = events["MNT-2026-0002@status.hostile.example"]
    start = apac.decoded("dtstart")
    assert (start.isoformat(), str(start.tzinfo)) == (
        "2026-11-28T23:00:00+11:00",
        "Australia/Sydney",
    )
    assert {str(z["tzid"]) for z in calendar.walk("VTIMEZONE")} == {
        "Australia/Sydney",
        "Europe/London",
    }
    hostile = events["MNT-2026-0001@status.hostile.example"]
    assert str(hostile["summary"]) == 'UK web <b>patch</b> & "restart"'
    assert int(hostile["sequence"]) == 0  # not a git repository: no commits touched it


def test_sequence_counts_the_commits_that_touched_the_file(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo")
    init(root)
    commit(root, "first")
    notice = root / "changes" / "2026" / "MNT-2026-0002.yaml"
    notice.write_text(notice.read_text().replace("11 pm", "11:00 pm"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "reword")
    assert build(root) == 0
    calendar = Calendar.from_ical((root / "public" / "maintenance.ics").read_bytes())
    sequences = {str(e["uid"]).split("@")[0]: int(e["sequence"]) for e in calendar.walk("VEVENT")}
    assert sequences["MNT-2026-0002"] == 2
    assert sequences["MNT-2026-0001"] == 1


def test_every_channel_links_to_the_page_and_to_itself(site: Path) -> None:
    """The RSS channel's <link> is the HTML page and its atom:link rel=self the .rss file;
    the Atom feed's self link is the .atom file; descriptions say more than the title."""
    home = "https://status.hostile.example/"
    names = sorted(p.stem for p in (site / "feeds").glob("*.rss"))
    assert len(names) > 3
    for stem in names:
        rss = feedparser.parse(site / "feeds" / f"{stem}.rss")
        atom = feedparser.parse(site / "feeds" / f"{stem}.atom")
        assert (rss.bozo, atom.bozo) == (False, False), stem
        assert rss.feed.link == home, stem
        assert {(link.rel, link.href) for link in rss.feed.links} == {
            ("alternate", home),
            ("self", f"{home}feeds/{stem}.rss"),
        }
        assert {(link.rel, link.href) for link in atom.feed.links} == {
            ("alternate", home),
            ("self", f"{home}feeds/{stem}.atom"),
        }
        assert len(rss.feed.description) > len(rss.feed.title) + 40, stem
        # RSS readers take the description as HTML (escaped once), Atom's subtitle as text
        assert html.unescape(atom.feed.subtitle) == html.unescape(rss.feed.description), stem
    status = html.unescape(feedparser.parse(site / "feeds" / "status.rss").feed.description)
    assert status.startswith('Hostile "Quotes" & <Co> in APAC and UK: every incident update')
    assert status.endswith("starts and ends, with where and when in local time and UTC.")


@pytest.fixture(scope="module")
def example_feed() -> dict[str, Any]:
    """The example data's public overall feed, generated at the tests' fixed clock."""
    ctx = context(
        load(PROJECT_ROOT), Audience("public"), datetime.fromisoformat(NOW), "https://s.example/"
    )
    parsed = feedparser.parse(feeds.feeds(ctx)["feeds/status.rss"])
    assert not parsed.bozo
    return {entry.id: entry for entry in parsed.entries}


def text_of(entry: Any) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", entry.summary))


def test_a_wave_s_start_and_end_say_what_where_and_when(example_feed: dict[str, Any]) -> None:
    """APAC group 1's production upgrade to 2026.2, Thu 19 Nov 20:00-23:00 Sydney: the last
    production wave that had ended by the tests' 21 Nov; its page is its permanent one."""
    key = "urn:ftgitops:REL-2026-0005/apac-production-group-1"
    started = example_feed[f"{key}:started:20261119T090000Z"]
    assert started.title == "Started: Upgrade to FastTrack360 2026.2 (2026.2.0)"
    assert started.link == "https://s.example/maintenance/rel-2026-0005-apac-production-group-1/"
    assert text_of(started).split("\n") == [
        "Started at Thu 19 Nov 2026 20:00 AEDT (09:00 UTC).",
        "APAC · Web application, API, Identity and single sign-on, Timesheet interpretation, "
        "Report delivery, Integration hub, CV and application parsing · Production",
        "Thu 19 Nov 2026 20:00–23:00 AEDT (19 Nov 09:00–12:00 UTC)",
        "Service unavailable during the window.",
    ]
    completed = example_feed[f"{key}:completed:20261119T120000Z"]
    assert text_of(completed).startswith("Completed at Thu 19 Nov 2026 23:00 AEDT (12:00 UTC).\n")
    assert completed.link == started.link


def test_a_notice_s_updates_carry_where_and_when(example_feed: dict[str, Any]) -> None:
    done = example_feed["urn:ftgitops:MNT-2026-0019:update-completed:20261027T003200Z"]
    assert text_of(done).split("\n") == [
        "Maintenance is complete and all services are available again.",
        "UK · API, Web application · Production, UAT and Training",
        "Mon 26 Oct 2026 23:00–Tue 27 Oct 01:00 GMT (26 Oct 23:00–27 Oct 01:00 UTC)",
        "Service unavailable during the window.",
    ]


def test_upcoming_waves_are_announced_in_the_feed(example_feed: dict[str, Any]) -> None:
    """Announced with the release's first wave (APAC UAT, Thu 05 Nov 20:00 Sydney)."""
    announced = "urn:ftgitops:REL-2026-0005/uk-production-group-2:scheduled:20261105T090000Z"
    entry = example_feed[announced]
    assert entry.title == "Scheduled: Upgrade to FastTrack360 2026.2 (2026.2.0)"
    when = "Mon 14 Dec 2026 23:00–Tue 15 Dec 01:00 GMT (14 Dec 23:00–15 Dec 01:00 UTC)"
    assert when in text_of(entry)
    assert not [i for i in example_feed if "0005/uk-production-group-2:started" in i]


def test_a_published_postmortem_is_its_own_item_with_its_text_as_text(site: Path) -> None:
    rss = feedparser.parse(site / "feeds" / "status.rss")
    (entry,) = [e for e in rss.entries if ":postmortem:" in e.id]
    assert entry.id == "urn:ftgitops:INC-2026-0002:postmortem:20261006T080000Z"
    assert entry.title.startswith("Postmortem: ")
    assert "&lt;script&gt;" in entry.description and "<script" not in entry.description
    assert "POSTMORTEM-SECRET" not in (site / "feeds" / "status.rss").read_text(encoding="utf-8")
