"""`maintenance.ics` times, parsed back: a window written with an offset is the same instant in
UTC, every zone named has a VTIMEZONE, and each VTIMEZONE alone gives every event's offset."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from site_helpers import CALENDAR, build, copy_fixture

HOST = "status.calendar.example"
NAME_LINE = "name: Calendar Fixture\n"
NOTICE = """kind: maintenance
title: {title}
status: scheduled
owner: bob
published: 2026-09-01T10:00
window: {window}
regions: [apac]
services: all
environments: [production]
tenants: all
downtime: true
public_text: Planned work.
"""
RELEASE = """kind: release
title: Release 2026.15
release_type: service-patch
version: "2026.15"
status: scheduled
owner: bob
services: [web]
notes: {summary: Fixes.}
waves:
  - {name: UK group 2, region: uk, groups: [2], environments: [production], downtime: true,
     window: {start: 2026-12-16T15:00-05:00, end: 2026-12-16T18:00-05:00}}
risk: {likelihood: 1, impact: 2}
"""
NEW_FILES = {
    # 02:30 does not exist in Sydney that night (the clocks skip 02:00-03:00): the offset says
    # which instant is meant
    "MNT-2026-0083": NOTICE.format(
        title="Offset window",
        window="{start: 2026-10-04T02:30+11:00, end: 2026-10-04T04:30+11:00}",
    ),
    # Sydney winter (+10:00) after 2038, where icalendar's default VTIMEZONE span ends
    "MNT-2026-0084": NOTICE.format(
        title="Winter window in 2045", window="{start: 2045-07-08T23:00, end: 2045-07-09T01:00}"
    ),
    "REL-2026-0083": RELEASE,
}


@pytest.fixture(scope="module")
def calendar(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Calendar]:
    root = copy_fixture(tmp_path_factory.mktemp("ics") / "repo", CALENDAR)
    for item_id, body in NEW_FILES.items():
        path = root / "changes" / "2026" / f"{item_id}.yaml"
        path.write_text(f"id: {item_id}\n{body}", encoding="utf-8")
    assert build(root) == 0
    data = (root / "public" / "maintenance.ics").read_bytes()
    return data, Calendar.from_ical(data)


def events(cal: Calendar) -> dict[str, Any]:
    return {str(e["uid"]).removesuffix(f"@{HOST}"): e for e in cal.walk("VEVENT")}


def test_a_window_written_with_an_offset_is_sent_in_utc(calendar: tuple[bytes, Calendar]) -> None:
    data, cal = calendar
    lines = data.decode("utf-8").split("\r\n")
    event = events(cal)["MNT-2026-0083"]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start, end) == (
        datetime(2026, 10, 3, 15, 30, tzinfo=UTC),
        datetime(2026, 10, 3, 17, 30, tzinfo=UTC),
    )
    assert "TZID" not in event["dtstart"].params and "TZID" not in event["dtend"].params
    assert "DTSTART:20261003T153000Z" in lines
    assert "DTEND:20261003T173000Z" in lines
    assert not [line for line in lines if "TZID=" in line and "UTC" in line]


def test_a_wave_written_with_an_offset_is_sent_in_utc(calendar: tuple[bytes, Calendar]) -> None:
    event = events(calendar[1])["REL-2026-0083/uk-group-2"]
    assert event.decoded("dtstart") == datetime(2026, 12, 16, 20, 0, tzinfo=UTC)
    assert event["dtstart"].to_ical() == b"20261216T200000Z"


def test_every_zone_named_has_its_vtimezone(calendar: tuple[bytes, Calendar]) -> None:
    cal = calendar[1]
    assert cal.get_missing_tzids() == set()
    assert sorted(str(z["tzid"]) for z in cal.walk("VTIMEZONE")) == [
        "Australia/Sydney",
        "Europe/London",
    ]
    assert str(events(cal)["MNT-2026-0001"].decoded("dtstart").tzinfo) == "Europe/London"


def test_each_vtimezone_alone_gives_every_event_its_offset(
    calendar: tuple[bytes, Calendar],
) -> None:
    """What a client without the zone in its own database computes, for every event."""
    cal = calendar[1]
    own = {str(z["tzid"]): z.to_tz(lookup_tzid=False) for z in cal.walk("VTIMEZONE")}
    checked = []
    for uid, event in events(cal).items():
        for name in ("dtstart", "dtend"):
            tzid = event[name].params.get("TZID")
            if tzid is None:
                continue  # UTC
            moment = event.decoded(name)
            local = moment.replace(tzinfo=own[tzid])
            assert local.utcoffset() == moment.utcoffset(), (uid, name)
            checked.append((uid, name, moment.utcoffset().total_seconds() / 3600))
    assert ("MNT-2026-0084", "dtstart", 10.0) in checked
    assert ("MNT-2026-0001", "dtstart", 0.0) in checked


def test_a_platform_name_on_two_lines_is_one_calendar_name(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    platform = root / "ftgitops.yaml"
    text = platform.read_text(encoding="utf-8")
    platform.write_text(text.replace(NAME_LINE, 'name: "Calendar\\n Platform"\n'), encoding="utf-8")
    assert build(root) == 0
    cal = Calendar.from_ical((root / "public" / "maintenance.ics").read_bytes())
    assert str(cal["x-wr-calname"]) == "Calendar Platform maintenance"


LONG_TEXT = """public_text: |-
  The web application will be unavailable while we move the database to new
  servers in Sydney; sign-ins made during the window will fail.

  - Timesheets already saved are kept.
  - Exports restart after the window.
"""
WAVE_DOWNTIME = ("    downtime: false\n", "    downtime: true\n")


def test_the_description_says_what_where_and_when_without_yaml_line_breaks(
    tmp_path: Path,
) -> None:
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    notice = root / "changes" / "2026" / "MNT-2026-0083.yaml"
    body = NOTICE.format(
        title="Database move", window="{start: 2026-12-05T23:00, end: 2026-12-06T01:00}"
    )
    notice.write_text(
        f"id: MNT-2026-0083\n{body}".replace("public_text: Planned work.\n", LONG_TEXT),
        encoding="utf-8",
    )
    assert build(root) == 0
    data = (root / "public" / "maintenance.ics").read_bytes()
    assert max(len(line) for line in data.split(b"\r\n")) <= 75  # folded (RFC 5545)
    event = events(Calendar.from_ical(data))["MNT-2026-0083"]
    assert str(event["description"]).split("\n") == [
        "The web application will be unavailable while we move the database to new servers "
        "in Sydney; sign-ins made during the window will fail.",
        "",
        "- Timesheets already saved are kept.",
        "- Exports restart after the window.",
        "",
        "APAC · All services · Production",
        "Sat 05 Dec 2026 23:00–Sun 06 Dec 01:00 AEDT (05 Dec 12:00–14:00 UTC)",
        "Service unavailable during the window.",
    ]
    assert str(event["url"]) == "https://status.calendar.example/maintenance/mnt-2026-0083/"
    assert (root / "public" / "maintenance" / "mnt-2026-0083" / "index.html").is_file()
    assert str(event["transp"]) == "OPAQUE"


def wave_uids(root: Path) -> dict[str, str]:
    assert build(root) == 0
    cal = Calendar.from_ical((root / "public" / "maintenance.ics").read_bytes())
    return {
        str(e["uid"]): e.decoded("dtstart").isoformat()
        for e in cal.walk("VEVENT")
        if str(e["uid"]).startswith("REL-")
    }


def test_a_named_wave_keeps_its_uid_when_its_window_groups_or_environments_change(
    tmp_path: Path,
) -> None:
    """The UID is the release id and the wave's name (`wave_key`); an unnamed wave is named
    after its region and groups, so only a named one survives a change of groups."""
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    release = root / "changes" / "2026" / "REL-2026-0001.yaml"
    text = release.read_text().replace(*WAVE_DOWNTIME)
    release.write_text(
        text.replace("  - region: uk\n", "  - name: UK customers\n    region: uk\n"),
        encoding="utf-8",
    )
    first = wave_uids(root)
    assert first == {
        f"REL-2026-0001/apac-group-1@{HOST}": "2026-12-02T20:00:00+11:00",
        f"REL-2026-0001/uk-customers@{HOST}": "2026-12-09T20:00:00+00:00",
    }
    text = release.read_text().replace("2026-12-09T2", "2026-12-16T2")
    text = text.replace("groups: [2]", "groups: [2, 3]")
    uk_wave = text.split("name: UK customers")[1]
    text = text.replace(uk_wave, uk_wave.replace("[production]", "[production, uat]", 1))
    release.write_text(text, encoding="utf-8")
    moved = wave_uids(root)
    assert set(moved) == set(first)
    assert moved[f"REL-2026-0001/uk-customers@{HOST}"] == "2026-12-16T20:00:00+00:00"


def test_the_subscribe_page_offers_the_calendar_by_webcal(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    assert build(root) == 0
    page = (root / "public" / "subscribe" / "index.html").read_text(encoding="utf-8")
    assert f'href="webcal://{HOST}/maintenance.ics"' in page
    assert 'href="../maintenance.ics"' in page or 'href="/maintenance.ics"' in page
