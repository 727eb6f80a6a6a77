"""Recurrence rules: the days the domain needs, refused (FT311) with a reason otherwise."""

from __future__ import annotations

import time as clock
from datetime import datetime, time

import pytest

from ftgitops.recurrence import read_rule
from ftgitops.timeutil import TimeProblem


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYDAY=-1SA",
        "RRULE:FREQ=WEEKLY;BYDAY=TU,WE,TH",
        "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20",
        "FREQ=MONTHLY;BYMONTH=3,9;BYMONTHDAY=15",
        "FREQ=DAILY;INTERVAL=100;COUNT=1000",
        "FREQ=YEARLY;BYDAY=-53MO",
        "FREQ=MONTHLY;BYDAY=5MO;UNTIL=20301231",
        "FREQ=YEARLY;BYWEEKNO=-53;WKST=SU",
    ],
)
def test_rules_that_name_days_are_read_from_2000(rule: str) -> None:
    recurrence = read_rule(rule, time(23, 0))
    first = recurrence.after(datetime(2000, 1, 1), inc=True)
    assert first is not None and first.time() == time(23, 0) and first.year >= 2000


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        (
            "FREQ=MINUTELY",
            "repeats more often than daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY",
        ),
        ("FREQ=HOURLY", "repeats more often than daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=BOGUS", "cannot be read: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("BYDAY=MO", "cannot be read: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=DAILY;BYHOUR=1,2", "cannot use BYHOUR: a rule names days; the time is given apart"),
        (
            "FREQ=DAILY;BYSECOND=1",
            "cannot use BYSECOND: a rule names days; the time is given apart",
        ),
        (
            "FREQ=YEARLY;BYEASTER=0",
            "cannot use BYEASTER: use FREQ, INTERVAL, COUNT, BYMONTH, BYMONTHDAY, BYYEARDAY, "
            "BYWEEKNO, BYSETPOS, BYDAY, UNTIL, WKST",
        ),
        ("FREQ=DAILY;;", "cannot be read: '' is not NAME=VALUE"),
        ("FREQ=DAILY;FREQ=WEEKLY", "names FREQ twice"),
        ("FREQ=DAILY\nDTSTART:20000101", "must be one line of plain text"),
        ("FREQ=DAILY;INTERVAL=0", "has INTERVAL=0: each must be a whole number from 1 to 100"),
        ("FREQ=DAILY;COUNT=1001", "has COUNT=1001: each must be a whole number from 1 to 1000"),
        (
            "FREQ=DAILY;COUNT=" + "9" * 5000,
            "has COUNT=" + "9" * 5000 + ": each must be a whole number from 1 to 1000",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=0",
            "has BYMONTHDAY=0: each must be a whole number from -31 to 31, not 0",
        ),
        ("FREQ=YEARLY;BYMONTH=13", "has BYMONTH=13: each must be a whole number from 1 to 12"),
        (
            "FREQ=MONTHLY;BYDAY=30MO",
            "has BYDAY=30MO: each is a weekday (MO to SU), numbered 1 to 5",
        ),
        (
            "FREQ=YEARLY;BYDAY=54MO",
            "has BYDAY=54MO: each is a weekday (MO to SU), numbered 1 to 53",
        ),
        ("FREQ=WEEKLY;BYDAY=XX", "has BYDAY=XX: each is a weekday (MO to SU), numbered 1 to 5"),
        ("FREQ=DAILY;UNTIL=2030", "has an UNTIL that is not a local date (YYYYMMDD[THHMMSS])"),
        ("FREQ=DAILY;UNTIL=19991231", "never occurs: check its BY... parts"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never occurs: check its BY... parts"),
        (
            "FREQ=DAILY;BYSETPOS=367",
            "has BYSETPOS=367: each must be a whole number from -366 to 366, not 0",
        ),
    ],
)
def test_a_rule_the_domain_does_not_need_is_ft311_with_its_reason(rule: str, why: str) -> None:
    started = clock.monotonic()
    with pytest.raises(TimeProblem) as raised:
        read_rule(rule)
    assert clock.monotonic() - started < 5  # a rule that never occurs is searched to 9999 once
    assert (raised.value.code, raised.value.message) == ("FT311", f"the rule {rule!r} {why}")
