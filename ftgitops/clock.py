"""The one clock: `--now` read once at the command line and passed down as an aware datetime.

No other module reads the time. A test or a rebuild fixes `--now`; a reproducible build
without it takes `SOURCE_DATE_EPOCH`, as MkDocs does; otherwise it is the real time.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from datetime import UTC, date, datetime, time

from ftgitops.errors import FtgitopsError
from ftgitops.timeutil import FIRST_YEAR, LAST_YEAR

EXAMPLE = "2026-11-21T09:30+11:00"


def parse_now(text: str) -> datetime:
    """An ISO 8601 date-time (without an offset: UTC) or a date (its midnight, UTC), in UTC."""
    try:
        if len(text) == 10:
            moment = datetime.combine(date.fromisoformat(text), time(0), tzinfo=UTC)
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 date-time such as {EXAMPLE}"
        ) from None
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:  # the years data may be in (FT110)
        raise argparse.ArgumentTypeError(f"{text!r} is outside {FIRST_YEAR}-{LAST_YEAR}")
    return moment


def add_now_argument(parser: argparse.ArgumentParser) -> None:
    """`--now ISO`, the same on every command."""
    parser.add_argument(
        "--now",
        type=parse_now,
        metavar="ISO",
        help=f"the clock, ISO 8601 such as {EXAMPLE} (without an offset: UTC; default: now)",
    )


def current(
    given: datetime | None,
    *,
    reproducible: bool = False,
    environ: Mapping[str, str] | None = None,
) -> datetime:
    """`given` (from `--now`), else the real time, in UTC.

    With `reproducible` (a site build), SOURCE_DATE_EPOCH stands in for the real time when it
    is set; never for commands that act (deploy, notify), where a stale clock would do harm.
    """
    if given is not None:
        return given
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "") if reproducible else ""
    if epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), UTC) if len(epoch) <= 10 else None
        if moment is None or not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise FtgitopsError(f"SOURCE_DATE_EPOCH={epoch} is outside {FIRST_YEAR}-{LAST_YEAR}")
        return moment
    return datetime.now(UTC)
