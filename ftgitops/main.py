"""The command line: parses arguments and dispatches to one command; nothing else."""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from ftgitops import __version__
from ftgitops.collector import collector_paused
from ftgitops.commands import (
    build,
    check,
    codeowners,
    conflicts,
    deploy,
    new,
    notify,
    plan,
    report,
    validate,
)
from ftgitops.errors import FtgitopsError

EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ftgitops", description="Change management and status pages from YAML in git."
    )
    parser.add_argument("--version", action="version", version=f"ftgitops {__version__}")
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="the change repository (default: here)"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (
        validate,
        new,
        build,
        conflicts,
        check,
        codeowners,
        deploy,
        notify,
        report,
        plan,
    ):
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (0 clean, 1 findings, 2 usage or input error)."""
    args = build_parser().parse_args(argv)
    try:
        with collector_paused():  # the one pause: no run makes reference cycles (`collector`)
            code: int = args.run(args)
    except FtgitopsError as error:
        print(f"ftgitops: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:  # the last line of defence: a bug, never a traceback for input
        name = type(error).__name__
        print(f"ftgitops: internal error ({name}); details in {crash_log()}", file=sys.stderr)
        return EXIT_BUG
    return code


def crash_log() -> str:
    """The traceback being handled, written to a new file of its own (concurrent runs never
    share one; mode 0600, as it may quote data): the file's name, or why there is none."""
    try:
        handle, name = tempfile.mkstemp(prefix="ftgitops-crash-", suffix=".log")
        with open(handle, "w", encoding="utf-8") as stream:
            stream.write(traceback.format_exc())
    except OSError as error:
        return f"no log: {error.strerror or error}"
    return name


if __name__ == "__main__":
    raise SystemExit(main())
