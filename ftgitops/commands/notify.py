"""`ftgitops notify`: send the events since the last notified commit (and those the clock
brings) to channels, people and customers, once each, and record them in git; exit 0 when
everything went, 1 when a channel failed (it is retried by the next run)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ftgitops.clock import add_now_argument, current
from ftgitops.commands.deploy import run_id


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "notify", help="send what happened since the last run, once each (run from a clone of main)"
    )
    parser.add_argument(
        "--since", metavar="REF", help="work out events from this commit (default: the cursor)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be sent; send and change nothing"
    )
    parser.add_argument(
        "--no-push", action="store_true", help="commit the record but neither fetch nor push"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    add_now_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: Apprise and the message templates cost ~0.15 s, which every other
    # command (the pre-commit hook, the pull-request check) would pay at start otherwise.
    from ftgitops.notify.report import outcome_json, outcome_text
    from ftgitops.notify.run import Notifier
    from ftgitops.notify.session import Session

    root: Path = args.root
    now = current(args.now)
    name = run_id(now)
    render = outcome_json if args.format == "json" else outcome_text
    if args.dry_run:
        outcome, _ = Notifier(root, now, os.environ, name, None, args.since).work_out()
        sys.stdout.write(render(outcome, True))
        return 0
    session = Session(root, os.environ, push=not args.no_push)
    outcome = Notifier(root, now, os.environ, name, session, args.since).execute()
    sys.stdout.write(render(outcome))
    return 1 if outcome.failed else 0
