"""`ftgitops new KIND`: write a skeleton item file with the next free id; print its path."""

from __future__ import annotations

import argparse
from pathlib import Path

from ftgitops.clock import add_now_argument, current
from ftgitops.newitem import create
from ftgitops.skeleton import KINDS


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "new", help="start a change, release, maintenance notice or incident from a skeleton"
    )
    parser.add_argument("kind", choices=KINDS, help="what to create")
    parser.add_argument("--title", help="the title (default: a TODO placeholder)")
    parser.add_argument("--region", help="the region it is for (default: the first region)")
    add_now_argument(parser)  # a maintenance notice is published at this time
    parser.add_argument(
        "--root",
        type=Path,
        default=argparse.SUPPRESS,
        help="the change repository (default: here)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    now = current(args.now)
    path = create(args.root, args.kind, now, title=args.title, region_id=args.region)
    print(path)
    return 0
