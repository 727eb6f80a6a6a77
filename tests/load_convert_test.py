"""Converter: checked raw values to dates, zones and windows, with a finding where that fails."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ftgitops.findings import Finding
from ftgitops.load.convert import LONGEST_FREEZE, Converter
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


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Asia", "'Asia' is a group of time zones, not one: name a zone such as Asia/Aden"),
        ("Etc", "'Etc' is a group of time zones, not one: name a zone such as Etc/GMT"),
        ("localtime", "unknown time zone 'localtime': use an IANA name such as Australia/Sydney"),
        ("posixrules", "unknown time zone 'posixrules': use an IANA name such as Australia/Sydney"),
        (
            "right/Europe/London",
            "unknown time zone 'right/Europe/London': use an IANA name such as Australia/Sydney",
        ),
        ("Factory", "unknown time zone 'Factory': use an IANA name such as Australia/Sydney"),
    ],
)
def test_only_iana_zones_are_zones_not_folders_nor_the_hosts_own(name: str, message: str) -> None:
    convert = Converter(CHG)
    assert convert.zone(name, ("tz",), UTC_ZONE) == UTC_ZONE
    assert convert.findings == [Finding("FT107", message, CHG, ("tz",))]
    assert Converter(CHG).zone("Etc/GMT-10", ("tz",), UTC_ZONE) == ZoneInfo("Etc/GMT-10")


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("1970-01-01T00:00", "1970-01-01T02:00", True),
        ("2100-12-31T20:00", "2100-12-31T23:59", True),
        ("1969-12-31T20:00", "1969-12-31T22:00", False),
        ("0001-01-01T00:00", "0001-01-01T02:00", False),
        ("9999-12-31T20:00", "9999-12-31T22:00", False),
    ],
)
def test_dates_outside_1970_to_2100_are_ft110(start: str, end: str, ok: bool) -> None:
    convert = Converter(CHG)
    window = convert.window({"start": start, "end": end}, ("window",), UTC_ZONE)
    assert (window is not None) is ok
    expected = [
        Finding("FT110", f"{t!r} is outside 1970-2100: ftgitops plans within those years", CHG, p)
        for t, p in ((start, ("window", "start")), (end, ("window", "end")))
    ]
    assert convert.findings == ([] if ok else expected)
    assert (convert.date(start[:10], ("go_live",)) is not None) is ok


def test_a_window_is_at_most_31_days_and_a_freeze_366() -> None:
    convert = Converter(CHG)
    month = {"start": "2026-12-01T00:00", "end": "2027-01-01T00:00"}
    longer = {"start": "2026-12-01T00:00", "end": "2027-01-01T02:00"}
    year = {"start": "2026-01-01T00:00", "end": "2027-01-02T00:00"}
    assert convert.window(month, ("window",), UTC_ZONE) is not None
    assert convert.window(longer, ("window",), UTC_ZONE) is None
    assert convert.window(year, ("window",), UTC_ZONE, LONGEST_FREEZE) is not None
    assert convert.window({**year, "end": "2027-01-03T00:00"}, (), UTC_ZONE, LONGEST_FREEZE) is None
    assert convert.findings == [
        Finding(
            "FT312",
            "the window lasts 31 days 2 hours; the limit is 31 days",
            CHG,
            ("window", "end"),
        ),
        Finding("FT312", "the window lasts 367 days; the limit is 366 days", CHG, ("end",)),
    ]


def test_a_recurrence_rule_is_kept_or_ft311() -> None:
    convert = Converter(CHG)
    assert convert.rule("FREQ=MONTHLY;BYDAY=-1SA", ("rrule",)) == "FREQ=MONTHLY;BYDAY=-1SA"
    assert convert.rule("FREQ=MINUTELY", ("rrule",)) is None
    assert [(f.code, f.json_path) for f in convert.findings] == [("FT311", ("rrule",))]
