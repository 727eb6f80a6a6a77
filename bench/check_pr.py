"""Times `ftgitops check` on a repository of N changes where the pull request changes one file.

Run by hand: `python bench/check_pr.py [N]` (default 10,000). Prints cold (no parse cache)
and warm (`.git/ftgitops-cache/` filled by the first run) figures.
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


def timed(root: Path, label: str) -> None:
    options = CheckOptions("main", "HEAD", datetime(2026, 11, 21, tzinfo=UTC))
    start = time.perf_counter()
    report = run_check(root, options)
    seconds = time.perf_counter() - start
    print(
        f"{label}: {seconds:.2f} s ({len(report.changed)} changed, {len(report.findings)} findings)"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "repo"
        build(root, count)
        print(f"{count} changes")
        timed(root, "cold (no cache)")
        timed(root, "warm (parse cache)")
        timed(root, "warm again")


if __name__ == "__main__":
    main()
