"""`ftgitops validate [PATH...]`: check data files; exit 0 clean, 1 errors found."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

from ftgitops.clock import add_now_argument, current
from ftgitops.errors import FtgitopsError
from ftgitops.findings import has_errors
from ftgitops.load import documents
from ftgitops.report import as_json, as_text
from ftgitops.validate import validate


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate", help="check data files against schemas, references and policy"
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders to report on (default: all)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    add_now_argument(parser)
    parser.add_argument(
        "--today", type=date.fromisoformat, help="shorthand for --now at that date's midnight, UTC"
    )
    parser.set_defaults(run=run)


def relative_paths(root: Path, paths: list[str]) -> list[str]:
    """The given files and folders as POSIX paths relative to the root; folders expand. A
    link given is the link itself (reported, not followed), as in the listing."""
    selected: list[str] = []
    for given in paths:
        path = _unfollowed(given, root.resolve())
        if not os.path.lexists(path):
            raise FtgitopsError(f"{given}: no such file or folder")
        try:
            relative = path.relative_to(root.resolve()).as_posix()
        except ValueError:
            raise FtgitopsError(f"{given}: not inside the repository {root}") from None
        if path.is_dir() and not path.is_symlink():
            prefix = "" if relative == "." else relative + "/"
            listed = documents.discover(root)
            selected.extend(p for p in listed if p.startswith(prefix) or p == relative)
        else:
            selected.append(relative)
    return selected


def _unfollowed(given: str, root: Path) -> Path:
    """The absolute path given; a link inside the repository stays the link."""
    absolute = Path(os.path.abspath(given))
    link = absolute.parent.resolve() / absolute.name
    if link.is_symlink() and link.is_relative_to(root):
        return link
    return absolute.resolve()


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    only = relative_paths(root, args.paths) if args.paths else None
    given = datetime.combine(args.today, time(0), tzinfo=UTC) if args.today else args.now
    result = validate(root, current(given), None, only)
    files = len(only) if only is not None else len(documents.discover(root))
    render = as_json if args.format == "json" else as_text
    sys.stdout.write(render(result.findings, files))
    return 1 if has_errors(result.findings) else 0
