"""Converter: checked raw values to dates, zones and windows, with a finding where that fails."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ftgitops.findings import Finding
from ftgitops.load.convert import Converter
from ftgitops.model import Window

CHG = "changes/2026/CHG-2026-0001.yaml"
SYDNEY = ZoneInfo("Australia/Sydney")
LONDON = ZoneInfo("Europe/London")
UTC_ZONE = ZoneInfo("UTC")


def test_a_window_is_placed_in_the_default_zone() -> None:
    convert = Converter(CHG)
    window = convert.window({"start": "2026-10-31T23:00", "end": "2026-11-01T01:00"}, (), SYDNEY)
    assert window == Window(
        datetime(2026, 10, 31, 23, 0, tzinfo=SYDNEY),
        datetime(2026, 11, 1, 1, 0, tzinfo=SYDNEY),
        SYDNEY,
    )
    assert convert.ok
    assert convert.findings == []


def test_a_window_in_its_own_zone_is_placed_and_shown_there() -> None:
    convert = Converter(CHG)
    raw = {"start": "2026-12-08T21:00", "end": "2026-12-08T22:00", "tz": "Europe/London"}
    window = convert.window(raw, ("window",), SYDNEY)
    assert window is not None
    assert window.zone == LONDON
    assert window.start.astimezone(UTC) == datetime(2026, 12, 8, 21, 0, tzinfo=UTC)
    assert convert.ok


@pytest.mark.parametrize(
    ("start", "zone", "written"),
    [
        ("2026-10-04T02:30", SYDNEY, "2026-10-04T02:30 does not exist in Australia/Sydney"),
        ("2026-03-29T01:30", LONDON, "2026-03-29T01:30 does not exist in Europe/London"),
    ],
)
def test_a_local_time_skipped_at_a_dst_change_is_ft302_with_its_path(
    start: str, zone: ZoneInfo, written: str
) -> None:
    convert = Converter(CHG)
    end = start[:11] + "05:00"
    assert convert.window({"start": start, "end": end}, ("window",), zone) is None
    assert not convert.ok
    assert convert.findings == [
        Finding(
            "FT302",
            f"{written} (the clocks skip it at a daylight-saving change): pick another time or "
            "write the UTC offset",
            CHG,
            ("window", "start"),
        )
    ]


def test_a_local_time_repeated_at_a_dst_change_is_ft303_naming_both_offsets() -> None:
    convert = Converter(CHG)
    raw = {"start": "2026-04-05T02:30", "end": "2026-04-05T04:00"}
    assert convert.window(raw, ("waves", 1, "window"), SYDNEY) is None
    assert [(f.code, f.json_path, f.message) for f in convert.findings] == [
        (
            "FT303",
            ("waves", 1, "window", "start"),
            "2026-04-05T02:30 happens twice in Australia/Sydney (daylight-saving change): "
            "write the offset, 2026-04-05T02:30+11:00 (the first) or 2026-04-05T02:30+10:00 "
            "(the second)",
        )
    ]


def test_a_written_offset_places_a_repeated_time() -> None:
    convert = Converter(CHG)
    raw = {"start": "2026-04-05T02:30+10:00", "end": "2026-04-05T04:00"}
    window = convert.window(raw, ("window",), SYDNEY)
    assert convert.ok
    assert window is not None
    assert window.start.utcoffset() == timedelta(hours=10)
    assert window.end - window.start == timedelta(hours=1, minutes=30)


def test_both_ends_of_a_window_are_checked_and_each_failure_found() -> None:
    convert = Converter(CHG)
    raw = {"start": "2026-11-31T23:00", "end": "2026-10-04T02:15"}
    assert convert.window(raw, ("window",), SYDNEY) is None
    assert [(f.code, f.json_path) for f in convert.findings] == [
        ("FT106", ("window", "start")),
        ("FT302", ("window", "end")),
    ]
    assert convert.findings[0].message == "'2026-11-31T23:00' is not a time in the calendar"


def test_an_unknown_zone_is_ft107_and_the_default_zone_stands_in() -> None:
    convert = Converter(CHG)
    raw = {"start": "2026-12-08T21:00", "end": "2026-12-08T22:00", "tz": "Mars/Olympus"}
    window = convert.window(raw, ("window",), LONDON)
    assert window is not None and window.zone == LONDON
    assert not convert.ok
    assert convert.findings == [
        Finding(
            "FT107",
            "unknown time zone 'Mars/Olympus': use an IANA name such as Australia/Sydney",
            CHG,
            ("window", "tz"),
        )
    ]


def test_dates_and_zones_convert_or_record_a_finding() -> None:
    convert = Converter("tenants/thames-care.yaml")
    assert convert.date("2027-01-11", ("environments", "production", "go_live")) == date(
        2027, 1, 11
    )
    assert convert.zone("Europe/London", ("tz",), UTC_ZONE) == LONDON
    assert convert.ok
    assert convert.date("2026-02-30", ("environments", "uat", "go_live")) is None
    assert convert.zone("Europe/Lndon", ("tz",), UTC_ZONE) == UTC_ZONE
    assert [(f.code, f.file, f.json_path, f.line) for f in convert.findings] == [
        ("FT106", "tenants/thames-care.yaml", ("environments", "uat", "go_live"), 0),
        ("FT107", "tenants/thames-care.yaml", ("tz",), 0),  # placed on a line later
    ]


def test_a_datetime_with_an_offset_keeps_it() -> None:
    convert = Converter(CHG)
    moment = convert.datetime("2026-11-02T09:10+11:00", ("started",), LONDON)
    assert moment == datetime(2026, 11, 1, 22, 10, tzinfo=UTC)
    assert moment is not None and moment.utcoffset() == timedelta(hours=11)
