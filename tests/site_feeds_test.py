"""Feeds and the calendar, parsed back: items, stable ids, zones, hostile titles."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from gitfixture import commit, git, init
from icalendar import Calendar
from site_helpers import build, copy_fixture


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
