"""How long `ftgitops deploy` takes to plan: a repository of 10,000 items with 100 due.

Run by hand: `python bench/deploy.py [--changes 10000] [--due 100] [--upcoming 400]`. It
generates the synthetic repository (bench/synthetic.py), gives every change a command-driver
`deploy:` block, ends every past change, opens the window of `--due` approved changes at
the bench's `now` and schedules `--upcoming` more for the weeks after, loads it once, then
times the plan (best of `--repeat`). Goal (issue 10): the plan in under 2 s.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import generate  # a sibling script: sys.path[0]

from ftgitops.collector import collector_paused
from ftgitops.deploy.plan import plan
from ftgitops.deploy.simulate import Simulation
from ftgitops.load import load_directory
from ftgitops.model import Change

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
GOAL = 2.0
DEPLOY = re.compile(r"deploy:\n  driver: octopus\n  project: FastTrack360\n  version: [^\n]*\n")
STATUS = re.compile(r"\nstatus: (?:scheduled|approved)\n")
WINDOW = re.compile(r"window:\n  start: [^\n]*\n  end: [^\n]*\n")


def prepare(root: Path, changes: int, due: int, upcoming: int) -> tuple[int, int]:
    """Rewrite the changes; how many are due and how many upcoming."""
    counts = [0, 0]
    for number, path in enumerate(sorted(root.glob("changes/*/CHG-*.yaml"))):
        text = DEPLOY.sub("deploy:\n  driver: command\n  command: ./ship.sh\n", path.read_text())
        if counts[0] < due and number % 7 == 0:
            day, counts[0] = "2026-11-21T09:00Z", counts[0] + 1
            end = "2026-11-21T12:00Z"
            text = STATUS.sub(
                "\nstatus: approved\n", text.replace("status: completed", "status: approved")
            )
        elif counts[1] < upcoming and number % 7 == 3:
            day, counts[1] = f"2026-12-{1 + counts[1] % 27:02d}T20:00Z", counts[1] + 1
            end = day.replace("T20:00", "T22:00")  # times in UTC, whatever the region
            text = STATUS.sub(
                "\nstatus: scheduled\n", text.replace("status: completed", "status: scheduled")
            )
        else:
            path.write_text(STATUS.sub("\nstatus: completed\n", text))
            continue
        window = f"window:\n  start: {day}\n  end: {end}\n"
        path.write_text(WINDOW.sub(window, text).split("log:\n")[0])
    return counts[0], counts[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--tenants", type=int, default=50)
    parser.add_argument("--due", type=int, default=100)
    parser.add_argument("--upcoming", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, collector_paused():
        root = Path(folder) / "repo"
        files = generate(root, args.changes, args.tenants)
        due, upcoming = prepare(root, args.changes, args.due, args.upcoming)
        began = time.perf_counter()
        loaded = load_directory(root)
        model = loaded.platform_model()
        loading = time.perf_counter() - began
        best, found = float("inf"), None
        for _ in range(args.repeat):
            began = time.perf_counter()
            found = plan(model, NOW, ("command",))
            best = min(best, time.perf_counter() - began)
        assert found is not None
        first = next(step for step in found.steps if step.kind == "start")
        began = time.perf_counter()
        item = model.items[first.item]
        assert isinstance(item, Change) and first.target is not None
        Simulation(loaded, NOW).blockers(item, first.target)
        simulating = time.perf_counter() - began
    starts = sum(step.kind == "start" for step in found.steps)
    verdict = "meets" if best < GOAL else "MISSES"
    print(
        f"{files:,} files ({args.changes:,} items, {due} due, {upcoming} upcoming): "
        f"load {loading:.2f} s (not planning); plan {best:.3f} s, best of {args.repeat}, "
        f"{starts} starts and {len(found.waiting)} waiting; {verdict} the {GOAL:g} s goal;"
        f" the first re-simulation (validation and conflicts, once per load) {simulating:.2f} s"
    )


if __name__ == "__main__":
    main()
