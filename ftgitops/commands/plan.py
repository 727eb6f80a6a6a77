"""`ftgitops plan maintenance` and `plan decommission`: regular work from the platform's rules."""

from __future__ import annotations

import argparse
from pathlib import Path

from ftgitops.clock import add_now_argument, current
from ftgitops.errors import FtgitopsError
from ftgitops.load import load_directory
from ftgitops.plan.decommission import plan_decommissions
from ftgitops.plan.maintenance import Planned, plan_maintenance
from ftgitops.plan.write import write_decommission, write_planned
from ftgitops.timetext import local_range


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("plan", help="plan regular work from the platform's rules")
    kinds = parser.add_subparsers(dest="plan", required=True, metavar="WHAT")
    maintenance = kinds.add_parser(
        "maintenance", help="the monthly maintenance notices for the next months"
    )
    maintenance.add_argument(
        "--months", type=int, default=3, help="how many months ahead (default: 3)"
    )
    maintenance.add_argument("--region", help="one region (default: all)")
    maintenance.add_argument(
        "--write", action="store_true", help="write the new notices (default: print the plan)"
    )
    add_now_argument(maintenance)
    maintenance.add_argument(
        "--root", type=Path, default=argparse.SUPPRESS, help="the change repository (default: here)"
    )
    maintenance.set_defaults(run=run_maintenance)
    decommission = kinds.add_parser(
        "decommission", help="a change for each UAT or Training environment due to go"
    )
    decommission.add_argument(
        "--write", action="store_true", help="write the changes (default: print the plan)"
    )
    add_now_argument(decommission)
    decommission.add_argument(
        "--root", type=Path, default=argparse.SUPPRESS, help="the change repository (default: here)"
    )
    decommission.set_defaults(run=run_decommission)


def run_maintenance(args: argparse.Namespace) -> int:
    now = current(args.now)
    if not 1 <= args.months <= 120:
        raise FtgitopsError(f"--months {args.months}: give 1 to 120")
    model = load_directory(args.root).platform_model()
    if args.region is not None and args.region not in model.platform.regions:
        known = ", ".join(model.platform.regions)
        raise FtgitopsError(f"unknown region {args.region!r}: it must be one of {known}")
    regions = None if args.region is None else [args.region]
    planned = plan_maintenance(model, now, args.months, regions)
    for entry in planned:
        written = ""
        if args.write and entry.writable:
            path = write_planned(args.root, model, entry, now)
            written = str(path.relative_to(args.root))
        print(row(entry, written))
    return 0


def row(entry: Planned, written: str) -> str:
    """One line of the table: region, local window, action, note, file written."""
    when = local_range(entry.start, entry.end, entry.region.zone)
    parts = [f"{entry.region.id:<6}", f"{when:<36}", f"{entry.action:<9}"]
    tail = "; ".join(p for p in (entry.note, f"wrote {written}" if written else "") if p)
    return "  ".join(parts + ([tail] if tail else [])).rstrip()


def run_decommission(args: argparse.Namespace) -> int:
    now = current(args.now)
    model = load_directory(args.root).platform_model()
    for plan in plan_decommissions(model, now):
        where = plan.tenant.id + " " + plan.due.environment
        when = local_range(plan.window.start, plan.window.end, plan.region.zone)
        written = ""
        if args.write:
            path = write_decommission(args.root, model, plan, now)
            written = f"  wrote {path.relative_to(args.root)}"
        print(f"{where:<36}  due {plan.due.due.isoformat()}  {when}{written}")
    return 0
