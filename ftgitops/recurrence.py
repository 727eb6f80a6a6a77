"""Recurrence rules (RFC 5545 `RRULE`) as the domain uses them: rules that name days.

A slot starts at its own `start` time and a freeze at midnight, so a rule only says on which
days: FREQ is DAILY, WEEKLY, MONTHLY or YEARLY, there is no BYHOUR, BYMINUTE or BYSECOND,
and every number is in its calendar range. Such a rule occurs at most once a day, so with
dates in 1970-2100 expanding it over any range the tool asks for stays small (at most about
48,000 days), where `FREQ=MINUTELY` or `INTERVAL=0` would run for minutes or for ever. One
reader (`read_rule`) serves the loader, which reports a bad rule as FT311 at its line, and
every place that expands a rule.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from dateutil.rrule import rrule, rrulestr

from ftgitops.timeutil import TimeProblem

ANCHOR = date(2000, 1, 1)  # rules without their own DTSTART count from here (keeps INTERVAL)
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
# The numbered parts and the largest magnitude of each (0 is never allowed).
NUMBERS = {
    "INTERVAL": 100,
    "COUNT": 1000,
    "BYMONTH": 12,
    "BYMONTHDAY": 31,
    "BYYEARDAY": 366,
    "BYWEEKNO": 53,
    "BYSETPOS": 366,
}
PARTS = ("FREQ", *NUMBERS, "BYDAY", "UNTIL", "WKST")
TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
_NUMBER = re.compile(r"[+-]?[0-9]{1,4}")
_WEEKDAY = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL = re.compile(r"[0-9]{8}(T[0-9]{6})?")
_SIGNED = ("BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS")  # may count from the end
_FREQUENCIES = "DAILY, WEEKLY, MONTHLY or YEARLY"
_READ_ERRORS = (ValueError, TypeError, OverflowError, IndexError, KeyError)


def read_rule(text: str, at: time = time(0)) -> rrule:
    """The rule's recurrence, counted from `ANCHOR` at local time `at`; `TimeProblem` FT311
    when the rule is not one the domain allows or cannot be read."""
    parts = _parts(text)
    _check_parts(text, parts)
    start = datetime.combine(ANCHOR, at)
    try:
        recurrence = rrulestr(text, dtstart=start)
        first = recurrence.after(start, inc=True)
    except _READ_ERRORS as error:
        raise _problem(text, f"cannot be read: {error}") from None
    if not isinstance(recurrence, rrule) or first is None:
        raise _problem(text, "never occurs: check its BY... parts")
    return recurrence


def _problem(text: str, why: str) -> TimeProblem:
    return TimeProblem("FT311", f"the rule {text!r} {why}")


def _parts(text: str) -> dict[str, str]:
    """`NAME=VALUE` pairs of the rule, each name once, on one line."""
    body = text.removeprefix("RRULE:")
    if not body.isprintable():
        raise _problem(text, "must be one line of plain text")
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        name, equals, value = piece.partition("=")
        if not equals or not value:
            raise _problem(text, f"cannot be read: {piece!r} is not NAME=VALUE")
        if name in parts:
            raise _problem(text, f"names {name} twice")
        parts[name] = value
    return parts


def _check_parts(text: str, parts: dict[str, str]) -> None:
    for name, value in parts.items():
        if name in TIME_PARTS:
            raise _problem(text, f"cannot use {name}: a rule names days; the time is given apart")
        if name not in PARTS:
            raise _problem(text, f"cannot use {name}: use {', '.join(PARTS)}")
        if name in NUMBERS:
            _check_numbers(text, name, value)
    frequency = parts.get("FREQ")
    if frequency in ("HOURLY", "MINUTELY", "SECONDLY"):
        raise _problem(text, f"repeats more often than daily: use FREQ={_FREQUENCIES}")
    if frequency not in FREQUENCIES:
        raise _problem(text, f"cannot be read: FREQ must be {_FREQUENCIES}")
    if "BYDAY" in parts:
        yearly = frequency == "YEARLY" and "BYMONTH" not in parts
        _check_weekdays(text, parts["BYDAY"], 53 if yearly else 5)
    if "UNTIL" in parts and _UNTIL.fullmatch(parts["UNTIL"]) is None:
        raise _problem(text, "has an UNTIL that is not a local date (YYYYMMDD[THHMMSS])")


def _check_numbers(text: str, name: str, value: str) -> None:
    largest = NUMBERS[name]
    lowest = -largest if name in _SIGNED else 1
    for item in value.split(","):
        number = int(item) if _NUMBER.fullmatch(item) else None
        if number is None or number == 0 or not lowest <= number <= largest:
            span = f"{lowest} to {largest}, not 0" if lowest < 0 else f"1 to {largest}"
            raise _problem(text, f"has {name}={value}: each must be a whole number from {span}")


def _check_weekdays(text: str, value: str, largest: int) -> None:
    for item in value.split(","):
        found = _WEEKDAY.fullmatch(item)
        ordinal = int(found.group(1)) if found and found.group(1) else None
        if found is None or (ordinal is not None and not 1 <= abs(ordinal) <= largest):
            raise _problem(
                text, f"has BYDAY={value}: each is a weekday (MO to SU), numbered 1 to {largest}"
            )
