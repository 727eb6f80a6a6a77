"""`ftgitops check --base REF`: the pull-request check; exit 0 ready, 1 blocked, 2 bad input."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from ftgitops.atomic import write_text
from ftgitops.clock import add_now_argument, current
from ftgitops.errors import FtgitopsError

# The formats `ftgitops.check.render.FORMATS` renders (a test keeps the two in step); named
# here so that building the command line does not import the check (git, httpx, the engine):
# `ftgitops validate` in a pre-commit hook starts that much faster.
FORMAT_NAMES = ("text", "markdown", "github", "json")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check", help="check a branch against its base, as a pull-request check"
    )
    parser.add_argument("--base", required=True, help="the branch merged into (origin/main)")
    parser.add_argument("--head", default="HEAD", help="the revision checked (default: HEAD)")
    parser.add_argument("--format", choices=FORMAT_NAMES, default="text", help="output format")
    parser.add_argument(
        "--github-pr", type=int, metavar="N", help="read approvals from this pull request's reviews"
    )
    parser.add_argument(
        "--require-approvals",
        action="store_true",
        help="missing approvals block even when they could not be verified",
    )
    parser.add_argument(
        "--internal", action="store_true", help="name the tenants affected (confidential)"
    )
    parser.add_argument(
        "--comment-file", type=Path, help="also write the Markdown report here (for a PR comment)"
    )
    add_now_argument(parser)
    parser.add_argument("--no-cache", action="store_true", help="parse every file again")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> int:
    from ftgitops.check.render import Renderer
    from ftgitops.check.run import CheckOptions, run_check

    env = os.environ if environ is None else environ
    pull = None
    if args.github_pr is not None:  # httpx is imported only when reviews are read
        from ftgitops.check.github import fetch_pull_request, settings_from

        pull = fetch_pull_request(settings_from(env), args.github_pr)
    options = CheckOptions(
        base=args.base,
        head=args.head,
        now=current(args.now),
        pull=pull,
        require_approvals=args.require_approvals,
        use_cache=not args.no_cache,
    )
    report = run_check(args.root, options)
    render = Renderer(report, args.internal)  # redacts tenants unless --internal
    sys.stdout.write(render(args.format))
    markdown = render("markdown")
    if env.get("GITHUB_STEP_SUMMARY"):
        _append(Path(env["GITHUB_STEP_SUMMARY"]), markdown)
    if args.comment_file is not None:
        write_text(args.comment_file, markdown)
    return 1 if report.blocking else 0


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        raise FtgitopsError(f"cannot write the job summary {path}: {error.strerror}") from None
