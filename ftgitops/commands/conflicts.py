"""`ftgitops conflicts [--from DATE --to DATE]`: list scheduling conflicts; exit 1 on an error."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ftgitops.clock import add_now_argument, current
from ftgitops.codes import Severity
from ftgitops.conflicts import (
    HORIZON_DAYS,
    Conflict,
    as_dict,
    describe,
    find_conflicts,
    mover,
    shared_labels,
    suggest_slots,
)
from ftgitops.conflicts.jsonform import utc_text
from ftgitops.errors import FtgitopsError
from ftgitops.load import load_directory
from ftgitops.model import Model, Window
from ftgitops.timetext import span

Suggestions = dict[str, Window | None]
NO_SLOT = f"none within {HORIZON_DAYS} days"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "conflicts", help="list scheduling conflicts, with the next free slot for each"
    )
    parser.add_argument("--from", dest="start", metavar="DATE", help="from this date or time")
    parser.add_argument("--to", dest="end", metavar="DATE", help="to this date (inclusive)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    add_now_argument(parser)
    parser.set_defaults(run=run)


def parse_moment(text: str, option: str, end_of_day: bool = False) -> datetime:
    """A date (midnight UTC; the next midnight for an inclusive end) or an ISO date-time."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text) + timedelta(days=1 if end_of_day else 0)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise FtgitopsError(f"{option} {text!r}: use YYYY-MM-DD or an ISO 8601 time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def run(args: argparse.Namespace) -> int:
    now = current(args.now)
    start = parse_moment(args.start, "--from") if args.start else None
    end = parse_moment(args.end, "--to", end_of_day=True) if args.end else None
    model = load_model(args.root)
    conflicts = find_conflicts(model, now, start, end)
    suggestions = suggest_slots(model, now, map(mover, conflicts), conflicts)
    render = as_json if args.format == "json" else as_text
    sys.stdout.write(render(conflicts, suggestions))
    return 1 if any(c.severity is Severity.ERROR for c in conflicts) else 0


def load_model(root: Path) -> Model:
    """The model of every valid file (conflicts are found among the files that load); a
    platform file with an error (an unknown zone would place every time wrongly) stops."""
    return load_directory(root).platform_model()


def as_text(conflicts: Sequence[Conflict], suggestions: Suggestions) -> str:
    """A block per conflict, then a count."""
    lines: list[str] = []
    for item in conflicts:
        lines.append(f"{item.severity}[{item.code}] {item.kind}: {describe(item)}")
        sides = item.first if item.second is None else f"{item.first} / {item.second}"
        lines.append(f"  sides:    {sides}")
        lines.append(f"  shared:   {', '.join(shared_labels(item))}")
        if item.start and item.end and item.zone:
            lines.append(f"  overlap:  {span(item.start, item.end, item.zone)}")
        lines.append(f"  files:    {', '.join(item.paths)}")
        if item.override:
            lines.append(f"  override: {item.override}")
        lines.append(f"  next free slot for {mover(item)}: {_slot(suggestions.get(mover(item)))}")
    errors = sum(1 for c in conflicts if c.severity is Severity.ERROR)
    lines.append(
        f"{len(conflicts)} conflicts ({errors} errors, {len(conflicts) - errors} warnings)"
    )
    return "\n".join(lines) + "\n"


def _slot(window: Window | None) -> str:
    return span(window.start, window.end, window.zone) if window else NO_SLOT


def as_json(conflicts: Sequence[Conflict], suggestions: Suggestions) -> str:
    """`{"conflicts": [...], "errors": N, "warnings": N}` with ISO times in UTC."""
    documents = [_document(c, suggestions.get(mover(c))) for c in conflicts]
    errors = sum(1 for c in conflicts if c.severity is Severity.ERROR)
    body = {"conflicts": documents, "errors": errors, "warnings": len(conflicts) - errors}
    return json.dumps(body, indent=2) + "\n"


def _document(item: Conflict, slot: Window | None) -> dict[str, object]:
    """The conflict as every JSON report writes it (`as_dict`), with where to move it."""
    return {
        **as_dict(item),
        "next_free_slot": {
            "move": mover(item),
            "start": utc_text(slot.start) if slot else None,
            "end": utc_text(slot.end) if slot else None,
        },
    }
