"""`ftgitops deploy`: deploy what is due at `--now` and record it in git; exit 0 when
nothing is due or all went well, 1 when something failed, was missed or is blocked."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from datetime import datetime
from pathlib import Path

from ftgitops.clock import add_now_argument, current
from ftgitops.deploy.drivers import Driver
from ftgitops.deploy.drivers.command import CommandDriver
from ftgitops.deploy.plan import plan
from ftgitops.deploy.reconcile import Reconciler
from ftgitops.deploy.report import outcome_json, outcome_text, plan_json, plan_text
from ftgitops.deploy.runclock import RunClock
from ftgitops.deploy.session import Session
from ftgitops.load import load_directory

RUNS = Path(".ftgitops") / "runs"  # git-ignored: each run's full command outputs


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "deploy", help="deploy what is due now and record it in git (run from a clone of main)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the plan and the driver calls; change nothing"
    )
    parser.add_argument(
        "--no-push", action="store_true", help="commit the record but neither fetch nor push"
    )
    parser.add_argument(
        "--artifacts", type=Path, metavar="DIR", help=f"where command outputs go (default {RUNS})"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    add_now_argument(parser)
    parser.set_defaults(run=run)


def run_id(now: datetime) -> str:
    """`20261201T100000Z-1a2b3c4d`: the run's start and a random tag."""
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"


def ignored(folder: Path) -> Path:
    """The folder, made with a `.gitignore` that ignores it whole (no setup in the repo)."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("# ftgitops deploy's run outputs: never committed\n*\n", encoding="utf-8")
    return folder


def drivers(clock: RunClock) -> dict[str, Driver]:
    """The drivers this version has: shell commands, and Octopus Deploy (its key and URL are
    read from the environment only when Octopus work is due)."""
    # Imported here: httpx is only wanted when a deploy runs, not on every command's start.
    from ftgitops.deploy.drivers.octopus import OctopusDriver

    return {
        "command": CommandDriver(clock, os.environ),
        "octopus": OctopusDriver(clock, os.environ),
    }


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    clock = RunClock(current(args.now))
    if args.dry_run:
        model = load_directory(root).platform_model()
        found = plan(model, clock.start, drivers(clock))
        render = plan_json if args.format == "json" else plan_text
        sys.stdout.write(render(found, model))
        return 0
    name = run_id(clock.start)
    artifacts = (args.artifacts or ignored(root / RUNS.parent) / RUNS.name / name).resolve()
    session = Session(root, os.environ, push=not args.no_push)
    outcome = Reconciler(session, clock, drivers(clock), artifacts, name).run()
    sys.stdout.write(outcome_json(outcome) if args.format == "json" else outcome_text(outcome))
    return 1 if outcome.failed else 0
