"""The one clock: `--now` parsing, SOURCE_DATE_EPOCH for builds only, nobody else reads time."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ftgitops.clock import current, parse_now
from ftgitops.errors import FtgitopsError

PACKAGE = Path(__file__).parent.parent / "ftgitops"
READS_THE_CLOCK = re.compile(
    r"datetime\.now\(|datetime\.utcnow\(|date\.today\(|time\.time\(|get_build_datetime"
)


def test_an_offset_is_kept_as_the_same_instant_in_utc() -> None:
    moment = parse_now("2026-11-21T09:30+11:00")
    assert moment == datetime(2026, 11, 20, 22, 30, tzinfo=UTC)
    assert moment.tzinfo is UTC


def test_a_date_is_its_midnight_utc_and_a_naive_time_is_utc() -> None:
    assert parse_now("2026-11-21") == datetime(2026, 11, 21, tzinfo=UTC)
    assert parse_now("2026-11-21T10:00") == datetime(2026, 11, 21, 10, tzinfo=UTC)
    assert parse_now("2026-11-21T10:00Z") == datetime(2026, 11, 21, 10, tzinfo=UTC)


def test_text_that_is_not_a_time_names_the_form_wanted() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match=r"'next tuesday' is not an ISO 8601"):
        parse_now("next tuesday")


def test_a_given_now_wins_and_source_date_epoch_counts_only_for_builds() -> None:
    given = datetime(2030, 1, 1, tzinfo=UTC)
    epoch = {"SOURCE_DATE_EPOCH": "1790000000"}
    assert current(given, reproducible=True, environ=epoch) == given
    assert current(None, reproducible=True, environ=epoch) == datetime.fromtimestamp(
        1790000000, UTC
    )
    real = current(None, environ=epoch)  # deploy and notify never run on a stale clock
    assert abs(real - datetime.now(UTC)) < timedelta(minutes=1)


def test_no_module_but_the_clock_reads_the_time() -> None:
    readers = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if READS_THE_CLOCK.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == ["clock.py"]


def test_a_clock_outside_1970_to_2100_is_a_usage_error() -> None:
    for text in ("9999-12-31T00:00:00+00:00", "0001-01-01", "1969-12-31T23:59Z"):
        with pytest.raises(argparse.ArgumentTypeError, match="is outside 1970-2100"):
            parse_now(text)
    for epoch in ("4133980800", "99999999999999999999999"):  # 2101, and more than a year holds
        with pytest.raises(FtgitopsError, match=f"SOURCE_DATE_EPOCH={epoch} is outside"):
            current(None, reproducible=True, environ={"SOURCE_DATE_EPOCH": epoch})
