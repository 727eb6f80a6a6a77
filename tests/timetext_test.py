"""Times in words: one wording for the engine, the check, the command line and the site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ftgitops.timetext import ago, local_range, moment, span, utc, utc_range

SYDNEY = ZoneInfo("Australia/Sydney")
START = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # Sat 23:00 AEDT
END = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)


def test_a_moment_in_its_zone_and_in_utc_reads_as_strftime_would_in_the_c_locale() -> None:
    assert moment(START, SYDNEY) == "Sat 28 Nov 2026 23:00 AEDT"
    assert moment(START, SYDNEY) == f"{START.astimezone(SYDNEY):%a %d %b %Y %H:%M} AEDT"
    assert utc(START) == "Sat 28 Nov 2026 12:00 UTC"


def test_the_reviewers_span_gives_each_end_in_full_and_utc_beside() -> None:
    assert span(START, END, SYDNEY) == (
        "Sat 28 Nov 2026 23:00 AEDT to Sun 29 Nov 2026 01:00 AEDT (28 Nov 12:00 to 14:00 UTC)"
    )


def test_the_customers_range_is_compact_and_names_both_zones_across_a_dst_change() -> None:
    assert local_range(START, END, SYDNEY) == "Sat 28 Nov 2026 23:00–Sun 29 Nov 01:00 AEDT"
    assert utc_range(START, END) == "28 Nov 12:00–14:00 UTC"
    before = datetime(2026, 4, 4, 14, 0, tzinfo=UTC)  # Sun 5 Apr 01:00 AEDT
    after = datetime(2026, 4, 4, 18, 0, tzinfo=UTC)  # Sun 5 Apr 04:00 AEST
    assert local_range(before, after, SYDNEY) == "Sun 05 Apr 2026 01:00 AEDT–04:00 AEST"
    assert (
        utc_range(before, datetime(2026, 4, 5, 2, 0, tzinfo=UTC)) == "04 Apr 14:00–05 Apr 02:00 UTC"
    )


def test_a_span_across_a_new_year_gives_each_end_its_year() -> None:
    before = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)  # Thu 31 Dec 23:00 AEDT
    after = datetime(2026, 12, 31, 14, 0, tzinfo=UTC)  # Fri 01 Jan 2027 01:00 AEDT
    assert local_range(before, after, SYDNEY) == "Thu 31 Dec 2026 23:00–Fri 01 Jan 2027 01:00 AEDT"
    assert utc_range(before, after) == "31 Dec 12:00–14:00 UTC"
    assert span(before, after, SYDNEY) == (
        "Thu 31 Dec 2026 23:00 AEDT to Fri 01 Jan 2027 01:00 AEDT (31 Dec 12:00 to 14:00 UTC)"
    )
    new_year = datetime(2027, 1, 1, 1, 0, tzinfo=UTC)  # 12:00 AEDT: UTC is still 2026 at 23:00
    evening = datetime(2026, 12, 31, 23, 0, tzinfo=UTC)
    assert utc_range(evening, new_year) == "31 Dec 2026 23:00–01 Jan 2027 01:00 UTC"
    assert span(evening, new_year, SYDNEY) == (
        "Fri 01 Jan 2027 10:00 AEDT to Fri 01 Jan 2027 12:00 AEDT "
        "(31 Dec 2026 23:00 to 01 Jan 2027 01:00 UTC)"
    )
    # In the local year already, though UTC is a year behind: UTC says which year it means.
    dawn = datetime(2026, 12, 31, 14, 0, tzinfo=UTC)  # Fri 01 Jan 2027 01:00 AEDT
    assert span(dawn, evening, SYDNEY).endswith("(31 Dec 2026 14:00 to 31 Dec 2026 23:00 UTC)")


def test_how_long_ago_reads_in_the_unit_a_person_would_use() -> None:
    assert ago(timedelta(minutes=1)) == "1 minute ago"
    assert ago(timedelta(minutes=119, seconds=59)) == "119 minutes ago"
    assert ago(timedelta(hours=2)) == "2 hours ago"
    assert ago(timedelta(hours=47, minutes=59)) == "47 hours ago"
    assert ago(timedelta(days=3, hours=23)) == "3 days ago"
