"""`ftgitops new KIND`: write a skeleton item file with the next free id; print its path."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from ftgitops.newitem import create
from ftgitops.skeleton import KINDS


def _datetime(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO date-time such as 2026-11-21T09:30+11:00"
        ) from None


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "new", help="start a change, release, maintenance notice or incident from a skeleton"
    )
    parser.add_argument("kind", choices=KINDS, help="what to create")
    parser.add_argument("--title", help="the title (default: a TODO placeholder)")
    parser.add_argument("--region", help="the region it is for (default: the first region)")
    parser.add_argument(
        "--now",
        type=_datetime,
        help="the clock: ISO date-time; without an offset, the region's local time "
        "(default: now). A maintenance notice is published at this time",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=argparse.SUPPRESS,
        help="the change repository (default: here)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    now: datetime = args.now or datetime.now(UTC)
    path = create(args.root, args.kind, now, title=args.title, region_id=args.region)
    print(path)
    return 0
