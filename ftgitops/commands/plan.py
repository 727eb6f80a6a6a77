"""`ftgitops plan maintenance`, `plan release` and `plan decommission`: regular work from the
platform's rules."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time
from pathlib import Path

from ftgitops.clock import add_now_argument, current
from ftgitops.errors import FtgitopsError
from ftgitops.load import load_directory
from ftgitops.plan.decommission import plan_decommissions
from ftgitops.plan.maintenance import Planned, plan_maintenance
from ftgitops.plan.release import DEFAULT_WEEKS, ReleasePlan, plan_release
from ftgitops.plan.wavewrite import write_waves
from ftgitops.plan.write import write_decommission, write_planned
from ftgitops.timetext import date_line, local_range, utc_range
from ftgitops.timeutil import TimeProblem, parse_date


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
    _add_release(kinds)
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


def _add_release(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    release = kinds.add_parser(
        "release", help="a release's waves: UAT and Training, then production group by group"
    )
    release.add_argument("id", metavar="ID", help="the release, for example REL-2027-0001")
    release.add_argument(
        "--start", type=_date, help="the first day of the rollout (default: now), YYYY-MM-DD"
    )
    release.add_argument(
        "--weeks",
        type=int,
        default=DEFAULT_WEEKS,
        help=f"the weeks the waves are spread over (default: {DEFAULT_WEEKS})",
    )
    release.add_argument(
        "--write", action="store_true", help="write the waves (default: print the plan)"
    )
    release.add_argument(
        "--replace",
        action="store_true",
        help="replace the unstarted waves of an approved, scheduled or in-progress release",
    )
    add_now_argument(release)
    release.add_argument(
        "--root", type=Path, default=argparse.SUPPRESS, help="the change repository (default: here)"
    )
    release.set_defaults(run=run_release)


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except TimeProblem as problem:
        raise argparse.ArgumentTypeError(problem.message) from None


def run_release(args: argparse.Namespace) -> int:
    now = current(args.now)
    if not 1 <= args.weeks <= 52:
        raise FtgitopsError(f"--weeks {args.weeks}: give 1 to 52")
    model = load_directory(args.root).platform_model()
    plan = plan_release(model, args.id, now, args.start, args.weeks)
    for line in release_table(plan, model.platform.policies.upgrade.tenants_per_slot):
        print(line)
    if args.write:
        changed = write_waves(args.root, plan, args.replace)
        print(f"{'wrote' if changed else 'unchanged:'} {plan.release.path}")
    return 0


def release_table(plan: ReleasePlan, per_slot: int) -> list[str]:
    """The plan's heading and one aligned line a wave: number, kept or new, region,
    environments, groups, the window in local time and UTC, the tenants."""
    release = plan.release
    since = (
        "the end of the notice period"
        if plan.start is None
        else date_line(datetime.combine(plan.start, time(0)))
    )
    head = (
        f"{release.id} {release.title}: {len(plan.waves)} waves, {plan.kept} kept; "
        f"from {since} over {plan.weeks} weeks, at most {per_slot} tenants a slot"
    )
    rows = [["wave", "plan", "region", "environments", "groups", "window", "tenants"]]
    for entry in plan.waves:
        window = entry.wave.window
        when = local_range(window.start, window.end, window.zone)
        rows.append(
            [
                str(entry.number),
                "kept" if entry.kept else "new",
                entry.wave.region,
                ", ".join(entry.wave.environments),
                ", ".join(str(g) for g in entry.wave.groups),
                f"{when} ({utc_range(window.start, window.end)})",
                ", ".join(entry.tenants),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [head] + [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]
