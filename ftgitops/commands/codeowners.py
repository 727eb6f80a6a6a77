"""`ftgitops codeowners [--check]`: write `.github/CODEOWNERS`, or exit 1 if it is not current."""

from __future__ import annotations

import argparse
from pathlib import Path

from ftgitops.atomic import write_text
from ftgitops.codeowners import CODEOWNERS_FILE, load_platform, render


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "codeowners", help="generate .github/CODEOWNERS from the roles in ftgitops.yaml"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the committed file is not current"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    wanted = render(load_platform(root))
    target = root / CODEOWNERS_FILE
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if args.check:
        if current == wanted:
            print(f"{CODEOWNERS_FILE} is current")
            return 0
        state = "missing" if current is None else "out of date"
        print(f"{CODEOWNERS_FILE} is {state}: run `ftgitops codeowners` and commit it")
        return 1
    if current != wanted:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(target, wanted)
    print(f"wrote {CODEOWNERS_FILE}" if current != wanted else f"{CODEOWNERS_FILE} is current")
    return 0
