"""Times `ftgitops check` on a repository of N changes where the pull request changes one file.

Run by hand: `python bench/check_pr.py [--synthetic] [--keep DIR] [--code LABEL=PATH ...]
[N ...]` (default 1,000 and 10,000 changes: copies of one small fixture change, or with
`--synthetic` files shaped like the real ones, from `bench/synthetic.py`). Each figure is
one whole `python -m ftgitops check --base main --head HEAD` process: its wall time and its
CPU time (user + system, with the git processes it waited for), because on a shared
machine other work stretches the wall time, not the CPU time. For each size it prints:
cold (an empty `.git/ftgitops-cache/`, which the run fills), warm (everything from the
cache; best of three), and warm after the changed file is edited again (one new blob to
parse and check, the schemas to compile, one cache shard to rewrite).

`--code LABEL=PATH` runs the same stages with the package from PATH (a checkout of another
commit, say), each on its own copy of the repository, interleaved, so before and after are
compared in one run. Without it the package is the one this interpreter imports. `--keep
DIR` builds the repositories in DIR and leaves them there. `bench/check.py` runs it too.
Goals: under 1 s at 10,000 changes (issue 3); warm under 1 s of CPU for the whole process
(issue 7).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from synthetic import generate  # a sibling script: sys.path[0]

FIXTURE = Path(__file__).parent.parent / "tests" / "fixtures" / "check"
FIRST_WINDOW = datetime(2027, 1, 5, 9, 0)
TEMPLATE = FIXTURE / "changes" / "2026" / "CHG-2026-0003.yaml"
NOW = "2026-11-21T00:00:00+00:00"
SYNTHETIC_TENANTS = 50
WARM_RUNS = 3
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "b",
    "GIT_AUTHOR_EMAIL": "b@example.com",
    "GIT_COMMITTER_NAME": "b",
    "GIT_COMMITTER_EMAIL": "b@example.com",
}


class Code(NamedTuple):
    """A version of the package to time: a label, and the folder put on PYTHONPATH (or None)."""

    label: str
    path: Path | None


class Figure(NamedTuple):
    """One process: wall and CPU seconds, and its exit code."""

    wall: float
    cpu: float
    code: int


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=ENV, check=True, capture_output=True)


def build(root: Path, count: int, synthetic: bool) -> None:
    """The main branch with `count` changes; the branch `feature` edits one of them."""
    if synthetic:
        generate(root, count, SYNTHETIC_TENANTS)
    else:
        write_small(root, count)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "gc.autoDetach", "false")  # no packing behind the copies' backs
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    edit_again(root)
    git(root, "gc", "-q")  # packed, as a fresh clone in CI is


def write_small(root: Path, count: int) -> None:
    """`count` copies of one small change of the test fixture, one window after another."""
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


def changed_file(root: Path) -> Path:
    """The file the pull request edits: the last change of the latest year."""
    folders = sorted((root / "changes").iterdir(), key=lambda folder: folder.name)
    return sorted(folders[-1].glob("CHG-*.yaml"))[-1]


def edit_again(root: Path) -> None:
    """A new commit on the branch: the changed file gets a new blob (every call a new one)."""
    changed = changed_file(root)
    title = f"title: Edited at {time.time_ns()}"
    lines = changed.read_text().split("\n")
    changed.write_text("\n".join(title if line.startswith("title:") else line for line in lines))
    git(root, "commit", "-q", "-am", "edited again")


def run_cli(root: Path, code: Code) -> Figure:
    """One whole `ftgitops check` process: wall and CPU (user + system) seconds."""
    env = dict(os.environ)
    if code.path is not None:
        env["PYTHONPATH"] = str(code.path)
    command = [sys.executable, "-m", "ftgitops", "--root", str(root), "check"]
    command += ["--base", "main", "--head", "HEAD", "--now", NOW]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # In the repository: `python -m` puts the working folder before PYTHONPATH on sys.path.
    done = subprocess.run(command, cwd=root, env=env, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Figure(wall, cpu, done.returncode)


def show(name: str, code: Code, label: str, figures: list[Figure]) -> None:
    best = min(figures, key=lambda figure: figure.cpu)
    every = " ".join(f"{figure.cpu:.3f}" for figure in figures)
    many = f" (CPU of each: {every})" if len(figures) > 1 else ""
    print(
        f"check [{code.label}]: {name}, 1 changed  wall {best.wall:6.3f} s  "
        f"CPU {best.cpu:6.3f} s  exit {best.code}  {label}{many}",
        flush=True,
    )


def stage(roots: dict[Code, Path], name: str, label: str, runs: int = 1) -> None:
    """Each code's process on its own repository, interleaved run by run."""
    figures: dict[Code, list[Figure]] = {code: [] for code in roots}
    for _ in range(runs):
        for code, root in roots.items():
            figures[code].append(run_cli(root, code))
    for code in roots:
        show(name, code, label, figures[code])


def measure(
    count: int, codes: list[Code] | None = None, keep: Path | None = None, synthetic: bool = False
) -> None:
    """Build a repository of `count` changes (in `keep`, or a temp folder) and time the check.

    `synthetic`: files shaped like the real ones (`bench/synthetic.py`, 30-80 lines, every
    kind, 50 tenants) instead of copies of one small change.
    """
    codes = codes or [Code("this", None)]
    shape = "synthetic" if synthetic else "small"
    name = f"{count:>7,} {shape} changes"
    with tempfile.TemporaryDirectory() as temp:
        folder = keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        built = folder / f"check-{shape}-{count}"
        if not built.exists():
            build(built, count, synthetic)
        roots = {code: folder / f"{built.name}-{code.label}" for code in codes}
        for root in roots.values():
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(built, root, symlinks=True)
            shutil.rmtree(root / ".git" / "ftgitops-cache", ignore_errors=True)
        stage(roots, name, "cold: empty cache")
        stage(roots, name, f"warm (best of {WARM_RUNS})", WARM_RUNS)
        for root in roots.values():
            edit_again(root)
        stage(roots, name, "warm, the changed file edited since")
        if keep is not None:
            print(f"repositories kept: {', '.join(str(root) for root in roots.values())}")


def code_option(text: str) -> Code:
    label, _, path = text.partition("=")
    return Code(label, Path(path).resolve() if path else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1_000, 10_000])
    parser.add_argument("--keep", type=Path, help="build the repositories here and keep them")
    parser.add_argument(
        "--code", type=code_option, action="append", help="LABEL=PATH of a package to time"
    )
    parser.add_argument(
        "--synthetic", action="store_true", help="realistic files (bench/synthetic.py)"
    )
    args = parser.parse_args()
    for count in args.counts:
        measure(count, args.code, args.keep, args.synthetic)


if __name__ == "__main__":
    main()
