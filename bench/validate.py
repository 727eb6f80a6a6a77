"""How fast `ftgitops validate` is beside the bare libyaml parse of the same files.

Run by hand: `python bench/validate.py --changes 1000 10000 --tenants 50`. For each size it
generates a valid synthetic repository in a temp dir, then times (best of `--repeat`, the two
interleaved, page cache warm) reading + `yaml.load(..., Loader=yaml.CSafeLoader)` of every data
file, the in-process `validate(...)` (SchemaSet built inside the timing, as a run does) and,
with `--cli`, the whole command in a fresh interpreter. Goal (issue 2): validate <= 1.5 x the
bare parse. The ratio uses CPU seconds of this process, which other work on a shared machine
disturbs far less than wall-clock seconds; both are printed.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import generate  # a sibling script: sys.path[0]

from ftgitops.collector import collector_paused
from ftgitops.load import documents
from ftgitops.load.schemas import SchemaSet
from ftgitops.validate import validate

TODAY = datetime(2026, 11, 21, tzinfo=UTC)
GOAL = 1.5


def bare_parse(root: Path) -> None:
    for relative in documents.discover(root):
        yaml.load((root / relative).read_bytes(), Loader=yaml.CSafeLoader)


def in_process(root: Path) -> None:
    with collector_paused():  # as `ftgitops.main` runs every command
        result = validate(root, TODAY, SchemaSet())
    if result.findings:
        raise SystemExit(f"the synthetic repository is not clean: {result.findings[0].format()}")


def cli(root: Path) -> None:
    command = [sys.executable, "-m", "ftgitops", "--root", str(root), "validate"]
    run = subprocess.run([*command, "--now", TODAY.isoformat()], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"ftgitops validate exited {run.returncode}:\n{run.stdout[-2000:]}")


class Timing(NamedTuple):
    wall: float
    cpu: float


def timed(work: Callable[[Path], None], root: Path) -> Timing:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    work(root)
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def best_of(repeat: int, works: Sequence[Callable[[Path], None]], root: Path) -> list[Timing]:
    """The best wall and CPU time of each work, the works run in turn `repeat` times."""
    runs = [[timed(work, root) for work in works] for _ in range(repeat)]
    return [
        Timing(min(r[i].wall for r in runs), min(r[i].cpu for r in runs)) for i in range(len(works))
    ]


def line(label: str, timing: Timing, files: int) -> str:
    return (
        f"  {label:<26}{timing.wall:7.2f} s wall {files / timing.wall:7.0f} files/s"
        f"   {timing.cpu:7.2f} s CPU {files / timing.cpu:7.0f} files/s"
    )


def measure(changes: int, tenants: int, repeat: int, with_cli: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="ftgitops-bench-") as folder:
        root = Path(folder)
        files = generate(root, changes, tenants)
        size = sum((root / p).stat().st_size for p in documents.discover(root))
        bare_parse(root)  # warm the page cache
        parse, check = best_of(repeat, (bare_parse, in_process), root)
        print(f"{changes:>6} items, {tenants} tenants: {files} files, {size / 1e6:.1f} MB")
        print(line("bare parse (CSafeLoader)", parse, files))
        print(line("validate (in process)", check, files))
        ratio = check.cpu / parse.cpu
        verdict = "meets" if ratio <= GOAL else "misses"
        print(
            f"  ratio validate/parse:     {ratio:7.2f} CPU, {check.wall / parse.wall:.2f} wall"
            f"  ({verdict} the {GOAL} x goal)"
        )
        if with_cli:
            started = time.perf_counter()
            cli(root)
            whole = time.perf_counter() - started
            print(f"  ftgitops validate (CLI):  {whole:7.2f} s wall {files / whole:7.0f} files/s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--tenants", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--cli", action="store_true", help="also time the command line")
    args = parser.parse_args(argv)
    for changes in args.changes:
        measure(changes, args.tenants, args.repeat, args.cli)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
