"""`ftgitops report risk`: the spread of risk levels over every change and release."""

from __future__ import annotations

import argparse
import json
import sys

from ftgitops.clock import add_now_argument, current
from ftgitops.load import load_directory
from ftgitops.rules.riskspread import LEVELS, Spread, risk_spread


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("report", help="print a report on the change calendar")
    parser.add_argument("report", choices=("risk",), help="risk: the spread of risk levels")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    add_now_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    now = current(args.now)
    spread = risk_spread(load_directory(args.root).platform_model(), now)
    render = as_json if args.format == "json" else as_text
    sys.stdout.write(render(spread))
    return 0


def as_text(spread: Spread) -> str:
    """A table of levels (count, share, approvals), then each item with its reasons."""
    total = len(spread.assessed)
    lines = [f"risk of {total} changes and releases", "level     count  share  approvals"]
    for level in LEVELS:
        count = spread.counts[level]
        share = f"{round(100 * count / total) if total else 0}%"
        roles = ", ".join(spread.approvals[level])
        lines.append(f"{level:<9} {count:>5}  {share:>5}  {roles}".rstrip())
    lines.append("")
    for item_id, status, assessment in spread.assessed:
        head = f"{item_id}  {assessment.level:<8} {assessment.score:>2}  {status:<11}"
        lines.append(f"{head}  {'; '.join(assessment.reasons)}")
    return "\n".join(lines) + "\n"


def as_json(spread: Spread) -> str:
    """`{"levels": {...}, "items": [...]}`."""
    body = {
        "levels": {
            level: {"count": spread.counts[level], "approvals": list(spread.approvals[level])}
            for level in LEVELS
        },
        "items": [
            {
                "item": item_id,
                "status": status,
                "level": a.level,
                "score": a.score,
                "declared": a.declared,
                "reasons": list(a.reasons),
                "approvals": list(a.approvals),
            }
            for item_id, status, a in spread.assessed
        ],
    }
    return json.dumps(body, indent=2) + "\n"
