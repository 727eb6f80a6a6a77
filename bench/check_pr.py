"""Times `ftgitops check` on a repository of N changes where the pull request changes one file.

Run by hand: `python bench/check_pr.py [N ...]` (default 1,000 and 10,000). For each size it
prints: cold (an empty `.git/ftgitops-cache/`, which the run fills), warm (everything from
the cache), and warm after the changed file is edited again (one new blob to parse and check,
the schemas to compile, one cache shard to rewrite). `bench/check.py` runs it too.
Goal (issue 3): under 1 s at 10,000 changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ftgitops.check.run import CheckOptions, run_check
from ftgitops.collector import collector_paused

FIXTURE = Path(__file__).parent.parent / "tests" / "fixtures" / "check"
FIRST_WINDOW = datetime(2027, 1, 5, 9, 0)
TEMPLATE = FIXTURE / "changes" / "2026" / "CHG-2026-0003.yaml"
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "b",
    "GIT_AUTHOR_EMAIL": "b@example.com",
    "GIT_COMMITTER_NAME": "b",
    "GIT_COMMITTER_EMAIL": "b@example.com",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=ENV, check=True, capture_output=True)


def build(root: Path, count: int) -> None:
    shutil.copytree(FIXTURE, root)
    template = TEMPLATE.read_text(encoding="utf-8")
    for number in range(1, count + 1):
        year, serial = 2030 + number // 10_000, number % 10_000
        item_id = f"CHG-{year}-{serial:04d}"
        folder = root / "changes" / str(year)
        folder.mkdir(exist_ok=True)
        start = FIRST_WINDOW + timedelta(hours=3 * number)  # one window after another
        end = start + timedelta(hours=2)
        window = f"window: {{start: {start:%Y-%m-%dT%H:%M}, end: {end:%Y-%m-%dT%H:%M}}}"
        text = template.replace("CHG-2026-0003", item_id)
        text = "\n".join(
            window if line.startswith("window:") else line for line in text.split("\n")
        )
        (folder / f"{item_id}.yaml").write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    changed = root / "changes" / "2030" / "CHG-2030-0001.yaml"
    changed.write_text(changed.read_text().replace("title: Upgrade", "title: Replace"))
    git(root, "commit", "-q", "-am", "one change")


def edit_again(root: Path) -> None:
    """A second commit on the branch: the changed file gets a new blob."""
    changed = root / "changes" / "2030" / "CHG-2030-0001.yaml"
    changed.write_text(changed.read_text().replace("title: Replace", "title: Renew"))
    git(root, "commit", "-q", "-am", "edited again")


def timed(root: Path, count: int, label: str) -> None:
    options = CheckOptions("main", "HEAD", datetime(2026, 11, 21, tzinfo=UTC))
    start = time.perf_counter()
    with collector_paused():  # as `ftgitops.main` runs the command
        report = run_check(root, options)
    seconds = time.perf_counter() - start
    print(
        f"check: {count:>7,} changes, {len(report.changed)} changed  {seconds:6.3f} s  {label} "
        f"({len(report.findings)} findings)"
    )


def measure(count: int) -> None:
    """Build a repository of `count` changes in a temp folder and time the check on it."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "repo"
        build(root, count)
        timed(root, count, "cold: empty cache")
        timed(root, count, "warm")
        timed(root, count, "warm again")
        edit_again(root)
        timed(root, count, "warm, the changed file edited since")


def main() -> None:
    counts = [int(arg) for arg in sys.argv[1:]] or [1_000, 10_000]
    for count in counts:
        measure(count)


if __name__ == "__main__":
    main()
